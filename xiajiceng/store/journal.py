"""The journal: one JSON object a line, append-only, beside the plan.

Writers take an exclusive lock, read what is there, let the caller check the new events
against it (so "already done" is decided under the lock), then write all new lines with a
single os.write to a file opened with O_APPEND and fsync before reporting success.
A last line without a newline is a write that was never acknowledged: readers skip it,
and the next writer moves it aside to ``<journal>.torn`` before appending.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .. import messages as M
from ..errors import JournalError, LockTimeout
from ..model import Event, Op, Status, TaskState, apply, fold
from .cache import OFF, Cache, paused_gc

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


_OPS = {op.value: op for op in Op}
_STATUSES = {s.value for s in Status}
_loads = json.JSONDecoder().decode
_from_iso = date.fromisoformat


def decode(line: bytes) -> Event:
    """One journal line as an event; _BadLine says in Chinese what is wrong with it."""
    try:
        obj = _loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _BadLine(M.JOURNAL_NOT_JSON) from None
    if type(obj) is not dict:
        raise _BadLine(M.JOURNAL_NOT_JSON)
    if (b"\\ud" in line or b"\\uD" in line) and _has_lone_surrogate(obj):
        raise _BadLine(M.JOURNAL_LONE_SURROGATE)
    try:
        ident, op, when, recorded, by = (
            obj["id"],
            obj["op"],
            obj["date"],
            obj["recorded"],
            obj["by"],
        )
    except KeyError as exc:
        raise _BadLine(M.JOURNAL_MISSING_FIELD.format(field=exc.args[0])) from None
    task, note, value = obj.get("task"), obj.get("note"), obj.get("value")
    kind = _OPS.get(op) if type(op) is str else None
    try:
        day = _from_iso(when) if type(when) is str and len(when) == 10 else None
    except ValueError:
        day = None
    bad = (
        "id" if not (type(ident) is str and ident) else
        "op" if kind is None else
        "date" if day is None else
        "recorded" if type(recorded) is not str else
        "by" if type(by) is not str else
        "task" if not (task is None or type(task) is str) else
        "note" if not (note is None or type(note) is str) else
        "value" if not _value_ok(kind, value) else
        None
    )  # fmt: skip
    if bad is not None:
        raise _BadLine(M.JOURNAL_BAD_FIELD.format(field=bad, value=str(obj.get(bad))[:40]))
    return Event(ident, kind, task, value, day, recorded, by, note)  # type: ignore[arg-type]


def _has_lone_surrogate(obj: object) -> bool:
    """Whether a \\ud800-style escape left half a character, which no file or screen takes."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _value_ok(op: Op, value: object) -> bool:
    if op is Op.STATUS:
        return value in _STATUSES
    if op is Op.ASSIGN:
        return type(value) is dict and all(
            type(value.get(k, [])) is list and all(type(n) is str for n in value.get(k, []))
            for k in ("add", "remove")
        )
    if op is Op.UNDO:
        return type(value) is str
    return True


def _lines(data: bytes, first: int = 1) -> Iterator[tuple[int, Event | str]]:
    """(line number, event or what is wrong with the line) for every complete line.

    Lines are split on b"\n" only (a U+2028 in a note is text, not a line break); what
    follows the last newline is a torn write that nobody was told of, and is not a line.
    """
    lines = data.split(b"\n")
    lines.pop()
    for number, line in enumerate(lines, start=first):
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


# A parsed journal in the cache: events as plain tuples (marshal reads them back several
# times faster than json reads lines), valid for as long as the file still starts with the
# bytes they came from (same CRC-32 over the same length).
_CACHE_KIND = "journals"
_STATE_KIND = "states"
_REFRESH_LINES = 2000  # re-cache once this many lines were parsed past the cached prefix


def _to_row(e: Event) -> tuple[Any, ...]:
    return (e.id, e.op.value, e.task, e.value, e.date.toordinal(), e.recorded, e.by, e.note)


