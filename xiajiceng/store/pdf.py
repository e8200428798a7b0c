"""Reading a PDF plan document that has a text layer (pdfplumber): its lines joined into
paragraphs, its ruled tables as tables, in the order they stand on the pages.

A PDF made from a Word file breaks every paragraph into lines at the right margin; lines are
joined again where a line runs to the margin and the next one is not indented and does not
start a new number, so the parser sees paragraphs as a .docx gives them. Page numbers
(`— 3 —`, `第 3 页`) are dropped, and a table that runs on to the next page is one table (a
row cut by the page break is joined again; a repeated header row is dropped).

A table drawn without ruling lines is read on a page that has no ruled one, only where a line
holds the column headings of a task table (序号 工作任务 牵头单位 完成时限, parted by wide
gaps): its columns are where the headings stand, its rows the lines below that keep to them.

Everything is bounded before pdfplumber lays a page out: the file's size, the number of pages,
each page's content expanded, and the characters of each page and of the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import TABLE_HEADINGS, Block, Paragraph, TableBlock
from xiajiceng.store.bounded import Input, reason

MAX_PDF_PAGES = 300  # a plan document has 5-40 pages (README: Limits)
MAX_PDF_PAGE_CONTENT = 8 * 1024 * 1024  # one page's drawing instructions, expanded
MAX_PDF_PAGE_CHARS = 20_000  # characters drawn on one page (a dense A4 page has ~2,000)
MAX_PDF_CHARS = 1_000_000  # characters of the whole document

_PAGE_NUMBER = re.compile(
    r"^(?:[—\-–－―─]+\s*\d{1,4}\s*[—\-–－―─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$"
)
# a line that starts a numbered paragraph: 一、 （一） 1. 1、 （1） ①
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])"
)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass
class _Table:
    rows: list[list[str]]
    wheres: list[str]


@dataclass
class _Reader:
    path: Path
    table_n: int = 0
    chars: int = 0
    blocks: list[Paragraph | _Table] = field(default_factory=list)
    last_was_table: bool = False  # the previous page ended with a table
    columns: _Columns | None = None  # of a table without lines that ended the previous page


def read_pdf(source: Input, raw: bytes) -> list[Block]:
    """The paragraphs and tables of a PDF; DocumentError in one sentence for an encrypted,
    scanned, damaged or oversized one."""
    import io
    import logging
    import warnings

    path = source.path
    # pdfminer logs what it finds odd in a file; Python would print that on stderr
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL)
        logger.propagate = False
    try:
        import pdfplumber
        from pdfplumber.utils.exceptions import PdfminerException
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dependency
        raise DocumentError(M.ERR_DOC_PDF.format(path=path, reason=exc)) from None
    reader = _Reader(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(raw)) as pdf:
                pages = pdf.pages
                if len(pages) > MAX_PDF_PAGES:
                    raise DocumentError(
                        M.ERR_DOC_PDF_PAGES.format(path=path, n=len(pages), limit=MAX_PDF_PAGES)
                    )
                for page in pages:
                    _check_content(page, path)
                    _read_page(reader, page)
                    page.close()  # (frees the page's layout)
    except DocumentError:
        raise
    except PdfminerException as exc:
        if "Password" in type(exc.args[0]).__name__ if exc.args else False:
            raise DocumentError(M.ERR_DOC_PDF_ENCRYPTED.format(path=path)) from None
        raise DocumentError(M.ERR_DOC_PDF.format(path=path, reason=reason(exc))) from None
    except Exception as exc:  # a damaged file: pdfminer raises many kinds, RecursionError too
        raise DocumentError(M.ERR_DOC_PDF.format(path=path, reason=reason(exc))) from None
    if reader.chars < 20:
        raise DocumentError(M.ERR_DOC_PDF_SCANNED.format(path=path))
    return [
        b
        if isinstance(b, Paragraph)
        else TableBlock(tuple(tuple(r) for r in b.rows), b.wheres[0], tuple(b.wheres))
        for b in reader.blocks
    ]


def _check_content(page: Any, path: Path) -> None:
    """Refuse a page whose drawing instructions expand past MAX_PDF_PAGE_CONTENT (a few
    kilobytes of deflated zeros can claim gigabytes), before pdfminer expands them whole."""
    import zlib

    from pdfminer.pdftypes import resolve1

    streams = resolve1(page.page_obj.attrs.get("Contents"))
    if not isinstance(streams, list):
        streams = [streams]
    total = 0
    for ref in streams:
        stream = resolve1(ref)
        raw = getattr(stream, "rawdata", None)
        if not isinstance(raw, bytes):
            continue
        filters = resolve1(stream.attrs.get("Filter"))
        names = [
            getattr(f, "name", f) for f in (filters if isinstance(filters, list) else [filters])
        ]
        if names and names[0] in ("FlateDecode", "Fl"):
            inflater = zlib.decompressobj()
            try:
                total += len(inflater.decompress(raw, MAX_PDF_PAGE_CONTENT + 1 - total))
            except zlib.error:
                continue  # pdfminer says what is wrong with it, or copes
        else:
            total += len(raw)
        if total > MAX_PDF_PAGE_CONTENT:
            raise DocumentError(M.ERR_DOC_PDF_PAGE_TOO_BIG.format(path=path, page=page.page_number))


def _read_page(reader: _Reader, page: Any) -> None:
    n = page.page_number
    if len(page.chars) > MAX_PDF_PAGE_CHARS:
        raise DocumentError(M.ERR_DOC_PDF_PAGE_TOO_BIG.format(path=reader.path, page=n))
    reader.chars += sum(not c["text"].isspace() for c in page.chars)
    if reader.chars > MAX_PDF_CHARS:
        raise DocumentError(M.ERR_DOC_TOO_MANY_CHARS.format(path=reader.path, limit=MAX_PDF_CHARS))
    height = float(page.height)
    all_lines = [ln for ln in page.extract_text_lines() if not _is_margin(ln, height)]
    tops = sorted(float(ln["top"]) for ln in all_lines)

    def line_number(top: float) -> int:
        return sum(t < top - 1 for t in tops) + 1

    tables: list[tuple[Box, list[list[str]]]] = [
        (t.bbox, _ruled_cells(page, t)) for t in page.find_tables()
    ]
    ended_with = reader.columns
    reader.columns = None
    if not tables:
        tables = [
            (box, [[_join(cell.splitlines()) for cell in row] for row in rows])
            for box, rows in _unruled_tables(reader, all_lines, ended_with)
        ]
    boxes = [bbox for bbox, _ in tables]

    def outside(obj: dict[str, Any]) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    lines = [ln for ln in all_lines if outside(ln)]
    items: list[tuple[float, Any]] = [(float(ln["top"]), ln) for ln in lines]
    items += [(float(bbox[1]), rows) for bbox, rows in tables]
    items.sort(key=lambda item: item[0])
    left = min((float(ln["x0"]) for ln in lines), default=0.0)
    right = max((float(ln["x1"]) for ln in lines), default=0.0)
    first = True
    paragraph: list[dict[str, Any]] = []

    def flush() -> None:
        if paragraph:
            text = _join([ln["text"] for ln in paragraph])
            where = M.IMPORT_WHERE_PAGE_LINE.format(p=n, n=line_number(float(paragraph[0]["top"])))
            reader.blocks.append(Paragraph(text, where))
            paragraph.clear()

    for _, item in items:
        if isinstance(item, dict):
            size = max(float(item["bottom"]) - float(item["top"]), 1.0)
            if paragraph and _continues(paragraph[-1], item, left, right, size):
                paragraph.append(item)
            else:
                flush()
                paragraph.append(item)
        else:
            flush()
            _add_table(reader, item, n, first)
        first = False
    flush()
    reader.last_was_table = bool(reader.blocks) and isinstance(reader.blocks[-1], _Table)


def _is_margin(line: dict[str, Any], height: float) -> bool:
    """A page number in the top or bottom tenth of the page."""
    in_margin = float(line["top"]) < height * 0.1 or float(line["bottom"]) > height * 0.9
    return in_margin and bool(_PAGE_NUMBER.match(line["text"].strip()))


def _continues(
    prev: dict[str, Any], line: dict[str, Any], left: float, right: float, size: float
) -> bool:
    """Whether `line` goes on with the paragraph `prev` ends: prev runs to the right margin,
    line is not indented and does not start a number, and no blank line lies between."""
    return (
        float(prev["x1"]) >= right - 1.5 * size
        and float(line["x0"]) <= left + 0.5 * size
        and float(line["top"]) - float(prev["bottom"]) < size
        and not _NUMBERED.match(line["text"])
    )


def _join(lines: list[str], breaks: list[bool] | None = None) -> str:
    """Lines of one paragraph or cell as one text: Chinese runs on without a space; a line
    that starts a number keeps its line break, and so does a line after one that `breaks`
    says ended short of the margin (a cell's units one per line); two Latin words get a space
    between them."""
    out = ""
    for i, line in enumerate(lines):
        line = line.strip()
        if not out:
            out = line
        elif _NUMBERED.match(line) or (breaks is not None and breaks[i - 1]):
            out += "\n" + line
        elif _ASCII_WORD.match(out[-1:]) and _ASCII_WORD.match(line[:1]):
            out += " " + line
        else:
            out += line
    return out


def _ruled_cells(page: Any, table: Any) -> list[list[str]]:
    """A ruled table's cells as text (pdfplumber's), each cell's lines joined: a line that
    ran to the cell's right edge goes on without a break (a long name or sentence wrapped by
    the cell's width), one that ended with room for two more characters keeps its break
    (units or names listed one per line: 市发改委 / 市财政局 are two units, not 市发改委市财政局).
    Where each line ends is read off the characters of the cell; when they do not match the
    text's lines, the lines are joined as a paragraph's are."""
    texts = table.extract()
    boxes = [list(row.cells) for row in table.rows]
    if len(boxes) != len(texts):
        return [[_join((c or "").splitlines()) for c in row] for row in texts]
    ends = _line_ends(page, table.bbox, boxes)
    # a column's padding: how far its nearest line stands from the cell's left border
    pads: dict[int, float] = {}
    for (r, c), spans in ends.items():
        box = boxes[r][c]
        if box is not None:
            near = min(x0 for x0, _, _ in spans) - float(box[0])
            pads[c] = min(pads.get(c, near), near)
    out: list[list[str]] = []
    for r, row in enumerate(texts):
        cells = []
        for c, text in enumerate(row):
            lines = (text or "").splitlines()
            box = boxes[r][c] if c < len(boxes[r]) else None
            geometry = ends.get((r, c), [])
            if box is None or len(lines) < 2 or len(geometry) != len(lines):
                cells.append(_join(lines))
                continue
            right = float(box[2]) - max(pads.get(c, 0.0), 0.0)
            cells.append(_join(lines, [right - x1 >= 2 * size for _, x1, size in geometry]))
        out.append(cells)
    return out


def _line_ends(
    page: Any, bbox: Box, boxes: list[list[Box | None]]
) -> dict[tuple[int, int], list[tuple[float, float, float]]]:
    """For each cell (row, column), its lines in order: where each starts and ends, and its
    characters' size. A character belongs to the cell that holds its centre."""
    x0, top, x1, bottom = bbox
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ch in page.chars:
        if ch["text"].isspace():
            continue
        cx = (float(ch["x0"]) + float(ch["x1"])) / 2
        cy = (float(ch["top"]) + float(ch["bottom"])) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for r, row in enumerate(boxes):
            at = next(
                (
                    c
                    for c, b in enumerate(row)
                    if b is not None and b[0] <= cx <= b[2] and b[1] <= cy <= b[3]
                ),
                None,
            )
            if at is not None:
                cells.setdefault((r, at), []).append(ch)
                break
    out: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
    for key, chars in cells.items():
        chars.sort(key=lambda ch: (float(ch["top"]), float(ch["x0"])))
        lines: list[list[dict[str, Any]]] = []
        for ch in chars:
            size = max(float(ch["bottom"]) - float(ch["top"]), 1.0)
            if lines and abs(float(ch["top"]) - float(lines[-1][0]["top"])) < size / 2:
                lines[-1].append(ch)
            else:
                lines.append([ch])
        out[key] = [
            (
                min(float(ch["x0"]) for ch in line),
                max(float(ch["x1"]) for ch in line),
                max(float(ch["bottom"]) - float(ch["top"]) for ch in line),
            )
            for line in lines
        ]
    return out


