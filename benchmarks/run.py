"""Benchmark xjc as a person runs it: whole processes of the installed `xjc`, interleaved.

    python benchmarks/run.py                 # the full run (about half an hour on 2 cores)
    python benchmarks/run.py --quick         # 3 rounds, no 10,000-task plan, no office
    python benchmarks/run.py --only office   # one scenario (bundled, 1k, 10k, office)

Generates plans of 13 (the bundled one), 1,000 and 10,000 tasks with journals of 0, 20,000
and 200,000 events, and an office folder of 50 plans × 200 tasks with 100,000 events
(deterministic, seeded). Every command is timed in five cache states, in this order, after
the journal and plan are put back as generated:

    cold    the cache folder emptied (an upgrade, a new machine)
    warm    run again (the caches of the cold run)
    append  a line appended to the journal by another process (a colleague's copy)
    edit    the plan file changed (a comment line added): the plan is validated again
    merge   lines inserted in the middle of the journal, as git's union merge makes them

Runs are interleaved: each round times, for every command, the floors (`python -c pass`,
the imports xjc's commands need, xjc's own modules) and Taskwarrior's `task list` on the
same number of tasks just before the command's five states, so a ratio is taken pair by
pair in one stretch of time and holds when the machine's speed drifts. Prints the machine
and its load, a Markdown table of medians and peaks (the child's own ru_maxrss), the ratios
(min and median over rounds) and the issue's targets. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = sys.executable
XJC = str(Path(PYTHON).parent / "xjc")
SEED = 20230331
STATES = ("cold", "warm", "append", "edit", "merge")

LEADERS = [f"领导{i:02d}" for i in range(20)]
SECTIONS = [f"第{i:02d}科" for i in range(30)]
IMPORT_FLOOR = "import typer, rich.table, pydantic, yaml"
FLOORS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    f'python -c "{IMPORT_FLOOR}"': [PYTHON, "-c", IMPORT_FLOOR],
    'python -c "import xiajiceng.cli.app"': [PYTHON, "-c", "import xiajiceng.cli.app"],
}
IMPORT_FLOOR_LABEL = f'python -c "{IMPORT_FLOOR}"'


# -- generated data ------------------------------------------------------------------------------


def write_plan(path: Path, tasks: int, short: str | None = None, seed: int = 0) -> list[str]:
    """A plan of `tasks` tasks in actions of up to 50; returns the task ids."""
    rnd = random.Random(SEED + tasks + seed)
    lines = [
        f"标题: 基准测试方案（{tasks}项）" if short is None else f"标题: 基准测试方案{short}",
        *([f"简称: {short}"] if short else []),
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
                f"        内容: 这是第{a}.{t}项任务的内容，用来测量加载较长文字的时间。",
                f"        责任领导: {leaders}",
                f"        责任科室: {sections}",
                f"        完成时限: {due}",
            ]
            ids.append(f"{a}.{t}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


_OPS = ["note", "note", "note", "status", "assign", "done", "reopen"]


def event_line(rnd: random.Random, n: int, events: int, ids: list[str], day: int = -1) -> str:
    """One journal line, as xjc writes it (the n-th of `events`, or on day `day` of 2023)."""
    op = rnd.choice(_OPS)
    if day < 0:
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
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_journal(path: Path, ids: list[str], events: int, seed: int = 0) -> None:
    """Events on every task but the last 20, which the timed writes mark done."""
    rnd = random.Random(SEED + events + seed)
    ids = ids[:-20] if len(ids) > 40 else ids
    with path.open("w", encoding="utf-8") as f:
        for n in range(events):
            f.write(event_line(rnd, n, events, ids))


# -- one run -------------------------------------------------------------------------------------


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int, float]:
    """(wall ms, the child's peak MB, exit code, the child's CPU ms: user + system)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0 and argv[0] not in _FAILED:  # say once why a command failed
            _FAILED.add(argv[0])
            err.seek(0)
            print(f"  exit {code}: {argv}\n{err.read().decode(errors='replace')}", file=sys.stderr)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return elapsed * 1000, usage.ru_maxrss / 1024, code, cpu


_FAILED: set[str] = set()


@dataclass
class Timing:
    label: str
    median_ms: float
    peak_mb: float
    runs: int
    failed: int


@dataclass
class Series:
    """The runs of one command in one state (or of a floor), in round order."""

    ms: list[float] = field(default_factory=list)
    mb: list[float] = field(default_factory=list)
    failed: int = 0
    cpu: list[float] = field(default_factory=list)

    def add(self, got: tuple[float, float, int, float]) -> None:
        self.ms.append(got[0])
        self.mb.append(got[1])
        self.failed += got[2] != 0
        self.cpu.append(got[3])

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.ms) if self.ms else float("nan")

    @property
    def peak(self) -> float:
        return max(self.mb, default=float("nan"))


