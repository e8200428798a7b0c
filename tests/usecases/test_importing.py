"""xjc import: documents of several styles, each with the plan it must produce."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import SEED
from xiajiceng.store.plans import bundled_plan_path, read_plan

FIXTURES = SEED.parent / "import"


def make_docx(path: Path, items: list) -> Path:
    """A .docx of paragraphs (str) and tables (lists of rows; None merges with the cell above)."""
    from docx import Document

    d = Document()
    for item in items:
        if isinstance(item, str):
            d.add_paragraph(item)
            continue
        table = d.add_table(rows=len(item), cols=len(item[0]))
        for i, row in enumerate(item):
            for j, cell in enumerate(row):
                if cell is None:
                    table.cell(i - 1, j).merge(table.cell(i, j))
                else:
                    table.cell(i, j).text = cell
    d.save(str(path))
    return path


def tasks(plan) -> list[tuple]:
    """(id, title, leaders, 责任, 牵头, 配合, due, 时限说明, 周期) for every task."""
    out = []
    for a in plan.actions:
        for t in a.tasks:
            due = t.due.isoformat() if t.due else None
            out.append(
                (
                    f"{a.number}.{t.number}",
                    t.title,
                    "、".join(t.leaders),
                    "、".join(t.sections),
                    "、".join(t.lead),
                    "、".join(t.support),
                    due,
                    t.due_text,
                    t.recurrence,
                )
            )
    return out


def run_import(xjc, tmp_path, doc: Path, *extra: str):
    out = tmp_path / (doc.stem + ".yaml")
    res = xjc("import", str(doc), "-o", str(out), *extra)
    assert res.code == 0, res.stderr
    return res, read_plan(out), out


# -- the seed ------------------------------------------------------------------------------


def test_seed_imports_to_the_bundled_plan(xjc, tmp_path):
    res, plan, out = run_import(xjc, tmp_path, SEED)
    bundled = read_plan(bundled_plan_path())
    assert plan.actions == bundled.actions  # ids, names, headings, intros, tasks, owners, dues
    assert plan.leadership == bundled.leadership
    assert len(plan.leadership.items) == 4
    for key in ("title", "period", "preamble", "requirements", "arrangements"):
        assert getattr(plan, key) == getattr(bundled, key), key
    # the roster: every leader and unit in order of first appearance; 各科室 is not one
    assert plan.roster.leaders == ("沈伟强", "曹国良", "许静")
    assert plan.roster.sections == ("办公室", "组织科", "干部科")
    task = plan.task("4.1")
    assert (task.due, task.due_text) == (date(2023, 6, 30), "“七一”前")
    assert all(t.due == date(2023, 3, 31) for t in plan.tasks if t.id != "4.1")
    # both lost numbers are reported with the line they are on
    assert "第 34 行" in res.stdout and "访民问情、关爱服务" in res.stdout
    assert "第 55 行" in res.stdout and "狠抓落实，务求实效" in res.stdout
    # usable at once
    listed = xjc.ok("list", "--plan", str(out), "--json").json()
    assert [r["id"] for r in listed] == [t.id for t in bundled.tasks]
    assert listed[3]["sections"] == ["组织科"]


def test_written_yaml_is_readable(xjc, tmp_path):
    _, _, out = run_import(xjc, tmp_path, SEED)
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "开展“专题调研、破解难题”行动" in text
    assert "开始: 2023-02-01" in text and "完成时限: 2023-06-30" in text
    assert "{" not in text.split("专项行动:")[1]  # block style
    assert text.startswith("# ")  # what to review is written at the top


def test_default_output_is_the_stem_in_the_current_folder(xjc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    xjc.ok("import", str(SEED))
    assert (tmp_path / "2023年干部下基层工作实施方案.yaml").is_file()


# -- documents of other styles -------------------------------------------------------------


def test_brackets_sections_run_on_numbers_attachments(xjc, tmp_path):
    """一、/（一）/1． numbering, owners in （…）〔…〕[…] at the end, numbers running on
    across （一）（二）, 附件 lines, a signature with a date; UTF-8."""
    res, plan, _ = run_import(xjc, tmp_path, FIXTURES / "营商环境.txt")
    assert plan.title == "滨江市2024年优化营商环境攻坚行动实施方案"
    assert plan.issuer == "滨江市人民政府办公室"
    assert (plan.period.start, plan.period.end) == (date(2024, 3, 1), date(2024, 11, 30))
    assert [a.name for a in plan.actions] == ["提升政务服务效能", "优化市场准入环境"]
    assert tasks(plan) == [
        (
            "1.1",
            "推进“一网通办”",
            "",
            "",
            "市政务服务局",
            "市大数据局、各区、县级市",
            "2024-12-31",
            "年底前",
            None,
        ),
        (
            "1.2",
            "压减审批时限",
            "",
            "",
            "市住建局",
            "市自然资源局、县发改局（粮食局）",
            "2024-06-30",
            "6月30日前",
            None,
        ),
        ("2.3", "深化商事制度改革", "", "市市场监管局", "", "", "2024-03-31", "3月底前", None),
        ("2.4", "清理妨碍统一市场的规定", "", "市司法局、市发改委", "", "", None, None, "每季度"),
        ("2.5", "加强信用体系建设", "", "", "市发改委", "", None, None, None),
    ]
    # "各区、县级市" and "县发改局（粮食局）" are one unit each
    assert plan.task("1.1").support == ("市大数据局", "各区、县级市")
    assert "各区、县级市" in plan.roster.sections
    assert [r.title for r in plan.leadership.items] == ["加强组织领导", "强化督查考核"]
    assert "营商环境监测指标" not in str(dataclasses.asdict(plan))  # the 附件 list is not a task
    assert "没有需要特别核对的地方" in res.stdout


def test_owner_lines_repeated_numbers_unnumbered_heading_gb18030(xjc, tmp_path):
    """Half-width (一) tasks with owner lines, a repeated number, a time limit that is not a
    date, an unnumbered heading, no period; saved by Notepad in GB18030."""
    doc = FIXTURES / "安全生产.txt"
    with pytest.raises(UnicodeDecodeError):
        doc.read_bytes().decode("utf-8")
    res, plan, _ = run_import(xjc, tmp_path, doc)
    assert plan.title == "2025年安全生产专项整治工作方案"  # the covering notice is skipped
    assert (plan.period.start, plan.period.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert tasks(plan) == [
        (
            "1.1",
            "开展隐患排查整治",
            "王建国",
            "",
            "安监科",
            "执法中队、办公室",
            "2025-05-31",
            "2025年5月31日",
            None,
        ),
        ("1.2", "加强重点行业监管", "王建国、李红", "执法中队", "", "", None, None, None),
        ("1.3", "强化宣传教育培训", "李红", "宣传科", "", "", "2025-06-30", "6月", None),
        ("1.4", "完善应急救援体系", "赵明", "应急科", "", "", None, "长期坚持", None),
    ]
    assert plan.roster.leaders == ("王建国", "李红", "赵明")
    assert [r.title for r in plan.leadership.items] == ["加强组织领导", "严格责任追究"]
    out = res.stdout
    assert "保障措施" in out and "没有编号" in out
    assert "原编号 2" in out and "1.3" in out
    assert "长期坚持" in out and "无法换算成日期" in out
    assert "活动期间" in out and "2025 年全年" in out


def test_docx_paragraphs_with_brackets_and_verbs(xjc, tmp_path):
    """A .docx with 1． items, （…）〔…〕[X牵头，Y配合] owners, a recurring limit, two limits
    in one text, a task without owner, an attachment list; the issuer above the title."""
    doc = make_docx(
        tmp_path / "党建.docx",
        [
            "中共某某局委员会",
            "2023年党建工作要点",
            "一、加强政治建设",
            "1．深入学习贯彻党的二十大精神。3月底前制定学习计划。（牵头单位：办公室，配合单位：各支部）",
            "2．落实“第一议题”制度。〔责任单位：办公室；完成时限：每月〕",
            "二、加强组织建设",
            "3．开展支部标准化建设。2023年2月10日前完成摸底，2-3月集中整改。[人事科牵头，各支部配合]",
            "4．做好党员发展工作。（责任单位：人事科）",
            "5．开展主题党日活动。",
            "附件：1．2023年党建工作任务清单",
            "2．2023年党员教育培训计划",
        ],
    )
    res, plan, _ = run_import(xjc, tmp_path, doc)
    assert plan.issuer == "中共某某局委员会"
    assert tasks(plan) == [
        (
            "1.1",
            "深入学习贯彻党的二十大精神",
            "",
            "",
            "办公室",
            "各支部",
            "2023-03-31",
            "3月底前",
            None,
        ),
        ("1.2", "落实“第一议题”制度", "", "办公室", "", "", None, None, "每月"),
        ("2.3", "开展支部标准化建设", "", "", "人事科", "各支部", "2023-03-31", "2-3月", None),
        ("2.4", "做好党员发展工作", "", "人事科", "", "", None, None, None),
        ("2.5", "开展主题党日活动", "", "", "", "", None, None, None),
    ]
    assert plan.task("2.5").text == ""  # the attachment list did not become its text
    assert "第 9 段" in res.stdout and "2.5" in res.stdout and "没有写责任领导" in res.stdout
    assert "2023年2月10日前" in res.stdout  # two limits found, the later one taken


def test_docx_table_with_groups(xjc, tmp_path):
    """A Word table (序号/重点工作/具体任务/牵头单位/配合单位/完成时限) with merged group cells
    and a repeated 序号: each row a task, each group an action."""
    doc = make_docx(
        tmp_path / "乡村振兴.docx",
        [
            "2024年乡村振兴重点任务分工方案",
            "为全面推进乡村振兴，现将2024年重点任务分工如下。",
            "一、任务分工",
            [
                ["序号", "重点工作", "具体任务", "牵头单位", "配合单位", "完成时限"],
                [
                    "1",
                    "产业振兴",
                    "培育特色产业。每个镇培育1个以上特色产业。",
                    "农业农村局",
                    "财政局、各镇（街道）",
                    "2024年10月底前",
                ],
                ["2", None, "发展农村电商", "商务局", "邮政公司", "每季度"],
                ["3", "人才振兴", "实施乡村人才培育计划", "人社局", "农业农村局", "年底前"],
                ["3", None, "引导人才返乡创业", "人社局", "", "持续推进"],
            ],
            "二、工作要求",
            "各单位要按照分工抓好落实。",
        ],
    )
    res, plan, _ = run_import(xjc, tmp_path, doc)
    assert [a.name for a in plan.actions] == ["产业振兴", "人才振兴"]
    assert tasks(plan) == [
        (
            "1.1",
            "培育特色产业",
            "",
            "",
            "农业农村局",
            "财政局、各镇（街道）",
            "2024-10-31",
            "2024年10月底前",
            None,
        ),
        ("1.2", "发展农村电商", "", "", "商务局", "邮政公司", None, None, "每季度"),
        (
            "2.3",
            "实施乡村人才培育计划",
            "",
            "",
            "人社局",
            "农业农村局",
            "2024-12-31",
            "年底前",
            None,
        ),
        ("2.4", "引导人才返乡创业", "", "", "人社局", "", None, "持续推进", None),
    ]
    assert plan.task("1.1").text == "每个镇培育1个以上特色产业。"
    assert plan.leadership.intro == "各单位要按照分工抓好落实。"
    assert "表 1 第 5 行" in res.stdout and "原编号 3" in res.stdout


def test_pasted_table_with_bom_and_columns_in_another_order(xjc, tmp_path):
    """A table pasted from Word into Notepad (tab-separated), columns in another order and
    wording, UTF-8 with BOM, the period as a date range."""
    text = (
        "2023年创建文明城市工作任务分工\n"
        "创建活动时间为2023年4月1日至2023年10月31日。\n"
        "完成时间\t工作任务\t责任部门\t编号\n"
        "5月底前\t整治背街小巷环境卫生\t城管局、各街道\t1\n"
        "每月\t开展志愿服务活动\t团市委\t2\n"
        "9月\t规范户外广告设置\t城管局（执法大队）\t3\n"
    )
    doc = tmp_path / "文明城市.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    _, plan, _ = run_import(xjc, tmp_path, doc)
    assert plan.title == "2023年创建文明城市工作任务分工"
    assert (plan.period.start, plan.period.end) == (date(2023, 4, 1), date(2023, 10, 31))
    assert tasks(plan) == [
        (
            "1.1",
            "整治背街小巷环境卫生",
            "",
            "城管局、各街道",
            "",
            "",
            "2023-05-31",
            "5月底前",
            None,
        ),
        ("1.2", "开展志愿服务活动", "", "团市委", "", "", None, None, "每月"),
        ("1.3", "规范户外广告设置", "", "城管局（执法大队）", "", "", "2023-09-30", "9月", None),
    ]


def test_section_filter_matches_any_role(xjc, tmp_path):
    _, _, out = run_import(xjc, tmp_path, FIXTURES / "营商环境.txt")
    rows = xjc.ok("list", "--plan", str(out), "--section", "市发改委", "--json").json()
    assert [r["id"] for r in rows] == ["2.4", "2.5"]
    assert [r["section_roles"] for r in rows] == [["responsible"], ["lead"]]
    assert rows[1]["roles"] == {"responsible": [], "lead": ["市发改委"], "support": []}
    rows = xjc.ok("list", "--plan", str(out), "--section", "各区、县级市", "--json").json()
    assert [(r["id"], r["section_roles"]) for r in rows] == [("1.1", ["support"])]
    assert rows[0]["recurrence"] is None
    table = xjc.ok("list", "--plan", str(out), "--section", "市住建局").stdout
    assert "牵头" in table and "配合" in table and "市住建" in table
    show = xjc.ok("show", "2.4", "--plan", str(out), "--json").json()
    assert show["recurrence"] == "每季度"


# -- refusals ------------------------------------------------------------------------------


def refused(res, *fragments):
    assert res.code != 0
    assert res.stdout == ""
    assert len(res.stderr.splitlines()) == 1 and "Traceback" not in res.stderr
    for f in fragments:
        assert f in res.stderr, res.stderr


def test_existing_output_is_not_overwritten(xjc, tmp_path):
    out = tmp_path / "plan.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused(xjc("import", str(SEED), "-o", str(out)), "已存在", "--force")
    assert out.read_text(encoding="utf-8") == "mine\n"
    xjc.ok("import", str(SEED), "-o", str(out), "--force")
    assert read_plan(out).title == "2023年干部下基层工作实施方案"


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        ("空.txt", b"", ["空的"]),
        ("空白.txt", "\n  \n\u3000\n".encode(), ["空的"]),
        ("二进制.txt", bytes(range(256)) * 4, ["不是文字文件"]),
        ("乱码.txt", b"\x81\x20\xff\xfe\x80" * 20, ["GB18030"]),
        ("方案.pdf", b"%PDF-1.4", [".pdf", ".docx"]),
        ("坏.docx", b"PK\x03\x04 not really a zip", ["不是有效的 .docx"]),
        ("无任务.txt", "2023年工作总结\n今年工作取得了新进展。\n".encode(), ["没有找到任务"]),
    ],
)
def test_bad_documents(xjc, tmp_path, name, content, fragments):
    doc = tmp_path / name
    doc.write_bytes(content)
    out = tmp_path / "out.yaml"
    refused(xjc("import", str(doc), "-o", str(out)), *fragments)
    assert not out.exists()


def test_missing_document(xjc, tmp_path):
    refused(xjc("import", str(tmp_path / "没有.docx")), "找不到文档")
    assert list(tmp_path.glob("*.yaml")) == []


# -- validate ------------------------------------------------------------------------------


def test_validate_clean(xjc, tmp_path):
    res = xjc.ok("validate", str(bundled_plan_path()))
    assert "检查通过" in res.stdout and "13 项任务" in res.stdout
    assert len(res.stdout.splitlines()) == 1


def test_validate_lists_every_problem_with_its_line(xjc, tmp_path):
    text = bundled_plan_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[lines.index("      - 编号: 2")] = "      - 编号: 二"  # line of task 1.2
    text = "\n".join(lines) + "\n"
    text = text.replace(
        "        责任科室: 组织科\n        完成时限: 2023-06-30",
        "        责任科室: 组织科\n        完成时限: 2023-06-31",
    )
    text = text.replace(
        "    名称: 谈心谈话、提升满意\n", "    名称: 谈心谈话、提升满意\n    备注: 无\n"
    )
    bad = tmp_path / "坏.yaml"
    bad.write_text(text, encoding="utf-8")
    res = xjc("validate", str(bad))
    assert res.code == 1
    problems = [line for line in res.stdout.splitlines() if line.startswith("方案文件 ")]
    assert len(problems) == 4  # three problems and the summary
    assert "「编号」" in problems[0] and "二" in problems[0]
    assert "「备注」" in problems[1]
    assert "2023-06-31" in problems[2]
    assert "共有 3 处问题" in problems[3]
    lines_named = [int(p.split("第 ")[1].split(" 行")[0]) for p in problems[:3]]
    assert lines_named == sorted(lines_named)
    # list still refuses the same file with the first problem and a count
    refused(xjc("list", "--plan", str(bad)), "另有 2 处问题")


def test_validate_roster_covers_new_unit_keys(xjc, tmp_path):
    _, _, out = run_import(xjc, tmp_path, FIXTURES / "营商环境.txt")
    text = out.read_text(encoding="utf-8").replace("牵头单位: [市住建局]", "牵头单位: [市建设局]")
    out.write_text(text, encoding="utf-8")
    res = xjc("validate", str(out))
    assert res.code == 1 and "「牵头单位」" in res.stdout and "市建设局" in res.stdout


def test_validate_unreadable(xjc, tmp_path):
    refused(xjc("validate", str(tmp_path / "nope.yaml")), "找不到方案文件")


def test_unnumbered_tasks_followed_by_owner_lines(xjc, tmp_path):
    doc = tmp_path / "作风.txt"
    doc.write_text(
        "2024年机关作风建设工作方案\n"
        "一、工作任务\n"
        "开展作风问题大排查。对照问题清单逐项排查。\n"
        "责任领导：张强\n"
        "责任单位：办公室\n"
        "完善考勤管理制度。修订考勤办法。\n"
        "责任领导：李丽\n"
        "责任单位：人事科\n"
        "完成时限：4月底前\n"
        "二、工作要求\n"
        "各科室要高度重视。\n",
        encoding="utf-8",
    )
    res, plan, _ = run_import(xjc, tmp_path, doc)
    assert tasks(plan) == [
        ("1.1", "开展作风问题大排查", "张强", "办公室", "", "", None, None, None),
        ("1.2", "完善考勤管理制度", "李丽", "人事科", "", "", "2024-04-30", "4月底前", None),
    ]
    assert "第 3 行" in res.stdout and "第 6 行" in res.stdout and "缺少编号" in res.stdout


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        ("在“七一”前集中走访", "2023-06-30", "“七一”前"),
        ("3月底前出台细则", "2023-03-31", "3月底前"),
        ("6月30日前完成", "2023-06-30", "6月30日前"),
        ("年底前实现全覆盖", "2023-12-31", "年底前"),
        ("2024年2月10日前完成摸底", "2024-02-10", "2024年2月10日前"),
        ("2-3月集中整改", "2023-03-31", "2-3月"),
        ("9月下旬完成", "2023-09-30", "9月下旬"),
        ("第三季度完成", "2023-09-30", "第三季度"),
        ("集中3-5天时间调研", None, None),
        ("发挥12316为民服务中心作用", None, None),
        ("2月30日前完成", None, None),
    ],
)
def test_time_limits_in_prose(text, due, phrase):
    from xiajiceng.usecases.importing.timelimits import find_in_prose

    found = find_in_prose(text, 2023)
    if due is None:
        assert found == []
    else:
        assert [(d.isoformat(), p) for d, p in found] == [(due, phrase)]


def test_time_limit_fields():
    from xiajiceng.usecases.importing.timelimits import parse_field

    assert parse_field("2023.6.30", 2023).due == date(2023, 6, 30)
    assert parse_field("6月", 2023).due == date(2023, 6, 30)
    assert parse_field("每月5日前报送", 2023).recurrence == "每月"
    assert parse_field("每季", 2023).recurrence == "每季度"
    kept = parse_field("春节前", 2023)
    assert (kept.due, kept.text) == (None, "春节前")


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("市大数据局、各区、县级市", ["市大数据局", "各区、县级市"]),
        ("县发改局（粮食局），市财政局", ["县发改局（粮食局）", "市财政局"]),
        ("各县（市、区）；市商务局等", ["各县（市、区）", "市商务局"]),
        ("办公室 组织科", ["办公室", "组织科"]),
    ],
)
def test_units_stay_whole(text, units):
    from xiajiceng.usecases.importing.owners import split_units

    assert split_units(text) == units


def test_validate_lists_roster_problems_beside_schema_problems(xjc, tmp_path):
    _, _, out = run_import(xjc, tmp_path, FIXTURES / "营商环境.txt")
    text = out.read_text(encoding="utf-8")
    text = text.replace("牵头单位: [市住建局]", "牵头单位: [市建设局]")
    text = text.replace("完成时限: 2024-03-31", "完成时限: 2024-02-30")
    out.write_text(text, encoding="utf-8")
    res = xjc("validate", str(out))
    assert res.code == 1
    assert "市建设局" in res.stdout and "2024-02-30" in res.stdout and "共有 2 处问题" in res.stdout


def test_owner_bracket_followed_by_a_time_clause():
    from xiajiceng.usecases.importing.owners import split_trailing

    text = (
        "推行涉企事项“免申即享”。（牵头单位：市发改局（粮食局），"
        "配合单位：市财政局、市税务局）2024年9月30日前完成。"
    )
    rest, owners = split_trailing(text)
    assert rest == "推行涉企事项“免申即享”。2024年9月30日前完成。"
    assert owners.of("lead") == ["市发改局（粮食局）"]
    assert owners.of("support") == ["市财政局", "市税务局"]


def test_docx_cell_merged_across_columns_is_read_once(tmp_path):
    from docx import Document

    from xiajiceng.model.document import TableBlock
    from xiajiceng.store.documents import read_document

    d = Document()
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "重点工作"
    table.cell(0, 2).text = "牵头单位"
    for j, text in enumerate(["1", "产业", "农业农村局"]):
        table.cell(1, j).text = text
    d.save(str(tmp_path / "t.docx"))
    blocks = read_document(tmp_path / "t.docx").blocks
    rows = next(b for b in blocks if isinstance(b, TableBlock)).rows
    assert rows == (("重点工作", "牵头单位"), ("1", "产业", "农业农村局"))


def test_the_imported_plan_is_readable_by_colleagues(xjc, tmp_path):
    """import writes the plan with the mode any new file gets, not mkstemp's private 0600."""
    import os
    import stat

    from tests.helpers import SEED

    out = tmp_path / "方案.yaml"
    xjc.ok("import", str(SEED), "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


# -- structures of real documents (issue 14) ----------------------------------------------


def _draft_tasks(lines_or_blocks, today=date(2030, 6, 1)):
    from xiajiceng.model.document import Paragraph
    from xiajiceng.model.plan import K
    from xiajiceng.usecases.importing.parse import parse_blocks

    blocks = [
        Paragraph(b, f"第 {n} 行") if isinstance(b, str) else b
        for n, b in enumerate(lines_or_blocks, 1)
    ]
    draft = parse_blocks(blocks, "doc", today)
    return [t for a in draft.data[K.ACTIONS] for t in a[K.TASKS]], draft


def test_traditional_keywords_unlabelled_owners_and_a_cut_off_end():
    from xiajiceng.model.plan import K

    found, draft = _draft_tasks(
        [
            "2022年工作要點",
            "一、推動審批",
            "1.清單管理。9月底前公布清單。(市政府辦公室牽頭,市級各有關部門及各縣市區政府按職責分工負責)",
            "2.深化改革。年底前完成。(市司法局、市發改委等部門分別牽頭)",
            "3.優化服務。(牽頭單位:市政務服務局;責任單位:市大數據局等各有關單位)",
            "4.加強監管。(市",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["清單管理", "深化改革", "優化服務"]  # 4 is cut off
    assert found[0][K.LEAD] == ("市政府辦公室",)
    support = "责任单位"  # the document's own word: 責任單位 beside 牽頭單位
    assert found[0][support] == ("市級各有關部門", "各縣市區政府")
    assert found[0][K.DUE] == date(2022, 9, 30)  # the document's year, never today's
    assert found[1][K.LEAD] == ("市司法局", "市發改委")
    assert found[1][K.DUE_TEXT] == "年底前" and found[1][K.DUE] == date(2022, 12, 31)
    assert found[2][support] == ("市大數據局",)
    assert any("中断" in w.message for w in draft.warnings)


def test_one_cell_a_line_table_with_a_split_header_and_a_cut_row():
    from xiajiceng.model.plan import K

    found, draft = _draft_tasks(
        [
            "2025年重点工作清单",
            "序号 |",
            "重点工作 |",
            "责任领导 |",
            "牵头单位 |",
            "完成",
            "时限",
            "1 |",
            "推进园区 污水管 网提升。 |",
            "叶林 |",
            "规划建设局 |",
            "全年 |",
            "2",
            "招商引资。",
            "马振明",
        ]
    )
    assert len(found) == 1
    task = found[0]
    assert task[K.TITLE] == "推进园区污水管网提升"
    assert task[K.LEADERS] == ("叶林",) and task[K.LEAD] == ("规划建设局",)
    assert task[K.DUE] == date(2025, 12, 31)
    assert any("不完整" in w.message for w in draft.warnings)


def test_task_table_block_from_a_spreadsheet():
    from xiajiceng.model.document import TableBlock
    from xiajiceng.model.plan import K

    table = TableBlock(
        (
            ("序号", "任务", "责任领导", "牵头单位", "配合单位", "完成时限"),
            ("1", "编制规划。", "张三", "县发改局", "县财政局、县自然资源局", "9月底前"),
            ("2", "建设平台。", "李四", "县数据局", "各乡镇", "上半年"),
        ),
        "表 1",
    )
    found, _ = _draft_tasks(["2024年重点任务分解表", table])
    assert [(t[K.LEADERS], t[K.LEAD], t[K.SUPPORT], t[K.DUE]) for t in found] == [
        (("张三",), ("县发改局",), ("县财政局", "县自然资源局"), date(2024, 9, 30)),
        (("李四",), ("县数据局",), ("各乡镇",), date(2024, 6, 30)),
    ]


# -- structures of real documents (issue 14, item 2) ------------------------------------


def test_a_person_named_in_a_section_heading_leads_every_task_under_it():
    from xiajiceng.model.plan import K

    found, _ = _draft_tasks(
        [
            "2024年重点工作分工方案",
            "一、张三县长牵头重点工作",
            "1.推进项目建设。年底前完成。",
            "2.优化营商环境。(牵头单位:县发改局)",
            "二、由李四同志负责",
            "1.抓好安全生产。",
            "三、分管副县长:王五",
            "1.做好防汛工作。6月底前完成。",
        ]
    )
    leaders = [t["牵头领导"] for t in found[:2]]
    assert leaders == [("张三",), ("张三",)]  # the person, without the title after the name
    assert found[1][K.LEAD] == ("县发改局",)  # its own owners, and the section's leader
    assert [t[K.TITLE] for t in found] == [
        "推进项目建设",
        "优化营商环境",
        "抓好安全生产",
        "做好防汛工作",
    ]
    # one word per role for the whole plan: the document's most frequent (牵头)
    assert found[2]["牵头领导"] == ("李四",)
    assert found[3]["牵头领导"] == ("王五",)


def test_a_unit_named_in_a_section_heading_and_a_standing_rule():
    from xiajiceng.model.plan import K

    found, _ = _draft_tasks(
        [
            "若干政策措施",
            "一、扩大有效投资(由县发改局牵头实施)",
            "1.加大财政支持力度。",
            "2.加强资金要素争取。",
            "二、改善民生",
            "1.办好民生实事。(各乡镇、各部门按职责分工负责,不再做分工,下同)",
            "2.稳定就业。",
            "3.发展教育。(牵头单位:县教育局)",
        ]
    )
    assert [t.get(K.LEAD) for t in found[:2]] == [("县发改局",), ("县发改局",)]
    assert found[3][K.SECTIONS] == ("各乡镇", "各部门")  # the standing rule applies
    assert found[4][K.LEAD] == ("县教育局",) and K.SECTIONS not in found[4]


def test_an_owner_line_after_sub_items_belongs_to_the_item_that_holds_them():
    from xiajiceng.model.plan import K

    found, _ = _draft_tasks(
        [
            "责任分解",
            "(一)预案建设",
            "1.完善应急预案体系",
            "(1)加强预案管理。",
            "(2)加强预案演练。",
            "(责任单位:市应急局、市直各有关单位)",
            "2.健全应急管理体制",
            "(1)推进机构建设。",
            "责任单位:市应急局",
            "3.加强队伍建设",
            "(1)建设专业队伍。",
            "(2)建设志愿队伍,加",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["完善应急预案体系", "健全应急管理体制"]  # 3 is cut off
    # 责任单位 alone (no 牵头单位): the responsible units, under the document's own word
    assert found[0]["责任单位"] == ("市应急局", "市直各有关单位")
    assert "加强预案演练" in found[0][K.TEXT]


def test_labels_of_a_province_and_parts_that_are_not_tasks():
    from xiajiceng.model.plan import K

    found, draft = _draft_tasks(
        [
            "2021年重点任务分工方案",
            "一、主要预期目标",
            "1.地区生产总值增长6%以上。",
            "分管省领导:林克庆",
            "部门分工:省发展改革委牵头,各地、各部门配合。",
            "2.进出口实现正增长。",
            "分管省领导:张新",
            "部门分工:省商务厅牵头,海关配合。",
            "二、保障措施",
            "1.加强组织领导。(责任单位:省政府办公厅)",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["地区生产总值增长6%以上", "进出口实现正增长"]
    assert found[0]["分管领导"] == ("林克庆",)  # 分管省领导 → the closest allowed word
    assert found[0][K.LEAD] == ("省发展改革委",)
    assert found[0][K.SUPPORT] == ("各地", "各部门")
    assert draft.data[K.LEADERSHIP][K.ITEMS][0][K.TITLE] == "加强组织领导"


def test_text_copied_out_of_a_pdf():
    from xiajiceng.model.plan import K

    found, draft = _draft_tasks(
        [
            "2023年安全生产工作要点",
            "一、强化责任落实",
            "1.压实企业主体责任,开展隐患排查治理专项行动,9月底前完成。(牵头单位:县应急",
            "管理局;配合单位:各乡镇)",
            "— 2 —",
            "县安委会办公室文件",
            "2.开展安全生产大检查,全面排查重点行业领域风险隐患并逐项整改到位。",
            "牵头单位:县应急管理局",
            "第3页 共10页",
            "县安委会办公室文件",
            "3.加强执法检查,严厉打击各类非法违法生产经营建设行为,确保取得实效。",
            "牵头单位:县市场监管局",
            "-4-",
            "县安委会办公室文件",
        ]
    )
    assert [t[K.LEAD] for t in found] == [("县应急管理局",), ("县应急管理局",), ("县市场监管局",)]
    assert found[0][K.SUPPORT] == ("各乡镇",)
    text = str(draft.data)
    assert "— 2 —" not in text and "第3页" not in text and "县安委会办公室文件" not in text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a letterhead, a number and the covering notice: the plan's title is in the notice
        (
            [
                "某某区人民政府文件",
                "某政发〔2023〕2号",
                "某某区人民政府关于印发 《2023年重点工作任务分解 和责任分工方案》的通知",
            ],
            "2023年重点工作任务分解和责任分工方案",
        ),
        # a notice broken over short lines, without 《》
        (
            ["县人民政府办公室关于", "印发2021年县重点工作", "责任分解方案的通知"],
            "2021年县重点工作责任分解方案",
        ),
        # a page copied from a website: its furniture is not the title
        (
            [
                "简体版 繁體版 无障碍",
                "您现在的位置:首页 > 政务公开",
                "2023年区政府工作报告重点工作责任分解",
            ],
            "2023年区政府工作报告重点工作责任分解",
        ),
    ],
)
def test_the_title_of_a_real_document(head, title):
    from xiajiceng.model.plan import K

    lines = [
        *head,
        "一、主要任务",
        "1.做好甲工作。(牵头单位:区发改局)",
        "2.做好乙工作。(牵头单位:区财政局)",
    ]
    _, draft = _draft_tasks(lines)
    assert draft.data[K.TITLE] == title


def test_an_owner_label_ends_at_its_sentence_and_titles_leave_the_name():
    from xiajiceng.usecases.importing.owners import bare_name, parse_labelled

    found = parse_labelled(
        "责任单位：市发改委、市商务厅按职责分工负责。具体任务均涉及各市（州），不再做分工，下同。"
    )
    assert found is not None and found.of("units") == ["市发改委", "市商务厅"]
    assert [bare_name(n) for n in ("朱伟县长", "沈伟强同志", "李明常务副县长", "王副县长")] == [
        "朱伟",
        "沈伟强",
        "李明",
        "王副县长",  # only a surname before the title: kept as written
    ]


def test_tasks_pasted_as_records_a_label_line_then_its_value():
    from xiajiceng.model.plan import K

    found, _ = _draft_tasks(
        [
            "2023年县政府工作报告任务分解",
            "具体任务",
            "完成方舱医院升级改造。",
            "责任单位",
            "卫健局、文旅局",
            "配合单位",
            "各乡镇",
            "完成时限",
            "2023年6月底前",
            "具体任务",
            "举办第四届运动会。",
            "责任单位",
            "文旅局",
            "完成时限",
            "2023年10月底前",
        ]
    )
    assert [t[K.TITLE][:6] for t in found] == ["完成方舱医院", "举办第四届运"]
    assert [t.get("责任单位") for t in found] == [("卫健局", "文旅局"), ("文旅局",)]
    assert found[0].get(K.SUPPORT) == ("各乡镇",)
    assert [str(t[K.DUE]) for t in found] == ["2023-06-30", "2023-10-31"]
