"""Reading plan documents: .txt in UTF-8 (with or without BOM), UTF-16 with BOM or
GB18030/GBK (Windows Notepad), and .docx (paragraphs and tables in document order)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Block, Paragraph, TableBlock
from xiajiceng.store.bounded import (
    DOCX_ZIP,
    MAX_DOCX_BYTES,
    MAX_TEXT_DOC_BYTES,
    Input,
    open_zip,
    read_regular,
    reason,
)

MAX_PARAGRAPH_CHARS = 10_000  # one line, paragraph or table cell (README: Limits)
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: list[Block]
    encoding: str  # "utf-8", "gb18030", "utf-16" or "docx"


def read_document(path: Path) -> Document:
    """The paragraphs and tables of a regular file within the size limits; DocumentError,
    in one sentence, for anything else (a pipe, a device, a bomb, damaged XML)."""
    suffix = path.suffix.lower()
    if suffix not in {".txt", ".docx", ".text", ""}:
        raise DocumentError(M.ERR_DOC_TYPE.format(suffix=suffix, path=path))
    source = Input(path, M.WHAT_DOCUMENT, DocumentError)
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_DOC_BYTES
    raw = read_regular(source, limit, M.ERR_DOC_MISSING)
    if not raw:
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=path))
    if suffix == ".docx" or raw[:4] == b"PK\x03\x04":
        blocks = _docx_blocks(source, raw)
        encoding = "docx"
    else:
        text, encoding = decode_text(raw, path)
        blocks = [
            Paragraph(line, M.IMPORT_WHERE_LINE.format(n=n))
            for n, line in enumerate(text.splitlines(), 1)
        ]
    _check_lengths(path, blocks)
    if not any(
        (isinstance(b, Paragraph) and b.text.strip())
        or (isinstance(b, TableBlock) and any(c.strip() for r in b.rows for c in r))
        for b in blocks
    ):
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=path))
    return Document(path, blocks, encoding)


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
