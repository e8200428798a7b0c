"""The monthly report (月报) as a document: blocks that every report format renders alike.

Headings follow 公文 practice: 一、 for sections, （一） for sub-sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.model import Status, shown_note
from xiajiceng.model.ledger_layout import owner_roles
from xiajiceng.model.plan import LEADERS, SECTIONS
from xiajiceng.usecases.report import Group
from xiajiceng.views.formats.base import full_date, joined, short_date, subject
from xiajiceng.views.phrases import status_label

if TYPE_CHECKING:
    from xiajiceng.model import Plan, Task
    from xiajiceng.usecases.report import Report
    from xiajiceng.usecases.tasks import Row


@dataclass(frozen=True)
class Block:
    kind: str  # TITLE, SUBTITLE, H1, H2, H3, PARA, ITEM, TABLE, CHART, SIGNATURE
    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # cells may hold "\n"
    widths: list[float] = field(default_factory=list)  # relative column widths
    lines: list[str] = field(default_factory=list)  # SIGNATURE
    centred: int = 0  # TABLE: the columns from this one on are centred (numbers); 0: none


TITLE, SUBTITLE, H1, H2, H3, PARA, ITEM, TABLE, CHART, SIGNATURE = (
    "title",
    "subtitle",
    "h1",
    "h2",
    "h3",
    "para",
    "item",
    "table",
    "chart",
    "signature",
)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings)."""
    digits = M.CN_NUMERALS
    if n <= 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + digits[10] + (digits[ones] if ones else "")


def report_title(rep: Report) -> str:
    if rep.parts:
        return M.REPORT_FILE_TITLE_OFFICE.format(office=rep.office, year=rep.year, month=rep.month)
    return M.REPORT_FILE_TITLE.format(
        year=rep.year, month=rep.month, subject=subject(rep.plan.title)
    )


def issuer(rep: Report) -> str:
    """Who the report is from: the plan's issuer; across plans, the one they share, if any."""
    found = {p.plan.issuer for p in rep.parts} if rep.parts else {rep.plan.issuer}
    return found.pop() if len(found) == 1 else ""


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def _state(r: Row, year: int) -> str:
    if r.state.status is Status.DONE and r.state.done_on is not None:
        done = M.REPORT_STATE_DONE.format(date=short_date(r.state.done_on, year))
        label = status_label(r)  # 待审核 / 已销号 where the office verifies done tasks
        return done if label == r.state.status.label else f"{done}（{label}）"
    if r.overdue:
        return M.REPORT_STATE_OVERDUE.format(status=r.state.status.label)
    return r.state.status.label


def _role_label(plan: Plan, role: str) -> str:
    """How a report names a role beside names: 责任领导, 责任科室, 牵头, 配合 (the plan's words)."""
    return plan.short_word(role)


def _owner_parts(plan: Plan, t: Task, roles: tuple[str, ...], every: bool) -> list[str]:
    """ "role：names" for each role the plan has; a unit role the task lacks is left out, and
    leaders and sections too unless `every` (a table keeps its lines in step)."""
    parts = []
    for role in roles:
        names = joined(t.owners(role))
        if names or (every and role in (LEADERS, SECTIONS)):
            parts.append(M.REPORT_OWNER.format(role=_role_label(plan, role), names=names))
    return parts


def _owners(r: Row, plan: Plan, roles: tuple[str, ...]) -> str:
    lines = _owner_parts(plan, r.task, roles, every=True)
    lines.append(f"{M.COL_ASSIGNEES}：{joined(r.state.assignees) or M.NOBODY}")
    return "\n".join(lines)


def _owners_header(plan: Plan, roles: tuple[str, ...]) -> str:
    section, assignee = M.REPORT_COL_OWNER_ROLES
    heads = {LEADERS: plan.word(LEADERS), SECTIONS: section}
    return "／".join([heads.get(role) or _role_label(plan, role) for role in roles] + [assignee])


def _problem(r: Row, plan: Plan, roles: tuple[str, ...], year: int) -> str:
    t = r.task
    parts = _owner_parts(plan, t, roles, every=False)
    parts.append(M.REPORT_DUE.format(due=short_date(t.due, year)))
    return M.REPORT_PROBLEM_TASK.format(id=t.id, title=t.title, owners="；".join(parts))


def _next(r: Row, plan: Plan, roles: tuple[str, ...], year: int) -> str:
    t = r.task
    names = "；".join(
        joined(t.owners(role)) if role in (LEADERS, SECTIONS) else part
        for role in roles
        for part in _owner_parts(plan, t, (role,), every=False)
    )
    return M.REPORT_NEXT_TASK.format(
        id=t.id,
        title=t.title,
        status=_state(r, year),
        due=short_date(t.due, year),
        owners=f"（{names}）" if names else "",
    )


