"""assign / mark / done / reopen / undo / log, over the append-only journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import ids


def lines(path):
    return path.read_bytes().decode("utf-8").splitlines()


def test_journal_line_format(xjc, journal_file):
    xjc.ok("mark", "2.3", "doing", "--note", "已部署", "--date", "2023-02-20", "--by", "李科长")
    (line,) = lines(journal_file)
    event = json.loads(line)
    assert set(event) == {"id", "op", "task", "value", "date", "recorded", "by", "note"}
    assert event["op"] == "status" and event["value"] == "doing" and event["task"] == "2.3"
    assert event["date"] == "2023-02-20" and event["by"] == "李科长" and event["note"] == "已部署"
    assert event["recorded"].startswith("2023-12-01T09:00:")
    assert "已部署" in line  # readable UTF-8, not \\u escapes


def test_actor_defaults_to_xjc_user(xjc, journal_file):
    xjc.ok("done", "1.1")
    assert json.loads(lines(journal_file)[0])["by"] == "王办事"
    assert json.loads(lines(journal_file)[0])["date"] == "2023-12-01"  # today by the clock


def test_nothing_is_rewritten(xjc, journal_file):
    xjc.ok("assign", "2.3", "张三")
    first = journal_file.read_bytes()
    xjc.ok("done", "2.3")
    xjc.ok("undo")
    assert journal_file.read_bytes().startswith(first)
    assert len(lines(journal_file)) == 3


def test_assign_and_remove(xjc):
    xjc.ok("assign", "2.3", "张三", "李四、王五")
    assert xjc.ok("show", "2.3", "--json").json()["assignees"] == ["张三", "李四", "王五"]
    xjc.ok("assign", "2.3", "--remove", "李四", "赵六")
    assert xjc.ok("show", "2.3", "--json").json()["assignees"] == ["张三", "王五", "赵六"]
    res = xjc("assign", "2.3", "--remove", "钱七")
    assert res.code == 2 and "钱七" in res.stderr and "张三" in res.stderr
    res = xjc("assign", "2.3", "张三")
    assert res.code == 1 and "已是任务 2.3 的承办人" in res.stderr


def test_mark_note_alone_and_status_words(xjc):
    xjc.ok("mark", "1.1", "--note", "征求意见中")
    xjc.ok("mark", "1.1", "推进中", "--note", "确定了课题")
    xjc.ok("mark", "1.1", "DOING", "--note", "开始蹲点")  # same status: a note alone
    shown = xjc.ok("show", "1.1", "--json").json()
    assert shown["status"] == "doing"
    assert [n["text"] for n in shown["notes"]] == ["征求意见中", "确定了课题", "开始蹲点"]
    assert [h["op"] for h in shown["history"]] == ["note", "status", "note"]
    res = xjc("mark", "1.1", "doing")
    assert res.code == 1 and "已经是“推进中”" in res.stderr


def test_done_and_reopen(xjc):
    xjc.ok("done", "2.1", "--date", "2023-03-20", "--note", "指导组已覆盖全部镇街")
    shown = xjc.ok("show", "2.1", "--json").json()
    assert (shown["status"], shown["done_on"]) == ("done", "2023-03-20")
    res = xjc("done", "2.1")
    assert res.code == 1 and "已完成" in res.stderr and "reopen" in res.stderr
    xjc.ok("reopen", "2.1", "--note", "发现遗漏")
    shown = xjc.ok("show", "2.1", "--json").json()
    assert (shown["status"], shown["done_on"]) == ("doing", None)
    res = xjc("reopen", "2.1")
    assert res.code == 1 and "尚未完成" in res.stderr
    xjc.ok("mark", "2.1", "done")  # mark … done is done
    assert xjc.ok("show", "2.1", "--json").json()["status"] == "done"


def test_undo_latest_then_named(xjc):
    xjc.ok("mark", "3.1", "doing", "--date", "2023-02-10")
    xjc.ok("done", "3.1", "--date", "2023-03-01")
    res = xjc.ok("undo")
    assert "已撤销" in res.stdout and "3.1" in res.stdout and "标记完成" in res.stdout
    assert xjc.ok("show", "3.1", "--json").json()["status"] == "doing"
    res = xjc.ok("undo")  # undo again: the step before
    assert "状态改为推进中" in res.stdout
    assert xjc.ok("show", "3.1", "--json").json()["status"] == "todo"
    assert xjc("undo").code == 1  # nothing left in force
    log = xjc.ok("log", "--json").json()
    assert [e["op"] for e in log] == ["undo", "undo", "done", "status"]
    assert [e["revoked"] for e in log] == [False, False, True, True]
    # undo an undo by its id: the revoked event is back in force
    undo_of_done = log[1]["id"]
    xjc.ok("undo", undo_of_done[:6])
    assert xjc.ok("show", "3.1", "--json").json()["status"] == "done"
    res = xjc("undo", undo_of_done)
    assert res.code == 1 and "已被撤销" in res.stderr
    res = xjc("undo", "zzzz")
    assert res.code == 2 and "xjc log" in res.stderr


def test_undo_is_retroactive_for_reports(xjc):
    xjc.ok("done", "1.1", "--date", "2023-03-10")
    xjc.ok("undo", "--date", "2023-05-02")
    assert xjc.ok("report", "--month", "3", "--json").json()["done_in_month"] == []


def test_log_newest_first_and_per_task(xjc):
    xjc.ok("assign", "1.1", "张三", "--date", "2023-03-01")
    xjc.ok("mark", "2.2", "doing", "--date", "2023-02-01")  # earlier date, recorded later
    log = xjc.ok("log", "--json").json()
    assert [e["task"] for e in log] == ["1.1", "2.2"]  # by effective date, as `show`
    assert [e["task"] for e in xjc.ok("log", "1.1", "--json").json()] == ["1.1"]
    assert xjc.ok("log", "3.2", "--json").json() == []
    assert xjc.ok("log", "3.2").stdout.startswith("日志是空的")  # said, not an empty table


def test_replay_orders_by_effective_date(xjc):
    xjc.ok("done", "4.2", "--date", "2023-03-20")
    xjc.ok("mark", "4.2", "doing", "--date", "2023-03-01", "--note", "补记")  # back-dated
    shown = xjc.ok("show", "4.2", "--json").json()
    assert shown["status"] == "done"  # the back-dated change happened before the done


def test_task_ids_as_people_write_them(xjc):
    for given in ("2-3", "2（3）", "2(3)", " 2.3 "):
        assert xjc.ok("show", given, "--json").json()["id"] == "2.3"


def test_state_survives_across_processes(tmp_path, isolated):
    env = {**os.environ, "XJC_USER": "跨进程", "COLUMNS": "80"}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "xiajiceng", *args],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )

    run("assign", "2.3", "张三", "--date", "2023-02-10")
    run("done", "2.3", "--date", "2023-03-20")
    rows = json.loads(run("list", "--status", "done", "--json").stdout)
    assert [r["id"] for r in rows] == ["2.3"]
    assert rows[0]["assignees"] == ["张三"]


def test_user_plan_keeps_journal_beside_it(xjc, tmp_path):
    from xiajiceng.store.plans import bundled_plan_path

    plan = tmp_path / "plans" / "我的方案.yaml"
    plan.parent.mkdir()
    plan.write_bytes(bundled_plan_path().read_bytes())
    before = plan.read_bytes()
    xjc.ok("done", "1.1", "--plan", str(plan))
    assert (tmp_path / "plans" / "我的方案.journal.jsonl").exists()
    assert plan.read_bytes() == before  # the plan file is never rewritten
    assert ids(xjc.ok("list", "--status", "done", "--json", XJC_PLAN=str(plan))) == ["1.1"]
    assert ids(xjc.ok("list", "--status", "done", "--json")) == []  # bundled plan untouched


def test_dates_outside_the_plan_are_refused_and_nothing_is_written(xjc, journal_file):
    from tests.helpers import assert_refused

    # the clock reads 2023-12-01; the plan runs 2023-02-01 to 2023-03-31 (4.1 due 6月30日)
    assert_refused(xjc("mark", "1.1", "doing", "--date", "1999-01-01"), 2, "1999-01-01", "之前")
    assert_refused(xjc("done", "1.1", "--date", "2023-01-31"), 2, "2023-02-01")
    assert not journal_file.exists() or journal_file.read_text() == ""
    # back-dating within the plan, and late completions after its end, still work
    xjc.ok("done", "1.1", "--date", "2023-02-01")
    xjc.ok("done", "2.1", "--date", "2023-11-30")
    assert xjc.ok("show", "2.1", "--json").json()["done_on"] == "2023-11-30"


def test_a_date_long_after_the_plan_is_refused_but_today_is_not(xjc, journal_file):
    from tests.helpers import assert_refused

    xjc.clock = xjc.clock.replace(year=2026)
    assert_refused(xjc("done", "1.1", "--date", "2025-03-20"), 2, "一年以后", "2024-06-30")
    xjc.ok("done", "1.1", "--date", "2024-06-30")  # a year after 4.1's time limit: kept
    xjc.ok("done", "1.2")  # no --date: today, when the record is made
    assert len(journal_file.read_text().splitlines()) == 2


def test_mark_of_a_done_task_reopens_it_and_says_so(xjc):
    xjc.ok("done", "1.1", "--date", "2023-02-24")
    out = xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01").stdout
    assert "原已于2月24日完成，现已重新打开" in out
    assert xjc.ok("show", "1.1", "--json").json()["status"] == "doing"
    # a record dated before the task was done reopens nothing and says nothing of it
    xjc.ok("done", "1.2", "--date", "2023-03-10")
    out = xjc.ok("mark", "1.2", "doing", "--date", "2023-02-10").stdout
    assert "重新打开" not in out
    assert xjc.ok("show", "1.2", "--json").json()["status"] == "done"