def _add_table(reader: _Reader, rows: list[list[str]], page: int, first: bool) -> None:
    cells = [[c or "" for c in row] for row in rows]
    cells = [row for row in cells if any(row)]
    if not cells:
        return
    last = reader.blocks[-1] if reader.blocks else None
    if (
        first
        and reader.last_was_table
        and isinstance(last, _Table)
        and len(last.rows[0]) == len(cells[0])
    ):
        # the table runs on from the previous page
        if cells[0] == last.rows[0]:
            cells = cells[1:]  # its header row, repeated
        elif cells and not cells[0][0] and last.rows:
            # a row cut by the page break: its first cell (the number) stayed behind
            last.rows[-1] = [_join([a, b]) for a, b in zip(last.rows[-1], cells[0])]
            cells = cells[1:]
        start = len(last.rows)
        table = reader.table_n
        last.rows += cells
        last.wheres += [
            M.IMPORT_WHERE_PAGE_TABLE_ROW.format(p=page, t=table, n=i)
            for i in range(start + 1, start + len(cells) + 1)
        ]
        return
    reader.table_n += 1
    reader.blocks.append(
        _Table(
            cells,
            [
                M.IMPORT_WHERE_PAGE_TABLE_ROW.format(p=page, t=reader.table_n, n=i)
                for i in range(1, len(cells) + 1)
            ],
        )
    )


