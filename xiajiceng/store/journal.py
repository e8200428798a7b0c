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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from xiajiceng import messages as M
from xiajiceng.errors import JournalError, LockTimeout
from xiajiceng.model import Event, Op, Status, TaskState, conflicting_ids, fold
from xiajiceng.model.events import REMIND_KINDS, distinct_ids, each_once, fold_latest
from xiajiceng.store import paths
from xiajiceng.store.cache import OFF, Cache, paused_gc

LOCK_TIMEOUT = 10.0
MAX_JOURNAL_BYTES = 1 << 30  # 1 GiB: 25 times a 10,000-task plan's 200,000 records
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


OPS = {op.value: op for op in Op}
_STATUSES = {s.value for s in Status}
_loads = json.JSONDecoder().decode
_from_iso = date.fromisoformat


def decode(line: bytes) -> Event:
    """One journal line as an event; _BadLine says in Chinese what is wrong with it."""
    try:
        obj = _loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _BadLine(M.JOURNAL_NOT_JSON) from None
    except RecursionError:  # [[[[… a thousand deep: no record is shaped like that
        raise _BadLine(M.ERR_JOURNAL_TOO_DEEP) from None
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
    kind = OPS.get(op) if type(op) is str else None
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
        raise _BadLine(M.JOURNAL_BAD_FIELD.format(field=bad, value=_preview(obj.get(bad))))
    return Event(ident, kind, task, value, day, recorded, by, note)  # type: ignore[arg-type]


def _preview(value: object) -> str:
    """The start of a bad field's value; a list or object only by its brackets (a value
    nested a thousand deep must not be walked to be shown)."""
    if type(value) is list:
        return "[…]"
    if type(value) is dict:
        return "{…}"
    return str(value)[:40]


def _has_lone_surrogate(obj: object) -> bool:
    """Whether a \\ud800-style escape left half a character, which no file or screen takes."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _value_ok(op: Op, value: object) -> bool:
    if op is Op.STATUS:
        return type(value) is str and value in _STATUSES
    if op is Op.ASSIGN:
        return type(value) is dict and all(
            type(value.get(k, [])) is list and all(type(n) is str for n in value.get(k, []))
            for k in ("add", "remove")
        )
    if op is Op.UNDO:
        return type(value) is str
    if op is Op.REMIND:
        return value in REMIND_KINDS
    if op is Op.ATTACH:
        return (
            type(value) is dict
            and type(value.get("name")) is str
            and type(value.get("size")) is int
            and value["size"] >= 0
            and type(value.get("sha256")) is str
            and len(value["sha256"]) == 64
            and all(c in "0123456789abcdef" for c in value["sha256"])
        )
    return value is None  # note, done, reopen, verify, reject carry no value


_FAST_MIN_BYTES = 1 << 16  # below this, importing msgspec costs more than it saves
_FAST_CHUNK = 4 << 20  # bytes decoded at once: the records of a chunk are short-lived
_ATTACH_KEYS = frozenset({"name", "size", "sha256"})
_decoder: Any = None
_attach_record: Any = None


def _record_decoder() -> Any:
    """msgspec's decoder of journal records: one record type per operation, told apart by
    "op", each with the fields decode() checks and the value its operation takes, all
    checked in C (a date decoded to a date). A record's class carries its Op as `op`."""
    global _decoder, _attach_record
    if _decoder is None:
        from typing import Annotated, Literal, Optional, Union

        import msgspec

        base = msgspec.defstruct(
            "Record",
            [
                ("id", Annotated[str, msgspec.Meta(min_length=1)]),
                ("date", date),
                ("recorded", str),
                ("by", str),
                ("task", Optional[str], None),  # noqa: UP045 (a type at run time, on 3.10)
                ("note", Optional[str], None),  # noqa: UP045
            ],
            tag_field="op",
            forbid_unknown_fields=True,
            kw_only=True,
            gc=False,  # strings, dates and plain containers only: no cycles to look for
        )
        required = msgspec.NODEFAULT
        values: dict[Op, tuple[Any, Any]] = {
            Op.ASSIGN: (dict[Literal["add", "remove"], list[str]], required),
            Op.STATUS: (Literal[tuple(s.value for s in Status)], required),
            Op.UNDO: (str, required),
            Op.REMIND: (Literal[REMIND_KINDS], required),
            Op.ATTACH: (dict[str, Any], required),  # its fields checked by _value_ok
        }  # any other operation: null or no value
        records = {}
        for op in Op:
            kind, default = values.get(op, (None, None))
            value = ("value", kind) if default is required else ("value", kind, default)
            records[op] = msgspec.defstruct(
                f"Record_{op.value}",
                [value],
                bases=(base,),
                tag=op.value,
                namespace={"op": op},
                kw_only=True,
                gc=False,
            )
        _attach_record = records[Op.ATTACH]
        _decoder = msgspec.json.Decoder(Union[tuple(records.values())])  # noqa: UP007
    return _decoder


