"""The overview (概览) that a bare `xjc` prints: fits one 24-line screen at 80 columns."""

from __future__ import annotations

import io
import json

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.usecases.overview import Overview
from xiajiceng.usecases.tasks import Timed
from xiajiceng.views.console import OVERDUE_STYLE, bar, day, ruled_table, workdays_cell
from xiajiceng.views.phrases import guessed_note, percent, timing_phrase

SCREEN_LINES = 24
MAX_TASKS = 8
BAR_WIDTH = 20


# below this width the 工作日 cell is short (逾期 3) instead of a phrase (逾期 3 个工作日)
WIDE = 100


def attention_table(items: list[Timed], ov: Overview, wide: bool = True) -> Table:
    table = ruled_table()
    table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_TASK, overflow="fold", ratio=3, min_width=8)
    table.add_column(M.COL_LEADERS, overflow="fold", ratio=2, min_width=6)
    table.add_column(M.COL_SECTIONS, overflow="fold", ratio=1, min_width=6)
    table.add_column(M.COL_STATUS, no_wrap=True)
    table.add_column(M.COL_DUE, no_wrap=True)
    table.add_column(M.COL_WORKDAYS, no_wrap=True)
    for item in items:
        r, tm = item.row, item.timing
        style = OVERDUE_STYLE if r.overdue else ""
        table.add_row(
            r.task.id,
            r.task.title,
            " ".join(r.task.leaders),  # spaces, so a long list wraps between names
            " ".join(r.task.sections),
            r.state.status.label,
            Text(day(r.task.due, ov.plan), style=style),
            Text(timing_phrase(tm), style=style) if wide else workdays_cell(tm),
        )
    return table


def _height(table: Table, width: int) -> int:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, markup=False).print(table)
    return len(buf.getvalue().splitlines())


def show(console: Console, ov: Overview) -> None:
    plan = ov.plan
    color = console.color_system is not None
    lines: list[Text] = []
    lines.append(Text(plan.title, style="bold"))
    period = M.OVERVIEW_PERIOD.format(
        start=day(plan.period.start, plan),
        end=day(plan.period.end, plan),
        as_of=day(ov.as_of, plan),
    )
    lines.append(Text(period, style="dim"))
    lines.append(Text(""))
    rate = Text(
        M.OVERVIEW_RATE.format(rate=percent(ov.completion_rate), done=ov.done, total=ov.total)
    )
    rate.stylize("bold")
    rate.append("  ")
    rate.append_text(bar(ov.completion_rate, color, BAR_WIDTH))
    lines.append(rate)
    counts = Text(M.OVERVIEW_COUNTS.format(overdue=ov.overdue, **ov.counts))
    if ov.overdue:
        counts.highlight_words([f"{M.OVERDUE} {ov.overdue}"], OVERDUE_STYLE)
    lines.append(counts)
    lines.append(Text(""))

    footer: list[Text] = []
    note = guessed_note([t.timing for t in ov.attention])
    if note:
        footer.append(Text(note, style="dim"))
    footer.append(Text(M.OVERVIEW_HINT, style="dim"))

    for line in lines:
        console.print(line)
    if not ov.attention:
        console.print(Text(M.OVERVIEW_ALL_DONE, style="green"))
        for line in footer:
            console.print(line)
        return

    # as many of the most urgent tasks as fit on one screen with the rest of the overview
    width = console.width
    note_lines = sum(max(1, -(-cell_len(f.plain) // max(width, 1))) for f in footer)
    budget = SCREEN_LINES - len(lines) - 1 - note_lines - 1  # heading, "另有 N 项"
    shown = min(MAX_TASKS, len(ov.attention))
    wide = width >= WIDE
    table = attention_table(ov.attention[:shown], ov, wide)
    while shown > 1 and _height(table, width) > budget:
        shown -= 1
        table = attention_table(ov.attention[:shown], ov, wide)
    console.print(Text(M.OVERVIEW_ATTENTION, style="bold"))
    console.print(table)
    more = len(ov.attention) - shown
    if more:
        console.print(Text(M.OVERVIEW_MORE.format(n=more), style="dim"))
    for line in footer:
        console.print(line)


def to_json(ov: Overview) -> str:
    """Stable keys: plan, as_of, total, counts, overdue, completion_rate, attention."""
    data = {
        "plan": ov.plan.title,
        "as_of": ov.as_of.isoformat(),
        "total": ov.total,
        "counts": ov.counts,
        "overdue": ov.overdue,
        "completion_rate": round(ov.completion_rate, 4),
        "attention": [
            {
                "id": t.row.task.id,
                "title": t.row.task.title,
                "leaders": list(t.row.task.leaders),
                "sections": list(t.row.task.sections),
                "status": t.row.state.status.value,
                "due": t.row.task.due.isoformat(),
                "overdue": t.row.overdue,
                "workdays_left": None if t.timing.late else t.timing.days,
                "workdays_late": t.timing.days if t.timing.late else None,
                "workdays_exact": t.timing.exact,
            }
            for t in ov.attention
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
