"""The cell values of an .xlsx workbook, streamed from its XML through expat, as openpyxl's
read-only mode gives them with data_only=True: a formula's cached value; a shared or inline
string's text without its formatting runs' fonts or its phonetic guide; a number as an int
or a float, and as a datetime when its cell format is a date's; a boolean; an error's code.

`xjc collect` reads a 10,000-row ledger this way in a fifth of openpyxl's time: only the
sheets and columns it needs, and no cell object is ever built. Only what openpyxl itself
reads decides: [Content_Types].xml names the workbook part and the shared strings, the
workbook and its relationships name each sheet's part, styles.xml says which cell formats
are dates (openpyxl's own public functions judge a format and convert a date, imported only
when a date is met). Rows come as openpyxl gives them: a row numbered at or below one already
given is left out, a row or cell without its number or reference follows the one before.

Limits are the caller's, checked as the XML streams and before anything is kept: rows (by
count, by number, and the number the dimension claims) and cells in a row. Whatever is
damaged raises (expat's error, a KeyError for a missing part, a ValueError for a bad
number); the caller turns it into one sentence.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/"
_SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
# the workbook part's content types, in the order openpyxl looks for them
WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    _SHEETML + "template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    _SHEETML + "sheet.main+xml",
)
SHARED_STRINGS_TYPE = _SHEETML + "sharedStrings+xml"
STYLES = "xl/styles.xml"  # where openpyxl looks for the styles, whatever the manifest says
CHUNK = 1 << 16

_ROW, _V, _IS, _DIMENSION = (f"{MAIN} {x}" for x in ("row", "v", "is", "dimension"))
_SI, _T, _XF, _CELL_XFS, _NUM_FMT = (f"{MAIN} {x}" for x in ("si", "t", "xf", "cellXfs", "numFmt"))
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?\d+")
_LAST_ROW = re.compile(r"(\d+)$")  # the last row of a dimension such as A1:L20


class TooManyRows(Exception):
    """More rows than the caller's limit: counted, numbered or claimed by the dimension."""


class TooManyCells(Exception):
    """A row with more cells than the caller's limit; .row is its place among the rows."""

    def __init__(self, row: int):
        super().__init__(row)
        self.row = row


@dataclass(frozen=True)
class Limits:
    rows: int
    cells: int  # in one row


def _parser(start: Callable[..., None] | None, end: Callable[..., None] | None, text: Any) -> Any:
    import pyexpat

    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    return parser


def _stream(parser: Any, source: Any) -> Iterator[None]:
    """Feed `source` (a file of the archive) to `parser` a chunk at a time; yield after each."""
    while chunk := source.read(CHUNK):
        parser.Parse(chunk, False)
        yield
    parser.Parse(b"", True)
    yield


def _parse_all(archive: zipfile.ZipFile, name: str, start: Callable[..., None]) -> None:
    with archive.open(name) as source:
        for _ in _stream(_parser(start, None, None), source):
            pass


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


