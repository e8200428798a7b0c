"""Owners by role: a plan that names 牵头单位 and 配合单位 and no leaders gets those columns,
and no empty 责任领导 column, in list (table and TSV), show and every ledger format."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.helpers import assert_refused, edit

PLAN = """\
标题: 2024年营商环境重点工作
活动期间: {开始: 2024-01-01, 结束: 2024-12-31}
人员: {责任领导: [], 科室: [发改局, 市场监管局, 财政局, 司法局]}
专项行动:
  - 编号: 1
    名称: 优化审批
    任务:
      - {编号: 1, 标题: 压缩开办时间, 牵头单位: 市场监管局, 配合单位: [发改局, 司法局]}
      - {编号: 2, 标题: 清理涉企收费, 牵头单位: 发改局, 配合单位: 财政局}
      - {编号: 3, 标题: 规范执法检查, 牵头单位: 司法局}
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "营商环境.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def test_list_table_has_a_column_per_role_and_no_empty_leaders(xjc, plan):
    out = xjc.ok("list", "--plan", plan, "--as-of", "2024-03-01", COLUMNS="160").stdout
    header = out.splitlines()[0]
    assert "责任领导" not in header and "责任科室" not in header
    assert header.index("牵头单位") < header.index("配合单位") < header.index("承办人")
    assert "牵头：" not in out and "配合：" not in out  # no longer squeezed into one cell


def test_list_tsv_fields_follow_the_plan(xjc, plan):
    out = xjc.ok("list", "--plan", plan, "--as-of", "2024-03-01", tty=False).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][:5] == ["1.1", "压缩开办时间", "市场监管局", "发改局、司法局", ""]
    assert rows[2][:5] == ["1.3", "规范执法检查", "司法局", "", ""]
    assert rows[0][5] == "未启动" and rows[0][6] == "2024-12-31"


def test_show_has_one_line_per_role_the_task_has(xjc, plan):
    out = xjc.ok("show", "1.1", "--plan", plan, "--as-of", "2024-03-01").stdout
    assert "牵头单位  市场监管局" in out and "配合单位  发改局、司法局" in out
    assert "责任领导" not in out and "责任科室" not in out
    alone = xjc.ok("show", "1.3", "--plan", plan, "--as-of", "2024-03-01").stdout
    assert "牵头单位  司法局" in alone and "配合单位" not in alone


def test_unit_matches_any_role_leniently(xjc, plan):
    def ids(*args):
        out = xjc.ok("list", "--plan", plan, *args, tty=False).stdout
        return [line.split("\t")[0] for line in out.splitlines()]

    assert ids("--unit", "司法局") == ["1.1", "1.3"]  # support in 1.1, lead in 1.3
    assert ids("--unit", "fgj") == ["1.1", "1.2"]  # pinyin initials
    assert ids("--unit", "财") == ["1.2"]  # a unique beginning
    assert ids("--section", "财政局") == ids("--unit", "财政局")
    res = xjc("list", "--plan", plan, "--unit", "司法局", "--section", "财政局")
    assert_refused(res, 2, "--unit")


def test_unit_filters_export_and_timeline(xjc, plan, tmp_path):
    path = tmp_path / "司法局.csv"
    xjc.ok("export", str(path), "--plan", plan, "--unit", "司法局", "--as-of", "2024-03-01")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert [r[-1] for r in rows[1:]] == ["1.1", "1.3"]
    out = xjc.ok("timeline", "--plan", plan, "--unit", "sfj", "--json").json()
    assert [t["id"] for t in out["tasks"]] == ["1.1", "1.3"]


def test_ledger_columns_follow_the_plan(xjc, plan, tmp_path):
    expected = ["序号", "专项行动", "任务", "牵头单位", "配合单位", "承办人"]
    for name in ("台账.csv", "台账.md", "台账.xlsx"):
        xjc.ok("export", str(tmp_path / name), "--plan", plan, "--as-of", "2024-03-01")
    csv_rows = list(csv.reader(io.StringIO((tmp_path / "台账.csv").read_text("utf-8-sig"))))
    assert csv_rows[0][:6] == expected and csv_rows[0][-1] == "编号"
    assert csv_rows[1][3:5] == ["市场监管局", "发改局、司法局"]
    md = (tmp_path / "台账.md").read_text("utf-8")
    assert "| 序号 | 专项行动 | 任务 | 牵头单位 | 配合单位 | 承办人 |" in md
    ws = load_workbook(tmp_path / "台账.xlsx")["台账"]
    header = [c.value for c in ws[3]]
    assert header[:6] == expected and header[-1] == "编号"
    assert "责任领导" not in header and "责任科室" not in header


def test_collect_reads_a_ledger_with_role_columns(xjc, plan, tmp_path):
    sheet = tmp_path / "台账.xlsx"
    xjc.ok("export", str(sheet), "--plan", plan, "--as-of", "2024-03-01")
    edit(sheet, {"1.2": {"状态": "推进中", "承办人": "张三", "进展情况": "已梳理收费目录"}})
    res = xjc.ok("collect", str(sheet), "--plan", plan, "--by", "发改局")
    assert "已记录" in res.stdout
    s = xjc.ok("show", "1.2", "--plan", plan, "--json").json()
    assert s["status"] == "doing" and s["assignees"] == ["张三"]
    assert s["last_note"]["text"] == "已梳理收费目录"


