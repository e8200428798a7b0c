"""The ledger as an Excel workbook an office can print and hand round unchanged.

A title row and an as-of row, a bold frozen header, widths that fit Chinese text, wrapped
cells, a fill by state, a drop-down list of status words, landscape A4 fitted to the page
width with the header repeated on every page; and, for `xjc collect`, the task id of each
row in a hidden column and the plan's identity in a hidden sheet (see sheetspec).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.model import Status
from xiajiceng.model import ledger_layout as S
from xiajiceng.views.formats.base import (
    DONE,
    DUE_SOON,
    OVERDUE,
    Format,
    ledger_lines,
    ledger_subtitle,
    ledger_title,
)

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger

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
        # XlsxWriter, not openpyxl, builds the workbook, and the task rows are added as XML
        # (see _Rows): together five times faster than openpyxl at 10,000 tasks. (Reading a
        # filled-in sheet back, in store/sheets.py, is openpyxl's.)
        import xlsxwriter  # type: ignore[import-untyped]

        lines = ledger_lines(ledger)
        columns = [*S.COLUMNS, S.ID_COLUMN]
        ncols = len(S.COLUMNS)
        last_row = S.FIRST_ROW + len(lines) - 1

        out = io.BytesIO()
        # every text is text: never a formula (a note "=HYPERLINK(…)"), never a link
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        wb = xlsxwriter.Workbook(out, options)
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
        measured = [[line_widths(str(v)) for v in line.cells] for line in lines]
        widths = fit_widths(list(S.COLUMNS), measured)
        # the rows are written as XML (see _Rows), carrying the style numbers of the formats
        styles = {
            state: [
                fmt(align, state if c < ncols else None)._get_xf_index()
                for c, align in enumerate(aligns)
            ]
            for state in (None, *FILLS)
        }
        rows = _Rows(ncols + 1)
        for i, (line, row) in enumerate(zip(lines, measured)):
            # Excel and LibreOffice do not grow a row for wrapped text written by a program
            most = max(lines_needed(cell, w) for cell, w in zip(row, widths))
            rows.add(
                S.FIRST_ROW + i,
                [*line.cells, line.task_id],
                styles[line.state],
                most * LINE_HEIGHT + 4,
            )

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

        hidden = _identity_sheet(wb, ledger, lines)
        wb.set_properties({"title": ledger_title(ledger), "author": "xjc"})
        wb.close()
        return _with_rows(out.getvalue(), {ws.index: rows, hidden[0]: hidden[1]})


def _identity_sheet(wb: Any, ledger: Ledger, lines: list[Any]) -> tuple[int, _Rows]:
    """The plan's identity and the exported values of the editable cells, hidden.
    Returns the sheet's index and its rows of values, for _with_rows to write."""
    ident = wb.add_worksheet(S.ID_SHEET)
    ident.hide()
    values = [ledger.plan.title, ledger.digest, ledger.as_of.isoformat(), S.FORMAT_VERSION]
    for r, (key, value) in enumerate(zip(S.ID_KEYS, values)):
        ident.write_string(r, 0, key)
        ident.write_string(r, 1, value)
    ident.write_string(S.BASE_CAPTION_ROW - 1, 0, M.ID_SHEET_BASE)
    ident.write_row(S.BASE_HEADER_ROW - 1, 0, S.BASE_COLUMNS)
    at = [S.COLUMNS.index(name) for name in S.EDITABLE]
    rows = _Rows(len(S.BASE_COLUMNS))
    plain: list[int | None] = [None] * len(S.BASE_COLUMNS)
    for i, line in enumerate(lines):
        values = [line.task_id, *(str(line.cells[index]) for index in at)]
        rows.add(S.BASE_FIRST_ROW + i, values, plain, None)
    return ident.index, rows


# -- rows as XML -----------------------------------------------------------------------------
#
# XlsxWriter builds the workbook: formats, the title and header rows, widths, the drop-down,
# print setup, the hidden sheet's keys. The task rows, 150,000 cells at 10,000 tasks, are
# written here as text straight into the sheets' XML, which takes a fifth of the time
# XlsxWriter needs for them. Their strings join XlsxWriter's shared-string table (each text
# once, as Excel itself saves them; openpyxl reads them back far faster than inline
# strings), and each cell carries the style number XlsxWriter gave its format.

_MAX_CELL = 32767  # characters in a cell
_NEEDS_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|^\s|\s$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED_LOOKALIKE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")


