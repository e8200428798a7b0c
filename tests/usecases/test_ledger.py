"""collect: a ledger a 科室 filled in comes back; what it changed is recorded, once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import assert_refused, edit
from xiajiceng.store.plans import bundled_plan_path


@pytest.fixture
def history(xjc):
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    return xjc


def export(xjc, path: Path, *args: str) -> Path:
    xjc.ok("export", str(path), "--as-of", "2023-03-10", *args)
    return path


def row_of(path: Path, task: str) -> int:
    ws = load_workbook(path)["台账"]
    return next(c.row for c in ws["K"] if c.value == task)


def state(xjc, task: str) -> dict:
    return xjc.ok("show", task, "--json").json()


def test_round_trip(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "组织科.xlsx", "--section", "组织科")
    edit(
        sheet,
        {
            "1.2": {"状态": "推进中", "进展情况": "已确定蹲点村\n下周进驻"},
            "2.1": {"状态": "已完成", "承办人": "李明"},
            "2.3": {"承办人": "张三、李四"},
            "2.2": {"进展情况": "完成选情分析报告初稿"},
        },
    )
    res = history.ok("collect", str(sheet), "--by", "组织科 陈刚")
    out = res.stdout
    assert "共 6 处" in out
    for fragment in ("1.2", "2.1", "2.3", "2.2", "推进中", "已完成", "张三、李四", "初稿"):
        assert fragment in out
    assert "已记录 5 条" in out  # 1.2: status + note in one record

    s12 = state(history, "1.2")
    assert s12["status"] == "doing" and s12["last_note"]["text"] == "已确定蹲点村\n下周进驻"
    assert s12["last_note"]["by"] == "组织科 陈刚"
    s21 = state(history, "2.1")
    assert s21["status"] == "done" and s21["assignees"] == ["李明"]
    assert s21["done_on"] == "2023-12-01"  # the day it was collected (the test clock)
    assert state(history, "2.3")["assignees"] == ["张三", "李四"]
    s22 = state(history, "2.2")
    assert s22["status"] == "todo" and s22["last_note"]["text"] == "完成选情分析报告初稿"

    # the same sheet again adds nothing
    before = journal_file.read_bytes()
    again = history.ok("collect", str(sheet))
    assert "无需记录" in again.stdout
    assert journal_file.read_bytes() == before


def test_dry_run_writes_nothing(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"3.1": {"状态": "暂缓"}})
    before = journal_file.read_bytes()
    res = history.ok("collect", str(sheet), "--dry-run")
    assert "3.1" in res.stdout and "暂缓" in res.stdout and "试运行" in res.stdout
    assert journal_file.read_bytes() == before


def test_reopen_through_the_sheet(history, tmp_path):
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"1.1": {"状态": "推进中", "进展情况": "课题需补充"}})
    history.ok("collect", str(sheet))
    log = history.ok("log", "1.1", "--json").json()
    assert log[0]["op"] == "reopen" and log[0]["note"] == "课题需补充"
    assert state(history, "1.1")["status"] == "doing"


def test_a_late_sheet_does_not_undo_later_records(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    history.ok("done", "2.1", "--date", "2023-03-20", "--note", "换届指导结束")
    history.ok("assign", "3.1", "王五", "--date", "2023-03-20")
    edit(sheet, {"3.2": {"状态": "推进中"}})  # the 科室 changed only 3.2
    res = history.ok("collect", str(sheet))
    assert "共 1 处" in res.stdout
    assert state(history, "2.1")["status"] == "done"
    assert state(history, "2.1")["last_note"]["text"] == "换届指导结束"
    assert state(history, "3.1")["assignees"] == ["王五"]
    assert state(history, "3.2")["status"] == "doing"


def test_rows_may_be_resorted(history, tmp_path):
    sheet = export(history, tmp_path / "t.xlsx")
    wb = load_workbook(sheet)
    ws = wb["台账"]
    last = ws.max_row
    ws.move_range(f"A4:K{last}", rows=20)  # the whole body moved down, ids with it
    ws.move_range(f"A{24 + 12}:K{24 + 12}", rows=-32)  # and the last task to row 4
    wb.save(sheet)
    edit(sheet, {"4.5": {"状态": "推进中"}})
    assert state(history, "4.5")["status"] == "todo"
    history.ok("collect", str(sheet))
    assert state(history, "4.5")["status"] == "doing"


# -- refusals: one sentence with the row, and nothing written ------------------------------


def _refuse(xjc, journal_file, sheet, *fragments, plan=None):
    before = journal_file.read_bytes() if journal_file.exists() else b""
    args = ["collect", str(sheet)] + (["--plan", str(plan)] if plan else [])
    assert_refused(xjc(*args), 1, *fragments)
    after = journal_file.read_bytes() if journal_file.exists() else b""
    assert after == before


def test_unknown_task_id(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    row = row_of(sheet, "2.2")
    edit(sheet, {"2.1": {"状态": "已完成"}, "2.2": {"编号": "9.9"}})
    _refuse(history, journal_file, sheet, f"第 {row} 行", "9.9", "1.1–1.3")


def test_unknown_status_word(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"1.2": {"状态": "推进中"}, "3.1": {"状态": "搞定了"}})
    row = row_of(sheet, "3.1")
    _refuse(history, journal_file, sheet, f"第 {row} 行", "搞定了", "已完成/done")


def test_empty_status(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"3.1": {"状态": None}})
    _refuse(history, journal_file, sheet, f"第 {row_of(sheet, '3.1')} 行", "（空）")


def test_deleted_header_cell(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"1.2": {"状态": "推进中"}})
    wb = load_workbook(sheet)
    wb["台账"]["H3"] = None
    wb.save(sheet)
    _refuse(history, journal_file, sheet, "第 3 行", "状态")


def test_deleted_header_row(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    wb = load_workbook(sheet)
    wb["台账"].delete_rows(3)
    wb.save(sheet)
    _refuse(history, journal_file, sheet, "第 3 行", "表头")


def test_row_without_task_id(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    wb = load_workbook(sheet)
    ws = wb["台账"]
    ws["C20"] = "新增任务"
    ws["H20"] = "推进中"
    wb.save(sheet)
    _refuse(history, journal_file, sheet, "第 20 行", "编号")


def test_duplicate_task_rows(history, tmp_path, journal_file):
    sheet = export(history, tmp_path / "t.xlsx")
    first = row_of(sheet, "1.2")
    edit(sheet, {"1.3": {"编号": "1.2"}})
    _refuse(history, journal_file, sheet, f"第 {first + 1} 行", f"第 {first} 行", "1.2")


def test_sheet_of_another_plan(xjc, tmp_path, journal_file):
    other = tmp_path / "other.yaml"
    text = bundled_plan_path().read_text(encoding="utf-8")
    other.write_text(text.replace("标题: 2023年", "标题: 2024年", 1), encoding="utf-8")
    sheet = tmp_path / "t.xlsx"
    xjc.ok("export", str(sheet), "--plan", str(other))
    edit(sheet, {"1.2": {"状态": "推进中"}})
    _refuse(xjc, journal_file, sheet, "2024年干部下基层工作实施方案", "--plan")


def test_sheet_of_an_edited_plan_file(xjc, tmp_path):
    plan = tmp_path / "p.yaml"
    shutil.copy(bundled_plan_path(), plan)
    sheet = tmp_path / "t.xlsx"
    xjc.ok("export", str(sheet), "--plan", str(plan))
    edit(sheet, {"1.2": {"状态": "推进中"}})
    with plan.open("a", encoding="utf-8") as f:
        f.write("# edited after the export\n")
    journal = tmp_path / "p.journal.jsonl"
    _refuse(xjc, journal, sheet, "重新导出", plan=plan)
    assert not journal.exists()


def test_not_an_xjc_sheet(xjc, tmp_path, journal_file):
    sheet = export(xjc, tmp_path / "t.xlsx")
    wb = load_workbook(sheet)
    del wb["xjc"]
    wb.save(sheet)
    _refuse(xjc, journal_file, sheet, "xjc export")
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_text("not a workbook", encoding="utf-8")
    _refuse(xjc, journal_file, bogus, "bogus.xlsx", ".xlsx")
    _refuse(xjc, journal_file, tmp_path / "nowhere.xlsx", "nowhere.xlsx")


def test_collect_json_keys_untouched(history, tmp_path):
    """collect writes through the journal: log shows ordinary records with --by."""
    sheet = export(history, tmp_path / "t.xlsx")
    edit(sheet, {"4.2": {"承办人": "赵六"}})
    history.ok("collect", str(sheet), "--by", "组织科", "--date", "2023-03-15")
    (entry,) = [e for e in history.ok("log", "4.2", "--json").json()]
    assert (entry["op"], entry["value"], entry["by"], entry["date"]) == (
        "assign",
        {"add": ["赵六"], "remove": []},
        "组织科",
        "2023-03-15",
    )
    json.dumps(entry)


def test_a_sheet_saved_by_libreoffice_is_collected(xjc, tmp_path):
    """Text saved as runs with fonts reads back as the text (if LibreOffice is here)."""
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "台账.xlsx"
    xjc.ok("export", str(out), "--as-of", "2023-03-27")
    saved = tmp_path / "saved"
    try:
        subprocess.run(
            [office, "--headless", "--convert-to", "xlsx", "--outdir", str(saved), str(out)],
            capture_output=True,
            timeout=180,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish")
    if not (saved / "台账.xlsx").exists():  # a LibreOffice that cannot run here
        pytest.skip("LibreOffice did not convert the ledger")
    res = xjc.ok("collect", str(saved / "台账.xlsx"), "--dry-run")
    assert "无需记录" in res.stdout


@pytest.mark.parametrize("ext", [".csv", ".xls", ".ods", ".md", ".docx", ".et"])
def test_a_sheet_saved_as_another_format_says_to_save_it_as_xlsx(xjc, tmp_path, ext):
    """A 科室 hands back the ledger as CSV, old Excel, WPS, LibreOffice, Markdown or Word: one
    sentence naming the format and how to mend it, not openpyxl's traceback."""
    sheet = tmp_path / f"台账{ext}"
    if ext in {".csv", ".md"}:
        xjc.ok("export", str(sheet))
    else:
        sheet.write_bytes(b"PK\x03\x04 not really")
    res = xjc("collect", str(sheet))
    assert res.code == 1 and res.stdout == ""
    line = res.stderr.strip()
    assert "\n" not in line and ext in line and "另存为" in line and ".xlsx" in line
