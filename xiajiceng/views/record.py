"""What a recorded change says: one confirmation line, and the state it left."""

from __future__ import annotations

from rich.console import Console

from xiajiceng import messages as M
from xiajiceng.model import Plan, describe
from xiajiceng.usecases.record import WriteResult
from xiajiceng.views.console import day


def show_written(console: Console, res: WriteResult, plan: Plan) -> None:
    e = res.event
    if res.target is not None:
        t = res.target
        line = M.UNDONE.format(
            id=t.id[:8], task=t.task or "", what=describe(t), date=day(t.date, plan), by=t.by
        )
    else:
        line = M.RECORDED.format(
            id=e.id[:8], task=e.task or "", what=describe(e), date=day(e.date, plan), by=e.by
        )
    if res.reopened is not None:
        line += M.REOPENED_BY_MARK.format(date=day(res.reopened, plan))
    console.print(line, soft_wrap=True)
