"""Use cases for the files an office hands in: export the ledger, write the monthly report to
a file, and collect a ledger a 科室 filled in. Plain functions; nothing here prints.

Renderers (bytes from a result) are passed in by the caller from the views, so this layer
never imports a view; the files themselves are written by the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.errors import SheetError, UsageError
from xiajiceng.model import MAX_NOTE_CHARS, Event, Op, Plan, Status, Task, TaskState, split_names
from xiajiceng.model.names import parse_status, status_choices
from xiajiceng.store import Workspace
from xiajiceng.store.files import write_atomic
from xiajiceng.store.journal import Snapshot
from xiajiceng.store.sheets import (
    Cells,
    LedgerSheet,
    plan_fingerprint,
    read_ledger_book,
    read_ledger_sheet,
)
from xiajiceng.text import escape_char, first_control
from xiajiceng.usecases.record import Stamp, make_stamp, new_event
from xiajiceng.usecases.report import Report, report
from xiajiceng.usecases.tasks import ListFilters, ListResult, Query, Row, list_tasks

if TYPE_CHECKING:
    from xiajiceng.env import Env

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
    plans: int = 0  # plans in a ledger across the plans of an office folder


@dataclass(frozen=True)
class Tally:
    """Tasks of a plan or a unit by status, and how many are overdue."""

    name: str
    title: str  # a plan's title; "" for a unit
    counts: dict[Status, int]
    overdue: int
    plans: int = 1  # plans a unit has tasks in

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[Status.DONE]

    @property
    def rate(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


def tally(name: str, rows: Sequence[Row], title: str = "", plans: int = 1) -> Tally:
    counts = dict.fromkeys(Status, 0)
    for r in rows:
        counts[r.state.status] += 1
    return Tally(name, title, counts, sum(r.overdue for r in rows), plans)


@dataclass(frozen=True)
class PlanLedger:
    """One plan's part of a ledger across plans: its own ledger, as a single plan's."""

    short: str
    ledger: Ledger
    tally: Tally


@dataclass(frozen=True)
class OfficeLedger:
    """The ledger across the active plans of an office folder: the rows of them all (what
    `list --json` lists), each plan's own ledger, and the tallies of the 汇总 sheet."""

    joined: Ledger  # the plans joined (model.plan.union); no digest
    parts: list[PlanLedger]  # the plans with tasks in the ledger, in the folder's order
    total: Tally
    units: list[Tally]  # per unit (责任科室 or 牵头单位, as the roster across plans names it)

    @property
    def as_of(self) -> date:
        return self.joined.as_of


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
    ws.journal.release()  # the states are found: the workbook's writer needs the memory
    write_atomic(path, render(led))
    return Saved(path, len(led.rows), as_of)


def office_ledger(
    ws: Workspace,
    plans: Sequence[tuple[str, Workspace]],
    as_of: date,
    query: Query | None = None,
) -> OfficeLedger:
    """The ledger across plans: `ws` is the plans joined (usecases.office.scope), `plans`
    each plan's own workspace. The filters are matched once, across the plans; each plan's
    part is its own tasks (its owners as written, its own actions) with the states found.
    With a filter, a plan none of whose tasks match is left out."""
    listing = list_tasks(ws, as_of, query)
    by_plan: dict[str, list[Row]] = {}
    for r in listing.rows:
        by_plan.setdefault(r.task.plan, []).append(r)
    filtered = listing.filters != ListFilters()
    parts = []
    for short, own in plans:
        joined_rows = by_plan.get(short, [])
        if filtered and not joined_rows:
            continue
        plan = own.plan
        rows = [Row(plan.task(r.task.local_id), r.state, r.overdue) for r in joined_rows]  # type: ignore[arg-type]
        # --action names an action of the plans joined: in this plan, its own number
        action = rows[0].task.action if rows and listing.filters.action is not None else None
        filters = replace(listing.filters, action=action)
        part = ListResult(plan, as_of, rows, len(plan.tasks), filters)
        led = Ledger(part, plan_fingerprint(own.source.path))
        parts.append(PlanLedger(short, led, tally(short, joined_rows, plan.title)))
    return OfficeLedger(
        Ledger(listing, ""), parts, tally("", listing.rows), _unit_tallies(ws.plan, listing.rows)
    )


