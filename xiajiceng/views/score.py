"""The assessment (xjc score) on the terminal, as TSV and as JSON; and the words, headers and
cells its files share (views.formats.score_files). rich is imported only to draw."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.usecases.score import ASSIGNEES, Line, Score, Section
from xiajiceng.views.formats.base import subject
from xiajiceng.views.formats.json import dumps
from xiajiceng.views.formats.tsv import tsv_line
from xiajiceng.views.phrases import full_date, guessed_note, percent

if TYPE_CHECKING:
    from fractions import Fraction

    from rich.console import Console

NONE = "-"  # a figure that does not apply (ASCII: a dash is ambiguous-width in CJK terminals)


# -- words every rendering shares -------------------------------------------------------------


def kind_word(res: Score, kind: str) -> str:
    """The plan's own word for the role (分管领导 where it says so); 承办人 for assignees."""
    return M.ROLE_ASSIGNEE if kind == ASSIGNEES else res.plan.word(kind)


def period_text(res: Score) -> str:
    p = res.period
    if p.year is not None:
        return M.SCORE_YEAR.format(year=p.year)
    return M.SCORE_RANGE.format(start=full_date(p.start), end=full_date(p.end))


def title(res: Score) -> str:
    """2023年度干部下基层结果考评; across an office's plans, without a subject."""
    about = "" if res.plan.parts else subject(res.plan.title)
    return M.SCORE_TITLE.format(period=period_text(res), subject=about)


def plans_line(res: Score) -> str | None:
    """Across an office's plans, which plans."""
    return M.SCORE_PLANS.format(names="、".join(res.plan.parts)) if res.plan.parts else None


def subtitle(res: Score) -> str:
    return M.SCORE_SUBTITLE.format(period=period_text(res), as_of=full_date(res.as_of))


def summary(res: Score) -> str:
    if not res.outcomes:
        return M.SCORE_NOTHING
    return M.SCORE_SUMMARY.format(
        n=len(res.outcomes),
        on_time=sum(o.on_time for o in res.outcomes),
        late=sum(o.late is not None for o in res.outcomes),
        overdue=sum(o.overdue for o in res.outcomes),
    )


def rule(res: Score) -> str:
    """The rule as written under every table (and in the README)."""
    text = M.SCORE_RULE + (M.SCORE_RULE_VERIFY if res.verification else "")
    return M.SCORE_RULE_LABEL + text


def shown(res: Score) -> list[Section]:
    """The sections worth a table: a role no task of the scope uses is left out."""
    return [s for s in res.sections if s.named]


def headers(res: Score, section: Section) -> list[str]:
    cols = [
        M.SCORE_COL_RANK,
        kind_word(res, section.kind),
        M.SCORE_COL_COUNTED,
        M.SCORE_COL_ON_TIME,
        M.SCORE_COL_LATE,
        M.SCORE_COL_OVERDUE,
        M.SCORE_COL_RATE,
        M.SCORE_COL_AVERAGE,
    ]
    return [*cols, M.SCORE_COL_VERIFIED] if res.verification else cols


def _share(f: Fraction | None) -> str:
    return NONE if f is None else percent(float(f))


def average(line: Line) -> str:
    avg = line.average_late
    return NONE if avg is None else f"{avg:.1f}"


def cells(res: Score, line: Line) -> list[str | int]:
    """A line's cells under headers(): numbers as numbers, figures that are words as text."""
    out: list[str | int] = [
        line.rank,
        line.name,
        line.counted,
        line.on_time,
        line.late,
        line.overdue,
        percent(float(line.rate)),
        average(line),
    ]
    return [*out, _share(line.verified_share)] if res.verification else out


def notes(res: Score, section: Section) -> list[str]:
    """What is said under a section's table, before the rule."""
    word = kind_word(res, section.kind)
    out = []
    if res.outcomes and not section.lines:
        out.append(M.SCORE_NOBODY.format(word=word))
    if section.unowned and section.lines:
        out.append(M.SCORE_UNOWNED.format(n=section.unowned, word=word))
    return out


def guessed(res: Score) -> str | None:
    return guessed_note(res.timings)


# -- the terminal ------------------------------------------------------------------------------


def show(console: Console, res: Score) -> None:
    from rich.text import Text

    from xiajiceng.text import wrap
    from xiajiceng.views.console import ruled_table

    def prose(text: str, style: str = "") -> None:
        """A sentence broken where Chinese typesetting allows (rich would start a line
        with a full stop)."""
        for line in wrap(text, console.width):
            console.print(Text(line, style=style), no_wrap=True, crop=False)

    console.print(Text(title(res), style="bold"))
    if plans_line(res):
        console.print(plans_line(res))
    console.print(subtitle(res))
    prose(summary(res))
    for section in shown(res) if res.outcomes else []:
        console.print()
        console.print(Text(M.SCORE_BY.format(word=kind_word(res, section.kind)), style="bold"))
        if section.lines:
            table = ruled_table()
            for i, name in enumerate(headers(res, section)):
                if i == 1:
                    table.add_column(name, overflow="fold", min_width=4, ratio=1)
                else:
                    table.add_column(name, justify="right", overflow="fold")
            for line in section.lines:
                row = [Text(str(c)) for c in cells(res, line)]
                if line.overdue:
                    row[5].stylize("red")
                table.add_row(*row)
            console.print(table)
        for note in notes(res, section):
            prose(note, "dim")
    console.print()
    for last in filter(None, [rule(res), guessed(res)]):
        prose(last, "dim")


# -- a pipe, JSON, files ------------------------------------------------------------------------


def score_tsv(res: Score) -> str:
    """One line an owner: 类别 名次 名称 应完成 按时 逾期完成 逾期未完成 按时完成率 平均逾期
    [销号率], the kind in the plan's own word."""
    return "".join(
        tsv_line([kind_word(res, s.kind), *cells(res, line)])
        for s in shown(res)
        for line in s.lines
    )


def _fraction(f: Fraction | None) -> float | None:
    return None if f is None else round(float(f), 4)


def _line_json(line: Line) -> dict[str, Any]:
    avg = line.average_late
    return {
        "rank": line.rank,
        "name": line.name,
        "due": line.counted,
        "on_time": line.on_time,
        "late": line.late,
        "late_workdays": line.late_days,
        "average_late_workdays": None if avg is None else round(avg, 2),
        "overdue": line.overdue,
        "on_time_rate": _fraction(line.rate),
        "needs_verification": line.needs_verification,
        "done_awaiting_verification": line.submitted - line.verified,
        "verified": line.verified,
        "verified_share": _fraction(line.verified_share),
    }


def score_json(res: Score) -> str:
    p = res.period
    return dumps(
        {
            "plans": list(res.plan.parts) or [res.plan.short or res.plan.title],
            "year": p.year,
            "from": p.start.isoformat(),
            "to": p.end.isoformat(),
            "as_of": res.as_of.isoformat(),
            "through": res.through.isoformat(),
            "tasks": [o.task.id for o in res.outcomes],
            "on_time": sum(o.on_time for o in res.outcomes),
            "late": sum(o.late is not None for o in res.outcomes),
            "overdue": sum(o.overdue for o in res.outcomes),
            "rule": rule(res),
            "kinds": [
                {
                    "kind": s.kind,
                    "word": kind_word(res, s.kind),
                    "unowned": s.unowned,
                    "rows": [_line_json(line) for line in s.lines],
                }
                for s in res.sections
            ],
        }
    )


def written(path: Path, res: Score) -> str:
    return M.SCORE_WRITTEN.format(path=path, period=period_text(res), n=len(res.outcomes)) + "\n"
