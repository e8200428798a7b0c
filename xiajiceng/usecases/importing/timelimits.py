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
    (Y + r"第?(?P<q>[一二三四1-4])季度", _d_quarter),  # 第三季度, 三季度前: its end
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

# A year the text sets for doing a thing is its time limit, the end of that year (of a span's
# last year): 到2025年…, 力争2025年…, or a clause that starts with the year (2020年启动…,
# 2019-2022年，…). A year that is a baseline (比2017年, 与2022年相比, 截至2022年), a start
# (2020年开始, 自2020年), a span looked back on (2023年以来), a year's share (2023年度), a
# month of it (2023年3月), or a year in a clause that recurs (2023-2025年每年…) is none.
_YEAR_SPAN = re.compile(r"(?<!\d)(?:(?P<y0>20\d{2})\s*[-－—–~～至到]\s*)?(?P<y>20\d{2})\s*年")
_YEAR_SETS = re.compile(r"(?:(?<!截)(?<!截止)到|(?<!截)至|于|力争|确保|争取|计划|预计)\s*$")
_CLAUSE_START = re.compile(
    r"(?:^|[。；;，,：:！？!?\n]|^\s*(?:\d{1,2}\s*[.、．]|[（(]\s*\d{1,2}\s*[）)]))\s*$"
)
_YEAR_NOT_SET = re.compile(
    r"^\s*(?:以来|来|开始|起|以后|之后|后|度|的|初|中|同期|相比|水平|基础|[、，,]?\s*20\d{2}"
    r"|\d|[一二三四五六七八九十]{1,2}月|[上下]半年|第|[春夏秋冬])"
)
_RECURS = re.compile(_RECUR.pattern + r"|定期|周期")
# a span of months that names a window each year (将11-12月确定为服务月, 每年3-5月) is no deadline
_WINDOW_BEFORE = re.compile(r"每年(?:的)?\s*$")
_WINDOW_AFTER = re.compile(r"^(?:份)?\s*(?:确定|定|设定|设|作|列)为")


def _in_recurring_sentence(text: str, m: re.Match[str]) -> bool:
    """Does the sentence `m` stands in recur (每年, 定期, 周期)? Its year sets no limit."""
    before, after = text[: m.start()], text[m.end() :]
    start = max(before.rfind(c) for c in "。；;") + 1
    ends = [i for i in (after.find(c) for c in "。；;") if i >= 0]
    return bool(_RECURS.search(text[start : m.end() + (min(ends) if ends else len(after))]))


def _years_set(
    text: str, taken: list[tuple[int, int]], year: int | None = None
) -> list[tuple[int, date, str]]:
    """The years `text` (folded) sets for doing its thing, each with where it stands and its
    words; spans in `taken` (a phrase already read) are skipped, and so is a year before the
    plan's own (`year`): 2022年出台的政策, 2023年，普及率达到85% in a plan of 2024 look back."""
    found = []
    for m in _YEAR_SPAN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if year is not None and int(m["y"]) < year:
            continue
        before, after = text[: m.start()], text[m.end() :]
        if _YEAR_NOT_SET.match(after):
            continue
        if not (_YEAR_SETS.search(before) or _CLAUSE_START.search(before)):
            continue
        # the sentence the year stands in: a year of one that recurs sets no time limit
        if _in_recurring_sentence(text, m):
            continue
        found.append((m.start(), date(int(m["y"]), 12, 31), m[0]))
    return found


# 全年 opening a clause sets the plan's year for doing what follows (全年新建…10家, 全年组织
# …1500余场): that year's end, as a year written out there would be; not 全年的…, 全年各…
_WHOLE_YEAR = re.compile(r"(?:全年|年内)(?![的各])")


def _whole_year(
    text: str, taken: list[tuple[int, int]], year: int | None
) -> list[tuple[int, date | None, str]]:
    """全年 where it opens a clause of `text` (folded) and the clause does not recur."""
    found: list[tuple[int, date | None, str]] = []
    for m in _WHOLE_YEAR.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        before = text[: m.start()]
        if not _CLAUSE_START.search(before):
            continue
        if _in_recurring_sentence(text, m):
            continue
        found.append((m.start(), date(year, 12, 31) if year else None, m[0]))
    return found


# a five-year plan's period named by its number (“十四五”期间, 十四五末): its last year, as
# 到2025年 would be; from the third (1966-1970) on, the Nth ends in 1970 + 5 × (N - 3)
_FIVE_YEAR = re.compile(r"[“\"「]?十(?P<n>[一二三四五六七八九])五[”\"」]?\s*(?:期间|时期|末|内)")


def _five_year_plans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, date, str]]:
    found = []
    for m in _FIVE_YEAR.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if not _CLAUSE_START.search(text[: m.start()]) and not _YEAR_SETS.search(text[: m.start()]):
            continue
        n = 10 + "一二三四五六七八九".index(m["n"]) + 1
        found.append((m.start(), date(1970 + 5 * (n - 3), 12, 31), m[0]))
    return found


def _window(text: str, m: re.Match[str]) -> bool:
    """Does a span of months name a window that comes each year rather than a deadline?"""
    return bool(_WINDOW_BEFORE.search(text[: m.start()]) or _WINDOW_AFTER.match(text[m.end() :]))


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
            if build is _d_month_range and _window(text, m):
                continue
            d: date | None
            try:
                d = _built(build, m, year)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), d, original[m.start() : m.end()].strip()))
    for at, d, words in _years_set(text, taken, year):
        found.append((at, d, original[at : at + len(words)].strip()))
    for at, whole, words in _whole_year(text, taken, year):
        found.append((at, whole, original[at : at + len(words)].strip()))
    for at, end, words in _five_year_plans(text, taken):
        found.append((at, end, original[at : at + len(words)].strip()))
    found.sort(key=lambda f: f[0])
    return [(d, phrase) for _, d, phrase in found]


def find_dates_in_heading(text: str, year: int | None) -> list[tuple[date | None, str]]:
    """The deadline phrases a heading sets for the tasks under it: a date, a month's end, a
    part of a month, of the year or a festival (7月中旬前, 年底前, 第三季度), not a year alone (a
    heading such as 2024年重点任务 names the plan's year, not a limit) nor 全年; none where
    the heading recurs (每月10日前)."""
    folded = fold(text)
    if _RECUR.search(folded):
        return []
    return [
        (d, phrase)
        for d, phrase in find_in_prose(text, year)
        if fold(phrase) not in ("全年", "年内")
        and (not _YEAR_ONLY.fullmatch(fold(phrase)) or _set_by_words(folded, fold(phrase)))
    ]


def _set_by_words(text: str, phrase: str) -> bool:
    """Is the year `phrase` set by the words before it (到2025年, 力争2025年), not a heading's
    year alone (2024年重点任务)?"""
    at = text.find(phrase)
    return at >= 0 and bool(_YEAR_SETS.search(text[:at]))


_YEAR_ONLY = re.compile(r"(?:20\d{2}\s*[-－—–~～至到]\s*)?20\d{2}\s*年")


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
