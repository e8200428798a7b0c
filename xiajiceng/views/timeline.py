"""The timeline (Gantt chart): in the terminal, as JSON, and as an SVG picture for reports.

Each task's window runs from the start of the plan's period to its time limit. Symbols are
narrow ASCII, so they line up in every terminal, and carry the meaning without colour:

    #  done          =  in progress    -  not started    ~  paused
    !  overdue: after the time limit, up to the as-of date (or the day it was done)
    *  the day it was done              |  the as-of date
In a month view (--month) rest days (weekends, holidays) are dotted where nothing else is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.model import Status
from xiajiceng.model.workdays import is_workday
from xiajiceng.text import display_width, markup, neutralise
from xiajiceng.usecases.tasks import Timed
from xiajiceng.usecases.timeline import Timeline
from xiajiceng.views.console import day
from xiajiceng.views.phrases import guessed_note, status_label, timing_phrase

BAR = {Status.DONE: "#", Status.DOING: "=", Status.TODO: "-", Status.PAUSED: "~"}
BAR_STYLE = {Status.DONE: "green", Status.DOING: "cyan", Status.TODO: "", Status.PAUSED: "magenta"}
LATE, DONE_DAY, AS_OF, REST = "!", "*", "|", "."
STYLE = {LATE: "bold red", DONE_DAY: "bold green", AS_OF: "bold yellow", REST: "dim"}
# which mark wins a cell that several days share
RANK = {AS_OF: 5, DONE_DAY: 4, LATE: 3, "#": 2, "=": 2, "-": 2, "~": 2, REST: 1, " ": 0}

MAX_LABEL = 30  # cells for "编号 任务" before titles are shortened
MIN_CHART = 12
CUT = ".."
GAP = ":"  # the time between the chart's end and a far later as-of date, left out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass(frozen=True)
class Scale:
    """Maps days onto chart cells."""

    start: date
    end: date
    width: int

    @functools.cached_property
    def total(self) -> int:
        return (self.end - self.start).days + 1

    def cell(self, d: date) -> int:
        return (d - self.start).days * self.width // self.total

    def cells(self, d: date) -> range:
        """The cells a day covers (at least one)."""
        first = self.cell(d)
        return range(first, max(first + 1, self.cell(d + timedelta(days=1))))

    def inside(self, d: date) -> bool:
        return self.start <= d <= self.end


def rest_marks(tl: Timeline, scale: Scale) -> list[str]:
    """The marks every row starts from: rest days, in a month view."""
    marks = [" "] * scale.width
    if tl.month is not None:
        for d in _days(scale.start, scale.end):
            if not is_workday(d)[0]:
                _mark(marks, scale, d, d, REST)
    return marks


def _mark(marks: list[str], scale: Scale, first: date, last: date, mark: str) -> None:
    """Put `mark` on the cells of the days first..last inside the chart, over lower marks.

    The days' cells are contiguous: from the first day's first cell to the last day's last
    (each day covers at least one cell), so a span costs its cells, not its days."""
    first, last = max(first, scale.start), min(last, scale.end)
    if first > last:
        return
    rank = RANK[mark]
    stop = max(scale.cell(last) + 1, scale.cell(last + timedelta(days=1)))
    for i in range(scale.cell(first), stop):
        if rank > RANK[marks[i]]:
            marks[i] = mark


def row_marks(item: Timed, tl: Timeline, scale: Scale, base: list[str] | None = None) -> list[str]:
    """One mark per chart cell for one task (on `base`, the rest days, made once)."""
    marks = list(base) if base is not None else rest_marks(tl, scale)
    r = item.row
    status = r.state.status
    # the bar outranks every rest-day mark under it: its cells are simply set
    first, last = max(tl.plan.period.start, scale.start), min(r.task.due, scale.end)
    if first <= last:
        a, b = scale.cell(first), max(scale.cell(last) + 1, scale.cell(last + timedelta(days=1)))
        marks[a:b] = BAR[status] * (b - a)
    done_on = r.state.done_on
    late_until = done_on if status is Status.DONE and done_on else tl.as_of
    if late_until > r.task.due:
        _mark(marks, scale, r.task.due + timedelta(days=1), late_until, LATE)
    if done_on:
        _mark(marks, scale, done_on, done_on, DONE_DAY)
    _mark(marks, scale, tl.as_of, tl.as_of, AS_OF)
    return marks


MARK_STYLE = {BAR[s]: BAR_STYLE[s] for s in Status} | STYLE


def _runs(marks: list[str]) -> list[tuple[str, str]]:
    """The marks as (text, style) pieces, one per run of equal marks."""
    out = []
    run = 0
    for i in range(1, len(marks) + 1):
        if i == len(marks) or marks[i] != marks[run]:
            out.append((marks[run] * (i - run), MARK_STYLE.get(marks[run], "")))
            run = i
    return out


class _Rows:
    """The chart's rows as rich segments, one line each, never wrapped.

    Built as (text, style) pieces rather than Text: rich's Text machinery (spans, divide,
    wrap) is most of the time of a 10,000-row timeline, and a row here is already laid out
    to the width. The text is neutralised here, as SafeConsole does for Text."""

    def __init__(self, lines: list[list[tuple[str, str]]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: object) -> Iterator[Segment]:
        styles: dict[str, Style | None] = {"": None}
        newline = Segment.line()
        for line in self.lines:
            for text, name in line:
                style = styles.get(name)
                if style is None and name not in styles:
                    style = styles[name] = Style.parse(name)
                yield Segment(neutralise(text), style)
            yield newline


def shorten(text: str, width: int) -> str:
    """Text in at most `width` cells, the cut marked with '..' (narrow, unlike '…')."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - len(CUT):
            break
        out += ch
    return out + CUT