def _unit_tallies(plan: Plan, rows: Sequence[Row]) -> list[Tally]:
    """Per unit that is responsible for (责任科室, 各科室 included) or leads (牵头单位) a task;
    supporting units (配合单位) are not counted. In the roster's order."""
    by_unit: dict[str, list[Row]] = {}
    for r in rows:
        t = r.task
        every = M.EVERY_SECTION in t.sections
        owning = {*t.sections, *t.lead}
        for unit in t.units | owning:
            if unit in owning or (every and unit not in t.support):
                by_unit.setdefault(unit, []).append(r)
    by_unit.pop(M.EVERY_SECTION, None)
    order = [u for u in plan.roster.sections if u in by_unit]
    order += sorted(set(by_unit) - set(order))
    return [tally(u, by_unit[u], plans=len({r.task.plan for r in by_unit[u]})) for u in order]


def export_office_ledger(
    ws: Workspace,
    plans: Sequence[tuple[str, Workspace]],
    path: Path,
    as_of: date,
    render: Callable[[OfficeLedger], bytes],
    query: Query | None = None,
) -> Saved:
    led = office_ledger(ws, plans, as_of, query)
    ws.journal.release()  # (as export_ledger)
    write_atomic(path, render(led))
    return Saved(path, len(led.joined.rows), as_of, plans=len(led.parts))


def report_file(
    ws: Workspace,
    path: Path,
    month: int,
    year: int | None,
    render: Callable[[Report], bytes],
    today: date | None = None,
) -> Saved:
    rep = report(ws, month, year, today)
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
    base_names: frozenset[str] | None = None  # the 承办人 as exported, when it remembers them


@dataclass(frozen=True)
class CollectResult:
    plan: Plan
    path: Path
    changes: list[Change]
    written: list[Event]
    dry_run: bool


def _sheet_status(given: str, row: int, path: str) -> Status:
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


def _refuse_controls(cells: Cells, row: int, path: str) -> None:
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
                path=sheet.place, sheet_plan=sheet.plan_title, plan=plan.title
            )
        )
    if sheet.digest != plan_fingerprint(ws.source.path):
        raise SheetError(M.ERR_SHEET_PLAN_CHANGED.format(path=sheet.place, plan=plan.title))
    wanted = []
    split: dict[str, tuple[str, ...]] = {}  # each 承办人 text split once (a row and its base)
    statuses: dict[str, Status] = {}

    def names_in(text: str) -> tuple[str, ...]:
        names = split.get(text)
        if names is None:
            names = split[text] = split_names(text)
        return names

    for r in sheet.rows:
        task = plan.task(r.task)
        if task is None:
            raise SheetError(
                M.ERR_SHEET_UNKNOWN_TASK.format(
                    path=sheet.place, row=r.row, given=r.task, valid=plan.task_range()
                )
            )
        _refuse_controls(r.cells, r.row, sheet.place)
        status = statuses.get(r.cells.status)
        if status is None:
            status = statuses[r.cells.status] = _sheet_status(r.cells.status, r.row, sheet.place)
        if len(r.cells.note) > MAX_NOTE_CHARS:
            raise SheetError(
                M.ERR_SHEET_NOTE_TOO_LONG.format(
                    path=sheet.place, row=r.row, n=len(r.cells.note), limit=MAX_NOTE_CHARS
                )
            )
        names = list(dict.fromkeys(names_in(r.cells.assignees)))
        base = sheet.base.get(r.task)
        base_names = frozenset(names_in(base.assignees)) if base else None
        wanted.append(Wanted(r.row, task, status, names, r.cells.note, base, base_names))
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
    if base is None:
        base_names = None
    elif w.base_names is not None:
        base_names = w.base_names
    else:
        base_names = frozenset(split_names(base.assignees))
    if set(w.assignees) != base_names and set(w.assignees) != set(state.assignees):
        out.append(
            Change(w.row, w.task, FIELD_ASSIGNEES, _names(state.assignees), _names(w.assignees))
        )
    last = state.last_note.text if state.last_note else ""
    if w.note and (base is None or w.note != base.note) and w.note != last:
        out.append(Change(w.row, w.task, FIELD_NOTE, last or M.COLLECT_EMPTY, w.note))
    return out


