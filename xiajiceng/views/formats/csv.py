"""The ledger as CSV, in UTF-8 with a byte-order mark so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ... import sheetspec as S
from .base import Format, ledger_lines

if TYPE_CHECKING:
    from ...exchange import Ledger


class Csv(Format):
    name = "csv"

    def ledger(self, ledger: Ledger) -> bytes:
        out = io.StringIO(newline="")
        writer = csv.writer(out)  # Excel's dialect: commas, CRLF, quotes where needed
        writer.writerow([*S.COLUMNS, S.ID_COLUMN])
        for line in ledger_lines(ledger):
            writer.writerow([*line.cells, line.task_id])
        return out.getvalue().encode("utf-8-sig")


FORMAT = Csv()
