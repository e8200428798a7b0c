"""What xjc does, as plain functions over a workspace. Nothing here prints."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import RefusedError, UsageError
from xiajiceng.model import (
    MAX_NOTE_CHARS,
    Event,
    Note,
    Op,
    Plan,
    Status,
    Task,
    TaskState,
    concurrent_changes,
    describe,
    fold,
    revoked_ids,
)
from xiajiceng.names import match_name, parse_status, status_choices
from xiajiceng.safetext import escape_char, first_control
from xiajiceng.store import Workspace
from xiajiceng.store.journal import Snapshot, new_id

if TYPE_CHECKING:
    from xiajiceng.importer.parse import ImportWarning
    from xiajiceng.store.plans import PlanCheck

# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    task: Task
    state: TaskState
    overdue: bool


@dataclass(frozen=True)
class ListFilters:
    leader: str | None = None
    section: str | None = None
    action: int | None = None
    status: str | None = None  # a Status value, "open" or "overdue"
    assignee: str | None = None


@dataclass(frozen=True)
class ListResult:
    plan: Plan
    as_of: date
    rows: list[Row]
    total: int
    filters: ListFilters
    more: int = 0  # rows that matched but were left out by a limit

    def limited(self, limit: int | None) -> ListResult:
        """The first `limit` rows only (what a person asked to see)."""
        if limit is None or len(self.rows) <= limit:
            return self
        return replace(self, rows=self.rows[:limit], more=self.more + len(self.rows) - limit)


def rows_as_of(ws: Workspace, as_of: date, events: Sequence[Event] | None = None) -> list[Row]:
    plan = ws.plan
    ids = [t.id for t in plan.tasks]
    states = ws.journal.states(ids, as_of) if events is None else fold(ids, events, as_of)
    return [Row(t, states[t.id], states[t.id].is_overdue(t.due, as_of)) for t in plan.tasks]


def parse_list_status(given: str) -> str:
    word = given.strip().lower()
    if word in {"open", M.OPEN}:
        return "open"
    if word in {"overdue", M.OVERDUE}:
        return "overdue"
    try:
        return parse_status(given).value
    except UsageError:
        valid = status_choices() + f"、{M.OPEN}/open、{M.OVERDUE}/overdue"
        raise UsageError(M.ERR_LIST_STATUS.format(given=given, valid=valid)) from None


@dataclass(frozen=True)
class Query:
    """The filters of list, timeline and export as typed (names not yet matched)."""

    leader: str | None = None
    section: str | None = None
    action: int | None = None
    status: str | None = None
    assignee: str | None = None


def resolve_filters(ws: Workspace, query: Query, rows: Sequence[Row] = ()) -> ListFilters:
    """Turn what was typed into exact names, or fail listing the candidates."""
    roster = ws.plan.roster
    known_assignees = list(dict.fromkeys(n for r in rows for n in r.state.assignees))
    q = query
    return ListFilters(
        leader=match_name(q.leader, roster.leaders, M.ROLE_LEADER) if q.leader else None,
        section=match_name(q.section, roster.sections, M.ROLE_SECTION) if q.section else None,
        action=q.action,
        status=parse_list_status(q.status) if q.status else None,
        assignee=match_name(q.assignee, known_assignees, M.ROLE_ASSIGNEE) if q.assignee else None,
    )


def _keep(row: Row, f: ListFilters) -> bool:
    t, s = row.task, row.state
    if f.leader and f.leader not in t.leaders:
        return False
    if f.section and f.section not in t.units:
        return False
    if f.action is not None and t.action != f.action:
        return False
    if f.assignee and f.assignee not in s.assignees:
        return False
    if f.status == "open":
        return s.status is not Status.DONE
    if f.status == "overdue":
        return row.overdue
    return not f.status or s.status.value == f.status


def list_tasks(ws: Workspace, as_of: date, query: Query | None = None) -> ListResult:
    rows = rows_as_of(ws, as_of)
    filters = resolve_filters(ws, query or Query(), rows)
    kept = [r for r in rows if _keep(r, filters)]
    return ListResult(ws.plan, as_of, kept, len(rows), filters)


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    revoked: bool
    conflict: str | None = None  # "won" / "lost": a concurrent change of status (see model)


@dataclass(frozen=True)
class ShowResult:
    plan: Plan
    as_of: date
    row: Row
    history: list[HistoryEntry]  # every record about the task, oldest first


def show_task(ws: Workspace, task_id: str, as_of: date) -> ShowResult:
    # the task's records, and the undos of them (an undo carries its target's task id)
    events = ws.journal.read_about(task_id)
    revoked = revoked_ids(events)
    targets = {e.id: e for e in events}
    about = [
        e
        for e in events
        if e.task == task_id
        or (e.op is Op.UNDO and getattr(targets.get(str(e.value)), "task", None) == task_id)
    ]
    about.sort(key=Event.sort_key)
    row = next(r for r in rows_as_of(ws, as_of) if r.task.id == task_id)
    marks = concurrent_changes(events)
    history = [HistoryEntry(e, e.id in revoked, marks.get(e.id)) for e in about]
    return ShowResult(ws.plan, as_of, row, history)


@dataclass(frozen=True)
class LogResult:
    plan: Plan
    entries: list[HistoryEntry]  # newest record first
    task_id: str | None


_RECORD_ORDER = attrgetter("recorded", "id")


def log(ws: Workspace, task_id: str | None = None) -> LogResult:
    events = ws.journal.read()
    revoked = revoked_ids(events)
    by_id = {e.id: e for e in events}

    def concerns(e: Event) -> bool:
        if task_id is None or e.task == task_id:
            return True
        return e.op is Op.UNDO and getattr(by_id.get(str(e.value)), "task", None) == task_id

    chosen = sorted(events if task_id is None else filter(concerns, events), key=_RECORD_ORDER)
    chosen.reverse()
    marks = concurrent_changes(events)
    entries = [HistoryEntry(e, e.id in revoked, marks.get(e.id)) for e in chosen]
    return LogResult(ws.plan, entries, task_id)


# -- writing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteResult:
    event: Event
    task: Task | None
    target: Event | None = None  # for an undo: the event it revoked
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return describe(self.event)


def actor(by: str | None, env: Env, folder: Path) -> str:
    """Who records a change: --by, else $XJC_USER, else git's user.name, else the login."""
    from xiajiceng.store import git

    named = (by or "").strip() or env.environ.get("XJC_USER", "").strip()
    who = named or git.user_name(folder) or env.login()
    ch = first_control(who, lines=False)  # a name is one line, whoever gave it
    if ch is not None:
        raise UsageError(M.ERR_BY_CONTROL.format(given=who, char=escape_char(ch)))
    return who