def _decode_fast(data: bytes) -> list[Event] | None:
    """The events of complete lines `data`, decoded by msgspec a few megabytes at a time, when
    every line is a record as xjc writes it; None at the first doubt (a line that is blank,
    damaged, has CRLF, an unknown field, an unusual date or value…): the line-by-line
    reader then decides, and names what is wrong. What this accepts, decode() accepts alike.

    Each line is checked to start with "{" and end with "}" (counted in C over the whole
    text): then a newline can only stand between two top-level objects, and as many records
    as lines means one record a line."""
    return _decode_chunks(data, _events_of)


def _decode_records(data: bytes) -> list[Any] | None:
    """What _decode_fast reads, left as msgspec's records: what fold reads (an event's fields,
    the op on the record's class) without an Event made for each of 200,000 lines."""
    return _decode_chunks(data, None)


def _decode_chunks(
    data: bytes, convert: Callable[[list[Any], Callable[[Any, Any], Any]], list[Any]] | None
) -> list[Any] | None:
    lines = data.count(b"\n")
    if not (
        data.startswith(b"{")
        and data.endswith(b"}\n")
        and data.count(b"}\n{") == lines - 1  # every other newline between "}" and "{"
    ):
        return None
    import msgspec

    decode_lines = _record_decoder().decode_lines
    attach = _attach_record
    one: Callable[[Any, Any], Any] = {}.setdefault
    out: list[Any] = []
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + _FAST_CHUNK) + 1 or len(data)
        try:
            records = decode_lines(data[start:end])
        except (msgspec.DecodeError, RecursionError):
            return None
        if attach in set(map(type, records)) and not all(
            _value_ok(Op.ATTACH, r.value) and _ATTACH_KEYS.issuperset(r.value)
            for r in records
            if type(r) is attach
        ):  # (other keys could nest deeper than json reads)
            return None
        out += records if convert is None else convert(records, one)
        start = end
    return out if len(out) == lines else None


def _events_of(records: list[Any], one: Callable[[Any, Any], Any]) -> list[Event]:
    """Records as events; tasks, days and people recur on every line: one object each
    through `one` (a dict's setdefault: a fifth of the memory)."""
    new = tuple.__new__
    return [
        new(Event, (r.id, r.op, one(r.task, r.task), r.value, one(r.date, r.date),
                    r.recorded, one(r.by, r.by), r.note))
        for r in records
    ]  # fmt: skip


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


