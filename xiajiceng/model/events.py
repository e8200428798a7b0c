"""Journal events, task states and the replay (fold) of the one into the other. No I/O."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from itertools import compress, repeat
from operator import attrgetter, is_
from typing import Any, NamedTuple

from xiajiceng import messages as M
from xiajiceng.text import size_text


class Status(str, Enum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    PAUSED = "paused"

    @property
    def label(self) -> str:
        return M.STATUS_LABELS[self.value]


class Op(str, Enum):
    ASSIGN = "assign"  # value: {"add": [names], "remove": [names]}
    STATUS = "status"  # value: a Status value
    NOTE = "note"  # value: null; the text is in `note`
    DONE = "done"  # value: null
    REOPEN = "reopen"  # value: null; status becomes doing
    UNDO = "undo"  # value: the id of the revoked event
    # the supervision cycle (督查督办)
    REMIND = "remind"  # value: "due_soon" or "overdue" (临近提醒 / 到期催办 sent)
    VERIFY = "verify"  # value: null; the office verified a done task (销号)
    REJECT = "reject"  # value: null; the office returned a done task (退回); status doing
    ATTACH = "attach"  # value: {"name": str, "size": int, "sha256": hex}; 佐证材料


REMIND_KINDS = ("due_soon", "overdue")


# -- the journal ---------------------------------------------------------------------------

Day = date  # Event has a field named `date`


class Event(NamedTuple):
    """One line of the journal. `recorded` is an ISO timestamp with its UTC offset.

    A named tuple, not a dataclass: a journal of 200,000 lines makes 200,000 of them.
    """

    id: str
    op: Op
    task: str | None
    value: Any
    date: Day
    recorded: str
    by: str
    note: str | None = None

    def sort_key(self) -> tuple[Day, str, str]:
        return (self.date, self.recorded, self.id)


class Note(NamedTuple):
    date: Day
    text: str
    by: str
    event_id: str


class Evidence(NamedTuple):
    """A file attached to a task (佐证材料): kept in the plan folder under its SHA-256."""

    name: str
    size: int
    sha256: str
    date: Day
    event_id: str


_REPLAY_ORDER = attrgetter("date", "recorded", "id")
_ID, _OP, _TASK, _DATE = attrgetter("id"), attrgetter("op"), attrgetter("task"), attrgetter("date")
_STATUS = {s.value: s for s in Status}


@dataclass(slots=True)
class TaskState:
    status: Status = Status.TODO
    assignees: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    done_on: date | None = None
    verified_on: date | None = None  # 销号: the office verified the task done
    reminders: list[Day] = field(default_factory=list)  # 催办 sent, by effective date
    evidence: list[Evidence] = field(default_factory=list)  # 佐证材料, in force

    @property
    def last_note(self) -> Note | None:
        return self.notes[-1] if self.notes else None

    def finished(self, needs_verification: bool) -> bool:
        """Done and, where the plan requires it (办结需审核), verified: what 完成率 counts."""
        if self.status is not Status.DONE:
            return False
        return not needs_verification or self.verified_on is not None

    # In the cache of folded states, notes are kept as plain tuples: unpickling 100,000
    # NamedTuples costs a Python call each, making them again with tuple.__new__ none.
    def __getstate__(self) -> tuple[Any, ...]:
        return (
            self.status,
            self.assignees,
            [tuple(n) for n in self.notes],
            self.done_on,
            self.verified_on,
            self.reminders,
            [tuple(x) for x in self.evidence],
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.status, self.assignees, notes, self.done_on = state[:4]
        self.verified_on, self.reminders, evidence = state[4:]
        self.notes = list(map(tuple.__new__, repeat(Note), notes))
        self.evidence = list(map(tuple.__new__, repeat(Evidence), evidence))

    def is_overdue(self, due: date, as_of: date) -> bool:
        return self.status is not Status.DONE and as_of > due


def revoked_ids(events: Iterable[Event]) -> set[str]:
    """Ids revoked by an undo that is itself in force.

    An undo can only name an event recorded before it, so walking from the newest record
    back decides each undo before the event it names is reached.
    """
    revoked: set[str] = set()
    events = events if isinstance(events, Sequence) else list(events)
    # the undos picked out in C (a journal of 200,000 lines holds a handful, or none)
    picked = compress(events, map(is_, map(_OP, events), repeat(Op.UNDO)))
    undos = sorted(picked, key=lambda e: (e.recorded, e.id), reverse=True)
    for u in undos:
        if u.id not in revoked:
            revoked.add(str(u.value))
    return revoked


# The status an operation leaves its task in, for those that change it (STATUS: its value).
_TRANSITIONS = {Op.DONE: Status.DONE, Op.REOPEN: Status.DOING, Op.REJECT: Status.DOING}


def status_after(e: Event) -> Status | None:
    """The status an event leaves its task in; None for one that does not change it. The one
    statement of the status transitions: replay, concurrent changes and writers use it."""
    if e.op is Op.STATUS:
        return _STATUS[e.value]
    return _TRANSITIONS.get(e.op)


def apply(state: TaskState, e: Event) -> None:
    """Apply one event to one task's state (mutating it): what replay does for each event."""
    status = status_after(e)
    if status is not None:
        state.status = status
        state.done_on = e.date if status is Status.DONE else None
        state.verified_on = None  # done again after a return: to be verified again
    else:
        _effect(state, e)
    if e.note:
        state.notes.append(Note(e.date, e.note, e.by, e.id))


