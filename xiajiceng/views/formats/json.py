"""JSON: the stable keys of every `--json` (documented in the README), ISO dates, English
status words; and the ledger as a JSON file, with exactly the keys of `xjc list --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiajiceng.model import Event, Evidence, Note, Task
from xiajiceng.text import json_safe
from xiajiceng.usecases.tasks import ListResult, Row
from xiajiceng.views.formats.base import Format
from xiajiceng.views.phrases import review

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger


class Json(Format):
    name = "json"

    def ledger(self, ledger: Ledger) -> bytes:
        return json_safe(list_json(ledger.listing)).encode("utf-8")


FORMAT = Json()


def dumps(obj: Any) -> str:
    """JSON, two-space indented, non-ASCII as it is: the text json.dumps(obj,
    ensure_ascii=False, indent=2) gives, made by msgspec in C (a tenth of the time for the
    10,000 rows of a big plan's list)."""
    import msgspec

    return msgspec.json.format(msgspec.json.encode(obj), indent=2).decode("utf-8") + "\n"


def note(n: Note | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {"date": n.date.isoformat(), "text": n.text, "by": n.by, "event": n.event_id}


def row(r: Row) -> dict[str, Any]:
    """A task's row; across an office's plans with `plan` (its short name) and `ref`
    (下基层:2.3, what commands take), `id` and `action` being the plan's own."""
    t = r.task
    where = {"plan": t.plan, "ref": t.id} if t.plan else {}
    out = {
        **where,
        "id": t.local_id,
        "action": int(t.local_id.split(".")[0]) if t.plan else t.action,
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
    if t.verify:  # 办结需审核: "pending" (待审核) or "verified" (已销号) for a done task, else null
        out["verification"] = review(t, r.state)
        out["verified_on"] = r.state.verified_on.isoformat() if r.state.verified_on else None
    return out


def evidence(x: Evidence) -> dict[str, Any]:
    return {
        "name": x.name,
        "size": x.size,
        "sha256": x.sha256,
        "date": x.date.isoformat(),
        "event": x.event_id,
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


def roles(t: Task) -> dict[str, list[str]]:
    return {role: list(units) for role, units in t.roles().items()}


def list_json(res: ListResult) -> str:
    """Rows; plans with 牵头/配合 units (or a --section filter) add `roles`, `recurrence`,
    and with --section also `section_roles`: the roles the section has in the task."""
    section = res.filters.section
    has_roles = res.plan.has_roles  # once: it looks at every task
    rows = []
    for r in res.rows:
        out = row(r)
        if has_roles or section:
            out["roles"] = roles(r.task)
            out["recurrence"] = r.task.recurrence
        if section:
            out["section_roles"] = r.task.roles_of(section)
        rows.append(out)
    return dumps(rows)