@dataclass(frozen=True)
class Stamp:
    """Who records a change, for which effective date, at what time."""

    date: date
    by: str
    # the time of recording, read when the record is built: under the journal's lock, so
    # that recorded times follow the order in which records reach the journal
    recorded: Callable[[], str]


def _event(stamp: Stamp, op: Op, task: str | None, value: object, note: str | None) -> Event:
    return Event(
        id=new_id(),
        op=op,
        task=task,
        value=value,
        date=stamp.date,
        recorded=stamp.recorded(),
        by=stamp.by,
        note=note,
    )


def _current(ws: Workspace, snap: Snapshot, task_id: str) -> TaskState:
    return snap.states([t.id for t in ws.plan.tasks])[task_id]


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    if not note.strip():
        raise UsageError(M.ERR_EMPTY_NOTE)
    note = note.replace("\r\n", "\n").strip()  # one kind of line break in the journal
    if len(note) > MAX_NOTE_CHARS:
        raise UsageError(M.ERR_NOTE_TOO_LONG.format(n=len(note), limit=MAX_NOTE_CHARS))
    return note


def _write(ws: Workspace, task_id: str, build) -> WriteResult:  # type: ignore[no-untyped-def]
    written = ws.journal.append(lambda snap: [build(_current(ws, snap, task_id))])
    return WriteResult(written[0], ws.plan.task(task_id), warnings=list(ws.journal.warnings))


def assign(
    ws: Workspace, task_id: str, add: Sequence[str], remove: Sequence[str], stamp: Stamp
) -> WriteResult:
    from xiajiceng.model import split_names

    add_names = list(dict.fromkeys(split_names(list(add))))
    remove_names = list(dict.fromkeys(split_names(list(remove))))
    if not add_names and not remove_names:
        raise UsageError(M.ERR_EMPTY_NAME if add or remove else M.ERR_NO_ASSIGN_CHANGE)

    def build(state: TaskState) -> Event:
        removing = []
        for name in remove_names:
            if not state.assignees:
                raise RefusedError(
                    M.ERR_NOT_ASSIGNED.format(name=name, task=task_id, current=M.NOBODY)
                )
            removing.append(match_name(name, state.assignees, M.ROLE_ASSIGNEE))
        adding = [n for n in add_names if n not in state.assignees]
        if not adding and not removing:
            raise RefusedError(
                M.ERR_ALREADY_ASSIGNED.format(names="、".join(add_names), task=task_id)
            )
        return _event(stamp, Op.ASSIGN, task_id, {"add": adding, "remove": removing}, None)

    return _write(ws, task_id, build)