def _fit(text: str, width: int, has: int | None = None) -> str:
    """Shorten text to `width` cells and pad it to exactly that (`has`: its width, if known)."""
    has = display_width(text) if has is None else has
    if has <= width:
        return text + " " * (width - has)
    out = shorten(text, width)
    return out + " " * (width - display_width(out))


def label(item: Timed) -> str:
    return f"{item.row.task.id} {item.row.task.title}"


def state_word(item: Timed) -> str:
    r = item.row
    if r.state.status is Status.DONE:
        return status_label(r)
    if r.overdue:
        return timing_phrase(item.timing)
    return r.state.status.label


def header(tl: Timeline, scale: Scale) -> str:
    """Month names (or day numbers in a month view) at the cells where they begin."""
    cells = [" "] * scale.width

    def place(i: int, word: str) -> None:
        if i + display_width(word) > scale.width:
            return
        if any(c != " " for c in cells[max(0, i - 1) : i + display_width(word) + 1]):
            return
        cells[i] = word
        for j in range(i + 1, i + display_width(word)):
            cells[j] = ""

    if tl.month is None:
        months = []
        d = scale.start
        while d <= scale.end:
            months.append(d)
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)

        def word(d: date, short: int) -> str:
            if short:  # a narrow chart: the number alone (the first keeps its 月 if it can)
                first = d == months[0] and short == 1
                return M.TIMELINE_MONTH.format(month=d.month) if first else str(d.month)
            text = M.TIMELINE_MONTH.format(month=d.month)
            if d.month == 1 and d != scale.start:
                text = M.DATE_YEAR_PREFIX.format(year=d.year, text=text)
            return text

        # every month labelled: full labels when they all fit, else the short ones
        for short in (0, 1, 2):
            cells[:] = [" "] * scale.width
            for d in months:
                place(scale.cell(d), word(d, short))
            if sum(c not in (" ", "") for c in cells) == len(months):
                break
    else:
        for d in _days(scale.start, scale.end):
            if d.day == 1 or d.day % 5 == 0:
                place(scale.cell(d), str(d.day))
    return "".join(cells)


