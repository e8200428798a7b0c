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
    LedgerLine,
    ledger_columns,
    ledger_lines,
    ledger_subtitle,
    ledger_title,
    plan_table,
    summary_subtitle,
    unit_table,
)

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger, OfficeLedger

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
    M.LEDGER_EVIDENCE: 24,
    M.LEDGER_NOTE: 40,
    M.LEDGER_REMARK: 26,
}
# owner columns are headed by the plan's own words: their limits go by role
_ROLE_WIDTH = {"leaders": 20, "lead": 16, "sections": 16, "support": 20}
MAX_WIDTH |= {w: _ROLE_WIDTH[role] for role, words in K.ROLE_WORDS.items() for w in words}
CENTERED = {M.LEDGER_SEQ, M.LEDGER_DUE, M.LEDGER_STATUS}


LINE_HEIGHT = 14  # points per line of 10-point text


def cell_width(value: str | int) -> int | list[int]:
    """The display width of a cell's text: a number for one line, a list for several
    (display_width, inlined for one line: 110,000 cells at 10,000 tasks)."""
    text = value if isinstance(value, str) else str(value)
    if "\n" not in text:
        n = len(text)
        return n + (len(text.encode("utf-8")) - n) // 2
    return [display_width(line) for line in text.split("\n")]


def line_widths(text: str) -> list[int]:
    """The display width of each line of a cell's text."""
    width = cell_width(text)
    return [width] if isinstance(width, int) else width


def fit_widths(header: list[str], rows: list[list[int | list[int]]]) -> list[float]:
    """Column widths (Excel's character units) that fit the widest line of each column, its
    header included, within MAX_WIDTH."""
    widest = [display_width(name) for name in header]
    for row in rows:
        for c, width in enumerate(row):
            w = width if isinstance(width, int) else max(width)
            if w > widest[c]:
                widest[c] = w
    return [min(max(w + 2, 6), MAX_WIDTH[name]) for w, name in zip(widest, header)]


