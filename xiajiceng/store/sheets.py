"""Reading a ledger workbook that a 科室 filled in and handed back, and fingerprinting plans.

Only the structure is checked here (is it an xjc ledger, are the header and the task ids
there); whether the values make sense for the plan is the use case's business.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.errors import PlanError, SheetError
from xiajiceng.model import ledger_layout as S
from xiajiceng.store.bounded import (
    MAX_SHEET_BYTES,
    SHEET_ZIP,
    Input,
    open_zip,
    printable,
    read_regular,
    reason,
)

if TYPE_CHECKING:
    from xiajiceng.store.xlsxread import Workbook

MAX_SHEET_ROWS = 100_000  # rows of one worksheet, empty ones included (README: Limits)
MAX_SHEET_CELLS = 16_384  # cells in one row: Excel's own number of columns
HEADER_COLUMNS = 256  # how far to the right the header row is looked for


def plan_fingerprint(path: Path) -> str:
    """The SHA-256 of the plan file's bytes: a sheet names the exact plan it came from."""
    from xiajiceng.store.plans import MAX_PLAN_BYTES

    raw = read_regular(Input(path, M.WHAT_PLAN, PlanError), MAX_PLAN_BYTES, M.ERR_PLAN_MISSING)
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Cells:
    """The editable cells of one task, as text."""

    status: str
    assignees: str
    note: str


@dataclass(frozen=True)
class SheetRow:
    row: int  # the row number a person sees in Excel
    task: str
    cells: Cells


@dataclass(frozen=True)
class LedgerSheet:
    path: Path
    plan_title: str
    digest: str
    as_of: str
    rows: list[SheetRow]
    base: dict[str, Cells]  # task id → the values exported
    sheet: str = ""  # the plan's sheet in a workbook across plans; "" in a single plan's
    where: str = ""  # how messages name it: the file, or the file and the sheet

    @property
    def place(self) -> str:
        return self.where or str(self.path)


def text(value: Any) -> str:
    """A cell's value as the text a person typed (Excel writes line breaks as \\r\\n)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# what a ledger sent round the office comes back as when it is not .xlsx: old Excel, WPS,
# LibreOffice, a CSV or Markdown export, a Word document
OTHER_FORMATS = {".xls", ".et", ".ods", ".csv", ".tsv", ".md", ".json", ".txt", ".docx", ".doc"}


def read_ledger_sheet(path: Path) -> LedgerSheet:
    """The ledger of one plan in an .xlsx file (the first, in a workbook across plans)."""
    return read_ledger_book(path)[0]


def read_ledger_book(path: Path) -> list[LedgerSheet]:
    """The ledger of each plan in an .xlsx file: one for a single plan's workbook, one per
    plan sheet for a workbook across plans; SheetError, in one sentence, for anything else.

    The file is read once, within its limit, and the archive is checked for a zip bomb. Then
    only the identity sheets and the sheets they name are read, each in one pass of a
    streaming parser (store.xlsxread) that counts rows and cells as they come, so a hostile
    sheet costs a fraction of a second, not gigabytes; the values are openpyxl's, read in a
    fifth of its time.
    """
    from xiajiceng.store.xlsxread import Workbook

    source = Input(path, M.WHAT_SHEET, SheetError)
    ext = path.suffix.lower()
    if ext in OTHER_FORMATS:  # a sheet saved as something else: say how to mend it
        raise SheetError(M.ERR_SHEET_OTHER_FORMAT.format(path=path, ext=ext))
    data = read_regular(source, MAX_SHEET_BYTES, M.ERR_SHEET_MISSING)
    archive = open_zip(source, data, SHEET_ZIP, M.ERR_SHEET_NOT_XLSX)
    try:
        return _read_book(Workbook(archive), path)
    except SheetError:
        raise
    except Exception as exc:  # damaged XML, a missing part, a bad number or CRC
        raise SheetError(M.ERR_SHEET_DAMAGED.format(path=path, reason=reason(exc))) from None
    finally:
        archive.close()


def _too_many_rows(path: Path, sheet: str) -> SheetError:
    return SheetError(
        M.ERR_SHEET_TOO_MANY_ROWS.format(path=path, sheet=sheet, limit=MAX_SHEET_ROWS)
    )


def _rows(
    book: Workbook, name: str, path: Path, max_col: Callable[[], int]
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of a worksheet, refusing more than MAX_SHEET_ROWS rows (by count,
    number or claimed dimension) or a row of more than MAX_SHEET_CELLS cells."""
    from xiajiceng.store.xlsxread import Limits, TooManyCells, TooManyRows

    try:
        yield from book.rows(name, max_col, Limits(MAX_SHEET_ROWS, MAX_SHEET_CELLS))
    except TooManyRows:
        raise _too_many_rows(path, printable(name)) from None
    except TooManyCells as exc:
        raise SheetError(
            M.ERR_SHEET_TOO_MANY_CELLS.format(
                path=path, sheet=printable(name), row=exc.row, limit=MAX_SHEET_CELLS
            )
        ) from None


