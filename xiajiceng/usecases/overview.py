"""The overview (bare `xjc`): the plan at a glance — progress, what is late, what is due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xiajiceng.model import Plan, Status
from xiajiceng.store import Workspace
from xiajiceng.usecases.tasks import Timed, by_urgency, rows_as_of


@dataclass(frozen=True)
class Overview:
    plan: Plan
    as_of: date
    total: int
    counts: dict[str, int]  # by Status value
    overdue: int
    attention: list[Timed]  # every open task, most urgent first; the view shows what fits
    # done and, where the plan requires it (办结需审核), verified: what 完成率 counts
    finished: int = 0
    pending: int = 0  # done, awaiting verification (待审核)

    @property
    def done(self) -> int:
        return self.counts[Status.DONE.value]

    @property
    def completion_rate(self) -> float:
        return self.finished / self.total if self.total else 0.0


def overview(ws: Workspace, as_of: date) -> Overview:
    rows = rows_as_of(ws, as_of)
    counts = {s.value: 0 for s in Status}
    for r in rows:
        counts[r.state.status.value] += 1
    return Overview(
        plan=ws.plan,
        as_of=as_of,
        total=len(rows),
        counts=counts,
        overdue=sum(r.overdue for r in rows),
        attention=by_urgency(rows, as_of),
        finished=sum(r.state.finished(r.task.verify) for r in rows),
        pending=sum(
            r.task.verify and r.state.status is Status.DONE and not r.state.verified_on
            for r in rows
        ),
    )
