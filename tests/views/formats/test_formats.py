"""export and report -o in every format but .xlsx (see test_xlsx.py): the files are opened with
the libraries an office's tools use; the choice of format by the file's extension."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.helpers import assert_refused
from xiajiceng.views import formats


def test_every_advertised_format_has_an_implementation():
    for ext, load in formats.LEDGER_FORMATS.items():
        fmt = load()
        assert fmt.writes_ledger(), ext
        assert formats.ledger_format(Path("x" + ext.upper())) is fmt
    for ext, load in formats.REPORT_FORMATS.items():
        fmt = load()
        assert fmt.writes_report(), ext
        assert formats.report_format(Path("x" + ext)) is fmt


def test_csv_has_bom_for_excel(history, tmp_path):
    out = tmp_path / "台账.csv"
    history.ok("export", str(out), "--as-of", "2023-03-27")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "专项行动", "任务"] and rows[0][-1] == "编号"
    assert len(rows) == 14
    assert [rows[4][-1], rows[4][7], rows[4][5]] == ["2.1", "推进中", "李明、周芳"]


def test_json_is_list_json(history, tmp_path):
    out = tmp_path / "t.json"
    history.ok("export", str(out), "--leader", "许静", "--as-of", "2023-03-27")
    import json

    listed = history.ok("list", "--leader", "许静", "--as-of", "2023-03-27", "--json").stdout
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(listed)


def test_md_ledger(history, tmp_path):
    out = tmp_path / "t.md"
    history.ok("export", str(out), "--action", "2", "--as-of", "2023-03-27")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 2023年干部下基层工作台账\n")
    assert "| 序号 | 专项行动 | 任务 |" in text
    assert text.count("\n| ") == 5  # header, rule, and the 3 tasks of action 2
    assert "| 2.1 加强业务指导 |" in text


def test_export_overwrites_atomically(history, tmp_path):
    out = tmp_path / "t.md"
    out.write_text("old", encoding="utf-8")
    history.ok("export", str(out))
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["t.md"]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["export", "台账.pdf"], [".pdf", ".xlsx、.csv、.md、.json"]),
        (["export", "台账"], ["台账", ".xlsx"]),
        (["export", "台账.docx"], [".docx", ".xlsx"]),
        (["report", "--month", "3", "-o", "月报.xlsx"], [".xlsx", ".docx、.md、.html"]),
        (["report", "--month", "3", "-o", "月报.md", "--json"], ["--json", "-o"]),
        (["export", "nowhere/台账.xlsx"], ["nowhere"]),
    ],
)
def test_refused_outputs(xjc, tmp_path, monkeypatch, args, fragments):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    code = 1 if args[1].startswith("nowhere") else 2
    assert_refused(xjc(*args), code, *fragments)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_docx_report(history, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "月报.docx"
    assert "月报.docx" in history.ok("report", "--month", "3", "-o", str(out)).stdout
    doc = Document(str(out))
    head = doc.element.body.xpath("./w:tbl")[0].xpath("./w:tr")[0]
    assert head.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    shading = [c.get(qn("w:fill")) for c in head.xpath("./w:tc/w:tcPr/w:shd")]
    assert shading == ["E7E6E6"] * len(head.xpath("./w:tc"))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "2023年3月干部下基层工作进展情况"
    assert paragraphs[1].text == "（截至2023年3月31日）"
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["一、总体情况", "二、分项进展", "三、存在问题", "四、下步打算"]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2[:4] == [
        "（一）专题调研、破解难题",
        "（二）联镇联村、助村换届",
        "（三）谈心谈话、提升满意",
        "（四）访民问情、关爱服务",
    ]
    assert "（一）尚未启动9项。" in h2
    overview = next(p.text for p in doc.paragraphs if p.text.startswith("《"))
    assert "已完成2项" in overview and "完成率15%" in overview

    def east_asian(run):
        return run._element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asian(paragraphs[0].runs[0]) == "方正小标宋简体"
    heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert east_asian(heading.runs[0]) == "黑体"
    assert east_asian(heading.style) == "黑体"
    body = next(p for p in doc.paragraphs if p.text.startswith("《")).runs[0]
    assert east_asian(body) == "仿宋_GB2312" and body.font.size.pt == 16
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.get(qn("w:asciiTheme")) is None

    # one table per action; 2.2 was done in March
    assert len(doc.tables) == 4
    table2 = doc.tables[1]
    assert [c.text for c in table2.rows[0].cells] == [
        "任务",
        "责任领导／科室／承办人",
        "状态",
        "本月进展",
    ]
    cells = {r.cells[0].text: r.cells for r in table2.rows[1:]}
    assert cells["2.2 抓好选情分析"][2].text == "已完成（3月20日）"
    assert "承办人：李明、周芳" in cells["2.1 加强业务指导"][1].text

    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.cm, 2) for m in margins] == [3.7, 3.5, 2.8, 2.6]


def test_md_and_html_report(history, tmp_path):
    md = tmp_path / "月报.md"
    history.ok("report", "--month", "3", "-o", str(md))
    text = md.read_text(encoding="utf-8")
    for heading in ("# 2023年3月干部下基层工作进展情况", "## 一、总体情况", "## 四、下步打算"):
        assert heading + "\n" in text
    assert "| 3.1 开展部长约谈活动 |" in text and "3月6日：约谈5人" in text

    html = tmp_path / "月报.html"
    history.ok("report", "--month", "2", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert "<h1>2023年2月干部下基层工作进展情况</h1>" in page
    assert page.count("<svg") == 2 and "分专项行动进度" in page and "分责任科室进度" in page
    # self-contained: no scripts, no links, no fetched fonts or images
    for forbidden in ("<script", "<link", "@import", "url(", "src="):
        assert forbidden not in page
    assert [u for u in page.split('"') if u.startswith("http")] == [
        "http://www.w3.org/2000/svg"
    ] * 2


def test_report_file_subject_from_plan_title():
    from xiajiceng.views.formats.base import subject

    assert subject("2023年干部下基层工作实施方案") == "干部下基层"
    assert subject("2024年度“组工干部下基层”活动实施方案") == "组工干部下基层"
    assert subject("方案") == "方案"


def test_help_does_not_import_office_libraries(tmp_path):
    from tests.helpers import loaded_by

    _, heavy = loaded_by(["export", "--help"], ("openpyxl", "docx", "rich"), tmp_path)
    assert heavy == []
