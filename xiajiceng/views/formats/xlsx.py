"""The ledger as an Excel workbook an office can print and hand round unchanged.

A title row and an as-of row, a bold frozen header, widths that fit Chinese text, wrapped
cells, a fill by state, a drop-down list of status words, landscape A4 fitted to the page
width with the header repeated on every page; and, for `xjc collect`, the task id of each
row in a hidden column and the plan's identity in a hidden sheet (see model.ledger_layout).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.model import Status
from xiajiceng.model import ledger_layout as S
from xiajiceng.model.plan import K
from xiajiceng.text import display_width
from xiajiceng.views.formats.base import (
    DONE,
    DONE_LATE,
    DUE_SOON,
    OVERDUE,
    Format,
    ledger_columns,
    ledger_lines,
    ledger_subtitle,
    ledger_title,
)

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger

FONT = "宋体"
# green, orange (done, but after the time limit), red, amber
FILLS = {DONE: "#C6EFCE", DONE_LATE: "#F8CBAD", OVERDUE: "#FFC7CE", DUE_SOON: "#FFEB9C"}
HEADER_FILL = "#D9E1F2"
# width limits per column (in Excel's character units); long text wraps within them
MAX_WIDTH = {
    M.LEDGER_SEQ: 6,
    M.LEDGER_ACTION: 18,
    M.LEDGER_TASK: 24,
    M.LEDGER_ASSIGNEES: 16,
    M.LEDGER_DUE: 16,
    M.LEDGER_STATUS: 9,
    M.LEDGER_NOTE: 40,
    M.LEDGER_REMARK: 26,
}
# owner columns are headed by the plan's own words: their limits go by role
_ROLE_WIDTH = {"leaders": 20, "lead": 16, "sections": 16, "support": 20}
MAX_WIDTH |= {w: _ROLE_WIDTH[role] for role, words in K.ROLE_WORDS.items() for w in words}
CENTERED = {M.LEDGER_SEQ, M.LEDGER_DUE, M.LEDGER_STATUS}


LINE_HEIGHT = 14  # points per line of 10-point text


def line_widths(text: str) -> list[int]:
    """The display width of each line of a cell's text (display_width, inlined: 100,000
    cells at 10,000 tasks)."""
    if "\n" not in text:
        n = len(text)
        return [n + (len(text.encode("utf-8")) - n) // 2]
    return [display_width(line) for line in text.split("\n")]


def fit_widths(header: list[str], rows: list[list[list[int]]]) -> list[float]:
    """Column widths (Excel's character units) that fit the widest line of each column, its
    header included, within MAX_WIDTH."""
    widest = [display_width(name) for name in header]
    for row in rows:
        for c, widths in enumerate(row):
            w = widths[0] if len(widths) == 1 else max(widths)
            if w > widest[c]:
                widest[c] = w
    return [min(max(w + 2, 6), MAX_WIDTH[name]) for w, name in zip(widest, header)]


def lines_needed(widths: list[int], width: float) -> int:
    """Lines a wrapped cell needs at a column width, from the widths of its lines."""
    room = max(int(width) - 1, 1)
    return sum(-(-w // room) or 1 for w in widths)


class Xlsx(Format):
    name = "xlsx"

    def ledger(self, ledger: Ledger) -> bytes:
        # XlsxWriter, not openpyxl, builds the workbook, for speed: openpyxl's writer took four
        # times as long at 10,000 tasks. Only its public API is used. (Its constant_memory
        # mode measured slower here, 10,000 rows fitting in memory, and writes inline
        # strings, not the shared ones Excel writes.) Reading a filled-in sheet back, in
        # store/sheets.py, is openpyxl's.
        import xlsxwriter  # type: ignore[import-untyped]

        lines = ledger_lines(ledger)
        visible = list(ledger_columns(ledger))
        columns = [*visible, S.ID_COLUMN]
        ncols = len(visible)
        last_row = S.FIRST_ROW + len(lines) - 1

        out = io.BytesIO()
        # every text is text: never a formula (a note "=HYPERLINK(…)"), never a link; every
        # cell is written with write_string (see _Cells), which makes neither, too
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        wb = xlsxwriter.Workbook(out, options)
        ws = wb.add_worksheet(M.LEDGER_SHEET)
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        boxed = {**base, "border": 1, "border_color": "#808080", "text_wrap": True}
        cells = _Cells(wb.add_format({"font_name": FONT, "font_size": 10}))

        # title and as-of rows, across the visible columns (xlsxwriter counts from 0)
        title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        subtitle = wb.add_format({**base, "align": "right"})
        ncols_last = ncols - 1
        ws.merge_range(S.TITLE_ROW - 1, 0, S.TITLE_ROW - 1, ncols_last, "", title)
        cells.put(ws, S.TITLE_ROW - 1, 0, ledger_title(ledger), title)
        ws.set_row(S.TITLE_ROW - 1, 30)
        ws.merge_range(S.SUBTITLE_ROW - 1, 0, S.SUBTITLE_ROW - 1, ncols_last, "", subtitle)
        cells.put(ws, S.SUBTITLE_ROW - 1, 0, ledger_subtitle(ledger), subtitle)

        # the header
        header = wb.add_format(
            {**boxed, "font_size": 11, "bold": True, "align": "center", "bg_color": HEADER_FILL}
        )
        ws.set_row(S.HEADER_ROW - 1, 22)
        for c, name in enumerate(columns):
            cells.put(ws, S.HEADER_ROW - 1, c, name, header)

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
        measured = [[line_widths(str(v)) for v in line.cells] for line in lines]
        widths = fit_widths(visible, measured)
        styles = {
            state: [fmt(align, state if c < ncols else None) for c, align in enumerate(aligns)]
            for state in (None, *FILLS)
        }
        for r, (line, row) in enumerate(zip(lines, measured), start=S.FIRST_ROW - 1):
            # Excel and LibreOffice do not grow a row for wrapped text written by a program
            most = max(lines_needed(cell, w) for cell, w in zip(row, widths))
            ws.set_row(r, most * LINE_HEIGHT + 4)
            cells.row(ws, r, [*line.cells, line.task_id], styles[line.state])

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

        _identity_sheet(wb, cells, ledger, lines, visible)
        wb.set_properties({"title": ledger_title(ledger), "author": "xjc"})
        wb.close()
        return out.getvalue()


def _identity_sheet(
    wb: Any, cells: _Cells, ledger: Ledger, lines: list[Any], visible: list[str]
) -> None:
    """The plan's identity and the exported values of the editable cells, hidden."""
    ident = wb.add_worksheet(S.ID_SHEET)
    ident.hide()
    values = [ledger.plan.title, ledger.digest, ledger.as_of.isoformat(), S.FORMAT_VERSION]
    for r, (key, value) in enumerate(zip(S.ID_KEYS, values)):
        cells.put(ident, r, 0, key)
        cells.put(ident, r, 1, value)
    cells.put(ident, S.BASE_CAPTION_ROW - 1, 0, M.ID_SHEET_BASE)
    for c, name in enumerate(S.BASE_COLUMNS):
        cells.put(ident, S.BASE_HEADER_ROW - 1, c, name)
    at = [visible.index(name) for name in S.EDITABLE]
    plain = [None] * len(S.BASE_COLUMNS)
    for r, line in enumerate(lines, start=S.BASE_FIRST_ROW - 1):
        cells.row(ident, r, [line.task_id, *(str(line.cells[i]) for i in at)], plain)


# XlsxWriter takes a text that starts with "<r>" and ends with "</r>" for the XML of a rich
# string of its own making and writes it unescaped (a broken or forged cell); and in the runs
# of a rich string it leaves a literal _xHHHH_, which Excel reads as an escaped character.
_RICH_LOOKALIKE = ("<r>", "</r>")
_ESCAPE_LOOKALIKE = re.compile(r"(?<=_)(?=x[0-9A-Fa-f]{4}_)")  # between the _ and the xHHHH_


class _Cells:
    """Writes every cell of the workbook through XlsxWriter's public API, as a number or as
    literal text (write_string: never a formula, never a link). A text XlsxWriter would take
    for its own rich-string XML is written as a rich string whose runs, in the cell's font,
    are the text; a literal _xHHHH_ in it is cut between two runs, so it stays literal.
    (Texts hold no control characters: ledger_lines and the plan loader see to that.)"""

    def __init__(self, font: Any):
        self.font = font

    def put(self, ws: Any, r: int, c: int, value: str | int, style: Any = None) -> None:
        self.row(ws, r, [value], [style], c)

    def row(self, ws: Any, r: int, values: list[Any], styles: list[Any], first: int = 0) -> None:
        """A row's cells from column `first` on (150,000 cells at 10,000 tasks)."""
        write_string = ws.write_string
        start, end = _RICH_LOOKALIKE
        for c, (value, style) in enumerate(zip(values, styles), start=first):
            if value.__class__ is not str:
                ws.write_number(r, c, value, style)
            elif not value:
                ws.write_blank(r, c, None, style)  # an empty cell keeps its border and fill
            elif value.startswith(start) and value.endswith(end):
                runs = [start, *_ESCAPE_LOOKALIKE.split(value[len(start) :])]
                fragments = [x for run in runs for x in (self.font, run)]
                ws.write_rich_string(r, c, *fragments, *([style] if style else []))
            else:
                write_string(r, c, value, style)


FORMAT = Xlsx()