def show(console: Console, tl: Timeline) -> None:
    plan = tl.plan
    as_of = day(tl.as_of, plan)
    if tl.month is None:
        title = M.TIMELINE_TITLE.format(plan=plan.title, as_of=as_of)
    else:
        title = M.TIMELINE_TITLE_MONTH.format(
            plan=plan.title, year=tl.start.year, month=tl.month, as_of=as_of
        )
    console.print(Text(title, style="bold"))
    if not tl.rows:
        console.print(M.LIST_EMPTY.format(total=tl.total, as_of=as_of))
        return
    width = console.width
    words = [state_word(i) for i in tl.rows]
    right = max(display_width(w) for w in words)
    labels = [label(i) for i in tl.rows]
    widths = [display_width(t) for t in labels]
    left = min(MAX_LABEL, max(widths))
    chart = (
        width - left - right - 2 - (len(GAP) + 1 if tl.month is None and tl.as_of > tl.end else 0)
    )
    if chart < MIN_CHART:  # narrow terminal: shorten the titles first
        left = max(8, left - (MIN_CHART - chart))
        chart = max(MIN_CHART, width - left - right - 2)
    days = (tl.end - tl.start).days + 1
    if tl.month is not None and chart >= days:
        chart = days * min(3, chart // days)  # whole cells per day
    scale = Scale(tl.start, tl.end, chart)
    gap = tl.month is None and tl.as_of > tl.end  # the as-of date is far past the chart
    head = header(tl, scale) + (GAP if gap else "")
    console.print(Text(" " * (left + 1) + head, style="bold"))
    base = rest_marks(tl, scale)
    lines = []
    for item, word, text, has in zip(tl.rows, words, labels, widths):
        line = [(_fit(text, left, has) + " ", ""), *_runs(row_marks(item, tl, scale, base))]
        if gap:  # still late on the as-of date, past the chart's end: '!' after the ':'
            line += [(GAP, ""), (LATE if item.row.overdue else " ", STYLE[LATE])]
        style = "bold red" if item.row.overdue else BAR_STYLE[item.row.state.status]
        line.append((" " + word, style))
        lines.append(line)
    console.print(_Rows(lines), no_wrap=True, overflow="ignore", crop=False)
    legend = M.TIMELINE_LEGEND + (M.TIMELINE_LEGEND_REST if tl.month is not None else "")
    console.print(Text(legend, style="dim"))
    caption = M.TIMELINE_CAPTION.format(shown=len(tl.rows), total=tl.total)
    if gap:
        caption += "；" + M.TIMELINE_GAP_CAPTION.format(as_of=as_of)
    elif not scale.inside(tl.as_of):
        caption += "；" + M.TIMELINE_AS_OF_OUTSIDE.format(as_of=as_of)
    console.print(Text(caption, style="dim"))
    note = guessed_note([i.timing for i in tl.rows if i.row.state.status is not Status.DONE])
    if note:
        console.print(Text(note, style="dim"))


def saved_line(path: object, tl: Timeline) -> str:
    return M.TIMELINE_SAVED.format(path=path, n=len(tl.rows), as_of=day(tl.as_of, tl.plan))


def to_json(tl: Timeline) -> str:
    """Stable keys: plan, as_of, start, end, month, tasks (id, title, start, due, status,
    overdue, done_on, workdays_left, workdays_late)."""
    data = {
        "plan": tl.plan.title,
        "as_of": tl.as_of.isoformat(),
        "start": tl.start.isoformat(),
        "end": tl.end.isoformat(),
        "month": tl.month,
        "tasks": [
            {
                "id": i.row.task.id,
                "title": i.row.task.title,
                "start": tl.plan.period.start.isoformat(),
                "due": i.row.task.due.isoformat(),
                "status": i.row.state.status.value,
                "overdue": i.row.overdue,
                "done_on": i.row.state.done_on.isoformat() if i.row.state.done_on else None,
                "workdays_left": None
                if i.timing.late or i.row.state.status is Status.DONE
                else i.timing.days,
                "workdays_late": i.timing.days
                if i.timing.late and i.row.state.status is not Status.DONE
                else None,
            }
            for i in tl.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- SVG ---------------------------------------------------------------------------------------

SVG_FILL = {
    Status.DONE: "#2e7d32",
    Status.DOING: "#0277bd",
    Status.TODO: "#9e9e9e",
    Status.PAUSED: "#8e24aa",
}
SVG_LATE = "#c62828"
FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','SimHei',sans-serif"


def to_png(tl: Timeline) -> bytes:
    """The SVG drawn at twice its size on white, by resvg (a Rust renderer, no system
    libraries; it uses the fonts installed on the computer, so Chinese needs a CJK font,
    which every Chinese-language Windows and macOS has)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=to_svg(tl), zoom=2.0, background="#ffffff"))


RENDERERS = {".svg": lambda tl: to_svg(tl).encode("utf-8"), ".png": to_png}


def to_svg(tl: Timeline) -> str:
    """A self-contained SVG (no scripts, no external fonts or images) for reports."""
    plan = tl.plan
    row_h, top, label_w, right_w, chart_w = 26, 70, 260, 150, 720
    width = label_w + chart_w + right_w + 20
    height = top + row_h * max(1, len(tl.rows)) + 70
    days = (tl.end - tl.start).days + 1

    def x(d: date) -> float:
        return label_w + (d - tl.start).days * chart_w / days

    out: list[str] = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{markup(FONT)}" font-size="13">'
    )
    add(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    title = M.TIMELINE_SVG_TITLE.format(plan=plan.title)
    if tl.month is not None:
        title += M.TIMELINE_SVG_MONTH.format(year=tl.start.year, month=tl.month)
    add(f'<text x="10" y="24" font-size="17" font-weight="bold">{markup(title)}</text>')
    sub = M.SHOW_AS_OF.format(as_of=day(tl.as_of, plan))
    add(f'<text x="10" y="44" fill="#555555">{markup(sub)}</text>')
    # columns: months, or days in a month view
    if tl.month is None:
        d = tl.start
        while d <= tl.end:
            add(
                f'<line x1="{x(d):.1f}" y1="{top - 16}" x2="{x(d):.1f}" '
                f'y2="{top + row_h * len(tl.rows)}" stroke="#dddddd"/>'
            )
            word = M.TIMELINE_MONTH.format(month=d.month)
            add(f'<text x="{x(d) + 3:.1f}" y="{top - 4}" fill="#333333">{markup(word)}</text>')
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    else:
        for d in _days(tl.start, tl.end):
            if not is_workday(d)[0]:
                add(
                    f'<rect x="{x(d):.1f}" y="{top - 16}" width="{chart_w / days:.1f}" '
                    f'height="{row_h * len(tl.rows) + 16}" fill="#f2f2f2"/>'
                )
            add(
                f'<text x="{x(d) + chart_w / days / 2:.1f}" y="{top - 4}" font-size="10" '
                f'text-anchor="middle" fill="#333333">{d.day}</text>'
            )
    for n, item in enumerate(tl.rows):
        r = item.row
        y = top + n * row_h
        if n % 2:
            add(
                f'<rect x="0" y="{y}" width="{width}" height="{row_h}" '
                f'fill="#000000" fill-opacity="0.025"/>'
            )
        add(f'<text x="10" y="{y + 17}">{markup(label(item))}</text>')
        status = r.state.status
        first = max(plan.period.start, tl.start)
        last = min(r.task.due, tl.end)
        if first <= last:
            w = x(last + timedelta(days=1)) - x(first)
            add(
                f'<rect x="{x(first):.1f}" y="{y + 6}" width="{w:.1f}" height="{row_h - 12}" '
                f'rx="2" fill="{SVG_FILL[status]}"><title>{markup(label(item))}</title></rect>'
            )
        late_until = r.state.done_on if status is Status.DONE and r.state.done_on else tl.as_of
        if late_until > r.task.due:
            a = max(r.task.due + timedelta(days=1), tl.start)
            b = min(late_until, tl.end)
            if a <= b:
                w = x(b + timedelta(days=1)) - x(a)
                add(
                    f'<rect x="{x(a):.1f}" y="{y + 9}" width="{w:.1f}" height="{row_h - 18}" '
                    f'fill="{SVG_LATE}" fill-opacity="0.35" stroke="{SVG_LATE}"/>'
                )
        if r.state.done_on and tl.start <= r.state.done_on <= tl.end:
            cx = x(r.state.done_on) + chart_w / days / 2
            add(
                f'<circle cx="{cx:.1f}" cy="{y + row_h / 2}" r="4" fill="#ffffff" '
                f'stroke="{SVG_FILL[Status.DONE]}" stroke-width="2"/>'
            )
        colour = SVG_LATE if r.overdue else SVG_FILL[status]
        add(
            f'<text x="{label_w + chart_w + 10}" y="{y + 17}" fill="{colour}">'
            f"{markup(state_word(item))}</text>"
        )
    if tl.start <= tl.as_of <= tl.end:
        ax = x(tl.as_of) + chart_w / days / 2
        add(
            f'<line x1="{ax:.1f}" y1="{top - 16}" x2="{ax:.1f}" '
            f'y2="{top + row_h * len(tl.rows)}" stroke="#f9a825" stroke-width="2" '
            f'stroke-dasharray="4 3"/>'
        )
    legend_y = top + row_h * len(tl.rows) + 30
    swatches = [(SVG_FILL[s], s.label) for s in (Status.DONE, Status.DOING, Status.TODO)]
    swatches += [(SVG_FILL[Status.PAUSED], Status.PAUSED.label), (SVG_LATE, M.OVERDUE)]
    lx = 10
    for colour, word in swatches:
        add(f'<rect x="{lx}" y="{legend_y - 11}" width="14" height="12" fill="{colour}"/>')
        add(f'<text x="{lx + 20}" y="{legend_y}" fill="#555555">{markup(word)}</text>')
        lx += 20 + 14 * len(word) + 24
    add(
        f'<circle cx="{lx + 6}" cy="{legend_y - 5}" r="4" fill="#ffffff" '
        f'stroke="{SVG_FILL[Status.DONE]}" stroke-width="2"/>'
    )
    add(f'<text x="{lx + 16}" y="{legend_y}" fill="#555555">{markup(M.TIMELINE_DONE_DAY)}</text>')
    lx += 16 + 14 * len(M.TIMELINE_DONE_DAY) + 24
    add(
        f'<line x1="{lx}" y1="{legend_y - 12}" x2="{lx}" y2="{legend_y + 2}" stroke="#f9a825" '
        f'stroke-width="2" stroke-dasharray="4 3"/>'
    )
    add(f'<text x="{lx + 8}" y="{legend_y}" fill="#555555">{markup(M.TIMELINE_AS_OF)}</text>')
    add("</svg>")
    return "\n".join(out) + "\n"
