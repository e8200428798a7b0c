"""Reading an Excel task table (任务分解表, .xlsx) as a plan document: every worksheet's used
range becomes a table named by its sheet, each merged cell's value filled into every place it
covers; rows above the header that hold one text (the table's title) become paragraphs.

The archive is checked for a zip bomb (bounded.open_zip) and every worksheet is scanned before
openpyxl builds it: cells, the area the valued cells span and the area merged ranges cover
are bounded, since openpyxl makes an object for every cell a merged range covers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Block, Paragraph, TableBlock
from xiajiceng.store.bounded import SHEET_ZIP, Input, each_start, open_zip, reason
from xiajiceng.store.sheets import text as cell_text

MAX_DOC_SHEET_CELLS = 100_000  # cells of one task table, merged ones in each place they cover


@dataclass
class _Extent:
    cells: int = 0
    rows: int = 0  # the last row and column that hold a value
    columns: int = 0
    merged: int = 0  # places covered by merged ranges


def _scan(stream: Any) -> _Extent:
    """How far a worksheet's XML reaches, without building it; a parse error propagates."""
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    extent = _Extent()
    current: list[str] = [""]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "c":
            extent.cells += 1
            current[0] = attrs.get("r", "")
        elif local in ("v", "is") and current[0]:
            try:
                row, column = coordinate_to_tuple(current[0])
            except (ValueError, TypeError):
                return
            extent.rows = max(extent.rows, row)
            extent.columns = max(extent.columns, column)
        elif local == "mergeCell":
            try:
                c1, r1, c2, r2 = range_boundaries(attrs.get("ref", ""))
            except (ValueError, TypeError):
                return
            if isinstance(c1, int) and isinstance(r1, int):
                c2, r2 = c2 if isinstance(c2, int) else c1, r2 if isinstance(r2, int) else r1
                extent.merged += (r2 - r1 + 1) * (c2 - c1 + 1)
                extent.rows = max(extent.rows, r2)
                extent.columns = max(extent.columns, c2)

    each_start(stream, start)
    return extent


def _value(value: Any) -> str:
    """A cell as the text a person reads: dates as 2024年6月30日, as the parser reads them."""
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return cell_text(value)


def read_xlsx(source: Input, raw: bytes) -> list[Block]:
    """The worksheets of a task table, as tables; DocumentError in one sentence otherwise."""
    from openpyxl import load_workbook

    path = source.path
    archive = open_zip(source, raw, SHEET_ZIP, M.ERR_DOC_XLSX)
    try:
        reach = _Extent()
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as stream:
                    extent = _scan(stream)
                area = extent.rows * extent.columns
                if max(extent.cells, extent.merged, area) > MAX_DOC_SHEET_CELLS:
                    raise DocumentError(
                        M.ERR_DOC_TOO_MANY_CELLS.format(path=path, limit=MAX_DOC_SHEET_CELLS)
                    )
                reach.rows = max(reach.rows, extent.rows)
                reach.columns = max(reach.columns, extent.columns)
        # not read-only: only a full workbook knows its merged cells
        wb = load_workbook(io.BytesIO(raw), data_only=True)
        try:
            return [b for ws in wb.worksheets for b in _sheet(ws, reach, path)]
        finally:
            wb.close()
    except DocumentError:
        raise
    except Exception as exc:  # damaged XML, a missing part, a bad CRC: openpyxl raises many kinds
        raise DocumentError(M.ERR_DOC_XLSX.format(path=path, reason=reason(exc))) from None
    finally:
        archive.close()


def _sheet(ws: Any, reach: _Extent, path: Any) -> list[Block]:
    if getattr(ws, "sheet_state", "visible") != "visible":
        return []  # a hidden sheet: lists for drop-downs, old versions
    # as far as valued or merged cells reach (openpyxl's max_row counts empty styled cells)
    rows_n = min(ws.max_row, reach.rows)
    cols_n = min(ws.max_column, reach.columns)
    if rows_n < 1 or cols_n < 1:
        return []
    if rows_n * cols_n > MAX_DOC_SHEET_CELLS:
        raise DocumentError(M.ERR_DOC_TOO_MANY_CELLS.format(path=path, limit=MAX_DOC_SHEET_CELLS))
    grid = [
        [_value(v) for v in values]
        for values in ws.iter_rows(min_row=1, max_row=rows_n, max_col=cols_n, values_only=True)
    ]
    for merged in ws.merged_cells.ranges:
        value = _value(ws.cell(merged.min_row, merged.min_col).value)
        for r in range(merged.min_row, min(merged.max_row, rows_n) + 1):
            for c in range(merged.min_col, min(merged.max_col, cols_n) + 1):
                grid[r - 1][c - 1] = value
    keep = [j for j in range(cols_n) if any(row[j] for row in grid)]  # no empty columns
    numbered = [(i, [row[j] for j in keep]) for i, row in enumerate(grid, 1)]
    numbered = [(i, row) for i, row in numbered if any(row)]
    sheet = str(ws.title)
    blocks: list[Block] = []
    while numbered and len({c for c in numbered[0][1] if c}) == 1:  # a title above the header
        i, row = numbered.pop(0)
        where = M.IMPORT_WHERE_SHEET_ROW.format(sheet=sheet, n=i)
        blocks.append(Paragraph(next(c for c in row if c), where))
    if numbered:
        wheres = tuple(M.IMPORT_WHERE_SHEET_ROW.format(sheet=sheet, n=i) for i, _ in numbered)
        rows = tuple(tuple(r) for _, r in numbered)
        blocks.append(TableBlock(rows, wheres[0], wheres, name=sheet))
    return blocks
