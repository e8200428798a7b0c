"""The ledger as CSV, in UTF-8 with a byte-order mark so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from xiajiceng.model import ledger_layout as S
from xiajiceng.views.formats.base import (
    Format,
    ledger_columns,
    ledger_lines,
    office_columns,
    office_lines,
)

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger, OfficeLedger

# What makes Excel or LibreOffice read a cell as a formula (OWASP, "CSV Injection"): a
# leading = + - @, or a tab or carriage return before one of them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | int) -> str | int:
    """A cell as text a spreadsheet shows and never runs: a ' before a text that would
    start a formula (OWASP's remedy). (ledger_lines escaped the control characters.)"""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class Csv(Format):
    name = "csv"

    def ledger(self, ledger: Ledger) -> bytes:
        out = io.StringIO(newline="")
        writer = csv.writer(out)  # Excel's dialect: commas, CRLF, quotes where needed
        writer.writerow([*ledger_columns(ledger), S.ID_COLUMN])
        for line in ledger_lines(ledger):
            writer.writerow([cell(c) for c in (*line.cells, line.task_id)])
        return out.getvalue().encode("utf-8-sig")

    def office_ledger(self, led: OfficeLedger) -> bytes:
        """One table across the plans, a 方案 column first: what a spreadsheet sorts, filters
        and pivots (a CSV holds one table)."""
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(office_columns(led))
        for line in office_lines(led):
            writer.writerow([cell(c) for c in line])
        return out.getvalue().encode("utf-8-sig")


FORMAT = Csv()
