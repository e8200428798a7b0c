"""Words every view shares: dates as an office writes them (2023年3月31日, 3月31日), working
days left or late, names joined, owners by role, a percentage and a bar. No rich."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.model import Plan, PlanTask, Status, Task, TaskState
from xiajiceng.model.plan import LEAD, SUPPORT
from xiajiceng.model.workdays import Timing, guessed_years
from xiajiceng.text import display_width

if TYPE_CHECKING:
    from xiajiceng.usecases.tasks import Row


def full_date(d: date) -> str:
    return M.DATE_FULL.format(year=d.year, month=d.month, day=d.day)


def short_date(d: date, year: int) -> str:
    """3月31日 within the plan's year, 2024年3月31日 outside it."""
    if d.year == year:
        return M.DATE_MONTH_DAY.format(month=d.month, day=d.day)
    return full_date(d)


def timing_phrase(tm: Timing) -> str:
    """剩余 N 个工作日 / 逾期 N 个工作日."""
    if tm.late:
        return M.WORKDAYS_LATE.format(n=tm.days) if tm.days else M.WORKDAYS_LATE_NONE
    return M.WORKDAYS_LEFT.format(n=tm.days)


def guessed_note(timings: list[Timing]) -> str | None:
    """A note when some days were counted Monday to Friday for want of holiday data."""
    years = guessed_years(timings)
    return M.WORKDAYS_GUESSED.format(years="、".join(map(str, years))) if years else None


BAR_WIDTH = 12


def pad(text: str, cells: int, right: bool = False) -> str:
    room = " " * max(cells - display_width(text), 0)
    return room + text if right else text + room


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def bar(fraction: float, color: bool, cells: int = BAR_WIDTH) -> list[tuple[str, str]]:
    """Coloured cells on a colour terminal; # and . otherwise (no ambiguous-width blocks)."""
    filled = round(fraction * cells)
    if color:
        return [(" " * filled, "on green"), (" " * (cells - filled), "on grey23")]
    return [("#" * filled + "." * (cells - filled), "")]


def names(items: Sequence[str]) -> str:
    return "、".join(items)


def units_text(t: Task | PlanTask, plan: Plan | None = None) -> str:
    """责任科室 as written; with 牵头/配合 units, one line a role: "牵头：X", "配合：A、B" (in
    the plan's own words when it is given: "协办：A")."""
    if not (t.lead or t.support):
        return "\n".join(t.sections)
    lead = plan.short_word(LEAD) if plan else M.IMPORT_ROLE_LEAD
    support = plan.short_word(SUPPORT) if plan else M.IMPORT_ROLE_SUPPORT
    lines = []
    for label, units in (
        (lead, t.lead),
        (M.IMPORT_ROLE_RESPONSIBLE, t.sections),
        (support, t.support),
    ):
        if units:
            lines.append(f"{label}：{names(tuple(units))}")
    return "\n".join(lines)


def review(task: Task, state: TaskState) -> str | None:
    """Where a done task stands in a plan whose office verifies completion (办结需审核):
    "pending" (待审核) or "verified" (已销号); None for other tasks and plans."""
    if not task.verify or state.status is not Status.DONE:
        return None
    return "verified" if state.verified_on is not None else "pending"


def status_label(row: Row) -> str:
    """The status a person reads: 未启动, 推进中, 暂缓, 已完成; in a plan with 办结需审核 a done
    task is 待审核 until the office verifies it, then 已销号. Every view says it this way."""
    stage = review(row.task, row.state)
    if stage is None:
        return row.state.status.label
    return M.STATUS_VERIFIED if stage == "verified" else M.STATUS_PENDING
