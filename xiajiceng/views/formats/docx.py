"""The monthly report as a Word document in 公文 style.

A4 with the 公文 margins (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm); the title in
方正小标宋简体 二号, sections in 黑体, sub-sections in 楷体, body in 仿宋_GB2312 三号 on a fixed
28-point line. Every font is named for East Asian text too (w:eastAsia), otherwise Word
shows Chinese in its default font. Where a font is missing Word and LibreOffice substitute.
"""

from __future__ import annotations

import copy
import io
import re
from typing import TYPE_CHECKING, Any

from xiajiceng.text import neutralise
from xiajiceng.views.formats import document as D
from xiajiceng.views.formats.base import Format

if TYPE_CHECKING:
    from xiajiceng.usecases.report import Report

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = 22  # 二号
BODY_SIZE = 16  # 三号
TABLE_SIZE = 12  # 小四
LINE = 28  # points, fixed line spacing of the body
PAGE_NUMBER_SIZE = 14  # 四号


def set_fonts(
    target: Any, east_asian: str, latin: str = LATIN_FONT, size: float | None = None
) -> None:
    """Name the fonts of a style or a run for Latin and East Asian text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = latin
    if size is not None:
        target.font.size = Pt(size)
    rpr = target.element.get_or_add_rPr() if hasattr(target, "element") else None
    if rpr is None:  # pragma: no cover - every docx style and run has an element
        return
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the names
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


# Curly quotes are characters Unicode calls ambiguous: Word takes the Latin font for them unless
# told they are East Asian, and “” in Times New Roman beside 仿宋 look narrow and out of place.
_QUOTES = re.compile("([“”‘’]+)")


def _run(paragraph: Any, text: str, east_asian: str, size: float, bold: bool = False) -> Any:
    """Every text of the document is added here: control characters, which XML cannot hold
    (Word's own soft line break \x0b among them), are written as visible escapes. Curly
    quotes get runs of their own, marked East Asian (w:hint) and in the Chinese font for
    Latin text too, so Word and LibreOffice alike draw them in the Chinese font. Returns the
    last run added."""
    from docx.oxml.ns import qn

    for i, part in enumerate(_QUOTES.split(neutralise(text))):
        if not part and i:
            continue
        run = paragraph.add_run(part)
        key = (i % 2, east_asian, size, bold)
        made = _RUN_PROPERTIES.get(key)
        if made is not None:  # a copy of the properties made once (python-docx is slow at it)
            run.element.insert(0, copy.deepcopy(made))
            continue
        if i % 2:  # a stretch of quotes
            set_fonts(run, east_asian, latin=east_asian, size=size)
            run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
        else:
            set_fonts(run, east_asian, size=size)
        run.font.bold = bold
        _RUN_PROPERTIES[key] = copy.deepcopy(run.element.rPr)
    return run


# a run's properties (w:rPr) by (quotes or not, East Asian font, size, bold), made by _run
_RUN_PROPERTIES: dict[tuple[int, str, float, bool], Any] = {}


def _text_with_breaks(paragraph: Any, text: str, east_asian: str, size: float) -> None:
    from docx.enum.text import WD_BREAK

    for i, line in enumerate(text.split("\n")):
        run = _run(paragraph, line, east_asian, size)
        if i < len(text.split("\n")) - 1:
            run.add_break(WD_BREAK.LINE)


def _page_number_footer(section: Any) -> None:
    """— 1 — centred at the foot of every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", "宋体", PAGE_NUMBER_SIZE)
    run = _run(p, "", "宋体", PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.element.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run.element.append(fld)
    _run(p, " —", "宋体", PAGE_NUMBER_SIZE)


def gongwen_page(doc: Any) -> float:
    """The page of a 公文 (A4; top 3.7 cm, bottom 3.5, left 2.8, right 2.6) and its Normal
    style (仿宋_GB2312 三号 on fixed LINE-point lines, no space around paragraphs): what every
    Word file xjc writes starts from. The width of the text in cm."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT, size=BODY_SIZE)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE)
    pf.space_before = pf.space_after = Pt(0)
    return 21 - 2.8 - 2.6


def xml_child(parent: Any, tag: str) -> Any:
    """parent's first child `tag` (a w:trPr, a w:tcPr), made first if it has none."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(0, found)
    return found


def _rows_unsplit(doc: Any) -> None:
    """Every row of the table just added stays on one page (w:cantSplit): a task's row cut
    in two across a page break reads as two tasks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tr in doc.element.body.xpath("./w:tbl")[-1].xpath("./w:tr"):
        trpr = xml_child(tr, "w:trPr")
        if trpr.find(qn("w:cantSplit")) is None:
            cant = OxmlElement("w:cantSplit")
            cant.set(qn("w:val"), "true")
            trpr.insert(0, cant)


def _head_row(doc: Any, fill: str) -> None:
    """The header row of the table just added: shaded, and repeated on every page. (Through
    the document's XML, python-docx's public way to what its API does not offer.)"""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr = doc.element.body.xpath("./w:tbl")[-1].xpath("./w:tr")[0]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    xml_child(tr, "w:trPr").append(header)
    for tc in tr.xpath("./w:tc"):
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        xml_child(tc, "w:tcPr").append(shd)


class Docx(Format):
    name = "docx"

    def report(self, rep: Report) -> bytes:
        from docx import Document
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Cm, Pt, RGBColor

        doc = Document()
        text_width = gongwen_page(doc)
        section = doc.sections[0]
        section.footer_distance = Cm(2.5)

        headings = [("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)]
        if rep.parts:  # across plans, actions are 1． under the plan's （一）: 仿宋, bold
            headings.append(("Heading 3", BODY_FONT))
        for style_name, font in headings:
            style = doc.styles[style_name]
            set_fonts(style, font, size=BODY_SIZE)
            style.font.bold = style_name == "Heading 3"
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            hf = style.paragraph_format
            hf.first_line_indent = Pt(BODY_SIZE * 2)
            hf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            hf.line_spacing = Pt(LINE)
            hf.space_before = hf.space_after = Pt(0)
            hf.keep_with_next = True

        for b in D.build(rep):
            if b.kind == D.TITLE:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.line_spacing = Pt(36)
                _run(p, b.text, TITLE_FONT, TITLE_SIZE)
            elif b.kind == D.SUBTITLE:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(LINE)
                _run(p, b.text, SUBHEADING_FONT, BODY_SIZE)
            elif b.kind in (D.H1, D.H2):
                h = doc.add_heading(level=1 if b.kind == D.H1 else 2)
                _run(h, b.text, HEADING_FONT if b.kind == D.H1 else SUBHEADING_FONT, BODY_SIZE)
            elif b.kind == D.H3:
                h = doc.add_heading(level=3)
                _run(h, b.text, BODY_FONT, BODY_SIZE, bold=True)
            elif b.kind in (D.PARA, D.ITEM):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                p.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
                _run(p, b.text, BODY_FONT, BODY_SIZE)
            elif b.kind == D.TABLE:
                table = doc.add_table(rows=1, cols=len(b.headers))
                table.style = doc.styles["Table Grid"]
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                total = sum(b.widths) or len(b.headers)
                widths = [Cm(text_width * w / total) for w in b.widths] if b.widths else []
                for i, name in enumerate(b.headers):
                    p = table.rows[0].cells[i].paragraphs[0]
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    p.paragraph_format.line_spacing = Pt(20)
                    _run(p, name, HEADING_FONT, TABLE_SIZE)
                _head_row(doc, "E7E6E6")
                for values in b.rows:
                    cells = table.add_row().cells
                    for i, value in enumerate(values):
                        p = cells[i].paragraphs[0]
                        if b.centred and i >= b.centred:
                            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                        p.paragraph_format.line_spacing = Pt(20)
                        _text_with_breaks(p, value, BODY_FONT, TABLE_SIZE)
                table.autofit = False
                for i, w in enumerate(widths):
                    table.columns[i].width = w  # the grid, which LibreOffice follows
                for row in table.rows:
                    for i, w in enumerate(widths):
                        row.cells[i].width = w  # the cells, which Word follows
                _rows_unsplit(doc)
                doc.add_paragraph()  # a line of space after the table
            elif b.kind == D.SIGNATURE:
                doc.add_paragraph()
                for line in b.lines:
                    p = doc.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    p.paragraph_format.right_indent = Pt(BODY_SIZE * 4)
                    _run(p, line, BODY_FONT, BODY_SIZE)

        _page_number_footer(section)
        doc.core_properties.title = neutralise(D.report_title(rep), lines=False)
        doc.core_properties.author = neutralise(D.issuer(rep), lines=False) or "xjc"
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


FORMAT = Docx()
