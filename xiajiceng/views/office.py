"""The plans of an office folder (xjc plans), on the terminal, as TSV and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.usecases.office import PlanLine, PlansResult
from xiajiceng.views.formats.json import dumps
from xiajiceng.views.formats.tsv import tsv_line
from xiajiceng.views.phrases import percent

if TYPE_CHECKING:
    from rich.console import Console


def _period(line: PlanLine) -> str:
    """2023年2月–3月, 2023年1月–2024年6月: months are what a list of plans needs."""
    p = line.plan.period
    end = f"{p.end.month}月" if p.end.year == p.start.year else f"{p.end.year}年{p.end.month}月"
    return f"{p.start.year}年{p.start.month}月–{end}"


def show_plans(console: Console, res: PlansResult) -> None:
    from rich.text import Text

    from xiajiceng.views.console import ruled_table

    table = ruled_table()
    table.add_column(M.COL_PLAN_SHORT, overflow="fold", min_width=4)
    table.add_column(M.COL_PLAN_TITLE, overflow="fold", ratio=3, min_width=8)
    table.add_column(M.COL_PLAN_PERIOD, overflow="fold", min_width=8)
    table.add_column(M.COL_PLAN_TASKS, justify="right", no_wrap=True)
    table.add_column(M.COL_PLAN_RATE, justify="right", no_wrap=True)
    table.add_column(M.COL_PLAN_OVERDUE, justify="right", no_wrap=True)
    table.add_column(M.COL_PLAN_STATE, no_wrap=True)
    for line in res.lines:
        style = "dim" if line.archived else ""
        table.add_row(
            Text(line.short, style=style or "bold"),
            Text(line.title, style=style),
            Text(_period(line), style=style),
            str(line.tasks),
            percent(line.rate),
            Text(str(line.overdue), style="red" if line.overdue and not style else style),
            Text(M.PLAN_ARCHIVED if line.archived else M.PLAN_ACTIVE, style=style),
        )
    console.print(table)
    active = sum(not line.archived for line in res.lines)
    hint = M.PLANS_HINT if res.office is not None else M.PLANS_OUTSIDE
    console.print(Text(M.PLANS_SUMMARY.format(n=len(res.lines), active=active) + hint, style="dim"))


def plans_tsv(res: PlansResult) -> str:
    """One line a plan: 简称 标题 开始 结束 任务数 已完成 逾期 状态 文件."""
    out: list[str] = []
    for line in res.lines:
        p = line.plan.period
        fields: list[object] = [
            line.short,
            line.title,
            p.start.isoformat(),
            p.end.isoformat(),
            str(line.tasks),
            str(line.done),
            str(line.overdue),
            M.PLAN_ARCHIVED if line.archived else M.PLAN_ACTIVE,
            line.path,
        ]
        out.append(tsv_line(fields))
    return "".join(out)


def plans_json(res: PlansResult) -> str:
    return dumps(
        [
            {
                "plan": line.short,
                "title": line.title,
                "start": line.plan.period.start.isoformat(),
                "end": line.plan.period.end.isoformat(),
                "tasks": line.tasks,
                "done": line.done,
                "overdue": line.overdue,
                "completion_rate": round(line.rate, 4),
                "archived": line.archived,
                "file": line.path,
            }
            for line in res.lines
        ]
    )


def archived_line(short: str, title: str, archived: bool) -> str:
    template = M.PLAN_ARCHIVED_NOW if archived else M.PLAN_RESTORED_NOW
    return template.format(short=short, title=title) + "\n"
