"""export to .xlsx: the workbook is opened with openpyxl, as an office's tools would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


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
    assert "逾期3天" in ws.cell(row_12, 10).value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_text_survives_the_sheet_xml(texts):
    """Cells are written as XML by hand: any text a note can hold must come back whole, read
    as Excel reads it (control characters and literal _xHHHH_ as _xHHHH_ escapes)."""
    import xml.etree.ElementTree as ET

    from xiajiceng.views.formats.xlsx import _Rows, _Strings

    rows, strings = _Rows(len(texts)), _Strings(5)
    rows.add(4, texts, [1] * len(texts), 18)
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    main = ns[1:-1]
    sheet = ET.fromstring(f'<sheetData xmlns="{main}">{rows.xml(strings)}</sheetData>')
    table = ET.fromstring(f'<sst xmlns="{main}">{"".join(strings.parts)}</sst>')
    shared = [si.find(f"{ns}t") for si in table]
    cells = {c.get("r"): c for c in sheet.iter(f"{ns}c")}
    for letter, text in zip("ABCD", texts):
        cell = cells[f"{letter}4"]
        if not text:
            assert cell.get("t") is None and cell.find(f"{ns}v") is None
            continue
        assert cell.get("t") == "s"
        t = shared[int(cell.find(f"{ns}v").text) - 5]
        written = t.text or ""
        if written[:1].isspace() or written[-1:].isspace():  # else Excel trims it
            assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
        excel = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), written)
        assert excel == text
    assert strings.uses == sum(1 for t in texts if t)
    assert len(strings.parts) == len({t for t in texts if t})  # each text once


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
    from xiajiceng.views.formats.xlsx import _Rows, _Strings

    rows, strings = _Rows(2), _Strings(0)
    rows.add(4, ["进" * 40000, "x"], [1, 1], 18)
    rows.xml(strings)
    assert "进" * 32767 + "</t>" in strings.parts[0] and "进" * 32768 not in strings.parts[0]


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
