"""One office, many plans: an office folder holds every plan, the views cover them all, a
task is named 简称:编号, and one roster runs across the plans."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import assert_refused, git

PLAN = "2023年干部下基层工作实施方案"

BUSINESS = """\
标题: 2023年营商环境重点工作
活动期间: {开始: 2023-01-01, 结束: 2023-12-31}
人员: {责任领导: [王副县长, 沈伟强], 科室: [发改局, 市场监管局, 组织科, 市委组织部办公室]}
专项行动:
  - 编号: 1
    名称: 优化审批
    任务:
      - {编号: 1, 标题: 压缩开办时间, 责任领导: 沈伟强, 牵头单位: 市场监管局, 配合单位: 发改局}
      - {编号: 2, 标题: 清理涉企收费, 责任领导: 王副县长, 牵头单位: 发改局, 完成时限: 2023-03-31}
  - 编号: 2
    名称: 加强作风
    任务:
      - {编号: 1, 标题: 作风建设调研, 责任领导: 沈伟强, 责任科室: 组织科}
      - {编号: 4, 标题: 机关效能督查, 责任领导: 王副县长, 责任科室: 市委组织部办公室}
"""


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    """An office folder with the bundled plan (简称 下基层) and 营商环境 (derived 简称)."""
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(BUSINESS, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def ids(xjc, *args):
    out = xjc.ok("list", *args, "--as-of", "2023-03-01", tty=False).stdout
    return [line.split("\t")[0] for line in out.splitlines()]


def test_views_cover_every_plan_with_a_plan_column(xjc, office):
    listed = ids(xjc)
    assert listed[:2] == ["下基层:1.1", "下基层:1.2"] and len(listed) == 13 + 4
    assert listed[-4:] == ["营商环境:1.1", "营商环境:1.2", "营商环境:2.1", "营商环境:2.4"]
    table = xjc.ok("list", "--as-of", "2023-03-01", COLUMNS="160").stdout.splitlines()
    assert table[0].split()[:3] == ["方案", "编号", "任务"]
    assert table[2].split()[:3] == ["下基层", "1.1", "带着问题深入基层"]
    rows = xjc.ok("list", "--json", "--as-of", "2023-03-01").json()
    assert rows[-1]["plan"] == "营商环境" and rows[-1]["id"] == "2.4"
    assert rows[-1]["ref"] == "营商环境:2.4" and rows[-1]["action"] == 2
    overview = xjc.ok("--as-of", "2023-03-01").stdout
    assert "组织部办公室：2 个方案" in overview and "（0/17）" in overview


def test_a_task_is_named_by_plan_and_number(xjc, office):
    xjc.ok("done", "下基层:1.1", "--date", "2023-02-20")
    xjc.ok("mark", "2.4", "推进中", "--date", "2023-02-01")  # only 营商环境 has a 2.4
    assert xjc.ok("show", "yshj:2.4", "--json").json()["status"] == "doing"  # pinyin
    assert xjc.ok("show", "下基层：1.1", "--json").json()["status"] == "done"  # full-width
    res = xjc("show", "1.1")
    assert_refused(res, 2, "下基层:1.1", "营商环境:1.1")
    assert_refused(xjc("show", "9.9"), 2, "下基层", "营商环境")
    assert_refused(xjc("show", "别的:1.1"), 2, "别的")
    plan_journal = office / "plans" / f"{PLAN}.journal.jsonl"
    assert '"task":"1.1"' in plan_journal.read_text("utf-8").replace(" ", "")
    assert (office / "plans" / "营商环境.journal.jsonl").is_file()
    log = xjc.ok("log", "--json").json()
    assert {e["task"] for e in log} == {"下基层:1.1", "营商环境:2.4"}


def test_plan_narrows_to_one_by_short_name_or_file(xjc, office):
    assert ids(xjc, "--plan", "营商")[0] == "1.1" and len(ids(xjc, "--plan", "营商")) == 4
    assert len(ids(xjc, "--plan", "xjc")) == 13  # 下基层 by its pinyin initials
    assert len(ids(xjc, "--plan", "plans/营商环境.yaml")) == 4
    assert_refused(xjc("list", "--plan", "无此方案"), 2, "无此方案")


def test_one_roster_across_plans(xjc, office):
    assert ids(xjc, "--leader", "沈伟强", "--status", "open")[-2:] == [
        "营商环境:1.1",
        "营商环境:2.1",
    ]
    assert ids(xjc, "--section", "组织科")[-1] == "营商环境:2.1"
    assert "营商环境:2.4" not in ids(xjc, "--section", "办公室")
    (office / "设置.yaml").write_text("人员别名:\n  办公室: [市委组织部办公室]\n", "utf-8")
    assert ids(xjc, "--section", "办公室")[-1] == "营商环境:2.4"  # one unit now


def test_plans_lists_and_archives(xjc, office):
    rows = xjc.ok("plans", "--json", "--as-of", "2023-03-01").json()
    assert [(r["plan"], r["tasks"], r["archived"]) for r in rows] == [
        ("下基层", 13, False),
        ("营商环境", 4, False),
    ]
    out = xjc.ok("plans", "archive", "ys").stdout
    assert "已归档方案 营商环境" in out
    assert "已归档:\n- 营商环境" in (office / "设置.yaml").read_text("utf-8")
    assert len(ids(xjc)) == 13 and ids(xjc)[0] == "1.1"  # one active plan: as before
    assert len(ids(xjc, "--plan", "营商环境")) == 4  # still there when asked for
    assert xjc.ok("show", "2.4", "--json").json()["title"] == "机关效能督查"
    table = xjc.ok("plans", "--as-of", "2023-03-01").stdout
    assert "已归档" in table and "共 2 个方案，1 个进行中" in table
    xjc.ok("plans", "restore", "营商环境")
    assert len(ids(xjc)) == 17
    assert_refused(xjc("plans", "delete", "营商环境"), 2, "archive")
    assert_refused(xjc("plans", "archive"), 2, "简称")


def test_short_names_are_unique(xjc, office):
    twin = BUSINESS.replace("标题: 2023年营商环境重点工作", "标题: 2024年营商环境重点工作")
    (office / "plans" / "营商环境2025.yaml").write_text(twin, encoding="utf-8")
    shorts = [r["plan"] for r in xjc.ok("plans", "--json").json()]
    assert shorts == ["下基层", "营商环境", "营商环境2025"]  # derived twins: file names
    same = BUSINESS.replace("标题: 2023年营商环境重点工作", "标题: 甲\n简称: 下基层")
    (office / "plans" / "营商环境2025.yaml").write_text(same, encoding="utf-8")
    assert_refused(xjc("list"), 1, "简称都是“下基层”")
    bad = BUSINESS.replace("标题: 2023年营商环境重点工作", "标题: 甲\n简称: 营商 环境")
    (office / "plans" / "营商环境2025.yaml").write_text(bad, encoding="utf-8")
    assert_refused(xjc("list"), 1, "冒号或空格")


def test_an_older_marker_naming_one_plan_still_works(xjc, office):
    (office / ".xjc").write_text(f"plans/{PLAN}.yaml\n", encoding="utf-8")
    assert len(ids(xjc)) == 17  # its folder is the plans folder
    (office / "plans" / "营商环境.yaml").unlink()
    assert ids(xjc)[0] == "1.1" and len(ids(xjc)) == 13


def test_outside_an_office_folder_the_bundled_plan_as_before(xjc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert ids(xjc)[0] == "1.1" and len(ids(xjc)) == 13
    assert xjc.ok("show", "下基层:2.3", "--json").json()["id"] == "2.3"
    assert_refused(xjc("show", "营商:2.3"), 2, "营商:2.3")
    assert_refused(xjc("plans", "archive", "下基层"), 2, "办公室文件夹")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_sync_carries_every_plans_journal(xjc, office, tmp_path, monkeypatch):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(office, "remote", "add", "origin", str(remote))
    xjc.ok("done", "下基层:1.1", "--date", "2023-02-20")
    xjc.ok("done", "营商环境:1.1", "--date", "2023-02-20")
    out = xjc.ok("sync").stdout
    assert "2" in out
    other = tmp_path / "同事"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    monkeypatch.chdir(other)
    assert (other / "plans" / "营商环境.yaml").is_file()  # the new plan travelled too
    done = [r["ref"] for r in xjc.ok("list", "--json").json() if r["status"] == "done"]
    assert done == ["下基层:1.1", "营商环境:1.1"]
    xjc.ok("done", "营商环境:2.1", "--date", "2023-02-21", XJC_USER="同事")
    xjc.ok("sync", XJC_USER="同事")
    monkeypatch.chdir(office)
    xjc.ok("sync")
    assert Path(office / "plans" / "营商环境.journal.jsonl").read_text("utf-8").count("\n") == 2


def test_tab_offers_short_names_and_tasks_of_every_plan(office):
    from xiajiceng.cli import completion as C

    assert C.complete_plan(None, "营") == [("营商环境", "")]
    assert ("plans/", "") in C.complete_plan(None, "")
    ids = [i for i, _ in C.complete_task(None, "营商环境:2")]
    assert ids == ["营商环境:2.1", "营商环境:2.4"]
