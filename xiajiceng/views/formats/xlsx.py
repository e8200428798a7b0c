"""The ledger as an Excel workbook an office can print and hand round unchanged.

A title row and an as-of row, a bold frozen header, widths that fit Chinese text, wrapped
cells, a fill by state, a drop-down list of status words, landscape A4 fitted to the page
width with the header repeated on every page; and, for `xjc collect`, the task id of each
row in a hidden column and the plan's identity in a hidden sheet (see sheetspec).
"""

from __future__ import annotations

import io
import unicodedata
from typing import TYPE_CHECKING, Any

from ... import messages as M
from ... import sheetspec as S
from ...model import Status
from .base import (
    DONE,
    DUE_SOON,
    OVERDUE,
    Format,
    ledger_lines,
    ledger_subtitle,
    ledger_title,
)

if TYPE_CHECKING:
    from ...exchange import Ledger

FONT = "宋体"
FILLS = {DONE: "C6EFCE", OVERDUE: "FFC7CE", DUE_SOON: "FFEB9C"}  # green, red, amber
HEADER_FILL = "D9E1F2"
# width limits per column (in Excel's character units); long text wraps within them
MAX_WIDTH = {
    M.LEDGER_SEQ: 6,
    M.LEDGER_ACTION: 18,
    M.LEDGER_TASK: 24,
    M.LEDGER_LEADERS: 20,
    M.LEDGER_SECTIONS: 16,
    M.LEDGER_ASSIGNEES: 16,
    M.LEDGER_DUE: 16,
    M.LEDGER_STATUS: 9,
    M.LEDGER_NOTE: 40,
    M.LEDGER_REMARK: 26,
}
CENTERED = {M.LEDGER_SEQ, M.LEDGER_DUE, M.LEDGER_STATUS}