def _effect(state: TaskState, e: Event) -> None:
    """What an event that changes no status does (a note's text is added by its caller)."""
    op = e.op
    if op is Op.ASSIGN:
        value = e.value if isinstance(e.value, dict) else {}
        names, remove = state.assignees, value.get("remove")
        if remove:
            names = [n for n in names if n not in remove]
        state.assignees = names + [n for n in value.get("add", ()) if n not in names]
    elif op is Op.VERIFY:
        if state.status is Status.DONE:  # a verify of a task no longer done counts for nothing
            state.verified_on = e.date
    elif op is Op.REMIND:
        state.reminders.append(e.date)
    elif op is Op.ATTACH:
        v = e.value
        state.evidence.append(Evidence(v["name"], v["size"], v["sha256"], e.date, e.id))


def _unique(events: Iterable[Event]) -> Iterator[Event]:
    """Each event once: a line that a merge doubled is the same event, not a second one."""
    seen: set[str] = set()
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            yield e


def conflicting_ids(events: Sequence[Event]) -> bool:
    """Whether two events share an id but differ: a line that a merge doubled is the same
    event (counted once); two different records under one id is a forged or broken line."""
    if len(set(map(_ID, events))) == len(events):
        return False
    seen: dict[str, Event] = {}
    for e in events:
        first = seen.setdefault(e.id, e)
        if first is not e and first != e:
            return True
    return False


ReplayKey = tuple[Day, str, str]  # (effective date, recorded, id): the order of replay


def fold(
    task_ids: Sequence[str], events: Iterable[Event], as_of: date | None = None
) -> dict[str, TaskState]:
    """The state of every task after the events in force whose effective date is ≤ as_of.

    Undos are corrections: a revoked event counts as never having happened, whenever the
    undo was recorded. Replay order is effective date, then recorded time, then id, never
    line order, so journals merged by line union replay the same everywhere.
    """
    return _fold(task_ids, events, as_of)[0]


def fold_latest(
    task_ids: Sequence[str],
    events: Iterable[Event],
    as_of: date | None = None,
    distinct: bool = False,
) -> tuple[dict[str, TaskState], ReplayKey | None]:
    """fold(task_ids, events, as_of), and the replay key of the latest event, whatever its
    date (each id counted once, as fold counts it; None for none): what a cached state
    needs to tell whether it holds every event, and whether one appended later comes after
    everything it holds. `distinct`: the caller knows that no two events share an id (a
    journal's reader checked), so fold does not look again."""
    return _fold(task_ids, events, as_of, distinct)


def distinct_ids(events: Sequence[Event]) -> bool:
    """Whether no two events share an id."""
    return len(set(map(_ID, events))) == len(events)


def each_once(events: list[Event]) -> list[Event]:
    """The events with each id once (the first): a line that a merge doubled counts once.
    The very list when no id repeats."""
    return events if distinct_ids(events) else list(_unique(events))


def _fold(
    task_ids: Sequence[str], events: Iterable[Event], as_of: date | None, distinct: bool = False
) -> tuple[dict[str, TaskState], ReplayKey | None]:
    events = list(events) if distinct else each_once(list(events))
    events.sort(key=_REPLAY_ORDER)  # (a journal is mostly in this order already: cheap)
    last = _REPLAY_ORDER(events[-1]) if events else None
    revoked = revoked_ids(events) if Op.UNDO in map(_OP, events) else None
    if as_of is not None:
        del events[bisect_right(events, as_of, key=_DATE) :]
    states = {tid: TaskState() for tid in task_ids}
    undo = Op.UNDO
    if revoked is not None:
        live = [e for e in events if e.op is not undo and e.task in states and e.id not in revoked]
    else:
        live = events  # (the usual journal: no undo; a task the plan has lost: see below)
    try:
        _replay(states, live)
    except KeyError:  # an event of a task the plan no longer has: left out, replayed anew
        states = {tid: TaskState() for tid in task_ids}
        _replay(states, [e for e in live if e.task in states])
    return states, last


