"""The timeline (xjc timeline): every task's window and state on a calendar, as of a date."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from xiajiceng.model import Plan
from xiajiceng.store import Workspace
from xiajiceng.usecases.tasks import Query, Timed, list_tasks, timed

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
