"""The assessment (xjc score -o) as files an office prints and hands round: an Excel workbook
with a sheet per kind of owner, and a Word document in 公文 style with a table per kind.
Both say the rule under the tables, as the terminal does.

Every text is written as text: in the workbook through write_string (never a formula, never
a link), in the document through docx's runs with control characters made visible.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from xiajiceng import messages as M
from xiajiceng.text import display_width, neutralise
from xiajiceng.usecases.score import Score, Section
from xiajiceng.views import score as V
from xiajiceng.views.formats.document import cn_number

# -- the workbook ------------------------------------------------------------------------------

FONT = "宋体"
HEADER_FILL = "#D9E1F2"
OVERDUE_FILL = "#FFC7CE"
LINE_HEIGHT = 14  # points per line of 10-point text
NAME_WIDTH = (8, 30)  # the name column's width, at least and at most (Excel's units)
RATE_COLUMN, AVERAGE_COLUMN, VERIFIED_COLUMN = 6, 7, 8  # in V.headers()

# XlsxWriter takes a text that starts with "<r>" and ends with "</r>" for rich-string XML of
# its own and writes it unescaped, and leaves a literal _xHHHH_ in the runs of a rich string:
# such a text is written as a rich string of two runs, the _xHHHH_ cut between runs.
_RICH = ("<r>", "</r>")
_ESCAPE = re.compile(r"(?<=_)(?=x[0-9A-Fa-f]{4}_)")


def _text(ws: Any, r: int, c: int, value: str, style: Any, font: Any) -> None:
    value = neutralise(value)
    if value.startswith(_RICH[0]) and value.endswith(_RICH[1]):
        runs = [_RICH[0], *_ESCAPE.split(value[len(_RICH[0]) :])]
        ws.write_rich_string(r, c, *[x for run in runs for x in (font, run)], style)
    else:
        ws.write_string(r, c, value, style)


def _rows_for(text: str, width: float) -> int:
    """Lines a wrapped text needs across `width` character units."""
    room = max(int(width) - 1, 1)
    return max(1, -(-display_width(text) // room))


def to_xlsx(res: Score) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    wb = xlsxwriter.Workbook(out, options)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
    boxed = {**base, "border": 1, "border_color": "#808080"}
    f = {
        "font": wb.add_format(base),
        "title": wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"}),
        "sub": wb.add_format({**base, "align": "center"}),
        "head": wb.add_format(
            {
                **boxed,
                "font_size": 11,
                "bold": True,
                "align": "center",
                "text_wrap": True,
                "bg_color": HEADER_FILL,
            }
        ),
        "name": wb.add_format({**boxed, "text_wrap": True}),
        "int": wb.add_format({**boxed, "align": "center"}),
        "red": wb.add_format({**boxed, "align": "center", "bg_color": OVERDUE_FILL}),
        "pct": wb.add_format({**boxed, "align": "center", "num_format": "0%"}),
        "avg": wb.add_format({**boxed, "align": "center", "num_format": "0.0"}),
        "note": wb.add_format({**base, "text_wrap": True, "valign": "top"}),
    }
    sections = V.shown(res) or res.sections[:1]
    for section in sections:
        _sheet(wb, f, res, section)
    wb.set_properties({"title": neutralise(V.title(res), lines=False), "author": "xjc"})
    wb.close()
    return out.getvalue()


def _sheet(wb: Any, f: dict[str, Any], res: Score, section: Section) -> None:
    ws = wb.add_worksheet(V.kind_word(res, section.kind))
    header = V.headers(res, section)
    ncols = len(header)
    font = f["font"]

    # widths by display width: the name column fits the names, the figures their headers
    name_width = max([display_width(x.name) for x in section.lines] or [0])
    name_width = min(max(name_width + 2, NAME_WIDTH[0]), NAME_WIDTH[1])
    widths = [max(display_width(h) + 2, 6) for h in header]
    widths[1] = name_width
    widths[AVERAGE_COLUMN] = 10  # its header wraps onto two lines
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    total = sum(widths)

    # title, subtitle (and the plans), the summary
    r = 0
    lines = [
        (M.SCORE_FILE_TITLE.format(title=V.title(res)), f["title"], 30),
        *[(text, f["sub"], 18) for text in (V.plans_line(res), V.subtitle(res)) if text],
    ]
    for text, style, height in lines:
        ws.merge_range(r, 0, r, ncols - 1, "", style)
        _text(ws, r, 0, text, style, font)
        ws.set_row(r, height)
        r += 1
    ws.merge_range(r, 0, r, ncols - 1, "", f["note"])
    _text(ws, r, 0, V.summary(res), f["note"], font)
    ws.set_row(r, _rows_for(V.summary(res), total) * LINE_HEIGHT + 4)
    r += 2

    head = r
    ws.set_row(r, 2 * LINE_HEIGHT + 6)
    for c, name in enumerate(header):
        _text(ws, r, c, name, f["head"], font)
    r += 1
    for line in section.lines:
        values = V.cells(res, line)
        for c, value in enumerate(values):
            if c == 1:
                _text(ws, r, c, str(value), f["name"], font)
            elif c == RATE_COLUMN:
                ws.write_number(r, c, float(line.rate), f["pct"])
            elif c == AVERAGE_COLUMN and line.average_late is not None:
                ws.write_number(r, c, line.average_late, f["avg"])
            elif c == VERIFIED_COLUMN and line.verified_share is not None:
                ws.write_number(r, c, float(line.verified_share), f["pct"])
            elif isinstance(value, int):
                style = f["red"] if c == 5 and value else f["int"]
                ws.write_number(r, c, value, style)
            else:
                _text(ws, r, c, str(value), f["int"], font)
        ws.set_row(r, _rows_for(line.name, name_width) * LINE_HEIGHT + 4)
        r += 1
    ws.freeze_panes(head + 1, 0)

    # under the table: what was left out, the rule, the note on guessed holidays
    r += 1
    for text in filter(None, [*V.notes(res, section), V.rule(res), V.guessed(res)]):
        ws.merge_range(r, 0, r, ncols - 1, "", f["note"])
        _text(ws, r, 0, text, f["note"], font)
        ws.set_row(r, _rows_for(text, total * 0.95) * LINE_HEIGHT + 4)
        r += 1

    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


# -- the document ------------------------------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBTITLE_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
TITLE_SIZE, BODY_SIZE, NOTE_SIZE, TABLE_SIZE = 22, 16, 14, 10.5  # 二号, 三号, 四号, 五号
LINE = 28  # points: the body's fixed line spacing
HEAD_FILL = "E7E6E6"


def _run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> None:
    from xiajiceng.views.formats.docx import set_fonts

    run = paragraph.add_run(neutralise(text))
    set_fonts(run, font, size=size)
    run.font.bold = bold


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def to_docx(res: Score) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from xiajiceng.views.formats.docx import gongwen_page

    doc = Document()
    text_width = gongwen_page(doc)

    def para(text: str, font: str = BODY_FONT, size: float = BODY_SIZE, indent: bool = True) -> Any:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        _run(p, text, font, size)
        return p

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = Pt(36)
    _run(p, M.SCORE_FILE_TITLE.format(title=V.title(res)), TITLE_FONT, TITLE_SIZE)
    for text in (V.plans_line(res), V.subtitle(res)):
        if text:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(p, text, SUBTITLE_FONT, BODY_SIZE)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(LINE)
    para(V.summary(res))

    sections = V.shown(res) if res.outcomes else []
    for n, s in enumerate(sections, start=1):
        word = V.kind_word(res, s.kind)
        heading = para(f"{cn_number(n)}、{M.SCORE_BY.format(word=word)}", HEADING_FONT)
        heading.paragraph_format.keep_with_next = True
        if s.lines:
            _table(doc, res, s, text_width)
        for note in V.notes(res, s):
            para(note, size=TABLE_SIZE + 1.5)
    for last in filter(None, [V.rule(res), V.guessed(res)]):
        para(last, size=NOTE_SIZE).paragraph_format.line_spacing = Pt(NOTE_SIZE * 1.6)

    doc.core_properties.title = neutralise(V.title(res), lines=False)
    doc.core_properties.author = "xjc"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: Any, res: Score, s: Section, text_width: float) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    header = V.headers(res, s)
    # relative widths: the name column wide, the figures by their headers
    rel = [max(display_width(h), 4) + 2 for h in header]
    rel[1] = max(rel[1], min(16, max(display_width(x.name) for x in s.lines) + 2))
    total = sum(rel)
    widths = [Cm(text_width * w / total) for w in rel]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    def cell_text(cell: Any, text: str, font: str, center: bool) -> None:
        p = cell.paragraphs[0]
        p.paragraph_format.line_spacing = Pt(18)
        p.paragraph_format.first_line_indent = Pt(0)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, text, font, TABLE_SIZE)

    for i, name in enumerate(header):
        cell = table.rows[0].cells[i]
        cell_text(cell, name, HEADING_FONT, True)
        _shade(cell, HEAD_FILL)
    _repeat_header(table.rows[0])
    for line in s.lines:
        row = table.add_row().cells
        for i, value in enumerate(V.cells(res, line)):
            cell_text(row[i], str(value), TABLE_FONT, i != 1)
    for i, w in enumerate(widths):
        table.columns[i].width = w
        for row in table.rows:
            row.cells[i].width = w
    doc.add_paragraph()


RENDERERS: dict[str, Callable[[Score], bytes]] = {".xlsx": to_xlsx, ".docx": to_docx}
