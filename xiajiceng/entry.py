"""The `xjc` console script: a Tab is answered here without typer when it can be."""

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
    from .cli import run as run_cli

    run_cli()
