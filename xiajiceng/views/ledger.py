"""What export, report -o and collect say in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.views.console import ruled_table
from xiajiceng.views.formats.base import full_date

if TYPE_CHECKING:
    from rich.console import Console

    from xiajiceng.usecases.ledger import CollectResult, Saved

FIELD_LABELS = {
    "status": M.COLLECT_FIELD_STATUS,
    "assignees": M.COLLECT_FIELD_ASSIGNEES,
    "note": M.COLLECT_FIELD_NOTE,
}


def exported(saved: Saved) -> str:
    """The line export says (the CLI prints it)."""
    return M.EXPORTED.format(path=saved.path, n=saved.count, as_of=full_date(saved.as_of)) + "\n"


def report_written(saved: Saved) -> str:
    """The line report -o says."""
    return M.REPORT_WRITTEN.format(path=saved.path) + "\n"


def show_collect(console: Console, res: CollectResult) -> None:
    from rich.text import Text

    if not res.changes:
        console.print(M.COLLECT_NOTHING.format(path=res.path), soft_wrap=True)
        return
    console.print(M.COLLECT_PREVIEW.format(path=res.path, n=len(res.changes)), soft_wrap=True)
    table = ruled_table()
    table.add_column(M.COLLECT_COL_ROW, justify="right", no_wrap=True)
    table.add_column(M.COLLECT_COL_TASK, overflow="fold", ratio=2, min_width=8)
    table.add_column(M.COLLECT_COL_FIELD, no_wrap=True)
    table.add_column(M.COLLECT_COL_BEFORE, overflow="fold", ratio=2, min_width=6)
    table.add_column(M.COLLECT_COL_AFTER, overflow="fold", ratio=3, min_width=6)
    for c in res.changes:
        table.add_row(
            str(c.row),
            f"{c.task.id} {c.task.title}",
            FIELD_LABELS[c.field],
            Text(c.before, style="dim"),
            Text(c.after, style="bold"),
        )
    console.print(table)
    if res.dry_run:
        console.print(M.COLLECT_DRY_RUN)
    else:
        ids = "、".join(e.id[:8] for e in res.written)
        console.print(M.COLLECT_DONE.format(n=len(res.written), ids=ids), soft_wrap=True)
