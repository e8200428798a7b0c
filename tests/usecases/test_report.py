"""report --month: the plan as of the month's last day, whenever it is run."""

from __future__ import annotations

import pytest


@pytest.fixture
def history(xjc):
    xjc.ok("mark", "1.1", "doing", "--date", "2023-02-06", "--note", "征求意见")
    xjc.ok("done", "1.1", "--date", "2023-02-27", "--note", "确定8个课题")
    xjc.ok("mark", "2.1", "doing", "--date", "2023-03-02", "--note", "组建指导组")
    xjc.ok("done", "2.2", "--date", "2023-03-20")
    xjc.ok("mark", "3.1", "--note", "约谈5人", "--date", "2023-03-25")
    xjc.ok("done", "2.1", "--date", "2023-04-10")  # after March: not in March's report
    xjc.ok("mark", "4.1", "暂缓", "--date", "2023-03-05")
    return xjc


def test_march_as_of_month_end(history):
    rep = history.ok("report", "--month", "3", "--json").json()
    assert (rep["year"], rep["month"], rep["as_of"]) == (2023, 3, "2023-03-31")
    assert rep["total"] == 13
    assert rep["counts"] == {"todo": 9, "doing": 1, "done": 2, "paused": 1}
    assert rep["completion_rate"] == round(2 / 13, 4)
    assert rep["done_in_month"] == ["2.2"]
    assert rep["overdue"] == []  # due 3-31 is not yet past on 3-31
    assert "3.1" in rep["not_started"] and "2.1" not in rep["not_started"]
    assert [(n["task"], n["text"]) for n in rep["notes_in_month"]] == [
        ("2.1", "组建指导组"),
        ("3.1", "约谈5人"),
    ]
    action1, action2 = rep["by_action"][0], rep["by_action"][1]
    assert (action1["action"], action1["total"], action1["counts"]["done"]) == (1, 3, 1)
    assert (action2["total"], action2["counts"]["done"], action2["counts"]["doing"]) == (3, 1, 1)
    leaders = {g["name"]: g for g in rep["by_leader"]}
    assert (leaders["许静"]["total"], leaders["沈伟强"]["total"]) == (7, 13)
    sections = {g["name"]: g for g in rep["by_section"]}
    assert sections["办公室"]["total"] == 6 and sections["办公室"]["counts"]["done"] == 1
    assert sections["组织科"]["total"] == 9 and sections["组织科"]["counts"]["done"] == 1


def test_february_and_april(history):
    feb = history.ok("report", "--month", "2", "--json").json()
    assert feb["done_in_month"] == ["1.1"] and feb["as_of"] == "2023-02-28"
    assert feb["counts"]["done"] == 1
    apr = history.ok("report", "-m", "4", "--json").json()
    assert apr["done_in_month"] == ["2.1"]
    # late tasks stay late after the period; 4.1 runs to June
    assert "3.1" in apr["overdue"] and "4.1" not in apr["overdue"]
    jul = history.ok("report", "--month", "7", "--json").json()
    assert "4.1" in jul["overdue"]


def test_year_option(history):
    rep = history.ok("report", "--month", "3", "--year", "2024", "--json").json()
    assert rep["as_of"] == "2024-03-31" and rep["done_in_month"] == []
    assert rep["counts"]["done"] == 3  # everything done by then


def test_terminal_report(history):
    out = history.ok("report", "--month", "3").stdout
    assert out.startswith("2023年3月工作进展\n")
    assert "完成率 15%" in out
    for heading in ("分专项行动", "分责任领导", "分责任科室", "本月完成", "本月进展", "尚未启动"):
        assert heading in out
    assert "2.2 抓好选情分析" in out and "约谈5人" in out
    assert "2.1 加强业务指导（沈伟强；组织科）" not in out.split("本月完成")[1].split("本月进展")[0]


