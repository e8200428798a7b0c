"""Reading files that come from someone else: check the kind and size first, then read no more
than a limit.

A sheet or a document arrives by e-mail and a plan folder is shared with colleagues, so any
input may be a named pipe (opening or reading it blocks), a device (/dev/zero never ends), a
file far larger than any real one, or a zip archive that expands a thousandfold. Every such
input is opened without blocking, checked with fstat on the open descriptor (so the file
checked is the file read), and read up to its limit. An Office file (.xlsx, .docx) is then
checked as a zip archive before openpyxl or python-docx sees it: how many members, how large
each is and all together once expanded, and how far each expands.

Python's zipfile never returns more than a member's declared size (it cuts the stream there and
the CRC check then fails), so checking the declared sizes bounds the bytes the libraries can
actually read; a member whose header lies ends as a damaged file, never as a larger one.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.errors import XjcError
from xiajiceng.text import size_text

if TYPE_CHECKING:
    import zipfile

KIB = 1024
MIB = 1024 * KIB

# -- the limits (README: Limits) -----------------------------------------------------------------

MAX_TEXT_DOC_BYTES = 8 * MIB  # a .txt plan document to import
MAX_DOCX_BYTES = 64 * MIB  # a .docx as it arrives (pictures included)
MAX_SHEET_BYTES = 32 * MIB  # an .xlsx ledger as it arrives
MAX_PDF_BYTES = 64 * MIB  # a .pdf plan document as it arrives
MAX_HTML_BYTES = 16 * MIB  # an .html page saved from a website (pictures inline included)
MAX_ZIP_MEMBERS = 1000  # members of one .xlsx or .docx archive
MAX_ZIP_TOTAL_BYTES = 256 * MIB  # all members together, expanded
MAX_ZIP_MEMBER_BYTES = 16 * MIB  # one member expanded: styles, document.xml, …
MAX_ZIP_LARGE_BYTES = 64 * MIB  # one worksheet, the shared strings, a picture (100,000 rows fit)
MAX_ZIP_RATIO = 100  # how far one member may expand (Office XML expands 5-20 times)
ZIP_RATIO_FROM = 1 * MIB  # members smaller than this expand as they like


@dataclass(frozen=True)
class Input:
    """A file to read, as a refusal names it: what it is to a person, and the error to raise."""

    path: Path
    what: str  # 台账文件, 文档, 方案文件
    error: type[XjcError]

    def refuse(self, template: str, **values: object) -> XjcError:
        return self.error(template.format(what=self.what, path=self.path, **values))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return M.KIND_FOLDER
    if stat.S_ISFIFO(mode):
        return M.KIND_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return M.KIND_DEVICE
    if stat.S_ISSOCK(mode):
        return M.KIND_SOCKET
    return M.KIND_OTHER


def read_regular(source: Input, limit: int, missing: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; source.error otherwise.

    `missing` is the sentence for a path that is not there (default: a generic one).
    """
    from xiajiceng.store import paths

    try:
        return paths.read_regular(source.path, limit, follow=True)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name
        raise source.refuse(missing or M.ERR_INPUT_MISSING) from None
    except paths.NotRegular as exc:
        raise source.refuse(M.ERR_INPUT_NOT_REGULAR, kind=_kind(exc.mode)) from None
    except paths.TooBig as exc:
        raise _too_big(source, exc.size, limit) from None
    except OSError as exc:
        raise source.refuse(M.ERR_INPUT_UNREADABLE, reason=exc.strerror) from None


def _too_big(source: Input, size: int, limit: int) -> XjcError:
    return source.refuse(M.ERR_INPUT_TOO_BIG, size=size_text(size), limit=size_text(limit))


@dataclass(frozen=True)
class ZipLimits:
    large: tuple[str, ...]  # members (name prefixes) that may be as large as large_bytes
    member_bytes: int = MAX_ZIP_MEMBER_BYTES
    large_bytes: int = MAX_ZIP_LARGE_BYTES
    total_bytes: int = MAX_ZIP_TOTAL_BYTES
    members: int = MAX_ZIP_MEMBERS
    ratio: int = MAX_ZIP_RATIO

    def member_limit(self, name: str) -> int:
        return self.large_bytes if name.startswith(self.large) else self.member_bytes


SHEET_ZIP = ZipLimits(large=("xl/worksheets/", "xl/sharedStrings.xml"))
DOCX_ZIP = ZipLimits(large=("word/media/",))


def open_zip(source: Input, data: bytes, limits: ZipLimits, damaged: str) -> zipfile.ZipFile:
    """The archive in `data`, once its directory shows it expands within `limits`.

    `damaged` is the sentence (with {path} and {reason}) for bytes that are not a zip archive.
    """
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise source.error(damaged.format(path=source.path, reason=reason(exc))) from None
    try:
        check_zip(source, archive.infolist(), limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip(source: Input, members: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(members) > limits.members:
        raise source.refuse(M.ERR_ZIP_MEMBERS, n=len(members), limit=limits.members)
    total = 0
    for info in members:
        size = info.file_size
        limit = limits.member_limit(info.filename)
        if size > limit:
            raise source.refuse(
                M.ERR_ZIP_MEMBER_TOO_BIG,
                member=printable(info.filename),
                size=size_text(size),
                limit=size_text(limit),
            )
        if size > ZIP_RATIO_FROM and size > limits.ratio * max(info.compress_size, 1):
            raise source.refuse(
                M.ERR_ZIP_RATIO,
                member=printable(info.filename),
                ratio=size // max(info.compress_size, 1),
                limit=limits.ratio,
            )
        total += size
        if total > limits.total_bytes:
            raise source.refuse(
                M.ERR_ZIP_TOTAL_TOO_BIG, size=size_text(total), limit=size_text(limits.total_bytes)
            )


def printable(text: str, most: int = 80) -> str:
    """Text from a file, safe to put in a sentence: no control characters, not too long."""
    from xiajiceng.text import neutralise

    return neutralise(text[:most], lines=False) + ("…" if len(text) > most else "")


def reason(exc: BaseException) -> str:
    """Why a file could not be read, short: the OS's words, else the parser's first line."""
    strerror = getattr(exc, "strerror", None)
    lines = str(exc).strip().splitlines()
    text = printable(strerror or (lines[0] if lines else ""))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def each_start(stream: Any, start: Callable[[str, dict[str, str]], None]) -> None:
    """Stream an XML part through expat, a chunk at a time, calling `start(name, attrs)` for
    every element that opens ("namespace local" names): what the sheet scanners count before
    openpyxl builds anything. A parse error, or what `start` raises, propagates."""
    import pyexpat

    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    while chunk := stream.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