def test_the_bundled_plan_keeps_its_columns(xjc, tmp_path):
    out = xjc.ok("list", "--as-of", "2023-03-01", COLUMNS="160").stdout
    assert "责任领导" in out.splitlines()[0] and "牵头单位" not in out
    path = tmp_path / "台账.csv"
    xjc.ok("export", str(path), "--as-of", "2023-03-01")
    header = path.read_text("utf-8-sig").splitlines()[0]
    assert header == "序号,专项行动,任务,责任领导,责任科室,承办人,完成时限,状态,进展情况,备注,编号"


# -- a plan's own words: 分管领导, 责任单位 (supporting units beside 牵头单位) ---------------

OWN_WORDS = """\
标题: 2024年营商环境重点工作
活动期间: {开始: 2024-01-01, 结束: 2024-12-31}
人员: {责任领导: [王副县长, 李副县长], 科室: [发改局, 市场监管局, 财政局, 司法局]}
专项行动:
  - 编号: 1
    名称: 优化审批
    任务:
      - 编号: 1
        标题: 压缩开办时间
        分管领导: 王副县长
        牵头单位: 市场监管局
        责任单位: [发改局, 司法局]
        完成时限: 2024-03-31
      - {编号: 2, 标题: 清理涉企收费, 分管领导: 李副县长, 牵头单位: 发改局, 责任单位: 财政局}
      - {编号: 3, 标题: 规范执法检查, 牵头单位: 司法局}
"""


@pytest.fixture
def own(tmp_path):
    path = tmp_path / "营商环境.yaml"
    path.write_text(OWN_WORDS, encoding="utf-8")
    return path


def test_every_output_uses_the_plans_own_words(xjc, own, tmp_path):
    plan = str(own)
    header = xjc.ok("list", "--plan", plan, COLUMNS="160").stdout.splitlines()[0]
    assert header.split()[2:5] == ["分管领导", "牵头单位", "责任单位"]
    shown = xjc.ok("show", "1.1", "--plan", plan).stdout
    assert "分管领导  王副县长" in shown and "责任单位  发改局、司法局" in shown
    assert "责任领导" not in shown and "配合单位" not in shown
    xjc.ok("export", str(tmp_path / "台账.csv"), "--plan", plan)
    head = (tmp_path / "台账.csv").read_text("utf-8-sig").splitlines()[0].split(",")
    assert head[3:6] == ["分管领导", "牵头单位", "责任单位"]
    overview = xjc.ok("--plan", plan, "--as-of", "2024-04-02").stdout
    assert "分管领导  牵头单位" in overview and "责任科室" not in overview


def test_the_report_groups_by_lead_unit_and_names_roles_briefly(xjc, own, tmp_path):
    plan = str(own)
    out = xjc.ok("report", "--month", "4", "--plan", plan).stdout
    assert "按分管领导" in out and "分牵头单位" in out  # never 分分管领导
    assert "分责任科室" not in out and "分责任领导" not in out
    assert "1.1 压缩开办时间（王副县长；牵头：市场监管局；责任：发改局、司法局）" in out
    assert "1.3 规范执法检查（牵头：司法局）" in out
    rep = xjc.ok("report", "--month", "4", "--plan", plan, "--json").json()
    assert rep["by_section_role"] == "lead"
    assert [g["name"] for g in rep["by_section"]] == ["发改局", "市场监管局", "司法局"]
    md = tmp_path / "月报.md"
    xjc.ok("report", "--month", "4", "--plan", plan, "-o", str(md))
    text = md.read_text("utf-8")
    assert "| 任务 | 分管领导／牵头／责任／承办人 |" in text
    assert "牵头：市场监管局<br>责任：发改局、司法局" in text
    assert "1.3 规范执法检查（牵头：司法局；完成时限：12月31日）。" in text
    assert "配合" not in text and "责任科室" not in text


def test_a_role_written_two_ways_is_refused_with_its_line(xjc, own):
    text = OWN_WORDS.replace("        责任单位: [发改局, 司法局]\n", "        配合单位: [发改局]\n")
    own.write_text(text + "", encoding="utf-8")
    res = xjc("list", "--plan", str(own))
    assert_refused(res, 1, "第 14 行", "已用“配合单位”", "又写作“责任单位”")
    twice = OWN_WORDS.replace("        完成时限", "        协办单位: 财政局\n        完成时限")
    own.write_text(twice, encoding="utf-8")
    assert_refused(xjc("list", "--plan", str(own)), 1, "第 13 行", "协办单位", "同一种责任")


def test_problems_point_at_the_plans_own_words(xjc, own):
    own.write_text(OWN_WORDS.replace("分管领导: 王副县长", "分管领导: 赵县长"), encoding="utf-8")
    res = xjc("validate", str(own))
    assert res.code != 0
    assert "第 10 行第 9 列「分管领导」：赵县长 不在人员名单" in res.stdout
    own.write_text(OWN_WORDS.replace("责任单位: 财政局", "责任单位: 7"), encoding="utf-8")
    res = xjc("validate", str(own))
    assert "第 14 行" in res.stdout and "「责任单位」" in res.stdout