class Workbook:
    """The sheets of an .xlsx archive (already checked as a zip), and their cell values."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        files = set(archive.namelist())
        overrides: list[tuple[str, str]] = []
        defaults: set[str] = set()

        def content_type(name: str, attrs: dict[str, str]) -> None:
            if name == _PKG + "content-types Override":
                overrides.append((attrs.get("ContentType", ""), attrs.get("PartName", "")))
            elif name == _PKG + "content-types Default":
                defaults.add(attrs.get("ContentType", ""))

        _parse_all(archive, "[Content_Types].xml", content_type)
        part = next((p for t in WORKBOOK_TYPES for ct, p in overrides if ct == t), None)
        if part is None:
            if not defaults & set(WORKBOOK_TYPES):
                raise OSError("File contains no valid workbook part")
            part = "/xl/workbook.xml"
        strings = next((p for ct, p in overrides if ct == SHARED_STRINGS_TYPE), None)

        sheets: list[tuple[str, str]] = []  # (name, relationship id)
        date1904 = ""

        def workbook(name: str, attrs: dict[str, str]) -> None:
            nonlocal date1904
            if name == f"{MAIN} sheet":
                rid = attrs.get(f"{_DOC_RELS} id", "")
                if rid:  # (openpyxl leaves out a sheet without one)
                    sheets.append((attrs.get("name", ""), rid))
            elif name == f"{MAIN} workbookPr":
                date1904 = attrs.get("date1904", "")

        part = part[1:]
        _parse_all(archive, part, workbook)
        folder, base = posixpath.split(part)
        rels: dict[str, tuple[str, str, str]] = {}  # id → (type, target, mode)

        def relationship(name: str, attrs: dict[str, str]) -> None:
            if name == _PKG + "relationships Relationship":
                rid = attrs.get("Id") or f"rId{len(rels) + 1}"
                rels[rid] = (attrs.get("Type", ""), attrs["Target"], attrs.get("TargetMode", ""))

        rels_part = posixpath.join(folder, "_rels", f"{base}.rels")
        _parse_all(archive, rels_part, relationship)
        parent = posixpath.split(posixpath.dirname(rels_part))[0]
        self.names: list[str] = []  # every sheet's, in the workbook's order
        self.parts: dict[str, str] = {}  # a worksheet's name → its part (the first, if two)
        for name, rid in sheets:
            kind, target, mode = rels[rid]
            if mode == "External":
                pass
            elif target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(parent, target))
            if target not in files:
                continue  # (openpyxl leaves out a sheet whose part is missing)
            self.names.append(name)
            if "chartsheet" not in kind:
                self.parts.setdefault(name, target)
        self.worksheets = [n for n in self.names if n in self.parts]
        # (openpyxl: any text but false, f or 0 is true)
        self.date1904 = bool(date1904) and date1904 not in ("false", "f", "0")
        self._strings_part = strings[1:] if strings else None
        self._strings: list[str] | None = None
        self._formats = _Formats(archive, files)

    # -- shared strings ------------------------------------------------------------------------

    def shared_strings(self) -> list[str]:
        """The shared strings table, read once: each string's text (its runs joined, its
        phonetic guide left out), x005F_ removed as openpyxl removes it."""
        if self._strings is None:
            self._strings = (
                _read_strings(self.archive, self._strings_part) if self._strings_part else []
            )
        return self._strings

    # -- rows --------------------------------------------------------------------------------

    def rows(
        self, name: str, max_col: Callable[[], int], limits: Limits
    ) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values of columns 1 … max_col()) of each row of the worksheet, in
        order, as openpyxl's iter_rows(values_only=True) gives them from its first row, but
        without the empty rows it makes up for the numbers a sheet skips. max_col is asked
        at each row: a caller may narrow it once it knows which columns matter. A row past
        the limits raises TooManyRows or TooManyCells before its cells are read."""
        with self.archive.open(self.parts[name]) as source:
            yield from _sheet_rows(self, source, limits, max_col)

    def value_of(self, kind: str, raw: str, style: str) -> Any:
        """A cell's value from its type, the text of its <v> and its style, as openpyxl."""
        if kind == "n":
            number: Any = (
                float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
            )  # (openpyxl's _cast_number)
            formats = self._formats
            if formats.codes:
                style_id = int(style) if style else 0  # (openpyxl: no style is style 0)
                if formats.is_date(style_id):
                    return formats.date(number, style_id, self.date1904)
            return number
        if kind == "s":
            return self.shared_strings()[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(raw)
        return raw  # str (a formula's text), e (an error's code), and what openpyxl keeps as is


class _Formats:
    """Which cell formats (styles.xml's cellXfs) are dates or durations, as openpyxl judges
    them; its format codes are read with the workbook, judged when a number needs it."""

    def __init__(self, archive: zipfile.ZipFile, files: set[str]):
        self.codes: list[int] = []  # each cell format's numFmtId
        self.custom: dict[int, str] = {}
        self.judged: dict[int, tuple[bool, bool]] = {}
        if STYLES not in files:
            return
        in_cell_xfs = False

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal in_cell_xfs
            if name == _CELL_XFS:
                in_cell_xfs = True
            elif name == _XF and in_cell_xfs:
                self.codes.append(int(attrs.get("numFmtId", 0)))
            elif name == _NUM_FMT:
                self.custom[int(attrs["numFmtId"])] = attrs["formatCode"]

        def end(name: str) -> None:
            nonlocal in_cell_xfs
            if name == _CELL_XFS:
                in_cell_xfs = False

        with archive.open(STYLES) as source:
            for _ in _stream(_parser(start, end, None), source):
                pass

    def _judge(self, style: int) -> tuple[bool, bool]:
        """(date, duration) for a cell format; General (a 序号, as xjc writes it) is judged
        without importing openpyxl."""
        if style not in self.judged:
            code = self.codes[style] if 0 <= style < len(self.codes) else None
            if code is None or (code == 0 and code not in self.custom):
                self.judged[style] = (False, False)  # (no format, or General)
            else:
                from openpyxl.styles.numbers import (
                    BUILTIN_FORMATS,
                    is_date_format,
                    is_timedelta_format,
                )

                fmt = self.custom[code] if code in self.custom else BUILTIN_FORMATS.get(code)
                self.judged[style] = (is_date_format(fmt), is_timedelta_format(fmt))
        return self.judged[style]

    def is_date(self, style: int) -> bool:
        return bool(self.codes) and self._judge(style)[0]

    def date(self, number: Any, style: int, date1904: bool) -> Any:
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        try:
            return from_excel(number, epoch, timedelta=self._judge(style)[1])
        except (OverflowError, ValueError):
            return "#VALUE!"  # (openpyxl: a date out of range is an error cell)


def _read_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    """Every <si> of the shared strings: its <t>, then each run's <t> (the last of each, as
    openpyxl takes them; a text is what stands before its first child element), nothing of
    <rPh>; x005F_ removed, as openpyxl removes it."""
    strings: list[str] = []
    depth = 0
    si_depth = run_depth = text_depth = -1
    parts: list[str] = []  # the <t> of the open <si>, then its runs'
    text: list[str] = []
    receiving: list[str] | None = None

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, si_depth, run_depth, text_depth, text, receiving
        depth += 1
        receiving = None  # an element inside a text ends the text openpyxl takes
        if name == _SI:
            si_depth = depth
            parts[:] = [""]
        elif si_depth < 0:
            pass
        elif depth == si_depth + 1:
            local = "t" if name == _T else _local(name)
            if local == "t":
                text = receiving = []
                text_depth = depth
            elif local == "r":
                run_depth = depth
                parts.append("")
        elif depth == run_depth + 1 and (name == _T or _local(name) == "t"):
            text = receiving = []
            text_depth = depth

    def end(name: str) -> None:
        nonlocal depth, si_depth, run_depth, text_depth, receiving
        receiving = None
        if depth == text_depth:
            text_depth = -1
            parts[0 if depth == si_depth + 1 else -1] = "".join(text)
        elif depth == si_depth:
            si_depth = -1
            strings.append("".join(parts).replace("x005F_", ""))
        elif depth == run_depth:
            run_depth = -1
        depth -= 1

    def chars(data: str) -> None:
        if receiving is not None:
            receiving.append(data)

    with archive.open(part) as source:
        for _ in _stream(_parser(start, end, chars), source):
            pass
    return strings


def _sheet_rows(
    book: Workbook, source: Any, limits: Limits, max_col: Callable[[], int]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a worksheet's XML, given after each chunk is parsed (see Workbook.rows).

    The handlers are closures over plain variables, and a cell costs five calls of them
    (<c>, <v>, its text, </v>, </c>): 150,000 cells of a 10,000-row ledger are read in well
    under a second. A cell's text is ElementTree's .text, as openpyxl takes it: what stands
    before the element's first child."""
    done: list[tuple[int, list[Any]]] = []
    strings: list[str] | None = None
    max_rows, max_cells = limits.rows, limits.cells
    depth = 0
    row_depth = -1  # the open <row>'s depth, else -1
    cell_depth = 0  # row_depth + 1 while a row is open, else 0 (no element is that deep)
    rows = 0  # <row> elements so far
    last = 0  # the number of the last row given
    number = 0  # the open (or last) row's number
    values: list[Any] = []
    width = 0  # the columns wanted in the open row
    cells = column = 0
    wanted = False  # the open cell is in a wanted column
    kind = style = ""
    raw: list[str] | None = None  # the open cell's first <v>, its text so far
    inline: list[str] | None = None  # the open cell's first <is>: its <t>, then its runs'
    inline_depth = run_depth = text_depth = -1
    text: list[str] | None = None  # the text of an inline <t>
    receiving: list[str] | None = None  # where character data goes, if anywhere

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, row_depth, cell_depth, rows, number, values, width, cells, column
        nonlocal wanted, kind, style, raw, inline, inline_depth, run_depth, text_depth
        nonlocal text, receiving
        depth += 1
        receiving = None  # an element inside a text ends the text openpyxl takes
        if depth == cell_depth:  # a cell
            cells += 1
            if cells > max_cells:
                raise TooManyCells(rows)
            ref = attrs.get("r")
            if ref:
                column = _COLUMNS.get(ref.rstrip(_DIGITS)) or _column(ref)
            else:
                column += 1
            wanted = column <= width
            if wanted:
                kind = attrs.get("t", "n")
                style = attrs.get("s", "")
                raw = inline = None
                inline_depth = run_depth = text_depth = -1
        elif not wanted:
            if row_depth < 0:
                if name == _ROW:
                    rows += 1
                    given = attrs.get("r")
                    number = number + 1 if given is None else _row_number(given)
                    if rows > max_rows or number > max_rows:
                        raise TooManyRows
                    row_depth, cell_depth = depth, depth + 1
                    cells = column = 0
                    width = max_col()
                    values = []
                elif name == _DIMENSION:
                    claimed = _LAST_ROW.search(attrs.get("ref", ""))
                    if claimed and (len(claimed[1]) > 9 or int(claimed[1]) > max_rows):
                        raise TooManyRows
        elif depth == cell_depth + 1:
            if name == _V:
                if raw is None and kind != "inlineStr":
                    raw = receiving = []
            elif name == _IS and inline is None and kind == "inlineStr":
                inline, inline_depth = [""], depth
        elif depth == inline_depth + 1:
            local = _local(name)
            if local == "t":
                text = receiving = []
                text_depth = depth
            elif local == "r":
                run_depth = depth
                inline.append("")  # type: ignore[union-attr]
        elif depth == run_depth + 1 and _local(name) == "t":
            text = receiving = []
            text_depth = depth

    def end(name: str) -> None:
        nonlocal depth, row_depth, cell_depth, last, wanted, strings, inline_depth
        nonlocal run_depth, text_depth, receiving
        receiving = None
        if depth > cell_depth:  # inside a cell (or outside any row: nothing to do there)
            if depth == text_depth:
                text_depth = -1
                if depth == inline_depth + 1:
                    inline[0] = "".join(text)  # type: ignore[index, arg-type]
                else:
                    inline[-1] = "".join(text)  # type: ignore[index, arg-type]
            elif depth == run_depth:
                run_depth = -1
            elif depth == inline_depth:
                inline_depth = -1
        elif depth == cell_depth:
            if wanted:
                wanted = False
                value: Any = None
                if inline is not None:
                    value = "".join(inline)
                elif raw:
                    given = raw[0] if len(raw) == 1 else "".join(raw)
                    if not given:
                        pass
                    elif kind == "s":
                        if strings is None:
                            strings = book.shared_strings()
                        value = strings[int(given)]
                    else:
                        value = book.value_of(kind, given, style)
                if len(values) < column:
                    if value is not None:
                        values.extend([None] * (column - len(values) - 1))
                        values.append(value)
                else:
                    values[column - 1] = value  # (a later cell in a column replaces it)
        elif depth == row_depth:
            row_depth, cell_depth = -1, 0
            if number > last:  # (openpyxl leaves out a row numbered at or below one given)
                last = number
                done.append((number, values))
        depth -= 1

    def chars(data: str) -> None:
        if receiving is not None:
            receiving.append(data)

    parser = _parser(start, end, chars)
    for _ in _stream(parser, source):
        if done:
            yield from done
            done.clear()


def _row_number(given: str) -> int:
    """A row's r, as openpyxl reads it (5, or 5.0; anything else is damage)."""
    if given.isdecimal() and len(given) < 12:
        return int(given)
    as_float = float(given)
    if not as_float.is_integer():
        raise ValueError(f"{given} is not a valid row number")
    return int(as_float)


_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}  # a cell reference's letters (with $, as written) → its column


def _column(ref: str) -> int:
    """The column of a cell reference such as B12 or $AB$3 (openpyxl refuses any other)."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        raise ValueError(f"Invalid cell coordinates ({ref})")
    n = 0
    for ch in match[1].upper():
        n = n * 26 + ord(ch) - 64
    _COLUMNS[ref.rstrip(_DIGITS)] = n
    return n
