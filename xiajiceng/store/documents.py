"""Reading plan documents: .txt in UTF-8 (with or without BOM), UTF-16 with BOM or
GB18030/GBK (Windows Notepad), and .docx (paragraphs and tables in document order)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import messages as M
from ..errors import DocumentError
from ..importer.blocks import Block, Paragraph, TableBlock

MAX_DOC_BYTES = 64 * 1024 * 1024
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: list[Block]
    encoding: str  # "utf-8", "gb18030", "utf-16" or "docx"


def read_document(path: Path) -> Document:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(M.ERR_DOC_MISSING.format(path=path)) from None
    except OSError as exc:
        raise DocumentError(M.ERR_DOC_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    if path.is_dir():
        raise DocumentError(M.ERR_DOC_MISSING.format(path=path))
    suffix = path.suffix.lower()
    if suffix not in {".txt", ".docx", ".text", ""}:
        raise DocumentError(M.ERR_DOC_TYPE.format(suffix=suffix, path=path))
    if size > MAX_DOC_BYTES:
        raise DocumentError(M.ERR_DOC_TOO_BIG.format(path=path, size=size, limit=MAX_DOC_BYTES))
    if size == 0:
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(M.ERR_DOC_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    if suffix == ".docx" or raw[:4] == b"PK\x03\x04":
        blocks = _docx_blocks(path)
        encoding = "docx"
    else:
        text, encoding = decode_text(raw, path)
        blocks = [
            Paragraph(line, M.IMPORT_WHERE_LINE.format(n=n))
            for n, line in enumerate(text.splitlines(), 1)
        ]
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


def _docx_blocks(path: Path) -> list[Block]:
    import zipfile

    try:
        import docx
        from docx.table import Table
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(M.ERR_DOC_DOCX.format(path=path, reason=exc)) from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(M.ERR_DOC_DOCX.format(path=path, reason=type(exc).__name__)) from None
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise DocumentError(M.ERR_DOC_DOCX.format(path=path, reason=type(exc).__name__)) from None
    blocks: list[Block] = []
    paragraph_n = table_n = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_n += 1
            rows = []
            for row in item.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    # a cell merged across columns comes back once per column: keep it once
                    if previous is not None and cell._tc is previous:
                        continue
                    previous = cell._tc
                    cells.append("\n".join(p.text for p in cell.paragraphs).strip())
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
