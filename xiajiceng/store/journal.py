"""The journal: one JSON object a line, append-only, beside the plan.

Writers take an exclusive lock, read what is there, let the caller check the new events
against it (so "already done" is decided under the lock), then write all new lines with a
single os.write to a file opened with O_APPEND and fsync before reporting success.
A last line without a newline is a write that was never acknowledged: readers skip it,
and the next writer moves it aside to ``<journal>.torn`` before appending.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import messages as M
from ..errors import JournalError, LockTimeout
from ..model import Event, Op

LOCK_TIMEOUT = 10.0
_CONFLICT_MARKERS = (b"<<<<<<<", b"=======", b">>>>>>>")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


def encode(e: Event) -> bytes:
    obj: dict[str, Any] = {
        "id": e.id,
        "op": e.op.value,
        "task": e.task,
        "value": e.value,
        "date": e.date.isoformat(),
        "recorded": e.recorded,
        "by": e.by,
    }
    if e.note is not None:
        obj["note"] = e.note
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class _BadLine(ValueError):
    pass


_OPS = {op.value for op in Op}


def decode(line: bytes) -> Event:
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _BadLine(M.JOURNAL_NOT_JSON) from None
    if not isinstance(obj, dict):
        raise _BadLine(M.JOURNAL_NOT_JSON)
    for key in ("id", "op", "date", "recorded", "by"):
        if key not in obj:
            raise _BadLine(M.JOURNAL_MISSING_FIELD.format(field=key))
    task, note = obj.get("task"), obj.get("note")
    checks = {
        "id": isinstance(obj["id"], str) and bool(obj["id"]),
        "recorded": isinstance(obj["recorded"], str),
        "by": isinstance(obj["by"], str),
        "task": task is None or isinstance(task, str),
        "note": note is None or isinstance(note, str),
        "op": obj["op"] in _OPS,
        "date": isinstance(obj["date"], str),
    }
    for key, ok in checks.items():
        if not ok:
            raise _BadLine(M.JOURNAL_BAD_FIELD.format(field=key, value=str(obj[key])[:40]))
    try:
        when = date.fromisoformat(obj["date"])
    except ValueError:
        raise _BadLine(M.JOURNAL_BAD_FIELD.format(field="date", value=obj["date"][:40])) from None
    return Event(
        id=obj["id"],
        op=Op(obj["op"]),
        task=task,
        value=obj.get("value"),
        date=when,
        recorded=obj["recorded"],
        by=obj["by"],
        note=note,
    )


def _lines(data: bytes) -> Iterator[tuple[int, Event | str]]:
    """(line number, event or what is wrong with the line) for every complete line.

    Lines are split on b"\n" only (a U+2028 in a note is text, not a line break); what
    follows the last newline is a torn write that nobody was told of, and is not a line.
    """
    lines = data.split(b"\n")
    lines.pop()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if b"\0" in line:
            yield number, "NUL"
        elif line.startswith(_CONFLICT_MARKERS):
            yield number, M.JOURNAL_CONFLICT_MARKER
        else:
            try:
                yield number, decode(line)
            except _BadLine as exc:
                yield number, str(exc)


@dataclass
class Scan:
    exists: bool
    size: int
    events: list[Event] = field(default_factory=list)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    torn_tail: int = 0  # bytes after the last newline
    torn_file: bool = False


@dataclass
class Journal:
    path: Path
    warnings: list[str] = field(default_factory=list)

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def torn_path(self) -> Path:
        return self.path.with_name(self.path.name + ".torn")

    def _read_bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise JournalError(
                M.ERR_JOURNAL_UNREADABLE.format(path=self.path, reason=exc.strerror)
            ) from None

    def read(self) -> list[Event]:
        """Every complete line, as events; a damaged line stops everything."""
        return self._parse(self._read_bytes())

    def _parse(self, data: bytes) -> list[Event]:
        events = []
        for number, item in _lines(data):
            if isinstance(item, str):
                raise JournalError(
                    M.ERR_JOURNAL_LINE.format(path=self.path, line=number, problem=item)
                )
            events.append(item)
        return events

    def scan(self) -> Scan:
        """Everything about the file, damaged lines included, for `xjc check`."""
        data = self._read_bytes()
        result = Scan(exists=self.path.exists(), size=len(data))
        for number, item in _lines(data):
            if isinstance(item, str):
                result.bad_lines.append((number, item))
            else:
                result.events.append(item)
        if data and not data.endswith(b"\n"):
            result.torn_tail = len(data) - (data.rfind(b"\n") + 1)
        result.torn_file = self.torn_path.exists()
        return result

    def append(self, make: Callable[[list[Event]], list[Event]]) -> list[Event]:
        """Under the lock: read, let `make` check and build the new events, write them."""
        from filelock import FileLock, Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)
            lock.acquire()
        except Timeout:
            raise LockTimeout(
                M.ERR_LOCKED.format(path=self.path, seconds=int(LOCK_TIMEOUT))
            ) from None
        except OSError as exc:
            raise JournalError(
                M.ERR_JOURNAL_UNWRITABLE.format(path=self.path, reason=exc.strerror)
            ) from None
        try:
            data = self._read_bytes()
            current = self._parse(data)
            new = make(current)
            if not new:
                return []
            payload = b"".join(encode(e) for e in new)
            try:
                if data and not data.endswith(b"\n"):
                    self._move_torn_tail(data)
                created = not data and not self.path.exists()
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    written = os.write(fd, payload)
                    if written != len(payload):  # pragma: no cover - a full disk
                        raise OSError(28, "short write")
                    os.fsync(fd)
                finally:
                    os.close(fd)
                if created:
                    _fsync_dir(self.path.parent)
            except OSError as exc:
                raise JournalError(
                    M.ERR_JOURNAL_UNWRITABLE.format(path=self.path, reason=exc.strerror)
                ) from None
            return new
        finally:
            lock.release()

    def _move_torn_tail(self, data: bytes) -> None:
        keep = data.rfind(b"\n") + 1
        tail = data[keep:]
        fd = os.open(self.torn_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, tail + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.truncate(self.path, keep)
        self.warnings.append(M.WARN_TORN.format(path=self.path, torn=self.torn_path))


def _fsync_dir(folder: Path) -> None:
    """Make a new file's directory entry durable too (POSIX; a no-op elsewhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a directory
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse
        pass
    finally:
        os.close(fd)


def journal_path(plan_path: Path, bundled: bool, data_dir: Path) -> Path:
    """Beside a user's plan; in the user data directory for a bundled one."""
    if bundled:
        return data_dir / "journals" / f"{plan_path.stem}.jsonl"
    return plan_path.with_name(f"{plan_path.stem}.journal.jsonl")
