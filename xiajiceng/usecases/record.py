"""Recording changes: assign, mark, done, reopen, undo. Every check is made under the
journal's lock, against the state the journal holds at that moment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import RefusedError, UsageError
from xiajiceng.model import (
    MAX_NOTE_CHARS,
    Event,
    Op,
    Plan,
    Status,
    Task,
    TaskState,
    describe,
    revoked_ids,
)
from xiajiceng.model.names import match_name
from xiajiceng.store import Workspace
from xiajiceng.store.journal import Snapshot, new_id
from xiajiceng.text import escape_char, first_control


@dataclass(frozen=True)
class WriteResult:
    event: Event
    task: Task | None
    target: Event | None = None  # for an undo: the event it revoked
    warnings: list[str] = field(default_factory=list)
    reopened: date | None = None  # a mark that reopened a done task: the day it was done

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


def last_day(plan: Plan) -> date:
    """The plan's last day: the end of its period, or a later time limit."""
    return max([plan.period.end, *(t.due for t in plan.tasks)])


def date_limit(plan: Plan) -> date:
    """The last effective date --date may give: a year after the plan's last day, time
    enough to record the latest of late completions."""
    last = last_day(plan)
    try:
        return last.replace(year=last.year + 1)
    except ValueError:  # 29 February
        return last.replace(year=last.year + 1, day=28)


def check_date(plan: Plan, when: date, today: date) -> None:
    """An effective date given with --date: not after today, not before the plan starts, not
    more than a year after it ends (a mistyped year). Today's date, the default, is always
    right: it is when the record is made."""
    if when > today:
        raise UsageError(M.ERR_FUTURE_DATE.format(given=when.isoformat(), today=today))
    if when < plan.period.start:
        raise UsageError(
            M.ERR_DATE_BEFORE_PLAN.format(given=when.isoformat(), start=plan.period.start)
        )
    limit = date_limit(plan)
    if when > limit:
        raise UsageError(
            M.ERR_DATE_LONG_AFTER_PLAN.format(
                given=when.isoformat(), end=last_day(plan), limit=limit
            )
        )


def make_stamp(ws: Workspace, when: date | None, by: str | None, env: Env) -> Stamp:
    """The stamp of a change: who records it, its effective date (today unless given; a given
    date is checked by check_date), and the clock read when the record is built."""
    today = env.today()
    if when is not None:
        check_date(ws.plan, when, today)
    who = actor(by, env, ws.source.path.parent)
    return Stamp(when or today, who, lambda: env.now().isoformat(timespec="microseconds"))


def new_event(stamp: Stamp, op: Op, task: str | None, value: object, note: str | None) -> Event:
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
        return new_event(stamp, Op.ASSIGN, task_id, {"add": adding, "remove": removing}, None)

    return _write(ws, task_id, build)


def mark(
    ws: Workspace, task_id: str, status: Status | None, note: str | None, stamp: Stamp
) -> WriteResult:
    note = _clean_note(note)
    if status is None and note is None:
        raise UsageError(M.ERR_NOTHING_TO_MARK)
    if status is Status.DONE:
        return done(ws, task_id, note, stamp)
    reopened: list[date] = []  # the day it had been done, when this reopens a done task

    def build(state: TaskState) -> Event:
        if status is None or status is state.status:
            if note is None:
                raise RefusedError(
                    M.ERR_SAME_STATUS.format(task=task_id, status=state.status.label)
                )
            return new_event(stamp, Op.NOTE, task_id, None, note)
        # a done task (done on or before this record's date) is reopened by a new status,
        # and the confirmation says so; a record dated before it was done reopens nothing
        if state.status is Status.DONE and (state.done_on is None or state.done_on <= stamp.date):
            reopened.append(state.done_on or stamp.date)
        return new_event(stamp, Op.STATUS, task_id, status.value, note)

    res = _write(ws, task_id, build)
    if reopened:
        return replace(res, reopened=reopened[-1])
    return res


