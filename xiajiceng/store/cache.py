"""A disposable cache in the user cache directory: validated plans and folded journal states.

Every entry is checked against what it stands for before it is used (a plan by the hash of
its bytes, a journal by the CRC of the bytes it covers), and against the code that made it,
so a stale, truncated or foreign entry is never trusted: it is ignored and rebuilt. Deleting
the folder is always safe. A cache that cannot be written is simply not written.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_MAGIC = b"xjc-cache-2\n"  # then the header's length (4 bytes), the header, the value
MAX_ENTRY_BYTES = 1 << 30
_stamp: str | None = None


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large structure is built.

    Unpickling a 10,000-task state or decoding 200,000 journal lines makes a million objects,
    none of them garbage; the collector would walk the growing heap again and again (half
    the time of the load). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was built lives to the end of the command: never walk it again
        if was_enabled:
            gc.enable()


def code_stamp() -> str:
    """xjc's version and the modification times of the modules whose output is cached."""
    global _stamp
    if _stamp is None:
        from xiajiceng import __version__

        package = Path(__file__).resolve().parents[1]
        parts = [__version__]
        for rel in (
            "model/plan.py",
            "model/events.py",
            "store/schema.py",
            "store/plans.py",
            "store/journal.py",
            "store/replay.py",
        ):
            try:
                parts.append(str((package / rel).stat().st_mtime_ns))
            except OSError:
                parts.append("-")
        _stamp = "/".join(parts)
    return _stamp


class Cache:
    """Entries are two pickles, a small header and the value: get() looks at the header (the
    code that wrote it, and what the caller checks) before it unpickles the value, so a stale
    entry of a large journal costs a few bytes to reject, not a whole load."""

    def __init__(self, root: Path | None) -> None:
        self.root = root  # None: caching off

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.root is None else self.root / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under kind/key if this code wrote it; None otherwise (never an
        exception: a damaged entry is as if there were none)."""
        return self.get_if(kind, key, None)

    def get_if(self, kind: str, key: str, accept: Callable[[Any], bool] | None) -> Any | None:
        """The value stored under kind/key, if this code wrote it and `accept` takes its
        header (looked at before the value is unpickled); None otherwise."""
        path = self._path(kind, key)
        if path is None:
            return None
        from xiajiceng.store import paths

        try:  # never through a link: refused, with the link named
            data = paths.read_regular(path, MAX_ENTRY_BYTES)
        except OSError:
            return None
        if not data.startswith(_MAGIC):
            return None
        try:
            with paused_gc():
                start = len(_MAGIC) + 4
                body = start + int.from_bytes(data[len(_MAGIC) : start], "little")
                stamp, header = pickle.loads(memoryview(data)[start:body])
                if stamp != code_stamp() or (accept is not None and not accept(header)):
                    return None
                return pickle.loads(memoryview(data)[body:])
        except Exception:  # truncated or damaged: as if there were none
            return None

    def put(self, kind: str, key: str, value: Any, header: Any = None) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            # private: an entry is unpickled, so only its owner may write one
            path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            protocol = pickle.HIGHEST_PROTOCOL
            head = pickle.dumps((code_stamp(), header), protocol=protocol)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.writelines((_MAGIC, len(head).to_bytes(4, "little"), head))
                    pickle.dump(value, f, protocol=protocol)  # streamed: no copy of it whole
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only or full cache folder costs speed, never correctness


OFF = Cache(None)