# -- scenarios -----------------------------------------------------------------------------------


@dataclass
class Command:
    label: str
    argv: Callable[[int], list[str]]  # the state's index → argv (writes touch a new task)
    env: dict[str, str] = field(default_factory=dict)


class Scenario:
    """A folder with plans and journals, put back as generated before each command."""

    def __init__(self, name: str, folder: Path, base_env: dict[str, str]) -> None:
        self.name = name
        self.folder = folder
        folder.mkdir()
        self.cache = folder / "cache"
        self.env = {**base_env, "XDG_DATA_HOME": str(folder / "data"),
                    "XDG_CACHE_HOME": str(self.cache)}  # fmt: skip
        self.plan: Path = folder / "plan.yaml"  # the plan that is edited, appended to, merged
        self.ids: list[str] = []
        self.tasks = 0
        self.commands: list[Command] = []
        self._base: dict[Path, Path] = {}
        self._rnd = random.Random(SEED)
        self._n = 10_000_000

    @property
    def journal(self) -> Path:
        return self.plan.with_name(self.plan.stem + ".journal.jsonl")

    def keep(self, *paths: Path) -> None:
        """Keep a copy of these files as generated (on disk: what this process holds counts in
        a child's peak memory until the child's exec)."""
        for p in paths:
            copy = self.folder / ".base" / str(len(self._base))
            copy.parent.mkdir(exist_ok=True)
            if p.exists():
                shutil.copyfile(p, copy)
            else:
                copy.write_bytes(b"")
            self._base[p] = copy

    def reset(self) -> None:
        for p, copy in self._base.items():
            shutil.copyfile(copy, p)
        shutil.rmtree(self.cache, ignore_errors=True)

    def _lines(self, count: int, day: int) -> str:
        ids = self.ids[:-20] if len(self.ids) > 40 else self.ids
        out = []
        for _ in range(count):
            self._n += 1
            out.append(event_line(self._rnd, self._n, 0, ids, day))
        return "".join(out)

    def prepare(self, state: str) -> None:
        """Bring the files into `state` (after the previous state's run)."""
        if state == "cold":
            self.reset()
        elif state == "append":  # another process appends a line, dated late in the year
            with self.journal.open("a", encoding="utf-8") as f:
                f.write(self._lines(1, 330))
        elif state == "edit":
            with self.plan.open("a", encoding="utf-8") as f:
                f.write(f"# 改动 {self._n}\n")
        elif state == "merge":  # a union merge: 1% more lines (at least 5), in the middle
            data = self.journal.read_bytes()
            lines = data.splitlines(keepends=True)
            count = max(5, len(lines) // 100)
            middle = len(lines) // 2
            new = self._lines(count, 150).encode("utf-8")
            self.journal.write_bytes(b"".join(lines[:middle]) + new + b"".join(lines[middle:]))


def single(name: str, work: Path, tasks: int | None, events: int, base_env: dict[str, str]):
    s = Scenario(name, work / name, base_env)
    if tasks is None:  # the bundled plan
        from xiajiceng.store.plans import bundled_plan_path

        s.plan = s.folder / "bundled.yaml"
        shutil.copyfile(bundled_plan_path(), s.plan)
        s.ids = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3"]
        s.ids += ["4.4", "4.5"]
        leader = "沈伟强"
    else:
        s.ids = write_plan(s.plan, tasks)
        leader = LEADERS[3]
    s.tasks = len(s.ids)
    s.journal.parent.mkdir(parents=True, exist_ok=True)
    if events:
        write_journal(s.journal, s.ids, events)
    s.keep(s.plan, s.journal)
    p = ["--plan", str(s.plan)]
    show_id = s.ids[len(s.ids) // 2]
    ledger = str(s.folder / "ledger.xlsx")

    def c(label: str, *args: str) -> None:
        s.commands.append(Command(label, lambda i, a=args: [XJC, *a, *p]))

    if tasks is None:
        s.commands.append(Command("xjc --help", lambda i: [XJC, "--help"]))
        complete = {"_XJC_COMPLETE": "complete_bash", "COMP_WORDS": "xjc show ", "COMP_CWORD": "2"}
        s.commands.append(Command("tab completion (xjc show <TAB>)", lambda i: [XJC], complete))
    c("xjc list", "list")
    c("xjc list --json", "list", "--json")
    c(f"xjc list --leader {leader}", "list", "--leader", leader)
    c(f"xjc show {show_id}", "show", show_id)
    c("xjc report --month 3", "report", "--month", "3")
    c("xjc report --month 3 --json", "report", "--month", "3", "--json")
    mark_ids = s.ids[: len(STATES)]
    s.commands.append(Command("xjc mark --note (a write)", lambda i: [
        XJC, "mark", mark_ids[i], "--note", f"基准{i}", "--date", "2023-12-01", *p]))  # fmt: skip
    done_ids = s.ids[-len(STATES) :]
    s.commands.append(Command("xjc done (a write)", lambda i: [
        XJC, "done", done_ids[i], "--date", "2023-12-01", *p]))  # fmt: skip
    c("xjc (overview)")
    c("xjc timeline", "timeline")
    c("xjc log", "log")
    c("xjc check", "check")
    c("xjc export ledger.xlsx", "export", ledger)
    # collect reads a ledger exported once, from the plan as generated (after a plan edit it
    # is refused: a ledger of another version of the plan)
    filled = str(s.folder / "filled.xlsx")
    c("xjc collect filled.xlsx --dry-run", "collect", filled, "--dry-run")
    subprocess.run([XJC, "export", filled, *p], env=s.env, cwd=s.folder, capture_output=True)
    return s


OFFICE_PLANS, OFFICE_TASKS, OFFICE_EVENTS = 50, 200, 100_000


def office(work: Path, base_env: dict[str, str]) -> Scenario:
    """An office folder (as xjc init makes it) of 50 plans × 200 tasks, 100,000 events."""
    s = Scenario("office", work / "office", base_env)
    plans = s.folder / "plans"
    plans.mkdir()
    (s.folder / ".xjc").write_text("plans/\n", encoding="utf-8")
    for k in range(OFFICE_PLANS):
        plan = plans / f"方案{k:02d}.yaml"
        ids = write_plan(plan, OFFICE_TASKS, short=f"方案{k:02d}", seed=k)
        journal = plan.with_name(plan.stem + ".journal.jsonl")
        write_journal(journal, ids, OFFICE_EVENTS // OFFICE_PLANS, seed=k)
        s.keep(plan, journal)
        if k == 0:
            s.plan, s.ids = plan, ids
    s.tasks = OFFICE_PLANS * OFFICE_TASKS
    leader = LEADERS[3]
    for label, args in (
        (f"xjc list --leader {leader}", ["list", "--leader", leader]),
        ("xjc (overview)", []),
        ("xjc list --json", ["list", "--json"]),
        ("xjc report --month 3 --json", ["report", "--month", "3", "--json"]),
    ):
        s.commands.append(Command(label, lambda i, a=args: [XJC, *a]))
    return s


def taskwarrior(work: Path, tasks: int, base_env: dict[str, str]) -> tuple[list[str], dict]:
    """`task list` over `tasks` pending tasks (project, due date, a leader's tag); ([], {})
    when Taskwarrior is not installed."""
    task = shutil.which("task")
    if task is None:
        return [], {}
    folder = work / f"taskwarrior-{tasks}"
    if not folder.exists():
        folder.mkdir()
        rnd = random.Random(SEED)
        data = [
            {
                "description": f"第{i // 50 + 1}项行动的第{i % 50 + 1}项任务",
                "project": f"action{i // 50 + 1}",
                "status": "pending",
                "entry": "20230101T000000Z",
                "due": f"2023{rnd.randint(2, 12):02d}{rnd.randint(1, 28):02d}T000000Z",
                "tags": [f"leader{rnd.randint(0, 19)}"],
            }
            for i in range(tasks)
        ]
        (folder / "import.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n")
    env = {**base_env, "TASKRC": str(rc), "TASKDATA": str(folder / "data")}
    if not (folder / "data").exists():
        subprocess.run([task, "import", str(folder / "import.json")], env=env,
                       capture_output=True, check=True)  # fmt: skip
    return [task, "list"], env


# -- the rounds ----------------------------------------------------------------------------------


@dataclass
class Results:
    machine: list[str]
    # (scenario, command, state) → runs; ("floor", label, scenario) → the floors' runs
    runs: dict[tuple[str, str, str], Series] = field(default_factory=dict)
    # (scenario, command, state, reference) → per-round ratios command ÷ reference
    ratios: dict[tuple[str, str, str, str], list[float]] = field(default_factory=dict)

    def series(self, *key: str) -> Series:
        return self.runs.setdefault(key, Series())  # type: ignore[arg-type]


def rounds(s: Scenario, runs: int, work: Path, base_env: dict[str, str], out: Results) -> None:
    tw_argv, tw_env = taskwarrior(work, s.tasks, base_env)
    tw_label = f"task list ({s.tasks:,} tasks)"
    for r in range(runs):
        for cmd in s.commands:
            refs: dict[str, float] = {}
            for label, argv in FLOORS.items():
                got = run_once(argv, base_env, work)
                out.series(s.name, label, "floor").add(got)
                refs[label] = got[0]
            if tw_argv:
                got = run_once(tw_argv, tw_env, work)
                out.series(s.name, tw_label, "floor").add(got)
                refs[tw_label] = got[0]
            for i, state in enumerate(STATES):
                s.prepare(state)
                got = run_once(cmd.argv(i), {**s.env, **cmd.env}, s.folder)
                out.series(s.name, cmd.label, state).add(got)
                for ref, ms in refs.items():
                    out.ratios.setdefault((s.name, cmd.label, state, ref), []).append(got[0] / ms)
            line = "  ".join(
                f"{st} {out.series(s.name, cmd.label, st).ms[-1]:6.0f}" for st in STATES
            )
            print(f"  [{s.name} {r + 1}/{runs}] {cmd.label:<36} {line} ms", file=sys.stderr)


def machine() -> list[str]:
    load = os.getloadavg()
    return [
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds (the median of them)")
    parser.add_argument("--quick", action="store_true", help="3 rounds, bundled and 1k only")
    parser.add_argument("--only", action="append", choices=["bundled", "1k", "10k", "office"])
    parser.add_argument("--save", type=Path, help="write every run's figures to this JSON file")
    parser.add_argument(
        "--command", action="append", help="only the commands whose label has this (repeatable)"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    names = args.only or (["bundled", "1k"] if args.quick else ["bundled", "1k", "10k", "office"])
    if not Path(XJC).exists():
        sys.exit(f"no installed xjc beside {PYTHON}; pip install . first")
    home = tempfile.mkdtemp(prefix="xjc-bench-home-")
    # a fresh environment: PYTHONDONTWRITEBYTECODE and the caller's XDG folders are not passed
    base_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": home,
        "COLUMNS": "120",
        "XJC_USER": "基准",
        "LANG": "C.UTF-8",
        "XDG_CACHE_HOME": f"{home}/cache",
    }
    out = Results(machine())
    with tempfile.TemporaryDirectory(prefix="xjc-bench-") as tmp:
        work = Path(tmp)
        for name in names:
            print(f"{name}: generating", file=sys.stderr)
            if name == "bundled":
                s = single("bundled", work, None, 0, base_env)
            elif name == "1k":
                s = single("1k+20k", work, 1000, 20_000, base_env)
            elif name == "10k":
                s = single("10k+200k", work, 10_000, 200_000, base_env)
            else:
                s = office(work, base_env)
            if args.command:
                s.commands = [c for c in s.commands if any(w in c.label for w in args.command)]
            rounds(s, runs, work, base_env, out)
            shutil.rmtree(s.folder, ignore_errors=True)
    out.machine += machine()
    if args.save:
        args.save.write_text(json.dumps(dump(out), ensure_ascii=False, indent=1), "utf-8")
    print(render(out))


def dump(out: Results) -> dict:
    return {
        "machine": out.machine,
        "runs": [[*k, v.ms, v.mb, v.failed, v.cpu] for k, v in out.runs.items()],
        "ratios": [[*k, v] for k, v in out.ratios.items()],
    }


def load(data: dict) -> Results:
    """What --save wrote, back (to render again: python benchmarks/run.py --render FILE)."""
    out = Results(data["machine"])
    for *key, ms, mb, failed, cpu in data["runs"]:
        out.runs[tuple(key)] = Series(ms, mb, failed, cpu)  # type: ignore[index]
    for *key, values in data["ratios"]:
        out.ratios[tuple(key)] = values  # type: ignore[index]
    return out


# -- the report ----------------------------------------------------------------------------------


def report(results: list[Timing]) -> str:
    """One row a timing: label, median ms, peak MB, runs (failed)."""
    rows = ["| command | median ms | peak MB | runs (failed) |", "| --- | ---: | ---: | ---: |"]
    for t in results:
        rows.append(f"| {t.label} | {t.median_ms:.0f} | {t.peak_mb:.0f} | {t.runs} ({t.failed}) |")
    return "\n".join(rows)


def render(out: Results) -> str:
    lines = [f"Machine: {out.machine[0]} (at the start); {out.machine[-1].split(', ')[-1]} "
             "(at the end).", ""]  # fmt: skip
    scenarios = list(dict.fromkeys(k[0] for k in out.runs))
    floors = [
        Timing(f"{label} (beside {name})", v.median, v.peak, len(v.ms), v.failed)
        for (name, label, state), v in out.runs.items()
        if state == "floor"
    ]
    lines += [report(floors), ""]
    lines.append("Each cell: the median wall time in ms (the median CPU time, user + system).")
    head = "| command | " + " | ".join(f"{st}" for st in STATES) + " | peak MB | failed |"
    lines += [head, "| --- |" + " ---: |" * (len(STATES) + 2)]
    for name in scenarios:
        for cmd in dict.fromkeys(k[1] for k in out.runs if k[0] == name and k[2] != "floor"):
            got = [out.runs[(name, cmd, st)] for st in STATES]
            cells = " | ".join(f"{g.median:.0f} ({g.cpu_median:.0f})" for g in got)
            peak = max(g.peak for g in got)
            lines.append(f"| {name}: {cmd} | {cells} | {peak:.0f} | {sum(g.failed for g in got)} |")
    lines += ["", "| pair (per round) | min | median | goal |", "| --- | ---: | ---: | ---: |"]

    def pair(name: str, cmd: str, state: str, ref: str, goal: str) -> None:
        values = out.ratios.get((name, cmd, state, ref))
        if values:
            lines.append(f"| {name}: {cmd}, {state} ÷ {ref} | {min(values):.2f} | "
                         f"{statistics.median(values):.2f} | {goal} |")  # fmt: skip

    pair("bundled", "xjc list", "cold", IMPORT_FLOOR_LABEL, "≤ 1.2")
    pair("bundled", "xjc list", "warm", IMPORT_FLOOR_LABEL, "≤ 1.0")
    pair("bundled", "xjc list --leader 沈伟强", "warm", IMPORT_FLOOR_LABEL, "≤ 1.0")
    for cmd in ("xjc list", "xjc report --month 3"):
        pair("1k+20k", cmd, "cold", "task list (1,000 tasks)", "≤ 6")
        pair("1k+20k", cmd, "warm", "task list (1,000 tasks)", "≤ 5")
    lines += ["", "| target | measured | goal |", "| --- | ---: | ---: |"]
    big = {k: v for k, v in out.runs.items() if k[0] == "10k+200k" and k[2] != "floor"}
    if big:
        for state in STATES:
            mine = {k: v for k, v in big.items() if k[2] == state}
            worst = max(mine, key=lambda k: mine[k].median)
            heavy = max(mine, key=lambda k: mine[k].peak)
            lines.append(f"| 10k+200k slowest {state} ({worst[1]}) | {mine[worst].median:.0f} ms "
                         f"(CPU {mine[worst].cpu_median:.0f}) | ≤ 2000 ms |")  # fmt: skip
            lines.append(f"| 10k+200k largest {state} ({heavy[1]}) | {mine[heavy].peak:.0f} MB "
                         "| ≤ 250 MB |")  # fmt: skip
        for cmd in ("xjc list --json", "xjc report --month 3 --json"):
            if ("10k+200k", cmd, "warm") in big:
                got = big[("10k+200k", cmd, "warm")].median
                cpu = big[("10k+200k", cmd, "warm")].cpu_median
                lines.append(f"| 10k+200k {cmd}, warm | {got:.0f} ms (CPU {cpu:.0f}) | ≤ 1000 ms |")
        for cmd in ("xjc list", "xjc report --month 3"):
            for state in ("cold", "warm"):
                small = out.runs.get(("1k+20k", cmd, state))
                large = out.runs.get(("10k+200k", cmd, state))
                if small and large:
                    lines.append(f"| {cmd}, {state}: 10k+200k ÷ 1k+20k | "
                                 f"{large.median / small.median:.2f} | ≤ 12 |")  # fmt: skip
    for cmd in (f"xjc list --leader {LEADERS[3]}", "xjc (overview)"):
        for state in ("cold", "warm"):
            got_office = out.runs.get(("office", cmd, state))
            if got_office:
                goal = "≤ 1000 ms" if state == "warm" else ""
                lines.append(f"| office 50×200+100k {cmd}, {state} | {got_office.median:.0f} ms "
                             f"(CPU {got_office.cpu_median:.0f}) | {goal} |")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--render":
        print(render(load(json.loads(Path(sys.argv[2]).read_text("utf-8")))))
    else:
        main()
