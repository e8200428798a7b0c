"""export and report -o: the files are opened with the libraries an office's tools use."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_bad_input import assert_refused

from xiajiceng.views import formats


@pytest.fixture
def history(xjc):
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    xjc.ok("mark", "3.1", "doing", "--date", "2023-03-06", "--note", "约谈5人")
    xjc.ok("done", "2.2", "--date", "2023-03-20")
    return xjc


def test_every_advertised_format_has_an_implementation():
    for ext, load in formats.LEDGER_FORMATS.items():
        fmt = load()
        assert fmt.writes_ledger(), ext
        assert formats.ledger_format(Path("x" + ext.upper())) is fmt
    for ext, load in formats.REPORT_FORMATS.items():
        fmt = load()
        assert fmt.writes_report(), ext
        assert formats.report_format(Path("x" + ext)) is fmt


# -- xlsx --------------------------------------------------------------------------------------


def _rows(ws, first=4):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first) if row[0].value]


def test_xlsx_ledger(history, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    res = history.ok("export", str(out), "--as-of", "2023-03-27")
    assert "13 项任务" in res.stdout and "2023年3月27日" in res.stdout
    wb = load_workbook(out)
    ws = wb["台账"]
    assert ws["A1"].value == "2023年干部下基层工作台账"
    assert "A1:J1" in [str(r) for r in ws.merged_cells.ranges]
    assert ws["A2"].value == "截至 2023年3月27日"
    header = [c.value for c in ws[3]]
    assert header == [
        "序号",
        "专项行动",
        "任务",
        "责任领导",
        "责任科室",
        "承办人",
        "完成时限",
        "状态",
        "进展情况",
        "备注",
        "编号",
    ]
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    rows = _rows(ws)
    assert len(rows) == 13
    by_id = {r[10]: r for r in rows}
    assert by_id["2.1"][:9] == [
        4,
        "2. 联镇联村、助村换届",
        "2.1 加强业务指导",
        "沈伟强",
        "组织科",
        "李明、周芳",
        "2023年3月31日",
        "推进中",
        "指导组已组建",
    ]
    assert by_id["1.1"][7] == "已完成" and "2月24日完成" in by_id["1.1"][9]
    assert by_id["4.1"][6] == "2023年6月30日"

    # fills: done green, due within 7 days amber, not due soon none; overdue red below
    def fill(task_id):
        row = next(c.row for c in ws["K"] if c.value == task_id)
        return ws.cell(row, 3).fill.fgColor.rgb[-6:] if ws.cell(row, 3).fill.fill_type else None

    assert fill("1.1") == "C6EFCE"
    assert fill("2.1") == "FFEB9C"
    assert fill("4.1") is None

    # every cell of a task row carries the row's style; the hidden id column only the box
    row_11 = next(c.row for c in ws["K"] if c.value == "1.1")
    for cell in ws[row_11]:
        assert cell.font.name == "宋体" and cell.border.left.style == "thin", cell.coordinate
        assert cell.alignment.wrap_text and cell.alignment.vertical == "center"
        colour = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None
        assert colour == ("C6EFCE" if cell.column < 11 else None), cell.coordinate
    assert ws.cell(row_11, 1).alignment.horizontal == "center"
    assert ws.cell(row_11, 3).alignment.horizontal == "left"
    assert ws.dimensions == "A1:K16"
    assert ws.row_dimensions[row_11].height >= 18

    # the id column is hidden; widths count CJK characters double
    assert ws.column_dimensions["K"].hidden
    assert ws.column_dimensions["D"].width >= 20  # 曹国良、许静、沈伟强 = 10 CJK characters
    assert ws.column_dimensions["A"].width < ws.column_dimensions["C"].width
    assert ws["I4"].alignment.wrap_text

    # the status column offers exactly the status words
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"未启动,推进中,已完成,暂缓"'
    assert str(dv.sqref) == "H4:H16"

    # printing
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth 1 is the default of the format, which a writer may leave out
    assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$3:$3"

    # identity, hidden
    ident = wb["xjc"]
    assert ident.sheet_state == "hidden"
    assert ident["B1"].value == "2023年干部下基层工作实施方案"
    assert len(ident["B2"].value) == 64
    assert ident["B3"].value == "2023-03-27"


def test_xlsx_overdue_is_red_and_filters_narrow(history, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "组织科.xlsx"
    history.ok("export", str(out), "--section", "zzk", "--status", "open", "--as-of", "2023-04-03")
    ws = load_workbook(out)["台账"]
    assert "组织科" in ws["A2"].value and "未完成" in ws["A2"].value
    rows = _rows(ws)
    ids = [r[10] for r in rows]
    assert "2.2" not in ids and "1.2" in ids and "3.1" not in ids  # 3.1 is 干部科's
    row_12 = next(c.row for c in ws["K"] if c.value == "1.2")
    assert ws.cell(row_12, 1).fill.fgColor.rgb[-6:] == "FFC7CE"
    assert "逾期3天" in ws.cell(row_12, 10).value


def _written(texts, style=None):
    """The texts written as a row by the ledger writer's cell writer, read back by openpyxl."""
    import xlsxwriter
    from openpyxl import load_workbook

    from xiajiceng.views.formats.xlsx import _Cells

    book = io.BytesIO()
    wb = xlsxwriter.Workbook(book, {"in_memory": True})
    ws = wb.add_worksheet()
    cells = _Cells(wb.add_format({"font_name": "宋体", "font_size": 10}))
    fmt = wb.add_format({"border": 1}) if style else None
    cells.row(ws, 0, texts, [fmt] * len(texts))
    wb.close()
    sheet = load_workbook(book).active
    return [sheet.cell(1, c).value for c in range(1, len(texts) + 1)], book


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.booleans())
def test_any_text_reads_back_as_written(texts, style):
    """Any text a cell can hold (as ledger_lines gives it: control characters neutralised)
    comes back whole: no formula, no link, no XML of its own, no _xHHHH_ decoded."""
    from xiajiceng.text import neutralise

    texts = [neutralise(t) for t in texts]
    assume(all("x005F_" not in t for t in texts))  # openpyxl drops it, whoever wrote the file
    back, _ = _written(texts, style)
    assert back == [t or None for t in texts]


