"""The terminal 月报 as lines of styled runs, shared by the colour and the plain rendering.

A line is a list of (text, style) runs; the style is a rich style name, or "" for none.
`terminal.show_report` turns the runs into rich Text; `plain_text` joins them, so a report
piped into a file or pasted into a document is clean text, and costs no rich import.
Columns are padded by display width (CJK counts two), so the tallies line up either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from xiajiceng import messages as M
from xiajiceng.model import Note, Plan, PlanTask, Task, shown_note
from xiajiceng.usecases import Group, Report, Row
from xiajiceng.views.dates import short_date

Run = tuple[str, str]
Line = list[Run]
T = TypeVar("T")

BAR_WIDTH = 12
REPORT_LINES = 30  # a section lists at most this many items, then says where the rest is
BOLD, DIM, OVERDUE_STYLE = "bold", "dim", "bold red"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, cells: int, right: bool = False) -> str:
    room = " " * max(cells - width(text), 0)
    return room + text if right else text + room


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def bar(fraction: float, color: bool, cells: int = BAR_WIDTH) -> list[Run]:
    """Coloured cells on a colour terminal; # and . otherwise (no ambiguous-width blocks)."""
    filled = round(fraction * cells)
    if color:
        return [(" " * filled, "on green"), (" " * (cells - filled), "on grey23")]
    return [("#" * filled + "." * (cells - filled), "")]


def names(items: Sequence[str]) -> str:
    return "、".join(items)


def units_text(t: Task | PlanTask) -> str:
    """责任科室 as written; with 牵头/配合 units, one line a role: "牵头：X", "配合：A、B"."""
    if not (t.lead or t.support):
        return "\n".join(t.sections)
    lines = []
    for label, units in (
        (M.IMPORT_ROLE_LEAD, t.lead),
        (M.IMPORT_ROLE_RESPONSIBLE, t.sections),
        (M.IMPORT_ROLE_SUPPORT, t.support),
    ):
        if units:
            lines.append(f"{label}：{names(tuple(units))}")
    return "\n".join(lines)


def tally(title: str, groups: list[Group], labels: list[str], color: bool) -> list[Line]:
    """A titled table of totals: name, tasks, done, bar, rate, overdue."""
    heads = [M.COL_NAME, M.COL_TOTAL, M.COL_DONE, M.COL_PROGRESS, M.COL_RATE, M.OVERDUE]
    rows = [
        [label, str(g.total), str(g.done), "", percent(g.rate), str(g.overdue)]
        for label, g in zip(labels, groups)
    ]
    cells = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(heads)]
    cells[3] = max(cells[3], BAR_WIDTH)
    out: list[Line] = [[(title, BOLD)]]
    head = "  ".join(_pad(h, cells[i], right=i not in (0, 3)) for i, h in enumerate(heads))
    out.append([(head, BOLD)])
    out.append([("-" * width(head), "")])
    for row, g in zip(rows, groups):
        line: Line = [(_pad(row[0], cells[0]), "")]
        for i in (1, 2):
            line.append(("  " + _pad(row[i], cells[i], right=True), ""))
        line.append(("  ", ""))
        line += bar(g.rate, color)
        line.append((" " * (cells[3] - BAR_WIDTH), ""))
        line.append(("  " + _pad(row[4], cells[4], right=True), ""))
        line.append(
            ("  " + _pad(row[5], cells[5], right=True), OVERDUE_STYLE if g.overdue else DIM)
        )
        out.append(line)
    return out


def _task_runs(r: Row, plan: Plan, extra: str = "") -> Line:
    t = r.task
    owners = f"（{names(t.leaders)}；{units_text(t).replace(chr(10), '；')}"
    return [
        (f"{t.id} ", BOLD),
        (t.title, ""),
        (owners + (f"；{extra}）" if extra else "）"), DIM),
    ]


def report_lines(rep: Report, color: bool) -> list[Line]:
    plan = rep.plan
    lines: list[Line] = [
        [(M.REPORT_TITLE.format(year=rep.year, month=rep.month), BOLD)],
        [(M.REPORT_AS_OF.format(plan=plan.title, as_of=short_date(rep.as_of, plan.year)), DIM)],
        [],
    ]
    summary = M.REPORT_SUMMARY.format(
        total=rep.total, rate=percent(rep.completion_rate), **rep.counts
    )
    if rep.overdue:
        summary += M.REPORT_OVERDUE_COUNT.format(n=len(rep.overdue))
    lines += [[(summary, "")], []]
    action_labels = [f"{a.number} {a.name}" for a in plan.actions]
    lines += tally(M.REPORT_BY_ACTION, rep.by_action, action_labels, color) + [[]]
    lines += tally(M.REPORT_BY_LEADER, rep.by_leader, [g.name for g in rep.by_leader], color)
    lines.append([])
    lines += tally(M.REPORT_BY_SECTION, rep.by_section, [g.name for g in rep.by_section], color)
    as_of = rep.as_of.isoformat()

    def section(title: str, items: Sequence[T], line: Callable[[T], Line], hint: str) -> None:
        lines.extend([[], [(title, BOLD)]])
        if not items:
            lines.append([("  " + M.REPORT_NONE, DIM)])
            return
        lines.extend([("  ", ""), *line(item)] for item in items[:REPORT_LINES])
        if len(items) > REPORT_LINES:
            more = M.REPORT_MORE.format(n=len(items) - REPORT_LINES, hint=hint)
            lines.append([("  " + more, DIM)])

    def note_line(item: tuple[Task, Note]) -> Line:
        t, n = item
        return [
            (f"{short_date(n.date, plan.year)} ", DIM),
            (f"{t.id} {t.title}：", BOLD),
            (shown_note(n.text), ""),
            (f"（{n.by}）", DIM),
        ]

    def done_line(r: Row) -> Line:
        done_on = short_date(r.state.done_on, plan.year) if r.state.done_on else ""
        return _task_runs(r, plan, done_on)

    def overdue_line(r: Row) -> Line:
        return _task_runs(r, plan, M.SHOW_DUE + short_date(r.task.due, plan.year))

    whole = M.REPORT_FILE_HINT.format(month=rep.month, year=rep.year)
    section(M.REPORT_DONE_IN_MONTH, rep.done_in_month, done_line, whole)
    section(M.REPORT_NOTES_IN_MONTH, rep.notes_in_month, note_line, whole)
    overdue_hint = f"xjc list --status overdue --as-of {as_of}"
    section(M.REPORT_OVERDUE, rep.overdue, overdue_line, overdue_hint)
    todo_hint = f"xjc list --status todo --as-of {as_of}"
    section(M.REPORT_NOT_STARTED, rep.not_started, lambda r: _task_runs(r, plan), todo_hint)
    return lines


def plain_text(rep: Report) -> str:
    """The report as plain text: no colour, no padding after the last character of a line."""
    out = ("".join(text for text, _ in line).rstrip() for line in report_lines(rep, False))
    return "\n".join(out) + "\n"
