"""Several people, one plan: plan folders shared through real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PLAN = "2023年干部下基层工作实施方案"


def journal_of(folder: Path) -> Path:
    return folder / "plans" / f"{PLAN}.journal.jsonl"


def events(folder: Path) -> set[str]:
    return {line for line in journal_of(folder).read_text(encoding="utf-8").splitlines() if line}


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    """An office: a plan folder pushed to a bare remote, and a helper to run xjc in a clone."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    first = tmp_path / "办公室"
    res = xjc("init", str(first))
    assert res.code == 0, res.stderr
    git(first, "remote", "add", "origin", str(remote))

    def run(folder: Path, *args: str, user: str = "办公室"):
        monkeypatch.chdir(folder)
        return xjc(*args, XJC_USER=user)

    def clone(name: str) -> Path:
        folder = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(remote), str(folder)], check=True)
        return folder

    assert run(first, "sync").code == 0
    return first, clone, run


def test_init_makes_a_plan_folder(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "新文件夹"
    res = xjc.ok("init", str(folder))
    assert (folder / "plans" / f"{PLAN}.yaml").is_file()
    assert "*.journal.jsonl merge=union" in (folder / ".gitattributes").read_text("utf-8")
    assert "*.journal.jsonl.lock" in (folder / ".gitignore").read_text("utf-8")
    assert (folder / ".xjc").read_text("utf-8").splitlines()[-1] == "plans/"
    assert "xjc sync" in (folder / "README.md").read_text("utf-8")
    assert "建立 git 仓库" in res.stdout
    assert git(folder, "log", "--format=%s").strip() == "xjc：建立方案文件夹"
    assert git(folder, "status", "--porcelain") == ""
    # a second init changes nothing and says so
    again = xjc.ok("init", str(folder))
    assert "已存在" in again.stdout and "已建立" not in again.stdout
    # inside the folder (or below it) its plan is the default
    monkeypatch.chdir(folder / "plans")
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    assert journal_of(folder).exists()
    assert [r["id"] for r in xjc.ok("list", "--status", "done", "--json").json()] == ["1.1"]


def test_init_carries_over_the_bundled_journal_and_takes_a_plan(xjc, tmp_path, journal_file):
    xjc.ok("done", "2.1", "--date", "2023-03-01")
    folder = tmp_path / "f"
    res = xjc.ok("init", str(folder))
    assert "1 条记录" in res.stdout
    assert journal_of(folder).read_bytes() == journal_file.read_bytes()
    other = tmp_path / "我的方案.yaml"
    other.write_bytes((folder / "plans" / f"{PLAN}.yaml").read_bytes())
    xjc.ok("init", str(tmp_path / "g"), "--plan", str(other))
    assert (tmp_path / "g" / "plans" / "我的方案.yaml").is_file()


def test_init_refuses_a_bad_plan_and_writes_nothing(xjc, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("标题: x\n", encoding="utf-8")
    res = xjc("init", str(tmp_path / "h"), "--plan", str(bad))
    assert res.code == 1 and "bad.yaml" in res.stderr
    assert not (tmp_path / "h").exists()


def test_init_inside_an_existing_repository(xjc, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    res = xjc.ok("init", str(repo / "计划"))
    assert "已在 git 仓库" in res.stdout
    assert not (repo / "计划" / ".git").exists()


def test_actor_is_git_user_name_without_xjc_user(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "f"
    xjc.ok("init", str(folder))
    git(folder, "config", "user.name", "张科长")
    monkeypatch.chdir(folder)
    environ = dict(xjc.environ)
    environ.pop("XJC_USER")
    xjc.environ = environ
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    assert json.loads(journal_of(folder).read_text("utf-8"))["by"] == "张科长"
    xjc.ok("done", "1.2", "--date", "2023-03-01", "--by", "李四")
    assert xjc.ok("log", "--json").json()[0]["by"] == "李四"


def test_three_clones_end_identical(office):
    first, clone, run = office
    b, c = clone("组织科"), clone("干部科")
    assert run(first, "assign", "2.1", "张三", "--date", "2023-02-10", user="甲").code == 0
    assert run(b, "mark", "2.1", "doing", "--note", "指导组组建", "--date", "2023-02-12").code == 0
    assert run(b, "done", "2.2", "--date", "2023-03-10", user="乙").code == 0
    assert run(c, "mark", "3.1", "--note", "约谈5人", "--date", "2023-03-05", user="丙").code == 0
    assert run(c, "done", "3.1", "--date", "2023-03-25", user="丙").code == 0
    for folder in (c, first, b, c, first):  # different orders; the last rounds bring everyone in
        res = run(folder, "sync")
        assert res.code == 0, res.stderr
    sets = [events(f) for f in (first, b, c)]
    assert sets[0] == sets[1] == sets[2] and len(sets[0]) == 5
    lists = [run(f, "list", "--json", "--as-of", "2023-04-01").stdout for f in (first, b, c)]
    assert lists[0] == lists[1] == lists[2]
    rows = {r["id"]: r for r in json.loads(lists[0])}
    assert rows["2.1"]["assignees"] == ["张三"] and rows["2.1"]["status"] == "doing"
    assert rows["2.2"]["status"] == "done" and rows["3.1"]["status"] == "done"


def test_conflicting_done_and_reopen_resolve_the_same_everywhere(office):
    first, clone, run = office
    b = clone("组织科")
    assert run(first, "done", "2.3", "--date", "2023-03-10", user="甲").code == 0
    for folder in (first, b):
        assert run(folder, "sync").code == 0
    # on the same day, 甲 reopens it on one machine while 乙 records a note and pauses it
    assert run(first, "reopen", "2.3", "--date", "2023-03-20", user="甲").code == 0
    assert run(b, "mark", "2.3", "paused", "--date", "2023-03-20", user="乙").code == 0
    for folder in (b, first, b):
        assert run(folder, "sync").code == 0
    shown = [run(f, "show", "2.3", "--json").json() for f in (first, b)]
    assert shown[0]["status"] == shown[1]["status"]
    marks = {h["by"]: h["conflict"] for h in shown[0]["history"] if h["date"] == "2023-03-20"}
    assert sorted(marks.values()) == ["lost", "won"]
    assert shown[0]["history"] == shown[1]["history"]
    text = run(first, "show", "2.3").stdout
    assert "以此为准" in text and "被后一条覆盖" in text


def test_sync_without_remote_commits_and_says_so(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "f"
    xjc.ok("init", str(folder))
    monkeypatch.chdir(folder)
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    dry = xjc.ok("sync", "--dry-run")
    assert "1 条新记录" in dry.stdout and "没有远程仓库" in dry.stdout
    assert git(folder, "status", "--porcelain").strip()  # dry run committed nothing
    res = xjc.ok("sync")
    assert "已提交 1 条新记录" in res.stdout and "没有远程仓库" in res.stdout
    assert git(folder, "status", "--porcelain") == ""
    assert "王办事 记录了 1 条变更" in git(folder, "log", "-1", "--format=%s")


def test_sync_unreachable_remote_keeps_the_records(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "f"
    xjc.ok("init", str(folder))
    git(folder, "remote", "add", "origin", str(tmp_path / "nowhere.git"))
    monkeypatch.chdir(folder)
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    res = xjc("sync")
    assert res.code == 1 and "连不上远程仓库" in res.stderr and "没有丢失" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert git(folder, "status", "--porcelain") == ""  # committed locally
    assert len(events(folder)) == 1


def test_sync_conflict_in_a_plan_file_is_aborted(office):
    first, clone, run = office
    b = clone("组织科")
    for folder, text in ((first, "甲的说明"), (b, "乙的说明")):
        readme = folder / "README.md"
        readme.write_text(readme.read_text("utf-8") + text + "\n", encoding="utf-8")
        git(folder, "commit", "-qam", text)
    assert run(first, "done", "1.1", "--date", "2023-03-01").code == 0
    assert run(first, "sync").code == 0
    assert run(b, "done", "1.2", "--date", "2023-03-02").code == 0
    res = run(b, "sync")
    assert res.code == 1 and "README.md" in res.stderr and "没有丢失" in res.stderr
    assert not (b / ".git" / "MERGE_HEAD").exists()  # the merge was aborted
    assert len(events(b)) == 1  # b's own record is still there, committed
    assert "xjc：" in git(b, "log", "-1", "--format=%s")


def test_repository_without_union_rule(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "f"
    xjc.ok("init", str(folder))
    (folder / ".gitattributes").write_text("", encoding="utf-8")
    monkeypatch.chdir(folder)
    res = xjc("sync")
    assert res.code == 1 and "xjc init" in res.stderr
    # a journal that git merged with conflict markers is refused with its line and the hint
    journal_of(folder).write_text("<<<<<<< HEAD\n=======\n>>>>>>> other\n", encoding="utf-8")
    res = xjc("list")
    assert res.code == 1 and "第 1 行" in res.stderr and "xjc init" in res.stderr


def test_sync_refuses_the_bundled_plan(xjc):
    res = xjc("sync")
    assert res.code == 2 and "xjc init" in res.stderr
