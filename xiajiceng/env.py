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


def _replace_unencodable(stream: TextIO) -> None:
    """A stream in an encoding that cannot write every character (a Chinese Windows console
    or a file redirected there: GBK) writes "?" for what it cannot encode instead of failing
    half-way through a table. UTF-8 and GB18030 streams are left as they are."""
    encoding = getattr(stream, "encoding", None)
    if not encoding or getattr(stream, "errors", None) != "strict":
        return
    import codecs

    try:
        if codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "gb18030"):
            return
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (LookupError, AttributeError, ValueError, OSError):
        pass


def split_command(setting: str, windows: bool) -> list[str]:
    """A command line from a setting such as $PAGER: POSIX rules, or on Windows backslashes
    kept and the quotes around a path with spaces taken off ("C:\\Program Files\\…\\less.exe")."""
    import shlex

    if not windows:
        return shlex.split(setting)
    return [
        arg[1:-1] if len(arg) >= 2 and arg[0] == arg[-1] == '"' else arg
        for arg in shlex.split(setting, posix=False)
    ]


@dataclass
class Env:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    now: Callable[[], datetime] = _now
    cwd: Callable[[], Path] = Path.cwd
    # Is stdout a terminal? None: ask the stream. Tests set it; a pipe gets plain TSV rows.
    isatty: bool | None = None
    # warnings met on the way (a journal's last line without a newline, …): said once each,
    # on stderr, when the command ends
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for stream in (self.stdout, self.stderr):
            _replace_unencodable(stream)

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
        import shutil

        try:  # (Windows paths keep their backslashes)
            argv = split_command(setting, windows=os.name == "nt")
        except ValueError:
            return None
        if not argv or argv == ["cat"] or shutil.which(argv[0]) is None:
            return None
        return argv

    def page(self, argv: list[str], text: str) -> None:
        """Show `text` through the pager `argv`, as git does; the user quitting early is
        not an error.

        less gets git's options unless the user set their own: -F leaves at once when the
        text fits after all, -R shows colours, -X leaves the text on the screen; and, on a
        UTF-8 terminal, LESSCHARSET=utf-8 so that Chinese shows even under a C locale.
        While the pager runs, Ctrl-C is the pager's: xjc waits for it to finish.
        """
        import codecs
        import signal
        import subprocess

        encoding = getattr(self.stdout, "encoding", None) or "utf-8"
        environ = dict(self.environ)
        environ.setdefault("LESS", "FRX")
        try:
            if codecs.lookup(encoding).name == "utf-8":
                environ.setdefault("LESSCHARSET", "utf-8")
        except LookupError:
            pass
        self.stdout.flush()
        try:
            previous = signal.signal(signal.SIGINT, lambda *_: None)  # (reset in the child)
        except ValueError:  # not the main thread
            previous = None
        try:
            try:
                proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environ)
            except OSError:  # the pager would not start: the text as it is
                self.stdout.write(text)
                return
            assert proc.stdin is not None
            try:
                proc.stdin.write(text.encode(encoding, errors="replace"))
                proc.stdin.close()
            except OSError:  # BrokenPipeError: the user quit before the end
                pass
            proc.wait()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
