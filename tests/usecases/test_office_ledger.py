"""The ledger across the plans of an office folder: 汇总 and a sheet per plan, one CSV table,
and a workbook collected back into each plan's own journal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import assert_refused, edit
from tests.usecases.test_office import BUSINESS, PLAN

AS_OF = "2023-03-10"


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(BUSINESS, encoding="utf-8")
    monkeypatch.chdir(folder)
    xjc.ok("done", "下基层:1.1", "--date", "2023-02-20", "--note", "完成调研")
    xjc.ok("mark", "营商环境:1.2", "推进中", "--date", "2023-02-01")
    return folder


def export(xjc, name: str, *args: str) -> Path:
    xjc.ok("export", name, "--as-of", AS_OF, *args)
    return Path(name)


def values(ws) -> list[list[object]]:
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def journal(office: Path, stem: str) -> str:
    return (office / "plans" / f"{stem}.journal.jsonl").read_text("utf-8")


def test_a_sheet_per_plan_after_the_summary(xjc, office):
    res = xjc.ok("export", "台账.xlsx", "--as-of", AS_OF)
    assert res.stdout == "已导出台账 台账.xlsx：2 个方案、17 项任务，截至 2023年3月10日。\n"
    wb = load_workbook("台账.xlsx")
    assert wb.sheetnames == ["汇总", "下基层", "营商环境", "xjc-1", "xjc-2"]
    assert [wb[n].sheet_state for n in wb.sheetnames] == ["visible"] * 3 + ["hidden"] * 2
    # each plan's sheet is that plan's own ledger, cell for cell
    for short, name in (("下基层", "下基层.xlsx"), ("营商环境", "营商环境.xlsx")):
        export(xjc, name, "--plan", short)
        assert values(wb[short]) == values(load_workbook(name)["台账"])
    business = values(wb["营商环境"])
    assert business[0][0] == "2023年营商环境重点工作台账"
    assert business[2][:6] == ["序号", "专项行动", "任务", "责任领导", "牵头单位", "责任科室"]
    assert business[3][1:3] == ["1. 优化审批", "1.1 压缩开办时间"]
    ident = values(wb["xjc-2"])
    assert ident[0][:2] == ["方案", "2023年营商环境重点工作"]
    assert ident[4][:2] == ["工作表", "营商环境"]


def test_the_summary_tables(xjc, office):
    summary = values(load_workbook(export(xjc, "台账.xlsx"))["汇总"])
    assert summary[0][0] == "工作台账汇总"
    assert summary[1][0] == "共 2 个方案、17 项任务；截至 2023年3月10日"
    assert summary[4] == [
        *("简称", "方案名称", "任务数", "已完成", "推进中", "未启动", "暂缓", "逾期", "完成率")
    ]
    plans = {row[0]: row[2:9] for row in summary[5:8]}
    assert plans["下基层"] == [13, 1, 0, 12, 0, 0, "7.7%"]
    assert plans["营商环境"] == [4, 0, 1, 3, 0, 0, "0.0%"]
    assert plans["合计"] == [17, 1, 1, 15, 0, 0, "5.9%"]
    at = next(i for i, row in enumerate(summary) if row[0] == "单位")
    assert summary[at][2:7] == ["任务数", "已完成", "逾期", "完成率", "涉及方案"]
    units = {row[0]: row[2:7] for row in summary[at + 1 :] if row[0]}
    assert units["组织科"] == [10, 0, 0, "0.0%", 2]  # 各科室 counts; in both plans
    assert units["办公室"][:2] == [6, 1]
    assert "发改局" in units and units["发改局"][0] == 1  # 牵头 once, 配合 not counted


def test_filters_apply_to_every_sheet(xjc, office):
    wb = load_workbook(export(xjc, "王.xlsx", "--leader", "王副县长"))
    assert wb.sheetnames == ["汇总", "营商环境", "xjc-1"]  # 下基层 has none of his tasks
    assert "王副县长" in wb["汇总"]["A2"].value
    tasks = [r[2] for r in values(wb["营商环境"])[3:]]
    assert tasks == ["1.2 清理涉企收费", "2.4 机关效能督查"]
    wb = load_workbook(export(xjc, "组织科.xlsx", "--unit", "组织科"))
    assert wb.sheetnames[:3] == ["汇总", "下基层", "营商环境"]
    assert [r[2] for r in values(wb["营商环境"])[3:]] == ["2.1 作风建设调研"]


def test_csv_is_one_table_and_markdown_a_section_per_plan(xjc, office):
    rows = list(csv.reader(io.StringIO(export(xjc, "台账.csv").read_text("utf-8-sig"))))
    assert rows[0][:4] == ["方案", "序号", "专项行动", "任务"] and rows[0][-1] == "编号"
    assert "牵头单位" in rows[0] and "配合单位" in rows[0]
    assert len(rows) == 18
    assert rows[1][:4] == ["下基层", "1", "1. 专题调研、破解难题", "1.1 带着问题深入基层"]
    assert rows[14][:4] == ["营商环境", "14", "1. 优化审批", "1.1 压缩开办时间"]
    assert rows[14][-1] == "营商环境:1.1"
    md = export(xjc, "台账.md").read_text("utf-8")
    assert md.startswith("# 工作台账汇总\n")
    assert "| 合计 |   | 17 | 1 | 1 | 15 | 0 | 0 | 5.9% |" in md
    assert "## 下基层：2023年干部下基层工作台账" in md
    assert "## 营商环境：2023年营商环境重点工作台账" in md
    assert export(xjc, "台账.json").read_text("utf-8").count('"ref"') == 17  # as list --json


def test_collect_records_each_sheet_in_its_plans_journal(xjc, office):
    sheet = export(xjc, "台账.xlsx")
    edit(sheet, {"2.1": {"状态": "推进中", "进展情况": "已组建指导组"}}, "下基层")
    edit(sheet, {"1.1": {"状态": "已完成"}, "2.4": {"承办人": "张三"}}, "营商环境")
    dry = xjc.ok("collect", str(sheet), "--by", "办公室", "--dry-run").stdout
    assert "2 个方案，共 4 处" in dry and "试运行" in dry
    before = journal(office, "营商环境")
    assert journal(office, "营商环境") == before
    out = xjc.ok("collect", str(sheet), "--by", "办公室").stdout
    assert "工作表“下基层”（方案《2023年干部下基层工作实施方案》）" in out
    assert "工作表“营商环境”（方案《2023年营商环境重点工作》）" in out
    assert out.count("已记录") == 2
    assert xjc.ok("show", "下基层:2.1", "--json").json()["status"] == "doing"
    assert xjc.ok("show", "营商环境:1.1", "--json").json()["status"] == "done"
    assert xjc.ok("show", "营商环境:2.4", "--json").json()["assignees"] == ["张三"]
    assert '"task":"2.1"' in journal(office, PLAN).replace(" ", "")
    again = xjc.ok("collect", str(sheet)).stdout
    assert "无需记录" in again  # collecting twice adds nothing


def test_a_refused_sheet_refuses_the_workbook(xjc, office):
    sheet = export(xjc, "台账.xlsx")
    edit(sheet, {"2.1": {"状态": "已完成"}}, "下基层")
    edit(sheet, {"1.1": {"状态": "差不多了"}}, "营商环境")
    before = (journal(office, PLAN), journal(office, "营商环境"))
    assert_refused(xjc("collect", str(sheet)), 1, "工作表“营商环境”", "差不多了")
    assert (journal(office, PLAN), journal(office, "营商环境")) == before


def test_a_renamed_sheet_is_refused(xjc, office):
    sheet = export(xjc, "台账.xlsx")
    wb = load_workbook(sheet)
    wb["营商环境"].title = "营商"
    wb.save(sheet)
    assert_refused(xjc("collect", str(sheet)), 1, "营商环境", "改回")


def test_a_single_plans_workbook_finds_its_plan(xjc, office):
    sheet = export(xjc, "营商.xlsx", "--plan", "营商环境")
    assert load_workbook(sheet).sheetnames == ["台账", "xjc"]  # as it always was
    edit(sheet, {"2.1": {"状态": "已完成"}})
    out = xjc.ok("collect", str(sheet), "--by", "办公室").stdout  # no --plan needed
    assert "共 1 处" in out and "工作表" not in out
    assert xjc.ok("show", "营商环境:2.1", "--json").json()["status"] == "done"


def test_plan_collects_only_its_sheet_of_a_workbook(xjc, office):
    sheet = export(xjc, "台账.xlsx")
    edit(sheet, {"2.1": {"状态": "推进中"}}, "下基层")
    edit(sheet, {"1.1": {"状态": "已完成"}}, "营商环境")
    out = xjc.ok("collect", str(sheet), "--plan", "营商环境").stdout
    assert "营商环境" in out and "下基层" not in out
    assert xjc.ok("show", "下基层:2.1", "--json").json()["status"] == "todo"
    assert xjc.ok("show", "营商环境:1.1", "--json").json()["status"] == "done"


def test_a_sheet_of_a_plan_not_in_the_folder(xjc, office, tmp_path):
    sheet = export(xjc, "台账.xlsx")
    (office / "plans" / "营商环境.yaml").unlink()
    assert_refused(xjc("collect", str(sheet)), 1, "2023年营商环境重点工作", "下基层")


def test_hostile_short_names_make_safe_sheet_names(xjc, office):
    hostile = BUSINESS.replace("标题: 2023年营商环境重点工作", "标题: 甲\n简称: 汇总")
    (office / "plans" / "营商环境.yaml").write_text(hostile, encoding="utf-8")
    wb = load_workbook(export(xjc, "台账.xlsx"))
    assert wb.sheetnames == ["汇总", "下基层", "汇总(2)", "xjc-1", "xjc-2"]
    assert values(wb["xjc-2"])[4][:2] == ["工作表", "汇总(2)"]


def test_sheet_names_follow_excels_rules():
    from xiajiceng.model.ledger_layout import sheet_names

    names = sheet_names(["a/b*c", "x" * 40, "X" * 40, "'引号'", "xjc-1", "\x1b[31m", "History"])
    assert names[0] == "a_b_c"
    assert names[1] == "x" * 31 and names[2] == "X" * 28 + "(2)"
    assert names[3] == "引号" and names[4] == "xjc-1(2)"
    assert "\x1b" not in names[5] and "[" not in names[5]
    assert names[6] == "History(2)"
    assert all(len(n) <= 31 for n in names)
