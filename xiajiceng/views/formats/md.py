"""The ledger and the monthly report as Markdown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.text import neutralise
from xiajiceng.views.formats import document as D
from xiajiceng.views.formats.base import (
    Format,
    ledger_columns,
    ledger_lines,
    ledger_subtitle,
    ledger_title,
    plan_table,
    summary_subtitle,
    unit_table,
)

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger, OfficeLedger
    from xiajiceng.usecases.report import Report


# Markdown's inline syntax, escaped with a backslash wherever it stands; & < > become entities,
# so that no HTML (<script>, <img onerror=…>) reaches the page a renderer makes.
_INLINE = re.compile(r"[\\`*_\[\]|~]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML = re.compile("[&<>]")
# what opens a block at the start of a line: a heading, a list item, a rule, a setext line
# (a quote's > is an entity by then), and the . or ) of an ordered list item
_BLOCK_START = re.compile(r"^([#+=-]|\d+(?=[.)](\s|$)))")


def _block_escape(m: re.Match[str]) -> str:
    mark = m.group()
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


def text(value: object) -> str:
    """Text a Markdown renderer shows literally, on one line (line breaks become <br>):
    control characters escaped, HTML and Markdown syntax escaped, `|` too (table cells)."""
    lines = [line.strip() for line in neutralise(str(value)).split("\n")]
    out = []
    for line in lines:
        line = _HTML.sub(lambda m: _ENTITIES[m.group()], _INLINE.sub(r"\\\g<0>", line))
        out.append(_BLOCK_START.sub(_block_escape, line, count=1))
    return "<br>".join(out)


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return text(value) or " "


def table(headers: list[str], rows: list[list[str]], centred: int = 0) -> list[str]:
    """A Markdown table; the columns from `centred` on are centred (0: none)."""
    out = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    rules = [" :---: " if centred and i >= centred else " --- " for i in range(len(headers))]
    out.append("|" + "|".join(rules) + "|")
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def _table(headers: list[str], rows: list[list[str | int]]) -> list[str]:
    return table(headers, [[str(c) for c in row] for row in rows])


class Markdown(Format):
    name = "md"

    def ledger(self, ledger: Ledger) -> bytes:
        lines = [f"# {text(ledger_title(ledger))}", "", text(ledger_subtitle(ledger)), ""]
        rows = [[str(c) for c in line.cells] for line in ledger_lines(ledger)]
        lines += table(list(ledger_columns(ledger)), rows)
        return ("\n".join(lines) + "\n").encode("utf-8")

    def office_ledger(self, led: OfficeLedger) -> bytes:
        """The 汇总 tables, then a section per plan laid out as its own ledger (its owner
        columns in its own words): a page read plan by plan, like the workbook's sheets."""
        lines = [f"# {text(M.LEDGER_SUMMARY_TITLE)}", "", text(summary_subtitle(led)), ""]
        lines += [f"## {text(M.LEDGER_SUMMARY_PLANS)}", ""]
        lines += [*_table(*plan_table(led)), ""]
        lines += [f"## {text(M.LEDGER_SUMMARY_UNITS)}", ""]
        units = unit_table(led)
        lines += [*_table(*units), ""] if units[1] else [text(M.LEDGER_SUMMARY_NO_UNITS), ""]
        for part in led.parts:
            lines += [f"## {text(part.short)}：{text(ledger_title(part.ledger))}", ""]
            rows = [[str(c) for c in line.cells] for line in ledger_lines(part.ledger)]
            lines += [*table(list(ledger_columns(part.ledger)), rows), ""]
        return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")

    def report(self, rep: Report) -> bytes:
        out: list[str] = []
        for b in D.build(rep):
            if b.kind == D.TITLE:
                out += [f"# {text(b.text)}", ""]
            elif b.kind == D.SUBTITLE:
                out += [text(b.text), ""]
            elif b.kind == D.H1:
                out += [f"## {text(b.text)}", ""]
            elif b.kind == D.H2:
                out += [f"### {text(b.text)}", ""]
            elif b.kind == D.H3:
                out += [f"#### {text(b.text)}", ""]
            elif b.kind in (D.PARA, D.ITEM):
                out += [text(b.text), ""]
            elif b.kind == D.TABLE:
                out += [*table(b.headers, b.rows, b.centred), ""]
            elif b.kind == D.SIGNATURE:
                out += [
                    '<div align="right">',
                    "",
                    *[f"{text(x)}  " for x in b.lines],
                    "",
                    "</div>",
                    "",
                ]
        return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


FORMAT = Markdown()
