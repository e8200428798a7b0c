"""What a recorded change says: one confirmation line, and the state it left."""

from __future__ import annotations

from rich.console import Console

from xiajiceng import messages as M
from xiajiceng.model import Event, Op, Plan, describe
from xiajiceng.usecases.record import AttachResult, WriteResult
from xiajiceng.views.console import day


def recorded_line(e: Event, plan: Plan) -> str:
    return M.RECORDED.format(
        id=e.id[:8], task=e.task or "", what=describe(e), date=day(e.date, plan), by=e.by
    )


def show_written(console: Console, res: WriteResult, plan: Plan) -> None:
    e = res.event
    if res.target is not None:
        t = res.target
        line = M.UNDONE.format(
            id=t.id[:8], task=t.task or "", what=describe(t), date=day(t.date, plan), by=t.by
        )
    else:
        line = recorded_line(e, plan)
    if res.reopened is not None:
        line += M.REOPENED_BY_MARK.format(date=day(res.reopened, plan))
    if res.target is None and e.op is Op.DONE and res.task is not None and res.task.verify:
        line += M.DONE_PENDING.format(task=e.task)  # 申请办结: the office verifies it
    console.print(line, soft_wrap=True)


def show_attached(console: Console, res: AttachResult, plan: Plan) -> None:
    """One line a file: the record, and whether the store had its content already."""
    for a in res.attached:
        line = recorded_line(a.event, plan)
        line += M.EVIDENCE_ADDED_NEW if a.added else M.EVIDENCE_ADDED_KNOWN
        console.print(line, soft_wrap=True)
