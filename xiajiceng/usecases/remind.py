"""临近提醒 and 到期催办 (xjc remind): the open tasks due within N working days and the overdue
ones, grouped by the unit that owes them, across every active plan of an office folder; and
the journaling of the reminders sent (one REMIND record a task, in its own plan's journal).

Who is reminded of a task: its lead units (牵头单位) when it has any, else its 责任科室 (各科室
is every section of its plan), else its supporting units; a task naming no unit is grouped
under "" (shown, but no notice is addressed to nobody). Paused tasks (暂缓) are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import OutputError, UsageError
from xiajiceng.model import Event, Op, Plan, Status, Task
from xiajiceng.model.workdays import LAST_DATE, Timing, is_workday, timing
from xiajiceng.store import Workspace
from xiajiceng.store.journal import Snapshot
from xiajiceng.usecases.record import Stamp, make_stamp, new_event
from xiajiceng.usecases.tasks import ListFilters, Query, Row, list_tasks

DEFAULT_WITHIN = 3  # working days (README: Reminders)
MAX_WITHIN = 366
REPLY_WORKDAYS = 3  # the reply is asked for by the 3rd working day after the as-of date

DUE_SOON = "due_soon"
OVERDUE = "overdue"


def parse_within(given: str | None) -> int:
    """--within N: working days, 0 to MAX_WITHIN (a trailing 天 or 个工作日 is accepted)."""
    if given is None:
        return DEFAULT_WITHIN
    text = given.strip().removesuffix("个工作日").removesuffix("工作日").removesuffix("天")
    if not text.isdigit() or len(text) > 6:
        raise UsageError(M.ERR_REMIND_WITHIN.format(given=given, limit=MAX_WITHIN))
    days = int(text)
    if days > MAX_WITHIN:
        raise UsageError(M.ERR_REMIND_WITHIN.format(given=given, limit=MAX_WITHIN))
    return days


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after `start` (start itself not counted); start when n is 0."""
    day = start
    while n > 0 and day < LAST_DATE:
        day += timedelta(days=1)
        n -= is_workday(day)[0]
    return day


@dataclass(frozen=True)
class Item:
    row: Row
    timing: Timing

    @property
    def task(self) -> Task:
        return self.row.task

    @property
    def kind(self) -> str:
        return OVERDUE if self.timing.late else DUE_SOON

    @property
    def reminders(self) -> int:
        """Reminders already sent (recorded with an effective date up to the as-of date)."""
        return len(self.row.state.reminders)


@dataclass(frozen=True)
class Group:
    unit: str  # "" for tasks that name no unit
    items: list[Item]

    @property
    def overdue(self) -> int:
        return sum(i.timing.late for i in self.items)

    @property
    def due_soon(self) -> int:
        return len(self.items) - self.overdue


@dataclass(frozen=True)
class Reminders:
    plan: Plan  # the plan, or an office's plans joined
    as_of: date
    within: int
    groups: list[Group]
    reply_by: date
    issuer: str
    titles: dict[str, str]  # each plan's title by its short name ("" for a lone plan)
    filters: ListFilters
    paused: int = 0  # open tasks due soon or overdue left out as 暂缓

    @property
    def items(self) -> list[Item]:
        """Each task reminded once (a task of 各科室 is in several groups)."""
        seen: dict[str, Item] = {}
        for g in self.groups:
            for i in g.items:
                seen.setdefault(i.task.id, i)
        return list(seen.values())

    @property
    def addressed(self) -> list[Group]:
        """The groups a notice is written for: every one that names a unit."""
        return [g for g in self.groups if g.unit]


def recipients(task: Task, plan: Plan) -> tuple[str, ...]:
    """The units a reminder of `task` goes to (see the module's docstring)."""
    if task.lead:
        return task.lead
    if task.sections:
        if M.EVERY_SECTION not in task.sections:
            return task.sections
        support = set(task.support)
        named = [u for u in task.sections if u != M.EVERY_SECTION]
        every = [u for u in plan.roster.sections if u in task.units and u not in support]
        return tuple(dict.fromkeys([*named, *every]))
    return task.support