@lru_cache(maxsize=64)
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
    sheet = read_ledger_sheet(path)
    return _record(ws, path, check_sheet(ws, sheet), stamp, dry_run)


def _record(
    ws: Workspace, path: Path, wanted: list[Wanted], stamp: Stamp, dry_run: bool
) -> CollectResult:
    """The changes of a checked sheet, recorded in its plan's journal in one append."""
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


@dataclass(frozen=True)
class SheetResult:
    sheet: str  # the plan's sheet
    short: str  # the plan's short name
    result: CollectResult


@dataclass(frozen=True)
class BookResult:
    """What a workbook across plans changed, per plan sheet, in the workbook's order."""

    path: Path
    parts: list[SheetResult]
    dry_run: bool

    @property
    def changes(self) -> int:
        return sum(len(p.result.changes) for p in self.parts)


def collect_file(
    plan_arg: str | None,
    path: Path,
    when: date | None,
    by: str | None,
    env: Env,
    dry_run: bool = False,
) -> CollectResult | BookResult:
    """Collect a filled-in ledger: a single plan's workbook into its plan, a workbook across
    plans sheet by sheet, each into its own plan's journal. In an office folder (without
    --plan) each sheet's plan is found by the identity it carries; with --plan, or outside
    one, only that plan's sheet is collected.

    Every sheet is checked before anything is written, so a sheet refused refuses the whole
    workbook and nothing is recorded. Then each plan's changes go to its journal in one
    append: all of a plan's or none; should a later plan's journal fail to take them (a disk
    error), the plans before it keep theirs, and collecting the same file again records only
    what is missing."""
    from xiajiceng.usecases import workspace
    from xiajiceng.usecases.office import open_each

    book = read_ledger_book(path)
    plans = [] if plan_arg else open_each(env, archived=True)
    if plans:
        pairs = [(_plan_of(sheet, plans), sheet) for sheet in book]
    else:
        ws = workspace(plan_arg, env)
        mine = [sheet for sheet in book if sheet.plan_title == ws.plan.title]
        if not mine and len(book) > 1:
            titles = "、".join(f"《{sheet.plan_title}》" for sheet in book)
            raise SheetError(
                M.ERR_SHEET_NOT_IN_BOOK.format(path=path, plan=ws.plan.title, titles=titles)
            )
        pairs = [(("", ws), sheet) for sheet in (mine or book)]
    seen: dict[Path, LedgerSheet] = {}
    for (_, ws), sheet in pairs:
        first = seen.setdefault(ws.source.path, sheet)
        if first is not sheet:
            raise SheetError(
                M.ERR_SHEET_PLAN_TWICE.format(
                    path=path, plan=ws.plan.title, first=first.sheet, second=sheet.sheet
                )
            )
    checked = [(short, ws, sheet, check_sheet(ws, sheet)) for (short, ws), sheet in pairs]
    stamps = [make_stamp(ws, when, by, env) for _, ws, _, _ in checked]  # dates checked first
    if len(book) == 1 and not book[0].sheet:  # a single plan's workbook: as it always was
        _, ws, _, wanted = checked[0]
        return _record(ws, path, wanted, stamps[0], dry_run)
    parts = [
        SheetResult(sheet.sheet, short, _record(ws, path, wanted, stamp, dry_run))
        for (short, ws, sheet, wanted), stamp in zip(checked, stamps)
    ]
    return BookResult(path, parts, dry_run)


def _plan_of(sheet: LedgerSheet, plans: Sequence[tuple[str, Workspace]]) -> tuple[str, Workspace]:
    """The plan of the office folder a sheet was exported from: by its title, and by the
    plan file's fingerprint when two plans have the same title."""
    same = [(short, ws) for short, ws in plans if ws.plan.title == sheet.plan_title]
    if len(same) > 1:
        same = [p for p in same if plan_fingerprint(p[1].source.path) == sheet.digest] or same
    if not same:
        names = "、".join(short for short, _ in plans)
        raise SheetError(
            M.ERR_SHEET_NOT_IN_OFFICE.format(
                path=sheet.place, sheet_plan=sheet.plan_title, names=names
            )
        )
    return same[0]