@dataclass
class Journal:
    path: Path
    warnings: list[str] = field(default_factory=list)
    cache: Cache = OFF
    # the plan folder: the journal is never reached through a link that leaves it
    root: Path | None = None
    # the fingerprint of the last bytes decoded, their events (True) or records (False), each
    # line's (a line that a merge doubled is there twice), and whether every id is once (None:
    # not yet asked)
    _decoded: tuple[bytes, list[Any], bool, bool | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def release(self) -> None:
        """Let go of the events decoded for this command (kept so that a second fold or read
        decodes nothing again): a command that is done with the journal frees their memory
        for what comes next (200,000 events are about 100 MB). Read again, it decodes again."""
        self._decoded = None

    @property
    def torn_path(self) -> Path:
        return self.path.with_name(self.path.name + ".torn")

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _check_paths(self) -> None:
        """No link out of the plan folder on the way, and none of the journal's own files a
        link: xjc never makes one, so one there was planted (a clone can hold anything)."""
        if self.root is not None:
            paths.check_inside(self.path, self.root)
        for path in (self.path, self.lock_path, self.torn_path):
            paths.refuse_link(path)

    def _read_raw(self) -> bytes:
        self._check_paths()
        try:
            return paths.read_regular(self.path, MAX_JOURNAL_BYTES)
        except FileNotFoundError:
            return b""
        except paths.TooBig as exc:
            raise JournalError(
                M.ERR_JOURNAL_TOO_BIG.format(path=self.path, size=exc.size, limit=MAX_JOURNAL_BYTES)
            ) from None
        except paths.NotRegular:
            raise JournalError(M.ERR_NOT_REGULAR.format(path=self.path)) from None
        except OSError as exc:
            raise JournalError(
                M.ERR_JOURNAL_UNREADABLE.format(path=self.path, reason=exc.strerror)
            ) from None

    def raw(self) -> bytes:
        """The file's bytes as they are (checked for links, bounded)."""
        return self._read_raw()

    def _read_bytes(self) -> bytes:
        return self._complete(self._read_raw())

    def _complete(self, data: bytes) -> bytes:
        """The journal as its readers take it. A last line without a newline is either a
        whole record that lost only its newline (an editor, a merge): it counts, as if the
        newline were there; or the start of a write that was never acknowledged: it does
        not. Either way a warning names it, and the next write mends it."""
        if not data or data.endswith(b"\n"):
            return data
        start = data.rfind(b"\n") + 1
        line = data.count(b"\n", 0, start) + 1
        if not data[start:].strip():
            return data + b"\n"
        if _is_record(data[start:]):
            self._warn(M.WARN_NO_NEWLINE.format(path=self.path, line=line))
            return data + b"\n"
        self._warn(M.WARN_TORN_TAIL.format(path=self.path, line=line, torn=self.torn_path))
        return data

    def read(self) -> list[Event]:
        """Every complete line, as events; a damaged line stops everything."""
        return self.read_data(self._read_bytes())

    def read_data(self, data: bytes) -> list[Event]:
        """The events of the journal's bytes `data` (as read). The events of the last bytes
        decoded are kept for the rest of the command, under the bytes' fingerprint: a report
        folds the journal as of two days and reads its events too, and decodes it once."""
        from xiajiceng.store.replay import Replay

        if self._decoded is not None and self._decoded[0] == _fingerprint(data):
            key, events, made, distinct = self._decoded
            if not made:  # decoded for a fold: made events now, once
                with paused_gc():
                    events = _events_of(events, {}.setdefault)
                self._decoded = (key, events, True, distinct)
            return list(events)
        with paused_gc():
            events, distinct = Replay(self).decoded(data)
        self._decoded = (_fingerprint(data), events, True, distinct)
        return list(events)

    def replayable(self, data: bytes) -> Sequence[Event]:
        """The events of the journal's bytes `data` as fold reads them, decoded once a command
        with read_data: msgspec's records when every line is plain (a fold of 200,000 lines
        needs no Event made for each), else events; each id once. Not to be kept or handed
        out."""
        from xiajiceng.store.replay import Replay

        key = _fingerprint(data)
        if self._decoded is not None and self._decoded[0] == key:  # decoded before
            _, records, made, distinct = self._decoded
            if distinct is None:  # (made by scan)
                distinct = distinct_ids(records)
                self._decoded = (key, records, made, distinct)
        else:
            with paused_gc():
                records, distinct = Replay(self).decoded(data, records=True)
            self._decoded = (key, records, False, distinct)
        # the lines as read are kept (read_data makes its events of them); fold reads each
        # id once: a line that a merge doubled counts once
        return records if distinct else each_once(records)

    def cache_key(self) -> str:
        """The journal's name in the caches: a hash of where it is."""
        return hashlib.sha1(str(self.path.resolve()).encode("utf-8")).hexdigest()

    def states(self, task_ids: Sequence[str], as_of: date) -> dict[str, TaskState]:
        """fold(task_ids, self.read(), as_of), from the caches when they still hold.

        The cyclic GC is paused meanwhile (see paused_gc): a fold of 200,000 events makes
        hundreds of thousands of tuples (sort keys, notes), no cycle among them, and the
        collector, woken every 700 of them, walked the growing heap again and again."""
        with paused_gc():
            if self.cache.root is None:
                events = self.replayable(self._read_bytes())
                return fold_latest(tuple(task_ids), events, as_of, distinct=True)[0]
            from xiajiceng.store.replay import Replay

            return Replay(self).states(self._read_bytes(), tuple(task_ids), as_of)

    def decode_lines(self, data: bytes, first: int, records: bool = False) -> list[Event]:
        """The events of complete lines (numbered from `first`); a damaged one stops all.
        With `records`, msgspec's records when it reads them all (see replayable)."""
        if len(data) >= _FAST_MIN_BYTES:
            fast = _decode_records(data) if records else _decode_fast(data)
            if fast is not None:
                return fast
        events = []
        for number, item in _lines(data, first):
            if isinstance(item, str):
                raise JournalError(
                    M.ERR_JOURNAL_LINE.format(path=self.path, line=number, problem=item)
                )
            events.append(item)
        return events

    def duplicate_error(self, data: bytes) -> JournalError:
        """The first line that reuses an earlier record's id for other content, named."""
        number, problem = _duplicates(_lines(data))[0]
        return JournalError(M.ERR_JOURNAL_LINE.format(path=self.path, line=number, problem=problem))

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
        once: dict[str, Event] = {}  # a line that a merge doubled counts once
        for e in events:
            once.setdefault(e.id, e)
        return list(once.values())

    def scan(self) -> Scan:
        """Everything about the file, damaged lines included, for `xjc check`."""
        raw = self._read_raw()
        data = self._complete(raw)
        result = Scan(exists=self.path.exists(), size=len(raw))
        with paused_gc():
            end = data.rfind(b"\n") + 1
            fast = _decode_fast(data[:end]) if end >= _FAST_MIN_BYTES else None
            if fast is not None:  # every line a good record: nothing to name
                result.events = fast
            else:
                for number, item in _lines(data):
                    if isinstance(item, str):
                        result.bad_lines.append((number, item))
                    else:
                        result.events.append(item)
            if conflicting_ids(result.events):
                found = _duplicates(_lines(data))
                result.bad_lines = sorted({*result.bad_lines, *found})
                bad = {e.id for e in _conflicted_events(result.events)}
                result.events = [e for e in result.events if e.id not in bad]
        if not result.bad_lines:  # what read_data would make of these bytes: not made again
            self._decoded = (_fingerprint(data), list(result.events), True, None)
        if data and not data.endswith(b"\n"):
            result.torn_tail = len(data) - (data.rfind(b"\n") + 1)
        result.torn_file = self.torn_path.exists()
        return result

    def snapshot(self) -> Snapshot:
        """The journal as it is now, for a check made outside the lock (a dry run)."""
        return Snapshot(self)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the journal's lock: no xjc writer appends meanwhile (sync merges under it)."""
        from filelock import FileLock, Timeout

        self._check_paths()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(paths.open_append(self.lock_path))  # made here, never through a link
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
            yield
        finally:
            lock.release()

    def append(self, make: Callable[[Snapshot], list[Event]]) -> list[Event]:
        """Under the lock: read, let `make` check and build the new events, write them.

        `make` sees a Snapshot: the current state of the tasks (from the state cache, so a
        write to a journal of 200,000 lines need not parse them) or, if it needs them, the
        events themselves. It runs under the lock, so the times it records follow the order
        in which the records are written.

        All of the new lines are written, or none: a write cut short (a full disk) is
        truncated away before the error is reported.
        """
        with self.locked():
            end = _End.of(self._read_raw())  # (the text itself is not kept meanwhile)
            new = make(Snapshot(self))
            if new:
                self._write(end, b"".join(encode(e) for e in new))
            return new

    def records(self) -> dict[str, bytes]:
        """Every record's line as it is in the file (its first line, if doubled), by id:
        what sync compares before and after a merge, and puts back if a merge lost it."""
        data = self._read_bytes()
        found: dict[str, bytes] = {}
        for number, line in enumerate(data.split(b"\n")[:-1], start=1):
            for n, item in _lines(line + b"\n", number):
                if isinstance(item, str):
                    raise JournalError(
                        M.ERR_JOURNAL_LINE.format(path=self.path, line=n, problem=item)
                    )
                found.setdefault(item.id, line + b"\n")
        return found

    def restore(self, lines: Sequence[bytes]) -> None:
        """Append records' lines as they were (the caller holds the lock: see locked())."""
        if lines:
            self._write(_End.of(self._read_raw()), b"".join(lines))

    def _write(self, end: _End, payload: bytes) -> None:
        """Append payload to a journal that ends as `end` says, all or nothing, durably."""
        try:
            if end.tail:
                if _is_record(end.tail):
                    payload = b"\n" + payload  # mend the newline the last record lost
                else:
                    self._move_torn_tail(end)
            created = not self.path.exists()
            fd = paths.open_append(self.path)
            try:
                before = os.fstat(fd).st_size
                try:
                    paths.write_all(fd, payload)
                    os.fsync(fd)
                except OSError:
                    os.ftruncate(fd, before)  # all or nothing
                    os.fsync(fd)
                    raise
            finally:
                os.close(fd)
            if created:
                _fsync_dir(self.path.parent)
        except OSError as exc:
            raise JournalError(
                M.ERR_JOURNAL_UNWRITABLE.format(path=self.path, reason=exc.strerror)
            ) from None

    def _move_torn_tail(self, end: _End) -> None:
        """Move an unacknowledged partial line to <journal>.torn, then cut it off; the cut
        happens only once every byte of it is safely in the .torn file."""
        keep = end.keep
        fd = paths.open_append(self.torn_path)
        try:
            paths.write_all(fd, end.tail + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        fd = os.open(self.path, os.O_WRONLY | paths.O_NOFOLLOW | paths.O_BINARY)
        try:
            os.ftruncate(fd, keep)
            os.fsync(fd)
        finally:
            os.close(fd)
        self._warn(M.WARN_TORN.format(path=self.path, torn=self.torn_path))


class _End(NamedTuple):
    """What a writer needs of the journal as it found it: where its last complete line ends,
    and what follows (a last line without its newline, or nothing)."""

    keep: int
    tail: bytes

    @classmethod
    def of(cls, raw: bytes) -> _End:
        keep = raw.rfind(b"\n") + 1
        return cls(keep, raw[keep:])


def _fingerprint(data: bytes) -> bytes:
    """What the journal's decoded events are kept under for the rest of a command, instead
    of 38 MB of text: the SHA-256 of the bytes (and their length)."""
    return len(data).to_bytes(8, "little") + hashlib.sha256(data).digest()


def _is_record(tail: bytes) -> bool:
    """Whether what follows the last newline is a whole, valid record (or only blanks)."""
    if not tail.strip():
        return True
    if b"\0" in tail or tail.startswith(_CONFLICT_MARKERS):
        return False
    try:
        decode(tail)
    except _BadLine:
        return False
    return True


def _duplicates(lines: Iterable[tuple[int, Event | str]]) -> list[tuple[int, str]]:
    """(line, problem) for every line whose id an earlier, different record already has."""
    first: dict[str, tuple[int, Event]] = {}
    found = []
    for number, item in lines:
        if isinstance(item, str):
            continue
        seen = first.setdefault(item.id, (number, item))
        if seen[1] is not item and seen[1] != item:
            found.append((number, M.ERR_JOURNAL_DUPLICATE.format(first=seen[0], id=item.id[:16])))
    return found


def _conflicted_events(events: Sequence[Event]) -> list[Event]:
    """Every event whose id is shared with a different event."""
    by_id: dict[str, list[Event]] = {}
    for e in events:
        by_id.setdefault(e.id, []).append(e)
    bad = {i for i, group in by_id.items() if any(e != group[0] for e in group)}
    return [e for e in events if e.id in bad]


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
