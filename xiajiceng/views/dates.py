"""Dates as people in an office write them (2023年3月31日, 3月31日), for every view."""

from __future__ import annotations

from datetime import date

from xiajiceng import messages as M


def full_date(d: date) -> str:
    return M.DATE_FULL.format(year=d.year, month=d.month, day=d.day)


def short_date(d: date, year: int) -> str:
    """3月31日 within the plan's year, 2024年3月31日 outside it."""
    if d.year == year:
        return M.DATE_MONTH_DAY.format(month=d.month, day=d.day)
    return full_date(d)
