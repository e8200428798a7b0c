"""A journal read back through the caches: its events, and its tasks' folded states.

Both caches are keyed by the journal and checked against the bytes they stand for (the CRC-32
of the start of the file they cover), and by the code that made them (store.cache), so an
answer never depends on them: a stale entry is passed over and made again.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from xiajiceng.model import Event, Op, TaskState, apply, conflicting_ids, fold

if TYPE_CHECKING:
    from xiajiceng.store.journal import Journal

OPS = {op.value: op for op in Op}

# A parsed journal in the cache: events as plain tuples (unpickled several times faster
# than json reads lines), valid for as long as the file still starts with the
# bytes they came from (same CRC-32 over the same length).
EVENTS = "journals"
STATES = "states"
REFRESH_LINES = 2000  # re-cache once this many lines were parsed past the cached prefix


def _to_row(e: Event) -> tuple[Any, ...]:
    return (e.id, e.op.value, e.task, e.value, e.date.toordinal(), e.recorded, e.by, e.note)


def _from_rows(rows: tuple[tuple[Any, ...], ...]) -> list[Event]:
    ops, ordinal = OPS, date.fromordinal
    return [Event(i, ops[o], t, v, ordinal(d), r, b, n) for i, o, t, v, d, r, b, n in rows]


def _id_hashes(ids: Iterable[str]) -> bytes:
    """The CRC-32 of every id, sorted, packed: what a cached state needs to tell whether an
    appended line repeats an id it already holds (a hit may be a collision: then fold)."""
    crc = zlib.crc32
    return array("I", sorted({crc(i.encode("utf-8", "surrogatepass")) for i in ids})).tobytes()


def _fresh_ok(fresh: Sequence[Event], packed: bytes) -> bool:
    """Whether appended events are all new ids (none repeats another, none is cached)."""
    if not fresh:
        return True
    ids = [e.id for e in fresh]
    if len(set(ids)) != len(ids):
        return False
    hashes = array("I")
    hashes.frombytes(packed)
    crc = zlib.crc32
    for i in ids:
        h = crc(i.encode("utf-8", "surrogatepass"))
        at = bisect_left(hashes, h)
        if at < len(hashes) and hashes[at] == h:
            return False
    return True


def _merge_hashes(packed: bytes, fresh: Sequence[Event]) -> bytes:
    hashes = array("I")
    hashes.frombytes(packed)
    crc = zlib.crc32
    merged = set(hashes)
    merged.update(crc(e.id.encode("utf-8", "surrogatepass")) for e in fresh)
    return array("I", sorted(merged)).tobytes()


class Replay:
    """The events and states of one journal, from its caches when they still hold."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.cache = journal.cache

    def prefix(self, data: bytes, end: int) -> tuple[int, int, int, list[Event]]:
        """(bytes, first line number after them, their CRC, their events) of the longest
        start of the journal that the event cache holds, unchanged; (0, 1, 0, []) if none."""
        if self.cache.root is None:
            return 0, 1, 0, []
        cached = self.cache.get(EVENTS, self.journal.cache_key())
        if cached is not None:
            size, prefix_crc, lines, rows = cached
            if size <= end and zlib.crc32(data[:size]) == prefix_crc:
                return size, lines + 1, prefix_crc, _from_rows(rows)
        return 0, 1, 0, []

    def events(self, data: bytes) -> list[Event]:
        """Every event of the journal's complete lines: the cached start, and the rest decoded
        (and cached again once there is enough of it)."""
        end = data.rfind(b"\n") + 1  # complete lines only
        start, first, crc, events = self.prefix(data, end)
        fresh = self.journal.decode_lines(data[start:end], first)
        events += fresh
        if conflicting_ids(events):
            raise self.journal.duplicate_error(data)
        if len(fresh) >= REFRESH_LINES or (start == 0 and fresh):
            crc = zlib.crc32(data[start:end], crc)
            lines = first - 1 + data.count(b"\n", start, end)
            rows = tuple(_to_row(e) for e in events)
            self.cache.put(EVENTS, self.journal.cache_key(), (end, crc, lines, rows))
        return events

    def states(self, data: bytes, ids: tuple[str, ...], as_of: date) -> dict[str, TaskState]:
        """fold(task_ids, self.read(), as_of), from the cache of the folded state when it can.

        The cache holds the state after every event (keyed, like the event cache, by the
        CRC of the bytes it covers) and the hashes of the ids it has seen. It answers for any
        as_of on or after the latest effective date in the journal; lines appended since are
        replayed on top of it when each comes after everything cached in replay order, is not
        an undo and repeats no id, otherwise everything is folded again. Earlier as-of dates
        (a report for a past month) fold.
        """
        end = data.rfind(b"\n") + 1
        key = self.journal.cache_key()
        past = self._states_before(data, end, key, ids, as_of)  # a past month's end
        if past is not None:
            return past
        entry = self.cache.get(STATES, key)
        if entry is not None:
            size, crc, cached_ids, last_day, last_key, states, seen = entry
            if cached_ids == ids and size <= end and zlib.crc32(data[:size]) == crc:
                fresh = self.journal.decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
                if _fresh_ok(fresh, seen) and all(
                    e.op is not Op.UNDO and e.sort_key() > last_key for e in fresh
                ):
                    for e in sorted(fresh, key=Event.sort_key):
                        if e.task in states:
                            apply(states[e.task], e)
                        last_day, last_key = max(last_day, e.date), max(last_key, e.sort_key())
                    if len(fresh) >= REFRESH_LINES:  # else replaying the tail is cheaper
                        crc = zlib.crc32(data[size:end], crc)
                        seen = _merge_hashes(seen, fresh)
                        entry = (end, crc, ids, last_day, last_key, states, seen)
                        self.cache.put(STATES, key, entry)
                    if as_of >= last_day:
                        return states
        events = self.journal.read_data(data)
        states = fold(ids, events)
        last_day = max((e.date for e in events), default=date.min)
        last_key = max((e.sort_key() for e in events), default=(date.min, "", ""))
        crc = zlib.crc32(data[:end])
        seen = _id_hashes(e.id for e in events)
        self.cache.put(STATES, key, (end, crc, ids, last_day, last_key, states, seen))
        if as_of >= last_day:
            return states
        states = fold(ids, events, as_of)
        if (as_of + timedelta(days=1)).day == 1:  # month ends (reports) only: a bounded set
            entry = (end, crc, ids, states, seen)
            self.cache.put(STATES, f"{key}-{as_of.isoformat()}", entry)
        return states

    def _states_before(
        self, data: bytes, end: int, key: str, ids: tuple[str, ...], as_of: date
    ) -> dict[str, TaskState] | None:
        """The cached state as of an earlier date (a past month's report), if still true:
        the bytes it came from are unchanged, and nothing appended since is dated on or
        before as_of, undoes anything or repeats an id."""
        entry = self.cache.get(STATES, f"{key}-{as_of.isoformat()}")
        if entry is None:
            return None
        size, crc, cached_ids, states, seen = entry
        if cached_ids != ids or size > end or zlib.crc32(data[:size]) != crc:
            return None
        fresh = self.journal.decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
        if any(e.op is Op.UNDO or e.date <= as_of for e in fresh) or not _fresh_ok(fresh, seen):
            return None
        return states
