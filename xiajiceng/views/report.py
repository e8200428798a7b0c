"""The monthly report (月报) on the terminal, into a pipe, and as JSON.

The report is laid out once, as lines of styled runs: a line is a list of (text, style) runs,
the style a rich style name or "" for none. `show_report` turns the runs into rich Text;
`plain_text` joins them, so a report piped into a file or pasted into a document is clean text
and costs no rich import. Columns are padded by display width, so the tallies line up
either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from xiajiceng import messages as M
from xiajiceng.model import Note, Plan, Status, Task, shown_note
from xiajiceng.model.plan import LEADERS
from xiajiceng.text import display_width, line_ends
from xiajiceng.usecases.report import Group, PlanPart, Report
from xiajiceng.usecases.tasks import Row
from xiajiceng.views.formats.json import dumps, note
from xiajiceng.views.phrases import BAR_WIDTH, bar, names, pad, percent, short_date, units_text

if TYPE_CHECKING:
    from rich.console import Console

Run = tuple[str, str]
Line = list[Run]
T = TypeVar("T")

REPORT_LINES = 30  # a section lists at most this many items, then says where the rest is
BOLD, DIM, OVERDUE_STYLE = "bold", "dim", "bold red"


def tally(
    title: str,
    groups: list[Group],
    labels: list[str],
    color: bool,
    statuses: bool = False,
    total: Group | None = None,
) -> list[Line]:
    """A titled table of totals: name, tasks, done, (with `statuses` doing, todo and paused,)
    bar, rate, overdue; `total` adds a last row of totals."""
    counted = [Status.DOING, Status.TODO, Status.PAUSED] if statuses else []
    heads = [
        M.COL_NAME,
        M.COL_TOTAL,
        M.COL_DONE,
        *(s.label for s in counted),
        M.COL_PROGRESS,
        M.COL_RATE,
        M.OVERDUE,
    ]
    shown = list(zip(labels, groups)) + ([(M.REPORT_TOTAL_ROW, total)] if total else [])
    rows = [
        [label, str(g.total), str(g.done), *(str(g.counts[s.value]) for s in counted)]
        + ["", percent(g.rate), str(g.overdue)]
        for label, g in shown
    ]
    at = 3 + len(counted)  # the bar's column
    cells = [
        max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(heads)
    ]
    cells[at] = max(cells[at], BAR_WIDTH)
    out: list[Line] = [[(title, BOLD)]]
    head = "  ".join(pad(h, cells[i], right=i not in (0, at)) for i, h in enumerate(heads))
    out.append([(head, BOLD)])
    out.append([("-" * display_width(head), "")])
    for k, (row, (_, g)) in enumerate(zip(rows, shown)):
        line: Line = [(pad(row[0], cells[0]), BOLD if k == len(groups) else "")]
        for i in range(1, at):
            line.append(("  " + pad(row[i], cells[i], right=True), ""))
        line.append(("  ", ""))
        line += bar(g.rate, color)
        line.append((" " * (cells[at] - BAR_WIDTH), ""))
        line.append(("  " + pad(row[at + 1], cells[at + 1], right=True), ""))
        overdue = ("  " + pad(row[at + 2], cells[at + 2], right=True), "")
        line.append((overdue[0], OVERDUE_STYLE if g.overdue else DIM))
        out.append(line)
    return out


def by_role(word: str) -> str:
    """分责任领导, 分牵头单位; 按分管领导 (not 分分管领导)."""
    return (M.REPORT_BY_ROLE_FEN if word.startswith("分") else M.REPORT_BY_ROLE).format(word=word)


def _task_runs(r: Row, plan: Plan, extra: str = "") -> Line:
    """2.1 加强业务指导（沈伟强；组织科；extra）, leaving out what a task does not have."""
    t = r.task
    parts = [names(t.leaders), units_text(t, plan).replace("\n", "；"), extra]
    owners = "；".join(p for p in parts if p)
    return [(f"{t.id} ", BOLD), (t.title, "")] + ([(f"（{owners}）", DIM)] if owners else [])


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
    if rep.parts:  # across an office's plans: a row a plan, and their total
        finished = round(rep.completion_rate * rep.total)
        everything = Group(M.REPORT_TOTAL_ROW, rep.total, rep.counts, len(rep.overdue), finished)
        labels = [p.short for p in rep.parts]
        lines += tally(M.REPORT_BY_PLAN, rep.by_plan, labels, color, True, everything)
    else:
        action_labels = [f"{a.number} {a.name}" for a in plan.actions]
        lines += tally(M.REPORT_BY_ACTION, rep.by_action, action_labels, color)
    for title, groups in (
        (by_role(plan.word(LEADERS)), rep.by_leader),
        (by_role(plan.word(rep.unit_role)), rep.by_section),
    ):
        if groups:  # a role the plan does not use gets no table
            lines += [[], *tally(title, groups, [g.name for g in groups], color)]
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

    def change_line(item: tuple[Row, Status]) -> Line:
        t, now = item[0].task, item[0].state.status
        return [
            (f"{t.id} {t.title}：", BOLD),
            (M.REPORT_STATUS_CHANGED.format(status=now.label), ""),
        ]

    progress = [change_line(c) for c in rep.changed_in_month] + [
        note_line(n) for n in rep.notes_in_month
    ]

    def done_line(r: Row) -> Line:
        done_on = short_date(r.state.done_on, plan.year) if r.state.done_on else ""
        return _task_runs(r, plan, done_on)

    def overdue_line(r: Row) -> Line:
        return _task_runs(r, plan, M.SHOW_DUE + short_date(r.task.due, plan.year))

    whole = M.REPORT_FILE_HINT.format(month=rep.month, year=rep.year)
    section(M.REPORT_DONE_IN_MONTH, rep.done_in_month, done_line, whole)
    section(M.REPORT_NOTES_IN_MONTH, progress, lambda line: line, whole)
    overdue_hint = f"xjc list --status overdue --as-of {as_of}"
    section(M.REPORT_OVERDUE, rep.overdue, overdue_line, overdue_hint)
    paused_hint = f"xjc list --status paused --as-of {as_of}"
    section(M.REPORT_PAUSED, rep.paused, lambda r: _task_runs(r, plan), paused_hint)
    todo_hint = f"xjc list --status todo --as-of {as_of}"
    section(M.REPORT_NOT_STARTED, rep.not_started, lambda r: _task_runs(r, plan), todo_hint)
    return lines


def plain_text(rep: Report) -> str:
    """The report as plain text: no colour, no padding after the last character of a line."""
    out = ("".join(text for text, _ in line).rstrip() for line in report_lines(rep, False))
    return "\n".join(out) + "\n"


def show_report(console: Console, rep: Report) -> None:
    """The 月报 in the terminal: the shared layout, in colour when it can."""
    from rich.text import Text

    color = console.color_system is not None
    lines = [part for line in report_lines(rep, color) for part in fit(line, console.width)]
    console.print(Text("\n").join(Text.assemble(*line) for line in lines))


def fit(line: Line, width: int) -> list[Line]:
    """A line of runs broken to the width by xjc, not by rich: rich would cut 4条 into 4 and
    条 and start a line with 。. Lines after the first are indented two cells more."""
    text = "".join(t for t, _ in line)
    if display_width(text) <= width:
        return [line]
    indent = len(text) - len(text.lstrip(" ")) + 2
    out: list[Line] = []
    start = 0
    for k, end in enumerate(line_ends(text, width, indent)):
        piece: Line = [(" " * indent, "")] if k else []
        at = 0
        for t, style in line:
            a, b = max(start, at), min(end, at + len(t))
            if a < b:
                piece.append((t[a - at : b - at], style))
            at += len(t)
        if k and piece[1:]:  # a continuation does not start with the space it broke at
            piece[1] = (piece[1][0].lstrip(" "), piece[1][1])
        out.append(piece)
        start = end
    return out


def _group(g: Group) -> dict[str, Any]:
    return {
        "name": g.name,
        "total": g.total,
        "counts": g.counts,
        "completion_rate": round(g.rate, 4),
        "overdue": g.overdue,
    }


def _ids(rows: list[Row]) -> list[str]:
    return [r.task.id for r in rows]


def _task_note(t: Task, n: Note) -> dict[str, Any]:
    return {"task": t.id} | (note(n) or {})


def _plan_json(part: PlanPart) -> dict[str, Any]:
    period = part.plan.period
    return {
        "plan": part.short,
        "title": part.plan.title,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
    } | {k: v for k, v in _group(part.group).items() if k != "name"}


def report_json(rep: Report) -> str:
    by_action = [{"action": a.number} | _group(g) for a, g in zip(rep.plan.actions, rep.by_action)]
    across: dict[str, Any] = {}
    if rep.parts:  # each plan's actions by their own numbers and names, and each plan
        by_action = [
            {"plan": p.short, "action": a.action.number} | _group(a.group) | {"name": a.action.name}
            for p in rep.parts
            for a in p.actions
        ]
        across = {"office": rep.office, "by_plan": [_plan_json(p) for p in rep.parts]}
    return dumps(
        {
            "plan": rep.plan.title,
            "year": rep.year,
            "month": rep.month,
            "as_of": rep.as_of.isoformat(),
            "total": rep.total,
            "counts": rep.counts,
            "completion_rate": round(rep.completion_rate, 4),
            "overdue": _ids(rep.overdue),
            "done_in_month": _ids(rep.done_in_month),
            "not_started": _ids(rep.not_started),
            "paused": _ids(rep.paused),
            "status_changes_in_month": [
                {"task": r.task.id, "from": before.value, "to": r.state.status.value}
                for r, before in rep.changed_in_month
            ],
            "notes_in_month": [_task_note(t, n) for t, n in rep.notes_in_month],
            "by_action": by_action,
            "by_leader": [_group(g) for g in rep.by_leader],
            "by_section": [_group(g) for g in rep.by_section],
            "by_section_role": rep.unit_role,
        }
        | across
    )
