"""Working days: China's public holidays and 调休 make-up days, and the fallback outside them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiajiceng.model.workdays import count_workdays, is_workday, timing


@pytest.mark.parametrize(
    "day, work",
    [
        (date(2023, 1, 28), True),  # Saturday, made up for 春节
        (date(2023, 1, 29), True),  # Sunday, made up for 春节
        (date(2023, 4, 23), True),  # Sunday, made up for 劳动节
        (date(2023, 5, 6), True),  # Saturday, made up for 劳动节
        (date(2023, 4, 29), False),  # 劳动节 holiday (a Saturday)
        (date(2023, 5, 1), False),  # 劳动节, a Monday
        (date(2023, 5, 3), False),  # 劳动节, a Wednesday
        (date(2023, 4, 5), False),  # 清明, a Wednesday
        (date(2023, 4, 22), False),  # an ordinary Saturday
        (date(2023, 4, 24), True),  # an ordinary Monday
    ],
)
def test_holidays_and_make_up_days(day, work):
    assert is_workday(day) == (work, True)


def test_counts_across_the_labour_day_holiday():
    # 4月23日 (Sun, make-up) … 5月6日 (Sat, make-up): 4/23, 4/24–28, 5/4, 5/5, 5/6
    c = count_workdays(date(2023, 4, 23), date(2023, 5, 6))
    assert c.days == 9 and c.exact


def test_timing_left_and_late():
    left = timing(date(2023, 3, 31), date(2023, 3, 15))
    assert (left.late, left.days) == (False, 13)  # 3月15日 counts while it lasts
    late = timing(date(2023, 3, 31), date(2023, 4, 10))
    assert (late.late, late.days) == (True, 5)  # 4/3, 4/4, 4/6, 4/7, 4/10 (4/5 清明)
    weekend = timing(date(2023, 3, 31), date(2023, 4, 2))
    assert (weekend.late, weekend.days) == (True, 0)  # past due, no working day lost yet
    today = timing(date(2023, 3, 31), date(2023, 3, 31))
    assert (today.late, today.days) == (False, 1)


def test_years_without_holiday_data_fall_back_to_monday_to_friday():
    c = count_workdays(date(2099, 1, 1), date(2099, 1, 31))  # 2099-01-01 is a Thursday
    assert c.days == 22 and not c.exact and c.guessed == {2099}
    assert is_workday(date(2099, 1, 3)) == (False, False)  # Saturday
    assert is_workday(date(1990, 1, 1)) == (True, False)  # Monday, before the table


# -- through the CLI ----------------------------------------------------------------------------


def test_show_says_working_days_left_and_late(xjc):
    out = xjc.ok("show", "2.2", "--as-of", "2023-03-15").stdout
    assert "剩余 13 个工作日" in out
    out = xjc.ok("show", "2.2", "--as-of", "2023-04-10").stdout
    assert "逾期 5 个工作日" in out
    xjc.ok("done", "2.2", "--date", "2023-03-20")
    out = xjc.ok("show", "2.2", "--as-of", "2023-04-10").stdout
    assert "工作日" not in out


def test_list_overdue_has_a_working_days_column(xjc):
    out = xjc.ok("list", "--status", "overdue", "--as-of", "2023-04-10").stdout
    header = out.splitlines()[0]
    assert "工作日" in header
    assert "逾期 5" in out
    plain = xjc.ok("list", "--as-of", "2023-04-10").stdout
    assert "工作日" not in plain.splitlines()[0]  # the ordinary ledger keeps its columns


def test_due_within_counts_calendar_days_and_leaves_out_overdue_and_done(xjc):
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    got = xjc.ok("list", "--due-within", "16", "--as-of", "2023-03-15", "--json").json()
    ids = [t["id"] for t in got]
    assert "1.1" not in ids and len(ids) == 11  # due 3月31日 = 16 days on; 4.1 is due 6月30日
    assert xjc.ok("list", "--due-within", "15", "--as-of", "2023-03-15", "--json").json() == []
    assert xjc.ok("list", "--due-within", "7", "--as-of", "2023-04-10", "--json").json() == []
    out = xjc.ok("list", "--due-within", "90", "--as-of", "2023-04-10").stdout
    assert "4.1" in out and "剩余" in out and "工作日" in out


@pytest.mark.parametrize("given", ["-1", "abc", "1.5"])
def test_due_within_refuses_nonsense(xjc, given):
    res = xjc("list", "--due-within", given)
    assert res.code == 2 and given in res.stderr and "--due-within" in res.stderr
    assert not res.stdout and "Traceback" not in res.stderr


def test_a_plan_in_a_year_without_holiday_data_says_so(xjc, tmp_path):
    from xiajiceng.store.plans import bundled_plan_path

    text = bundled_plan_path().read_text(encoding="utf-8")
    text = text.replace(
        "{开始: 2023-02-01, 结束: 2023-03-31}", "{开始: 2098-02-01, 结束: 2098-03-31}"
    )
    text = text.replace("2023-06-30", "2098-06-30")
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    out = xjc.ok("show", "1.1", "--plan", str(plan), "--as-of", "2098-03-02").stdout
    assert "剩余 21 个工作日" in out  # 3月2日 (Sun) to 3月31日 (Mon), Monday to Friday
    assert "2098 年的法定节假日" in out and "周一至周五" in out
    out = xjc.ok("overview", "--plan", str(plan), "--as-of", "2098-03-02").stdout
    assert "2098 年的法定节假日" in out


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-5, max_value=900),
)
def test_prefix_sums_count_like_a_day_by_day_walk(first, span):
    last = first + timedelta(days=span)
    walked, d = 0, first
    while d <= last:
        walked += is_workday(d)[0]
        d += timedelta(days=1)
    assert count_workdays(first, last).days == walked