def _urgency(item: Item) -> tuple[int, int, date]:
    late = item.timing.late
    return (0 if late else 1, -item.timing.days if late else item.timing.days, item.task.due)


def reminders(
    ws: Workspace, env: Env, as_of: date, within: int, query: Query | None = None
) -> Reminders:
    """The tasks to remind, by unit, as of a day."""
    res = list_tasks(ws, as_of, query)
    wanted: list[Item] = []
    paused = 0
    for row in res.rows:
        if row.state.status is Status.DONE:
            continue
        tm = timing(row.task.due, as_of)
        if not tm.late and tm.days > within:
            continue
        if row.state.status is Status.PAUSED:
            paused += 1
            continue
        wanted.append(Item(row, tm))
    by_unit: dict[str, list[Item]] = {}
    for item in sorted(wanted, key=_urgency):
        for unit in recipients(item.task, ws.plan) or ("",):
            by_unit.setdefault(unit, []).append(item)
    only = res.filters.section
    if only is not None:
        by_unit = {u: items for u, items in by_unit.items() if u == only}
    roster = {u: i for i, u in enumerate(ws.plan.roster.sections)}
    order = sorted(by_unit, key=lambda u: (not u, roster.get(u, len(roster))))
    groups = [Group(u, by_unit[u]) for u in order]
    reply = add_workdays(as_of, REPLY_WORKDAYS)
    issuer, titles = _signing(ws, env)
    return Reminders(ws.plan, as_of, within, groups, reply, issuer, titles, res.filters, paused)


def _signing(ws: Workspace, env: Env) -> tuple[str, dict[str, str]]:
    """Who signs the notices, and each plan's title by short name ("" for a lone plan).
    The signer is the plan's 发文单位; across an office's plans, theirs when they all have
    the same one, else the office folder's name."""
    if len(ws.plan.parts) <= 1:
        issuer = ws.plan.issuer.strip() or ws.source.path.parent.resolve().name
        return issuer, {"": ws.plan.title}
    parts = _parts(ws, env)
    titles = {short: part.plan.title for short, part in parts.items()}
    issuers = {part.plan.issuer.strip() for part in parts.values()}
    if len(issuers) == 1 and "" not in issuers:
        return issuers.pop(), titles
    return ws.source.path.resolve().name, titles


def _parts(ws: Workspace, env: Env) -> dict[str, Workspace]:
    """Each plan of a joined workspace as a workspace of its own, by short name."""
    from xiajiceng.store import open_office_here, open_source

    if len(ws.plan.parts) <= 1:
        return {ws.plan.parts[0] if ws.plan.parts else "": ws}
    office = open_office_here(env)
    if office is None:  # pragma: no cover - a joined workspace comes from an office folder
        raise RuntimeError("an office's plans without an office folder")
    return {
        p.short: open_source(p.source, env, p.plan)
        for p in office.plans
        if p.short in ws.plan.parts
    }


# -- recording the reminders sent ----------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    item: Item
    event: Event | None  # None: already reminded on that day, not recorded again


@dataclass(frozen=True)
class RecordResult:
    entries: list[Recorded]
    dry_run: bool
    warnings: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[Recorded]:
        return [r for r in self.entries if r.event is not None]

    @property
    def skipped(self) -> list[Recorded]:
        return [r for r in self.entries if r.event is None]


