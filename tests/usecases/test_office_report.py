"""The 月报 across an office's plans: a row a plan with their total, units and leaders over
every plan, 分项进展 under a heading a plan (its own ids and words), problems and next steps
naming tasks 简称:编号, and a title for the office."""

from __future__ import annotations

import zipfile

import pytest

from tests.usecases.test_office import BUSINESS, office  # noqa: F401

RESEARCH = """\
标题: 2023年度重点调研课题<b>工作方案</b>
简称: 调研
发文单位: 市委组织部
活动期间: {开始: 2023-05-01, 结束: 2023-10-31}
人员: {责任领导: [沈伟强], 科室: [组织科, 干部科]}
专项行动:
  - 编号: 1
    名称: 课题调研
    任务:
      - {编号: 1, 标题: 基层党建课题, 责任领导: 沈伟强, 责任科室: 组织科}
      - {编号: 2, 标题: 干部队伍课题, 责任领导: 沈伟强, 责任科室: 干部科}
"""


@pytest.fixture
def march(xjc, office):  # noqa: F811
    """Three plans (下基层, 营商环境, 调研 from May), some records in March."""
    (office / "plans" / "调研.yaml").write_text(RESEARCH, encoding="utf-8")
    xjc.ok("done", "下基层:2.1", "--date", "2023-03-28")
    xjc.ok("mark", "下基层:3.1", "暂缓", "--note", "部长外出学习", "--date", "2023-03-15")
    xjc.ok("mark", "营商环境:1.1", "doing", "--note", "已梳理流程", "--date", "2023-03-03")
    xjc.ok("done", "营商环境:2.1", "--date", "2023-03-20")
    return xjc


def test_the_terminal_report_has_a_row_a_plan_and_their_total(march):
    out = march.ok("report", "--month", "3").stdout
    lines = out.splitlines()
    assert lines[1] == "组织部办公室：3 个方案，截至 3月31日"
    assert "分专项行动" not in out
    at = lines.index("分方案")
    assert lines[at + 1].split() == [
        "名称", "任务数", "已完成", "推进中", "未启动", "暂缓", "进度", "完成率", "逾期"
    ]  # fmt: skip
    rows = [line.split() for line in lines[at + 3 : at + 7]]
    assert [r[:6] for r in rows] == [
        ["下基层", "13", "1", "0", "11", "1"],
        ["营商环境", "4", "1", "1", "2", "0"],
        ["调研", "2", "0", "0", "2", "0"],
        ["合计", "19", "2", "1", "15", "1"],
    ]
    # units and leaders over every plan; tasks named 简称:编号
    assert "王副县长" in out and "市场监管局" in out
    assert "  营商环境:2.1 作风建设调研（沈伟强；组织科；3月20日）" in lines


