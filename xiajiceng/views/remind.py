"""临近提醒 and 到期催办 (xjc remind): a table a unit for the terminal (overdue in red, due
soon in yellow), tab-separated rows for a pipe, JSON, one short message a unit to paste into
a chat, and what --record wrote. The notices as a Word document: formats/notice.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.model.plan import LEADERS
from xiajiceng.usecases.remind import Group, Item, RecordResult, Reminders, Saved
from xiajiceng.views.formats.json import dumps
from xiajiceng.views.formats.tsv import tsv_line
from xiajiceng.views.phrases import full_date, guessed_note, names, short_date

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

DUE_SOON_STYLE = "yellow"


def unit_name(group: Group) -> str:
    return group.unit or M.REMIND_NO_UNIT


def days_text(item: Item) -> str:
    """逾期 5 / 剩余 2: working days late or left."""
    word = M.OVERDUE if item.timing.late else M.LEFT
    return f"{word} {item.timing.days}"


def kind_label(item: Item) -> str:
    return M.DESC_REMIND[item.kind]


def group_heading(group: Group) -> str:
    parts = []
    if group.overdue:
        parts.append(M.REMIND_COUNT_OVERDUE.format(n=group.overdue))
    if group.due_soon:
        parts.append(M.REMIND_COUNT_DUE_SOON.format(n=group.due_soon))
    return M.REMIND_GROUP_HEADING.format(unit=unit_name(group), counts="，".join(parts))


def summary(rem: Reminders) -> str:
    """截至 3月28日：逾期 4 项，3 个工作日内到期 2 项，涉及 3 个单位。(and on a line of its
    own, the paused tasks left out)"""
    items = rem.items
    late = sum(i.timing.late for i in items)
    counts = []
    if late:
        counts.append(M.REMIND_COUNT_OVERDUE.format(n=late))
    if len(items) > late:
        counts.append(M.REMIND_SUMMARY_SOON.format(within=rem.within, n=len(items) - late))
    text = M.REMIND_SUMMARY.format(
        as_of=short_date(rem.as_of, rem.plan.year),
        counts="，".join(counts),
        units=len(rem.addressed),
    )
    if rem.paused:
        text += "\n" + M.REMIND_PAUSED.format(n=rem.paused)
    return text


def nothing(rem: Reminders) -> str:
    return M.REMIND_NONE.format(as_of=short_date(rem.as_of, rem.plan.year), within=rem.within)


def _table(group: Group, rem: Reminders) -> Table:
    from rich.text import Text

    from xiajiceng.views.console import OVERDUE_STYLE, ruled_table

    plan = rem.plan
    several = len(plan.parts) > 1
    table = ruled_table()
    if several:
        table.add_column(M.COL_PLAN, overflow="fold", min_width=4)
    table.add_column(M.COL_ID, no_wrap=True)
    table.add_column(M.COL_TASK, overflow="fold", ratio=1, min_width=8)
    table.add_column(plan.word(LEADERS), overflow="fold", min_width=6)
    table.add_column(M.COL_ASSIGNEES, overflow="fold", min_width=6)
    table.add_column(M.COL_DUE, no_wrap=True)
    table.add_column(M.COL_WORKDAYS, no_wrap=True)
    table.add_column(M.COL_REMINDED, no_wrap=True, justify="right")
    for item in group.items:
        t = item.task
        style = OVERDUE_STYLE if item.timing.late else DUE_SOON_STYLE
        table.add_row(
            *([t.plan] if several else []),
            t.local_id,
            t.title,
            "\n".join(t.leaders),
            "\n".join(item.row.state.assignees),
            Text(short_date(t.due, plan.year), style=style),
            Text(days_text(item), style=style),
            M.REMIND_TIMES.format(n=item.reminders) if item.reminders else "",
        )
    return table


def show(console: Console, rem: Reminders) -> None:
    from rich.text import Text

    if not rem.groups:
        console.print(nothing(rem))
        return
    for i, group in enumerate(rem.groups):
        if i:
            console.print()
        console.print(Text(group_heading(group), style="bold"))
        console.print(_table(group, rem))
    console.print()
    for line in summary(rem).split("\n"):
        console.print(Text(line, style="dim"))
    note = guessed_note([i.timing for i in rem.items])
    if note:
        console.print(Text(note, style="dim"))


def to_tsv(rem: Reminders) -> str:
    """单位 编号 任务 责任领导 承办人 时限 类别 逾期/剩余 已催办次数: one line a task and unit;
    编号 is 简称:编号 across an office's plans."""
    if not rem.groups:
        return nothing(rem) + "\n"
    out = []
    for group in rem.groups:
        for item in group.items:
            t = item.task
            out.append(
                tsv_line(
                    [
                        group.unit,
                        t.id,
                        t.title,
                        names(t.leaders),
                        names(item.row.state.assignees),
                        t.due.isoformat(),
                        kind_label(item),
                        days_text(item),
                        item.reminders,
                    ]
                )
            )
    return "".join(out)


