"""The monthly report as files (.docx, .md, .html): what the first week's clerk saw in them."""

from __future__ import annotations

import re

import pytest

from tests.usecases.test_report import _plan_without_leaders


@pytest.fixture
def march(history, tmp_path):
    """history, plus status changes in March without a note: 1.2 started, 4.1 paused."""
    history.ok("mark", "1.2", "doing", "--date", "2023-03-02")
    history.ok("mark", "4.1", "paused", "--date", "2023-03-10")
    return history


def _docx(xjc, tmp_path, *extra):
    from docx import Document

    out = tmp_path / "月报.docx"
    xjc.ok("report", "--month", "3", "-o", str(out), *extra)
    return Document(str(out))


def _q(tag):
    from docx.oxml.ns import qn

    return qn(tag)


def test_docx_rows_do_not_split_across_pages(march, tmp_path):
    doc = _docx(march, tmp_path)
    rows = doc.element.body.xpath(".//w:tbl/w:tr")
    assert len(rows) == 4 + 13  # four header rows, one row a task
    for tr in rows:
        assert tr.xpath("./w:trPr/w:cantSplit/@w:val") == ["true"]


def test_docx_owner_heading_fits_its_column(march, tmp_path):
    from docx.shared import Pt

    doc = _docx(march, tmp_path)
    table = doc.tables[0]
    heading = table.rows[0].cells[1].text
    assert heading == "责任领导／科室／承办人"
    margins = Pt(2 * 5.4)  # Word's default cell margins, 0.19 cm a side
    assert table.columns[1].width >= Pt(12) * len(heading) + margins  # 小四, one line


def test_docx_items_are_numbered_once(march, tmp_path):
    doc = _docx(march, tmp_path)
    texts = [p.text for p in doc.paragraphs]
    problems = texts[texts.index("三、存在问题") : texts.index("四、下步打算")]
    assert (
        "4.1 走访慰问一批特殊党员（责任领导：沈伟强；责任科室：组织科；完成时限：6月30日）。"
        in problems
    )
    assert not [t for t in texts if re.match(r"\d+\. ", t)]  # no "1. 4.1 …"
    assert any(t.startswith("任务4.1“走访慰问一批特殊党员”，暂缓") for t in texts)


def test_docx_curly_quotes_are_in_the_chinese_font(march, tmp_path):
    doc = _docx(march, tmp_path)
    quoted = [r for p in doc.paragraphs for r in p.runs if "“" in r.text or "”" in r.text]
    assert quoted
    for run in quoted:
        fonts = run.element.rPr.rFonts
        assert set(run.text) <= set("“”‘’")
        assert fonts.get(_q("w:hint")) == "eastAsia"
        assert fonts.get(_q("w:ascii")) == fonts.get(_q("w:eastAsia")) != "Times New Roman"
    # the text around them keeps Times New Roman for Latin letters and digits
    assert "专题调研、破解难题" in "".join(p.text for p in doc.paragraphs)


def test_status_change_and_paused_tasks_in_every_report_file(march, tmp_path):
    for ext in ("md", "html"):
        out = tmp_path / f"月报.{ext}"
        march.ok("report", "--month", "3", "-o", str(out))
        text = out.read_text(encoding="utf-8")
        problems = text.split("三、存在问题")[1].split("四、下步打算")[0]
        assert "暂缓1项" in problems and "4.1 走访慰问一批特殊党员" in problems, ext
        assert "状态改为暂缓" in text and "状态改为推进中" in text, ext
    doc = _docx(march, tmp_path)
    cells = {row.cells[0].text: row.cells[3].text for t in doc.tables for row in t.rows}
    assert cells["1.2 蹲点基层展开调研"] == "状态改为推进中"
    assert cells["4.1 走访慰问一批特殊党员"] == "状态改为暂缓"
    assert cells["2.2 抓好选情分析"] == "已完成（3月20日）"
    assert cells["3.2 开展满意度专题谈话"] == "本月无新进展"


def test_a_role_the_plan_does_not_use_is_left_out_of_every_report_file(xjc, tmp_path):
    plan = str(_plan_without_leaders(tmp_path))
    for ext in ("md", "html"):
        out = tmp_path / f"月报.{ext}"
        xjc.ok("report", "--month", "3", "-o", str(out), "--plan", plan)
        text = out.read_text(encoding="utf-8")
        assert "责任领导" not in text and "科室／承办人" in text, ext
        assert "（责任科室：一科；完成时限：12月31日）" in text, ext
    doc = _docx(xjc, tmp_path, "--plan", plan)
    assert doc.tables[0].rows[0].cells[1].text == "科室／承办人"
    assert "责任领导" not in "".join(p.text for p in doc.paragraphs)
