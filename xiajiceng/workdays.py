"""Working days in mainland China: public holidays and 调休 make-up working days.

Pure logic, no I/O. The holiday table is the maintained `chinese_calendar` package (it knows
each year's State Council notice once it is published); a date it has no data for is
counted Monday to Friday, and the result says so (`exact` is False, `guessed` names the
years), so a view can add a note instead of pretending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def _table_says(d: date) -> bool | None:
    """True/False from the holiday table, None where it has no data for the year."""
    try:
        import chinese_calendar  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency; tolerated, never fatal
        return None
    try:
        return bool(chinese_calendar.is_workday(d))
    except (NotImplementedError, ValueError, KeyError):
        return None


def is_workday(d: date) -> tuple[bool, bool]:
    """(is it a working day, is that from the holiday table rather than Monday-to-Friday)."""
    known = _table_says(d)
    if known is None:
        return d.weekday() < 5, False
    return known, True


@dataclass(frozen=True)
class Count:
    days: int
    guessed: frozenset[int] = field(default_factory=frozenset)  # years counted Mon-Fri

    @property
    def exact(self) -> bool:
        return not self.guessed


def count_workdays(first: date, last: date) -> Count:
    """Working days d with first <= d <= last (0 when last < first)."""
    n = 0
    guessed: set[int] = set()
    d = first
    while d <= last:
        work, known = is_workday(d)
        n += work
        if not known:
            guessed.add(d.year)
        d += _ONE_DAY
    return Count(n, frozenset(guessed))


@dataclass(frozen=True)
class Timing:
    """How a task stands against its time limit, in working days, as of a date.

    late: the task is overdue; days = working days after the due date up to and including
    the as-of date (0 when only rest days have passed). Otherwise days = working days left
    from the as-of date up to and including the due date (today counts while it lasts).
    """

    late: bool
    days: int
    guessed: frozenset[int] = field(default_factory=frozenset)

    @property
    def exact(self) -> bool:
        return not self.guessed


def timing(due: date, as_of: date) -> Timing:
    if as_of > due:
        c = count_workdays(due + _ONE_DAY, as_of)
        return Timing(True, c.days, c.guessed)
    c = count_workdays(as_of, due)
    return Timing(False, c.days, c.guessed)


def guessed_years(timings: list[Timing]) -> list[int]:
    years: set[int] = set()
    for t in timings:
        years |= t.guessed
    return sorted(years)
