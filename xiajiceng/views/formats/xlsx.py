"""The ledger as an Excel workbook an office can print and hand round unchanged.

A title row and an as-of row, a bold frozen header, widths that fit Chinese text, wrapped
cells, a fill by state, a drop-down list of status words, landscape A4 fitted to the page
width with the header repeated on every page; and, for `xjc collect`, the task id of each
row in a hidden column and the plan's identity in a hidden sheet (see sheetspec).
"""

from __future__ import annotations

import io
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
FILLS = {DONE: "#C6EFCE", OVERDUE: "#FFC7CE", DUE_SOON: "#FFEB9C"}  # green, red, amber
HEADER_FILL = "#D9E1F2"
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
    """Columns a text takes, for fitting widths and row heights: CJK and full-width
    characters count double.

    Estimated from the UTF-8 length (ASCII takes 1 byte, CJK and full-width forms 3, so each
    of those adds 2 bytes and 1 column): exact for the text of plans, close for the rest,
    and a hundred times faster than asking unicodedata character by character.
    """
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) // 2


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


def _col(n: int) -> str:
    """Excel's letters for a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Xlsx(Format):
    name = "xlsx"

    def ledger(self, ledger: Ledger) -> bytes:
        # XlsxWriter, not openpyxl, writes: it streams a sheet of 10,000 rows about three
        # times faster. (Reading a filled-in sheet back, in store/sheets.py, is openpyxl's.)
        import xlsxwriter  # type: ignore[import-untyped]

        lines = ledger_lines(ledger)
        columns = [*S.COLUMNS, S.ID_COLUMN]
        ncols = len(S.COLUMNS)
        last_row = S.FIRST_ROW + len(lines) - 1

        out = io.BytesIO()
        wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
        ws = wb.add_worksheet(M.LEDGER_SHEET)
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        boxed = {**base, "border": 1, "border_color": "#808080", "text_wrap": True}

        # title and as-of rows, across the visible columns (xlsxwriter counts from 0)
        title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        subtitle = wb.add_format({**base, "align": "right"})
        ws.merge_range(S.TITLE_ROW - 1, 0, S.TITLE_ROW - 1, ncols - 1, ledger_title(ledger), title)
        ws.set_row(S.TITLE_ROW - 1, 30)
        sub = ledger_subtitle(ledger)
        ws.merge_range(S.SUBTITLE_ROW - 1, 0, S.SUBTITLE_ROW - 1, ncols - 1, sub, subtitle)

        # the header
        header = wb.add_format(
            {**boxed, "font_size": 11, "bold": True, "align": "center", "bg_color": HEADER_FILL}
        )
        ws.write_row(S.HEADER_ROW - 1, 0, columns, header)
        ws.set_row(S.HEADER_ROW - 1, 22)

        # one row per task; a format per alignment and state, made once
        formats: dict[tuple[str, str | None], Any] = {}

        def fmt(align: str, state: str | None) -> Any:
            if (align, state) not in formats:
                spec = {**boxed, "align": align}
                if state:
                    spec["bg_color"] = FILLS[state]
                formats[(align, state)] = wb.add_format(spec)
            return formats[(align, state)]

        aligns = ["center" if name in CENTERED else "left" for name in columns]
        widths = [
            fit_width([name] + [str(line.cells[c]) for line in lines], MAX_WIDTH[name])
            for c, name in enumerate(S.COLUMNS)
        ]
        for i, line in enumerate(lines):
            r = S.FIRST_ROW - 1 + i
            for c, value in enumerate([*line.cells, line.task_id]):
                f = fmt(aligns[c], line.state if c < ncols else None)
                if isinstance(value, int):
                    ws.write_number(r, c, value, f)
                else:  # always text: a cell typed "=…" is never a formula
                    ws.write_string(r, c, value, f)
            # Excel and LibreOffice do not grow a row for wrapped text written by a program
            most = max(lines_needed(str(v), w) for v, w in zip(line.cells, widths))
            ws.set_row(r, most * LINE_HEIGHT + 4)

        # widths that fit Chinese text; the id column is there for collect, hidden
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        ws.set_column(ncols, ncols, 8, None, {"hidden": True})
        ws.freeze_panes(S.FIRST_ROW - 1, 0)

        # the status column takes only the status words
        status_col = columns.index(M.LEDGER_STATUS)
        choices = [s.label for s in Status]
        if lines:
            ws.data_validation(
                S.FIRST_ROW - 1,
                status_col,
                last_row - 1,
                status_col,
                {
                    "validate": "list",
                    "source": choices,
                    "ignore_blank": False,
                    "input_title": M.LEDGER_VALIDATION_TITLE,
                    "input_message": M.LEDGER_VALIDATION_PROMPT.format(choices="、".join(choices)),
                    "error_title": M.LEDGER_VALIDATION_TITLE,
                    "error_message": M.LEDGER_VALIDATION_ERROR.format(choices="、".join(choices)),
                },
            )

        # printing: landscape A4, one page wide, the header on every page
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(S.HEADER_ROW - 1)
        ws.print_area(0, 0, max(last_row, S.HEADER_ROW) - 1, ncols - 1)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer("&C" + M.LEDGER_FOOTER)

        _identity_sheet(wb, ledger, lines)
        wb.set_properties({"title": ledger_title(ledger), "author": "xjc"})
        wb.close()
        return out.getvalue()


def _identity_sheet(wb: Any, ledger: Ledger, lines: list[Any]) -> None:
    """The plan's identity and the exported values of the editable cells, hidden."""
    ident = wb.add_worksheet(S.ID_SHEET)
    ident.hide()
    values = [ledger.plan.title, ledger.digest, ledger.as_of.isoformat(), S.FORMAT_VERSION]
    for r, (key, value) in enumerate(zip(S.ID_KEYS, values)):
        ident.write_string(r, 0, key)
        ident.write_string(r, 1, value)
    ident.write_string(S.BASE_CAPTION_ROW - 1, 0, M.ID_SHEET_BASE)
    ident.write_row(S.BASE_HEADER_ROW - 1, 0, S.BASE_COLUMNS)
    at = [S.COLUMNS.index(name) for name in S.EDITABLE]
    for i, line in enumerate(lines):
        r = S.BASE_FIRST_ROW - 1 + i
        ident.write_string(r, 0, line.task_id)
        for c, index in enumerate(at, start=1):
            ident.write_string(r, c, str(line.cells[index]))


FORMAT = Xlsx()
