"""Nothing lost, nothing let through: crashes, concurrent writers, held and dead locks."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from xiajiceng.model import Event, Op
from xiajiceng.store import journal as journal_mod
from xiajiceng.store.journal import Journal, new_id
from xiajiceng.store.plans import bundled_plan_path


def _event(n: int, task: str = "1.1") -> Event:
    from datetime import date

    return Event(new_id(), Op.NOTE, task, None, date(2023, 3, 1), f"2023-03-01T{n:012d}", "t", "n")


def _user_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plans" / "方案.yaml"
    plan.parent.mkdir(exist_ok=True)
    plan.write_bytes(bundled_plan_path().read_bytes())
    return plan


def _no_bad_lines(path: Path) -> list[dict]:
    """Every complete line parses; returns them."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    lines.pop()
    return [json.loads(line) for line in lines]


# -- crash injection ---------------------------------------------------------------------------


def _appender(path: Path, ack_fd: int) -> None:  # runs in a forked child
    journal = Journal(path)
    n = 0
    while True:
        n += 1
        e = _event(n)
        journal.append(lambda _events, e=e: [e])
        os.write(ack_fd, (e.id + "\n").encode())  # acknowledged only once durable


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_minus_nine_300_times_loses_no_acknowledged_event(tmp_path):
    path = tmp_path / "j.jsonl"
    Journal(path).append(lambda _e: [_event(0)])  # imports done once, before the forks
    acknowledged: set[str] = set()
    rnd = random.Random(20230331)
    rounds = 0
    # 300 kills, and more on a loaded machine until the children have done real work
    while rounds < 300 or (len(acknowledged) <= 50 and rounds < 3000):
        rounds += 1
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            try:
                _appender(path, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        time.sleep(rnd.uniform(0.001, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_fd, "rb") as pipe:
            acknowledged.update(line.decode() for line in pipe.read().split(b"\n") if line)
    # whatever the kills left, the next writer and every reader cope
    Journal(path).append(lambda _e: [_event(1)])
    lines = _no_bad_lines(path)
    ids = {line["id"] for line in lines}
    assert acknowledged <= ids
    assert len(lines) == len(ids)  # nothing written twice
    assert len(acknowledged) > 50  # the children did real work between kills


# -- locks -------------------------------------------------------------------------------------


def _hold_lock(path: Path) -> int:
    """Fork a child that takes the journal's lock, says so, and sleeps; return its pid."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        from filelock import FileLock

        lock = FileLock(str(Journal(path).lock_path))
        lock.acquire()
        os.write(write_fd, b"locked\n")
        time.sleep(60)
        os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 16) == b"locked\n"
    os.close(read_fd)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_lock_held_by_a_live_writer_times_out_with_a_message(xjc, tmp_path, monkeypatch):
    plan = _user_plan(tmp_path)
    journal = plan.with_name("方案.journal.jsonl")
    monkeypatch.setattr(journal_mod, "LOCK_TIMEOUT", 0.3)
    pid = _hold_lock(journal)
    try:
        res = xjc("done", "1.1", "--plan", str(plan))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert res.code == 1 and "有人正在写入" in res.stderr and "稍后重试" in res.stderr
    assert not journal.exists() or journal.read_bytes() == b""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_lock_holder_killed_does_not_block_the_next_writer(xjc, tmp_path, monkeypatch):
    plan = _user_plan(tmp_path)
    journal = plan.with_name("方案.journal.jsonl")
    monkeypatch.setattr(journal_mod, "LOCK_TIMEOUT", 2.0)
    pid = _hold_lock(journal)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert Journal(journal).lock_path.exists()  # the dead holder's lock file is still there
    xjc.ok("done", "1.1", "--plan", str(plan))
    assert [e["op"] for e in _no_bad_lines(journal)] == ["done"]


# -- concurrency through the real CLI ------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from xiajiceng.cli import main
    plan, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tasks = ["1.1", "1.2", "2.3", "3.1", "4.5"]
    for n in range(count):
        code = main(["mark", tasks[n % len(tasks)], "--note", f"{who}-{n}", "--by", who,
                     "--date", "2023-03-01", "--plan", plan])
        if code != 0:
            sys.exit(code)
    """
)


def _writers(tmp_path: Path, processes: int, each: int) -> list[dict]:
    plan = _user_plan(tmp_path)
    env = {**os.environ, "COLUMNS": "80"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(plan), f"w{i}", str(each)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(processes)
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    return _no_bad_lines(plan.with_name("方案.journal.jsonl"))


def test_eight_writers_hundred_changes_each(tmp_path):
    lines = _writers(tmp_path, 8, 100)
    assert len(lines) == 800 == len({line["id"] for line in lines})
    notes = {line["note"] for line in lines}
    assert notes == {f"w{i}-{n}" for i in range(8) for n in range(100)}


@pytest.mark.slow
def test_eight_writers_five_hundred_changes_each(tmp_path):
    lines = _writers(tmp_path, 8, 500)
    assert len(lines) == 4000 == len({line["id"] for line in lines})


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_simultaneous_done_give_one_event_and_one_refusal(tmp_path):
    import multiprocessing

    plan = _user_plan(tmp_path)
    ctx = multiprocessing.get_context("fork")
    tasks = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2"]
    for task in tasks:
        barrier = ctx.Barrier(2)
        results = ctx.Queue()

        def racer(task=task, barrier=barrier, results=results):
            import io

            from xiajiceng.cli import main
            from xiajiceng.env import Env

            env = Env(stdout=io.StringIO(), stderr=io.StringIO())
            barrier.wait()
            results.put(main(["done", task, "--date", "2023-03-01", "--plan", str(plan)], env))

        procs = [ctx.Process(target=racer) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert sorted(results.get(timeout=5) for _ in procs) == [0, 1]
    lines = _no_bad_lines(plan.with_name("方案.journal.jsonl"))
    assert sorted(line["task"] for line in lines) == sorted(tasks)


# -- nothing but the journal is ever written -------------------------------------------------------


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file below root, except the disposable cache (user cache directory)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def test_read_commands_write_nothing_and_the_plan_is_never_written(xjc, tmp_path, isolated):
    plan = _user_plan(tmp_path)
    plan_bytes = plan.read_bytes()
    p = ["--plan", str(plan)]
    xjc.ok("assign", "2.3", "张三", *p)
    xjc.ok("mark", "2.3", "doing", "--note", "开始", *p)
    xjc.ok("done", "1.1", *p)
    xjc.ok("reopen", "1.1", *p)
    xjc.ok("undo", *p)
    before = _snapshot(tmp_path)
    for args in (
        ["list"],
        ["list", "--json", "--status", "open"],
        ["show", "2.3"],
        ["show", "2.3", "--json"],
        ["log"],
        ["log", "2.3", "--json"],
        ["report", "--month", "3"],
        ["report", "--month", "3", "--json"],
        ["check"],
    ):
        xjc.ok(*args, *p)
        xjc.ok(*args)  # the bundled plan, whose journal does not exist yet
    assert _snapshot(tmp_path) == before
    assert plan.read_bytes() == plan_bytes
