"""File formats for the ledger (台账) and the monthly report (月报).

One module per format, each with a ``FORMAT`` object (a `base.Format`); this registry maps a
file's extension to it, imported only when that format is used, so that openpyxl and
python-docx are paid for only by the command that writes such a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.errors import UsageError

if TYPE_CHECKING:
    from xiajiceng.views.formats.base import Format


def _xlsx() -> Format:
    from xiajiceng.views.formats.xlsx import FORMAT

    return FORMAT


def _csv() -> Format:
    from xiajiceng.views.formats.csv import FORMAT

    return FORMAT


def _md() -> Format:
    from xiajiceng.views.formats.md import FORMAT

    return FORMAT


def _json() -> Format:
    from xiajiceng.views.formats.json import FORMAT

    return FORMAT


def _docx() -> Format:
    from xiajiceng.views.formats.docx import FORMAT

    return FORMAT


def _html() -> Format:
    from xiajiceng.views.formats.html import FORMAT

    return FORMAT


# extension → the format, imported when asked for
LEDGER_FORMATS: dict[str, Callable[[], Format]] = {
    ".xlsx": _xlsx,
    ".csv": _csv,
    ".md": _md,
    ".json": _json,
}
REPORT_FORMATS: dict[str, Callable[[], Format]] = {".docx": _docx, ".md": _md, ".html": _html}


def _choose(path: Path, table: dict[str, Callable[[], Format]], what: str) -> Format:
    ext = path.suffix.lower()
    if ext not in table:
        valid = "、".join(table)
        raise UsageError(
            M.ERR_FORMAT.format(given=path.suffix or path.name, what=what, valid=valid)
        )
    return table[ext]()


def ledger_format(path: Path) -> Format:
    """The format a ledger is written in, from the file's extension."""
    return _choose(path, LEDGER_FORMATS, M.ERR_FORMAT_LEDGER)


def report_format(path: Path) -> Format:
    """The format a monthly report is written in, from the file's extension."""
    return _choose(path, REPORT_FORMATS, M.ERR_FORMAT_REPORT)
