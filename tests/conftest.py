"""Every test runs offline, in a temporary HOME, at a fixed width, with a fixed clock."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import CST
from xiajiceng.cli import main
from xiajiceng.env import Env


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for key in ("XJC_PLAN", "XJC_USER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("COLUMNS", "80")
    return home


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Runner:
    """Runs xjc in-process with its own streams and a clock that ticks per call."""

    def __init__(self, environ: dict[str, str]):
        self.environ = environ
        self.clock = datetime(2023, 12, 1, 9, 0, tzinfo=CST)

    def _now(self) -> datetime:
        self.clock += timedelta(seconds=1)
        return self.clock

    def __call__(self, *args: str, tty: bool = True, **extra_env: str) -> Result:
        """Runs as on a terminal by default (tables); tty=False is `xjc … | sort` (TSV)."""
        out, err = io.StringIO(), io.StringIO()
        environ = {**self.environ, **extra_env}
        env = Env(stdout=out, stderr=err, environ=environ, now=self._now, isatty=tty)
        code = main(list(args), env)
        return Result(int(code), out.getvalue(), err.getvalue())

    def ok(self, *args: str, tty: bool = True, **extra_env: str) -> Result:
        res = self(*args, tty=tty, **extra_env)
        assert res.code == 0, res.stderr
        return res


@pytest.fixture
def xjc(isolated, monkeypatch) -> Runner:
    import os

    environ = dict(os.environ)
    environ["XJC_USER"] = "王办事"
    return Runner(environ)


@pytest.fixture
def journal_file(isolated) -> Path:
    """Where the bundled plan's journal lives in the test HOME."""
    return isolated / ".local" / "share" / "xjc" / "journals" / "2023年干部下基层工作实施方案.jsonl"
