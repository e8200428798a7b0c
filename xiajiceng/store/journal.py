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
from collections.abc import Callable
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


def decode(line: bytes) -> Event:
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _BadLine(str(exc)) from None
    if not isinstance(obj, dict):
        raise _BadLine("not an object")
    try:
        ident, op, when, recorded, by = (
            obj["id"],
            obj["op"],
            obj["date"],
            obj["recorded"],
            obj["by"],
        )
        task, note = obj.get("task"), obj.get("note")
        if not (isinstance(ident, str) and ident and isinstance(recorded, str)):
            raise _BadLine("id/recorded")
        if not isinstance(by, str) or not (task is None or isinstance(task, str)):
            raise _BadLine("by/task")
        if not (note is None or isinstance(note, str)):
            raise _BadLine("note")
        return Event(
            id=ident,
            op=Op(op),
            task=task,
            value=obj.get("value"),
            date=date.fromisoformat(when),
            recorded=recorded,
            by=by,
            note=note,
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise _BadLine(str(exc)) from None


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
        lines = data.split(b"\n")
        lines.pop()  # after the last newline: empty, or a torn write nobody was told of
        events = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            problem = None
            if b"\0" in line:
                problem = "NUL"
            elif line.startswith(_CONFLICT_MARKERS):
                problem = "git conflict marker"
            else:
                try:
                    events.append(decode(line))
                except _BadLine as exc:
                    problem = str(exc)
            if problem:
                raise JournalError(
                    M.ERR_JOURNAL_LINE.format(path=self.path, line=number, problem=problem)
                )
        return events

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
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    written = os.write(fd, payload)
                    if written != len(payload):  # pragma: no cover - a full disk
                        raise OSError(28, "short write")
                    os.fsync(fd)
                finally:
                    os.close(fd)
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


def journal_path(plan_path: Path, bundled: bool, data_dir: Path) -> Path:
    """Beside a user's plan; in the user data directory for a bundled one."""
    if bundled:
        return data_dir / "journals" / f"{plan_path.stem}.jsonl"
    return plan_path.with_name(f"{plan_path.stem}.journal.jsonl")
