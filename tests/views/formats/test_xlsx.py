"""export to .xlsx: the workbook is opened with openpyxl, as an office's tools would."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT


@pytest.fixture
def history(xjc):
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    xjc.ok("mark", "3.1", "doing", "--date", "2023-03-06", "--note", "约谈5人")
    xjc.ok("done", "2.2", "--date", "2023-03-20")
    return xjc


# -- xlsx --------------------------------------------------------------------------------------


def _rows(ws, first=4):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first) if row[0].value]


def test_xlsx_ledger(history, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    res = history.ok("export", str(out), "--as-of", "2023-03-27")
    assert "13 项任务" in res.stdout and "2023年3月27日" in res.stdout
    wb = load_workbook(out)
    ws = wb["台账"]
    assert ws["A1"].value == "2023年干部下基层工作台账"
    assert "A1:J1" in [str(r) for r in ws.merged_cells.ranges]
    assert ws["A2"].value == "截至 2023年3月27日"
    header = [c.value for c in ws[3]]
    assert header == [
        "序号",
        "专项行动",
        "任务",
        "责任领导",
        "责任科室",
        "承办人",
        "完成时限",
        "状态",
        "进展情况",
        "备注",
        "编号",
    ]
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    rows = _rows(ws)
    assert len(rows) == 13
    by_id = {r[10]: r for r in rows}
    assert by_id["2.1"][:9] == [
        4,
        "2. 联镇联村、助村换届",
        "2.1 加强业务指导",
        "沈伟强",
        "组织科",
        "李明、周芳",
        "2023年3月31日",
        "推进中",
        "指导组已组建",
    ]
    assert by_id["1.1"][7] == "已完成" and "2月24日完成" in by_id["1.1"][9]
    assert by_id["4.1"][6] == "2023年6月30日"

    # fills: done green, due within 7 days amber, not due soon none; overdue red below
    def fill(task_id):
        row = next(c.row for c in ws["K"] if c.value == task_id)
        return ws.cell(row, 3).fill.fgColor.rgb[-6:] if ws.cell(row, 3).fill.fill_type else None

    assert fill("1.1") == "C6EFCE"
    assert fill("2.1") == "FFEB9C"
    assert fill("4.1") is None

    # every cell of a task row carries the row's style; the hidden id column only the box
    row_11 = next(c.row for c in ws["K"] if c.value == "1.1")
    for cell in ws[row_11]:
        assert cell.font.name == "宋体" and cell.border.left.style == "thin", cell.coordinate
        assert cell.alignment.wrap_text and cell.alignment.vertical == "center"
        colour = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None
        assert colour == ("C6EFCE" if cell.column < 11 else None), cell.coordinate
    assert ws.cell(row_11, 1).alignment.horizontal == "center"
    assert ws.cell(row_11, 3).alignment.horizontal == "left"
    assert ws.dimensions == "A1:K16"
    assert ws.row_dimensions[row_11].height >= 18

    # the id column is hidden; widths count CJK characters double
    assert ws.column_dimensions["K"].hidden
    assert ws.column_dimensions["D"].width >= 20  # 曹国良、许静、沈伟强 = 10 CJK characters
    assert ws.column_dimensions["A"].width < ws.column_dimensions["C"].width
    assert ws["I4"].alignment.wrap_text

    # the status column offers exactly the status words
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"未启动,推进中,已完成,暂缓"'
    assert str(dv.sqref) == "H4:H16"

    # printing
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth 1 is the default of the format, which a writer may leave out
    assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$3:$3"

    # identity, hidden
    ident = wb["xjc"]
    assert ident.sheet_state == "hidden"
    assert ident["B1"].value == "2023年干部下基层工作实施方案"
    assert len(ident["B2"].value) == 64
    assert ident["B3"].value == "2023-03-27"


def test_xlsx_overdue_is_red_and_filters_narrow(history, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "组织科.xlsx"
    history.ok("export", str(out), "--section", "zzk", "--status", "open", "--as-of", "2023-04-03")
    ws = load_workbook(out)["台账"]
    assert "组织科" in ws["A2"].value and "未完成" in ws["A2"].value
    rows = _rows(ws)
    ids = [r[10] for r in rows]
    assert "2.2" not in ids and "1.2" in ids and "3.1" not in ids  # 3.1 is 干部科's
    row_12 = next(c.row for c in ws["K"] if c.value == "1.2")
    assert ws.cell(row_12, 1).fill.fgColor.rgb[-6:] == "FFC7CE"
    # working days, as the terminal counts them: 3-31 was a Friday, 4-3 a Monday
    assert "逾期 1 个工作日" in ws.cell(row_12, 10).value


def test_xlsx_done_late_is_marked(history, tmp_path):
    from openpyxl import load_workbook

    history.ok("done", "2.1", "--date", "2023-04-04")  # due 3-31 (a Friday)
    out = tmp_path / "台账.xlsx"
    history.ok("export", str(out), "--as-of", "2027-01-04")
    ws = load_workbook(out)["台账"]
    row = next(c.row for c in ws["K"] if c.value == "2.1")
    assert ws.cell(row, 1).fill.fgColor.rgb[-6:] == "F8CBAD"  # not the green of on time
    assert ws.cell(row, 10).value.startswith("4月4日完成，逾期完成（超出时限 2 个工作日）")
    on_time = next(c.row for c in ws["K"] if c.value == "1.1")
    assert ws.cell(on_time, 1).fill.fgColor.rgb[-6:] == "C6EFCE"
    assert "逾期" not in ws.cell(on_time, 10).value
    late = next(c.row for c in ws["K"] if c.value == "1.2")
    remark = ws.cell(late, 10).value
    assert "个工作日" in remark and "天" not in remark  # not 逾期1375天


def _written(texts, style=None):
    """The texts written as a row by the ledger writer's cell writer, read back by openpyxl."""
    import xlsxwriter
    from openpyxl import load_workbook

    from xiajiceng.views.formats.xlsx import _Cells

    book = io.BytesIO()
    wb = xlsxwriter.Workbook(book, {"in_memory": True})
    ws = wb.add_worksheet()
    cells = _Cells(wb.add_format({"font_name": "宋体", "font_size": 10}))
    fmt = wb.add_format({"border": 1}) if style else None
    cells.row(ws, 0, texts, [fmt] * len(texts))
    wb.close()
    sheet = load_workbook(book).active
    return [sheet.cell(1, c).value for c in range(1, len(texts) + 1)], book


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.booleans())
def test_any_text_reads_back_as_written(texts, style):
    """Any text a cell can hold (as ledger_lines gives it: control characters neutralised)
    comes back whole: no formula, no link, no XML of its own, no _xHHHH_ decoded."""
    from xiajiceng.text import neutralise

    texts = [neutralise(t) for t in texts]
    assume(all("x005F_" not in t for t in texts))  # openpyxl drops it, whoever wrote the file
    back, _ = _written(texts, style)
    assert back == [t or None for t in texts]


