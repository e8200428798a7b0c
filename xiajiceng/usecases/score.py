"""The year-end assessment (结果考评, xjc score): how each 科室, lead unit, leader and 承办人
kept the time limits of the tasks due in a period, across every plan of the scope.

The rule (README "The assessment"; messages.SCORE_RULE says it under every table):

- A task belongs to the period its time limit (完成时限) falls in, whenever it was done: one
  done before the period began counts there, on time; one due before the period, done in it,
  belongs to its own period. Only limits up to the as-of day count (a later one is not yet
  due), and a task due on the as-of day itself and not finished is still within its limit:
  it is left out until the next day.
- Its outcome is its state as of the as-of day (default today; it may be after the period's
  end): finished on or before the limit is on time; finished after it is late, by the
  working days from the day after the limit to the day it was done; not finished is overdue.
  A task done, reopened and done again counts by its last done date; one reopened and not
  done again is not finished.
- Where its plan requires verification (办结需审核), a task is finished only once verified
  (销号); the day it was done, not the day it was verified, decides on time or late. A task
  done but not verified counts as not finished.
- A task counts for every owner it names in a role (各科室: every 科室 of its plan's roster;
  承办人: its assignees as of the as-of day). A task with no owner in a role counts for no
  one in that role; the section says how many there are. 配合单位 are not assessed.
- Ranking: on-time rate (on time / counted), then fewer overdue, then the name in pinyin
  order; equal rate and overdue share a rank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import UsageError
from xiajiceng.model import Plan, Status, Task, TaskState
from xiajiceng.model.plan import LEAD, LEADERS, SECTIONS
from xiajiceng.model.workdays import Timing, timing
from xiajiceng.store import Workspace

ASSIGNEES = "assignees"  # the fourth kind: not a plan role, the journal's 承办人
KINDS = (SECTIONS, LEAD, LEADERS, ASSIGNEES)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    year: int | None = None  # --year (or the default): the period is that calendar year


@dataclass
class Line:
    """One owner's figures."""

    name: str
    counted: int = 0  # tasks due in the period (up to the as-of day)
    on_time: int = 0
    late: int = 0  # finished after the time limit
    late_days: int = 0  # working days late, summed over the late ones
    overdue: int = 0  # not finished, time limit passed
    needs_verification: int = 0  # counted tasks whose plan requires verification
    submitted: int = 0  # of those, done (申请办结) as of the as-of day
    verified: int = 0  # of those, verified (销号)
    rank: int = 0

    @property
    def rate(self) -> Fraction:
        return Fraction(self.on_time, self.counted) if self.counted else Fraction(0)

    @property
    def average_late(self) -> float | None:
        return self.late_days / self.late if self.late else None

    @property
    def verified_share(self) -> Fraction | None:
        """Verified of those done, where verification applies (None where it does not)."""
        if not self.needs_verification:
            return None
        return Fraction(self.verified, self.submitted) if self.submitted else Fraction(0)


@dataclass(frozen=True)
class Section:
    kind: str  # one of KINDS
    lines: list[Line]  # ranked
    unowned: int  # counted tasks naming no owner in this role
    named: bool  # whether any task of the scope names an owner in this role


@dataclass(frozen=True)
class Outcome:
    task: Task
    state: TaskState
    on_time: bool
    late: Timing | None  # finished late: by how much
    overdue: bool


@dataclass(frozen=True)
class Score:
    plan: Plan
    period: Period
    as_of: date
    through: date  # the last time limit counted: the period's end, or the as-of day
    outcomes: list[Outcome]
    sections: list[Section]
    timings: list[Timing] = field(default_factory=list)  # for the note on guessed years

    @property
    def verification(self) -> bool:
        return any(o.task.verify for o in self.outcomes)


def plan_years(plan: Plan) -> tuple[int, int]:
    """The years a plan's period and time limits fall in."""
    days = [plan.period.start, plan.period.end, *(t.due for t in plan.tasks)]
    return min(days).year, max(days).year


