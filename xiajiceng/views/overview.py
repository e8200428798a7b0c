"""The overview (概览) that a bare `xjc` prints: fits one 24-line screen at 80 columns."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.model.plan import LEAD
from xiajiceng.model.plan import LEADERS as LEADERS_ROLE
from xiajiceng.model.plan import SECTIONS as SECTIONS_ROLE
from xiajiceng.text import display_width
from xiajiceng.usecases.overview import Overview
from xiajiceng.usecases.tasks import Timed
from xiajiceng.views.console import OVERDUE_STYLE, bar, day, ruled_table, workdays_cell
from xiajiceng.views.phrases import guessed_note, percent, status_label, timing_phrase
from xiajiceng.views.timeline import shorten

SCREEN_LINES = 24
MAX_TASKS = 8
BAR_WIDTH = 20


# below this width the 工作日 cell is short (逾期 3) instead of a phrase (逾期 3 个工作日)
WIDE = 100


GAP = 2  # cells between two columns of a ruled table
MIN_TEXT = 6  # the narrowest a leader or section column gets
MIN_TITLE = 12  # below this a narrow screen drops the leaders instead
TITLE, LEADERS, SECTIONS = 1, 2, 3


def _widths(columns: list[list[str]], heads: list[str], width: int, keep: list[int]) -> list[int]:
    """Widths of the kept columns (0 for the others) that fit `width`: every column as wide
    as its widest cell, then the wider of leaders and sections narrowed, a cell at a time,
    then the title."""
    widths = [
        max(display_width(c) for c in [h, *col]) if i in keep else 0
        for i, (h, col) in enumerate(zip(heads, columns))
    ]
    over = sum(widths) + GAP * (len(keep) - 1) - width
    names = [i for i in (LEADERS, SECTIONS) if i in keep]
    floors = {i: max(MIN_TEXT, display_width(heads[i])) for i in names}
    while over > 0 and names:
        i = max(names, key=lambda j: widths[j] - floors[j])
        if widths[i] <= floors[i]:
            break
        widths[i] -= 1
        over -= 1
    widths[TITLE] -= max(0, over)
    return widths


def attention_table(items: list[Timed], ov: Overview, width: int, wide: bool = True) -> Table:
    """One line per task: titles and names too long for the screen are shortened with '..',
    never wrapped (a title folded to one character a line reads as noise); on a narrow
    screen the leaders give way to the title."""
    plan = ov.plan
    # the units column: 责任科室, or in a plan without sections the lead units (牵头单位)
    unit_role = SECTIONS_ROLE if any(t.sections for t in plan.tasks) else LEAD
    # plans seen together, some by 科室 and some by lead unit: one 单位 column for both
    mixed = unit_role == SECTIONS_ROLE and any(t.lead and not t.sections for t in plan.tasks)
    unit_head = M.COL_UNITS if mixed else plan.word(unit_role)
    heads = [M.COL_ID, M.COL_TASK, plan.word(LEADERS_ROLE), unit_head, M.COL_STATUS]
    heads += [M.COL_DUE, M.COL_WORKDAYS]
    rows: list[list[str | Text]] = []
    for item in items:
        r, tm = item.row, item.timing
        style = OVERDUE_STYLE if r.overdue else ""
        rows.append(
            [
                r.task.id,
                r.task.title,
                " ".join(r.task.leaders),
                " ".join(r.task.owners(unit_role) or (r.task.lead if mixed else ())),
                status_label(r),
                Text(day(r.task.due, ov.plan), style=style),
                Text(timing_phrase(tm), style=style) if wide else workdays_cell(tm),
            ]
        )
    columns = [[c if isinstance(c, str) else c.plain for c in col] for col in zip(*rows)]
    keep = list(range(len(heads)))
    if not any(t.leaders for t in plan.tasks):  # a plan without leaders has no such column
        keep.remove(LEADERS)
    widths = _widths(columns, heads, width, keep)
    if widths[TITLE] < MIN_TITLE and LEADERS in keep:
        keep.remove(LEADERS)
        widths = _widths(columns, heads, width, keep)
    table = ruled_table()
    for i in keep:
        table.add_column(heads[i], no_wrap=True, width=widths[i])
    for cells in rows:
        table.add_row(
            *(
                shorten(c, widths[i]) if isinstance(c, str) else c
                for i, c in enumerate(cells)
                if i in keep
            )
        )
    return table


def _lines(text: str, width: int) -> int:
    """The screen lines a line of text takes at `width`."""
    return max(1, -(-display_width(text) // max(width, 1)))


def show(console: Console, ov: Overview) -> None:
    """At most SCREEN_LINES - 1 lines (the shell's prompt takes the last one, and the pager
    starts at a screenful), whatever the date and the length of titles and names."""
    plan = ov.plan
    width = console.width
    color = console.color_system is not None
    lines: list[Text] = []
    lines.append(Text(shorten(plan.title, width), style="bold"))
    period = M.OVERVIEW_PERIOD.format(
        start=day(plan.period.start, plan),
        end=day(plan.period.end, plan),
        as_of=day(ov.as_of, plan),
    )
    lines.append(Text(shorten(period, width), style="dim"))
    lines.append(Text(""))
    rate_text = M.OVERVIEW_RATE_VERIFIED if ov.pending else M.OVERVIEW_RATE
    rate = Text(
        rate_text.format(
            rate=percent(ov.completion_rate), done=ov.finished, total=ov.total, pending=ov.pending
        )
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

    # as many of the most urgent tasks as fit on one screen with the rest of the overview:
    # the heading, the table's heading and rule, one line a task, "另有 N 项", the footer
    used = sum(_lines(t.plain, width) for t in [*lines, *footer])
    budget = SCREEN_LINES - 1 - used - 1 - 2 - 1
    shown = max(1, min(MAX_TASKS, len(ov.attention), budget))
    console.print(Text(M.OVERVIEW_ATTENTION, style="bold"))
    console.print(attention_table(ov.attention[:shown], ov, width, width >= WIDE))
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
        "finished": ov.finished,  # what completion_rate counts (verified, where required)
        "pending_verification": ov.pending,
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