def display_width(text: str) -> int:
    """Columns a text takes: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


LINE_HEIGHT = 14  # points per line of 10-point text


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell needs at a column width (in Excel's character units)."""
    room = max(int(width) - 1, 1)
    return sum(max(1, -(-display_width(line) // room)) for line in text.split("\n") or [""])


def fit_width(values: list[str], cap: int) -> float:
    widest = max(
        (display_width(line) for v in values for line in v.splitlines() or [""]), default=0
    )
    return min(max(widest + 2, 6), cap)


class Xlsx(Format):
    name = "xlsx"

    def ledger(self, ledger: Ledger) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation
        from openpyxl.worksheet.properties import PageSetupProperties

        lines = ledger_lines(ledger)
        columns = [*S.COLUMNS, S.ID_COLUMN]
        ncols = len(S.COLUMNS)
        last_row = S.FIRST_ROW + len(lines) - 1

        wb = Workbook()
        ws: Any = wb.active
        ws.title = M.LEDGER_SHEET

        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        body_font = Font(name=FONT, size=10)

        # title and as-of rows, across the visible columns
        ws.cell(S.TITLE_ROW, 1, ledger_title(ledger)).font = Font(name=FONT, size=16, bold=True)
        ws.cell(S.TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=S.TITLE_ROW, start_column=1, end_row=S.TITLE_ROW, end_column=ncols)
        ws.row_dimensions[S.TITLE_ROW].height = 30
        ws.cell(S.SUBTITLE_ROW, 1, ledger_subtitle(ledger)).font = Font(name=FONT, size=10)
        ws.cell(S.SUBTITLE_ROW, 1).alignment = Alignment(horizontal="right")
        ws.merge_cells(
            start_row=S.SUBTITLE_ROW, start_column=1, end_row=S.SUBTITLE_ROW, end_column=ncols
        )

        # the header
        for c, name in enumerate(columns, start=1):
            cell = ws.cell(S.HEADER_ROW, c, name)
            cell.font = Font(name=FONT, size=11, bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
        ws.row_dimensions[S.HEADER_ROW].height = 22

        # one row per task. Each cell takes one of a few named styles, registered once:
        # setting font, border, alignment and fill cell by cell costs openpyxl a second
        # per thousand rows.
        styles: dict[tuple[str, str | None], str] = {}

        def style_for(align: str, state: str | None) -> str:
            name = f"xjc-{align}-{state or 'plain'}"
            if (align, state) not in styles:
                style = NamedStyle(name=name)
                style.font = body_font
                style.border = border
                style.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
                if state:
                    style.fill = PatternFill("solid", fgColor=FILLS[state])
                wb.add_named_style(style)
                styles[(align, state)] = name
            return styles[(align, state)]

        aligns = ["center" if name in CENTERED else "left" for name in columns]
        for i, line in enumerate(lines):
            r = S.FIRST_ROW + i
            for c, value in enumerate([*line.cells, line.task_id], start=1):
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text a person typed, never a formula
                cell.style = style_for(aligns[c - 1], line.state if c <= ncols else None)

        # widths that fit Chinese text; long text wraps, and rows are as tall as it needs
        # (Excel and LibreOffice do not grow a row for wrapped text written by a program)
        widths = []
        for c, name in enumerate(S.COLUMNS, start=1):
            values = [name] + [str(line.cells[c - 1]) for line in lines]
            widths.append(fit_width(values, MAX_WIDTH[name]))
            ws.column_dimensions[get_column_letter(c)].width = widths[-1]
        for i, line in enumerate(lines):
            most = max(lines_needed(str(v), w) for v, w in zip(line.cells, widths))
            ws.row_dimensions[S.FIRST_ROW + i].height = most * LINE_HEIGHT + 4
        id_letter = get_column_letter(len(columns))
        ws.column_dimensions[id_letter].width = 8
        ws.column_dimensions[id_letter].hidden = True

        ws.freeze_panes = ws.cell(S.FIRST_ROW, 1)

        # the status column takes only the status words
        status_letter = get_column_letter(columns.index(M.LEDGER_STATUS) + 1)
        choices = [s.label for s in Status]
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=False,
            showDropDown=False,  # (sic) False shows the in-cell arrow
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=M.LEDGER_VALIDATION_TITLE,
            error=M.LEDGER_VALIDATION_ERROR.format(choices="、".join(choices)),
            promptTitle=M.LEDGER_VALIDATION_TITLE,
            prompt=M.LEDGER_VALIDATION_PROMPT.format(choices="、".join(choices)),
        )
        if lines:
            dv.add(f"{status_letter}{S.FIRST_ROW}:{status_letter}{last_row}")
        ws.add_data_validation(dv)

        # printing: landscape A4, one page wide, the header on every page
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = f"{S.HEADER_ROW}:{S.HEADER_ROW}"
        ws.print_area = f"A1:{get_column_letter(ncols)}{max(last_row, S.HEADER_ROW)}"
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = M.LEDGER_FOOTER

        _identity_sheet(wb, ledger, lines)
        wb.properties.title = ledger_title(ledger)
        wb.properties.creator = "xjc"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def _identity_sheet(wb: Any, ledger: Ledger, lines: list[Any]) -> None:
    """The plan's identity and the exported values of the editable cells, hidden."""
    ident = wb.create_sheet(S.ID_SHEET)
    ident.sheet_state = "hidden"
    values = [ledger.plan.title, ledger.digest, ledger.as_of.isoformat(), S.FORMAT_VERSION]
    for r, (key, value) in enumerate(zip(S.ID_KEYS, values), start=1):
        ident.cell(r, 1, key)
        ident.cell(r, 2, value)
    ident.cell(S.BASE_CAPTION_ROW, 1, M.ID_SHEET_BASE)
    for c, name in enumerate(S.BASE_COLUMNS, start=1):
        ident.cell(S.BASE_HEADER_ROW, c, name)
    at = {name: S.COLUMNS.index(name) for name in S.EDITABLE}
    for i, line in enumerate(lines):
        r = S.BASE_FIRST_ROW + i
        ident.cell(r, 1, line.task_id)
        for c, name in enumerate(S.EDITABLE, start=2):
            cell = ident.cell(r, c, line.cells[at[name]])
            cell.data_type = "s"


FORMAT = Xlsx()
