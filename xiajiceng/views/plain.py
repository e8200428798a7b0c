"""Plain tab-separated rows for when stdout is a pipe or a file (`xjc list | sort`).

One task (or record) a line, no header, no colour, no folding: the fields are whole (but a
note longer than any xjc accepts, pushed by a colleague, is cut), tabs and line breaks
inside them become spaces. Dates are ISO so that `sort` orders them.
Does not import rich.
"""

from __future__ import annotations

from xiajiceng import messages as M
from xiajiceng.model import shown_note
from xiajiceng.usecases import ListResult, LogResult
from xiajiceng.workdays import Timing, guessed_years, timing


def timing_phrase(tm: Timing) -> str:
    """剩余 N 个工作日 / 逾期 N 个工作日."""
    if tm.late:
        return M.WORKDAYS_LATE.format(n=tm.days) if tm.days else M.WORKDAYS_LATE_NONE
    return M.WORKDAYS_LEFT.format(n=tm.days)


def guessed_note(timings: list[Timing]) -> str | None:
    """A note when some days were counted Monday to Friday for want of holiday data."""
    years = guessed_years(timings)
    return M.WORKDAYS_GUESSED.format(years="、".join(map(str, years))) if years else None


def _field(value: object) -> str:
    text = str(value)
    if text.isprintable():  # no tab, no line break of any kind: the common case, quickly
        return text.strip()
    return " ".join(text.replace("\t", " ").splitlines()).strip()


def _line(fields: list[object]) -> str:
    return "\t".join(_field(f) for f in fields) + "\n"


def list_tsv(res: ListResult) -> str:
    """编号 任务 责任领导 责任科室 承办人 状态 时限 逾期/剩余 最新进展日期 最新进展."""
    from xiajiceng.model import Status

    out = []
    for r in res.rows:
        t, s = r.task, r.state
        when = ""
        if s.status is not Status.DONE:
            when = timing_phrase(timing(t.due, res.as_of))
        note = s.last_note
        out.append(
            _line(
                [
                    t.id,
                    t.title,
                    "、".join(t.leaders),
                    "、".join(t.sections),
                    "、".join(s.assignees),
                    s.status.label,
                    t.due.isoformat(),
                    when,
                    note.date.isoformat() if note else "",
                    shown_note(note.text) if note else "",
                ]
            )
        )
    return "".join(out)


def log_tsv(res: LogResult) -> str:
    """记录 日期 编号 内容 记录人 (已撤销 when revoked)."""
    from xiajiceng.model import describe

    undone = M.EVENT_UNDONE
    out = []
    for h in res.entries:
        e = h.event
        fields = [e.id[:8], e.task or "", describe(e) + (undone if h.revoked else ""), e.by]
        if not "".join(fields).isprintable():  # a tab or line break inside: fold them
            fields = [_field(f) for f in fields]
        ident, task, what, by = fields
        out.append(
            f"{ident.strip()}\t{e.date.isoformat()}\t{task.strip()}\t{what.strip()}\t{by.strip()}\n"
        )
    return "".join(out)
