"""Plan objects, journal events and the fold of events into task state. No I/O, no pydantic:
the plan file's schema is xiajiceng.schema, which turns into the dataclasses here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple

from xiajiceng import messages as M


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


# -- the plan ------------------------------------------------------------------------------

_OPEN = "（([〔【"
_CLOSE = "）)]〕】"


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at any of `separators` that is not inside brackets: "县（市、区）" stays whole."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_NAME_SEPARATORS = "、，, \t\n\u3000"


def split_names(value: Any) -> Any:
    """Accept a list of names or one string such as "曹国良、许静、沈伟强" (command lines)."""
    if isinstance(value, str):
        return tuple(split_outside_brackets(value, _NAME_SEPARATORS))
    if isinstance(value, list | tuple):
        out: list[Any] = []
        for item in value:
            out.extend(split_names(item) if isinstance(item, str) else [item])
        return tuple(out)
    return value


def plan_names(value: Any) -> Any:
    """Names in a plan file: one string is split at 、，, and spaces outside brackets; an
    item of a list is one name as written, so a list can hold a unit such as "各区、县级市"."""
    if isinstance(value, str):
        return tuple(split_outside_brackets(value, _NAME_SEPARATORS))
    if isinstance(value, list | tuple):
        return tuple(item.strip() if isinstance(item, str) else item for item in value)
    return value


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Roster:
    leaders: tuple[str, ...]
    sections: tuple[str, ...]


@dataclass(frozen=True)
class PlanTask:
    """A task as the plan file writes it (Task is what commands work with)."""

    number: int
    title: str
    text: str = ""
    leaders: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # 牵头单位
    support: tuple[str, ...] = ()  # 配合单位 / 协办单位
    due: date | None = None
    due_text: str | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class Action:
    number: int
    name: str
    heading: str | None
    intro: str
    tasks: tuple[PlanTask, ...]


@dataclass(frozen=True)
class Requirement:
    number: int
    title: str
    text: str = ""


@dataclass(frozen=True)
class Leadership:
    intro: str = ""
    items: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task as commands see it: id, owners with 各科室 expanded, effective due date."""

    id: str
    action: int
    title: str
    text: str
    leaders: tuple[str, ...]
    sections: tuple[str, ...]  # as written in the plan
    units: frozenset[str]  # every roster section the task belongs to, in any role
    due: date
    due_text: str | None
    lead: tuple[str, ...] = ()  # 牵头单位
    support: tuple[str, ...] = ()  # 配合单位 / 协办单位
    recurrence: str | None = None  # 周期, e.g. 每月

    def roles(self) -> dict[str, tuple[str, ...]]:
        """Role → units as written: responsible (责任科室), lead (牵头), support (配合)."""
        return {"responsible": self.sections, "lead": self.lead, "support": self.support}

    def roles_of(self, unit: str) -> list[str]:
        """The roles in which `unit` takes part in this task (各科室 counts as responsible)."""
        found = [role for role, names in self.roles().items() if unit in names]
        if unit in self.units and not found and M.EVERY_SECTION in self.sections:
            found.append("responsible")
        return found


@dataclass(frozen=True)
class Plan:
    """A validated plan: plain frozen dataclasses, so a cached plan loads without pydantic.

    Plan files are validated by xiajiceng.schema (pydantic) and turned into these.
    """

    title: str
    issuer: str
    period: Period
    preamble: str
    requirements: str
    arrangements: str
    roster: Roster
    actions: tuple[Action, ...]
    leadership: Leadership | None = None
    tasks: tuple[Task, ...] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Task] = field(init=False, repr=False, compare=False)
    _by_number: dict[int, Action] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tasks = []
        every = frozenset(self.roster.sections)
        for action in self.actions:
            for t in action.tasks:
                units = every if M.EVERY_SECTION in t.sections else frozenset(t.sections)
                units |= frozenset(t.lead) | frozenset(t.support)
                tasks.append(
                    Task(
                        id=f"{action.number}.{t.number}",
                        action=action.number,
                        title=t.title,
                        text=t.text,
                        leaders=t.leaders,
                        sections=t.sections,
                        units=units,
                        due=t.due or self.period.end,
                        due_text=t.due_text,
                        lead=t.lead,
                        support=t.support,
                        recurrence=t.recurrence,
                    )
                )
        object.__setattr__(self, "tasks", tuple(tasks))
        object.__setattr__(self, "_by_id", {t.id: t for t in tasks})
        by_number: dict[int, Action] = {}
        for a in self.actions:
            by_number.setdefault(a.number, a)  # (the first, should a number repeat)
        object.__setattr__(self, "_by_number", by_number)

    @property
    def has_roles(self) -> bool:
        """Whether any task names lead (牵头) or supporting (配合) units."""
        return any(t.lead or t.support for t in self.tasks)

    def task(self, task_id: str) -> Task | None:
        return self._by_id.get(task_id)

    def action(self, number: int) -> Action | None:
        return self._by_number.get(number)

    @property
    def year(self) -> int:
        return self.period.start.year

    def task_range(self) -> str:
        """The valid ids, compactly: "1.1–1.3、2.1–2.3、…"."""
        parts = []
        for action in self.actions:
            ids = [f"{action.number}.{t.number}" for t in action.tasks]
            if not ids:
                continue
            parts.append(ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1]}")
        return "、".join(parts)


