"""The `xjc` console script. A Tab and `--help` are answered here without typer when they
can be (see completion.py); everything else goes to the typer app in cli.py."""

from __future__ import annotations

import os
import sys


def run() -> None:
    if "_XJC_COMPLETE" in os.environ:
        from .completion import fast_complete

        answer = fast_complete(os.environ)
        if answer is not None:
            text, code = answer
            if text is not None:
                sys.stdout.write(text + "\n")
                sys.stdout.flush()
            raise SystemExit(code)
    elif "-h" in sys.argv or "--help" in sys.argv:
        from .completion import fast_help

        text = fast_help(sys.argv[1:])
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            raise SystemExit(0)
    from .cli import run as run_cli

    run_cli()
