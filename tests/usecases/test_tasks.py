"""xjc list on the real plan: every filter, the 各科室 rule, as-of dates, JSON keys."""

from __future__ import annotations

import pytest

from tests.helpers import ids

ALL = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "4.5"]


def test_all_tasks(xjc):
    assert ids(xjc.ok("list", "--json")) == ALL


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("许静", ["1.2", "1.3", "3.1", "3.2", "4.3", "4.4", "4.5"]),
        ("曹国良", ["1.2", "1.3", "3.1", "3.2", "4.3", "4.4", "4.5"]),
        ("沈伟强", ALL),
        ("沈", ALL),  # a unique prefix
        ("swq", ALL),  # pinyin initials
        ("xujing", ["1.2", "1.3", "3.1", "3.2", "4.3", "4.4", "4.5"]),  # full pinyin
    ],
)
def test_leader(xjc, given, expected):
    assert ids(xjc.ok("list", "--leader", given, "--json")) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("办公室", ["1.1", "1.2", "1.3", "3.2", "4.4", "4.5"]),
        ("组织科", ["1.2", "1.3", "2.1", "2.2", "2.3", "4.1", "4.2", "4.3", "4.4"]),
        ("干部科", ["1.2", "1.3", "3.1", "4.3"]),
        ("zzk", ["1.2", "1.3", "2.1", "2.2", "2.3", "4.1", "4.2", "4.3", "4.4"]),
    ],
)
def test_section_includes_every_section_tasks(xjc, given, expected):
    assert ids(xjc.ok("list", "--section", given, "--json")) == expected


def test_action(xjc):
    assert ids(xjc.ok("list", "--action", "2", "--json")) == ["2.1", "2.2", "2.3"]
    assert ids(xjc.ok("list", "-a", "4", "--leader", "许静", "--json")) == ["4.3", "4.4", "4.5"]


def test_status_filters_and_overdue(xjc):
    xjc.ok("done", "2.1", "--date", "2023-03-01")
    xjc.ok("mark", "2.2", "doing", "--date", "2023-03-02")
    xjc.ok("mark", "2.3", "暂缓", "--date", "2023-03-03")
    assert ids(xjc.ok("list", "--status", "done", "--json")) == ["2.1"]
    assert ids(xjc.ok("list", "--status", "推进中", "--json")) == ["2.2"]
    assert ids(xjc.ok("list", "--status", "paused", "--json")) == ["2.3"]
    assert len(ids(xjc.ok("list", "--status", "todo", "--json"))) == 10
    assert "2.1" not in ids(xjc.ok("list", "--status", "open", "--json"))
    # overdue: not done and past the due date, as of a date
    assert ids(xjc.ok("list", "--status", "overdue", "--as-of", "2023-03-31", "--json")) == []
    late = ids(xjc.ok("list", "--status", "overdue", "--as-of", "2023-04-01", "--json"))
    assert late == [i for i in ALL if i not in {"2.1", "4.1"}]
    late = ids(xjc.ok("list", "--status", "逾期", "--as-of", "2023-07-01", "--json"))
    assert "4.1" in late


def test_as_of_shows_state_at_that_date(xjc):
    xjc.ok("done", "1.1", "--date", "2023-03-10")
    before = xjc.ok("list", "--as-of", "2023-03-09", "--json").json()[0]
    after = xjc.ok("list", "--as-of", "2023-03-10", "--json").json()[0]
    assert (before["status"], after["status"]) == ("todo", "done")
    assert after["done_on"] == "2023-03-10"


def test_assignee_filter(xjc):
    xjc.ok("assign", "2.3", "张三", "李四")
    xjc.ok("assign", "3.1", "张三")
    assert ids(xjc.ok("list", "--assignee", "张三", "--json")) == ["2.3", "3.1"]
    assert ids(xjc.ok("list", "--assignee", "李", "--json")) == ["2.3"]


