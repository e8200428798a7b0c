"""The monthly report as one self-contained HTML page: inline CSS and inline SVG charts,
no scripts, no web fonts, nothing fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.model import Status
from xiajiceng.text import markup
from xiajiceng.views.formats import document as D
from xiajiceng.views.formats.base import Format

if TYPE_CHECKING:
    from xiajiceng.usecases.report import Group, Report

COLORS = {  # a status → its colour in the charts
    Status.DONE: "#3a9a5b",
    Status.DOING: "#3b78c2",
    Status.PAUSED: "#b58ad6",
    Status.TODO: "#d9d9d9",
}
ORDER = (Status.DONE, Status.DOING, Status.PAUSED, Status.TODO)

CSS = """
body { margin: 0; background: #f3f3f3; color: #222;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif; }
main { max-width: 860px; margin: 24px auto; background: #fff; padding: 56px 72px;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); font-size: 17px; line-height: 1.8; }
h1 { text-align: center; font-weight: normal; font-size: 28px; line-height: 1.5; margin: 0;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Songti SC",
  "SimSun", serif; }
.subtitle { text-align: center; margin: 4px 0 24px;
  font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
h2 { font-size: 18px; margin: 24px 0 8px; text-indent: 2em;
  font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: bold; }
h3 { font-size: 17px; margin: 16px 0 8px; text-indent: 2em; font-weight: normal;
  font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
p { margin: 0 0 8px; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px;
  line-height: 1.6; }
th, td { border: 1px solid #999; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eee; font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif;
  font-weight: normal; }
figure { margin: 8px 0 16px; }
figcaption { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 15px;
  margin-bottom: 4px; }
svg text { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 13px; }
.legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -1px; }
.signature { text-align: right; margin-top: 32px; padding-right: 4em; }
.signature p { text-align: right; text-indent: 0; }
footer { color: #888; font-size: 12px; text-align: right; margin-top: 24px; }
@media print { body { background: #fff; } main { box-shadow: none; margin: 0; } }
"""
# across an office's plans, actions are a level further down: 1． under the plan's （一）
CSS_PLANS = """h4 { font-size: 17px; margin: 12px 0 8px; text-indent: 2em; font-weight: bold; }
td.n, th.n { text-align: center; }
"""


def bar_chart(title: str, labels: list[str], groups: list[Group]) -> str:
    """Stacked horizontal bars: how many tasks of each group are in each status."""
    label_w, bar_w, row_h, right_w = 220, 420, 28, 110
    width = label_w + bar_w + right_w
    height = row_h * len(groups) + 8
    most = max((g.total for g in groups), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{markup(title)}">'
    ]
    for i, (label, g) in enumerate(zip(labels, groups)):
        y = 4 + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{markup(label)}</text>'
        )
        x = float(label_w)
        for status in ORDER:
            n = g.counts[status.value]
            if not n:
                continue
            w = bar_w * n / most
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
                f'fill="{COLORS[status]}"><title>{markup(status.label)} {n}</title></rect>'
            )
            x += w
        rate = f"{g.rate * 100:.0f}%"
        summary = f"{g.done}/{g.total}  {rate}"
        parts.append(f'<text x="{x + 8:.1f}" y="{y + 17}">{markup(summary)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    items = "".join(
        f'<span><i style="background:{COLORS[s]}"></i>{markup(s.label)}</span>' for s in ORDER
    )
    return f'<div class="legend" aria-label="{markup(M.REPORT_CHART_LEGEND)}">{items}</div>'


def charts(rep: Report) -> str:
    """Progress by action (across an office's plans, by plan) and by unit."""
    first = (
        (M.REPORT_CHART_PLANS, [p.short for p in rep.parts], rep.by_plan)
        if rep.parts
        else (
            M.REPORT_CHART_ACTIONS,
            [f"{a.number}. {a.name}" for a in rep.plan.actions],
            rep.by_action,
        )
    )
    sections = [g.name for g in rep.by_section]
    return (
        "".join(
            f"<figure><figcaption>{markup(title)}</figcaption>{bar_chart(title, labels, groups)}"
            "</figure>"
            for title, labels, groups in (
                first,
                (
                    M.REPORT_CHART_UNITS.format(word=rep.plan.word(rep.unit_role)),
                    sections,
                    rep.by_section,
                ),
            )
            if groups  # a plan without sections gets no empty chart
        )
        + legend()
    )


def _cell(text: str) -> str:
    return "<br>".join(markup(line) for line in text.split("\n"))


class Html(Format):
    name = "html"

    def report(self, rep: Report) -> bytes:
        body: list[str] = []
        title = D.report_title(rep)
        for b in D.build(rep):
            if b.kind == D.TITLE:
                body.append(f"<h1>{markup(b.text)}</h1>")
            elif b.kind == D.SUBTITLE:
                body.append(f'<div class="subtitle">{markup(b.text)}</div>')
            elif b.kind == D.H1:
                body.append(f"<h2>{markup(b.text)}</h2>")
            elif b.kind == D.H2:
                body.append(f"<h3>{markup(b.text)}</h3>")
            elif b.kind == D.H3:
                body.append(f"<h4>{markup(b.text)}</h4>")
            elif b.kind in (D.PARA, D.ITEM):
                body.append(f"<p>{markup(b.text)}</p>")
            elif b.kind == D.CHART:
                body.append(charts(rep))
            elif b.kind == D.TABLE:
                total = sum(b.widths) or 1
                cols = "".join(f'<col style="width:{w / total * 100:.0f}%">' for w in b.widths)
                head = "".join(
                    f'<th class="n">{markup(h)}</th>'
                    if b.centred and i >= b.centred
                    else f"<th>{markup(h)}</th>"
                    for i, h in enumerate(b.headers)
                )
                rows = "".join(
                    "<tr>"
                    + "".join(
                        f'<td class="n">{_cell(c)}</td>'
                        if b.centred and i >= b.centred
                        else f"<td>{_cell(c)}</td>"
                        for i, c in enumerate(row)
                    )
                    + "</tr>"
                    for row in b.rows
                )
                body.append(
                    f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
                    f"<tbody>{rows}</tbody></table>"
                )
            elif b.kind == D.SIGNATURE:
                lines = "".join(f"<p>{markup(x)}</p>" for x in b.lines)
                body.append(f'<div class="signature">{lines}</div>')
        body.append(f"<footer>{markup(M.REPORT_HTML_GENERATED)}</footer>")
        css = CSS + CSS_PLANS if rep.parts else CSS
        page = (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{markup(title)}</title>\n<style>{css}</style>\n</head>\n"
            "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
        )
        return page.encode("utf-8")


FORMAT = Html()