# -- tables drawn without ruling lines -----------------------------------------------------

_HEADINGS = [(role, re.compile(pattern)) for role, pattern in TABLE_HEADINGS]
_OWNER_OR_DUE = {"leaders", "lead", "support", "responsible", "due"}
MAX_HEADING_CHARS = 8  # a column heading (完成时限, 配合单位) is short
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class _Columns:
    """Where a table without lines has its columns: each heading's span, and the borders
    between neighbouring columns (in the white space between their texts)."""

    spans: tuple[tuple[float, float], ...]
    borders: tuple[float, ...]
    numbered: bool  # the first column is the rows' numbers (序号)

    def of(self, word: _Word) -> int:
        return sum(border < word.x0 + 1 for border in self.borders)

    def crossed_by(self, words: list[_Word]) -> bool:
        """Is the line a paragraph or a group heading, not a row? A word of it runs over the
        gap between two headings, or, under 序号, it starts with a word other than a number
        that runs on past the heading."""
        pairs = list(pairwise(self.spans))
        if any(w.x0 <= a[1] and w.x1 >= b[0] for w in words for a, b in pairs):
            return True
        first, end = (words[0] if words else None), self.spans[0][1]
        return (
            self.numbered
            and first is not None
            and first.x0 < end
            and first.x1 > end + 1
            and not _ROW_NUMBER.match(first.text)
        )