def done(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    note = _clean_note(note)

    def build(state: TaskState) -> Event:
        if state.status is Status.DONE:
            raise RefusedError(M.ERR_ALREADY_DONE.format(task=task_id, date=state.done_on or ""))
        return new_event(stamp, Op.DONE, task_id, None, note)

    return _write(ws, task_id, build)


def reopen(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    note = _clean_note(note)

    def build(state: TaskState) -> Event:
        if state.status is not Status.DONE:
            raise RefusedError(M.ERR_NOT_DONE.format(task=task_id, status=state.status.label))
        return new_event(stamp, Op.REOPEN, task_id, None, note)

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
        return [new_event(stamp, Op.UNDO, target.task, target.id, None)]

    written = ws.journal.append(make)
    target = target_box[-1]
    task = ws.plan.task(target.task) if target.task else None
    return WriteResult(written[0], task, target, list(ws.journal.warnings))


# -- verified completion (办结需审核): verify, reject ------------------------------------------


def _pending(ws: Workspace, task_id: str, state: TaskState, action: str) -> None:
    """Refuse unless the task awaits the office's verification (done, in such a plan)."""
    task = ws.plan.task(task_id)
    if task is None or not task.verify:
        raise RefusedError(M.ERR_VERIFY_NOT_REQUIRED.format(plan=ws.plan.title, task=task_id))
    if state.status is not Status.DONE:
        raise RefusedError(
            M.ERR_VERIFY_NOT_DONE.format(task=task_id, status=state.status.label, action=action)
        )


def verify(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    """销号: the office confirms a task done (a plan with 办结需审核 only)."""
    note = _clean_note(note)

    def build(state: TaskState) -> Event:
        _pending(ws, task_id, state, M.ACTION_VERIFY)
        if state.verified_on is not None:
            raise RefusedError(M.ERR_ALREADY_VERIFIED.format(task=task_id, date=state.verified_on))
        return new_event(stamp, Op.VERIFY, task_id, None, note)

    return _write(ws, task_id, build)


def reject(ws: Workspace, task_id: str, note: str | None, stamp: Stamp) -> WriteResult:
    """退回: the office returns a done task (verified or not) to 推进中, saying why."""
    note = _clean_note(note)
    if note is None:
        raise UsageError(M.ERR_REJECT_NOTE.format(task=task_id))

    def build(state: TaskState) -> Event:
        _pending(ws, task_id, state, M.ACTION_REJECT)
        return new_event(stamp, Op.REJECT, task_id, None, note)

    return _write(ws, task_id, build)


# -- evidence (佐证材料): attach -------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    """A file copied into the evidence store (usecases.evidence), to be recorded."""

    path: Path  # as given: the record keeps its name
    size: int
    sha256: str
    added: bool  # its content was new to the store


@dataclass(frozen=True)
class Attached:
    event: Event
    added: bool  # the file's content was new to the store


@dataclass(frozen=True)
class AttachResult:
    task: Task | None
    attached: list[Attached]
    warnings: list[str] = field(default_factory=list)


def attach(
    ws: Workspace, task_id: str, files: Sequence[Incoming], note: str | None, stamp: Stamp
) -> AttachResult:
    """Record one ATTACH a file, all in one append: every record or none. A content given
    twice, or attached to the task already (in force), is refused."""
    note = _clean_note(note)
    seen: dict[str, Path] = {}
    for f in files:
        if f.sha256 in seen:
            raise UsageError(M.ERR_EVIDENCE_TWICE.format(first=seen[f.sha256], second=f.path))
        seen[f.sha256] = f.path

    def make(snap: Snapshot) -> list[Event]:
        have = {x.sha256: x for x in _current(ws, snap, task_id).evidence}
        events = []
        for i, f in enumerate(files):
            if f.sha256 in have:
                x = have[f.sha256]
                raise RefusedError(
                    M.ERR_EVIDENCE_ATTACHED.format(task=task_id, name=x.name, date=x.date)
                )
            value = {"name": f.path.name, "size": f.size, "sha256": f.sha256}
            # the note once, with the first file: it speaks of them all
            events.append(new_event(stamp, Op.ATTACH, task_id, value, None if i else note))
        return events

    written = ws.journal.append(make)
    done = [Attached(e, f.added) for e, f in zip(written, files)]
    return AttachResult(ws.plan.task(task_id), done, list(ws.journal.warnings))
