"""What every terminal view shares: the console (control characters shown, never obeyed),
styles, table rules and small cells. Only the views import rich.

No ambiguous-width characters (box drawing, ●, …, →) are used in borders or marks: they
take two cells in many CJK terminals and break the alignment of every row."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.model import Note, Plan, Status, shown_note
from xiajiceng.model.workdays import Timing
from xiajiceng.text import first_control, neutralise
from xiajiceng.usecases.tasks import Row
from xiajiceng.views.phrases import BAR_WIDTH, short_date, status_label
from xiajiceng.views.phrases import bar as bar_runs

# A header rule of ASCII hyphens, no vertical lines: safe in every terminal.
RULE = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


STATUS_STYLE = {
    Status.TODO: "",
    Status.DOING: "cyan",
    Status.DONE: "green",
    Status.PAUSED: "magenta",
}


OVERDUE_STYLE = "bold red"


class SafeConsole(Console):
    """A console that shows control characters in what it prints as visible escapes.

    Every piece of text a view hands rich passes through render_str (plain strings) or
    render (Text, in a table cell or on its own): the one place where text recorded by
    anyone becomes what a terminal obeys, so no view has to remember to neutralise it.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(neutralise(text), **kwargs)

    def render(self, renderable: Any, options: Any = None) -> Any:
        if isinstance(renderable, Text):
            renderable = safe_text(renderable)
        return super().render(renderable, options)


def safe_text(text: Text) -> Text:
    """The Text with its control characters escaped, each piece keeping its styles."""
    if first_control(text.plain) is None:
        return text
    cuts = sorted({i for span in text.spans for i in (span.start, span.end)} - {0})
    out = text.blank_copy()
    for piece in text.divide(cuts):
        start = len(out)
        out.append(neutralise(piece.plain))
        for span in piece.spans:
            out.stylize(span.style, start, len(out))
    return out


def make_console(out: TextIO, environ: Mapping[str, str]) -> Console:
    """A console for one command, built from the command's environment (never module-level)."""
    width = environ.get("COLUMNS", "")
    no_color = "NO_COLOR" in environ
    force = environ.get("FORCE_COLOR") not in (None, "")
    return SafeConsole(
        file=out,
        width=int(width) if width.isdigit() and int(width) > 0 else None,
        no_color=no_color,
        force_terminal=True if force else None,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        markup=False,
    )


def day(d: date, plan: Plan) -> str:
    """3月31日 within the plan's year, 2024年3月31日 outside it."""
    return short_date(d, plan.year)


PENDING_STYLE = "yellow"  # done, awaiting the office's verification (待审核)


def status_text(row: Row) -> Text:
    label = status_label(row)
    pending = label == M.STATUS_PENDING
    text = Text(label, style=PENDING_STYLE if pending else STATUS_STYLE[row.state.status])
    if row.overdue:
        text.append("\n" + M.OVERDUE, style=OVERDUE_STYLE)
    return text


def note_text(n: Note | None, plan: Plan) -> Text:
    if n is None:
        return Text("")
    text = Text(day(n.date, plan) + " ", style="dim")
    text.append(shown_note(n.text))
    return text


def ruled_table(**kw: Any) -> Table:
    return Table(
        box=RULE, pad_edge=False, show_edge=False, collapse_padding=True, header_style="bold", **kw
    )


def workdays_cell(tm: Timing | None) -> Text:
    """逾期 3 / 剩余 5 under a 工作日 heading (the list's optional column)."""
    if tm is None:
        return Text("")
    word = M.OVERDUE if tm.late else M.LEFT
    return Text(f"{word} {tm.days}", style=OVERDUE_STYLE if tm.late else "")


def bar(fraction: float, color: bool, width: int = BAR_WIDTH) -> Text:
    """A progress bar that is safe in CJK terminals: coloured cells, or # and . without colour."""
    return Text.assemble(*bar_runs(fraction, color, width))