def _size(line: dict[str, Any]) -> float:
    return max(float(line["bottom"]) - float(line["top"]), 1.0)


def _spaces(gap: float, size: float) -> str:
    """The spaces a gap stands for: one per half a character's width, at least one."""
    return " " * max(1, min(8, round(gap / (size / 2))))


def _words(line: dict[str, Any]) -> list[_Word]:
    """A line's words: its characters parted where more than half a character's width of
    white space stands between them (the cells of a row, names padded apart)."""
    size = _size(line)
    out: list[_Word] = []
    for ch in sorted(line.get("chars") or (), key=lambda c: float(c["x0"])):
        if ch["text"].isspace():
            continue
        x0, x1 = float(ch["x0"]), float(ch["x1"])
        if out and x0 - out[-1].x1 <= size * 0.6:
            gap = x0 - out[-1].x1
            glue = _spaces(gap, size) if gap > size * 0.2 else ""
            out[-1] = _Word(out[-1].text + glue + ch["text"], out[-1].x0, x1)
        else:
            out.append(_Word(ch["text"], x0, x1))
    return out


def _headings(line: dict[str, Any]) -> list[_Word] | None:
    """The words of a line of column headings (序号 工作任务 牵头单位 完成时限): three or more
    short words, at least three of them headings of a task table, one of them the task's and
    one an owner's or a time limit's. A heading spaced out (序 号) is one word again."""
    words: list[_Word] = []
    size = _size(line)
    spaced = False  # the last word is a heading spaced out (序  号), being put together
    for w in _words(line):
        last = words[-1] if words else None
        if (
            last is not None
            and len(w.text) == 1
            and (len(last.text) == 1 or spaced)
            and len(last.text) < MAX_HEADING_CHARS
            and w.x0 - last.x1 < 2.5 * size
        ):
            words[-1] = _Word(last.text + w.text, last.x0, w.x1)
            spaced = True
            continue
        words.append(w)
        spaced = False
    words = [_Word(w.text.replace(" ", ""), w.x0, w.x1) for w in words]
    if len(words) < 3 or any(len(w.text) > MAX_HEADING_CHARS for w in words):
        return None
    roles = [_role(w.text) for w in words]
    named = {r for r in roles if r}
    if sum(r is not None for r in roles) < 3 or "task" not in named or not named & _OWNER_OR_DUE:
        return None
    return words


def _role(heading: str) -> str | None:
    return next((role for role, rx in _HEADINGS if rx.search(heading)), None)