def _from_rows(rows: tuple[tuple[Any, ...], ...]) -> list[Event]:
    ops, ordinal = _OPS, date.fromordinal
    return [Event(i, ops[o], t, v, ordinal(d), r, b, n) for i, o, t, v, d, r, b, n in rows]


@dataclass
class Journal:
    path: Path
    warnings: list[str] = field(default_factory=list)
    cache: Cache = OFF

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
        with paused_gc():
            return self._parse_all(data)

    def _cached_prefix(self, data: bytes, end: int) -> tuple[int, int, int, list[Event]]:
        """(bytes, first line number after them, their CRC, their events) of the longest
        start of the journal that the event cache holds, unchanged; (0, 1, 0, []) if none."""
        key = hashlib.sha1(str(self.path.resolve()).encode("utf-8")).hexdigest()
        cached = self.cache.get(_CACHE_KIND, key) if self.cache.root is not None else None
        if cached is not None:
            size, prefix_crc, lines, rows = cached
            if size <= end and zlib.crc32(data[:size]) == prefix_crc:
                return size, lines + 1, prefix_crc, _from_rows(rows)
        return 0, 1, 0, []

    def _parse_all(self, data: bytes) -> list[Event]:
        end = data.rfind(b"\n") + 1  # complete lines only
        key = hashlib.sha1(str(self.path.resolve()).encode("utf-8")).hexdigest()
        start, first, crc, events = self._cached_prefix(data, end)
        fresh = self._decode_lines(data[start:end], first)
        events += fresh
        if len(fresh) >= _REFRESH_LINES or (start == 0 and fresh):
            crc = zlib.crc32(data[start:end], crc)
            lines = first - 1 + data.count(b"\n", start, end)
            rows = tuple(_to_row(e) for e in events)
            self.cache.put(_CACHE_KIND, key, (end, crc, lines, rows))
        return events

    def _decode_lines(self, data: bytes, first: int) -> list[Event]:
        events = []
        for number, item in _lines(data, first):
            if isinstance(item, str):
                raise JournalError(
                    M.ERR_JOURNAL_LINE.format(path=self.path, line=number, problem=item)
                )
            events.append(item)
        return events

    def read_about(self, needle: str) -> list[Event]:
        """The events of the lines that mention `needle` (a task id): what `show` needs,
        without decoding a journal of 200,000 lines for one task's dozen. A line is still
        decoded whole and checked; the caller keeps the events that are really about it."""
        data = self._read_bytes()
        key = needle.encode("utf-8")
        lines = data.split(b"\n")
        lines.pop()
        events = []
        for number, line in enumerate(lines, start=1):
            if key not in line:
                continue
            for n, item in _lines(line + b"\n", number):
                if isinstance(item, str):
                    raise JournalError(
                        M.ERR_JOURNAL_LINE.format(path=self.path, line=n, problem=item)
                    )
                events.append(item)
        return events

    def scan(self) -> Scan:
        """Everything about the file, damaged lines included, for `xjc check`."""
        data = self._read_bytes()
        result = Scan(exists=self.path.exists(), size=len(data))
        with paused_gc():
            # lines the event cache holds were checked by this very code when it was made,
            # and are byte for byte unchanged (CRC): only the rest is decoded again
            start, first, _, result.events = self._cached_prefix(data, data.rfind(b"\n") + 1)
            for number, item in _lines(data[start:], first):
                if isinstance(item, str):
                    result.bad_lines.append((number, item))
                else:
                    result.events.append(item)
        if data and not data.endswith(b"\n"):
            result.torn_tail = len(data) - (data.rfind(b"\n") + 1)
        result.torn_file = self.torn_path.exists()
        return result

    def states(self, task_ids: Sequence[str], as_of: date) -> dict[str, TaskState]:
        """fold(task_ids, self.read(), as_of), from the cache of the folded state when it can.

        The cache holds the state after every event (keyed, like the event cache, by the
        CRC of the bytes it covers). It answers for any as_of on or after the latest
        effective date in the journal; lines appended since are replayed on top of it when
        each comes after everything cached in replay order and is not an undo, otherwise
        everything is folded again. Earlier as-of dates (a report for a past month) fold.
        """
        ids = tuple(task_ids)
        if self.cache.root is None:
            return fold(ids, self.read(), as_of)
        data = self._read_bytes()
        end = data.rfind(b"\n") + 1
        key = hashlib.sha1(str(self.path.resolve()).encode("utf-8")).hexdigest()
        past = self._states_before(data, end, key, ids, as_of)  # a past month's end
        if past is not None:
            return past
        entry = self.cache.get(_STATE_KIND, key)
        if entry is not None:
            size, crc, cached_ids, last_day, last_key, states = entry
            if cached_ids == ids and size <= end and zlib.crc32(data[:size]) == crc:
                fresh = self._decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
                if all(e.op is not Op.UNDO and e.sort_key() > last_key for e in fresh):
                    for e in sorted(fresh, key=Event.sort_key):
                        if e.task in states:
                            apply(states[e.task], e)
                        last_day, last_key = max(last_day, e.date), max(last_key, e.sort_key())
                    if len(fresh) >= _REFRESH_LINES:  # else replaying the tail is cheaper
                        crc = zlib.crc32(data[size:end], crc)
                        entry = (end, crc, ids, last_day, last_key, states)
                        self.cache.put(_STATE_KIND, key, entry)
                    if as_of >= last_day:
                        return states
        events = self._parse(data)
        states = fold(ids, events)
        last_day = max((e.date for e in events), default=date.min)
        last_key = max((e.sort_key() for e in events), default=(date.min, "", ""))
        crc = zlib.crc32(data[:end])
        self.cache.put(_STATE_KIND, key, (end, crc, ids, last_day, last_key, states))
        if as_of >= last_day:
            return states
        states = fold(ids, events, as_of)
        if (as_of + timedelta(days=1)).day == 1:  # month ends (reports) only: a bounded set
            self.cache.put(_STATE_KIND, f"{key}-{as_of.isoformat()}", (end, crc, ids, states))
        return states

    def _states_before(
        self, data: bytes, end: int, key: str, ids: tuple[str, ...], as_of: date
    ) -> dict[str, TaskState] | None:
        """The cached state as of an earlier date (a past month's report), if still true:
        the bytes it came from are unchanged, and nothing appended since is dated on or
        before as_of or undoes anything."""
        entry = self.cache.get(_STATE_KIND, f"{key}-{as_of.isoformat()}")
        if entry is None:
            return None
        size, crc, cached_ids, states = entry
        if cached_ids != ids or size > end or zlib.crc32(data[:size]) != crc:
            return None
        fresh = self._decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
        if any(e.op is Op.UNDO or e.date <= as_of for e in fresh):
            return None
        return states

    def snapshot(self) -> Snapshot:
        """The journal as it is now, for a check made outside the lock (a dry run)."""
        return Snapshot(self)

    def append(self, make: Callable[[Snapshot], list[Event]]) -> list[Event]:
        """Under the lock: read, let `make` check and build the new events, write them.

        `make` sees a Snapshot: the current state of the tasks (from the state cache, so a
        write to a journal of 200,000 lines need not parse them) or, if it needs them, the
        events themselves.
        """
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
            new = make(Snapshot(self))
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


class Snapshot:
    """What a writer checks against, read lazily: states, or events when it needs them."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._events: list[Event] | None = None

    @property
    def events(self) -> list[Event]:
        if self._events is None:
            self._events = self._journal.read()
        return self._events

    def states(self, task_ids: Sequence[str]) -> dict[str, TaskState]:
        """The state of every task after every event (whatever its date)."""
        if self._events is not None:
            return fold(task_ids, self._events)
        return self._journal.states(task_ids, date.max)


def journal_path(plan_path: Path, bundled: bool, data_dir: Path) -> Path:
    """Beside a user's plan; in the user data directory for a bundled one."""
    if bundled:
        return data_dir / "journals" / f"{plan_path.stem}.jsonl"
    return plan_path.with_name(f"{plan_path.stem}.journal.jsonl")
