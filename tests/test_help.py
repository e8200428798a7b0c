"""Every command explains itself, and --help works in a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xiajiceng.cli.app import command_names as app_commands
from xiajiceng.cli.app import commands


def test_every_command_has_chinese_help():
    for command in commands.registered_commands:
        assert command.help and any("\u4e00" <= ch <= "\u9fff" for ch in command.help), command


@pytest.mark.parametrize("command", app_commands())
def test_command_help(xjc, capsys, command):
    res = xjc(command, "--help")
    assert res.code == 0
    assert "--plan" in capsys.readouterr().out


def test_help_in_clean_environment(tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, "-m", "xiajiceng", "--help"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in app_commands():
        assert name in out


def test_help_does_not_import_heavy_modules(tmp_path):
    code = (
        "import sys\n"
        "from xiajiceng.cli import main\n"
        "main(['--help'])\n"
        "heavy = [m for m in ('pydantic', 'yaml', 'xiajiceng.usecases') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert out.strip().splitlines()[-1] == "HEAVY:"


def test_version(xjc):
    from xiajiceng import __version__

    assert xjc.ok("--version").stdout == f"xjc {__version__}\n"


def test_the_catalogue_defines_each_name_once():
    """Python keeps the last of two assignments: a repeated name silently replaces a message."""
    import ast
    from collections import Counter

    import xiajiceng.messages as M

    tree = ast.parse(Path(M.__file__).read_text(encoding="utf-8"))
    names = Counter(
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    )
    assert [n for n, k in names.items() if k > 1] == []


def test_every_message_in_the_catalogue_is_used():
    """A sentence nobody says is a stale one: each name is used outside the catalogue."""
    import ast
    import re

    import xiajiceng.messages as M

    source = Path(M.__file__).read_text(encoding="utf-8")
    names = [
        t.id
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    ]
    package = Path(M.__file__).parent
    code = "".join(
        p.read_text(encoding="utf-8") for p in package.rglob("*.py") if p.name != "messages.py"
    )
    assert [n for n in names if not re.search(rf"\b{n}\b", code)] == []