def mark(
    ws: Workspace, task_id: str, status: Status | None, note: str | None, stamp: Stamp
) -> WriteResult:
    note = _clean_note(note)
    if status is None and note is None:
        raise UsageError(M.ERR_NOTHING_TO_MARK)
    if status is Status.DONE:
        return done(ws, task_id, note, stamp)

    def build(state: TaskState) -> Event:
        if status is None or status is state.status:
            if note is None:
                raise RefusedError(
                    M.ERR_SAME_STATUS.format(task=task_id, status=state.status.label)
                )
            return _event(stamp, Op.NOTE, task_id, None, note)
        return _event(stamp, Op.STATUS, task_id, status.value, note)

    return _write(ws, task_id, build)


def done(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    note = _clean_note(note)

    def build(state: TaskState) -> Event:
        if state.status is Status.DONE:
            raise RefusedError(M.ERR_ALREADY_DONE.format(task=task_id, date=state.done_on or ""))
        return _event(stamp, Op.DONE, task_id, None, note)

    return _write(ws, task_id, build)


def reopen(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    note = _clean_note(note)

    def build(state: TaskState) -> Event:
        if state.status is not Status.DONE:
            raise RefusedError(M.ERR_NOT_DONE.format(task=task_id, status=state.status.label))
        return _event(stamp, Op.REOPEN, task_id, None, note)

    return _write(ws, task_id, build)


def undo(ws: Workspace, event_prefix: str | None, stamp: Stamp) -> WriteResult:
    """Revoke the newest record in force (or the one named) by appending an undo."""
    target_box: list[Event] = []

    def make(snap: Snapshot) -> list[Event]:
        events = snap.events
        revoked = revoked_ids(events)
        if event_prefix:
            prefix = event_prefix.strip()
            found = [e for e in events if e.id.startswith(prefix)] if prefix else []
            if not found:
                raise UsageError(M.ERR_NO_EVENT.format(given=event_prefix))
            if len(found) > 1:
                ids = "、".join(e.id[:12] for e in found[:5])
                raise UsageError(M.ERR_EVENT_AMBIGUOUS.format(given=event_prefix, candidates=ids))
            target = found[0]
            if target.id in revoked:
                raise RefusedError(M.ERR_ALREADY_UNDONE.format(given=event_prefix))
        else:
            live = [e for e in events if e.op is not Op.UNDO and e.id not in revoked]
            if not live:
                raise RefusedError(M.ERR_NOTHING_TO_UNDO)
            target = max(live, key=lambda e: (e.recorded, e.id))
        target_box.append(target)
        return [_event(stamp, Op.UNDO, target.task, target.id, None)]

    written = ws.journal.append(make)
    target = target_box[-1]
    task = ws.plan.task(target.task) if target.task else None
    return WriteResult(written[0], task, target, list(ws.journal.warnings))


# -- health ------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    plan_path: str
    plan_error: str | None
    tasks: int
    journal_path: str
    journal_exists: bool
    size: int
    events: int
    bad_lines: list[tuple[int, str]]
    torn_tail: int
    torn_file: bool
    unknown_tasks: list[tuple[str, str]]  # (event id, task id) for tasks the plan lacks
    missing_targets: list[str]  # undo events whose target is not in the journal
    duplicate_ids: list[str]

    @property
    def healthy(self) -> bool:
        return not (self.plan_error or self.bad_lines or self.unknown_tasks or self.missing_targets)


def check(plan_arg: str | None, env: Env) -> CheckResult:
    """The health of a plan and its journal; reports every problem instead of stopping."""
    from xiajiceng.errors import PlanError
    from xiajiceng.store import Journal, locate, read_plan
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.journal import journal_path

    # the caches answer only for the very bytes they were made from, by this very code
    cache = Cache(env.cache_dir())
    source = locate(plan_arg, env)
    plan: Plan | None = None
    plan_error = None
    try:
        plan = read_plan(source.path, cache, source.root)
    except PlanError as exc:
        plan_error = exc.message
    path = journal_path(source.path, source.bundled, env.data_dir())
    journal = Journal(path, warnings=env.warnings, cache=cache, root=source.root)
    scan = journal.scan()
    counts = Counter(e.id for e in scan.events)
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    known = {t.id for t in plan.tasks} if plan else None
    unknown = [
        (e.id, e.task)
        for e in scan.events
        if known is not None and e.task is not None and e.op is not Op.UNDO and e.task not in known
    ]
    missing = [e.id for e in scan.events if e.op is Op.UNDO and str(e.value) not in counts]
    return CheckResult(
        plan_path=str(source.path),
        plan_error=plan_error,
        tasks=len(plan.tasks) if plan else 0,
        journal_path=str(journal.path),
        journal_exists=scan.exists,
        size=scan.size,
        events=len(scan.events),
        bad_lines=scan.bad_lines,
        torn_tail=scan.torn_tail,
        torn_file=scan.torn_file,
        unknown_tasks=unknown,
        missing_targets=missing,
        duplicate_ids=duplicates,
    )


# -- the monthly report ----------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    name: str
    total: int
    counts: dict[str, int]
    overdue: int

    @property
    def done(self) -> int:
        return self.counts["done"]

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class Report:
    plan: Plan
    year: int
    month: int
    month_start: date
    as_of: date
    rows: list[Row]
    counts: dict[str, int]
    by_action: list[Group]
    by_leader: list[Group]
    by_section: list[Group]
    done_in_month: list[Row]
    notes_in_month: list[tuple[Task, Note]]
    overdue: list[Row]
    not_started: list[Row]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completion_rate(self) -> float:
        return self.counts["done"] / self.total if self.total else 0.0


def _group(name: str, rows: Sequence[Row]) -> Group:
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.state.status.value] += 1
    return Group(name, len(rows), counts, sum(r.overdue for r in rows))


def report(ws: Workspace, month: int, year: int | None = None) -> Report:
    """The plan as of the last day of the month, from events effective on or before it."""
    plan = ws.plan
    year = year or plan.year
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    rows = rows_as_of(ws, end)
    # rows by action, leader and unit in one pass (a plan has hundreds of each at 10,000 tasks)
    by_action: dict[int, list[Row]] = {}
    by_leader: dict[str, list[Row]] = {}
    by_unit: dict[str, list[Row]] = {}
    for r in rows:
        by_action.setdefault(r.task.action, []).append(r)
        for n in set(r.task.leaders):
            by_leader.setdefault(n, []).append(r)
        for n in set(r.task.units):
            by_unit.setdefault(n, []).append(r)
    actions = [_group(a.name, by_action.get(a.number, [])) for a in plan.actions]
    leaders = [_group(n, by_leader.get(n, [])) for n in plan.roster.leaders]
    sections = [_group(n, by_unit.get(n, [])) for n in plan.roster.sections]
    done_in_month = [
        r for r in rows if r.state.done_on is not None and start <= r.state.done_on <= end
    ]
    done_in_month.sort(key=lambda r: (r.state.done_on, r.task.action))
    notes = [(r.task, n) for r in rows for n in r.state.notes if start <= n.date <= end]
    notes.sort(key=lambda tn: tn[1].date)
    return Report(
        plan=plan,
        year=year,
        month=month,
        month_start=start,
        as_of=end,
        rows=rows,
        counts=_group("", rows).counts,
        by_action=actions,
        by_leader=leaders,
        by_section=sections,
        done_in_month=done_in_month,
        notes_in_month=notes,
        overdue=[r for r in rows if r.overdue],
        not_started=[r for r in rows if r.state.status is Status.TODO],
    )


# -- import and validate ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    document: Path
    output: Path
    plan: Plan
    warnings: list[ImportWarning]
    encoding: str


def default_output(document: Path) -> Path:
    """The document's stem + .yaml, in the current folder."""
    return Path(document.stem + ".yaml")


def import_document(document: Path, output: Path | None, force: bool, today: date) -> ImportResult:
    """Read a plan document, write the plan file it describes; nothing written on failure."""
    from xiajiceng.errors import DocumentError
    from xiajiceng.importer.parse import parse_blocks
    from xiajiceng.store.documents import read_document
    from xiajiceng.store.plans import check_plan
    from xiajiceng.store.planwrite import check_writable, dump_plan, write_plan

    target = output if output is not None else default_output(document)
    if target.exists() and document.exists() and target.resolve() == document.resolve():
        raise DocumentError(M.ERR_OUTPUT_SAME.format(path=target))
    check_writable(target, force)
    doc = read_document(document)
    try:
        draft = parse_blocks(doc.blocks, document.stem, today)
    except ValueError:
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=document)) from None
    except LookupError:
        raise DocumentError(M.ERR_DOC_NO_TASKS.format(path=document)) from None
    lines = [f"{w.where}：{w.message}" if w.where else w.message for w in draft.warnings]
    header = (
        M.IMPORT_FILE_HEADER.format(doc=document.name, n=len(lines))
        if lines
        else M.IMPORT_FILE_HEADER_CLEAN.format(doc=document.name)
    )
    text = dump_plan(draft.data, [header, *(f"  {i}. {line}" for i, line in enumerate(lines, 1))])
    check = check_plan(text, str(target))
    if check.plan is None:
        detail = check.describe(check.problems[0])
        raise DocumentError(M.ERR_IMPORT_INVALID.format(detail=detail.rstrip("。")))
    write_plan(target, text, force)
    return ImportResult(document, target, check.plan, draft.warnings, doc.encoding)


def validate_plan(path: Path) -> PlanCheck:
    """Every problem of a plan file, with its line (PlanError only if it cannot be read)."""
    from xiajiceng.store.plans import check_file

    return check_file(path)
