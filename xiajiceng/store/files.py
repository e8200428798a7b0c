"""Writing output files atomically: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a reader sees the old file or the new one."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(M.ERR_OUTPUT_DIR.format(path=path, folder=folder))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(M.ERR_OUTPUT_UNWRITABLE.format(path=path, reason=exc.strerror)) from None
    try:
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            ordinary_mode(tmp)  # an export is an ordinary document
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(
                M.ERR_OUTPUT_UNWRITABLE.format(path=path, reason=exc.strerror)
            ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def ordinary_mode(path: str | Path) -> None:
    """The mode of a file anyone would create (mkstemp makes its files private): what is
    written for the office is readable by the colleagues on a shared drive."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
