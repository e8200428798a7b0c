"""Reading tasks: the list, one task with its history, the log — as tables for the terminal,
tab-separated rows for a pipe, and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.model import Event, Plan, Status, describe, shown_note
from xiajiceng.model.ledger_layout import owner_roles
from xiajiceng.model.plan import LEAD, LEADERS, SECTIONS, SUPPORT
from xiajiceng.model.workdays import Timing, timing
from xiajiceng.text import display_width, size_text
from xiajiceng.usecases.tasks import HistoryEntry, ListResult, LogResult, Row, ShowResult
from xiajiceng.views.formats.json import dumps, event, evidence, note, roles, row
from xiajiceng.views.formats.tsv import tsv_field, tsv_line
from xiajiceng.views.phrases import guessed_note, names, status_label, timing_phrase, units_text

if TYPE_CHECKING:  # rich is imported by the terminal functions only: rows into a pipe skip it
    from rich.console import Console
    from rich.table import Table


WIDE_TABLE = 140  # from this width on, a column per unit role; below, one 单位 column


def task_table(
    rows: list[Row],
    plan: Plan,
    timings: Mapping[str, Timing] | None = None,
    width: int | None = None,
) -> Table:
    """The list as a table. A column per owner role the plan has (in its own words); on a
    screen narrower than WIDE_TABLE, the unit roles share one 单位 column, a line a role
    (牵头：X / 配合：Y), so that no column is squeezed to a character a line."""
    from rich.text import Text

    from xiajiceng.views.console import (
        OVERDUE_STYLE,
        day,
        note_text,
        ruled_table,
        status_text,
        workdays_cell,
    )

    table = ruled_table()
    several = len(plan.parts) > 1  # an office's plans together: a 方案 column
    if several:
        table.add_column(M.COL_PLAN, no_wrap=True)
    table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_TASK, overflow="fold", ratio=3, min_width=8)
    roles = owner_roles(plan)
    unit_roles = [role for role in roles if role != LEADERS]
    together = width is not None and width < WIDE_TABLE and len(unit_roles) > 1
    shown = [role for role in roles if role == LEADERS or not together]
    for role in shown:
        word = plan.word(role)
        table.add_column(word, overflow="fold", min_width=max(6, display_width(word)))
    if together:
        table.add_column(M.COL_UNITS, overflow="fold", min_width=12, ratio=2)
    table.add_column(M.COL_ASSIGNEES, overflow="fold", min_width=6)
    table.add_column(M.COL_STATUS, no_wrap=True)
    table.add_column(M.COL_DUE, no_wrap=True)
    if timings is not None:
        table.add_column(M.COL_WORKDAYS, no_wrap=True)
    table.add_column(M.COL_LAST_NOTE, overflow="fold", ratio=3, min_width=8)
    for r in rows:
        t = r.task
        cells: list[str | Text] = [
            *([t.plan] if several else []),
            t.local_id,
            t.title,
            *("\n".join(t.owners(role)) for role in shown),
            *([units_text(t, plan)] if together else []),
            "\n".join(r.state.assignees),
            status_text(r),
            Text(day(t.due, plan), style=OVERDUE_STYLE if r.overdue else ""),
        ]
        if timings is not None:
            cells.append(workdays_cell(timings.get(t.id)))
        cells.append(note_text(r.state.last_note, plan))
        table.add_row(*cells)
    return table


def show_list(console: Console, res: ListResult, workdays: bool | None = None) -> None:
    """The ledger table; with a 工作日 column for overdue lists (or when asked)."""
    from rich.text import Text

    from xiajiceng.views.console import (
        day,
    )

    as_of = day(res.as_of, res.plan)
    if not res.rows:
        console.print(M.LIST_EMPTY.format(total=res.total, as_of=as_of))
        return
    if workdays is None:
        workdays = res.filters.status == "overdue"
    timings = None
    if workdays:
        timings = {
            r.task.id: timing(r.task.due, res.as_of)
            for r in res.rows
            if r.state.status is not Status.DONE
        }
    console.print(task_table(res.rows, res.plan, timings, console.width))
    caption = M.LIST_CAPTION.format(shown=len(res.rows), total=res.total, as_of=as_of)
    if res.more:
        caption += M.LIST_MORE.format(more=res.more)
    console.print(Text(caption, style="dim"))
    note = guessed_note(list(timings.values())) if timings else None
    if note:
        console.print(Text(note, style="dim"))


def recorded_on(e: Event) -> date:
    """The day a record was made (its recording time is an ISO timestamp)."""
    return date.fromisoformat(e.recorded[:10])


def when_cell(e: Event, plan: Plan) -> str:
    """The effective date, and the day it was recorded when that was another day."""
    from xiajiceng.views.console import day

    if recorded_on(e) == e.date:
        return day(e.date, plan)
    return M.LOG_RECORDED_LATER.format(date=day(e.date, plan), recorded=day(recorded_on(e), plan))


def history_table(
    entries: list[HistoryEntry], plan: Plan, with_task: bool, recorded: bool = False
) -> Table:
    from rich.text import Text

    from xiajiceng.views.console import (
        day,
        ruled_table,
    )

    table = ruled_table()
    table.add_column(M.COL_EVENT, no_wrap=True, style="dim")
    table.add_column(M.COL_DATE, no_wrap=True)
    if with_task:
        table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_WHAT, overflow="fold", ratio=1)
    table.add_column(M.COL_BY, overflow="fold", max_width=10)
    for h in entries:
        e = h.event
        what = Text(describe(e))
        if h.revoked:
            what.stylize("strike dim")
            what.append(M.EVENT_UNDONE, style="dim")
        elif h.conflict == "won":
            what.append(M.SYNC_CONFLICT_MARK, style="bold")
        elif h.conflict == "lost":
            what.stylize("dim")
            what.append(M.SYNC_LOST_MARK, style="yellow")
        cells: list[str | Text] = [e.id[:8], when_cell(e, plan) if recorded else day(e.date, plan)]
        if with_task:
            cells.append(e.task or M.LOG_PLAN_WIDE)
        cells += [what, e.by]
        table.add_row(*cells)
    return table


def show_task(console: Console, res: ShowResult) -> None:
    from rich.table import Table
    from rich.text import Text

    from xiajiceng.views.console import (
        OVERDUE_STYLE,
        PENDING_STYLE,
        STATUS_STYLE,
        day,
    )

    plan, r = res.plan, res.row
    t = r.task
    action = plan.action(t.action)
    head = Text(f"{t.id} ", style="bold")
    head.append(t.title, style="bold")
    console.print(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(no_wrap=True, style="dim")
    facts.add_column(overflow="fold")
    if action is not None:
        facts.add_row(M.SHOW_ACTION, f"{action.number} {action.name}")
    # one line per owner role: those of the plan's roles the task has (责任领导 and 责任科室
    # of a plan in the bundled plan's shape always, as before)
    roles = owner_roles(plan)
    classic = LEAD not in roles and SUPPORT not in roles
    for role in roles:
        given = t.owners(role)
        if not given and not (classic or (role == SECTIONS and not (t.lead or t.support))):
            continue
        text = names(given)
        if role == SECTIONS and M.EVERY_SECTION in t.sections:
            text += f"（{names(tuple(sorted(t.units, key=plan.roster.sections.index)))}）"
        facts.add_row(plan.word(role), text)
    facts.add_row(M.COL_ASSIGNEES, names(r.state.assignees) or M.NOBODY)
    due = Text(day(t.due, plan) + (f"（{t.due_text}）" if t.due_text else ""))
    tm = timing(t.due, res.as_of) if r.state.status is not Status.DONE else None
    if tm is not None:
        due.append("  " + timing_phrase(tm))
    if t.recurrence:
        due.append(f"；{M.COL_RECURRENCE}：{t.recurrence}")
    if r.overdue:
        due.stylize(OVERDUE_STYLE)
    facts.add_row(M.SHOW_DUE, due)
    label = status_label(r)
    pending = label == M.STATUS_PENDING
    state = Text(label, style=PENDING_STYLE if pending else STATUS_STYLE[r.state.status])
    if r.overdue:
        state.append(" " + M.OVERDUE, style=OVERDUE_STYLE)
    state.append("  " + M.SHOW_AS_OF.format(as_of=day(res.as_of, plan)), style="dim")
    facts.add_row(M.SHOW_STATE, state)
    reminded = sum(d <= res.as_of for d in r.state.reminders)
    if reminded:
        last = max(d for d in r.state.reminders if d <= res.as_of)
        facts.add_row(
            M.SHOW_REMINDED, M.SHOW_REMINDED_TEXT.format(n=reminded, last=day(last, plan))
        )
    if r.state.done_on:
        facts.add_row(M.SHOW_DONE_ON, day(r.state.done_on, plan))
    if r.state.verified_on and t.verify:
        facts.add_row(M.SHOW_VERIFIED_ON, day(r.state.verified_on, plan))
    if r.state.evidence:
        facts.add_row(M.SHOW_EVIDENCE, evidence_lines(r, plan))
    if t.text:
        facts.add_row(M.SHOW_TEXT, t.text)
    console.print(facts)
    console.print()
    console.print(Text(M.SHOW_HISTORY, style="bold"))
    if res.history:
        console.print(history_table(res.history, plan, with_task=False))
    else:
        console.print(Text(M.SHOW_NO_HISTORY, style="dim"))
    note = guessed_note([tm]) if tm is not None else None
    if note:
        console.print(Text(note, style="dim"))


def evidence_lines(r: Row, plan: Plan) -> str:
    """One line a file attached (佐证材料): name (size, date)."""
    from xiajiceng.views.console import day

    return "\n".join(
        M.EVIDENCE_LINE.format(name=x.name, size=size_text(x.size), date=day(x.date, plan))
        for x in r.state.evidence
    )


def show_log(console: Console, res: LogResult) -> None:
    from rich.text import Text

    if not res.entries:
        console.print(M.LOG_EMPTY)
        return
    console.print(
        history_table(res.entries, res.plan, with_task=res.task_id is None, recorded=True)
    )
    caption = M.LOG_CAPTION.format(n=len(res.entries))
    if res.more:
        caption += M.LOG_MORE.format(more=res.more)
    console.print(Text(caption, style="dim"))


def list_tsv(res: ListResult) -> str:
    """编号 任务 责任领导 责任科室 承办人 状态 时限 逾期/剩余 最新进展日期 最新进展; the owner
    fields are those of the plan (owner_roles): 责任领导, 牵头单位, 责任科室, 配合单位."""
    from xiajiceng.model import Status

    roles = owner_roles(res.plan)
    out = []
    for r in res.rows:
        t, s = r.task, r.state
        when = ""
        if s.status is not Status.DONE:
            when = timing_phrase(timing(t.due, res.as_of))
        note = s.last_note
        out.append(
            tsv_line(
                [
                    t.id,
                    t.title,
                    *("、".join(t.owners(role)) for role in roles),
                    "、".join(s.assignees),
                    status_label(r),
                    t.due.isoformat(),
                    when,
                    note.date.isoformat() if note else "",
                    shown_note(note.text) if note else "",
                ]
            )
        )
    return "".join(out)


def log_tsv(res: LogResult) -> str:
    """记录 日期 编号 内容 记录人 (已撤销 when revoked); 日期 is the effective date, and the
    day of recording after it when that was another day: 2023-03-01（2023-03-05补记）."""
    from xiajiceng.model import describe

    undone = M.EVENT_UNDONE
    later = M.LOG_RECORDED_LATER
    out = []
    for e, revoked, _ in res.entries:
        fields = [e.id[:8], e.task or "", describe(e) + undone if revoked else describe(e), e.by]
        if not "".join(fields).isprintable():  # a tab or line break inside: fold them
            fields = [tsv_field(f) for f in fields]
        ident, task, what, by = fields
        when = e.date.isoformat()  # the effective date first, so the rows sort by it
        if not e.recorded.startswith(when):  # recorded on another day
            when = later.format(date=when, recorded=recorded_on(e).isoformat())
        out.append(f"{ident.strip()}\t{when}\t{task.strip()}\t{what.strip()}\t{by.strip()}\n")
    return "".join(out)


def _history(entries: list[HistoryEntry]) -> list[dict[str, Any]]:
    return [event(h.event, h.revoked) | {"conflict": h.conflict} for h in entries]


def show_json(res: ShowResult) -> str:
    out = row(res.row)
    if res.plan.has_roles:
        out["roles"] = roles(res.row.task)
        out["recurrence"] = res.row.task.recurrence
    out |= {
        "text": res.row.task.text,
        "due_text": res.row.task.due_text,
        "as_of": res.as_of.isoformat(),
        "notes": [note(n) for n in res.row.state.notes],
        "evidence": [evidence(x) for x in res.row.state.evidence],
        "history": _history(res.history),
    }
    return dumps(out)


def log_json(res: LogResult) -> str:
    return dumps(_history(res.entries))