@pytest.mark.parametrize(
    "text",
    ["<r>&</r>", "<r><t>伪造</t></r>", "<r>_x0041_ 与 _x4E2D_</r>", "<r></r>", " <r> </r> "],
)
def test_text_that_looks_like_xlsxwriters_own_xml_stays_text(text):
    """XlsxWriter writes a string of the form <r>…</r> unescaped, as XML it made itself."""
    import xml.etree.ElementTree as ET
    import zipfile

    back, book = _written([text, "x"], style=True)
    assert back == [text, "x"]
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ET.fromstring(z.read(name))


def test_the_shared_string_table_counts_what_it_holds(history, tmp_path):
    import zipfile

    out = tmp_path / "台账.xlsx"
    history.ok("export", str(out), "--as-of", "2023-03-27")
    with zipfile.ZipFile(out) as z:
        table = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    unique = int(re.search(r'uniqueCount="(\d+)"', table).group(1))
    count = int(re.search(r' count="(\d+)"', table).group(1))
    assert unique == table.count("<si>") and len(set(re.findall(r"<si>.*?</si>", table))) == unique
    assert count == sum(sheet.count('t="s"') for sheet in sheets)
    numbers = {int(v) for sheet in sheets for v in re.findall(r't="s"><v>(\d+)</v>', sheet)}
    assert numbers == set(range(unique))  # every string used, none missing


def test_a_cell_holds_at_most_what_excel_takes():
    back, _ = _written(["进" * 40000, "x"])
    assert back == ["进" * 32767, "x"]


def _benchmark_plan(folder: Path, tasks: int, events: int) -> Path:
    """A plan of `tasks` tasks and a journal of `events` events, by the benchmark's generator."""
    import importlib.util

    run_py = ROOT / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("xjc_benchmark_run", run_py)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # (dataclasses look their module up)
    spec.loader.exec_module(bench)
    plan = folder / "plan.yaml"
    ids = bench.write_plan(plan, tasks)
    bench.write_journal(folder / "plan.journal.jsonl", ids, events)
    return plan


def test_a_1000_task_ledger_reads_back_cell_for_cell_and_collects_as_no_change(xjc, tmp_path):
    """Every cell of the workbook is the ledger's text, as the CSV export writes it (both come
    from ledger_lines), and collect finds nothing changed in a sheet handed back as it was."""
    from openpyxl import load_workbook

    plan = _benchmark_plan(tmp_path, 1000, 5000)
    sheet, table = tmp_path / "t.xlsx", tmp_path / "t.csv"
    for out in (sheet, table):
        xjc.ok("export", str(out), "--plan", str(plan), "--as-of", "2023-06-30")
    expected = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert not any(str(c).startswith(("'", "=")) for row in expected for c in row)
    wb = load_workbook(sheet)
    ws = wb["台账"]
    got = [
        ["" if v is None else str(v) for v in row]
        for row in ws.iter_rows(min_row=3, max_col=11, values_only=True)
    ]
    assert len(got) == 1001 and got == expected
    base = [list(row) for row in wb["xjc"].iter_rows(min_row=8, max_col=4, values_only=True)]
    assert [[r[-1], r[7], r[5], r[8]] for r in expected[1:]] == [
        ["" if v is None else v for v in row] for row in base
    ]
    res = xjc.ok("collect", str(sheet), "--plan", str(plan), "--dry-run")
    assert "无需记录" in res.stdout


def test_a_note_that_looks_like_xlsxwriters_own_xml_is_exported_and_collected(xjc, tmp_path):
    from openpyxl import load_workbook

    note = "<r><t>伪造</t></r>"
    xjc.ok("mark", "2.1", "推进中", "--note", note, "--date", "2023-02-08")
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out), "--as-of", "2023-03-10")
    ws = load_workbook(out)["台账"]
    row = next(c.row for c in ws["K"] if c.value == "2.1")
    cell = ws.cell(row, 9)
    assert cell.value == note and cell.border.left.style == "thin" and cell.alignment.wrap_text
    res = xjc.ok("collect", str(out), "--dry-run")
    assert "无需记录" in res.stdout


def test_formula_like_text_stays_text(xjc, tmp_path):
    from openpyxl import load_workbook

    xjc.ok("mark", "1.1", "--note", "=1+1", "--date", "2023-02-06")
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out))
    ws = load_workbook(out)["台账"]
    cell = next(c for c in ws["I"] if c.value == "=1+1")
    assert cell.data_type == "s"


# -- csv, json, md ---------------------------------------------------------------------------


# -- the monthly report --------------------------------------------------------------------
