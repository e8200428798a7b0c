"""File formats for the ledger (台账) and the monthly report (月报).

One module per format, each with a ``FORMAT`` object (a `base.Format`); this registry maps a
file's extension to the module, imported only when that format is used, so that openpyxl
and python-docx are paid for only by the command that writes such a file.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.errors import UsageError

if TYPE_CHECKING:
    from xiajiceng.views.formats.base import Format

# extension → module in this package
LEDGER_FORMATS: dict[str, str] = {".xlsx": "xlsx", ".csv": "csv", ".md": "md", ".json": "json"}
REPORT_FORMATS: dict[str, str] = {".docx": "docx", ".md": "md", ".html": "html"}


def load(module: str) -> Format:
    found: Format = importlib.import_module(f"{__name__}.{module}").FORMAT
    return found


def _choose(path: Path, table: dict[str, str], what: str) -> Format:
    ext = path.suffix.lower()
    if ext not in table:
        valid = "、".join(table)
        raise UsageError(
            M.ERR_FORMAT.format(given=path.suffix or path.name, what=what, valid=valid)
        )
    return load(table[ext])


def ledger_format(path: Path) -> Format:
    """The format a ledger is written in, from the file's extension."""
    return _choose(path, LEDGER_FORMATS, M.ERR_FORMAT_LEDGER)


def report_format(path: Path) -> Format:
    """The format a monthly report is written in, from the file's extension."""
    return _choose(path, REPORT_FORMATS, M.ERR_FORMAT_REPORT)