def _borders(spans: list[tuple[float, float]], words: list[_Word]) -> tuple[float, ...]:
    """Between two headings, the middle of a stretch that no word of the rows covers: the
    widest, or the last when the next column's texts start where its heading does (left
    aligned: the stretches before it are gaps inside a cell, between names)."""
    out = []
    for (_, lo), (hi, _) in pairwise(spans):
        covered = sorted((max(w.x0, lo), min(w.x1, hi)) for w in words if w.x1 > lo and w.x0 < hi)
        free: list[tuple[float, float]] = []
        edge = lo
        for a, b in [*covered, (hi, hi)]:
            if a > edge:
                free.append((edge, a))
            edge = max(edge, b)
        if not free:
            out.append((lo + hi) / 2)
            continue
        aligned = any(abs(w.x0 - hi) <= 1.5 for w in words)
        a, b = free[-1] if aligned else max(free, key=lambda f: f[1] - f[0])
        out.append((a + b) / 2)
    return tuple(out)


def _cells(words: list[_Word], columns: _Columns, size: float) -> list[str]:
    cells = [""] * (len(columns.borders) + 1)
    last: list[_Word | None] = [None] * len(cells)
    for w in words:
        j = columns.of(w)
        before = last[j]
        cells[j] += (_spaces(w.x0 - before.x1, size) if before else "") + w.text
        last[j] = w
    return cells


def _unruled_tables(
    reader: _Reader, lines: list[dict[str, Any]], ended_with: _Columns | None
) -> list[tuple[Box, list[list[str]]]]:
    """The tables without ruling lines on a page (with the box each covers): one under each
    line of column headings, and at the top of the page the rows of such a table that the
    previous page ended with."""
    found: list[tuple[Box, list[list[str]]]] = []
    i = 0
    if ended_with is not None:
        table, end = _unruled_rows(lines, 0, ended_with, [])
        if table is not None:
            found.append(table)
            i = end
    while i < len(lines):
        headings = _headings(lines[i])
        if headings is None:
            i += 1
            continue
        spans = [(w.x0, w.x1) for w in headings]
        numbered = _role(headings[0].text) == "number"
        # the rows below, as far as they keep to the headings' columns, decide the borders
        plain = _Columns(tuple(spans), (), numbered)
        end = _rows_end(lines, i + 1, plain)
        rows = [_words(line) for line in lines[i + 1 : end]]
        body = [w for words in rows if not plain.crossed_by(words) for w in words]
        columns = _Columns(tuple(spans), _borders(spans, body), numbered)
        table, i = _unruled_rows(lines, i + 1, columns, [w.text for w in headings], lines[i])
        if table is not None:
            found.append(table)
            if i >= len(lines):
                reader.columns = columns  # the table may run on to the next page
    return found


def _rows_end(lines: list[dict[str, Any]], start: int, columns: _Columns) -> int:
    """Where the rows of a table without lines end: at a blank stretch taller than two lines,
    or a paragraph that runs across the columns (not a group heading with rows after it)."""
    j = start
    while j < len(lines):
        line = lines[j]
        if j > start and float(line["top"]) - float(lines[j - 1]["bottom"]) > 2 * _size(line):
            break
        if columns.crossed_by(_words(line)):
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            group = (
                nxt is not None
                and not columns.crossed_by(_words(nxt))
                and float(nxt["top"]) - float(line["bottom"]) <= 2 * _size(nxt)
                and bool(_ROW_NUMBER.match(next(iter(_words(nxt)), _Word("", 0, 0)).text))
                and len(line["text"].strip()) <= 60
            )
            if not group:
                break
        j += 1
    return j


def _unruled_rows(
    lines: list[dict[str, Any]],
    start: int,
    columns: _Columns,
    header: list[str],
    header_line: dict[str, Any] | None = None,
) -> tuple[tuple[Box, list[list[str]]] | None, int]:
    """The rows from line `start` on, a row each line that opens its first column (a line
    with that column empty goes on with the row above); a line across the columns is a group
    row (its text in every cell). Returns the table and where its lines end."""
    end = _rows_end(lines, start, columns)
    rows: list[list[str]] = [header] if header else []
    for line in lines[start:end]:
        words = _words(line)
        if columns.crossed_by(words):
            rows.append([line["text"].strip()] * (len(columns.borders) + 1))
            continue
        cells = _cells(words, columns, _size(line))
        if rows and not cells[0] and len(set(rows[-1])) > 1:
            rows[-1] = [a + "\n" + b if a and b else a or b for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
    used = ([header_line] if header_line is not None else []) + lines[start:end]
    # (a header alone at the foot of a page: its rows are on the next)
    if not rows or (len(rows) == 1 and header and end < len(lines)):
        return None, end
    box = (
        min(float(ln["x0"]) for ln in used),
        float(used[0]["top"]),
        max(float(ln["x1"]) for ln in used),
        float(used[-1]["bottom"]),
    )
    return (box, rows), end