def _t(text: str) -> str:
    """A string's <t> element: XML-escaped; control characters as Excel's _xHHHH_ (and a
    literal _xHHHH_ guarded with _x005F), as XlsxWriter writes them."""
    if not _NEEDS_ESCAPE.search(text):
        return f"<t>{text}</t>"
    text = _ESCAPED_LOOKALIKE.sub(r"_x005F\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


class _Strings:
    """Shared strings added after the ones XlsxWriter wrote (which keep their numbers)."""

    def __init__(self, first: int):
        self.first = first
        self.number: dict[str, int] = {}
        self.parts: list[str] = []
        self.uses = 0

    def of(self, text: str) -> int:
        self.uses += 1
        n = self.number.get(text)
        if n is None:
            n = self.number[text] = self.first + len(self.parts)
            self.parts.append(f"<si>{_t(text)}</si>")
        return n


class _Rows:
    """Rows of cells, to become the <row> elements of a sheet's XML."""

    def __init__(self, ncols: int):
        self.letters = [_col(c + 1) for c in range(ncols)]
        self.rows: list[tuple[int, list[Any], list[int | None], int | None]] = []

    @property
    def last(self) -> int:
        return self.rows[-1][0] if self.rows else 0

    def add(self, r: int, values: list[Any], styles: list[int | None], height: int | None) -> None:
        self.rows.append((r, values, styles, height))

    def xml(self, strings: _Strings) -> str:
        out = []
        span = f' spans="1:{len(self.letters)}"'
        of = strings.of
        for r, values, styles, height in self.rows:
            n = str(r)
            ht = f' ht="{height}" customHeight="1"' if height is not None else ""
            cells = [f'<row r="{n}"{span}{ht}>']
            add = cells.append
            for letter, value, style in zip(self.letters, values, styles):
                s = f' s="{style}"' if style else ""
                if value.__class__ is int:
                    add(f'<c r="{letter}{n}"{s}><v>{value}</v></c>')
                elif value:  # (Excel's limit; XlsxWriter cuts there too)
                    add(f'<c r="{letter}{n}"{s} t="s"><v>{of(value[:_MAX_CELL])}</v></c>')
                elif style:  # an empty cell keeps its border and fill
                    add(f'<c r="{letter}{n}"{s}/>')
            add("</row>")
            out.append("".join(cells))
        return "".join(out)


_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)1(?::[A-Z]+[0-9]+)?"/>')
_SST_TAG = re.compile(rb"<sst\b[^>]*>")
_SST_COUNT = re.compile(rb'(\s(?:count|uniqueCount)=")(\d+)(")')
_SST = "xl/sharedStrings.xml"


def _with_rows(workbook: bytes, rows: dict[int, _Rows]) -> bytes:
    """The workbook with the rows added at the end of their sheets (by sheet index), their
    strings at the end of the shared-string table."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        table = src.read(_SST)  # (the header row always puts strings in it)
        tag = _SST_TAG.search(table)
        assert tag is not None, "XlsxWriter wrote no <sst>"
        strings = _Strings(table.count(b"<si>") + table.count(b"<si/>"))
        bodies = {index: extra.xml(strings) for index, extra in rows.items() if extra.rows}

        def recount(m: re.Match[bytes]) -> bytes:
            more = strings.uses if m.group(1).endswith(b' count="') else len(strings.parts)
            return m.group(1) + b"%d" % (int(m.group(2)) + more) + m.group(3)

        table = (
            table[: tag.start()]
            + _SST_COUNT.sub(recount, tag.group())
            + table[tag.end() :].replace(
                b"</sst>", "".join(strings.parts).encode("utf-8") + b"</sst>", 1
            )
        )
        for info in src.infolist():
            data = table if info.filename == _SST else src.read(info)
            index = _sheet_index(info.filename)
            if index is not None and index in bodies:
                body = bodies[index].encode("utf-8")
                if b"</sheetData>" in data:
                    data = data.replace(b"</sheetData>", body + b"</sheetData>", 1)
                else:
                    data = data.replace(b"<sheetData/>", b"<sheetData>" + body + b"</sheetData>", 1)
                extra = rows[index]
                last = f"{extra.letters[-1]}{extra.last}".encode()
                data = _DIMENSION.sub(b'<dimension ref="A1:' + last + b'"/>', data, 1)
            dst.writestr(info, data, compresslevel=6 if len(data) < 1 << 20 else 3)
    return out.getvalue()


def _sheet_index(name: str) -> int | None:
    prefix, suffix = "xl/worksheets/sheet", ".xml"
    if (
        name.startswith(prefix)
        and name.endswith(suffix)
        and name[len(prefix) : -len(suffix)].isdigit()
    ):
        return int(name[len(prefix) : -len(suffix)]) - 1
    return None


FORMAT = Xlsx()
