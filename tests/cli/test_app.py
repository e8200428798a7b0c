"""Every command explains itself, and --help works in a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys

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
