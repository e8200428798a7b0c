"""Tables and text for the terminal. Only the views import rich.

No ambiguous-width characters (box drawing, ●, …, →) are used in borders or marks: they
take two cells in many CJK terminals and break the alignment of every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.model import Note, Plan, Status, describe, shown_note
from xiajiceng.safetext import first_control, neutralise
from xiajiceng.usecases import (
    CheckResult,
    HistoryEntry,
    ListResult,
    LogResult,
    Report,
    Row,
    ShowResult,
    WriteResult,
)
from xiajiceng.views import reportlines
from xiajiceng.views.dates import short_date
from xiajiceng.views.plain import guessed_note, timing_phrase
from xiajiceng.views.reportlines import BAR_WIDTH, names, units_text
from xiajiceng.workdays import Timing, timing

# A header rule of ASCII hyphens, no vertical lines: safe in every terminal.
RULE = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)

STATUS_STYLE = {
    Status.TODO: "",
    Status.DOING: "cyan",
    Status.DONE: "green",
    Status.PAUSED: "magenta",
}
OVERDUE_STYLE = "bold red"


class SafeConsole(Console):
    """A console that shows control characters in what it prints as visible escapes.

    Every piece of text a view hands rich passes through render_str (plain strings) or
    render (Text, in a table cell or on its own): the one place where text recorded by
    anyone becomes what a terminal obeys, so no view has to remember to neutralise it.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(neutralise(text), **kwargs)

    def render(self, renderable: Any, options: Any = None) -> Any:
        if isinstance(renderable, Text):
            renderable = safe_text(renderable)
        return super().render(renderable, options)


def safe_text(text: Text) -> Text:
    """The Text with its control characters escaped, each piece keeping its styles."""
    if first_control(text.plain) is None:
        return text
    cuts = sorted({i for span in text.spans for i in (span.start, span.end)} - {0})
    out = text.blank_copy()
    for piece in text.divide(cuts):
        start = len(out)
        out.append(neutralise(piece.plain))
        for span in piece.spans:
            out.stylize(span.style, start, len(out))
    return out


