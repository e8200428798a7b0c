"""What `xjc import` found and `xjc validate` checked, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.model import Plan, PlanTask
from xiajiceng.usecases.importing import ImportResult
from xiajiceng.views.console import day, ruled_table
from xiajiceng.views.phrases import units_text

if TYPE_CHECKING:
    from xiajiceng.usecases.importing import PlanCheck


def due_cell(t: PlanTask, plan: Plan) -> Text:
    text = Text()
    if t.due is not None:
        text.append(day(t.due, plan))
    if t.recurrence:
        text.append(("\n" if text else "") + t.recurrence)
    if t.due_text and t.due is None and not t.recurrence:
        text.append(t.due_text, style="yellow")
    elif t.due_text and t.due_text != t.recurrence:
        text.append("\n" + t.due_text, style="dim")
    if not text:
        text.append(day(plan.period.end, plan), style="dim")
    return text


def import_table(plan: Plan) -> Table:
    """Every task with all its owners and its time limit, for a clerk to check against the
    document: a 责任领导 column only when the plan names leaders; units one role a line
    (牵头：…, 责任：…, 配合：…) so lead and supporting units never run together."""
    tasks = [t for a in plan.actions for t in a.tasks]
    with_leaders = any(t.leaders for t in tasks)
    table = ruled_table()
    table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_TASK, overflow="fold", ratio=5, min_width=10)
    if with_leaders:
        table.add_column(M.COL_LEADERS, overflow="fold", ratio=1, min_width=6)
    table.add_column(M.IMPORT_COL_UNITS, overflow="fold", ratio=4, min_width=10)
    table.add_column(M.COL_DUE, overflow="fold", min_width=8)
    for action in plan.actions:
        table.add_row(Text(f"{action.number}", style="bold"), Text(action.name, style="bold"))
        for t in action.tasks:
            leaders = ["\n".join(t.leaders)] if with_leaders else []
            table.add_row(
                f"{action.number}.{t.number}",
                t.title,
                *leaders,
                units_text(t),
                due_cell(t, plan),
            )
    return table


def show_import(console: Console, res: ImportResult) -> None:
    plan = res.plan
    console.print(Text(plan.title, style="bold"))
    period = f"{day(plan.period.start, plan)}–{day(plan.period.end, plan)}"
    console.print(Text(f"{plan.issuer}  {period}".strip(), style="dim"))
    console.print(import_table(plan))
    console.print()
    if res.warnings:
        console.print(
            Text(M.IMPORT_WARNINGS_TITLE.format(n=len(res.warnings)), style="bold yellow")
        )
        _warnings(console, res)
    else:
        console.print(Text(M.IMPORT_NO_WARNINGS, style="dim"))
    console.print()
    if not res.written:
        console.print(M.IMPORT_DRY_RUN.format(path=res.output, **_sizes(plan)), soft_wrap=True)
        return
    console.print(M.IMPORT_WRITTEN.format(path=res.output, **_sizes(plan)), soft_wrap=True)
    hint = M.IMPORT_NEXT_OFFICE.format(short=res.short) if res.short else M.IMPORT_NEXT
    console.print(Text(hint.format(path=res.output), style="dim"), soft_wrap=True)


def _warnings(console: Console, res: ImportResult) -> None:
    """The numbered doubtful points, its place in the document first, each wrapped where
    Chinese typesetting allows a break and under its own text (not under the number)."""
    from xiajiceng.text import wrap

    width = console.width - 4
    for i, w in enumerate(res.warnings, 1):
        line = f"{w.where}：{w.message}" if w.where else w.message
        for k, part in enumerate(wrap(line, width) if width >= 20 else [line]):
            console.print(Text(f"{i:>2}. " if k == 0 else "    ") + Text(part), soft_wrap=True)


def _sizes(plan: Plan) -> dict[str, int]:
    """How big a plan is, as the import and validate summaries say it."""
    return {
        "actions": len(plan.actions),
        "tasks": len(plan.tasks),
        "leaders": len(plan.roster.leaders),
        "units": len(plan.roster.sections),
    }


def show_validation(console: Console, check: PlanCheck) -> None:
    plan = check.plan
    if plan is not None:
        console.print(M.VALIDATE_OK.format(path=check.source, **_sizes(plan)), soft_wrap=True)
        return
    for p in check.problems:
        console.print(check.describe(p), soft_wrap=True)
    console.print(
        Text(M.VALIDATE_PROBLEMS.format(path=check.source, n=len(check.problems)), style="bold"),
        soft_wrap=True,
    )