def _read_book(book: Workbook, path: Path) -> list[LedgerSheet]:
    """Every identity sheet (xjc, or xjc-1, xjc-2 … across plans) and the sheet it names."""
    idents = [n for n in book.names if n == S.ID_SHEET or re.fullmatch(S.OFFICE_ID_PATTERN, n)]
    if not idents:
        raise SheetError(M.ERR_SHEET_NO_IDENTITY.format(path=path))
    return [_read(book, path, name) for name in idents]


def _read(book: Workbook, path: Path, ident: str) -> LedgerSheet:
    pairs: dict[str, str] = {}  # the key/value rows at the top
    base: dict[str, Cells] = {}
    checked = False
    for number, values in _rows(book, ident, path, lambda: len(S.BASE_COLUMNS)):
        if number <= len(S.OFFICE_ID_KEYS):
            key, value = (*values, None, None)[:2]
            pairs[text(key)] = text(value)
            continue
        if not checked:
            checked = _check_identity(pairs, path)
        if number >= S.BASE_FIRST_ROW:
            task, status, assignees, note = (text(v) for v in (*values, None, None, None)[:4])
            if task:
                base[task] = Cells(status, assignees, note)
    if not checked:
        _check_identity(pairs, path)

    name = pairs.get(M.ID_SHEET_SHEET, "")
    if name:  # a plan's sheet in a workbook across plans
        if name not in book.names:
            raise SheetError(M.ERR_SHEET_NO_PLAN_SHEET.format(path=path, sheet=printable(name)))
        sheet = name
        where = M.SHEET_WHERE.format(path=path, sheet=printable(name))
    else:
        sheet = next(n for n in book.worksheets if n != S.ID_SHEET)
        where = str(path)
    return LedgerSheet(
        path=path,
        plan_title=pairs[M.ID_SHEET_PLAN],
        digest=pairs[M.ID_SHEET_DIGEST],
        as_of=pairs.get(M.ID_SHEET_AS_OF, ""),
        rows=_task_rows(book, sheet, path, where),
        base=base,
        sheet=name,
        where=where,
    )


def _shows(value: Any) -> bool:
    """Whether a cell shows anything: text(value) is not empty."""
    if value is None:
        return False
    return value.__class__ is not str or bool(value.strip())


def _check_identity(pairs: dict[str, str], path: Path) -> bool:
    if not pairs.get(M.ID_SHEET_PLAN) or not pairs.get(M.ID_SHEET_DIGEST):
        raise SheetError(M.ERR_SHEET_NO_IDENTITY.format(path=path))
    return True


def _task_rows(book: Workbook, sheet: str, path: Path, where: str) -> list[SheetRow]:
    """The rows under the header (the first of the top rows with several ledger column
    names), each with its task id and editable cells; the columns are found by heading."""
    known = set(S.COLUMNS) | {S.ID_COLUMN}
    header = 0
    columns: dict[str, int] = {}
    width = [HEADER_COLUMNS]  # until the header is found: then to the last column it names
    at: list[int] = []  # where the id and the editable cells are
    rows: list[SheetRow] = []
    first_seen: dict[str, int] = {}
    for number, values in _rows(book, sheet, path, lambda: width[0]):
        if not header:
            if number > S.HEADER_SEARCH_ROWS:
                break
            labels = [text(v) for v in values]
            if sum(label in known for label in labels) < 3:
                continue
            columns = {label: i for i, label in reversed(list(enumerate(labels))) if label in known}
            for name in S.REQUIRED:
                if name not in columns:
                    raise SheetError(
                        M.ERR_SHEET_HEADER_MISSING.format(path=where, row=number, column=name)
                    )
            header, width[0] = number, max(columns.values()) + 1
            at = [columns[name] for name in (S.ID_COLUMN, *S.EDITABLE)]
            continue
        n = len(values)
        task = text(values[at[0]]) if at[0] < n else ""
        if not task:
            if not any(_shows(v) for v in values):
                continue  # an empty row
            raise SheetError(M.ERR_SHEET_NO_TASK_ID.format(path=where, row=number))
        if task in first_seen:
            raise SheetError(
                M.ERR_SHEET_DUP_TASK.format(
                    path=where, row=number, task=task, first=first_seen[task]
                )
            )
        first_seen[task] = number
        status, assignees, note = (text(values[i]) if i < n else "" for i in at[1:])
        rows.append(SheetRow(number, task, Cells(status, assignees, note)))
    if not header:
        raise SheetError(
            M.ERR_SHEET_NO_HEADER.format(
                path=path, sheet=sheet, row=S.HEADER_ROW, columns="、".join(S.REQUIRED)
            )
        )
    return rows