def make_console(out: TextIO, environ: Mapping[str, str]) -> Console:
    """A console for one command, built from the command's environment (never module-level)."""
    width = environ.get("COLUMNS", "")
    no_color = "NO_COLOR" in environ
    force = environ.get("FORCE_COLOR") not in (None, "")
    return SafeConsole(
        file=out,
        width=int(width) if width.isdigit() and int(width) > 0 else None,
        no_color=no_color,
        force_terminal=True if force else None,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


def day(d: date, plan: Plan) -> str:
    """3月31日 within the plan's year, 2024年3月31日 outside it."""
    return short_date(d, plan.year)


def status_text(row: Row) -> Text:
    text = Text(row.state.status.label, style=STATUS_STYLE[row.state.status])
    if row.overdue:
        text.append("\n" + M.OVERDUE, style=OVERDUE_STYLE)
    return text


def note_text(n: Note | None, plan: Plan) -> Text:
    if n is None:
        return Text("")
    text = Text(day(n.date, plan) + " ", style="dim")
    text.append(shown_note(n.text))
    return text


def _table(**kw: Any) -> Table:
    return Table(
        box=RULE, pad_edge=False, show_edge=False, collapse_padding=True, header_style="bold", **kw
    )


def workdays_cell(tm: Timing | None) -> Text:
    """逾期 3 / 剩余 5 under a 工作日 heading (the list's optional column)."""
    if tm is None:
        return Text("")
    word = M.OVERDUE if tm.late else M.LEFT
    return Text(f"{word} {tm.days}", style=OVERDUE_STYLE if tm.late else "")


def task_table(rows: list[Row], plan: Plan, timings: Mapping[str, Timing] | None = None) -> Table:
    table = _table()
    table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_TASK, overflow="fold", ratio=3, min_width=8)
    table.add_column(M.COL_LEADERS, overflow="fold", min_width=6)
    table.add_column(M.COL_SECTIONS, overflow="fold", min_width=6)
    table.add_column(M.COL_ASSIGNEES, overflow="fold", min_width=6)
    table.add_column(M.COL_STATUS, no_wrap=True)
    table.add_column(M.COL_DUE, no_wrap=True)
    if timings is not None:
        table.add_column(M.COL_WORKDAYS, no_wrap=True)
    table.add_column(M.COL_LAST_NOTE, overflow="fold", ratio=3, min_width=8)
    for r in rows:
        t = r.task
        cells: list[str | Text] = [
            t.id,
            t.title,
            "\n".join(t.leaders),
            units_text(t),
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
    console.print(task_table(res.rows, res.plan, timings))
    caption = M.LIST_CAPTION.format(shown=len(res.rows), total=res.total, as_of=as_of)
    if res.more:
        caption += M.LIST_MORE.format(more=res.more)
    console.print(Text(caption, style="dim"))
    note = guessed_note(list(timings.values())) if timings else None
    if note:
        console.print(Text(note, style="dim"))


def history_table(entries: list[HistoryEntry], plan: Plan, with_task: bool) -> Table:
    table = _table()
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
        cells: list[str | Text] = [e.id[:8], day(e.date, plan)]
        if with_task:
            cells.append(e.task or M.LOG_PLAN_WIDE)
        cells += [what, e.by]
        table.add_row(*cells)
    return table


def show_task(console: Console, res: ShowResult) -> None:
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
    facts.add_row(M.COL_LEADERS, names(t.leaders))
    sections = names(t.sections)
    if M.EVERY_SECTION in t.sections:
        sections += f"（{names(tuple(sorted(t.units, key=plan.roster.sections.index)))}）"
    if t.sections or not (t.lead or t.support):
        facts.add_row(M.COL_SECTIONS, sections)
    if t.lead:
        facts.add_row(M.COL_LEAD_UNITS, names(t.lead))
    if t.support:
        facts.add_row(M.COL_SUPPORT_UNITS, names(t.support))
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
    state = Text(r.state.status.label, style=STATUS_STYLE[r.state.status])
    if r.overdue:
        state.append(" " + M.OVERDUE, style=OVERDUE_STYLE)
    state.append("  " + M.SHOW_AS_OF.format(as_of=day(res.as_of, plan)), style="dim")
    facts.add_row(M.SHOW_STATE, state)
    if r.state.done_on:
        facts.add_row(M.SHOW_DONE_ON, day(r.state.done_on, plan))
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


def show_log(console: Console, res: LogResult) -> None:
    if not res.entries:
        console.print(M.LOG_EMPTY)
        return
    console.print(history_table(res.entries, res.plan, with_task=res.task_id is None))
    console.print(Text(M.LOG_CAPTION.format(n=len(res.entries)), style="dim"))


def show_written(console: Console, res: WriteResult, plan: Plan) -> None:
    e = res.event
    if res.target is not None:
        t = res.target
        line = M.UNDONE.format(
            id=t.id[:8], task=t.task or "", what=describe(t), date=day(t.date, plan), by=t.by
        )
    else:
        line = M.RECORDED.format(
            id=e.id[:8], task=e.task or "", what=describe(e), date=day(e.date, plan), by=e.by
        )
    console.print(line, soft_wrap=True)


# -- report ------------------------------------------------------------------------------------


def bar(fraction: float, color: bool, width: int = BAR_WIDTH) -> Text:
    """A progress bar that is safe in CJK terminals: coloured cells, or # and . without colour."""
    return Text.assemble(*reportlines.bar(fraction, color, width))


def show_report(console: Console, rep: Report) -> None:
    """The 月报 in the terminal: the shared layout of reportlines, in colour when it can."""
    color = console.color_system is not None
    lines = reportlines.report_lines(rep, color)
    console.print(Text("\n").join(Text.assemble(*line) for line in lines))


# -- check -------------------------------------------------------------------------------------


def check_lines(res: CheckResult) -> list[tuple[str, str]]:
    """(level, sentence) for everything `xjc check` found, plan first."""
    out: list[tuple[str, str]] = []
    if res.plan_error:
        out.append((M.CHECK_PROBLEM, res.plan_error))
    else:
        out.append((M.CHECK_OK, M.CHECK_PLAN_OK.format(path=res.plan_path, tasks=res.tasks)))
    if not res.journal_exists:
        out.append((M.CHECK_OK, M.CHECK_JOURNAL_NONE.format(path=res.journal_path)))
    else:
        line = M.CHECK_JOURNAL_OK.format(path=res.journal_path, events=res.events, size=res.size)
        out.append((M.CHECK_OK, line))
    for number, problem in res.bad_lines:
        out.append((M.CHECK_PROBLEM, M.CHECK_BAD_LINE.format(line=number, problem=problem)))
    if res.torn_tail:
        out.append((M.CHECK_NOTE, M.CHECK_TORN_TAIL.format(n=res.torn_tail)))
    if res.torn_file:
        out.append((M.CHECK_NOTE, M.CHECK_TORN_FILE.format(path=res.journal_path + ".torn")))
    for event_id, task in res.unknown_tasks:
        out.append((M.CHECK_PROBLEM, M.CHECK_UNKNOWN_TASK.format(id=event_id[:8], task=task)))
    for event_id in res.missing_targets:
        out.append((M.CHECK_PROBLEM, M.CHECK_MISSING_TARGET.format(id=event_id[:8])))
    if res.duplicate_ids:
        out.append((M.CHECK_NOTE, M.CHECK_DUPLICATES.format(n=len(res.duplicate_ids))))
    return out


def show_check(console: Console, res: CheckResult) -> None:
    styles = {M.CHECK_OK: "green", M.CHECK_PROBLEM: "bold red", M.CHECK_NOTE: "yellow"}
    lines = check_lines(res)
    for level, sentence in lines:
        text = Text(f"[{level}] ", style=styles[level])
        text.append(sentence)
        console.print(text, soft_wrap=True)
    problems = sum(level == M.CHECK_PROBLEM for level, _ in lines)
    summary = M.CHECK_SUMMARY_BAD.format(n=problems) if problems else M.CHECK_SUMMARY_OK
    console.print(Text(summary, style="bold"))
