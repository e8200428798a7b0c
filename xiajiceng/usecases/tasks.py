"""Reading a plan's tasks: the list with its filters, one task with its history, the log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import UsageError
from xiajiceng.model import (
    Event,
    Op,
    Plan,
    Status,
    Task,
    TaskState,
    concurrent_changes,
    fold,
    revoked_ids,
)
from xiajiceng.model.names import match_name, parse_status, status_choices
from xiajiceng.model.workdays import Timing, timing
from xiajiceng.store import Workspace


@dataclass(frozen=True)
class Row:
    task: Task
    state: TaskState
    overdue: bool


@dataclass(frozen=True)
class ListFilters:
    leader: str | None = None
    section: str | None = None
    action: int | None = None
    status: str | None = None  # a Status value, "open" or "overdue"
    assignee: str | None = None


@dataclass(frozen=True)
class ListResult:
    plan: Plan
    as_of: date
    rows: list[Row]
    total: int
    filters: ListFilters
    more: int = 0  # rows that matched but were left out by a limit

    def limited(self, limit: int | None) -> ListResult:
        """The first `limit` rows only (what a person asked to see)."""
        if limit is None or len(self.rows) <= limit:
            return self
        return replace(self, rows=self.rows[:limit], more=self.more + len(self.rows) - limit)


def rows_as_of(ws: Workspace, as_of: date, events: Sequence[Event] | None = None) -> list[Row]:
    plan = ws.plan
    ids = [t.id for t in plan.tasks]
    states = ws.journal.states(ids, as_of) if events is None else fold(ids, events, as_of)
    return [Row(t, states[t.id], states[t.id].is_overdue(t.due, as_of)) for t in plan.tasks]


def parse_list_status(given: str) -> str:
    word = given.strip().lower()
    if word in {"open", M.OPEN}:
        return "open"
    if word in {"overdue", M.OVERDUE}:
        return "overdue"
    if word in {"pending", M.STATUS_PENDING}:  # done, awaiting the office's 销号
        return "pending"
    if word in {"verified", M.STATUS_VERIFIED}:
        return "verified"
    try:
        return parse_status(given).value
    except UsageError:
        valid = status_choices() + f"、{M.OPEN}/open、{M.OVERDUE}/overdue"
        valid += f"、{M.STATUS_PENDING}/pending、{M.STATUS_VERIFIED}/verified"
        raise UsageError(M.ERR_LIST_STATUS.format(given=given, valid=valid)) from None


@dataclass(frozen=True)
class Query:
    """The filters of list, timeline and export as typed (names not yet matched)."""

    leader: str | None = None
    section: str | None = None
    action: int | None = None
    status: str | None = None
    assignee: str | None = None
    unit: str | None = None  # --unit: the same filter as --section, under a clearer name


def resolve_filters(ws: Workspace, query: Query, rows: Sequence[Row] = ()) -> ListFilters:
    """Turn what was typed into exact names, or fail listing the candidates."""
    roster = ws.plan.roster
    known_assignees = list(dict.fromkeys(n for r in rows for n in r.state.assignees))
    q = query
    if q.section and q.unit:
        raise UsageError(M.ERR_SECTION_AND_UNIT)
    # --section and --unit match a unit in any role (责任科室, 牵头单位, 配合单位): every unit
    # of the roster; a task's `units` holds it in whichever role the plan names it
    unit = q.unit or q.section
    role = M.ROLE_UNIT if q.unit else M.ROLE_SECTION
    return ListFilters(
        leader=match_name(q.leader, roster.leaders, M.ROLE_LEADER) if q.leader else None,
        section=match_name(unit, roster.sections, role) if unit else None,
        action=q.action,
        status=parse_list_status(q.status) if q.status else None,
        assignee=match_name(q.assignee, known_assignees, M.ROLE_ASSIGNEE) if q.assignee else None,
    )


def _keep(row: Row, f: ListFilters) -> bool:
    t, s = row.task, row.state
    if f.leader and f.leader not in t.leaders:
        return False
    if f.section and f.section not in t.units:
        return False
    if f.action is not None and t.action != f.action:
        return False
    if f.assignee and f.assignee not in s.assignees:
        return False
    if f.status == "open":
        return s.status is not Status.DONE
    if f.status == "overdue":
        return row.overdue
    if f.status in ("pending", "verified"):  # only in plans whose done tasks are verified
        verified = s.verified_on is not None
        return t.verify and s.status is Status.DONE and verified == (f.status == "verified")
    return not f.status or s.status.value == f.status


def list_tasks(ws: Workspace, as_of: date, query: Query | None = None) -> ListResult:
    rows = rows_as_of(ws, as_of)
    filters = resolve_filters(ws, query or Query(), rows)
    kept = [r for r in rows if _keep(r, filters)]
    return ListResult(ws.plan, as_of, kept, len(rows), filters)


class HistoryEntry(NamedTuple):
    """One record as show and log list it (a named tuple: `log` makes one per record)."""

    event: Event
    revoked: bool
    conflict: str | None = None  # "won" / "lost": a concurrent change of status (see model)


@dataclass(frozen=True)
class ShowResult:
    plan: Plan
    as_of: date
    row: Row
    history: list[HistoryEntry]  # every record about the task, oldest first


def show_task(ws: Workspace, task_id: str, as_of: date) -> ShowResult:
    # the task's records, and the undos of them (an undo carries its target's task id)
    events = ws.journal.read_about(task_id)
    revoked = revoked_ids(events)
    targets = {e.id: e for e in events}
    about = [
        e
        for e in events
        if e.task == task_id
        or (e.op is Op.UNDO and getattr(targets.get(str(e.value)), "task", None) == task_id)
    ]
    about.sort(key=Event.sort_key)
    row = next(r for r in rows_as_of(ws, as_of) if r.task.id == task_id)
    marks = concurrent_changes(events)
    history = [HistoryEntry(e, e.id in revoked, marks.get(e.id)) for e in about]
    return ShowResult(ws.plan, as_of, row, history)


@dataclass(frozen=True)
class LogResult:
    plan: Plan
    entries: list[HistoryEntry]  # newest effective date first, then newest recorded
    task_id: str | None
    more: int = 0  # older records left out by a limit

    def limited(self, limit: int | None) -> LogResult:
        """The newest `limit` records only (what a person asked to see)."""
        if limit is None or len(self.entries) <= limit:
            return self
        kept = self.entries[:limit]
        return replace(self, entries=kept, more=self.more + len(self.entries) - limit)


_BY_DATE = attrgetter("date", "recorded", "id")  # Event.sort_key, without a call per record


def log(ws: Workspace, task_id: str | None = None) -> LogResult:
    events = ws.journal.read()
    revoked = revoked_ids(events)
    by_id = {e.id: e for e in events} if task_id is not None else {}

    def concerns(e: Event) -> bool:
        if e.task == task_id:
            return True
        return e.op is Op.UNDO and getattr(by_id.get(str(e.value)), "task", None) == task_id

    # as `show` orders a task's history: by effective date, recording time second
    chosen = sorted(events if task_id is None else filter(concerns, events), key=_BY_DATE)
    chosen.reverse()
    marks = concurrent_changes(events)
    new, entry = tuple.__new__, HistoryEntry  # (a NamedTuple's own __new__ is Python)
    entries = [new(entry, (e, e.id in revoked, marks.get(e.id))) for e in chosen]
    return LogResult(ws.plan, entries, task_id)


@dataclass(frozen=True)
class Timed:
    row: Row
    timing: Timing


def timed(row: Row, as_of: date) -> Timed:
    return Timed(row, timing(row.task.due, as_of))


def by_urgency(rows: list[Row], as_of: date) -> list[Timed]:
    """Open tasks, overdue first (longest overdue first), then due soonest; plan order on ties."""
    order = {r.task.id: i for i, r in enumerate(rows)}
    open_rows = [r for r in rows if r.state.status is not Status.DONE]
    open_rows.sort(key=lambda r: (not r.overdue, r.task.due, order[r.task.id]))
    return [timed(r, as_of) for r in open_rows]


MAX_DUE_WITHIN_DAYS = 3660  # --due-within: ten years (README: Limits)


def parse_due_within(given: str) -> int:
    try:
        days = int(given.strip().removesuffix("天"))
    except ValueError:
        days = -1
    if days < 0:
        raise UsageError(M.ERR_DUE_WITHIN.format(given=given))
    if days > MAX_DUE_WITHIN_DAYS:
        raise UsageError(M.ERR_DUE_WITHIN_RANGE.format(given=given, limit=MAX_DUE_WITHIN_DAYS))
    return days


def due_within(res: ListResult, days: int) -> ListResult:
    """Keep open tasks due from the as-of date to `days` calendar days after it (inclusive)."""
    last = res.as_of + timedelta(days=days)
    kept = [
        r for r in res.rows if r.state.status is not Status.DONE and res.as_of <= r.task.due <= last
    ]
    kept.sort(key=lambda r: r.task.due)
    return replace(res, rows=kept)


def timings(rows: list[Row], as_of: date) -> dict[str, Timing]:
    """The timing of each open task (done tasks have none)."""
    return {r.task.id: timing(r.task.due, as_of) for r in rows if r.state.status is not Status.DONE}


def plan_of(plan_arg: str | None, env: Env) -> Plan:
    """The plan a command would work on (for shell completion): --plan, $XJC_PLAN, the
    office folder's plans (joined, tasks named 简称:编号), else the bundled plan; from the
    cache of validated plans when it can."""
    from xiajiceng.usecases.office import scope

    return scope(plan_arg, env).plan


def plan_names(env: Env) -> list[str]:
    """The short names of the plans of the office folder we are in (for --plan's completion)."""
    from xiajiceng.store import open_office_here

    office = open_office_here(env)
    return [p.short for p in office.plans] if office is not None else []
