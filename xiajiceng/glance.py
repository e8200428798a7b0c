"""Use cases for seeing a plan at a glance: the overview, the timeline, due-within filtering.

Plain functions over a workspace, like usecases.py (which they build on); nothing prints.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import UsageError
from xiajiceng.model import Plan, Status
from xiajiceng.store import Workspace
from xiajiceng.usecases import ListResult, Query, Row, list_tasks, rows_as_of
from xiajiceng.workdays import Timing, timing


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


# -- list --due-within ---------------------------------------------------------------------------


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


# -- the overview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    plan: Plan
    as_of: date
    total: int
    counts: dict[str, int]  # by Status value
    overdue: int
    attention: list[Timed]  # every open task, most urgent first; the view shows what fits

    @property
    def done(self) -> int:
        return self.counts[Status.DONE.value]

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def overview(ws: Workspace, as_of: date) -> Overview:
    rows = rows_as_of(ws, as_of)
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.state.status.value] += 1
    return Overview(
        plan=ws.plan,
        as_of=as_of,
        total=len(rows),
        counts=counts,
        overdue=sum(r.overdue for r in rows),
        attention=by_urgency(rows, as_of),
    )


# -- the timeline --------------------------------------------------------------------------------


# the timeline follows an as-of date up to this long after the plan's last day
EXTEND_DAYS = 92


@dataclass(frozen=True)
class Timeline:
    plan: Plan
    as_of: date
    start: date  # first day drawn
    end: date  # last day drawn
    rows: list[Timed]  # in plan order; done tasks have a Timing too (not shown as such)
    total: int
    month: int | None  # zoomed to one month


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def timeline(
    ws: Workspace, as_of: date, query: Query | None = None, month: int | None = None
) -> Timeline:
    res = list_tasks(ws, as_of, query)
    plan = ws.plan
    first = plan.period.start
    last = max([plan.period.end, *(t.due for t in plan.tasks)])
    if month is not None:
        years = range(first.year, last.year + 1)
        year = next(
            (
                y
                for y in years
                if date(y, month, 1) <= last and _month_end(date(y, month, 1)) >= first
            ),
            plan.year,
        )
        start = date(year, month, 1)
        end = _month_end(start)
    else:
        start = date(first.year, first.month, 1)
        # follow the as-of date a little past the plan, to show how late tasks are
        reach = as_of if as_of <= last + timedelta(days=EXTEND_DAYS) else last
        end = _month_end(max(last, reach))
    rows = [timed(r, as_of) for r in res.rows]
    return Timeline(plan, as_of, start, end, rows, res.total, month)


def save_timeline(
    ws: Workspace,
    path: Path,
    as_of: date,
    render: Callable[[Timeline], bytes],
    query: Query | None = None,
    month: int | None = None,
) -> Timeline:
    """Draw the timeline with `render` and write it to path (atomically)."""
    from xiajiceng.store.files import write_atomic

    tl = timeline(ws, as_of, query, month=month)
    write_atomic(path, render(tl))
    return tl
