"""The README's console examples are run, in order, against a fresh folder, and compared.

Every ```console block at the start of a line is a test: each `$ xjc …` line runs through
main() in one folder shared by the whole README (so the tour's records carry from block to
block), with a fixed clock, event ids from a counter, `XJC_USER=王秘书` and 80 columns. What
follows a command is its expected output; a line `…` stands for any number of lines, and a
command followed directly by another shows no output (it is run, its output not compared).
A block may need files a person would have made by hand: an HTML comment just above it,
`<!-- readme-setup: NAME -->`, names a setup below that makes them. Blocks indented inside a
list (the git workflow between computers) are left alone.

    XJC_REGEN_README=1 pytest tests/test_readme.py   # write what the program prints into README
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import ROOT, TESTS
from xiajiceng.cli import main
from xiajiceng.env import Env

README = ROOT / "README.md"
TODAY = datetime(2023, 4, 10, 9, 0, 0).astimezone()
ELIDED = "…"


@dataclass
class Step:
    command: str
    expected: list[str]
    line: int  # where the command stands in the README (1-based)


@dataclass
class Block:
    start: int  # the ```console line (0-based)
    end: int  # the closing ``` line
    setup: str | None
    steps: list[Step] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        if lines[i] == "```console":
            above = lines[i - 1] if i else ""
            found = re.match(r"<!-- readme-setup: ([\w-]+) -->", above)
            block = Block(i, i, found.group(1) if found else None)
            j = i + 1
            while lines[j] != "```":
                if lines[j].startswith("$ "):
                    block.steps.append(Step(lines[j][2:], [], j + 1))
                elif block.steps:
                    block.steps[-1].expected.append(lines[j])
                j += 1
            block.end = j
            out.append(block)
            i = j
        i += 1
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line for line, trailing spaces ignored; `…` matches any run of lines."""
    pattern = "".join(
        "(?:.*\n)*?" if line == ELIDED else re.escape(line.rstrip()) + "\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(a.rstrip() + "\n" for a in actual)) is not None


def regenerated(expected: list[str], actual: list[str]) -> list[str]:
    """The actual output in the shape of the expected one: each run of lines the README showed
    between `…` is found again in the output by its first line and as many lines taken."""
    actual = [a.rstrip() for a in actual]
    if ELIDED not in expected:
        return actual
    runs: list[list[str]] = [[]]
    for line in expected:
        if line == ELIDED:
            runs.append([])
        else:
            runs[-1].append(line)
    out = actual[: len(runs[0])]
    at = len(out)
    for k, run in enumerate(runs[1:], start=1):
        out.append(ELIDED)
        if not run:
            continue
        if k == len(runs) - 1:  # what the README showed last is the end of the output
            out += actual[max(at, len(actual) - len(run)) :]
            break
        starts = [i for i in range(at, len(actual)) if actual[i] == run[0].rstrip()]
        start = starts[0] if starts else max(at, len(actual) - len(run))
        out += actual[start : start + len(run)]
        at = start + len(run)
    return out


# -- files a person makes by hand, before a block ---------------------------------------------


def fill_sheet(folder: Path, clock: Clock) -> None:
    """组织科 fills in its sheet: 2.2 done with a note, 2.3 given two people."""
    from openpyxl import load_workbook

    path = folder / "组织科.xlsx"
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[3]]
    col = {name: header.index(name) + 1 for name in ("状态", "承办人", "进展情况", "编号")}
    for row in range(4, ws.max_row + 1):
        task = ws.cell(row, col["编号"]).value
        if task == "2.2":
            ws.cell(row, col["状态"], "已完成")
            ws.cell(row, col["进展情况"], "已召开座谈会3场，形成报告")
        elif task == "2.3":
            ws.cell(row, col["承办人"], "张三、李四")
    wb.save(path)


def two_computers(folder: Path, clock: Clock) -> None:
    """Two people changed 3.1 for the same day on different computers (merged by git)."""
    run(folder, "xjc mark 3.1 done --date 2023-03-20 --by 乙", clock)
    run(folder, "xjc mark 3.1 paused --date 2023-03-20 --by 甲", clock)


def documents(folder: Path, clock: Clock) -> None:
    """The plan document of the import section, as it arrives; and a plan file with two
    mistakes a person made editing it (a unit not in the roster, a date that does not exist)."""
    fixtures = TESTS / "fixtures" / "import"
    shutil.copyfile(fixtures / "安全生产.txt", folder / "安全生产.txt")
    shutil.copyfile(fixtures / "营商环境.txt", folder / "营商环境.txt")
    run(folder, "xjc import 营商环境.txt", clock)
    plan = folder / "营商环境.yaml"
    text = plan.read_text(encoding="utf-8")
    lead = re.search(r"牵头单位: \[?([^\]\n,、]+)", text)
    assert lead is not None
    text = text.replace(lead.group(0), lead.group(0).replace(lead.group(1), "市建设局"), 1)
    due = re.search(r"完成时限: (\d{4})-\d\d-\d\d", text)
    assert due is not None
    text = text.replace(due.group(0), f"完成时限: {due.group(1)}-02-30", 1)
    plan.write_text(text, encoding="utf-8")