def _item_json(item: Item) -> dict[str, Any]:
    t = item.task
    where = {"plan": t.plan, "ref": t.id} if t.plan else {}
    return {
        **where,
        "id": t.local_id,
        "title": t.title,
        "leaders": list(t.leaders),
        "assignees": list(item.row.state.assignees),
        "status": item.row.state.status.value,
        "due": t.due.isoformat(),
        "kind": item.kind,
        "workdays": item.timing.days,
        "reminders": item.reminders,
    }


def to_json(rem: Reminders) -> str:
    return dumps(
        {
            "as_of": rem.as_of.isoformat(),
            "within": rem.within,
            "reply_by": rem.reply_by.isoformat(),
            "issuer": rem.issuer,
            "units": [
                {
                    "unit": g.unit or None,
                    "overdue": g.overdue,
                    "due_soon": g.due_soon,
                    "tasks": [_item_json(i) for i in g.items],
                }
                for g in rem.groups
            ],
        }
    )


# -- words the notices share: the chat message and the Word document -----------------------


def plan_refs(group: Group, rem: Reminders) -> str:
    """《title》 of each plan the group's tasks come from."""
    shorts = dict.fromkeys(i.task.plan for i in group.items)
    return "".join(M.REMIND_PLAN_REF.format(title=rem.titles.get(s, s)) for s in shorts)


def task_line(item: Item, rem: Reminders) -> str:
    """抓好选情分析（下基层 2.2），时限3月31日，逾期 5 个工作日，已催办 1 次"""
    from xiajiceng.views.phrases import timing_phrase

    t = item.task
    ref = f"{t.plan} {t.local_id}" if t.plan else t.local_id
    text = M.REMIND_TEXT_TASK.format(
        title=t.title,
        ref=ref,
        due=short_date(t.due, rem.plan.year),
        when=timing_phrase(item.timing),
    )
    if item.reminders:
        text += M.REMIND_TEXT_TIMES.format(n=item.reminders)
    return text


def notice_title(group: Group) -> str:
    """督办通知单 when something is overdue, 工作提醒函 for due-soon tasks only."""
    return M.REMIND_NOTICE_TITLE if group.overdue else M.REMIND_LETTER_TITLE


def notice_body(group: Group, rem: Reminders) -> str:
    if group.overdue and group.due_soon:
        state = M.REMIND_STATE_BOTH.format(within=rem.within)
    elif group.overdue:
        state = M.REMIND_STATE_OVERDUE
    else:
        state = M.REMIND_STATE_DUE_SOON.format(within=rem.within)
    return M.REMIND_BODY.format(
        plans=plan_refs(group, rem),
        as_of=full_date(rem.as_of),
        n=len(group.items),
        state=state,
        reply=full_date(rem.reply_by),
        issuer=rem.issuer,
    )


def chat_text(rem: Reminders) -> str:
    """One short message a unit, ready to paste into a chat: plain text, no table."""
    if not rem.addressed:
        return nothing(rem) + "\n"
    blocks = []
    for group in rem.addressed:
        lines = [
            M.REMIND_TEXT_HEAD.format(title=notice_title(group), unit=group.unit),
            M.REMIND_TEXT_INTRO.format(
                as_of=short_date(rem.as_of, rem.plan.year), n=len(group.items)
            ),
        ]
        lines += [f"{n}. {task_line(item, rem)}；" for n, item in enumerate(group.items, 1)]
        lines.append(M.REMIND_TEXT_REPLY.format(reply=short_date(rem.reply_by, rem.plan.year)))
        lines.append(M.REMIND_TEXT_SIGN.format(issuer=rem.issuer, date=full_date(rem.as_of)))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


# -- what was written ----------------------------------------------------------------------


def saved_lines(saved: Saved, rem: Reminders) -> str:
    if saved.folder is None:
        text = M.REMIND_SAVED.format(path=saved.paths[0], n=len(rem.addressed))
    else:
        text = M.REMIND_SAVED_SPLIT.format(n=len(saved.paths), folder=saved.folder)
    unaddressed = [g for g in rem.groups if not g.unit]
    if unaddressed:
        text += "\n" + M.REMIND_NO_UNIT_LEFT_OUT.format(n=len(unaddressed[0].items))
    return text + "\n"


def recorded_lines(res: RecordResult, rem: Reminders) -> str:
    """One line a task: 已记录 1a2b3c4d：下基层:2.2 到期催办（3月28日，王秘书）."""
    if not res.entries:
        return ""
    out = []
    word = M.REMIND_WOULD_RECORD if res.dry_run else M.REMIND_RECORDED
    for r in res.entries:
        t = r.item.task
        if r.event is None:
            out.append(
                M.REMIND_ALREADY.format(task=t.id, date=short_date(rem.as_of, rem.plan.year))
            )
            continue
        out.append(
            word.format(
                id=r.event.id[:8],
                task=t.id,
                what=kind_label(r.item),
                date=short_date(r.event.date, rem.plan.year),
                by=r.event.by,
            )
        )
    if res.dry_run:
        out.append(M.REMIND_DRY_RUN_DONE)
    return "\n".join(out) + "\n"
