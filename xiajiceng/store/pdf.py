"""Reading a PDF plan document that has a text layer (pdfplumber): its lines joined into
paragraphs, its ruled tables as tables, in the order they stand on the pages.

A PDF made from a Word file breaks every paragraph into lines at the right margin; lines are
joined again where a line runs to the margin and the next one is not indented and does not
start a new number, so the parser sees paragraphs as a .docx gives them. Page numbers
(`— 3 —`, `第 3 页`) are dropped, and a table that runs on to the next page is one table (a
row cut by the page break is joined again; a repeated header row is dropped).

Everything is bounded before pdfplumber lays a page out: the file's size, the number of pages,
each page's content expanded, and the characters of each page and of the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Block, Paragraph, TableBlock
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

    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    lines = [ln for ln in all_lines if outside(ln)]
    items: list[tuple[float, Any]] = [(float(ln["top"]), ln) for ln in lines]
    items += [(float(t.bbox[1]), t) for t in tables]
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
            _add_table(reader, item.extract(), n, first)
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


def _join(lines: list[str]) -> str:
    """Lines of one paragraph or cell as one text: Chinese runs on without a space; a line
    that starts a number keeps its line break; two Latin words get a space between them."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif _NUMBERED.match(line):
            out += "\n" + line
        elif _ASCII_WORD.match(out[-1:]) and _ASCII_WORD.match(line[:1]):
            out += " " + line
        else:
            out += line
    return out


def _add_table(reader: _Reader, rows: list[list[str | None]], page: int, first: bool) -> None:
    cells = [[_join((c or "").splitlines()) for c in row] for row in rows]
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
