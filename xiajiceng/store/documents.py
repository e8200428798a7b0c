"""Reading plan documents: .txt in UTF-8 (with or without BOM), UTF-16 with BOM or
GB18030/GBK (Windows Notepad), .docx (paragraphs and tables in document order), and the
formats offices receive besides: .pdf with a text layer (store.pdf), .html saved from a
website (store.htmldoc), an Excel task table .xlsx (store.xlsxdoc), and .doc/.wps through
LibreOffice when it is installed (store.convert). Each reader's library is imported only
when a document of its kind is read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Block, Paragraph, TableBlock
from xiajiceng.store.bounded import (
    DOCX_ZIP,
    MAX_DOCX_BYTES,
    MAX_HTML_BYTES,
    MAX_PDF_BYTES,
    MAX_SHEET_BYTES,
    MAX_TEXT_DOC_BYTES,
    Input,
    open_zip,
    read_regular,
    reason,
)
from xiajiceng.store.convert import convert_to_docx

MAX_PARAGRAPH_CHARS = 10_000  # one line, paragraph or table cell (README: Limits)
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: list[Block]
    encoding: str  # "utf-8", "gb18030", "utf-16", "docx", "pdf", "html", "xlsx" or "doc"


TEXT = {".txt", ".text", ""}
HTML = {".html", ".htm", ".shtml", ".xhtml"}
OFFICE = {".doc", ".wps"}  # read through LibreOffice
LIMITS = {".docx": MAX_DOCX_BYTES, ".pdf": MAX_PDF_BYTES, ".xlsx": MAX_SHEET_BYTES}
LIMITS |= dict.fromkeys(HTML, MAX_HTML_BYTES) | dict.fromkeys(OFFICE, MAX_DOCX_BYTES)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files (.doc, .wps, .xls)


def read_document(path: Path, environ: Mapping[str, str] | None = None) -> Document:
    """The paragraphs and tables of a regular file within the size limits; DocumentError,
    in one sentence, for anything else (a pipe, a device, a bomb, damaged XML, a scanned PDF).

    `environ` is where LibreOffice is looked for (its PATH), for .doc and .wps."""
    import os

    suffix = path.suffix.lower()
    if suffix not in TEXT | {".docx", ".pdf", ".xlsx"} | HTML | OFFICE:
        raise DocumentError(M.ERR_DOC_TYPE.format(suffix=suffix, path=path))
    source = Input(path, M.WHAT_DOCUMENT, DocumentError)
    raw = read_regular(source, LIMITS.get(suffix, MAX_TEXT_DOC_BYTES), M.ERR_DOC_MISSING)
    if not raw:
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=path))
    kind = _kind(suffix, raw)
    if kind == "doc":
        raw = convert_to_docx(source, raw, os.environ if environ is None else environ)
    if kind in ("docx", "doc"):
        blocks = _docx_blocks(source, raw)
        encoding = kind
    elif kind == "pdf":
        from xiajiceng.store.pdf import read_pdf

        blocks, encoding = read_pdf(source, raw), kind
    elif kind == "xlsx":
        from xiajiceng.store.xlsxdoc import read_xlsx

        blocks, encoding = read_xlsx(source, raw), kind
    elif kind == "html":
        from xiajiceng.store.htmldoc import read_html

        blocks, encoding = read_html(raw, path), kind
    else:
        text, encoding = decode_text(raw, path)
        blocks = []
        for n, line in enumerate(text.splitlines(), 1):
            parts = run_on_paragraphs(line)
            if len(parts) == 1:
                blocks.append(Paragraph(line, M.IMPORT_WHERE_LINE.format(n=n)))
                continue
            # paragraphs that ran together on one line: where each is on it
            blocks += [
                Paragraph(part, M.IMPORT_WHERE_LINE_PART.format(n=n, k=k))
                for k, part in enumerate(parts, 1)
            ]
    _check_lengths(path, blocks)
    if not any(
        (isinstance(b, Paragraph) and b.text.strip())
        or (isinstance(b, TableBlock) and any(c.strip() for r in b.rows for c in r))
        for b in blocks
    ):
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=path))
    return Document(path, blocks, encoding)


# Where a plain text lost its line breaks (a page's paragraphs run together on one line, as a
# copy of a web page can leave them), each paragraph still starts with the customary indent of
# two ideographic spaces: such an indent inside a line starts a new paragraph. Names padded to
# one width in a cell (陆　明　　俞　悦, 王　伟　　张三丰) are short words on both sides of
# the gap, and stay one paragraph.
_INDENT = re.compile(r"[ \t]*　{2,}[ \t]*")
_WORD_BEFORE = re.compile(r"[^\s　]*$")
_WORD_AFTER = re.compile(r"[^\s　]*")
MAX_PADDED_WORD = 4  # a name padded in a cell: at most four characters
_ATTACHMENT_LABEL = re.compile(r"\s*附\s*件\s*\d*\s*[：:]\s*")


def run_on_paragraphs(line: str) -> list[str]:
    """The paragraphs of one line of a plain text: the line itself, or, where paragraphs ran
    together on it, each of them (without its indent). A line with a tab is a row of a table
    pasted as text: an indent there is inside a cell (1<tab>　　推进…<tab>县发改局)."""
    parts, start = [], 0
    for m in () if "\t" in line else _INDENT.finditer(line):
        before = _WORD_BEFORE.search(line, 0, m.start())
        after = _WORD_AFTER.match(line, m.end())
        short = (before is None or len(before[0]) <= MAX_PADDED_WORD) and (
            after is None or len(after[0]) <= MAX_PADDED_WORD
        )
        # (附件：　　XX重点任务台账: an attachment's label and its title are one line)
        label = _ATTACHMENT_LABEL.fullmatch(line, start, m.start()) is not None
        if m.start() == 0 or (not short and not label):
            parts.append(line[start : m.start()])
            start = m.end()
    parts.append(line[start:])
    parts = [q for part in parts for q in _numbered_parts(part) if q.strip()]
    return parts if len(parts) > 1 else [line]


# A whole document on one line with not even its indents left (a crawler's copy of a page):
# its items still start with their numbers, in order (一、 二、, （一） （二）, 1. 2.), after the
# end of a sentence or of an owner bracket (。 ）), or right after their heading's short
# title (二、主要任务1.…). Only a line longer than any paragraph is parted so: inside a real
# paragraph, "（1）… （2）…" is an enumeration, not items.
MIN_RUN_ON_CHARS = 1000
MAX_HEADING_BEFORE = 20  # 三、加强功能建设（一）…: the heading's title before its first item
_ITEM_MARK = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)]"
    r"|[（(](?P<pn>\d{1,2})[）)]"
    r"|(?<![\d.．])(?P<n>\d{1,2})[.．、](?!\d)"
)
_ENDS = "。；;！!？?：:）)」』”"
_CN_DIGITS = {ch: i for i, ch in enumerate("一二三四五六七八九", 1)}


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (what item numbers use)."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _numbered_parts(text: str) -> list[str]:
    """A text longer than MIN_RUN_ON_CHARS that holds a document's parts (一、 二、 at least)
    parted before each item number that continues its own sequence, or starts one at 1 under
    a newly opened part of a higher level, and stands after an end of sentence or bracket or
    after a heading's short title; any other text as it is."""
    if len(text) < MIN_RUN_ON_CHARS:
        return [text]
    last: dict[str, int] = {}
    order: list[str] = []  # the kinds of number, highest level first (as first met)
    opened: set[str] = set()  # kinds a higher part was opened for since their last item
    cuts: list[int] = []
    start = 0  # where the current part starts
    for m in _ITEM_MARK.finditer(text):
        kind = m.lastgroup or ""
        raw = m[kind]
        number = int(raw) if raw.isdigit() else _cn_number(raw)
        if kind in last:
            expected = number == last[kind] + 1 or (number == 1 and kind in opened)
        else:
            expected = number == 1
        after_end = m.start() == 0 or text[m.start() - 1] in _ENDS
        after_heading = (
            m.start() - start <= MAX_HEADING_BEFORE
            and _ITEM_MARK.match(text, start) is not None
            and kind != "cn"
        )
        if not expected or not (after_end or after_heading):
            continue
        if kind not in order:
            order.append(kind)
        last[kind] = number
        opened.discard(kind)
        opened.update(order[order.index(kind) + 1 :])  # the levels below start again
        if m.start() > start:
            cuts.append(m.start())
            start = m.start()
    if last.get("cn", 0) < 2:  # no parts of a document: a long paragraph after all
        return [text]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def _kind(suffix: str, raw: bytes) -> str:
    """How to read a file: by its name, unless its first bytes say otherwise (a .docx saved
    as .doc, a web page saved as .doc, as government sites often offer them)."""
    if raw[:4] == b"PK\x03\x04":
        return "xlsx" if suffix == ".xlsx" else "docx"
    if raw[:5] == b"%PDF-" or suffix == ".pdf":
        return "pdf"
    if suffix in HTML:
        return "html"
    if suffix in OFFICE:
        head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if not raw.startswith(_OLE) and head.startswith((b"<!doctype html", b"<html", b"<?xml")):
            return "html"
        return "doc"
    if suffix == ".xlsx":
        return "xlsx"
    return "docx" if suffix == ".docx" else "text"


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """The text of a .txt file, and which encoding it was in; DocumentError otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DocumentError(M.ERR_DOC_ENCODING.format(path=path)) from None
    if b"\x00" in raw:
        raise DocumentError(M.ERR_DOC_BINARY.format(path=path))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(ch in _CONTROL for ch in text) > max(2, len(text) // 100):
            raise DocumentError(M.ERR_DOC_BINARY.format(path=path))
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise DocumentError(M.ERR_DOC_ENCODING.format(path=path))


def _check_lengths(path: Path, blocks: list[Block]) -> None:
    """Refuse a paragraph or cell longer than MAX_PARAGRAPH_CHARS: no plan has one, and the
    parser, the plan file and the preview would all carry it whole."""
    for b in blocks:
        if isinstance(b, Paragraph):
            texts = [(b.where, b.text)]
        else:
            wheres = b.row_where or (b.where,) * len(b.rows)
            texts = [(w, cell) for w, row in zip(wheres, b.rows) for cell in row]
        for where, text in texts:
            if len(text) > MAX_PARAGRAPH_CHARS:
                raise DocumentError(
                    M.ERR_DOC_LINE_TOO_LONG.format(
                        path=path, where=where, n=len(text), limit=MAX_PARAGRAPH_CHARS
                    )
                )


def _docx_blocks(source: Input, raw: bytes) -> list[Block]:
    import io

    path = source.path
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(M.ERR_DOC_DOCX.format(path=path, reason=exc)) from None
    open_zip(source, raw, DOCX_ZIP, M.ERR_DOC_DOCX).close()
    try:
        document = docx.Document(io.BytesIO(raw))
        return _blocks(document)
    except Exception as exc:  # damaged XML, a missing part, a bad CRC: python-docx raises many
        raise DocumentError(M.ERR_DOC_DOCX.format(path=path, reason=reason(exc))) from None


def _blocks(document: Any) -> list[Block]:
    from docx.table import Table

    blocks: list[Block] = []
    paragraph_n = table_n = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_n += 1
            rows = []
            for row in item.rows:
                cells: list[str] = []
                row_cells = row.cells
                at = 0
                while at < len(row_cells):  # a cell merged across columns comes back once per
                    cell = row_cells[at]  # column: keep it once
                    cells.append("\n".join(p.text for p in cell.paragraphs).strip())
                    at += max(cell.grid_span, 1)
                rows.append(tuple(cells))
            where = M.IMPORT_WHERE_TABLE_ROW.format(t=table_n, n=1)
            row_where = tuple(
                M.IMPORT_WHERE_TABLE_ROW.format(t=table_n, n=i) for i in range(1, len(rows) + 1)
            )
            blocks.append(TableBlock(tuple(rows), where, row_where))
        else:
            paragraph_n += 1
            text = item.text
            if text.strip():
                blocks.append(Paragraph(text, M.IMPORT_WHERE_PARAGRAPH.format(n=paragraph_n)))
    return blocks
