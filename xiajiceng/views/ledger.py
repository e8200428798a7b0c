"""What export, report -o and collect say in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.text import neutralise
from xiajiceng.views.console import ruled_table
from xiajiceng.views.formats.base import full_date

if TYPE_CHECKING:
    from rich.console import Console

    from xiajiceng.usecases.ledger import BookResult, CollectResult, Saved

FIELD_LABELS = {
    "status": M.COLLECT_FIELD_STATUS,
    "assignees": M.COLLECT_FIELD_ASSIGNEES,
    "note": M.COLLECT_FIELD_NOTE,
}


def exported(saved: Saved) -> str:
    """The line export says (the CLI prints it)."""
    as_of = full_date(saved.as_of)
    if saved.plans:
        n, plans = saved.count, saved.plans
        return M.EXPORTED_OFFICE.format(path=saved.path, plans=plans, n=n, as_of=as_of) + "\n"
    return M.EXPORTED.format(path=saved.path, n=saved.count, as_of=as_of) + "\n"


def report_written(saved: Saved) -> str:
    """The line report -o says."""
    return M.REPORT_WRITTEN.format(path=saved.path) + "\n"


def show_collect(console: Console, res: CollectResult | BookResult) -> None:
    from xiajiceng.usecases.ledger import BookResult

    if isinstance(res, BookResult):
        _show_book(console, res)
        return
    if not res.changes:
        console.print(M.COLLECT_NOTHING.format(path=res.path), soft_wrap=True)
        return
    console.print(M.COLLECT_PREVIEW.format(path=res.path, n=len(res.changes)), soft_wrap=True)
    _changes_table(console, res)
    if res.dry_run:
        console.print(M.COLLECT_DRY_RUN)
    else:
        _recorded(console, res)


def _show_book(console: Console, book: BookResult) -> None:
    """A workbook across plans: what each plan's sheet changed, and what was recorded."""
    if not book.changes:
        console.print(M.COLLECT_NOTHING.format(path=book.path), soft_wrap=True)
        return
    preview = M.COLLECT_OFFICE_PREVIEW.format(path=book.path, plans=len(book.parts), n=book.changes)
    console.print(preview, soft_wrap=True)
    for part in book.parts:
        res = part.result
        where = {"sheet": neutralise(part.sheet, lines=False), "plan": res.plan.title}
        if not res.changes:
            console.print(M.COLLECT_SHEET_NOTHING.format(**where), soft_wrap=True)
            continue
        console.print(M.COLLECT_SHEET_HEADING.format(**where), soft_wrap=True)
        _changes_table(console, res)
        if not res.dry_run:
            _recorded(console, res)
    if book.dry_run:
        console.print(M.COLLECT_DRY_RUN)


def _changes_table(console: Console, res: CollectResult) -> None:
    from rich.text import Text

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


def _recorded(console: Console, res: CollectResult) -> None:
    ids = "、".join(e.id[:8] for e in res.written)
    console.print(M.COLLECT_DONE.format(n=len(res.written), ids=ids), soft_wrap=True)
