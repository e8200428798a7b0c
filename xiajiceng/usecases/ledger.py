"""Use cases for the files an office hands in: export the ledger, write the monthly report to
a file, and collect a ledger a 科室 filled in. Plain functions; nothing here prints.

Renderers (bytes from a result) are passed in by the caller from the views, so this layer
never imports a view; the files themselves are written by the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import SheetError, UsageError
from xiajiceng.model import MAX_NOTE_CHARS, Event, Op, Plan, Status, Task, TaskState, split_names
from xiajiceng.model.names import parse_status, status_choices
from xiajiceng.store import Workspace
from xiajiceng.store.files import write_atomic
from xiajiceng.store.journal import Snapshot
from xiajiceng.store.sheets import Cells, LedgerSheet, plan_fingerprint, read_ledger_sheet
from xiajiceng.text import escape_char, first_control
from xiajiceng.usecases.record import Stamp, new_event
from xiajiceng.usecases.report import Report, report
from xiajiceng.usecases.tasks import ListFilters, ListResult, Query, Row, list_tasks

# -- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ledger:
    """The ledger as exported: the listed rows, and the identity of the plan file."""

    listing: ListResult
    digest: str  # SHA-256 of the plan file

    @property
    def plan(self) -> Plan:
        return self.listing.plan

    @property
    def as_of(self) -> date:
        return self.listing.as_of

    @property
    def rows(self) -> list[Row]:
        return self.listing.rows

    @property
    def filters(self) -> ListFilters:
        return self.listing.filters


@dataclass(frozen=True)
class Saved:
    path: Path
    count: int  # tasks in the file
    as_of: date


def ledger(ws: Workspace, as_of: date, query: Query | None = None) -> Ledger:
    return Ledger(list_tasks(ws, as_of, query), plan_fingerprint(ws.source.path))


def export_ledger(
    ws: Workspace,
    path: Path,
    as_of: date,
    render: Callable[[Ledger], bytes],
    query: Query | None = None,
) -> Saved:
    led = ledger(ws, as_of, query)
    write_atomic(path, render(led))
    return Saved(path, len(led.rows), as_of)


def report_file(
    ws: Workspace,
    path: Path,
    month: int,
    year: int | None,
    render: Callable[[Report], bytes],
) -> Saved:
    rep = report(ws, month, year)
    write_atomic(path, render(rep))
    return Saved(path, rep.total, rep.as_of)


# -- collect ---------------------------------------------------------------------------------

FIELD_STATUS = "status"
FIELD_ASSIGNEES = "assignees"
FIELD_NOTE = "note"


@dataclass(frozen=True)
class Change:
    row: int  # the sheet's row number
    task: Task
    field: str  # FIELD_STATUS, FIELD_ASSIGNEES or FIELD_NOTE
    before: str
    after: str


@dataclass(frozen=True)
class Wanted:
    """What one sheet row asks for, checked against the plan."""

    row: int
    task: Task
    status: Status
    assignees: list[str]
    note: str
    base: Cells | None  # the cells as exported, when the sheet remembers them


@dataclass(frozen=True)
class CollectResult:
    plan: Plan
    path: Path
    changes: list[Change]
    written: list[Event]
    dry_run: bool


def _sheet_status(given: str, row: int, path: Path) -> Status:
    try:
        if not given:
            raise UsageError("")
        return parse_status(given)
    except UsageError:
        raise SheetError(
            M.ERR_SHEET_STATUS.format(
                path=path, row=row, given=given or M.COLLECT_EMPTY, valid=status_choices()
            )
        ) from None


def _refuse_controls(cells: Cells, row: int, path: Path) -> None:
    """A cell that would be recorded may not hold control characters (a sheet comes by
    e-mail: ESC would reach every colleague's terminal); line breaks are text."""
    for column, value in (
        (M.LEDGER_STATUS, cells.status),
        (M.LEDGER_ASSIGNEES, cells.assignees),
        (M.LEDGER_NOTE, cells.note),
    ):
        ch = first_control(value)
        if ch is not None:
            raise SheetError(
                M.ERR_SHEET_CONTROL.format(path=path, row=row, column=column, char=escape_char(ch))
            )


def check_sheet(ws: Workspace, sheet: LedgerSheet) -> list[Wanted]:
    """Refuse a sheet of another plan, unknown task ids and status words, naming the row."""
    plan = ws.plan
    if sheet.plan_title != plan.title:
        raise SheetError(
            M.ERR_SHEET_OTHER_PLAN.format(
                path=sheet.path, sheet_plan=sheet.plan_title, plan=plan.title
            )
        )
    if sheet.digest != plan_fingerprint(ws.source.path):
        raise SheetError(M.ERR_SHEET_PLAN_CHANGED.format(path=sheet.path, plan=plan.title))
    wanted = []
    for r in sheet.rows:
        task = plan.task(r.task)
        if task is None:
            raise SheetError(
                M.ERR_SHEET_UNKNOWN_TASK.format(
                    path=sheet.path, row=r.row, given=r.task, valid=plan.task_range()
                )
            )
        _refuse_controls(r.cells, r.row, sheet.path)
        status = _sheet_status(r.cells.status, r.row, sheet.path)
        if len(r.cells.note) > MAX_NOTE_CHARS:
            raise SheetError(
                M.ERR_SHEET_NOTE_TOO_LONG.format(
                    path=sheet.path, row=r.row, n=len(r.cells.note), limit=MAX_NOTE_CHARS
                )
            )
        names = list(dict.fromkeys(split_names(r.cells.assignees)))
        wanted.append(Wanted(r.row, task, status, names, r.cells.note, sheet.base.get(r.task)))
    return wanted


def _names(items: list[str]) -> str:
    return "、".join(items) or M.COLLECT_EMPTY


def _changes(w: Wanted, state: TaskState) -> list[Change]:
    """The cells of one row that a 科室 changed and that differ from the current state.

    A cell still holding what was exported is not a change, so a sheet handed back late
    never undoes what was recorded after it was exported.
    """
    out = []
    base = w.base
    base_status = _base_status(base.status) if base else None
    if w.status is not base_status and w.status is not state.status:
        out.append(Change(w.row, w.task, FIELD_STATUS, state.status.label, w.status.label))
    base_names = set(split_names(base.assignees)) if base else None
    if set(w.assignees) != base_names and set(w.assignees) != set(state.assignees):
        out.append(
            Change(w.row, w.task, FIELD_ASSIGNEES, _names(state.assignees), _names(w.assignees))
        )
    last = state.last_note.text if state.last_note else ""
    if w.note and (base is None or w.note != base.note) and w.note != last:
        out.append(Change(w.row, w.task, FIELD_NOTE, last or M.COLLECT_EMPTY, w.note))
    return out


def _base_status(word: str) -> Status | None:
    try:
        return parse_status(word)
    except UsageError:
        return None


def _events(w: Wanted, state: TaskState, changes: list[Change], stamp: Stamp) -> list[Event]:
    fields = {c.field for c in changes}
    note = w.note if FIELD_NOTE in fields else None
    events = []
    if FIELD_ASSIGNEES in fields:
        add = [n for n in w.assignees if n not in state.assignees]
        remove = [n for n in state.assignees if n not in w.assignees]
        events.append(new_event(stamp, Op.ASSIGN, w.task.id, {"add": add, "remove": remove}, None))
    if FIELD_STATUS in fields:
        if w.status is Status.DONE:
            events.append(new_event(stamp, Op.DONE, w.task.id, None, note))
        elif state.status is Status.DONE and w.status is Status.DOING:
            events.append(new_event(stamp, Op.REOPEN, w.task.id, None, note))
        else:
            events.append(new_event(stamp, Op.STATUS, w.task.id, w.status.value, note))
    elif note is not None:
        events.append(new_event(stamp, Op.NOTE, w.task.id, None, note))
    return events


def collect(ws: Workspace, path: Path, stamp: Stamp, dry_run: bool = False) -> CollectResult:
    """Record what a filled-in ledger changed; with dry_run, only say what that would be."""
    wanted = check_sheet(ws, read_ledger_sheet(path))
    found: list[Change] = []

    def make(snap: Snapshot) -> list[Event]:
        states = snap.states([t.id for t in ws.plan.tasks])
        found.clear()
        new: list[Event] = []
        for w in wanted:
            changes = _changes(w, states[w.task.id])
            found.extend(changes)
            if changes:
                new.extend(_events(w, states[w.task.id], changes, stamp))
        return [] if dry_run else new

    if dry_run:
        make(ws.journal.snapshot())
        written: list[Event] = []
    else:
        written = ws.journal.append(make)
    return CollectResult(ws.plan, path, list(found), written, dry_run)