def test_json_has_each_plan_and_each_plans_actions_by_their_own_numbers(march):
    rep = march.ok("report", "--month", "3", "--json").json()
    assert rep["office"] == "组织部办公室" and rep["total"] == 19
    assert [p["plan"] for p in rep["by_plan"]] == ["下基层", "营商环境", "调研"]
    business = rep["by_plan"][1]
    assert business["title"] == "2023年营商环境重点工作"
    assert business["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    assert business["total"] == 4 and business["counts"]["done"] == 1
    assert business["completion_rate"] == 0.25
    actions = [(a["plan"], a["action"], a["name"]) for a in rep["by_action"]]
    assert actions[4:] == [
        ("营商环境", 1, "优化审批"),
        ("营商环境", 2, "加强作风"),
        ("调研", 1, "课题调研"),
    ]
    assert "营商环境:2.1" in rep["done_in_month"]


def test_one_plan_named_is_reported_as_before(march):
    rep = march.ok("report", "--month", "3", "--json", "--plan", "营商环境").json()
    assert "by_plan" not in rep and "office" not in rep
    assert rep["by_action"][0] == {"action": 1} | {
        "name": "优化审批",
        "total": 2,
        "counts": {"todo": 1, "doing": 1, "done": 0, "paused": 0},
        "completion_rate": 0.0,
        "overdue": 0,
    }
    assert "分专项行动" in march.ok("report", "--month", "3", "--plan", "营商环境").stdout


def test_a_month_is_warned_about_only_when_no_plan_covers_it(march):
    res = march.ok("report", "--month", "3", "--year", "2099")
    assert res.stderr.count("不在任何一个方案的起止时间") == 1
    assert "2023年1月1日至2023年12月31日" in res.stderr
    assert "不在" not in march.ok("report", "--month", "11").stderr  # 营商环境 runs to December
    # 调研 begins in May: it is reported in March all the same, saying so
    md = march.ok("report", "--month", "3", "-o", "m.md")
    assert "不在" not in md.stderr


def test_the_files_are_titled_for_the_office_and_grouped_by_plan(march, office):  # noqa: F811
    march.ok("report", "--month", "3", "-o", "月报.md")
    md = (office / "月报.md").read_text("utf-8")
    assert md.startswith(
        "# 组织部办公室2023年3月重点工作进展情况\n\n（3个方案，截至2023年3月31日）"
    )
    assert "### （一）按方案统计" in md and "### （二）按责任科室统计" in md
    assert "| 合计 | 19 | 2 | 1 | 15 | 1 | 0 | 11% |" in md
    assert "### （一）2023年干部下基层工作实施方案（下基层）" in md
    assert "### （二）2023年营商环境重点工作（营商环境）" in md
    assert "#### 1.优化审批" in md
    assert "| 2.1 作风建设调研 |" in md  # the plan's own id under its heading
    assert "营商环境:1.2 清理涉企收费（" in md  # problems name 简称:编号
    assert "任务营商环境:1.1“压缩开办时间”，推进中" in md
    research = md.index("（调研）")
    assert "本月不在该方案的活动期间内。" in md[research : research + 300]
    assert "2023年度重点调研课题\\<b\\>工作方案" not in md  # hostile markup is escaped
    assert "&lt;b&gt;工作方案" in md
    # the issuer: 下基层's and 调研's is 市委组织部, 营商环境 has none: no signature line
    assert md.rstrip().endswith("2023年3月31日  \n\n</div>")


def test_html_and_docx_across_plans(march, office):  # noqa: F811
    march.ok("report", "--month", "3", "-o", "月报.html")
    page = (office / "月报.html").read_text("utf-8")
    assert "分方案进度" in page and "分专项行动进度" not in page
    assert "<h4>1.优化审批</h4>" in page and "<b>" not in page
    assert '<td class="n">19</td>' in page
    march.ok("report", "--month", "3", "-o", "月报.docx")
    from docx import Document

    doc = Document(str(office / "月报.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "组织部办公室2023年3月重点工作进展情况"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert [h.partition(".")[0] for h in headings] == ["1", "2", "3", "4", "1", "2", "1"]
    assert headings[4:] == ["1.优化审批", "2.加强作风", "1.课题调研"]
    plans_table = doc.tables[0]
    assert [c.text for c in plans_table.rows[-1].cells][:2] == ["合计", "19"]
    with zipfile.ZipFile(office / "月报.docx") as z:
        assert "市委组织部" not in z.read("docProps/core.xml").decode()


def test_business_tasks_keep_their_plans_words(march, office):  # noqa: F811
    """营商环境 writes 牵头单位 and 配合单位: its tables and lines say 牵头/配合; 下基层's
    do not."""
    march.ok("report", "--month", "3", "-o", "月报.md")
    md = (office / "月报.md").read_text("utf-8")
    business = md.index("（营商环境）")
    assert md[:business].count("| 任务 | 责任领导／科室／承办人 | 状态 | 本月进展 |") == 4
    assert md[business:].count("| 任务 | 责任领导／牵头／科室／配合／承办人 |") == 2
    assert "（沈伟强；牵头：市场监管局；配合：发改局）。" in md


def test_every_plan_in_the_report_with_many_plans(xjc, tmp_path, monkeypatch):
    """Ten plans of twenty tasks beside the bundled one: the report names each and adds
    them up."""
    folder = tmp_path / "督办"
    xjc.ok("init", str(folder))
    for n in range(10):
        tasks = "\n".join(
            f"      - {{编号: {k}, 标题: 任务{k}, 责任领导: 甲, 责任科室: 科{k % 3}}}"
            for k in range(1, 21)
        )
        (folder / "plans" / f"p{n}.yaml").write_text(
            f"标题: 2023年第{n}项工作\n简称: 方案{n}\n"
            "活动期间: {开始: 2023-01-01, 结束: 2023-12-31}\n"
            "人员: {责任领导: [甲], 科室: [科0, 科1, 科2]}\n"
            f"专项行动:\n  - 编号: 1\n    名称: 行动\n    任务:\n{tasks}\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(folder)
    xjc.ok("done", "方案7:1.3", "--date", "2023-03-02")
    rep = xjc.ok("report", "--month", "3", "--json").json()
    assert len(rep["by_plan"]) == 11 and rep["total"] == 13 + 200
    assert [p["counts"]["done"] for p in rep["by_plan"]] == [0] * 8 + [1, 0, 0]
    totals = {s["name"]: s["total"] for s in rep["by_section"]}
    assert {k: totals[k] for k in ("科0", "科1", "科2")} == {"科0": 60, "科1": 70, "科2": 70}


NEXT_YEAR = RESEARCH.replace("2023年度", "2024年度").replace("简称: 调研", "简称: 新调研")
NEXT_YEAR = NEXT_YEAR.replace("2023-05-01", "2024-02-01").replace("2023-10-31", "2024-10-31")


def test_a_month_without_a_year_is_the_latest_that_a_plan_covers_up_to_today(march, office):  # noqa: F811
    """Across plans of several years, 3月 is March of the latest year up to today's in which
    a plan covers March, not the oldest plan's year; a month only an older plan covers
    stays in its year."""
    (office / "plans" / "新调研.yaml").write_text(NEXT_YEAR, encoding="utf-8")
    march.clock = march.clock.replace(year=2024, month=6)

    def title(*args: str) -> str:
        return march.ok("report", *args).stdout.splitlines()[0]

    assert title("--month", "3") == "2024年3月工作进展"
    assert title("--month", "3", "--year", "2023") == "2023年3月工作进展"
    # no plan covers January 2024: January 2023 (下基层 runs from 2023-01-01)
    assert title("--month", "1") == "2023年1月工作进展"
    # today in 2023: the 2024 plan's March is still to come
    march.clock = march.clock.replace(year=2023, month=12)
    assert title("--month", "3") == "2023年3月工作进展"
