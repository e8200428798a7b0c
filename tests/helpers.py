"""What several test modules share: paths, the bundle's scripts, and small checks of results."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEED = TESTS / "fixtures" / "2023年干部下基层工作实施方案.txt"
GOLDEN = TESTS / "golden"
BUNDLE = ROOT / "bundle"
CST = timezone(timedelta(hours=8))
CJK = re.compile(r"[\u4e00-\u9fff]")


def bundle_script(name: str) -> ModuleType:
    """A script of bundle/ (the offline bundle's builder and installer, outside the
    package), imported as a module for its tests."""
    spec = importlib.util.spec_from_file_location(f"xjc_bundle_{name}", BUNDLE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def ids(result) -> list[str]:
    return [row["id"] for row in result.json()]


def assert_refused(res, code, *fragments):
    """Bad input: one Chinese sentence on stderr, a non-zero exit, nothing on stdout."""
    assert res.code == code, (res.code, res.stdout, res.stderr)
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert CJK.search(lines[0]) and "Traceback" not in res.stderr
    for f in fragments:
        assert f in lines[0], lines[0]


def golden(name: str, text: str) -> None:
    """Compares what a person sees with tests/golden/<name>. After an intended change of
    layout, regenerate with XJC_REGEN_GOLDEN=1 and read the diff before committing."""
    path = GOLDEN / name
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if os.environ.get("XJC_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def edit(path: Path, changes: dict[str, dict[str, object]], sheet: str = "台账") -> None:
    """Fill in cells of an exported ledger as a 科室 would, by task id and column heading
    (in a workbook across plans, on one plan's sheet)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    header = {c.value: c.column for c in ws[3]}
    for row in ws.iter_rows(min_row=4):
        task = row[header["编号"] - 1].value
        for column, value in changes.get(task, {}).items():
            ws.cell(row[0].row, header[column]).value = value
    wb.save(path)


def loaded_by(argv: list[str], modules: tuple[str, ...], cwd: Path) -> tuple[str, list[str]]:
    """Run xjc's main(argv) in a fresh interpreter, stdout into a pipe; return what it printed
    and which of `modules` it imported (environment variables such as a completion request
    are the caller's, through os.environ)."""
    code = (
        "import sys\n"
        "from xiajiceng.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED:' + ','.join(m for m in {modules!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    *printed, last = out.strip().splitlines()
    loaded = last.removeprefix("LOADED:")
    return "\n".join(printed), [m for m in loaded.split(",") if m]
