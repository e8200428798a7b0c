"""Benchmark xjc as a person runs it: whole processes of the installed `xjc`.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # fewer runs, no 10,000-task plan

Generates plans of 13 (the bundled one), 1,000 and 10,000 tasks with journals of 0, 20,000
and 200,000 events (deterministic, seeded), times each command (median of N runs after a
warm-up) and its peak memory (the child's own rusage), times the interpreter floors and, when
Taskwarrior is installed, `task list` / `task summary` over the same 1,000 tasks. Prints one
Markdown table and the target ratios. Nothing here is a test: no assertion fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
XJC = str(Path(PYTHON).parent / "xjc")
SEED = 20230331

LEADERS = [f"领导{i:02d}" for i in range(20)]
SECTIONS = [f"第{i:02d}科" for i in range(30)]


# -- generated data ------------------------------------------------------------------------------


def write_plan(path: Path, tasks: int) -> list[str]:
    """A plan of `tasks` tasks in actions of up to 50; returns the task ids."""
    rnd = random.Random(SEED + tasks)
    lines = [
        f"标题: 基准测试方案（{tasks}项）",
        "发文单位: 测试办",
        "活动期间: {开始: 2023-01-01, 结束: 2023-12-31}",
        "人员:",
        f"  责任领导: [{', '.join(LEADERS)}]",
        f"  科室: [{', '.join(SECTIONS)}]",
        "专项行动:",
    ]
    ids = []
    per_action = 50
    for a in range(1, (tasks + per_action - 1) // per_action + 1):
        lines += [f"  - 编号: {a}", f"    名称: 第{a}项行动", "    任务:"]
        for t in range(1, min(per_action, tasks - (a - 1) * per_action) + 1):
            leaders = "、".join(rnd.sample(LEADERS, rnd.randint(1, 3)))
            sections = "、".join(rnd.sample(SECTIONS, rnd.randint(1, 2)))
            due = f"2023-{rnd.randint(2, 12):02d}-{rnd.randint(1, 28):02d}"
            lines += [
                f"      - 编号: {t}",
                f"        标题: 第{a}项行动的第{t}项任务",
                f"        内容: 这是第{a}.{t}项任务的内容，用来测量加载较长文字的时间。" * 1,
                f"        责任领导: {leaders}",
                f"        责任科室: {sections}",
                f"        完成时限: {due}",
            ]
            ids.append(f"{a}.{t}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def write_journal(path: Path, ids: list[str], events: int) -> None:
    """Events on every task but the last 20, which the timed writes mark done."""
    rnd = random.Random(SEED + events)
    ids = ids[:-20] if len(ids) > 40 else ids
    ops = ["note", "note", "note", "status", "assign", "done", "reopen"]
    with path.open("w", encoding="utf-8") as f:
        for n in range(events):
            op = rnd.choice(ops)
            day = 1 + n * 300 // max(events, 1)
            month, dom = 1 + day // 31 % 12, 1 + day % 28
            value: object = None
            if op == "status":
                value = rnd.choice(["todo", "doing", "paused"])
            elif op == "assign":
                value = {"add": [f"承办人{rnd.randint(1, 200)}"], "remove": []}
            obj = {
                "id": f"{rnd.getrandbits(64):016x}",
                "op": op,
                "task": rnd.choice(ids),
                "value": value,
                "date": f"2023-{month:02d}-{dom:02d}",
                "recorded": f"2023-{month:02d}-{dom:02d}T09:00:00.{n % 1000000:06d}+08:00",
                "by": f"记录人{rnd.randint(1, 30)}",
                "note": f"第{n}条进展：完成了若干工作" if op in ("note", "done") else None,
            }
            f.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")


# -- timing --------------------------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    median_ms: float
    peak_mb: float
    runs: int
    failed: int


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is KiB on Linux


def measure(
    label: str,
    argvs: list[list[str]],
    env: dict[str, str],
    cwd: Path,
    runs: int,
    warmup: bool = True,
) -> Timing:
    """Median over `runs` runs; argvs cycles (so a write can touch a new task each time)."""
    if warmup:
        run_once(argvs[0], env, cwd)
    times, peaks, failed = [], [], 0
    for i in range(runs):
        elapsed, peak, code = run_once(argvs[(i + 1) % len(argvs)], env, cwd)
        times.append(elapsed)
        peaks.append(peak)
        failed += code != 0
    return Timing(label, statistics.median(times) * 1000, max(peaks), runs, failed)


# -- scenarios -----------------------------------------------------------------------------------


def scenario(
    name: str,
    work: Path,
    tasks: int | None,
    events: int,
    runs: int,
    base_env: dict[str, str],
) -> list[Timing]:
    folder = work / name
    folder.mkdir()
    env = {**base_env, "XDG_DATA_HOME": str(folder / "data"), "XDG_CACHE_HOME": str(folder / "c")}
    if tasks is None:  # the bundled plan
        from xiajiceng.store.plans import bundled_plan_path

        plan = folder / "bundled.yaml"
        shutil.copyfile(bundled_plan_path(), plan)
        ids = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3"]
        ids += ["4.4", "4.5"]
        leader = "沈伟强"
    else:
        plan = folder / "plan.yaml"
        ids = write_plan(plan, tasks)
        leader = LEADERS[3]
    journal = plan.with_name(plan.stem + ".journal.jsonl")
    if events:
        write_journal(journal, ids, events)
    p = ["--plan", str(plan)]
    show_id = ids[len(ids) // 2]
    out: list[Timing] = []

    def timed(label: str, *argvs: list[str]) -> None:
        t = measure(f"{name}: {label}", list(argvs), env, folder, runs)
        out.append(t)
        print(f"  {t.label:<55} {t.median_ms:8.0f} ms {t.peak_mb:6.0f} MB", file=sys.stderr)

    if tasks is None:
        timed("xjc --help", [XJC, "--help"])
        complete_env = {
            "_XJC_COMPLETE": "complete_bash",
            "COMP_WORDS": "xjc show ",
            "COMP_CWORD": "2",
        }
        t = measure(
            f"{name}: tab completion (xjc show <TAB>)",
            [[XJC]],
            {**env, **complete_env},
            folder,
            runs,
        )
        out.append(t)
    timed("xjc list", [XJC, "list", *p])
    timed(f"xjc list --leader {leader}", [XJC, "list", "--leader", leader, *p])
    timed(f"xjc show {show_id}", [XJC, "show", show_id, *p])
    timed("xjc report --month 3", [XJC, "report", "--month", "3", *p])
    timed("xjc report --month 3 --json", [XJC, "report", "--month", "3", "--json", *p])
    writes = [[XJC, "mark", tid, "--note", f"基准{n}", "--date", "2023-12-01", *p]
              for n, tid in enumerate(ids[: runs + 1])]  # fmt: skip
    timed("xjc mark --note (a write)", *writes)
    dones = [[XJC, "done", tid, "--date", "2023-12-01", *p] for tid in ids[-(runs + 1) :]]
    timed("xjc done (a write)", *dones)
    timed("xjc export ledger.xlsx", [XJC, "export", str(folder / "ledger.xlsx"), *p])
    # the other commands a person runs on the same plan (every command should keep to 2 s)
    timed("xjc (overview)", [XJC, *p])
    timed("xjc timeline", [XJC, "timeline", *p])
    timed("xjc log", [XJC, "log", *p])
    timed("xjc check", [XJC, "check", *p])
    timed("xjc collect ledger.xlsx --dry-run", [XJC, "collect", str(folder / "ledger.xlsx"),
                                                "--dry-run", *p])  # fmt: skip
    return out


def taskwarrior(work: Path, runs: int, base_env: dict[str, str]) -> list[Timing]:
    task = shutil.which("task")
    if task is None:
        print("  (Taskwarrior not installed: apt-get install taskwarrior)", file=sys.stderr)
        return []
    folder = work / "taskwarrior"
    folder.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n")
    env = {**base_env, "TASKRC": str(rc), "TASKDATA": str(folder / "data")}
    rnd = random.Random(SEED)
    tasks = [
        {
            "description": f"第{i // 50 + 1}项行动的第{i % 50 + 1}项任务",
            "project": f"action{i // 50 + 1}",
            "status": "pending",
            "entry": "20230101T000000Z",
            "due": f"2023{rnd.randint(2, 12):02d}{rnd.randint(1, 28):02d}T000000Z",
            "tags": [f"leader{rnd.randint(0, 19)}"],
        }
        for i in range(1000)
    ]
    data = folder / "import.json"
    data.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    subprocess.run([task, "import", str(data)], env=env, capture_output=True, check=True)
    out = []
    for label, argv in (("task list", [task, "list"]), ("task summary", [task, "summary"])):
        t = measure(f"taskwarrior 1,000: {label}", [argv], env, folder, runs)
        out.append(t)
        print(f"  {t.label:<55} {t.median_ms:8.0f} ms {t.peak_mb:6.0f} MB", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 10,000-task plan")
    args = parser.parse_args()
    runs = 3 if args.quick else max(args.runs, 10)
    if not Path(XJC).exists():
        sys.exit(f"no installed xjc beside {PYTHON}; pip install . first")
    base_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": tempfile.mkdtemp(prefix="xjc-bench-home-"),
        "COLUMNS": "120",
        "XJC_USER": "基准",
        "LANG": "C.UTF-8",
    }
    results: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="xjc-bench-") as tmp:
        work = Path(tmp)
        print("floors", file=sys.stderr)
        results.append(
            measure("floor: python -c pass", [[PYTHON, "-c", "pass"]], base_env, work, runs)
        )
        imports = "import typer, rich.table, pydantic, yaml"
        results.append(
            measure(
                f'floor: python -c "{imports}"', [[PYTHON, "-c", imports]], base_env, work, runs
            )
        )
        plans: list[tuple[str, int | None, int]] = [("bundled", None, 0), ("1k+20k", 1000, 20_000)]
        if not args.quick:
            plans.append(("10k+200k", 10_000, 200_000))
        for name, tasks, events in plans:
            print(name, file=sys.stderr)
            results += scenario(name, work, tasks, events, runs, base_env)
        results += taskwarrior(work, runs, base_env)
    print(report(results))


def report(results: list[Timing]) -> str:
    by = {t.label: t for t in results}
    rows = ["| command | median ms | peak MB | runs (failed) |", "| --- | ---: | ---: | ---: |"]
    for t in results:
        rows.append(f"| {t.label} | {t.median_ms:.0f} | {t.peak_mb:.0f} | {t.runs} ({t.failed}) |")
    floor = next((t for t in results if t.label.startswith('floor: python -c "import')), None)
    tw = by.get("taskwarrior 1,000: task list")
    lines = ["", "| target | measured | goal |", "| --- | ---: | ---: |"]

    def ratio(label: str, base: Timing | None, goal: float) -> None:
        t = by.get(label)
        if t and base:
            lines.append(
                f"| {label} / {base.label} | {t.median_ms / base.median_ms:.2f} | ≤ {goal} |"
            )

    ratio("bundled: xjc list --leader 沈伟强", floor, 1.0)
    ratio("bundled: xjc --help", floor, 0.6)
    ratio("bundled: tab completion (xjc show <TAB>)", floor, 0.6)
    for cmd in ("xjc list", f"xjc list --leader {LEADERS[3]}", "xjc report --month 3"):
        ratio(f"1k+20k: {cmd}", tw, 5.0)
    big = [t for t in results if t.label.startswith("10k+200k")]
    if big:
        worst = max(big, key=lambda t: t.median_ms)
        lines.append(
            f"| slowest 10k+200k command ({worst.label}) | {worst.median_ms:.0f} ms | ≤ 2000 ms |"
        )
        heaviest = max(big, key=lambda t: t.peak_mb)
        lines.append(
            f"| largest 10k+200k peak ({heaviest.label}) | {heaviest.peak_mb:.0f} MB | ≤ 300 MB |"
        )
        for cmd in ("xjc list", "xjc report --month 3"):
            small, large = by.get(f"1k+20k: {cmd}"), by.get(f"10k+200k: {cmd}")
            if small and large:
                lines.append(
                    f"| {cmd}: 10k+200k / 1k+20k | {large.median_ms / small.median_ms:.2f} | ≤ 12 |"
                )
        done, show = (
            by.get("10k+200k: xjc done (a write)"),
            next((t for t in big if ": xjc show " in t.label), None),
        )
        if done and show:
            lines.append(
                f"| 10k+200k: done / show | {done.median_ms / show.median_ms:.2f} | ≤ 1.3 |"
            )
    return "\n".join(rows + lines)


if __name__ == "__main__":
    main()
