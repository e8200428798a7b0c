"""Working days in mainland China: public holidays and 调休 make-up working days.

Pure logic, no I/O. The holiday table is the maintained `chinese_calendar` package (it knows
each year's State Council notice once it is published); a date it has no data for is
counted Monday to Friday, and the result says so (`exact` is False, `guessed` names the
years), so a view can add a note instead of pretending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

_ONE_DAY = timedelta(days=1)

# The dates xjc works with: in plan files and on the command line (--as-of, --date, --year).
# Wide enough for any plan's history and future; narrow enough that date arithmetic on them
# (a day after a due date, N days after as-of, a year's working days) never leaves
# datetime's range, and that a count spans at most two centuries of years.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2099, 12, 31)


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


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[date], frozenset[date], int, int] | None:
    """chinese_calendar's holiday and make-up-day tables and the years they cover."""
    try:
        from chinese_calendar.constants import holidays, workdays  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the table's layout changed: ask day by day
        return None
    years = [d.year for d in holidays]
    return frozenset(holidays), frozenset(workdays), min(years), max(years)


@cache
def _year(year: int) -> tuple[tuple[int, ...], bool]:
    """Working days of `year` before each of its days (a prefix sum), and whether exact.

    Built once per year and process, so a count costs the same for a 3-day span and a
    3-year one, and a list of 10,000 tasks reads the holiday table 365 times, not millions.
    """
    tables = _tables()
    sums = [0]
    exact = True
    first = date(year, 1, 1).toordinal()
    for d in map(date.fromordinal, range(first, date(year, 12, 31).toordinal() + 1)):
        if tables is not None:
            rest, extra, first, last = tables
            exact = first <= year <= last
            work = d in extra or (d.weekday() < 5 and d not in rest) if exact else d.weekday() < 5
        else:  # pragma: no cover
            work, known = is_workday(d)
            exact = exact and known
        sums.append(sums[-1] + work)
    return tuple(sums), exact


def count_workdays(first: date, last: date) -> Count:
    """Working days d with first <= d <= last (0 when last < first)."""
    if last < first:
        return Count(0)
    n = 0
    guessed: set[int] = set()
    for year in range(first.year, last.year + 1):
        sums, exact = _year(year)
        lo = first.timetuple().tm_yday - 1 if year == first.year else 0
        hi = last.timetuple().tm_yday if year == last.year else len(sums) - 1
        n += sums[hi] - sums[lo]
        if not exact:
            guessed.add(year)
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


@lru_cache(maxsize=4096)  # a plan's tasks share a few dozen time limits; a Timing is frozen
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
