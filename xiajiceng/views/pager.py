"""Output taller than the screen goes through a pager (less), as git's does."""

from __future__ import annotations

import subprocess

from ..env import Env


def page(argv: list[str], text: str, env: Env) -> None:
    """Show `text` in the pager `argv`; the user quitting early is not an error.

    less gets git's options unless the user set their own: -F leaves at once when the text
    fits after all, -R shows colours, -X leaves the text on the screen; and UTF-8, so Chinese
    shows as characters even under a C locale.
    """
    environ = dict(env.environ)
    environ.setdefault("LESS", "FRX")
    environ.setdefault("LESSCHARSET", "utf-8")
    encoding = getattr(env.stdout, "encoding", None) or "utf-8"
    env.stdout.flush()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environ)
    except OSError:  # the pager would not start: the text as it is
        env.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode(encoding, errors="replace"))
        proc.stdin.close()
    except OSError:  # BrokenPipeError: the user quit before the end
        pass
    while True:
        try:
            proc.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue
