"""The monthly report (月报): the plan as of a month's last day, and what happened in it."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from xiajiceng.model import (
    Note,
    Plan,
    Status,
    Task,
)
from xiajiceng.store import Workspace
from xiajiceng.usecases.tasks import Row, rows_as_of


@dataclass(frozen=True)
class Group:
    name: str
    total: int
    counts: dict[str, int]
    overdue: int

    @property
    def done(self) -> int:
        return self.counts["done"]

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


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

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completion_rate(self) -> float:
        return self.counts["done"] / self.total if self.total else 0.0


def _group(name: str, rows: Sequence[Row]) -> Group:
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.state.status.value] += 1
    return Group(name, len(rows), counts, sum(r.overdue for r in rows))


def report(ws: Workspace, month: int, year: int | None = None) -> Report:
    """The plan as of the last day of the month, from events effective on or before it."""
    plan = ws.plan
    year = year or plan.year
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    rows = rows_as_of(ws, end)
    # rows by action, leader and unit in one pass (a plan has hundreds of each at 10,000 tasks)
    by_action: dict[int, list[Row]] = {}
    by_leader: dict[str, list[Row]] = {}
    by_unit: dict[str, list[Row]] = {}
    for r in rows:
        by_action.setdefault(r.task.action, []).append(r)
        for n in set(r.task.leaders):
            by_leader.setdefault(n, []).append(r)
        for n in set(r.task.units):
            by_unit.setdefault(n, []).append(r)
    actions = [_group(a.name, by_action.get(a.number, [])) for a in plan.actions]
    leaders = [_group(n, by_leader.get(n, [])) for n in plan.roster.leaders]
    sections = [_group(n, by_unit.get(n, [])) for n in plan.roster.sections]
    done_in_month = [
        r for r in rows if r.state.done_on is not None and start <= r.state.done_on <= end
    ]
    done_in_month.sort(key=lambda r: (r.state.done_on, r.task.action))
    notes = [(r.task, n) for r in rows for n in r.state.notes if start <= n.date <= end]
    notes.sort(key=lambda tn: tn[1].date)
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
        done_in_month=done_in_month,
        notes_in_month=notes,
        overdue=[r for r in rows if r.overdue],
        not_started=[r for r in rows if r.state.status is Status.TODO],
    )
