"""An office folder's plans: which plans a command works on, which plan a task is in, the
list of plans (xjc plans) and archiving them.

In an office folder with several active plans, the views (list, overview, timeline, report,
export) cover them all, joined (model.plan.union); --plan NAME narrows to one. A task is named
下基层:2.3, or just 2.3 when only one active plan has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import UsageError
from xiajiceng.model import Status
from xiajiceng.model.names import local_task_id, parse_task_id
from xiajiceng.model.plan import SEPARATOR, Plan
from xiajiceng.store import (
    Workspace,
    open_office_here,
    open_source,
    open_together,
    open_workspace,
)
from xiajiceng.store.office import Office, OfficePlan, pick


def scope(plan_arg: str | None, env: Env) -> Workspace:
    """What a view covers: --plan (a file, or a plan of the office folder by its short
    name); else, in an office folder with several active plans, all of them together; else
    the one plan (the folder's, $XJC_PLAN's or the bundled one)."""
    if not plan_arg:
        office = open_office_here(env)
        if office is not None and len(office.active) > 1:
            return open_together(office, env, office.active)
    return open_workspace(plan_arg, env)


def task_workspace(plan_arg: str | None, given: str, env: Env) -> tuple[Workspace, str]:
    """The plan a task is in and its id there: 下基层:2.3 names its plan; a bare 2.3 is the
    task of --plan, else of the one active plan of the office folder that has it (UsageError
    naming the candidates when several have it)."""
    short, sep, rest = given.replace("：", SEPARATOR).partition(SEPARATOR)
    office = None if plan_arg else open_office_here(env)
    if sep:
        if office is None:
            ws = open_workspace(plan_arg, env)
            if short.strip() not in {ws.plan.short, *ws.plan.parts} and short.strip():
                raise UsageError(M.ERR_TASK_PLAN_OUTSIDE.format(given=given))
            return ws, parse_task_id(rest, ws.plan)
        found = pick(office, short)
        ws = open_source(found.source, env, found.plan)
        return ws, parse_task_id(rest, ws.plan)
    if office is None or len(office.plans) <= 1:
        ws = open_workspace(plan_arg, env)
        return ws, parse_task_id(given, ws.plan)
    local = local_task_id(given)
    if local is None:
        raise UsageError(M.ERR_TASK_ID_FORM_OFFICE.format(given=given))
    having = [p for p in office.active if p.plan.task(local) is not None]
    if not having:
        having = [p for p in office.plans if p.plan.task(local) is not None]
    if len(having) == 1:
        return open_source(having[0].source, env, having[0].plan), local
    if not having:
        names = "、".join(p.short for p in office.active)
        raise UsageError(M.ERR_TASK_NOWHERE.format(given=given, names=names))
    refs = "、".join(f"{p.short}{SEPARATOR}{local}" for p in having)
    raise UsageError(M.ERR_TASK_AMBIGUOUS.format(given=given, n=len(having), refs=refs))


@dataclass(frozen=True)
class PlanLine:
    short: str
    title: str
    path: str
    plan: Plan
    tasks: int
    done: int
    overdue: int
    archived: bool

    @property
    def rate(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class PlansResult:
    office: Office | None
    lines: list[PlanLine]
    as_of: date


def list_plans(env: Env, as_of: date) -> PlansResult:
    """Every plan of the office folder (archived ones too), with its progress as of a day;
    outside an office folder, the one plan xjc uses."""
    office = open_office_here(env)
    if office is None:
        ws = open_workspace(None, env)
        entries = [(ws.plan.short or ws.source.path.stem, ws, False)]
    else:
        entries = [(p.short, open_source(p.source, env, p.plan), p.archived) for p in office.plans]
    lines = []
    for short, ws, archived in entries:
        ids = [t.id for t in ws.plan.tasks]
        states = ws.journal.states(ids, as_of)
        done = sum(states[t.id].status is Status.DONE for t in ws.plan.tasks)
        overdue = sum(states[t.id].is_overdue(t.due, as_of) for t in ws.plan.tasks)
        lines.append(
            PlanLine(
                short,
                ws.plan.title,
                str(ws.source.path),
                ws.plan,
                len(ids),
                done,
                overdue,
                archived,
            )
        )
    return PlansResult(office, lines, as_of)


def set_archived(env: Env, name: str, archived: bool) -> OfficePlan:
    """Archive a plan (hidden from the views across the folder; nothing deleted), or bring
    it back. Only in an office folder."""
    from xiajiceng.store.office import write_archived

    office = open_office_here(env)
    if office is None:
        raise UsageError(M.ERR_ARCHIVE_OUTSIDE)
    found = pick(office, name)
    names = [p.short for p in office.plans if p.archived and p.short != found.short]
    if archived:
        names.append(found.short)
    # names archived in 设置.yaml that are no plan's any more are kept as they were
    kept = [n for n in office.settings.archived if n not in {p.short for p in office.plans}]
    write_archived(office, [*kept, *names])
    return found


def open_each(env: Env, archived: bool = False) -> list[tuple[str, Workspace]]:
    """Each plan of the office folder as its own workspace (its journal to write to), by
    short name, in the folder's order: the active plans, or with `archived` every plan.
    Empty outside an office folder."""
    office = open_office_here(env)
    if office is None:
        return []
    chosen = office.plans if archived else office.active
    return [(p.short, open_source(p.source, env, p.plan)) for p in chosen]


def undo_workspace(plan_arg: str | None, event_prefix: str | None, env: Env) -> Workspace:
    """The plan an undo goes to: --plan's; else, in an office folder with several plans, the
    one whose journal has the record named (by its id's beginning), or, with none named,
    the one with the newest record in force (the change just made, whichever plan it was)."""
    from xiajiceng.model import Op, revoked_ids

    office = None if plan_arg else open_office_here(env)
    if office is None or len(office.plans) <= 1:
        return open_workspace(plan_arg, env)
    spaces = [open_source(p.source, env, p.plan) for p in office.plans]
    prefix = (event_prefix or "").strip()
    if event_prefix is not None and prefix:
        having = [ws for ws in spaces if any(e.id.startswith(prefix) for e in ws.journal.read())]
        if len(having) == 1:
            return having[0]
        if len(having) > 1:
            names = "、".join(ws.plan.short or ws.source.path.stem for ws in having)
            raise UsageError(M.ERR_EVENT_IN_PLANS.format(given=event_prefix, plans=names))
        raise UsageError(M.ERR_NO_EVENT.format(given=event_prefix))
    newest: tuple[str, str] | None = None
    chosen = None
    for ws in spaces:
        events = ws.journal.read()
        revoked = revoked_ids(events)
        for e in events:
            if (
                e.op is not Op.UNDO
                and e.id not in revoked
                and (newest is None or (e.recorded, e.id) > newest)
            ):
                newest, chosen = (e.recorded, e.id), ws
    return chosen or spaces[0]