@pytest.mark.parametrize(
    "text",
    ["<r>&</r>", "<r><t>伪造</t></r>", "<r>_x0041_ 与 _x4E2D_</r>", "<r></r>", " <r> </r> "],
)
def test_text_that_looks_like_xlsxwriters_own_xml_stays_text(text):
    """XlsxWriter writes a string of the form <r>…</r> unescaped, as XML it made itself."""
    import xml.etree.ElementTree as ET
    import zipfile

    back, book = _written([text, "x"], style=True)
    assert back == [text, "x"]
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ET.fromstring(z.read(name))


def test_the_shared_string_table_counts_what_it_holds(history, tmp_path):
    import zipfile

    out = tmp_path / "台账.xlsx"
    history.ok("export", str(out), "--as-of", "2023-03-27")
    with zipfile.ZipFile(out) as z:
        table = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    unique = int(re.search(r'uniqueCount="(\d+)"', table).group(1))
    count = int(re.search(r' count="(\d+)"', table).group(1))
    assert unique == table.count("<si>") and len(set(re.findall(r"<si>.*?</si>", table))) == unique
    assert count == sum(sheet.count('t="s"') for sheet in sheets)
    numbers = {int(v) for sheet in sheets for v in re.findall(r't="s"><v>(\d+)</v>', sheet)}
    assert numbers == set(range(unique))  # every string used, none missing


def test_a_cell_holds_at_most_what_excel_takes():
    back, _ = _written(["进" * 40000, "x"])
    assert back == ["进" * 32767, "x"]


def _benchmark_plan(folder: Path, tasks: int, events: int) -> Path:
    """A plan of `tasks` tasks and a journal of `events` events, by the benchmark's generator."""
    import importlib.util

    run_py = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("xjc_benchmark_run", run_py)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # (dataclasses look their module up)
    spec.loader.exec_module(bench)
    plan = folder / "plan.yaml"
    ids = bench.write_plan(plan, tasks)
    bench.write_journal(folder / "plan.journal.jsonl", ids, events)
    return plan


def test_a_1000_task_ledger_reads_back_cell_for_cell_and_collects_as_no_change(xjc, tmp_path):
    """Every cell of the workbook is the ledger's text, as the CSV export writes it (both come
    from ledger_lines), and collect finds nothing changed in a sheet handed back as it was."""
    from openpyxl import load_workbook

    plan = _benchmark_plan(tmp_path, 1000, 5000)
    sheet, table = tmp_path / "t.xlsx", tmp_path / "t.csv"
    for out in (sheet, table):
        xjc.ok("export", str(out), "--plan", str(plan), "--as-of", "2023-06-30")
    expected = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert not any(str(c).startswith(("'", "=")) for row in expected for c in row)
    wb = load_workbook(sheet)
    ws = wb["台账"]
    got = [
        ["" if v is None else str(v) for v in row]
        for row in ws.iter_rows(min_row=3, max_col=11, values_only=True)
    ]
    assert len(got) == 1001 and got == expected
    base = [list(row) for row in wb["xjc"].iter_rows(min_row=8, max_col=4, values_only=True)]
    assert [[r[-1], r[7], r[5], r[8]] for r in expected[1:]] == [
        ["" if v is None else v for v in row] for row in base
    ]
    res = xjc.ok("collect", str(sheet), "--plan", str(plan), "--dry-run")
    assert "无需记录" in res.stdout


def test_a_note_that_looks_like_xlsxwriters_own_xml_is_exported_and_collected(xjc, tmp_path):
    from openpyxl import load_workbook

    note = "<r><t>伪造</t></r>"
    xjc.ok("mark", "2.1", "推进中", "--note", note, "--date", "2023-02-08")
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out), "--as-of", "2023-03-10")
    ws = load_workbook(out)["台账"]
    row = next(c.row for c in ws["K"] if c.value == "2.1")
    cell = ws.cell(row, 9)
    assert cell.value == note and cell.border.left.style == "thin" and cell.alignment.wrap_text
    res = xjc.ok("collect", str(out), "--dry-run")
    assert "无需记录" in res.stdout


def test_formula_like_text_stays_text(xjc, tmp_path):
    from openpyxl import load_workbook

    xjc.ok("mark", "1.1", "--note", "=1+1", "--date", "2023-02-06")
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out))
    ws = load_workbook(out)["台账"]
    cell = next(c for c in ws["I"] if c.value == "=1+1")
    assert cell.data_type == "s"


# -- csv, json, md ---------------------------------------------------------------------------


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


# -- the monthly report --------------------------------------------------------------------


def test_docx_report(history, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "月报.docx"
    assert "月报.docx" in history.ok("report", "--month", "3", "-o", str(out)).stdout
    doc = Document(str(out))
    head = doc.element.body.xpath("./w:tbl")[0].xpath("./w:tr")[0]
    assert head.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    assert [c.get(qn("w:fill")) for c in head.xpath("./w:tc/w:tcPr/w:shd")] == ["E7E6E6"] * len(
        head.xpath("./w:tc")
    )
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
    code = (
        "import sys\n"
        "from xiajiceng.cli import main\n"
        "main(['export', '--help'])\n"
        "heavy = [m for m in ('openpyxl', 'docx', 'rich') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert out.strip().splitlines()[-1] == "HEAVY:"