def period_of(
    plan: Plan, year: int | None, start: date | None, end: date | None, given_year: str = ""
) -> Period:
    """The period asked for: --year, or --from/--to (either may be left out: the plan's
    first or last day), else the plan's year. Refused: a year outside the plan's, --year with
    --from/--to, --from after --to."""
    if year is not None and (start is not None or end is not None):
        raise UsageError(M.ERR_SCORE_YEAR_AND_RANGE)
    if start is None and end is None:
        first, last = plan_years(plan)
        year = plan.year if year is None else year
        if not first <= year <= last:
            span = str(first) if first == last else f"{first}–{last}"
            raise UsageError(M.ERR_SCORE_YEAR.format(given=given_year or year, years=span))
        return Period(date(year, 1, 1), date(year, 12, 31), year)
    start = start or min(plan.period.start, *(t.due for t in plan.tasks))
    end = end or max(plan.period.end, *(t.due for t in plan.tasks))
    if start > end:
        raise UsageError(M.ERR_SCORE_RANGE.format(start=start, end=end))
    return Period(start, end)


def _owners(task: Task, state: TaskState, kind: str) -> list[str]:
    if kind == ASSIGNEES:
        return list(state.assignees)
    if kind == SECTIONS and M.EVERY_SECTION in task.sections:
        # 各科室: every 科室 of the task's plan (its units are its plan's roster then)
        named = [s for s in task.sections if s != M.EVERY_SECTION]
        return list(dict.fromkeys([*named, *sorted(task.units)]))
    return list(task.owners(kind))


def outcome(task: Task, state: TaskState, as_of: date) -> Outcome:
    finished = state.finished(task.verify)
    if finished and state.done_on is not None:
        if state.done_on <= task.due:
            return Outcome(task, state, True, None, False)
        return Outcome(task, state, False, timing(task.due, state.done_on), False)
    return Outcome(task, state, False, None, as_of > task.due)


def _pinyin_key(name: str) -> tuple[str, str]:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name)).lower(), name


def _ranked(lines: list[Line]) -> list[Line]:
    keyed = sorted(lines, key=lambda x: (-x.rate, x.overdue, _pinyin_key(x.name)))
    for i, line in enumerate(keyed):
        before = keyed[i - 1] if i else None
        same = before is not None and (before.rate, before.overdue) == (line.rate, line.overdue)
        line.rank = before.rank if same and before is not None else i + 1
    return keyed


def score(ws: Workspace, period: Period, as_of: date) -> Score:
    """Each owner's figures over the tasks due in the period, as of a day."""
    if as_of < period.start:
        raise UsageError(M.ERR_SCORE_AS_OF.format(as_of=as_of, start=period.start))
    plan = ws.plan
    through = min(period.end, as_of)
    due = [t for t in plan.tasks if period.start <= t.due <= through]
    states = ws.journal.states([t.id for t in due], as_of)
    outcomes = []
    for t in due:
        o = outcome(t, states[t.id], as_of)
        if o.on_time or o.late is not None or o.overdue:
            outcomes.append(o)  # (due on the as-of day, not finished: not yet assessed)
    result = []
    for kind in KINDS:
        lines: dict[str, Line] = {}
        unowned = 0
        for o in outcomes:
            names = _owners(o.task, o.state, kind)
            if not names:
                unowned += 1
            for name in names:
                _add(lines.setdefault(name, Line(name)), o)
        used = bool(lines) or any(t.owners(kind) for t in plan.tasks if kind != ASSIGNEES)
        result.append(Section(kind, _ranked(list(lines.values())), unowned, used))
    timings = [o.late for o in outcomes if o.late is not None]
    return Score(plan, period, as_of, through, outcomes, result, timings)


def _add(line: Line, o: Outcome) -> None:
    line.counted += 1
    if o.on_time:
        line.on_time += 1
    elif o.late is not None:
        line.late += 1
        line.late_days += o.late.days
    else:
        line.overdue += 1
    if o.task.verify:
        line.needs_verification += 1
        if o.state.status is Status.DONE:
            line.submitted += 1
            line.verified += o.state.verified_on is not None


def save_score(
    ws: Workspace, path: Path, period: Period, as_of: date, render: Callable[[Score], bytes]
) -> Score:
    """Write the assessment with `render` to path (atomically)."""
    from xiajiceng.store.files import write_atomic

    res = score(ws, period, as_of)
    write_atomic(path, render(res))
    return res