@dataclass(frozen=True)
class _Month:
    """What the month brought each task, as the 本月进展 cells say it."""

    notes: dict[str, list[str]]
    done: set[str]
    changed: dict[str, str]


def _month(rep: Report) -> _Month:
    notes: dict[str, list[str]] = {}
    for t, n in rep.notes_in_month:
        notes.setdefault(t.id, []).append(
            M.REPORT_MONTH_NOTE.format(date=short_date(n.date, rep.year), text=shown_note(n.text))
        )
    changed = {
        r.task.id: M.REPORT_STATUS_CHANGED.format(status=r.state.status.label)
        for r, _ in rep.changed_in_month
    }
    return _Month(notes, {r.task.id for r in rep.done_in_month}, changed)


def _progress(rows: list[Row], plan: Plan, month: _Month, year: int) -> Block:
    """The 分项进展 table of an action: task, owners, state, what the month brought. Tasks
    are named as their plan names them (2.3, not 下基层:2.3)."""
    roles = owner_roles(plan)
    cells = []
    for r in rows:
        tid = r.task.id
        this = [month.changed[tid]] if tid in month.changed else []
        this += month.notes.get(tid, [])
        if tid in month.done and r.state.done_on is not None:
            this.append(M.REPORT_STATE_DONE.format(date=short_date(r.state.done_on, year)))
        cells.append(
            [
                f"{r.task.local_id} {r.task.title}",
                _owners(r, plan, roles),
                _state(r, year),
                "\n".join(this) or M.REPORT_NO_MONTH_NOTE,
            ]
        )
    return Block(
        TABLE,
        headers=[
            M.REPORT_COL_TASK,
            _owners_header(plan, roles),
            M.REPORT_COL_STATE,
            M.REPORT_COL_MONTH,
        ],
        rows=cells,
        widths=[3.0, 5.0, 2.6, 4.4],  # the owners' heading fits on one line
    )


_COUNTED = (Status.DONE, Status.DOING, Status.TODO, Status.PAUSED)


def _counts(heading: str, groups: list[Group], total: Group | None = None) -> Block:
    """A table of totals: a group a row (a plan, a 科室, a leader), and maybe their total."""
    shown = [*groups, total] if total else groups
    return Block(
        TABLE,
        headers=[heading, M.COL_TOTAL, *(s.label for s in _COUNTED), M.OVERDUE, M.COL_RATE],
        rows=[
            [g.name, str(g.total), *(str(g.counts[s.value]) for s in _COUNTED)]
            + [str(g.overdue), percent(g.rate)]
            for g in shown
        ],
        widths=[4.0, 1.6, 1.6, 1.6, 1.6, 1.4, 1.4, 1.6],
        centred=1,
    )


def _plans_overview(rep: Report) -> list[Block]:
    """一、总体情况 across an office's plans: the whole, then by plan, by unit, by leader."""
    plan = rep.plan
    text = M.REPORT_OVERVIEW_OFFICE.format(
        office=rep.office,
        plans=len(rep.parts),
        total=rep.total,
        as_of=short_date(rep.as_of, rep.year),
        rate=percent(rep.completion_rate),
        **rep.counts,
    )
    blocks = [Block(PARA, text + _month_and_overdue(rep)), Block(CHART)]
    finished = round(rep.completion_rate * rep.total)
    everything = Group(M.REPORT_TOTAL_ROW, rep.total, rep.counts, len(rep.overdue), finished)
    tables = [
        (M.COL_PLAN, rep.by_plan, everything),
        (plan.word(rep.unit_role), rep.by_section, None),
        (plan.word(LEADERS), rep.by_leader, None),
    ]
    shown = [(word, groups, total) for word, groups, total in tables if groups]
    for i, (word, groups, total) in enumerate(shown, start=1):
        blocks.append(Block(H2, M.REPORT_H_COUNT_BY.format(cn=cn_number(i), word=word)))
        blocks.append(_counts(word, groups, total))
    return blocks


def _month_and_overdue(rep: Report) -> str:
    text = M.REPORT_OVERVIEW_MONTH.format(
        done=len(rep.done_in_month), notes=len(rep.notes_in_month)
    )
    return text + (
        M.REPORT_OVERVIEW_OVERDUE.format(n=len(rep.overdue))
        if rep.overdue
        else M.REPORT_OVERVIEW_NO_OVERDUE
    )


