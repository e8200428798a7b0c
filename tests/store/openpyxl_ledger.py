"""The reader collect used before its sheets were streamed (openpyxl's read-only mode, as it
was at 50e5541), kept as the oracle the streaming reader in store/sheets.py is held against:
for every workbook both accept, both must read the same ledger."""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import SheetError
from xiajiceng.model import ledger_layout as S
from xiajiceng.store.bounded import (
    MAX_SHEET_BYTES,
    SHEET_ZIP,
    Input,
    each_start,
    open_zip,
    printable,
    read_regular,
    reason,
)
from xiajiceng.store.sheets import (
    MAX_SHEET_CELLS,
    MAX_SHEET_ROWS,
    OTHER_FORMATS,
    Cells,
    LedgerSheet,
    SheetRow,
    text,
)

HEADER_COLUMNS = 256
SCAN_FROM = 8 * 1024 * 1024
_LAST_ROW = re.compile(r"(\d+)$")


def read_ledger_book_openpyxl(path: Path) -> list[LedgerSheet]:
    """The ledger of each plan in an .xlsx file: one for a single plan's workbook, one per
    plan sheet for a workbook across plans; SheetError, in one sentence, for anything else.

    The file is read once, within its limit; the archive is checked for a zip bomb, and a
    large worksheet is scanned for rows and cells (and well-formed XML) before openpyxl builds
    anything, so a hostile sheet costs a fraction of a second, not gigabytes. (A worksheet of
    up to SCAN_FROM bytes cannot hold a row large enough to matter; the scan would cost a
    10,000-row ledger 0.3 s. Its rows are bounded as openpyxl reads them.)
    """
    from openpyxl import load_workbook

    source = Input(path, M.WHAT_SHEET, SheetError)
    ext = path.suffix.lower()
    if ext in OTHER_FORMATS:  # a sheet saved as something else: say how to mend it
        raise SheetError(M.ERR_SHEET_OTHER_FORMAT.format(path=path, ext=ext))
    data = read_regular(source, MAX_SHEET_BYTES, M.ERR_SHEET_MISSING)
    archive = open_zip(source, data, SHEET_ZIP, M.ERR_SHEET_NOT_XLSX)
    try:
        for info in archive.infolist():
            name = info.filename
            if name.startswith("xl/worksheets/") and info.file_size > SCAN_FROM:
                with archive.open(info) as stream:
                    scan_worksheet(stream, path, printable(info.filename))
        # read-only: rows stream from the file, three times faster for 10,000 rows
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        try:
            return _read_book(wb, path)
        finally:
            wb.close()
    except SheetError:
        raise
    except Exception as exc:  # damaged XML, a missing part, a bad CRC: openpyxl raises many kinds
        raise SheetError(M.ERR_SHEET_DAMAGED.format(path=path, reason=reason(exc))) from None
    finally:
        archive.close()


def scan_worksheet(stream: Any, path: Path, sheet: str) -> None:
    """Refuse a worksheet with more than MAX_SHEET_ROWS rows (by count or by the row numbers
    it claims, which openpyxl would fill with empty rows) or a row with more than
    MAX_SHEET_CELLS cells; a parse error propagates (the caller names the file)."""
    rows = 0
    cells = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal rows, cells
        local = name.rpartition(" ")[2]
        if local == "c":
            cells += 1
            if cells > MAX_SHEET_CELLS:
                raise SheetError(
                    M.ERR_SHEET_TOO_MANY_CELLS.format(
                        path=path, sheet=sheet, row=rows, limit=MAX_SHEET_CELLS
                    )
                )
        elif local == "row":
            rows += 1
            cells = 0
            given = attrs.get("r", "")
            number = int(given) if given.isdigit() and len(given) < 12 else rows
            if max(rows, number) > MAX_SHEET_ROWS:
                raise _too_many_rows(path, sheet)
        elif local == "dimension":
            last = _LAST_ROW.search(attrs.get("ref", ""))
            if last and (len(last[1]) > 9 or int(last[1]) > MAX_SHEET_ROWS):
                raise _too_many_rows(path, sheet)

    each_start(stream, start)


def _check_dimension(sheet: Any, path: Path) -> None:
    """Refuse a worksheet whose declared dimension has more rows than the limit."""
    claimed = sheet.max_row
    if isinstance(claimed, int) and claimed > MAX_SHEET_ROWS:
        raise _too_many_rows(path, printable(str(sheet.title)))


def _too_many_rows(path: Path, sheet: str) -> SheetError:
    return SheetError(
        M.ERR_SHEET_TOO_MANY_ROWS.format(path=path, sheet=sheet, limit=MAX_SHEET_ROWS)
    )


