"""Every command explains itself, and --help works in a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import loaded_by
from xiajiceng.cli.app import command_names as app_commands
from xiajiceng.cli.app import commands


def test_every_command_has_chinese_help():
    for command in commands.registered_commands:
        assert command.help and any("\u4e00" <= ch <= "\u9fff" for ch in command.help), command


@pytest.mark.parametrize("command", app_commands())
def test_command_help(xjc, capsys, command):
    res = xjc(command, "--help")
    assert res.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"用法：xjc {command}")
    if command != "plans":  # every command that works on a plan can be given one
        assert "--plan" in out


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
    _, heavy = loaded_by(["--help"], ("pydantic", "yaml", "xiajiceng.usecases"), tmp_path)
    assert heavy == []


@pytest.mark.parametrize("argv", [["list"], ["log"], ["report", "--month", "3"]])
def test_rows_into_a_pipe_import_no_rich(xjc, tmp_path, argv):
    """A piped list, log or report is plain text: rich is paid only for a terminal."""
    xjc.ok("mark", "2.1", "doing", "--note", "已部署", "--date", "2023-03-02")
    printed, heavy = loaded_by(argv, ("rich",), tmp_path)
    assert printed and heavy == []


def test_version(xjc):
    from xiajiceng import __version__

    assert xjc.ok("--version").stdout == f"xjc {__version__}\n"
