"""The command line: every typer and click detail lives in this package.

`app` lists the commands (each a few lines: turn arguments into values, call one use case,
hand its result to a view); `options` holds the shared options and their conversions;
`group` the typer machinery (lazy commands, Chinese help); `output` where output goes
(tables, rows for a pipe, JSON, the pager); `boundary` the one place errors become
messages; `completion` the shell's Tab; `entry` the console script.

Importing this package imports nothing else, so that a Tab can start quickly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xiajiceng.cli.boundary import main, run


def __getattr__(name: str) -> Any:
    if name in {"main", "run"}:
        from xiajiceng.cli import boundary

        return getattr(boundary, name)
    raise AttributeError(name)


__all__ = ["main", "run"]
