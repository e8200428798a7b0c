"""A journal read back: its events (decoded each time), and its tasks' folded states
(through the state cache).

The cache is keyed by the journal and checked against the bytes it stands for (the CRC-32 of
the start of the file it covers), the plan's task ids and the code that made it (store.cache),
so an answer never depends on it: a stale entry is passed over and made again.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import chain, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from xiajiceng.model import Event, Op, Status, TaskState, apply, conflicting_ids
from xiajiceng.model.events import Evidence, Note, distinct_ids, fold_latest

if TYPE_CHECKING:
    from xiajiceng.store.journal import Journal

# The folded state of a journal's tasks in the cache, valid for as long as the file still
# starts with the bytes it came from (same CRC-32 over the same length) and the plan has the
# same task ids; the header (size, CRC, ids' digest) is checked before the rest is unpickled.
STATES = "states"
REFRESH_LINES = 2000  # re-cache once this many lines were replayed past the cached state
_STATUS = {s.value: s for s in Status}
_ID, _NOTES = attrgetter("id"), attrgetter("notes")


def _digest(ids: Sequence[str]) -> bytes:
    return hashlib.sha1("\0".join(ids).encode("utf-8", "surrogatepass")).digest()


def _pack(states: dict[str, TaskState]) -> tuple[list[Any], ...]:
    """The states as flat lists of strings and numbers, in the order of the task ids: pickled
    and unpickled in a fraction of the time of 10,000 objects holding 100,000 notes. The
    notes' days and people, which recur, as indexes into a list of each once."""
    ss = list(states.values())
    # every note's four fields in one list, read in one pass, then taken apart by slicing
    fields = list(chain.from_iterable(chain.from_iterable(map(_NOTES, ss))))
    days, texts, bys, event_ids = (fields[i::4] for i in range(4))  # a Note's four fields
    day_list, day_codes = _distinct(days)
    by_list, by_codes = _distinct(bys)
    # the supervision cycle's fields, for the few tasks that have any: (index, verified on,
    # reminders, evidence)
    rare = [
        [
            i,
            s.verified_on.toordinal() if s.verified_on else 0,
            [d.toordinal() for d in s.reminders],
            [(x.name, x.size, x.sha256, x.date.toordinal(), x.event_id) for x in s.evidence],
        ]
        for i, s in enumerate(ss)
        if s.verified_on or s.reminders or s.evidence
    ]
    return (
        [s.status.value for s in ss],
        [s.done_on.toordinal() if s.done_on else 0 for s in ss],
        [s.assignees for s in ss],
        list(map(len, map(_NOTES, ss))),
        list(map(date.toordinal, day_list)),
        day_codes,
        texts,
        by_list,
        by_codes,
        event_ids,
        rare,
    )


