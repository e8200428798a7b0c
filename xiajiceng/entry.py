"""The `xjc` console script. A Tab and `--help` are answered here without typer when they
can be (see completion.py); everything else goes to the typer app in cli.py."""

from __future__ import annotations

import os
import sys


def _answer(text: str | None, code: int) -> None:
    """Print an answer made without typer and leave; a reader that left early (`| head`)
    or a stream that cannot take the text is not worth a traceback."""
    try:
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (so the flush at exit does not fail again)
    except (OSError, UnicodeError):
        code = code or 1
    raise SystemExit(code)


def run() -> None:
    if "_XJC_COMPLETE" in os.environ:
        from xiajiceng.completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, code = answer
            _answer(None if text is None else text + "\n", code)
    elif "-h" in sys.argv or "--help" in sys.argv:
        from xiajiceng.completion import fast_help

        text = fast_help(sys.argv[1:])
        if text is not None:
            _answer(text, 0)
    from xiajiceng.cli import run as run_cli

    run_cli()