def record(
    ws: Workspace, env: Env, rem: Reminders, by: str | None, dry_run: bool = False
) -> RecordResult:
    """Journal one REMIND record (due_soon / overdue) per task reminded, dated the as-of day,
    each in its own plan's journal, all or nothing per plan. A task already reminded on that
    day is not recorded again. Every plan's date and recorder are checked before anything
    is written."""
    if rem.as_of > env.today():
        raise UsageError(
            M.ERR_REMIND_RECORD_FUTURE.format(given=rem.as_of.isoformat(), today=env.today())
        )
    items: dict[str, list[Item]] = {}
    for item in rem.items:
        items.setdefault(item.task.plan, []).append(item)
    if not items:
        return RecordResult([], dry_run)
    parts = _parts(ws, env)
    stamps = {plan: make_stamp(parts[plan], rem.as_of, by, env) for plan in items}
    entries: list[Recorded] = []
    warnings: list[str] = []
    for plan, chosen in items.items():
        part = parts[plan]
        make = _builder(chosen, stamps[plan], entries)
        if dry_run:
            make(part.journal.snapshot())
        else:
            part.journal.append(make)
        warnings += part.journal.warnings
    return RecordResult(entries, dry_run, list(dict.fromkeys(warnings)))


def _builder(
    chosen: Sequence[Item], stamp: Stamp, entries: list[Recorded]
) -> Callable[[Snapshot], list[Event]]:
    """What journal.append runs under the lock: a REMIND record for each task not yet
    reminded on the stamp's day (checked against the journal as it is then)."""

    def make(snap: Snapshot) -> list[Event]:
        states = snap.states([i.task.local_id for i in chosen])
        out: list[Event] = []
        for item in chosen:
            local = item.task.local_id
            if stamp.date in states[local].reminders:
                entries.append(Recorded(item, None))
                continue
            event = new_event(stamp, Op.REMIND, local, item.kind, None)
            entries.append(Recorded(item, event))
            out.append(event)
        return out

    return make


# -- the notices as files ------------------------------------------------------------------

MAX_NAME_CHARS = 60  # a unit's name in a file name (README: Reminders)
_UNSAFE = re.compile(r'[<>:"/\\|?*]+')  # what Windows refuses in a name, and separators
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}  # controls, bidi marks, unassigned
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


def safe_file_name(unit: str, taken: set[str], suffix: str = ".docx") -> str:
    """A file name from a unit's name that stays in its folder on every system: no path
    separators, control or reserved characters, no leading dot, not a reserved device
    name, not too long, and not the name of an earlier unit's file (组织科-2.docx)."""
    visible = "".join("/" if unicodedata.category(ch) in _INVISIBLE else ch for ch in unit)
    name = _UNSAFE.sub("_", visible).strip(" ._")[:MAX_NAME_CHARS].strip(" ._")
    name = name or M.REMIND_FILE_FALLBACK
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    chosen, n = name, 1
    while (chosen + suffix).casefold() in taken:
        n += 1
        chosen = f"{name}-{n}"
    taken.add((chosen + suffix).casefold())
    return chosen + suffix


@dataclass(frozen=True)
class Saved:
    paths: list[Path]
    folder: Path | None  # --split: the folder the files are in


def save_notices(
    rem: Reminders,
    target: Path,
    render: Callable[[Reminders, list[Group]], bytes],
    split: bool,
) -> Saved:
    """The notices of every unit named, in one .docx, or one file a unit in a folder (made
    when missing, its parent must exist). Everything is rendered before anything is written."""
    from xiajiceng.store.files import write_atomic

    groups = rem.addressed
    if not split:
        write_atomic(target, render(rem, groups))
        return Saved([target], None)
    if target.exists() and not target.is_dir():
        raise UsageError(M.ERR_REMIND_SPLIT_NOT_DIR.format(path=target))
    taken: set[str] = set()
    files = [(target / safe_file_name(g.unit, taken), render(rem, [g])) for g in groups]
    if not target.exists():
        if not target.parent.is_dir():
            raise OutputError(M.ERR_OUTPUT_DIR.format(path=target, folder=target.parent))
        try:
            target.mkdir()
        except OSError as exc:
            raise OutputError(
                M.ERR_OUTPUT_UNWRITABLE.format(path=target, reason=exc.strerror)
            ) from None
    for path, data in files:
        write_atomic(path, data)
    return Saved([p for p, _ in files], target)
