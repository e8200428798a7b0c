"""The output-format interface, and the ledger rows every ledger format shares."""

from __future__ import annotations

import re
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


def remark(r: Row, as_of: date, year: int) -> str:
    parts = []
    state = row_state(r, as_of)
    done_on = r.state.done_on
    if state == DONE and done_on is not None:
        parts.append(M.LEDGER_REMARK_DONE.format(date=short_date(done_on, year)))
    elif state == DONE_LATE and done_on is not None:
        late = timing(r.task.due, done_on).days  # working days after the time limit
        template = M.LEDGER_REMARK_DONE_LATE if late else M.LEDGER_REMARK_DONE_LATE_NONE
        parts.append(template.format(date=short_date(done_on, year), n=late))
    elif state == OVERDUE:
        parts.append(timing_phrase(timing(r.task.due, as_of)))  # as the terminal counts
    elif state == DUE_SOON:
        days = (r.task.due - as_of).days
        parts.append(
            M.LEDGER_REMARK_DUE_SOON.format(days=days) if days else M.LEDGER_REMARK_DUE_TODAY
        )
    reminded = sum(d <= as_of for d in r.state.reminders)
    if reminded:
        parts.append(M.LEDGER_REMARK_REMINDED.format(n=reminded))
    n = r.state.last_note
    if n is not None:
        parts.append(M.LEDGER_REMARK_NOTE.format(date=short_date(n.date, year), by=n.by))
    return "；".join(parts)


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
    workbook and the exported value that collect compares it with are the same text."""
    plan, as_of = ledger.plan, ledger.as_of
    columns = ledger_columns(ledger)
    lines = []
    for seq, r in enumerate(ledger.rows, start=1):
        t = r.task
        action = plan.action(t.action)
        action_label = (
            M.LEDGER_ACTION_LABEL.format(number=t.action, name=action.name)
            if action
            else str(t.action)
        )
        by_column: dict[str, str | int] = {
            M.LEDGER_SEQ: seq,
            M.LEDGER_ACTION: action_label,
            M.LEDGER_TASK: f"{t.id} {t.title}",
            plan.word(LEADERS): joined(t.leaders),
            plan.word(LEAD): joined(t.lead),
            plan.word(SECTIONS): joined(t.sections),
            plan.word(SUPPORT): joined(t.support),
            M.LEDGER_ASSIGNEES: joined(r.state.assignees),
            M.LEDGER_DUE: full_date(t.due),
            M.LEDGER_STATUS: status_label(r),
            M.LEDGER_EVIDENCE: evidence_text(r),
            M.LEDGER_NOTE: r.state.last_note.text if r.state.last_note else "",
            M.LEDGER_REMARK: remark(r, as_of, plan.year),
        }
        cells = [by_column[name] for name in columns]
        cells = [neutralise(c) if isinstance(c, str) else c for c in cells]
        lines.append(LedgerLine(t.id, cells, row_state(r, as_of)))
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
