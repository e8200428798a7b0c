"""xjc check in an office folder: every plan and its journal, 设置.yaml, and the names across
the plans that are probably one person or unit."""

from __future__ import annotations

import time

import pytest

from tests.usecases.test_office import BUSINESS, PLAN
from xiajiceng.store.office import Settings
from xiajiceng.usecases.health import alias_notes

STYLE = """\
标题: 2023年作风专项整治方案
简称: 作风
活动期间: {开始: 2023-01-01, 结束: 2023-12-31}
人员: {责任领导: [沈伟强同志, 曹国良], 科室: [市委组织部组织科, 干部科, 县人民政府办公室]}
专项行动:
  - 编号: 1
    名称: 整治
    任务:
      - {编号: 1, 标题: 查摆问题, 责任领导: 沈伟强同志, 责任科室: 市委组织部组织科}
      - {编号: 2, 标题: 整改落实, 责任领导: 曹国良, 责任科室: [干部科, 县人民政府办公室]}
"""


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    """下基层 (bundled), 营商环境 and 作风: 作风 writes 沈伟强同志 and 市委组织部组织科."""
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(BUSINESS, encoding="utf-8")
    (folder / "plans" / "作风.yaml").write_text(STYLE, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_every_plan_is_checked_with_its_own_section(xjc, office):
    res = xjc("check")
    assert res.code == 0, res.stdout
    out = res.stdout
    assert "办公室文件夹" in out and "3 个方案" in out
    for short in ("方案 下基层", "方案 作风", "方案 营商环境"):
        assert short in out
    assert f"plans/{PLAN}.yaml：13 项任务" in out  # paths from the folder, not absolute
    assert "设置 设置.yaml" in out and "没有设置文件" in out
    assert "一切正常" in out and "条提示" in out
    data = xjc.ok("check", "--json").json()
    assert data["healthy"] is True
    assert [p["short"] for p in data["plans"]] == ["下基层", "作风", "营商环境"]
    assert data["plans"][0]["tasks"] == 13 and data["settings"]["problems"] == []


def test_archived_plans_are_checked_and_marked(xjc, office):
    xjc.ok("plans", "archive", "作风")
    out = xjc.ok("check").stdout
    assert "方案 作风（已归档）" in out and "其中 1 个已归档" in out
    assert [p["archived"] for p in xjc.ok("check", "--json").json()["plans"]] == [
        False,
        True,
        False,
    ]


def test_one_bad_plan_or_journal_fails_the_check_and_the_others_are_still_checked(xjc, office):
    journal = office / "plans" / "营商环境.journal.jsonl"
    journal.write_text("{not json\n", encoding="utf-8")
    res = xjc("check")
    assert res.code == 1 and "第 1 行已损坏" in res.stdout and "方案 下基层" in res.stdout
    (office / "plans" / "作风.yaml").write_text(STYLE.replace("编号: 2", "编号: 1"), "utf-8")
    data = xjc("check", "--json").json()
    assert data["healthy"] is False
    by_short = {p["short"]: p for p in data["plans"]}
    assert by_short["作风"]["plan_error"] and by_short["营商环境"]["bad_lines"]
    assert by_short["下基层"]["healthy"] is True


def test_two_plans_with_one_short_name_is_a_problem_of_the_office(xjc, office):
    (office / "plans" / "营商环境.yaml").write_text(
        BUSINESS.replace("标题: 2023年营商环境重点工作", "标题: 甲\n简称: 作风"), "utf-8"
    )
    res = xjc("check", "--json")
    assert res.code == 1 and "简称都是“作风”" in res.json()["problems"][0]


def test_plan_checks_one_as_before(xjc, office):
    data = xjc.ok("check", "--plan", "营商环境", "--json").json()
    assert data["tasks"] == 4 and "plans" not in data
    assert "方案 下基层" not in xjc.ok("check", "--plan", "营商环境").stdout


def test_probable_aliases_are_notes_with_the_line_to_add(xjc, office):
    res = xjc("check", COLUMNS="80")
    assert res.code == 0
    out = res.stdout
    assert "[提示] “组织科”（下基层、营商环境）、“市委组织部组织科”（作风）可能是同一个单位" in out
    assert "    人员别名:\n      沈伟强: [沈伟强同志]\n" in out  # the key, once, first
    assert "\n      组织科: [市委组织部组织科]\n" in out
    assert "“沈伟强”（下基层、营商环境）、“沈伟强同志”（作风）可能是同一个人" in out
    assert "干部科" not in out.split("跨方案")[1]  # shares only 科 with 组织科
    data = xjc.ok("check", "--json").json()
    by_name = {a["name"]: a for a in data["probable_aliases"]}
    assert by_name["组织科"]["uses"] == {
        "组织科": ["下基层", "营商环境"],
        "市委组织部组织科": ["作风"],
    }
    assert by_name["组织科"]["lines"] == ["  组织科: [市委组织部组织科]"]
    assert by_name["沈伟强"]["rule"] == "title" and by_name["沈伟强"]["person"] is True
    # the lines as proposed make them one: no note any more, and one roster
    (office / "设置.yaml").write_text(
        "人员别名:\n  组织科: [市委组织部组织科]\n  沈伟强: [沈伟强同志]\n", "utf-8"
    )
    names = [a["name"] for a in xjc.ok("check", "--json").json()["probable_aliases"]]
    assert "组织科" not in names and "沈伟强" not in names
    listed = xjc.ok("list", "--section", "组织科", "--as-of", "2023-03-01", tty=False).stdout
    assert "作风:1.1" in listed


def test_a_line_for_a_name_already_in_the_table_replaces_that_line(xjc, office):
    (office / "设置.yaml").write_text("人员别名:\n  沈伟强: [沈伟强部长]\n", "utf-8")
    data = xjc("check", "--json").json()
    by_name = {a["name"]: a for a in data["probable_aliases"]}
    assert by_name["沈伟强"]["lines"] == ["  沈伟强: [沈伟强部长, 沈伟强同志]"]
    assert "人员别名下 “沈伟强” 的那一行换成" in xjc("check").stdout


def test_settings_problems_name_the_file_the_line_and_what_to_do(xjc, office):
    settings = office / "设置.yaml"
    settings.write_text("人员别名:\n  组织科: [市委组织部组织科]\n别名: x\n", "utf-8")
    res = xjc("check")
    assert res.code == 1
    assert "设置.yaml 第 3 行：不认识的键“别名”" in res.stdout
    settings.write_text(
        "人员别名:\n  组织科:\n    - 市委组织部组织科\n    - 组织一科\n  干部科: [办公室]\n",
        "utf-8",
    )
    res = xjc("check")
    assert res.code == 1
    assert "设置.yaml 第 4 行：人员别名里的“组织一科”没有一个方案用到" in res.stdout
    assert "第 5 行：人员别名把方案 下基层 里的“办公室”、“干部科”当成了同一个名字" in res.stdout
    problems = xjc("check", "--json").json()["settings"]["problems"]
    assert [(p["kind"], p["line"]) for p in problems] == [("unused", 4), ("joins", 5)]
    settings.write_text("人员别名: [甲]\n", "utf-8")
    res = xjc("check")
    assert res.code == 1 and "“人员别名”应写成" in res.stdout


def test_probable_aliases_of_a_large_office_are_quick():
    """50 plans × 200 tasks, units and people drawn from an office's few hundred names in
    their several spellings: the alias part of check in well under a second."""
    rosters = {}
    for plan in range(50):  # even plans write 第3科 and 沈3强, odd ones the longer forms
        if plan % 2:
            units = {f"市委组织部第{i}科" for i in range(0, 150, 3)}
            people = {f"沈{i}强同志" for i in range(0, 80, 4)}
        else:
            units, people = {f"第{i}科" for i in range(150)}, {f"沈{i}强" for i in range(80)}
        rosters[f"方案{plan}"] = (people, units)
    start = time.process_time()
    notes = alias_notes(rosters, Settings())
    assert time.process_time() - start < 0.5
    assert len(notes) == 50 + 20