Path_ = tuple[str | int, ...]


def plan_problems(plan: Plan) -> list[tuple[Path_, str]]:
    """Consistency rules the schema alone cannot state, as (location, message) pairs."""
    problems: list[tuple[Path_, str]] = []
    if plan.period.end < plan.period.start:
        problems.append(
            (
                ("活动期间", "结束"),
                M.PLAN_PERIOD_ORDER.format(start=plan.period.start, end=plan.period.end),
            )
        )
    leaders = set(plan.roster.leaders)
    sections = set(plan.roster.sections)
    seen_actions: set[int] = set()
    for ai, action in enumerate(plan.actions):
        if action.number in seen_actions:
            problems.append((("专项行动", ai, "编号"), M.PLAN_DUP_ACTION.format(n=action.number)))
        seen_actions.add(action.number)
        seen_tasks: set[int] = set()
        for ti, t in enumerate(action.tasks):
            where: Path_ = ("专项行动", ai, "任务", ti)
            if t.number in seen_tasks:
                problems.append(
                    (where + ("编号",), M.PLAN_DUP_TASK.format(id=f"{action.number}.{t.number}"))
                )
            seen_tasks.add(t.number)
            for name in t.leaders:
                if name not in leaders:
                    valid = "、".join(plan.roster.leaders)
                    msg = M.PLAN_UNKNOWN_LEADER.format(name=name, valid=valid)
                    problems.append((where + ("责任领导",), msg))
            for key, units in (
                ("责任科室", t.sections),
                ("牵头单位", t.lead),
                ("配合单位", t.support),
            ):
                for name in units:
                    if name not in sections and name != M.EVERY_SECTION:
                        valid = "、".join(plan.roster.sections)
                        msg = M.PLAN_UNKNOWN_SECTION.format(name=name, valid=valid)
                        problems.append((where + (key,), msg))
    return problems


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


_REPLAY_ORDER = attrgetter("date", "recorded", "id")
_STATUS = {s.value: s for s in Status}


@dataclass(slots=True)
class TaskState:
    status: Status = Status.TODO
    assignees: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    done_on: date | None = None

    @property
    def last_note(self) -> Note | None:
        return self.notes[-1] if self.notes else None

    # In the cache of folded states, notes are kept as plain tuples: unpickling 100,000
    # NamedTuples costs a Python call each, making them again with tuple.__new__ none.
    def __getstate__(self) -> tuple[Any, ...]:
        return (self.status, self.assignees, [tuple(n) for n in self.notes], self.done_on)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.status, self.assignees, notes, self.done_on = state
        self.notes = list(map(tuple.__new__, repeat(Note), notes))

    def is_overdue(self, due: date, as_of: date) -> bool:
        return self.status is not Status.DONE and as_of > due


def revoked_ids(events: Iterable[Event]) -> set[str]:
    """Ids revoked by an undo that is itself in force.

    An undo can only name an event recorded before it, so walking from the newest record
    back decides each undo before the event it names is reached.
    """
    revoked: set[str] = set()
    undos = sorted(
        (e for e in events if e.op is Op.UNDO), key=lambda e: (e.recorded, e.id), reverse=True
    )
    for u in undos:
        if u.id not in revoked:
            revoked.add(str(u.value))
    return revoked


