"""The evidence store (佐证材料): files attached to tasks, kept beside the journals, one copy
per content, each under its SHA-256.

    plans/佐证材料/ab/ab12…(64 hex digits)

The path is a function of the content alone: attaching the same file to ten tasks (or under
another name) keeps one copy, and a file is found, checked and exported from the journal's
record without an index. The store only grows, like the journal: a file is never replaced
by another content (it is placed with a hard link, which refuses to overwrite), and nothing
is deleted when an attachment is undone (an undo can itself be undone, and git keeps every
committed file in its history anyway).

A file to attach is one a person names on the command line, but it may be anything: a link, a
named pipe, a folder, a device or a file far larger than any scan. It is opened without
following a link and without blocking, checked with fstat on the open descriptor, and read
no further than its limit, hashed while it is copied into a temporary file of the store, and
placed under its hash only once it is whole on disk.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import LinkRefused
from xiajiceng.store import paths
from xiajiceng.store.bounded import MIB

STORE = "佐证材料"  # the folder beside the journals (README: Evidence)
MAX_EVIDENCE_BYTES = 20 * MIB  # one file (README: Limits): a scanned document, photos
CHUNK = 1 << 20


class Damaged(OSError):
    """A file of the store whose content is not the one its name (its SHA-256) says."""

    def __init__(self, path: Path, size: int, sha256: str) -> None:
        super().__init__(errno.EIO, "content does not match its name")
        self.path = path
        self.size = size
        self.sha256 = sha256


@dataclass(frozen=True)
class Stored:
    size: int
    sha256: str
    added: bool  # False when the store had this content already


def store_folder(journal_path: Path) -> Path:
    """The store of the plans whose journals are in this journal's folder."""
    return journal_path.parent / STORE


def blob_path(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / sha256


def kind_word(mode: int) -> str:
    """What a path that is not a file is, in a sentence."""
    if stat.S_ISDIR(mode) or stat.S_ISFIFO(mode):
        return M.KIND_FOLDER if stat.S_ISDIR(mode) else M.KIND_FIFO
    device = stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
    return M.KIND_DEVICE if device else M.KIND_SOCKET if stat.S_ISSOCK(mode) else M.KIND_OTHER


def open_regular(path: Path, limit: int) -> int:
    """A descriptor on a regular file of at most `limit` bytes, never through a link in the
    last component: LinkRefused, NotRegular, TooBig (OSErrors), FileNotFoundError."""
    if path.is_symlink():
        paths.refuse_link(path)
    flags = os.O_RDONLY | paths.O_NONBLOCK | paths.O_BINARY | paths.O_CLOEXEC | paths.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            paths.refuse_link(path)
        if exc.errno == errno.EISDIR:
            raise paths.NotRegular(stat.S_IFDIR) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise paths.NotRegular(info.st_mode)
        if info.st_size > limit:
            raise paths.TooBig(info.st_size)
    except BaseException:
        os.close(fd)
        raise
    return fd


def chunks(fd: int, limit: int) -> Iterator[bytes]:
    """The bytes of an open file, a chunk at a time, TooBig past `limit` (it may grow)."""
    total = 0
    while True:
        chunk = os.read(fd, CHUNK)
        if not chunk:
            return
        total += len(chunk)
        if total > limit:
            raise paths.TooBig(total)
        yield chunk


def _folder(folder: Path, root: Path | None) -> None:
    """Make a folder of the store, never through a link (a clone may have planted one)."""
    if root is not None:
        paths.check_inside(folder, root)
    paths.refuse_link(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths.refuse_link(folder)


def copy_in(source: Path, folder: Path, root: Path | None, limit: int) -> Stored:
    """Copy a file into the store, hashing it on the way; the store's file is placed whole
    or not at all, and an existing one of the same name is kept (after checking it)."""
    fd = open_regular(source, limit)
    try:
        _folder(folder, root)
        out, tmp = tempfile.mkstemp(dir=folder, prefix=".incoming.", suffix=".tmp")
        try:
            digest = hashlib.sha256()
            size = 0
            with os.fdopen(out, "wb") as f:
                for chunk in chunks(fd, limit):
                    digest.update(chunk)
                    f.write(chunk)
                    size += len(chunk)
                f.flush()
                os.fsync(f.fileno())
            from xiajiceng.store.files import ordinary_mode

            ordinary_mode(tmp)
            sha = digest.hexdigest()
            target = blob_path(folder, sha)
            _folder(target.parent, root)
            added = _place(Path(tmp), target, sha, size)
            return Stored(size, sha, added)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    finally:
        os.close(fd)


def _place(tmp: Path, target: Path, sha: str, size: int) -> bool:
    """Give the temporary file its name, never replacing a file already there."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        _same(target, sha, size)
        return False
    except OSError as exc:  # a file system without hard links: rename where nothing is
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(target):
            _same(target, sha, size)
            return False
        os.rename(tmp, target)
    _fsync_dir(target.parent)
    return True


def _same(target: Path, sha: str, size: int) -> None:
    got_size, got = hash_file(target, max(size, MAX_EVIDENCE_BYTES))
    if got != sha:
        raise Damaged(target, got_size, got)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform opens a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def hash_file(path: Path, limit: int) -> tuple[int, str]:
    """The size and SHA-256 of a store's file, read bounded and never through a link."""
    fd = open_regular(path, limit)
    try:
        digest = hashlib.sha256()
        size = 0
        for chunk in chunks(fd, limit):
            digest.update(chunk)
            size += len(chunk)
        return size, digest.hexdigest()
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Member:
    """A file of a zip archive to write: bytes, or a store's file checked as it is copied."""

    name: str
    when: date  # the file's date in the archive (the day it was attached; the ledger's as-of)
    data: bytes | None = None
    blob: Path | None = None
    sha256: str = ""

    def info(self) -> zipfile.ZipInfo:
        when = max(self.when, date(1980, 1, 1))  # the earliest a zip archive can say
        info = zipfile.ZipInfo(self.name, date_time=(when.year, when.month, when.day, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16  # an ordinary file when it is unpacked
        return info


def write_zip(path: Path, members: Iterable[Member]) -> None:
    """Write a zip archive all at once (a temporary file, then a rename). A store's file is
    copied in chunks and its hash checked; Damaged if it is not the content recorded."""
    from xiajiceng.store.files import ordinary_mode

    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                for m in members:
                    if m.blob is None:
                        archive.writestr(m.info(), m.data or b"")
                        continue
                    _copy_blob(archive, m)
            raw.flush()
            os.fsync(raw.fileno())
        ordinary_mode(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _copy_blob(archive: zipfile.ZipFile, m: Member) -> None:
    assert m.blob is not None
    try:
        src = open_regular(m.blob, MAX_EVIDENCE_BYTES)
    except OSError as exc:  # which file it was, for the sentence that says so
        exc.filename = str(m.blob)
        raise
    try:
        digest = hashlib.sha256()
        size = 0
        with archive.open(m.info(), "w", force_zip64=True) as out:
            for chunk in chunks(src, MAX_EVIDENCE_BYTES):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        if digest.hexdigest() != m.sha256:
            raise Damaged(m.blob, size, digest.hexdigest())
    finally:
        os.close(src)


__all__ = [
    "MAX_EVIDENCE_BYTES",
    "STORE",
    "Damaged",
    "LinkRefused",
    "Member",
    "Stored",
    "blob_path",
    "copy_in",
    "hash_file",
    "kind_word",
    "store_folder",
    "write_zip",
]
