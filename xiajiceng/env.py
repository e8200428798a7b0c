"""The environment a command runs in: streams, variables, clock, user. Tests replace it."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

APP_NAME = "xjc"


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Env:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    now: Callable[[], datetime] = _now
    cwd: Callable[[], Path] = Path.cwd
    # Is stdout a terminal? None: ask the stream. Tests set it; a pipe gets plain TSV rows.
    isatty: bool | None = None

    def stdout_is_terminal(self) -> bool:
        if self.isatty is not None:
            return self.isatty
        try:
            return bool(self.stdout.isatty())
        except (AttributeError, ValueError):  # a closed or unusual stream
            return False

    def today(self) -> date:
        return self.now().date()

    def data_dir(self) -> Path:
        """Where journals of bundled plans live; honours $XDG_DATA_HOME everywhere."""
        return self._user_dir("XDG_DATA_HOME", ".local/share", "user_data_dir")

    def cache_dir(self) -> Path | None:
        """Where validated plans and parsed journals are cached; None when XJC_NO_CACHE is set."""
        if self.environ.get("XJC_NO_CACHE"):
            return None
        return self._user_dir("XDG_CACHE_HOME", ".cache", "user_cache_dir")

    def _user_dir(self, variable: str, linux_default: str, kind: str) -> Path:
        """$XDG_…, else the XDG default on Linux, else the platform's own (platformdirs)."""
        xdg = self.environ.get(variable)
        if xdg:
            return Path(xdg) / APP_NAME
        home = self.environ.get("HOME")
        if sys.platform.startswith("linux") and home:  # what platformdirs answers there
            return Path(home) / linux_default / APP_NAME
        import platformdirs

        return Path(getattr(platformdirs, kind)(APP_NAME, appauthor=False))

    def user(self) -> str:
        """$XJC_USER, else the login name. (Commands put git's user.name in between.)"""
        name = self.environ.get("XJC_USER", "").strip()
        if name:
            return name
        return self.login()

    def login(self) -> str:
        try:
            return getpass.getuser()
        except Exception:  # no login name (some containers): still record something
            return "unknown"

    def plan_setting(self) -> str | None:
        return self.environ.get("XJC_PLAN") or None

    def pager(self) -> list[str] | None:
        """The command that pages output taller than the screen, as git does: $XJC_PAGER,
        else $PAGER, else less. None when stdout is not really a terminal (the `isatty`
        override is for choosing tables over TSV, not for starting programs), when the
        setting is empty or `cat`, or when the program is not installed."""
        try:
            if not self.stdout.isatty():
                return None
        except (AttributeError, ValueError):
            return None
        setting = self.environ.get("XJC_PAGER")
        if setting is None:
            setting = self.environ.get("PAGER", "less")
        import shlex
        import shutil

        try:
            argv = shlex.split(setting)
        except ValueError:
            return None
        if not argv or argv == ["cat"] or shutil.which(argv[0]) is None:
            return None
        return argv
