"""The monthly report (月报): the plan as of a month's last day, and what happened in it."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from xiajiceng import messages as M
from xiajiceng.model import (
    Action,
    Note,
    Plan,
    Status,
    Task,
)
from xiajiceng.model.plan import LEAD, SECTIONS
from xiajiceng.store import Workspace
from xiajiceng.usecases.tasks import Row, rows_as_of


@dataclass(frozen=True)
class Group:
    name: str
    total: int
    counts: dict[str, int]
    overdue: int
    # done and, in a plan with 办结需审核, verified (销号): what 完成率 counts; -1: as done
    finished: int = -1

    @property
    def done(self) -> int:
        return self.counts["done"]

    @property
    def rate(self) -> float:
        counted = self.done if self.finished < 0 else self.finished
        return counted / self.total if self.total else 0.0


@dataclass(frozen=True)
class ActionPart:
    action: Action  # as its plan has it: its own number and name
    group: Group
    rows: list[Row]


@dataclass(frozen=True)
class PlanPart:
    """One plan of a report across an office's plans."""

    short: str
    plan: Plan  # as its own file has it: its own task ids, words for roles, period
    group: Group  # its tasks' totals, named by the short name
    actions: list[ActionPart]
    rows: list[Row]  # its tasks as of the month's end (ids 简称:编号, as in the report)


@dataclass(frozen=True)
class Report:
    plan: Plan
    year: int
    month: int
    month_start: date
    as_of: date
    rows: list[Row]
    counts: dict[str, int]
    by_action: list[Group]
    by_leader: list[Group]
    by_section: list[Group]
    done_in_month: list[Row]
    notes_in_month: list[tuple[Task, Note]]
    overdue: list[Row]
    not_started: list[Row]
    # tasks whose status at the month's end differs from the month before's, other than
    # those done in the month: (the row, the status it had before)
    changed_in_month: list[tuple[Row, Status]] = field(default_factory=list)
    paused: list[Row] = field(default_factory=list)
    # what by_section groups by: SECTIONS (责任科室, in any role) or LEAD (牵头单位)
    unit_role: str = SECTIONS
    # a report across an office's plans: each plan, in the folder's order ([] for one plan),
    # and the office folder's name
    parts: list[PlanPart] = field(default_factory=list)
    office: str = ""

    @property
    def by_plan(self) -> list[Group]:
        return [p.group for p in self.parts]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completion_rate(self) -> float:
        """Done tasks (verified ones, in a plan with 办结需审核) of all tasks."""
        finished = sum(r.state.finished(r.task.verify) for r in self.rows)
        return finished / self.total if self.total else 0.0


def _group(name: str, rows: Sequence[Row]) -> Group:
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.state.status.value] += 1
    finished = sum(r.state.finished(r.task.verify) for r in rows)
    return Group(name, len(rows), counts, sum(r.overdue for r in rows), finished)


def covered_until(plan: Plan) -> date:
    """The last day the plan covers: its period's end, or a later time limit of a task."""
    return max([plan.period.end, *(t.due for t in plan.tasks)])


def _warn_outside(ws: Workspace, start: date, end: date) -> None:
    """A report of a month the plan does not cover is made all the same, with a warning
    (said once, at the end, like the journal's): it is most likely a mistyped year. Across
    an office's plans, only a month that none of them covers is warned about."""
    plan = ws.plan
    spans = [(p.period.start, covered_until(p)) for p in plan.members or (plan,)]
    if any(start <= last and end >= first for first, last in spans):
        return
    first, last = min(f for f, _ in spans), max(la for _, la in spans)
    template = M.REPORT_OUTSIDE_PLANS if plan.members else M.REPORT_OUTSIDE_PLAN
    ws.journal.warnings.append(
        template.format(
            year=start.year,
            month=start.month,
            first=M.DATE_FULL.format(year=first.year, month=first.month, day=first.day),
            last=M.DATE_FULL.format(year=last.year, month=last.month, day=last.day),
            n=len(spans),
        )
    )