def apply(state: TaskState, e: Event) -> None:
    """Apply one event to one task's state (mutating it)."""
    if e.op is Op.ASSIGN:
        add = e.value.get("add", []) if isinstance(e.value, dict) else []
        remove = set(e.value.get("remove", [])) if isinstance(e.value, dict) else set()
        state.assignees = [n for n in state.assignees if n not in remove]
        state.assignees += [n for n in add if n not in state.assignees]
    elif e.op is Op.STATUS:
        state.status = _STATUS[e.value]
        state.done_on = e.date if state.status is Status.DONE else None
    elif e.op is Op.DONE:
        state.status = Status.DONE
        state.done_on = e.date
    elif e.op is Op.REOPEN:
        state.status = Status.DOING
        state.done_on = None
    if e.note:
        state.notes.append(Note(e.date, e.note, e.by, e.id))


def _unique(events: Iterable[Event]) -> Iterator[Event]:
    """Each event once: a line that a merge doubled is the same event, not a second one."""
    seen: set[str] = set()
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            yield e


def fold(
    task_ids: Sequence[str], events: Iterable[Event], as_of: date | None = None
) -> dict[str, TaskState]:
    """The state of every task after the events in force whose effective date is ≤ as_of.

    Undos are corrections: a revoked event counts as never having happened, whenever the
    undo was recorded. Replay order is effective date, then recorded time, then id, never
    line order, so journals merged by line union replay the same everywhere.
    """
    events = list(_unique(events))
    revoked = revoked_ids(events) if any(e.op is Op.UNDO for e in events) else set()
    states = {tid: TaskState() for tid in task_ids}
    undo = Op.UNDO
    live = [
        e
        for e in events
        if e.op is not undo
        and e.task in states
        and (as_of is None or e.date <= as_of)
        and (not revoked or e.id not in revoked)
    ]
    live.sort(key=_REPLAY_ORDER)
    # apply(), inlined: this loop runs once per journal line
    assign, status, done, reopen, is_done = Op.ASSIGN, Op.STATUS, Op.DONE, Op.REOPEN, Status.DONE
    for e in live:
        state = states[e.task]  # type: ignore[index]
        op = e.op
        if op is status:
            state.status = _STATUS[e.value]
            state.done_on = e.date if state.status is is_done else None
        elif op is done:
            state.status = is_done
            state.done_on = e.date
        elif op is reopen:
            state.status = Status.DOING
            state.done_on = None
        elif op is assign:
            apply(state, e._replace(note=None))
        if e.note:
            state.notes.append(Note(e.date, e.note, e.by, e.id))
    return states


_STATUS_OPS = {Op.STATUS, Op.DONE, Op.REOPEN}


def _status_after(e: Event) -> Status:
    if e.op is Op.DONE:
        return Status.DONE
    if e.op is Op.REOPEN:
        return Status.DOING
    return Status(e.value)


def concurrent_changes(events: Iterable[Event]) -> dict[str, str]:
    """Status changes that two or more people made to one task for the same day.

    Such changes usually come from different copies of the journal merged later; replay
    lets the last one (by recorded time, then id) decide, the same way on every copy.
    Returns {event id: "won" | "lost"} for the changes of each such group whose outcomes
    differ, so that `show` and `log` can say which one counts.
    """
    events = list(_unique(events))
    revoked = revoked_ids(events)
    groups: dict[tuple[str, Day], list[Event]] = {}
    for e in events:
        if e.op in _STATUS_OPS and e.id not in revoked and e.task is not None:
            groups.setdefault((e.task, e.date), []).append(e)
    marks: dict[str, str] = {}
    for group in groups.values():
        if len({e.by for e in group}) < 2 or len({_status_after(e) for e in group}) < 2:
            continue
        group.sort(key=Event.sort_key)
        for e in group[:-1]:
            marks[e.id] = "lost"
        marks[group[-1].id] = "won"
    return marks


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
    if e.op is Op.ASSIGN:
        parts = []
        if isinstance(e.value, dict):
            if e.value.get("add"):
                parts.append(M.ASSIGN_SUMMARY_ADD.format(names="、".join(e.value["add"])))
            if e.value.get("remove"):
                parts.append(M.ASSIGN_SUMMARY_REMOVE.format(names="、".join(e.value["remove"])))
        text = M.DESC_ASSIGN.format(parts="，".join(parts))
    elif e.op is Op.STATUS:
        text = M.DESC_STATUS.format(status=M.STATUS_LABELS[e.value])
    elif e.op is Op.UNDO:
        text = M.DESC_UNDO.format(id=str(e.value)[:8])
    else:
        text = M.OP_LABELS[e.op]  # (Op is a str enum: its member is its value as a key)
    if e.note:
        text += ("：" if e.op is Op.NOTE else "；") + shown_note(e.note)
    return text