def _plan_progress(rep: Report, month: _Month) -> list[Block]:
    """二、分项进展 across an office's plans: a heading a plan, its summary, then a table an
    action."""
    blocks = []
    for i, part in enumerate(rep.parts, start=1):
        plan, g = part.plan, part.group
        heading = M.REPORT_H_PLAN.format(cn=cn_number(i), title=plan.title, short=part.short)
        text = M.REPORT_PLAN_OVERVIEW.format(
            start=full_date(plan.period.start),
            end=short_date(plan.period.end, plan.period.start.year),
            actions=len(plan.actions),
            total=g.total,
            rate=percent(g.rate),
            **g.counts,
        )
        overdue = [r for r in part.rows if r.overdue]
        text += (
            M.REPORT_OVERVIEW_OVERDUE.format(n=len(overdue))
            if overdue
            else M.REPORT_OVERVIEW_NO_OVERDUE
        )
        if rep.as_of < plan.period.start or rep.month_start > plan.period.end:
            text += M.REPORT_PLAN_NOT_IN_MONTH
        blocks += [Block(H2, heading), Block(PARA, text)]
        for a in part.actions:
            name = M.REPORT_H_PLAN_ACTION.format(n=a.action.number, name=a.action.name)
            blocks += [Block(H3, name), _progress(a.rows, plan, month, rep.year)]
    return blocks


def build(rep: Report) -> list[Block]:
    plan, year = rep.plan, rep.year
    as_of = rep.as_of
    subtitle = (
        M.REPORT_FILE_SUBTITLE_OFFICE.format(
            n=len(rep.parts), year=as_of.year, month=as_of.month, day=as_of.day
        )
        if rep.parts
        else M.REPORT_FILE_SUBTITLE.format(year=as_of.year, month=as_of.month, day=as_of.day)
    )
    blocks = [Block(TITLE, report_title(rep)), Block(SUBTITLE, subtitle)]

    # 一、总体情况
    blocks.append(Block(H1, M.REPORT_H_OVERVIEW))
    if rep.parts:
        blocks += _plans_overview(rep)
    else:
        overview = M.REPORT_OVERVIEW.format(
            plan=plan.title,
            actions=len(plan.actions),
            total=rep.total,
            as_of=short_date(rep.as_of, year),
            rate=percent(rep.completion_rate),
            **rep.counts,
        )
        blocks.append(Block(PARA, overview + _month_and_overdue(rep)))
        actions = "；".join(
            M.REPORT_OVERVIEW_ACTION.format(
                name=a.name, total=g.total, done=g.done, rate=percent(g.rate)
            )
            for a, g in zip(plan.actions, rep.by_action)
        )
        blocks.append(Block(PARA, M.REPORT_OVERVIEW_ACTIONS + actions + "。"))
        blocks.append(Block(CHART))

    # 二、分项进展
    blocks.append(Block(H1, M.REPORT_H_ACTIONS))
    month = _month(rep)
    if rep.parts:
        blocks += _plan_progress(rep, month)
    else:
        by_action: dict[int, list[Row]] = {}
        for r in rep.rows:
            by_action.setdefault(r.task.action, []).append(r)
        for i, a in enumerate(plan.actions, start=1):
            blocks.append(Block(H2, M.REPORT_H_ACTION.format(cn=cn_number(i), name=a.name)))
            blocks.append(_progress(by_action.get(a.number, []), plan, month, year))

    # 三、存在问题 and 四、下步打算 name tasks 简称:编号 across plans, each in its plan's words
    members = {p.short: p.plan for p in rep.parts}
    roles = {short: owner_roles(p) for short, p in members.items()}
    roles[""] = owner_roles(plan)

    def problem(r: Row) -> str:
        t = r.task
        return _problem(r, members.get(t.plan, plan), roles[t.plan], plan.year)

    def next_step(r: Row) -> str:
        t = r.task
        return _next(r, members.get(t.plan, plan), roles[t.plan], plan.year)

    blocks.append(Block(H1, M.REPORT_H_PROBLEMS))
    overdue = {r.task.id for r in rep.overdue}
    groups = [
        (M.REPORT_PROBLEMS_OVERDUE, rep.overdue),
        (M.REPORT_PROBLEMS_PAUSED, [r for r in rep.paused if r.task.id not in overdue]),
        (M.REPORT_PROBLEMS_NOT_STARTED, rep.not_started),
    ]
    sub = 0
    for template, rows_ in groups:
        if not rows_:
            continue
        sub += 1
        blocks.append(Block(H2, template.format(cn=cn_number(sub), n=len(rows_))))
        blocks.extend(Block(ITEM, problem(r)) for r in rows_)
    if not sub:
        blocks.append(Block(PARA, M.REPORT_PROBLEMS_NO_TASKS))

    # 四、下步打算
    blocks.append(Block(H1, M.REPORT_H_NEXT))
    still_open = [r for r in rep.rows if r.state.status is not Status.DONE]
    still_open.sort(key=lambda r: (r.task.due, r.task.action))
    if still_open:
        blocks.append(Block(PARA, M.REPORT_NEXT_INTRO.format(n=len(still_open))))
        blocks.extend(Block(ITEM, next_step(r)) for r in still_open)
    else:
        blocks.append(Block(PARA, M.REPORT_NEXT_NONE))

    sender = issuer(rep)
    blocks.append(
        Block(SIGNATURE, lines=[sender, full_date(rep.as_of)] if sender else [full_date(rep.as_of)])
    )
    return blocks
