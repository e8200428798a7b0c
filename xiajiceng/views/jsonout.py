"""--json output: stable keys (documented in the README), ISO dates, English status words."""

from __future__ import annotations

import json
from typing import Any

from xiajiceng.model import Event, Note, Task
from xiajiceng.usecases import (
    CheckResult,
    Group,
    HistoryEntry,
    ListResult,
    LogResult,
    Report,
    Row,
    ShowResult,
)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def note(n: Note | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {"date": n.date.isoformat(), "text": n.text, "by": n.by, "event": n.event_id}


def row(r: Row) -> dict[str, Any]:
    t = r.task
    return {
        "id": t.id,
        "action": t.action,
        "title": t.title,
        "leaders": list(t.leaders),
        "sections": list(t.sections),
        "units": sorted(t.units),
        "assignees": list(r.state.assignees),
        "status": r.state.status.value,
        "due": t.due.isoformat(),
        "overdue": r.overdue,
        "done_on": r.state.done_on.isoformat() if r.state.done_on else None,
        "last_note": note(r.state.last_note),
    }


def event(e: Event, revoked: bool) -> dict[str, Any]:
    return {
        "id": e.id,
        "op": e.op.value,
        "task": e.task,
        "value": e.value,
        "date": e.date.isoformat(),
        "recorded": e.recorded,
        "by": e.by,
        "note": e.note,
        "revoked": revoked,
    }


def _history(entries: list[HistoryEntry]) -> list[dict[str, Any]]:
    return [event(h.event, h.revoked) | {"conflict": h.conflict} for h in entries]


def roles(t: Task) -> dict[str, list[str]]:
    return {role: list(units) for role, units in t.roles().items()}


def list_result(res: ListResult) -> str:
    """Rows; plans with 牵头/配合 units (or a --section filter) add `roles`, `recurrence`,
    and with --section also `section_roles`: the roles the section has in the task."""
    section = res.filters.section
    rows = []
    for r in res.rows:
        out = row(r)
        if res.plan.has_roles or section:
            out["roles"] = roles(r.task)
            out["recurrence"] = r.task.recurrence
        if section:
            out["section_roles"] = r.task.roles_of(section)
        rows.append(out)
    return dumps(rows)


def show_result(res: ShowResult) -> str:
    out = row(res.row)
    if res.plan.has_roles:
        out["roles"] = roles(res.row.task)
        out["recurrence"] = res.row.task.recurrence
    out |= {
        "text": res.row.task.text,
        "due_text": res.row.task.due_text,
        "as_of": res.as_of.isoformat(),
        "notes": [note(n) for n in res.row.state.notes],
        "history": _history(res.history),
    }
    return dumps(out)


def log_result(res: LogResult) -> str:
    return dumps(_history(res.entries))


def _group(g: Group) -> dict[str, Any]:
    return {
        "name": g.name,
        "total": g.total,
        "counts": g.counts,
        "completion_rate": round(g.rate, 4),
        "overdue": g.overdue,
    }


def _ids(rows: list[Row]) -> list[str]:
    return [r.task.id for r in rows]


def _task_note(t: Task, n: Note) -> dict[str, Any]:
    return {"task": t.id} | (note(n) or {})


def report(rep: Report) -> str:
    by_action = [{"action": a.number} | _group(g) for a, g in zip(rep.plan.actions, rep.by_action)]
    return dumps(
        {
            "plan": rep.plan.title,
            "year": rep.year,
            "month": rep.month,
            "as_of": rep.as_of.isoformat(),
            "total": rep.total,
            "counts": rep.counts,
            "completion_rate": round(rep.completion_rate, 4),
            "overdue": _ids(rep.overdue),
            "done_in_month": _ids(rep.done_in_month),
            "not_started": _ids(rep.not_started),
            "notes_in_month": [_task_note(t, n) for t, n in rep.notes_in_month],
            "by_action": by_action,
            "by_leader": [_group(g) for g in rep.by_leader],
            "by_section": [_group(g) for g in rep.by_section],
        }
    )


def check(res: CheckResult) -> str:
    return dumps(
        {
            "healthy": res.healthy,
            "plan": res.plan_path,
            "plan_error": res.plan_error,
            "tasks": res.tasks,
            "journal": res.journal_path,
            "journal_exists": res.journal_exists,
            "events": res.events,
            "bad_lines": [{"line": n, "problem": p} for n, p in res.bad_lines],
            "torn_tail_bytes": res.torn_tail,
            "torn_file": res.torn_file,
            "unknown_tasks": [{"event": e, "task": t} for e, t in res.unknown_tasks],
            "missing_undo_targets": res.missing_targets,
            "duplicate_ids": res.duplicate_ids,
        }
    )
