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
from xiajiceng.views.formats.base import full_date, joined, short_date, subject

if TYPE_CHECKING:
    from xiajiceng.model import Plan, Task
    from xiajiceng.usecases.report import Report
    from xiajiceng.usecases.tasks import Row


@dataclass(frozen=True)
class Block:
    kind: str  # TITLE, SUBTITLE, H1, H2, PARA, ITEM, TABLE, CHART, SIGNATURE
    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # cells may hold "\n"
    widths: list[float] = field(default_factory=list)  # relative column widths
    lines: list[str] = field(default_factory=list)  # SIGNATURE


TITLE, SUBTITLE, H1, H2, PARA, ITEM, TABLE, CHART, SIGNATURE = (
    "title",
    "subtitle",
    "h1",
    "h2",
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
    return M.REPORT_FILE_TITLE.format(
        year=rep.year, month=rep.month, subject=subject(rep.plan.title)
    )


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def _state(r: Row, year: int) -> str:
    if r.state.status is Status.DONE and r.state.done_on is not None:
        return M.REPORT_STATE_DONE.format(date=short_date(r.state.done_on, year))
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


def _problem(r: Row, plan: Plan, roles: tuple[str, ...]) -> str:
    t = r.task
    parts = _owner_parts(plan, t, roles, every=False)
    parts.append(M.REPORT_DUE.format(due=short_date(t.due, plan.year)))
    return M.REPORT_PROBLEM_TASK.format(id=t.id, title=t.title, owners="；".join(parts))


def _next(r: Row, plan: Plan, roles: tuple[str, ...]) -> str:
    t = r.task
    names = "；".join(
        joined(t.owners(role)) if role in (LEADERS, SECTIONS) else part
        for role in roles
        for part in _owner_parts(plan, t, (role,), every=False)
    )
    return M.REPORT_NEXT_TASK.format(
        id=t.id,
        title=t.title,
        status=_state(r, plan.year),
        due=short_date(t.due, plan.year),
        owners=f"（{names}）" if names else "",
    )


def build(rep: Report) -> list[Block]:
    plan, year = rep.plan, rep.year
    blocks = [
        Block(TITLE, report_title(rep)),
        Block(
            SUBTITLE,
            M.REPORT_FILE_SUBTITLE.format(
                year=rep.as_of.year, month=rep.as_of.month, day=rep.as_of.day
            ),
        ),
    ]

    # 一、总体情况
    blocks.append(Block(H1, M.REPORT_H_OVERVIEW))
    overview = M.REPORT_OVERVIEW.format(
        plan=plan.title,
        actions=len(plan.actions),
        total=rep.total,
        as_of=short_date(rep.as_of, year),
        rate=percent(rep.completion_rate),
        **rep.counts,
    )
    overview += M.REPORT_OVERVIEW_MONTH.format(
        done=len(rep.done_in_month), notes=len(rep.notes_in_month)
    )
    overview += (
        M.REPORT_OVERVIEW_OVERDUE.format(n=len(rep.overdue))
        if rep.overdue
        else M.REPORT_OVERVIEW_NO_OVERDUE
    )
    blocks.append(Block(PARA, overview))
    by_action = "；".join(
        M.REPORT_OVERVIEW_ACTION.format(
            name=a.name, total=g.total, done=g.done, rate=percent(g.rate)
        )
        for a, g in zip(plan.actions, rep.by_action)
    )
    blocks.append(Block(PARA, M.REPORT_OVERVIEW_ACTIONS + by_action + "。"))
    blocks.append(Block(CHART))

    # 二、分项进展
    blocks.append(Block(H1, M.REPORT_H_ACTIONS))
    notes: dict[str, list[str]] = {}
    for t, n in rep.notes_in_month:
        notes.setdefault(t.id, []).append(
            M.REPORT_MONTH_NOTE.format(date=short_date(n.date, year), text=shown_note(n.text))
        )
    done_now = {r.task.id for r in rep.done_in_month}
    changed = {
        r.task.id: M.REPORT_STATUS_CHANGED.format(status=r.state.status.label)
        for r, _ in rep.changed_in_month
    }
    roles = owner_roles(plan)
    for i, a in enumerate(plan.actions, start=1):
        blocks.append(Block(H2, M.REPORT_H_ACTION.format(cn=cn_number(i), name=a.name)))
        rows = []
        for r in rep.rows:
            if r.task.action != a.number:
                continue
            month = [changed[r.task.id]] if r.task.id in changed else []
            month += notes.get(r.task.id, [])
            if r.task.id in done_now and r.state.done_on is not None:
                month.append(M.REPORT_STATE_DONE.format(date=short_date(r.state.done_on, year)))
            rows.append(
                [
                    f"{r.task.id} {r.task.title}",
                    _owners(r, plan, roles),
                    _state(r, year),
                    "\n".join(month) or M.REPORT_NO_MONTH_NOTE,
                ]
            )
        blocks.append(
            Block(
                TABLE,
                headers=[
                    M.REPORT_COL_TASK,
                    _owners_header(plan, roles),
                    M.REPORT_COL_STATE,
                    M.REPORT_COL_MONTH,
                ],
                rows=rows,
                widths=[3.0, 5.0, 2.6, 4.4],  # the owners' heading fits on one line
            )
        )

    # 三、存在问题
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
        blocks.extend(Block(ITEM, _problem(r, plan, roles)) for r in rows_)
    if not sub:
        blocks.append(Block(PARA, M.REPORT_PROBLEMS_NO_TASKS))

    # 四、下步打算
    blocks.append(Block(H1, M.REPORT_H_NEXT))
    still_open = [r for r in rep.rows if r.state.status is not Status.DONE]
    still_open.sort(key=lambda r: (r.task.due, r.task.action))
    if still_open:
        blocks.append(Block(PARA, M.REPORT_NEXT_INTRO.format(n=len(still_open))))
        blocks.extend(Block(ITEM, _next(r, plan, roles)) for r in still_open)
    else:
        blocks.append(Block(PARA, M.REPORT_NEXT_NONE))

    blocks.append(
        Block(
            SIGNATURE,
            lines=[plan.issuer, full_date(rep.as_of)] if plan.issuer else [full_date(rep.as_of)],
        )
    )
    return blocks
