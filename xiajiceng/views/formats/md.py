"""The ledger and the monthly report as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import sheetspec as S
from . import document as D
from .base import Format, ledger_lines, ledger_subtitle, ledger_title

if TYPE_CHECKING:
    from ...exchange import Ledger
    from ...usecases import Report


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(text.splitlines()) or " "


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    out.append("|" + "|".join(" --- " for _ in headers) + "|")
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


class Markdown(Format):
    name = "md"

    def ledger(self, ledger: Ledger) -> bytes:
        lines = [f"# {ledger_title(ledger)}", "", ledger_subtitle(ledger), ""]
        rows = [[str(c) for c in line.cells] for line in ledger_lines(ledger)]
        lines += table(list(S.COLUMNS), rows)
        return ("\n".join(lines) + "\n").encode("utf-8")

    def report(self, rep: Report) -> bytes:
        out: list[str] = []
        for b in D.build(rep):
            if b.kind == D.TITLE:
                out += [f"# {b.text}", ""]
            elif b.kind == D.SUBTITLE:
                out += [b.text, ""]
            elif b.kind == D.H1:
                out += [f"## {b.text}", ""]
            elif b.kind == D.H2:
                out += [f"### {b.text}", ""]
            elif b.kind in (D.PARA, D.ITEM):
                out += [b.text, ""]
            elif b.kind == D.TABLE:
                out += [*table(b.headers, b.rows), ""]
            elif b.kind == D.SIGNATURE:
                out += ['<div align="right">', "", *[f"{x}  " for x in b.lines], "", "</div>", ""]
        return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


FORMAT = Markdown()
