"""Time limits (完成时限) as documents write them: 3月底前, 6月30日前, 年底前, “七一”前…"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from xiajiceng.usecases.importing.script import fold

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
FESTIVALS = {"五一": (4, 30), "七一": (6, 30), "八一": (7, 31), "十一": (9, 30), "国庆": (9, 30)}
BEFORE = r"(?:前|之前|以前)"
Y = r"(?:(?P<y>\d{4})\s*年)?"


@dataclass(frozen=True)
class TimeLimit:
    due: date | None  # a date, when the words give one
    text: str | None  # the document's own words
    recurrence: str | None  # 每月, 每季度, …
    undated: bool = False  # the words name a date, but in no year the document says


class NoYear(Exception):
    """A phrase names a date without its year, and the document names none."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(m: re.Match[str], default: int | None) -> int:
    y = m.groupdict().get("y")
    if y:
        return int(y)
    if default is None:
        raise NoYear
    return default


def _d_full(m: re.Match[str], year: int | None) -> date:
    return date(_year(m, year), int(m["m"]), int(m["d"]))


def _d_month_end(m: re.Match[str], year: int | None) -> date:
    return _month_end(_year(m, year), int(m["m"]))


def _d_xun(m: re.Match[str], year: int | None) -> date:
    y, mo = _year(m, year), int(m["m"])
    return {"上": date(y, mo, 10), "中": date(y, mo, 20)}.get(m["x"]) or _month_end(y, mo)


def _d_year_end(m: re.Match[str], year: int | None) -> date:
    return date(_year(m, year), 12, 31)


def _d_half(m: re.Match[str], year: int | None) -> date:
    y = _year(m, year)
    return date(y, 6, 30) if m["h"] == "上" else date(y, 12, 31)


def _d_quarter(m: re.Match[str], year: int | None) -> date:
    return _month_end(_year(m, year), CN_DIGITS[m["q"]] * 3)


def _d_festival(m: re.Match[str], year: int | None) -> date:
    mo, d = FESTIVALS[m["f"]]
    return date(_year(m, year), mo, d)


def _d_month_range(m: re.Match[str], year: int | None) -> date:
    if int(m["a"]) >= int(m["m"]):
        raise ValueError("not a range")
    return _month_end(_year(m, year), int(m["m"]))


# (pattern, date builder): phrases that are a deadline wherever they stand in prose
_PROSE = [
    (Y + r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" + BEFORE, _d_full),
    (Y + r"(?P<m>\d{1,2})\s*月(?:份)?(?:底|末)" + BEFORE + "?", _d_month_end),
    (Y + r"(?P<m>\d{1,2})\s*月(?P<x>[上中下])旬" + BEFORE + "?", _d_xun),
    (r"(?:(?P<y>\d{4})\s*)?年(?:底|末)" + BEFORE + "?", _d_year_end),
    (Y + r"(?P<h>[上下])半年", _d_half),
    (Y + r"第(?P<q>[一二三四1-4])季度", _d_quarter),
    (Y + r"[“\"「]?(?P<f>五一|七一|八一|十一|国庆)节?[”\"」]?" + BEFORE, _d_festival),
    (Y + r"(?<!\d)(?P<a>\d{1,2})\s*[-－—–~～至到]\s*(?P<m>\d{1,2})\s*月(?:份)?", _d_month_range),
]
# more forms, accepted when the words stand alone as a time limit (a 完成时限 column or line)
_FIELD = [
    (
        r"(?P<y>\d{4})\s*[年./\-－]\s*(?P<m>\d{1,2})\s*[月./\-－]\s*(?P<d>\d{1,2})\s*[日号]?",
        _d_full,
    ),
    (Y + r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]", _d_full),
    (Y + r"(?P<m>\d{1,2})\s*月(?:份)?", _d_month_end),
    (r"(?P<y>\d{4})\s*年(?:内|全年)?", _d_year_end),
    (r"年内|全年", _d_year_end),
]
_PROSE_RE = [(re.compile(p), f) for p, f in _PROSE]
_FIELD_RE = [(re.compile(p), f) for p, f in _FIELD]
_RECUR = re.compile(r"每(?:个)?(月|季度|季|半年|年|周|旬)")


def recurrence(text: str) -> str | None:
    m = _RECUR.search(text)
    if not m:
        return None
    unit = "季度" if m[1] == "季" else m[1]
    return "每" + unit


def _built(
    build: Callable[[re.Match[str], int | None], date], m: re.Match[str], year: int | None
) -> date | None:
    """The date of a phrase; None when it names no year and `year` is None (ValueError when
    it is no date in any year: 2月30日)."""
    try:
        return build(m, year)
    except NoYear:
        build(m, 2000)  # a leap year
        return None


def find_in_prose(text: str, year: int | None) -> list[tuple[date | None, str]]:
    """Every deadline phrase in running text, with its date, in text order; the date is None
    when the phrase names no year and `year` (the document's) is None."""
    found: list[tuple[int, date | None, str]] = []
    taken: list[tuple[int, int]] = []
    original, text = text, fold(text)  # Traditional 年底前 too; the words kept as written
    for rx, build in _PROSE_RE:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            d: date | None
            try:
                d = _built(build, m, year)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), d, original[m.start() : m.end()].strip()))
    found.sort(key=lambda f: f[0])
    return [(d, phrase) for _, d, phrase in found]


def parse_field(text: str, year: int | None) -> TimeLimit:
    """A time limit written on its own (a column or a 完成时限 line): the whole text is kept."""
    text = text.strip()
    if not text:
        return TimeLimit(None, None, None)
    recur = recurrence(fold(text))
    hits = find_in_prose(text, year)
    if not hits and not recur:
        for rx, build in _FIELD_RE:
            m = rx.search(fold(text))
            if m:
                try:
                    hits = [(_built(build, m, year), text[m.start() : m.end()])]
                except ValueError:
                    continue
                break
    dates = [d for d, _ in hits if d is not None]
    due = max(dates) if dates and not recur else None
    return TimeLimit(due, text, recur, undated=bool(hits) and not dates and not recur)
