"""The output-format interface, and the ledger rows every ledger format shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.model import Status
from xiajiceng.model import ledger_layout as S
from xiajiceng.model.plan import LEAD, LEADERS, SECTIONS, SUPPORT
from xiajiceng.model.workdays import timing
from xiajiceng.text import neutralise
from xiajiceng.views.phrases import full_date, short_date, status_label, timing_phrase

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger, OfficeLedger, Tally
    from xiajiceng.usecases.report import Report
    from xiajiceng.usecases.tasks import Row


class Format:
    """One file format. A format writes a ledger, a report, or both; the rest refuse."""

    name = ""

    def ledger(self, ledger: Ledger) -> bytes:
        raise NotImplementedError(f"{self.name} does not write ledgers")

    def report(self, rep: Report) -> bytes:
        raise NotImplementedError(f"{self.name} does not write reports")

    def office_ledger(self, led: OfficeLedger) -> bytes:
        """The ledger across the plans of an office folder: by default, the rows of them
        all as one ledger (what JSON writes)."""
        return self.ledger(led.joined)

    def writes_ledger(self) -> bool:
        return type(self).ledger is not Format.ledger

    def writes_report(self) -> bool:
        return type(self).report is not Format.report


# -- dates and names in files ------------------------------------------------------------------


_YEAR_PREFIX = re.compile(r"^\s*\d{4}\s*年(度)?")


def subject(plan_title: str) -> str:
    """What the plan is about: 2023年干部下基层工作实施方案 → 干部下基层."""
    text = _YEAR_PREFIX.sub("", plan_title).strip()
    text = text.replace("“", "").replace("”", "").replace('"', "")
    changed = True
    while changed:
        changed = False
        for suffix in M.REPORT_FILE_SUBJECT_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = True
    return text or plan_title


def joined(items: tuple[str, ...] | list[str]) -> str:
    return "、".join(items)


# -- the ledger rows -----------------------------------------------------------------------

DUE_SOON_DAYS = 7

DONE, DONE_LATE, OVERDUE, DUE_SOON = "done", "done_late", "overdue", "due_soon"
# the 汇总's status columns, in the order an office reads them
SUMMARY_STATUSES = (Status.DONE, Status.DOING, Status.TODO, Status.PAUSED)


@dataclass(frozen=True)
class LedgerLine:
    """One task of the ledger, as the cells of the ledger columns (ledger_columns)."""

    task_id: str
    cells: list[str | int]
    state: str | None  # DONE, DONE_LATE, OVERDUE, DUE_SOON or None: how the row is filled


def row_state(r: Row, as_of: date) -> str | None:
    if r.state.status is Status.DONE:
        done_on = r.state.done_on
        return DONE_LATE if done_on is not None and done_on > r.task.due else DONE
    if r.overdue:
        return OVERDUE
    if 0 <= (r.task.due - as_of).days <= DUE_SOON_DAYS:
        return DUE_SOON
    return None


class _Remarks:
    """备注 for the rows of one ledger: the done date, how late or how soon, reminders, who
    noted last. Each date's text and each time limit's working days are worked out once
    (10,000 tasks share a few hundred dates)."""

    def __init__(self, as_of: date, year: int):
        self.as_of, self.year = as_of, year
        self.dates: dict[date, str] = {}
        self.late: dict[tuple[date, date], int] = {}
        self.overdue: dict[date, str] = {}

    def short(self, d: date) -> str:
        text = self.dates.get(d)
        if text is None:
            text = self.dates[d] = short_date(d, self.year)
        return text

    def __call__(self, r: Row, state: str | None) -> str:
        parts = []
        as_of = self.as_of
        done_on = r.state.done_on
        if state == DONE and done_on is not None:
            parts.append(M.LEDGER_REMARK_DONE.format(date=self.short(done_on)))
        elif state == DONE_LATE and done_on is not None:
            key = (r.task.due, done_on)
            late = self.late.get(key)
            if late is None:  # working days after the time limit
                late = self.late[key] = timing(r.task.due, done_on).days
            template = M.LEDGER_REMARK_DONE_LATE if late else M.LEDGER_REMARK_DONE_LATE_NONE
            parts.append(template.format(date=self.short(done_on), n=late))
        elif state == OVERDUE:
            phrase = self.overdue.get(r.task.due)
            if phrase is None:  # as the terminal counts
                phrase = self.overdue[r.task.due] = timing_phrase(timing(r.task.due, as_of))
            parts.append(phrase)
        elif state == DUE_SOON:
            days = (r.task.due - as_of).days
            parts.append(
                M.LEDGER_REMARK_DUE_SOON.format(days=days) if days else M.LEDGER_REMARK_DUE_TODAY
            )
        reminders = r.state.reminders
        if reminders:
            reminded = sum(d <= as_of for d in reminders)
            if reminded:
                parts.append(M.LEDGER_REMARK_REMINDED.format(n=reminded))
        n = r.state.last_note
        if n is not None:
            parts.append(M.LEDGER_REMARK_NOTE.format(date=self.short(n.date), by=n.by))
        return "；".join(parts)


def remark(r: Row, as_of: date, year: int) -> str:
    return _Remarks(as_of, year)(r, row_state(r, as_of))


def evidence_text(r: Row) -> str:
    """佐证材料 as a ledger cell: how many, and their names."""
    files = r.state.evidence
    if not files:
        return ""
    return M.LEDGER_EVIDENCE_CELL.format(n=len(files), names="、".join(x.name for x in files))


def ledger_columns(ledger: Ledger) -> tuple[str, ...]:
    """The visible columns of this ledger: the owner columns follow what the plan has, and a
    佐证材料 column (before 备注) when some task has files attached."""
    columns = S.columns(ledger.plan)
    if any(r.state.evidence for r in ledger.rows):
        at = columns.index(M.LEDGER_REMARK)
        columns = (*columns[:at], M.LEDGER_EVIDENCE, *columns[at:])
    return columns


def ledger_lines(ledger: Ledger) -> list[LedgerLine]:
    """The rows of every ledger format. Their texts are neutralised here, once (control
    characters recorded in the journal or the plan as visible escapes): a cell of the
    workbook and the exported value that collect compares it with are the same text.

    Only the columns the ledger has are worked out, and the texts many rows share (an
    action's label, a time limit, a group of owners) once each: 10,000 rows in a tenth of
    a second."""
    plan, as_of = ledger.plan, ledger.as_of
    remarks = _Remarks(as_of, plan.year)
    labels: dict[int, str] = {}
    dates: dict[date, str] = {}
    names: dict[tuple[str, ...], str] = {}

    def label(number: int) -> str:
        text = labels.get(number)
        if text is None:
            action = plan.action(number)
            text = labels[number] = neutralise(
                M.LEDGER_ACTION_LABEL.format(number=number, name=action.name)
                if action
                else str(number)
            )
        return text

    def due(d: date) -> str:
        text = dates.get(d)
        if text is None:
            text = dates[d] = neutralise(full_date(d))
        return text

    def names_of(items: tuple[str, ...] | list[str]) -> str:
        key = tuple(items)
        text = names.get(key)
        if text is None:
            text = names[key] = neutralise(joined(key))
        return text

    def note(r: Row) -> str:
        n = r.state.last_note
        return neutralise(n.text) if n is not None else ""

    # what each column holds, as (number, row, fill) → cell; a plan's word for a role that
    # is also another column's name stands for the role, as it always has
    cell: dict[str, Callable[[int, Row, str | None], str | int]] = {
        M.LEDGER_SEQ: lambda seq, r, state: seq,
        M.LEDGER_ACTION: lambda seq, r, state: label(r.task.action),
        M.LEDGER_TASK: lambda seq, r, state: neutralise(f"{r.task.id} {r.task.title}"),
        plan.word(LEADERS): lambda seq, r, state: names_of(r.task.leaders),
        plan.word(LEAD): lambda seq, r, state: names_of(r.task.lead),
        plan.word(SECTIONS): lambda seq, r, state: names_of(r.task.sections),
        plan.word(SUPPORT): lambda seq, r, state: names_of(r.task.support),
        M.LEDGER_ASSIGNEES: lambda seq, r, state: names_of(r.state.assignees),
        M.LEDGER_DUE: lambda seq, r, state: due(r.task.due),
        M.LEDGER_STATUS: lambda seq, r, state: neutralise(status_label(r)),
        M.LEDGER_EVIDENCE: lambda seq, r, state: neutralise(evidence_text(r)),
        M.LEDGER_NOTE: lambda seq, r, state: note(r),
        M.LEDGER_REMARK: lambda seq, r, state: neutralise(remarks(r, state)),
    }
    cells = [cell[name] for name in ledger_columns(ledger)]
    lines = []
    for seq, r in enumerate(ledger.rows, start=1):
        state = row_state(r, as_of)
        lines.append(LedgerLine(r.task.id, [get(seq, r, state) for get in cells], state))
    return lines


def ledger_title(ledger: Ledger) -> str:
    title = M.LEDGER_TITLE.format(year=ledger.plan.year, subject=subject(ledger.plan.title))
    return neutralise(title)


def ledger_subtitle(ledger: Ledger) -> str:
    text = M.LEDGER_SUBTITLE.format(as_of=full_date(ledger.as_of))
    f = ledger.filters
    parts = [
        f.leader,
        f.section,
        M.LEDGER_ACTION_LABEL.format(number=f.action, name=ledger.plan.action(f.action).name)  # type: ignore[union-attr]
        if f.action is not None
        else None,
        _status_filter(f.status),
        f.assignee,
    ]
    shown = [p for p in parts if p]
    if shown:
        text += M.LEDGER_FILTERS.format(filters="，".join(shown))
    return neutralise(text)


def _status_filter(given: str | None) -> str | None:
    if not given:
        return None
    return M.LEDGER_FILTER_STATUS.get(given) or M.STATUS_LABELS.get(given, given)


# -- the ledger across the plans of an office folder ------------------------------------------


def office_columns(led: OfficeLedger) -> tuple[str, ...]:
    """One table across plans: 方案, the ledger columns of the plans joined (the owner columns
    any plan has, in the words they share), and the task's full id (下基层:2.3)."""
    return (M.COL_PLAN, *ledger_columns(led.joined), S.ID_COLUMN)


def office_lines(led: OfficeLedger) -> list[list[str | int]]:
    """The rows of office_columns: each task as its own plan's ledger has it (its own action
    and id, its remark), its owners as the roster across plans names them, numbered on."""
    columns = ledger_columns(led.joined)
    owners = set(columns) - set(S.COLUMNS) | {M.LEDGER_LEADERS, M.LEDGER_SECTIONS}
    joined = iter(ledger_lines(led.joined))
    out: list[list[str | int]] = []
    for part in led.parts:
        own_columns = ledger_columns(part.ledger)
        for own in ledger_lines(part.ledger):
            line = next(joined)
            mine = dict(zip(own_columns, own.cells))
            theirs = dict(zip(columns, line.cells))
            cells = [theirs[c] if c in owners or c not in mine else mine[c] for c in columns]
            cells[columns.index(M.LEDGER_SEQ)] = len(out) + 1
            out.append([neutralise(part.short), *cells, line.task_id])
    return out


def summary_subtitle(led: OfficeLedger) -> str:
    """共3个方案，617项任务；截至2023年3月10日（and the filters, as a single plan's)."""
    head = M.LEDGER_SUMMARY_SUBTITLE.format(n=len(led.parts), tasks=led.total.tasks)
    return head + ledger_subtitle(led.joined)


def rate_text(rate: float) -> str:
    return M.LEDGER_SUM_RATE_VALUE.format(rate=rate * 100)


def plan_table(led: OfficeLedger) -> tuple[list[str], list[list[str | int]]]:
    """The 汇总's table of plans × status, with a total row (完成率 as text)."""
    header = [
        M.LEDGER_SUM_SHORT,
        M.LEDGER_SUM_TITLE,
        M.LEDGER_SUM_TASKS,
        *(s.label for s in SUMMARY_STATUSES),
        M.LEDGER_SUM_OVERDUE,
        M.LEDGER_SUM_RATE,
    ]
    rows = [
        [neutralise(t.name), neutralise(t.title), *_numbers(t), rate_text(t.rate)]
        for t in (p.tally for p in led.parts)
    ]
    rows.append([M.LEDGER_SUM_TOTAL, "", *_numbers(led.total), rate_text(led.total.rate)])
    return header, rows


def _numbers(t: Tally) -> list[str | int]:
    return [t.tasks, *(t.counts[s] for s in SUMMARY_STATUSES), t.overdue]


def unit_table(led: OfficeLedger) -> tuple[list[str], list[list[str | int]]]:
    """The 汇总's table per unit across plans (完成率 as text)."""
    header = [
        M.LEDGER_SUM_UNIT,
        M.LEDGER_SUM_TASKS,
        M.LEDGER_SUM_DONE,
        M.LEDGER_SUM_OVERDUE,
        M.LEDGER_SUM_RATE,
        M.LEDGER_SUM_PLANS,
    ]
    rows: list[list[str | int]] = [
        [neutralise(u.name), u.tasks, u.done, u.overdue, rate_text(u.rate), u.plans]
        for u in led.units
    ]
    return header, rows