def lines_needed(widths: list[int], width: float) -> int:
    """Lines a wrapped cell needs at a column width, from the widths of its lines."""
    room = max(int(width) - 1, 1)
    return sum(-(-w // room) or 1 for w in widths)


def rows_needed(rows: list[list[int | list[int]]], widths: list[float]) -> list[int]:
    """Lines each row needs: its tallest cell's, each as lines_needed counts (a single line
    that fits is one line without a division)."""
    rooms = [max(int(w) - 1, 1) for w in widths]
    out = []
    for row in rows:
        most = 1
        for width, room in zip(row, rooms):
            if isinstance(width, int):
                n = -(-width // room) if width > room else 1
            else:
                n = sum(-(-w // room) or 1 for w in width)
            if n > most:
                most = n
        out.append(most)
    return out


class Xlsx(Format):
    name = "xlsx"

    def ledger(self, ledger: Ledger) -> bytes:
        out = io.BytesIO()
        wb = _workbook(out)
        cells = _Cells(wb.add_format({"font_name": FONT, "font_size": 10}))
        lines = ledger_lines(ledger)
        visible = _ledger_sheet(wb, cells, ledger, lines, M.LEDGER_SHEET)
        _identity_sheet(wb, cells, ledger, lines, visible, S.ID_SHEET)
        wb.set_properties({"title": ledger_title(ledger), "author": "xjc"})
        wb.close()
        return out.getvalue()

    def office_ledger(self, led: OfficeLedger) -> bytes:
        """汇总 first, then a sheet per plan laid out as its own ledger, then (hidden) each
        plan sheet's identity, in the same order."""
        out = io.BytesIO()
        wb = _workbook(out)
        cells = _Cells(wb.add_format({"font_name": FONT, "font_size": 10}))
        _summary_sheet(wb, cells, led)
        names = S.sheet_names([p.short for p in led.parts])
        written = []
        for part, name in zip(led.parts, names):
            lines = ledger_lines(part.ledger)
            written.append((lines, _ledger_sheet(wb, cells, part.ledger, lines, name)))
        for n, (part, name, (lines, visible)) in enumerate(zip(led.parts, names, written), 1):
            ident = S.OFFICE_ID_SHEET.format(n=n)
            _identity_sheet(wb, cells, part.ledger, lines, visible, ident, name)
        wb.set_properties({"title": M.LEDGER_SUMMARY_TITLE, "author": "xjc"})
        wb.close()
        return out.getvalue()


def _workbook(out: io.BytesIO) -> Any:
    # XlsxWriter, not openpyxl, builds the workbook, for speed: openpyxl's writer took four
    # times as long at 10,000 tasks. Only its public API is used. (Its constant_memory
    # mode measured slower here, 10,000 rows fitting in memory, and writes inline
    # strings, not the shared ones Excel writes.) A filled-in sheet is read back by
    # store/sheets.py.
    import xlsxwriter  # type: ignore[import-untyped]

    # every text is text: never a formula (a note "=HYPERLINK(…)"), never a link; every
    # cell is written with write_string (see _Cells), which makes neither, too
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    return xlsxwriter.Workbook(out, options)


def _ledger_sheet(
    wb: Any, cells: _Cells, ledger: Ledger, lines: list[LedgerLine], sheet_name: str
) -> list[str]:
    """One plan's ledger as a sheet of the workbook; its visible columns."""
    visible = list(ledger_columns(ledger))
    columns = [*visible, S.ID_COLUMN]
    ncols = len(visible)
    last_row = S.FIRST_ROW + len(lines) - 1

    ws = wb.add_worksheet(sheet_name)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
    boxed = {**base, "border": 1, "border_color": "#808080", "text_wrap": True}

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
    measured = [[cell_width(v) for v in line.cells] for line in lines]
    widths = fit_widths(visible, measured)
    styles = {
        state: [fmt(align, state if c < ncols else None) for c, align in enumerate(aligns)]
        for state in (None, *FILLS)
    }
    # Excel and LibreOffice do not grow a row for wrapped text written by a program
    heights = rows_needed(measured, widths)
    for r, (line, most) in enumerate(zip(lines, heights), start=S.FIRST_ROW - 1):
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
    _print_setup(ws, landscape=True)
    ws.repeat_rows(S.HEADER_ROW - 1)
    ws.print_area(0, 0, max(last_row, S.HEADER_ROW) - 1, ncols - 1)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C" + M.LEDGER_FOOTER)
    return visible


# the 汇总 sheet: the widths of its columns (the plans' table; the units' table under it
# puts 单位 across the first two)
SUMMARY_WIDTHS = (10, 34, 8, 8, 8, 8, 8, 8, 9)
SUMMARY_SHORT_MAX = 20
SUMMARY_TITLE_ROW, SUMMARY_SUBTITLE_ROW, SUMMARY_FIRST_ROW = 0, 1, 3  # counted from 0


def _summary_sheet(wb: Any, cells: _Cells, led: OfficeLedger) -> None:
    """汇总: plans × status with a total row, then the units across plans."""
    ws = wb.add_worksheet(S.SUMMARY_SHEET)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
    boxed = {**base, "border": 1, "border_color": "#808080", "text_wrap": True}
    title = wb.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
    subtitle = wb.add_format({**base, "align": "right"})
    heading = wb.add_format({**base, "font_size": 12, "bold": True})
    header = wb.add_format(
        {**boxed, "font_size": 11, "bold": True, "align": "center", "bg_color": HEADER_FILL}
    )
    text = wb.add_format({**boxed, "align": "left"})
    number = wb.add_format({**boxed, "align": "center"})
    late = wb.add_format({**boxed, "align": "center", "font_color": "#C00000", "bold": True})
    total = wb.add_format({**boxed, "align": "center", "bold": True, "bg_color": "#F2F2F2"})
    last = len(SUMMARY_WIDTHS) - 1
    names, rows = plan_table(led)
    # the short names' column fits the longest (up to a limit; longer ones wrap)
    shortest, widest = SUMMARY_WIDTHS[0], SUMMARY_SHORT_MAX
    fit = max((display_width(str(row[0])) + 2 for row in rows), default=shortest)
    widths = [min(max(fit, shortest), widest), *SUMMARY_WIDTHS[1:]]
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.merge_range(SUMMARY_TITLE_ROW, 0, SUMMARY_TITLE_ROW, last, "", title)
    cells.put(ws, SUMMARY_TITLE_ROW, 0, M.LEDGER_SUMMARY_TITLE, title)
    ws.set_row(SUMMARY_TITLE_ROW, 30)
    ws.merge_range(SUMMARY_SUBTITLE_ROW, 0, SUMMARY_SUBTITLE_ROW, last, "", subtitle)
    cells.put(ws, SUMMARY_SUBTITLE_ROW, 0, summary_subtitle(led), subtitle)

    # plans × status, the last row the total
    r = SUMMARY_FIRST_ROW
    cells.put(ws, r, 0, M.LEDGER_SUMMARY_PLANS, heading)
    ws.set_row(r, 22)
    r += 1
    ws.set_row(r, 22)
    cells.row(ws, r, names, [header] * len(names))
    overdue_at = names.index(M.LEDGER_SUM_OVERDUE)
    for i, row in enumerate(rows):
        r += 1
        is_total = i == len(rows) - 1
        styles = [text, text, *[total if is_total else number] * len(row[2:])]
        if not is_total and row[overdue_at]:
            styles[overdue_at] = late  # the 逾期 count red when there are any
        most = max(lines_needed(line_widths(str(v)), w) for v, w in zip(row[:2], widths))
        ws.set_row(r, most * LINE_HEIGHT + 6)
        if is_total:
            ws.merge_range(r, 0, r, 1, "", total)
            cells.put(ws, r, 0, row[0], total)
            cells.row(ws, r, row[2:], styles[2:], 2)
        else:
            cells.row(ws, r, row, styles)

    # per unit across plans: 单位 across the first two columns
    r += 2
    cells.put(ws, r, 0, M.LEDGER_SUMMARY_UNITS, heading)
    ws.set_row(r, 22)
    names, rows = unit_table(led)
    if not rows:
        cells.put(ws, r + 1, 0, M.LEDGER_SUMMARY_NO_UNITS)
    else:
        r += 1
        ws.set_row(r, 22)
        ws.merge_range(r, 0, r, 1, "", header)
        cells.put(ws, r, 0, names[0], header)
        cells.row(ws, r, names[1:], [header] * (len(names) - 1), 2)
        overdue_at = names.index(M.LEDGER_SUM_OVERDUE)
        for row in rows:
            r += 1
            ws.set_row(r, LINE_HEIGHT + 6)
            ws.merge_range(r, 0, r, 1, "", text)
            cells.put(ws, r, 0, row[0], text)
            styles = [number] * len(row[1:])
            if row[overdue_at]:
                styles[overdue_at - 1] = late
            cells.row(ws, r, row[1:], styles, 2)

    _print_setup(ws, landscape=False)
    ws.print_area(0, 0, r, last)
    ws.center_horizontally()
    ws.set_footer("&C" + M.LEDGER_FOOTER)


def _print_setup(ws: Any, landscape: bool) -> None:
    """A4, one page wide."""
    if landscape:
        ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _identity_sheet(
    wb: Any,
    cells: _Cells,
    ledger: Ledger,
    lines: list[LedgerLine],
    visible: list[str],
    name: str,
    sheet: str = "",
) -> None:
    """The plan's identity and the exported values of the editable cells, hidden; across
    plans, with the name of the plan's sheet."""
    ident = wb.add_worksheet(name)
    ident.hide()
    values = [ledger.plan.title, ledger.digest, ledger.as_of.isoformat(), S.FORMAT_VERSION]
    keys: tuple[str, ...] = S.ID_KEYS
    if sheet:
        values = [*values[:3], S.OFFICE_FORMAT_VERSION, sheet]
        keys = S.OFFICE_ID_KEYS
    for r, (key, value) in enumerate(zip(keys, values)):
        cells.put(ident, r, 0, key)
        cells.put(ident, r, 1, value)
    cells.put(ident, S.BASE_CAPTION_ROW - 1, 0, M.ID_SHEET_BASE)
    for c, column in enumerate(S.BASE_COLUMNS):
        cells.put(ident, S.BASE_HEADER_ROW - 1, c, column)
    at = [visible.index(column) for column in S.EDITABLE]
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