VERIFIED_PLAN = """\
标题: 2023年重点工作督查
简称: 督查
办结需审核: 是
活动期间: {开始: 2023-01-01, 结束: 2023-12-31}
人员: {责任领导: [沈伟强], 科室: [组织科, 干部科]}
专项行动:
  - 编号: 1
    名称: 重点工作
    任务:
      - {编号: 1, 标题: 完成村级换届指导, 责任领导: 沈伟强, 责任科室: 组织科, 完成时限: 2023-03-31}
      - {编号: 2, 标题: 干部档案专项审核, 责任领导: 沈伟强, 责任科室: 干部科, 完成时限: 2023-04-30}
"""


def evidence(folder: Path, clock: Clock) -> None:
    """A plan whose completions the office verifies, and two files to attach as evidence."""
    (folder / "督查.yaml").write_text(VERIFIED_PLAN, encoding="utf-8")
    (folder / "换届工作总结.docx").write_bytes(b"PK" + b"summary" * 3000)
    (folder / "现场照片.jpg").write_bytes(b"\xff\xd8" + b"photo" * 100_000)


OFFICE_PLAN = """\
标题: 2023年营商环境重点工作
简称: 营商环境
活动期间: {开始: 2023-01-01, 结束: 2023-12-31}
人员: {责任领导: [沈伟强, 王副县长], 科室: [组织科, 发改局, 市场监管局]}
专项行动:
  - 编号: 1
    名称: 优化审批
    任务:
      - 编号: 1
        标题: 压缩企业开办时间
        责任领导: 王副县长
        牵头单位: 市场监管局
        配合单位: 发改局
        完成时限: 2023-06-30
      - {编号: 2, 标题: 机关作风专项督查, 责任领导: 沈伟强, 牵头单位: 组织科, 完成时限: 2023-04-30}
"""


def office(folder: Path, clock: Clock) -> None:
    """The office folder of the team section (made by `xjc init`, with the tour's records)
    and a second plan the office supervises, put into it."""
    run(folder, "xjc init 2023下基层", clock)
    (folder / "2023下基层" / "plans" / "营商环境.yaml").write_text(OFFICE_PLAN, encoding="utf-8")


SETUPS = {
    "office": office,
    "fill-sheet": fill_sheet,
    "two-computers": two_computers,
    "documents": documents,
    "evidence": evidence,
}


# -- running ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = TODAY

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def run(folder: Path, command: str, clock: Clock | None = None) -> list[str]:
    words = shlex.split(command)
    assert words[0] == "xjc", command
    out = io.StringIO()
    environ = {**os.environ, "XJC_USER": "王秘书", "COLUMNS": "80", "XJC_PAGER": ""}
    env = Env(
        stdout=out,
        stderr=out,
        environ=environ,
        now=clock or Clock(),
        cwd=lambda: folder,
        isatty=True,
    )
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        main(words[1:], env)
    finally:
        os.chdir(cwd)
    return out.getvalue().splitlines()


def test_the_readme_examples_are_what_xjc_prints(tmp_path, monkeypatch):
    from xiajiceng.usecases import record

    counter = itertools.count(1)
    monkeypatch.setattr(
        record, "new_id", lambda: hashlib.sha1(str(next(counter)).encode()).hexdigest()[:16]
    )
    monkeypatch.setenv("NO_COLOR", "1")
    text = README.read_text(encoding="utf-8")
    lines = text.split("\n")
    clock = Clock()
    failures = []
    found = blocks(text)
    for block in found:
        if block.setup:
            SETUPS[block.setup](tmp_path, clock)
        here = tmp_path  # `$ cd DIR` moves the rest of its block into DIR
        for step in block.steps:
            if step.command.startswith("cd "):
                here = here / step.command[3:].strip()
                continue
            actual = run(here, step.command, clock)
            if not step.expected:
                continue
            if os.environ.get("XJC_REGEN_README"):
                step.expected[:] = regenerated(step.expected, actual)
            elif not matches(step.expected, actual):
                shown = "\n".join(actual)
                failures.append(f"README line {step.line}: $ {step.command}\n{shown}")
    if os.environ.get("XJC_REGEN_README"):
        new = []
        i = 0
        for block in found:
            new += lines[i : block.start + 1]
            for step in block.steps:
                new.append(f"$ {step.command}")
                new += step.expected
            i = block.end
        new += lines[i:]
        README.write_text("\n".join(new), encoding="utf-8")
        pytest.skip("README regenerated: look at the diff")
    assert not failures, "\n\n".join(failures)
