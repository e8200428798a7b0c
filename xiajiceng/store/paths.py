"""Files of a shared plan folder, read and written as if a colleague had planted them.

A plan folder is a git clone: anyone with push access decides what is in it, symbolic links
included. xjc never makes a link, so it never writes through one (a journal, its lock or its
``.torn`` file that is a link is refused), and never reads a plan, marker, journal or cache
entry through a link that leaves the folder. What it reads must be a regular file (a FIFO
would hang, ``/dev/zero`` never ends), and no longer than a stated limit.

The checks are made on the path as named; the final component is opened with O_NOFOLLOW
where the platform has it, so a link put in place between the check and the open is
refused by the kernel too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import LinkRefused

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegular(OSError):
    """The path names a folder, a FIFO, a device or a socket, not a file."""

    def __init__(self, mode: int) -> None:
        super().__init__(errno.EINVAL, "not a regular file")
        self.mode = mode


class TooBig(OSError):
    """The file is longer than the reader's limit."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "too big")
        self.size = size


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def refuse_link(path: Path) -> None:
    """Refuse a path that is itself a symbolic link (xjc never makes one)."""
    if path.is_symlink():
        raise LinkRefused(M.ERR_LINK.format(path=path, target=_link_target(path)))


def first_link_out(path: Path, root: Path) -> Path | None:
    """The first link on the way from root down to path that leads outside root, if any.

    Links that stay inside the folder (plans/current.yaml → 2024.yaml) are allowed; a path
    that is not below root at all is judged by its own final link only.
    """
    base = root.resolve()
    try:
        rel = path.absolute().relative_to(root.absolute())
    except ValueError:
        return path if path.is_symlink() and not _inside(path.resolve(), base) else None
    step = root.absolute()
    for part in rel.parts:
        step = step / part
        if step.is_symlink() and not _inside(step.resolve(), base):
            return step
    return None


def _inside(path: Path, base: Path) -> bool:
    return path == base or base in path.parents


def check_inside(path: Path, root: Path) -> None:
    """Refuse a path reached through a link that leads out of root."""
    link = first_link_out(path, root)
    if link is not None:
        raise LinkRefused(M.ERR_LINK_OUT.format(path=link, target=_link_target(link), root=root))


def read_regular(path: Path, limit: int, follow: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, read without following a link
    in its last component (unless `follow`: a file a person named on the command line).
    FileNotFoundError when it is missing; LinkRefused for a link; NotRegular and TooBig
    (OSErrors) for what is not a file of a sensible size.

    Opened with O_NONBLOCK, so a named pipe with no writer neither blocks the open nor is
    read; checked with fstat on the open descriptor, so the file checked is the file read.
    """
    flags = os.O_RDONLY | O_NONBLOCK | O_BINARY | O_CLOEXEC | (0 if follow else O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno != errno.ENOENT and path.is_symlink()):
            raise LinkRefused(M.ERR_LINK.format(path=path, target=_link_target(path))) from None
        if exc.errno == errno.EISDIR:
            raise NotRegular(stat.S_IFDIR) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(info.st_mode)
        if info.st_size > limit:
            raise TooBig(info.st_size)
        # the whole file in one read (one buffer, no join of a 38 MB journal's 38 chunks);
        # then on, in pieces, while it grows, still bounded: at most limit + 1 bytes in all
        chunks = [os.read(fd, min(info.st_size + 1, limit + 1))]
        left = limit + 1 - len(chunks[0])
        while left > 0 and chunks[-1]:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooBig(len(data))
        return data
    finally:
        os.close(fd)


def open_append(path: Path) -> int:
    """A descriptor for appending to path (created if missing), never through a link."""
    try:
        return os.open(
            path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | O_NOFOLLOW | O_BINARY | O_CLOEXEC, 0o644
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LinkRefused(M.ERR_LINK.format(path=path, target=_link_target(path))) from None
        raise


def write_all(fd: int, data: bytes) -> None:
    """Write every byte or raise: a short write (a full disk) is an error, not a success."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - os.write raises rather than return 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]