def _replay(states: dict[str, TaskState], live: Iterable[Event]) -> None:
    """Apply the events in force, in replay order, to the states of their tasks (each task
    in states: KeyError otherwise, before anything of the unknown task was applied)."""
    # apply() inlined: this loop runs for every line of the journal
    note_op, status_op, done = Op.NOTE, Op.STATUS, Status.DONE
    transitions, by_value, new, effect = _TRANSITIONS, _STATUS, tuple.__new__, _effect
    one: Callable[[Any, Any], Any] = {}.setdefault  # notes' days and people: one object each
    for e in live:
        op = e.op
        if op is not note_op:
            state = states[e.task]  # type: ignore[index]
            status = by_value[e.value] if op is status_op else transitions.get(op)
            if status is not None:
                state.status = status
                state.done_on = e.date if status is done else None
                state.verified_on = None
            else:
                effect(state, e)
        if e.note:
            note = (one(e.date, e.date), e.note, one(e.by, e.by), e.id)
            states[e.task].notes.append(new(Note, note))  # type: ignore[index]


_STATUS_OPS = {Op.STATUS, Op.DONE, Op.REOPEN, Op.REJECT}


def concurrent_changes(events: Iterable[Event]) -> dict[str, str]:
    """Status changes that two or more people made to one task for the same day.

    Such changes usually come from different copies of the journal merged later; replay
    lets the last one (by recorded time, then id) decide, the same way on every copy.
    Returns {event id: "won" | "lost"} for the changes of each such group whose outcomes
    differ, so that `show` and `log` can say which one counts.
    """
    events = each_once(list(events))
    revoked = revoked_ids(events)
    groups: dict[tuple[str, Day], list[Event]] = {}
    for e in compress(events, map(_STATUS_OPS.__contains__, map(_OP, events))):
        if e.id not in revoked and e.task is not None:
            groups.setdefault((e.task, e.date), []).append(e)
    marks: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:  # (most: one change of a task a day)
            continue
        if len({e.by for e in group}) < 2 or len({status_after(e) for e in group}) < 2:
            continue
        group.sort(key=Event.sort_key)
        for e in group[:-1]:
            marks[e.id] = "lost"
        marks[group[-1].id] = "won"
    return marks


def _what(op: Op, value: Any) -> str:
    """What an operation with this value did, in words (describe, without the note)."""
    if op is Op.ASSIGN:
        parts = []
        if isinstance(value, dict):
            if value.get("add"):
                parts.append(M.ASSIGN_SUMMARY_ADD.format(names="、".join(value["add"])))
            if value.get("remove"):
                parts.append(M.ASSIGN_SUMMARY_REMOVE.format(names="、".join(value["remove"])))
        return M.DESC_ASSIGN.format(parts="，".join(parts))
    if op is Op.STATUS:
        return M.DESC_STATUS.format(status=M.STATUS_LABELS[value])
    if op is Op.UNDO:
        return M.DESC_UNDO.format(id=str(value)[:8])
    if op is Op.ATTACH and isinstance(value, dict):
        return M.DESC_ATTACH.format(name=value.get("name"), size=size_text(value.get("size", 0)))
    if op is Op.REMIND:
        return M.DESC_REMIND.get(str(value), M.OP_LABELS[op])
    return M.OP_LABELS[op]  # (Op is a str enum: its member is its value as a key)


_what_cached = lru_cache(maxsize=1024)(_what)  # for the values that are None or a string


MAX_NOTE_CHARS = 4000  # one progress note (README: Limits); a longer one is cut when shown


def shown_note(text: str) -> str:
    """A note as every display shows it: whole, unless longer than xjc accepts on input (one
    already in a journal, pushed by a colleague), so that one huge note cannot stall every
    listing; --json keeps it whole."""
    if len(text) <= MAX_NOTE_CHARS:
        return text
    return text[:MAX_NOTE_CHARS] + M.NOTE_CUT.format(n=len(text))


def describe(e: Event) -> str:
    """A short Chinese description of what an event did (no task id)."""
    value = e.value
    if value is None or isinstance(value, str):  # (most: `log` asks for 200,000 of them)
        text = _what_cached(e.op, value)
    else:
        text = _what(e.op, value)
    if e.note:
        text += ("：" if e.op is Op.NOTE else "；") + shown_note(e.note)
    return text
