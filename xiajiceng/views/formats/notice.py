"""督办通知单 (and 工作提醒函) as a Word document in 公文 style: one notice a unit, a page
break between them. The page, fonts and sizes are the monthly report's (formats/docx.py).

Each notice: the title, 主送 the unit, a short body (which plan, as of when, how many tasks,
the reply date, to whom), the tasks in a table (time limit, working days left or late,
reminders already sent), then the issuer and the date on the right.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.text import neutralise
from xiajiceng.views.formats.docx import (
    BODY_FONT,
    BODY_SIZE,
    HEADING_FONT,
    LINE,
    TABLE_SIZE,
    TITLE_FONT,
    TITLE_SIZE,
    gongwen_page,
    set_fonts,
    xml_child,
)
from xiajiceng.views.phrases import full_date, short_date
from xiajiceng.views.remind import days_text, notice_body, notice_title

if TYPE_CHECKING:
    from xiajiceng.usecases.remind import Group, Reminders

TABLE_LINE = 20  # points, the table's fixed line spacing
HEAD_FILL = "E7E6E6"


def _add(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> None:
    """Text into a paragraph, a line break at each \\n; control characters shown as escapes.
    Ambiguous characters (curly quotes) are marked East Asian, so they take the Chinese font."""
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    run = None
    for line in neutralise(text).split("\n"):
        if run is not None:
            run.add_break(WD_BREAK.LINE)
        run = paragraph.add_run(line)
        set_fonts(run, font, size=size)
        run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
        run.font.bold = bold


# the table's columns, widths in centimetres: the task takes what the others leave of the
# 15.6 cm between the margins (小四 is about 0.42 cm a character)
_WIDTHS = {"seq": 1.3, "leaders": 2.2, "assignees": 1.9, "due": 2.4, "timing": 1.7, "times": 1.7}
TEXT_WIDTH = 21 - 2.8 - 2.6


def _columns(rem: Reminders) -> list[tuple[str, float]]:
    """The table's headings and widths (cm)."""
    w = _WIDTHS
    return [
        (M.COL_SEQ, w["seq"]),
        (M.COL_TASK, TEXT_WIDTH - sum(w.values())),
        (rem.plan.word("leaders"), w["leaders"]),
        (M.COL_ASSIGNEES, w["assignees"]),
        (M.COL_DUE_FULL, w["due"]),
        (M.COL_TIMING, w["timing"]),
        (M.COL_REMINDED, w["times"]),
    ]


def _cells(group: Group, rem: Reminders) -> list[list[str]]:
    """A row a task; across an office's plans the task names its plan (下基层 2.2 …)."""
    rows = []
    for n, item in enumerate(group.items, 1):
        t = item.task
        ref = f"{t.plan} {t.local_id}" if t.plan else t.local_id
        rows.append(
            [
                str(n),
                f"{ref} {t.title}",
                "\n".join(t.leaders),
                "\n".join(item.row.state.assignees),
                short_date(t.due, rem.plan.year),
                days_text(item),
                M.REMIND_TIMES.format(n=item.reminders) if item.reminders else "",
            ]
        )
    return rows


def _shade_head(doc: Any) -> None:
    """The table just added: its first row shaded and repeated at the top of every page, no
    row split across pages (through the document's XML: python-docx has no API for these)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for i, tr in enumerate(doc.element.body.xpath("./w:tbl")[-1].xpath("./w:tr")):
        xml_child(xml_child(tr, "w:trPr"), "w:cantSplit")
        if i:
            continue
        xml_child(tr, "w:trPr").append(OxmlElement("w:tblHeader"))
        for tc in tr.xpath("./w:tc"):
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), HEAD_FILL)
            xml_child(tc, "w:tcPr").append(shd)


def notices(rem: Reminders, groups: list[Group]) -> bytes:
    """One notice for each group (each names a unit), a page break between them."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    gongwen_page(doc)

    columns = _columns(rem)
    for gi, group in enumerate(groups):
        if gi:
            doc.add_page_break()
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.line_spacing = Pt(36)
        title.paragraph_format.space_after = Pt(LINE)
        _add(title, notice_title(group), TITLE_FONT, TITLE_SIZE)
        _add(doc.add_paragraph(), M.REMIND_TO.format(unit=group.unit), BODY_FONT, BODY_SIZE)
        body = doc.add_paragraph()
        body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
        body.paragraph_format.space_after = Pt(LINE / 2)
        _add(body, notice_body(group, rem), BODY_FONT, BODY_SIZE)

        table = doc.add_table(rows=1, cols=len(columns))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for i, (name, _) in enumerate(columns):
            p = table.rows[0].cells[i].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing = Pt(TABLE_LINE)
            _add(p, name, HEADING_FONT, TABLE_SIZE)
        for values in _cells(group, rem):
            cells = table.add_row().cells
            for i, value in enumerate(values):
                p = cells[i].paragraphs[0]
                p.paragraph_format.line_spacing = Pt(TABLE_LINE)
                if columns[i][0] != M.COL_TASK:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add(p, value, BODY_FONT, TABLE_SIZE)
        for i, (_, w) in enumerate(columns):
            width = Cm(w)
            table.columns[i].width = width  # the grid, which LibreOffice follows
            for cell in table.columns[i].cells:
                cell.width = width  # the cells, which Word follows
        _shade_head(doc)

        doc.add_paragraph()
        for line in (rem.issuer, full_date(rem.as_of)):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(BODY_SIZE * 2)
            _add(p, line, BODY_FONT, BODY_SIZE)

    doc.core_properties.title = neutralise(M.REMIND_NOTICE_TITLE, lines=False)
    doc.core_properties.author = neutralise(rem.issuer, lines=False) or "xjc"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
