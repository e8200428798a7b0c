"""Running git for a plan folder: who the user is, and the steps of `xjc sync`."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 120  # seconds for one git command (a pull over a slow network)


@dataclass(frozen=True)
class GitResult:
    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0


def available() -> bool:
    return shutil.which("git") is not None


def run(folder: Path, *args: str, identity: str | None = None) -> GitResult:
    """git ARGS in folder; never prompts, never opens an editor.

    `identity` is used as user.name (and a local e-mail) only where git has none configured,
    so that a commit made for someone who never set git up still works.
    """
    command = ["git"]
    if identity:
        command += ["-c", f"user.name={identity}", "-c", "user.email=xjc@localhost"]
    command += list(args)
    env = {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_EDITOR": "true",
        "GIT_MERGE_AUTOEDIT": "no",
        "LC_ALL": "C",
    }
    import os

    try:
        done = subprocess.run(
            command,
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return GitResult(-1, "", str(exc))
    return GitResult(done.returncode, done.stdout, done.stderr)


def toplevel(folder: Path) -> Path | None:
    """The work tree folder belongs to, or None outside a repository (or without git)."""
    if not available():
        return None
    res = run(folder, "rev-parse", "--show-toplevel")
    return Path(res.out.strip()) if res.ok and res.out.strip() else None


def config(folder: Path, key: str) -> str | None:
    if not available():
        return None
    res = run(folder, "config", "--get", key)
    value = res.out.strip()
    return value if res.ok and value else None


def user_name(folder: Path) -> str | None:
    """git's user.name as seen from folder (repository, global or system configuration)."""
    return config(folder, "user.name")