def _parts(
    plan: Plan, rows: Sequence[Row], by_action: dict[int, list[Row]], groups: Sequence[Group]
) -> list[PlanPart]:
    """The plans a joined plan is made of, each with its rows and its actions' (the union
    numbers the actions of its plans one after another, in the plans' order)."""
    if not plan.members:
        return []
    by_plan: dict[str, list[Row]] = {}
    for r in rows:
        by_plan.setdefault(r.task.plan, []).append(r)
    parts, number = [], 0
    for short, member in zip(plan.parts, plan.members):
        actions = []
        for a in member.actions:
            number += 1
            actions.append(ActionPart(a, groups[number - 1], by_action.get(number, [])))
        mine = by_plan.get(short, [])
        parts.append(PlanPart(short, member, _group(short, mine), actions, mine))
    return parts


def month_year(plan: Plan, month: int, today: date | None = None) -> int:
    """The year of a month asked for without one: the plan's year. Across an office's plans,
    which may run over several years, the latest year up to today's in which one of them
    covers that month (in December 2026, 3月 is March 2026 when a 2026 plan covers it, not
    March of the oldest plan's year); the earliest plan's year when none does."""
    members = plan.members
    if not members:
        return plan.year
    spans = [(p.period.start, covered_until(p)) for p in members]
    last_year = max(la.year for _, la in spans)
    if today is not None:
        last_year = min(last_year, today.year)
    for year in range(last_year, plan.year - 1, -1):
        start = date(year, month, 1)
        end = date(year, month, calendar.monthrange(year, month)[1])
        if any(start <= la and end >= first for first, la in spans):
            return year
    return plan.year


def report(ws: Workspace, month: int, year: int | None = None, today: date | None = None) -> Report:
    """The plan as of the last day of the month, from events effective on or before it
    (`year`: by default the plan's, see month_year)."""
    plan = ws.plan
    year = year or month_year(plan, month, today)
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    _warn_outside(ws, start, end)
    rows = rows_as_of(ws, end)
    before = {r.task.id: r.state.status for r in rows_as_of(ws, start - timedelta(days=1))}
    # rows by action, leader and unit in one pass (a plan has hundreds of each at 10,000 tasks)
    by_action: dict[int, list[Row]] = {}
    by_leader: dict[str, list[Row]] = {}
    by_unit: dict[str, list[Row]] = {}
    # units are grouped as the plan assigns them: by 责任科室 (any role), or, in a plan
    # without sections, by the unit that leads each task (牵头单位)
    unit_role = SECTIONS if any(t.sections for t in plan.tasks) else LEAD
    for r in rows:
        by_action.setdefault(r.task.action, []).append(r)
        for n in set(r.task.leaders):
            by_leader.setdefault(n, []).append(r)
        for n in set(r.task.units if unit_role == SECTIONS else r.task.lead):
            by_unit.setdefault(n, []).append(r)
    actions = [_group(a.name, by_action.get(a.number, [])) for a in plan.actions]
    leaders = [_group(n, by_leader.get(n, [])) for n in plan.roster.leaders]
    units = [n for n in plan.roster.sections if unit_role == SECTIONS or n in by_unit]
    sections = [_group(n, by_unit.get(n, [])) for n in units]
    done_in_month = [
        r for r in rows if r.state.done_on is not None and start <= r.state.done_on <= end
    ]
    done_in_month.sort(key=lambda r: (r.state.done_on, r.task.action))
    notes = [(r.task, n) for r in rows for n in r.state.notes if start <= n.date <= end]
    notes.sort(key=lambda tn: tn[1].date)
    done_ids = {r.task.id for r in done_in_month}
    changed = [
        (r, before[r.task.id])
        for r in rows
        if r.state.status is not before[r.task.id] and r.task.id not in done_ids
    ]
    return Report(
        plan=plan,
        year=year,
        month=month,
        month_start=start,
        as_of=end,
        rows=rows,
        counts=_group("", rows).counts,
        by_action=actions,
        by_leader=leaders,
        by_section=sections,
        unit_role=unit_role,
        done_in_month=done_in_month,
        notes_in_month=notes,
        overdue=[r for r in rows if r.overdue],
        not_started=[r for r in rows if r.state.status is Status.TODO],
        changed_in_month=changed,
        paused=[r for r in rows if r.state.status is Status.PAUSED],
        parts=_parts(plan, rows, by_action, actions),
        office=ws.source.path.resolve().name if plan.members else "",
    )