def _distinct(values: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """The distinct values (in order of first appearance), and each value's index among them."""
    distinct = list(dict.fromkeys(values))
    index = {v: i for i, v in enumerate(distinct)}
    return distinct, list(map(index.__getitem__, values))


def _unpack(ids: Sequence[str], packed: tuple[list[Any], ...]) -> dict[str, TaskState]:
    statuses, done, assignees, counts, day_list, day_codes, texts, by_list, by_codes = packed[:9]
    event_ids, rare = packed[9:]
    day, status, new = date.fromordinal, _STATUS, tuple.__new__
    days = map(list(map(day, day_list)).__getitem__, day_codes)
    bys = map(by_list.__getitem__, by_codes)
    notes = list(map(new, repeat(Note), zip(days, texts, bys, event_ids)))
    out: dict[str, TaskState] = {}
    at = 0
    unique = dict.fromkeys(ids)  # the keys of the folded states, in order
    for tid, st, d, names, n in zip(unique, statuses, done, assignees, counts, strict=True):
        out[tid] = TaskState(status[st], names, notes[at : at + n], day(d) if d else None)
        at += n
    keys = list(unique)
    for i, verified, reminders, evidence in rare:
        s = out[keys[i]]
        s.verified_on = day(verified) if verified else None
        s.reminders = [day(d) for d in reminders]
        s.evidence = [Evidence(n, size, sha, day(d), e) for n, size, sha, d, e in evidence]
    return out


_FEW = 32  # fresh ids looked for one by one in the cached ids; more: the ids made a set


def _id_list(ids: Iterable[str]) -> str:
    """Every id between NULs ("\0a\0b\0"): what a cached state needs to tell whether an
    appended line repeats an id it holds. One join in C: no hash of 200,000 ids to make."""
    return "\0" + "\0".join(ids) + "\0"


def _fresh_ok(fresh: Sequence[Event], seen: str) -> bool:
    """Whether appended events are all new ids (none repeats another, none is cached). An id
    holding a NUL (no xjc writes one) is taken for a repeat: the journal is folded again."""
    if not fresh:
        return True
    ids = [e.id for e in fresh]
    if len(set(ids)) != len(ids) or any("\0" in i for i in ids):
        return False
    if len(ids) <= _FEW:
        return not any(f"\0{i}\0" in seen for i in ids)
    return set(seen.split("\0")).isdisjoint(ids)


class Replay:
    """The events and states of one journal, from its caches when they still hold."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.cache = journal.cache

    def decoded(self, data: bytes, records: bool = False) -> tuple[list[Event], bool]:
        """Every event of the journal's complete lines, a line that a merge doubled twice
        (with `records`, as Journal.replayable reads them), and whether every id is once;
        two different records under one id are refused. Not cached: decoding them (msgspec)
        costs about what unpickling them did, and writing them cost a quarter of a cold run."""
        end = data.rfind(b"\n") + 1  # complete lines only
        events = self.journal.decode_lines(data[:end], 1, records)
        distinct = distinct_ids(events)
        if not distinct and conflicting_ids(events):
            raise self.journal.duplicate_error(data)
        return events, distinct

    def states(self, data: bytes, ids: tuple[str, ...], as_of: date) -> dict[str, TaskState]:
        """fold(task_ids, self.read(), as_of), from the cache of the folded state when it can.

        The cache holds the state after every event (keyed by the CRC of the bytes it covers)
        and the ids it has seen. It answers for any as_of on or after the latest effective
        date in the journal; lines appended since are replayed on top of it when each comes
        after everything cached in replay order, is not an undo and repeats no id, otherwise
        everything is folded again. Earlier as-of dates (a report for a past month) fold.
        """
        end = data.rfind(b"\n") + 1
        key, digest = self.journal.cache_key(), _digest(ids)
        past = self._states_before(data, end, key, ids, digest, as_of)  # a past month's end
        if past is not None:
            return past
        holds = _holds(data, end, digest)
        entry = self.cache.get_if(STATES, key, holds)
        if entry is not None:
            size, crc = holds.header
            last_day, last_key, packed, seen = entry
            fresh = self.journal.decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
            if _fresh_ok(fresh, seen) and all(
                e.op is not Op.UNDO and e.sort_key() > last_key for e in fresh
            ):
                states = _unpack(ids, packed)
                for e in sorted(fresh, key=Event.sort_key):
                    if e.task in states:
                        apply(states[e.task], e)
                    last_day, last_key = max(last_day, e.date), max(last_key, e.sort_key())
                if len(fresh) >= REFRESH_LINES:  # else replaying the tail is cheaper
                    crc = zlib.crc32(memoryview(data)[size:end], crc)
                    seen += _id_list(e.id for e in fresh)[1:]
                    body = (last_day, last_key, _pack(states), seen)
                    self.cache.put(STATES, key, body, (end, crc, digest))
                if as_of >= last_day:
                    return states
        crc = zlib.crc32(memoryview(data)[:end])
        events = self.journal.replayable(data)
        del data, holds  # the journal's text is not kept while its events are folded
        seen = _id_list(map(_ID, events))
        states, last = fold_latest(ids, events, as_of, distinct=True)
        last_key = last or (date.min, "", "")
        if as_of >= last_key[0]:  # the state after every event
            body = (last_key[0], last_key, _pack(states), seen)
            self.cache.put(STATES, key, body, (end, crc, digest))
            return states
        # an earlier day (a past month's report): only what it asked for is folded and kept
        if (as_of + timedelta(days=1)).day == 1:  # month ends (reports) only: a bounded set
            past_body = (_pack(states), seen)
            self.cache.put(STATES, f"{key}-{as_of.isoformat()}", past_body, (end, crc, digest))
        return states

    def _states_before(
        self, data: bytes, end: int, key: str, ids: tuple[str, ...], digest: bytes, as_of: date
    ) -> dict[str, TaskState] | None:
        """The cached state as of an earlier date (a past month's report), if still true:
        the bytes it came from are unchanged, and nothing appended since is dated on or
        before as_of, undoes anything or repeats an id."""
        holds = _holds(data, end, digest)
        entry = self.cache.get_if(STATES, f"{key}-{as_of.isoformat()}", holds)
        if entry is None:
            return None
        size, _ = holds.header
        packed, seen = entry
        fresh = self.journal.decode_lines(data[size:end], data.count(b"\n", 0, size) + 1)
        if any(e.op is Op.UNDO or e.date <= as_of for e in fresh) or not _fresh_ok(fresh, seen):
            return None
        return _unpack(ids, packed)


class _holds:
    """Whether a cached state's header (bytes covered, their CRC, the ids' digest) still
    holds for the journal's bytes `data` (complete up to `end`); keeps the header it took."""

    def __init__(self, data: bytes, end: int, digest: bytes) -> None:
        self.data, self.end, self.digest = data, end, digest
        self.header: tuple[int, int] = (0, 0)

    def __call__(self, header: Any) -> bool:
        size, crc, digest = header
        if digest != self.digest or size > self.end:
            return False
        if zlib.crc32(memoryview(self.data)[:size]) != crc:
            return False
        self.header = (size, crc)
        return True