def test_long_sections_are_cut_in_the_terminal_but_not_in_json(xjc, tmp_path):
    tasks = "\n".join(
        f"      - {{编号: {n}, 标题: 任务{n}, 责任领导: 甲, 责任科室: 一科}}" for n in range(1, 41)
    )
    plan = tmp_path / "大方案.yaml"
    plan.write_text(
        "标题: 大方案\n活动期间: {开始: 2023-01-01, 结束: 2023-12-31}\n"
        "人员: {责任领导: [甲], 科室: [一科]}\n"
        f"专项行动:\n  - 编号: 1\n    名称: 一\n    任务:\n{tasks}\n",
        encoding="utf-8",
    )
    out = xjc.ok("report", "--month", "3", "--plan", str(plan)).stdout
    assert "1.30 任务30" in out and "1.31 任务31" not in out
    assert "另有 10 项未列出" in out and "xjc list --status todo --as-of 2023-03-31" in out
    full = xjc.ok("report", "--month", "3", "--json", "--plan", str(plan)).json()
    assert len(full["not_started"]) == 40


def test_piped_report_is_plain_text_with_the_same_layout(history):
    piped = history.ok("report", "--month", "3", tty=False, COLUMNS="200").stdout
    shown = history.ok("report", "--month", "3", COLUMNS="200").stdout  # a terminal, no colour
    assert piped.splitlines() == [line.rstrip() for line in shown.splitlines()]
    assert all(line == line.rstrip() for line in piped.splitlines())
    assert "分责任科室" in piped and "####" in piped and "\x1b" not in piped


# -- the clerk's first week: the report's words -------------------------------------------------


def test_a_status_change_without_a_note_is_progress(history):
    # 4.1 was paused on 3-05 without a note: in March that is what happened to it
    rep = history.ok("report", "--month", "3", "--json").json()
    assert {"task": "4.1", "from": "todo", "to": "paused"} in rep["status_changes_in_month"]
    assert "2.2" not in {c["task"] for c in rep["status_changes_in_month"]}  # done: said so
    out = history.ok("report", "--month", "3", COLUMNS="200").stdout
    progress = out.split("本月进展")[1].split("月底逾期")[0]
    assert "4.1 走访慰问一批特殊党员：状态改为暂缓" in progress


def test_paused_tasks_are_listed(history):
    rep = history.ok("report", "--month", "3", "--json").json()
    assert rep["paused"] == ["4.1"]
    out = history.ok("report", "--month", "3", COLUMNS="200").stdout
    assert "\n暂缓\n  4.1 走访慰问一批特殊党员（沈伟强；组织科）\n" in out


def _plan_without_leaders(tmp_path):
    plan = tmp_path / "无领导.yaml"
    plan.write_text(
        "标题: 无领导方案\n活动期间: {开始: 2023-01-01, 结束: 2023-12-31}\n"
        "人员: {责任领导: [], 科室: [一科]}\n"
        "专项行动:\n  - 编号: 1\n    名称: 一\n    任务:\n"
        "      - {编号: 1, 标题: 任务甲, 责任科室: 一科}\n",
        encoding="utf-8",
    )
    return plan


def test_a_plan_without_leaders_gets_no_leader_table(xjc, tmp_path):
    plan = str(_plan_without_leaders(tmp_path))
    for tty in (True, False):
        out = xjc.ok("report", "--month", "3", "--plan", plan, tty=tty).stdout
        assert "分责任领导" not in out and "分责任科室" in out
        assert "1.1 任务甲（一科）" in out  # no empty leader before the ；


def test_a_month_the_plan_does_not_cover_is_reported_with_a_warning(history):
    res = history.ok("report", "--month", "3", "--year", "2099")
    assert res.stdout.startswith("2099年3月工作进展")
    assert "2099年3月不在方案的起止时间" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "不在方案" not in history.ok("report", "--month", "3").stderr
    # after the period, while a task's time limit (4.1: June) still runs: no warning
    assert "不在方案" not in history.ok("report", "--month", "5").stderr
    assert "不在方案" in history.ok("report", "--month", "1").stderr