def test_json_keys(xjc):
    xjc.ok("mark", "1.2", "doing", "--note", "已走访两个镇", "--date", "2023-02-20")
    row = xjc.ok("list", "--json", "--as-of", "2023-04-01").json()[1]
    assert row == {
        "id": "1.2",
        "action": 1,
        "title": "蹲点基层展开调研",
        "leaders": ["曹国良", "许静", "沈伟强"],
        "sections": ["各科室"],
        "units": ["办公室", "干部科", "组织科"],
        "assignees": [],
        "status": "doing",
        "due": "2023-03-31",
        "overdue": True,
        "done_on": None,
        "last_note": {
            "date": "2023-02-20",
            "text": "已走访两个镇",
            "by": "王办事",
            "event": row["last_note"]["event"],
        },
    }


def test_empty_result_is_not_an_error(xjc):
    res = xjc.ok("list", "--action", "3", "--section", "组织科")
    assert "没有符合条件的任务" in res.stdout


def test_limit(xjc):
    assert ids(xjc.ok("list", "--limit", "3", "--json")) == ALL[:3]
    out = xjc.ok("list", "--limit", "2", "--leader", "许静").stdout.replace("\n", "")
    assert "另有 5 项" in out and "1.3" in out and "3.1" not in out
    assert xjc("list", "--limit", "0").code == 2
    assert "--limit" in xjc("list", "--limit", "x").stderr


def test_log_limit(xjc):
    """The newest N records, whatever the log's order, and a word on how many were left out."""
    for task, day in (("1.1", "2023-02-06"), ("1.2", "2023-02-07"), ("2.1", "2023-02-08")):
        xjc.ok("mark", task, "doing", "--date", day)
    everything = xjc.ok("log", "--json").json()
    assert xjc.ok("log", "--limit", "2", "--json").json() == everything[:2]
    assert xjc.ok("log", "1.1", "--limit", "5", "--json").json() == [everything[2]]
    out = xjc.ok("log", "--limit", "2").stdout.replace("\n", "")
    assert "共 2 条记录" in out and "另有 1 条较早的记录未显示" in out
    assert "未显示" not in xjc.ok("log", "--limit", "3").stdout
    assert len(xjc.ok("log", "--limit", "1", tty=False).stdout.splitlines()) == 1
    assert xjc("log", "--limit", "0").code == 2
    assert "--limit" in xjc("log", "--limit", "两").stderr


def test_log_orders_by_effective_date_and_shows_late_recording(xjc):
    # the clock reads 2023-12-01: every record below is back-dated
    xjc.ok("done", "1.1", "--date", "2023-03-20")
    xjc.ok("mark", "1.1", "--note", "补充调研", "--date", "2023-03-05")  # recorded later
    xjc.ok("mark", "1.2", "doing", "--date", "2023-03-05")  # same day, recorded later still
    log = xjc.ok("log", "--json").json()
    assert [(e["task"], e["date"]) for e in log] == [
        ("1.1", "2023-03-20"),
        ("1.2", "2023-03-05"),
        ("1.1", "2023-03-05"),
    ]
    table = xjc.ok("log", COLUMNS="100").stdout
    assert "3月20日（12月1日补记）" in table
    rows = xjc.ok("log", tty=False).stdout.splitlines()
    assert [r.split("\t")[1] for r in rows] == [
        "2023-03-20（2023-12-01补记）",
        "2023-03-05（2023-12-01补记）",
        "2023-03-05（2023-12-01补记）",
    ]
    assert all(r.count("\t") == 4 for r in rows)


def test_log_shows_one_date_when_recorded_that_day(xjc):
    xjc.clock = xjc.clock.replace(month=3, day=5)
    xjc.ok("mark", "1.2", "doing")
    assert "补记" not in xjc.ok("log").stdout
    assert xjc.ok("log", tty=False).stdout.split("\t")[1] == "2023-03-05"
