"""xjc remind as a person sees it: the table at 80 columns, the chat text, the 督办通知单."""

from __future__ import annotations

from docx import Document

from tests.helpers import assert_refused
from tests.usecases.test_office import BUSINESS
from xiajiceng.text import display_width

HOSTILE = BUSINESS.replace("发改局", '"../发改局/CON"')  # a unit's name, not a path


def test_table_fits_80_columns_with_colours_by_kind(xjc):
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    out = xjc.ok("remind", "--as-of", "2023-03-29").stdout
    lines = out.splitlines()
    assert lines[0] == "办公室  临近到期 6 项"
    assert lines[1].split() == ["编号", "任务", "责任领导", "承办人", "时限", "工作日", "已催办"]
    assert max(display_width(line) for line in lines) <= 80
    assert lines[-1] == "截至 3月29日：3 个工作日内到期 12 项，涉及 3 个单位。"
    coloured = xjc.ok("remind", "--as-of", "2023-04-06", FORCE_COLOR="1").stdout
    assert "\x1b[1;31m" in coloured  # overdue: red
    coloured = xjc.ok("remind", "--as-of", "2023-03-29", FORCE_COLOR="1").stdout
    assert "\x1b[33m" in coloured  # due soon: yellow


def test_chat_text_one_message_a_unit(xjc):
    xjc.ok("remind", "--as-of", "2023-04-06", "--record", "--unit", "干部科")
    out = xjc.ok("remind", "--as-of", "2023-04-07", "--text", "--unit", "干部科").stdout
    assert out.splitlines() == [
        "【督办通知单】干部科：",
        "截至4月7日，你单位有 4 项任务逾期或临近到期：",
        "1. 蹲点基层展开调研（1.2），时限3月31日，逾期 4 个工作日，已催办 1 次；",
        "2. 直面矛盾破解难题（1.3），时限3月31日，逾期 4 个工作日，已催办 1 次；",
        "3. 开展部长约谈活动（3.1），时限3月31日，逾期 4 个工作日，已催办 1 次；",
        "4. 协调助推一批结对企业（4.3），时限3月31日，逾期 4 个工作日，已催办 1 次；",
        "请抓紧推进，并于4月12日前反馈办理进展。",
        "市委组织部  2023年4月7日",
    ]


def _texts(path):
    doc = Document(str(path))
    body = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return doc, body, tables


def test_one_document_a_notice_a_unit_with_page_breaks(xjc, tmp_path):
    target = tmp_path / "催办通知.docx"
    res = xjc.ok("remind", "--as-of", "2023-03-29", "-o", str(target))
    assert res.stdout == f"已写入 {target}（3 个单位的督办通知单）\n"
    doc, body, tables = _texts(target)
    assert body.count("工作提醒函") == 3 and "督办通知单" not in body  # nothing overdue yet
    assert [t for t in body if t.endswith("：")] == ["办公室：", "组织科：", "干部科："]
    assert "于2023年4月3日前将办理进展" in body[2] and "市委组织部" in body[2]
    assert "《2023年干部下基层工作实施方案》" in body[2]
    assert len(tables) == 3 and tables[2][0][:2] == ["序号", "任务"]
    assert tables[2][1][:3] == ["1", "1.2 蹲点基层展开调研", "曹国良\n许静\n沈伟强"]
    assert tables[2][1][4:6] == ["3月31日", "剩余 3"]
    breaks = doc.element.body.xpath(".//w:br[@w:type='page']")
    assert len(breaks) == 2


def test_split_writes_one_safe_file_a_unit_inside_the_folder(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(HOSTILE, encoding="utf-8")
    monkeypatch.chdir(folder)
    out = tmp_path / "通知"
    xjc.ok("remind", "--as-of", "2023-04-06", "-o", str(out), "--split")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["办公室.docx", "发改局_CON.docx", "干部科.docx", "组织科.docx"]
    assert len(names) == 4 and not list(tmp_path.glob("*.docx"))
    assert all(p.parent == out for p in out.iterdir())
    _, body, _ = _texts(out / "组织科.docx")
    assert body[0] == "督办通知单" and body[1] == "组织科："
    _, _, tables = _texts(out / "组织科.docx")
    assert tables[0][1][1] == "下基层 1.2 蹲点基层展开调研"


def test_split_into_a_file_is_refused(xjc, tmp_path):
    taken = tmp_path / "x.docx"
    taken.write_bytes(b"")
    res = xjc("remind", "--as-of", "2023-04-06", "-o", str(taken), "--split")
    assert_refused(res, 2, str(taken))
    assert taken.read_bytes() == b""