def _rows(sheet: Any, path: Path, **bounds: Any) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of a worksheet, refusing past MAX_SHEET_ROWS (a second guard
    behind scan_worksheet, for rows openpyxl makes up)."""
    first = bounds.get("min_row", 1)
    for number, values in enumerate(sheet.iter_rows(values_only=True, **bounds), start=first):
        if number > MAX_SHEET_ROWS:
            raise _too_many_rows(path, printable(str(sheet.title)))
        yield number, values


def _read_book(wb: Any, path: Path) -> list[LedgerSheet]:
    """Every identity sheet (xjc, or xjc-1, xjc-2 … across plans) and the sheet it names."""
    idents = [n for n in wb.sheetnames if n == S.ID_SHEET or re.fullmatch(S.OFFICE_ID_PATTERN, n)]
    if not idents:
        raise SheetError(M.ERR_SHEET_NO_IDENTITY.format(path=path))
    return [_read(wb, path, name) for name in idents]


def _read(wb: Any, path: Path, ident_name: str) -> LedgerSheet:
    ident = wb[ident_name]
    _check_dimension(ident, path)
    ident.reset_dimensions()  # (read every row, whatever size the file claims)
    head = list(
        ident.iter_rows(min_row=1, max_row=len(S.OFFICE_ID_KEYS), max_col=2, values_only=True)
    )
    pairs = {text(k): text(v) for k, v in ((*row, None, None)[:2] for row in head)}
    if not pairs.get(M.ID_SHEET_PLAN) or not pairs.get(M.ID_SHEET_DIGEST):
        raise SheetError(M.ERR_SHEET_NO_IDENTITY.format(path=path))
    base: dict[str, Cells] = {}
    for _, values in _rows(ident, path, min_row=S.BASE_FIRST_ROW, max_col=4):
        task, status, assignees, note = (text(v) for v in (*values, None, None, None, None)[:4])
        if task:
            base[task] = Cells(status, assignees, note)

    name = pairs.get(M.ID_SHEET_SHEET, "")
    if name:  # a plan's sheet in a workbook across plans
        if name not in wb.sheetnames:
            raise SheetError(M.ERR_SHEET_NO_PLAN_SHEET.format(path=path, sheet=printable(name)))
        sheet = wb[name]
        where = M.SHEET_WHERE.format(path=path, sheet=printable(name))
    else:
        sheet = next(ws for ws in wb.worksheets if ws.title != S.ID_SHEET)
        where = str(path)
    _check_dimension(sheet, path)
    sheet.reset_dimensions()
    header_row, columns = _find_header(sheet, path, where)
    rows: list[SheetRow] = []
    first_seen: dict[str, int] = {}
    width = max(columns.values()) + 1
    for number, values in _rows(sheet, path, min_row=header_row + 1, max_col=width):
        cells = {name: text(values[i]) if i < len(values) else "" for name, i in columns.items()}
        if not any(text(v) for v in values):
            continue  # an empty row
        task = cells[S.ID_COLUMN]
        if not task:
            raise SheetError(M.ERR_SHEET_NO_TASK_ID.format(path=where, row=number))
        if task in first_seen:
            raise SheetError(
                M.ERR_SHEET_DUP_TASK.format(
                    path=where, row=number, task=task, first=first_seen[task]
                )
            )
        first_seen[task] = number
        rows.append(
            SheetRow(
                number,
                task,
                Cells(cells[M.LEDGER_STATUS], cells[M.LEDGER_ASSIGNEES], cells[M.LEDGER_NOTE]),
            )
        )
    return LedgerSheet(
        path=path,
        plan_title=pairs[M.ID_SHEET_PLAN],
        digest=pairs[M.ID_SHEET_DIGEST],
        as_of=pairs.get(M.ID_SHEET_AS_OF, ""),
        rows=rows,
        base=base,
        sheet=name,
        where=where,
    )


def _find_header(sheet: Any, path: Path, where: str) -> tuple[int, dict[str, int]]:
    """The header row (the first with several ledger column names) and where each column is."""
    known = set(S.COLUMNS) | {S.ID_COLUMN}
    for number, values in _rows(
        sheet, path, min_row=1, max_row=S.HEADER_SEARCH_ROWS, max_col=HEADER_COLUMNS
    ):
        labels = [text(v) for v in values]
        if sum(label in known for label in labels) < 3:
            continue
        columns = {label: i for i, label in reversed(list(enumerate(labels))) if label in known}
        for name in S.REQUIRED:
            if name not in columns:
                raise SheetError(
                    M.ERR_SHEET_HEADER_MISSING.format(path=where, row=number, column=name)
                )
        return number, columns
    raise SheetError(
        M.ERR_SHEET_NO_HEADER.format(
            path=path, sheet=sheet.title, row=S.HEADER_ROW, columns="、".join(S.REQUIRED)
        )
    )
