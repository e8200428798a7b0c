"""xjc import: the misses seen on real documents (issue 14), each with a general rule, shown on
synthetic documents."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases.test_importing import _draft_tasks
from xiajiceng.model.document import Paragraph, TableBlock
from xiajiceng.model.plan import K

# -- names padded to one width in a cell ---------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "陆  明    俞  悦",  # half-width spaces: 2 inside a name, 4 between names
        "陆　明　　俞　悦",  # full-width ones
        "陆 明 俞 悦",  # collapsed to one space each: no name is one character
    ],
    ids=["half-width", "full-width", "collapsed"],
)
def test_names_padded_in_a_table_cell_are_parted_at_the_wide_gaps(cell):
    table = TableBlock(
        (
            ("序号", "任务", "责任领导", "牵头单位", "完成时限"),
            ("1", "编制规划。", cell, "县发改局", "9月底前"),
            ("2", "建设平台。", "王　伟　　张三丰", "县数据局", "上半年"),
        ),
        "表 1",
    )
    found, _ = _draft_tasks(["2024年重点任务分解表", table])
    assert [t[K.LEADERS] for t in found] == [("陆明", "俞悦"), ("王伟", "张三丰")]


def test_padded_names_in_pasted_rows_one_cell_a_line_and_owner_lines():
    pasted, _ = _draft_tasks(
        [
            "2024年重点任务分解表",
            "序号\t任务\t责任领导\t牵头单位\t完成时限",
            "1\t编制规划。\t陆  明    俞  悦\t县发改局\t9月底前",
            "2\t建设平台。\t张三丰    李  四\t县数据局\t上半年",
        ]
    )
    assert [t[K.LEADERS] for t in pasted] == [("陆明", "俞悦"), ("张三丰", "李四")]
    # a table copied out of a web page one cell a line: cleaning the cell drops its spaces
    one_a_line, _ = _draft_tasks(
        ["2024年重点任务分解表", "序号", "任务", "责任领导", "牵头单位", "完成时限"]
        + ["1", "编制规划。", "陆  明    俞  悦", "县发改局", "9月底前"]
    )
    assert one_a_line[0][K.LEADERS] == ("陆明", "俞悦")
    lines, _ = _draft_tasks(
        [
            "2024年工作方案",
            "一、大事",
            "1.编制规划。",
            "责任领导：陆  明    俞  悦",
            "牵头单位：县发改局",
        ]
    )
    assert lines[0][K.LEADERS] == ("陆明", "俞悦")


def test_padding_is_taken_out_only_where_the_gaps_show_it():
    from xiajiceng.usecases.importing.owners import close_padding, padded_names
    from xiajiceng.usecases.importing.parse import clean

    assert padded_names("张三丰  李  四") == ["张三丰", "李四"]
    assert padded_names("欧阳明 陆 明") == ["欧阳明", "陆明"]
    assert padded_names("陆明（挂 职）  俞悦") == ["陆明（挂 职）", "俞悦"]
    assert clean("责任领导：陆  明    俞  悦") == "责任领导：陆明 俞悦"
    # prose, and spaces of one width, are as they were (spaces collapsed by clean)
    for text in ("推进园区 污水管 网提升", "省 市 县 乡四级联动", "建立 健 全机制", "陆  明"):
        assert close_padding(text) == text


# -- Latin letters a reprint put into names ------------------------------------------------


def test_a_place_character_cut_off_by_a_space_stays_with_its_unit():
    """ "县 数据局" (a PDF's or a padded cell's gap) is 县数据局, not 数据局 with 县 dropped as
    a one-character fragment; units parted by spaces stay apart."""
    from xiajiceng.usecases.importing.owners import split_units

    assert split_units("县 数据局、县财政局") == ["县数据局", "县财政局"]
    assert split_units("市　发改委 市财政局") == ["市发改委", "市财政局"]
    assert split_units("县发改局 县财政局") == ["县发改局", "县财政局"]
    assert split_units("县财政局、区") == ["县财政局"]  # a cut-off fragment is still no unit


def test_pinyin_and_romanized_names_are_not_part_of_an_owner():
    found, _ = _draft_tasks(
        [
            "2024年重点工作分工方案",
            "一、推动发展",
            "1.建设园区。(牵头单位:市經(jīng)貿(mào)委;配合单位:國土房管局、外經(jīng)貿(mào)局)",
            "2.优化服务。",
            "责任领导：张san 伟、李四(Li Si)",
            "责任单位：县疾控中心（CDC）、XX县CDC",
        ]
    )
    assert found[0][K.LEAD] == ("市經貿委",)
    assert found[0][K.SUPPORT] == ("國土房管局", "外經貿局")
    assert found[1][K.LEADERS] == ("张伟", "李四")
    # an abbreviation in capitals inside a unit's name stays; a gloss in brackets goes
    assert found[1][K.SECTIONS] == ("县疾控中心", "XX县CDC")


def test_a_name_in_latin_letters_only_is_kept_whole():
    from xiajiceng.usecases.importing.owners import split_people, split_units

    assert split_people("John Smith、王五") == ["John Smith", "王五"]
    assert split_people("陆  明 (Lu Ming)") == ["陆明"]
    assert split_units("UNDP、市5G办") == ["UNDP", "市5G办"]


# -- numbers lost or damaged ---------------------------------------------------------------


def test_an_item_whose_number_was_damaged_or_lost_is_the_next_sibling():
    """A reprint turned （二） into mojibake and lost （三）: each paragraph names its own owners
    at its end, as the items around it do, so each is an item of its own (warned)."""
    found, draft = _draft_tasks(
        [
            "2024年重点工作分工方案",
            "一、推动发展",
            "（一）建设园区。（牵头单位：县发改局）",
            "?。ǘ┩推进改革。（牵头单位：县财政局）",
            "推进创新。（牵头单位：县科技局；配合单位：县财政局）",
            "（四）优化服务。（牵头单位：县政务服务局）",
            "二、保障措施",
            "各单位要加强领导。（牵头单位：县政府办）",
        ]
    )
    assert [(t[K.NUMBER], t[K.TITLE], t[K.LEAD]) for t in found] == [
        (1, "建设园区", ("县发改局",)),
        (2, "推进改革", ("县财政局",)),
        (3, "推进创新", ("县科技局",)),
        (4, "优化服务", ("县政务服务局",)),
    ]
    assert found[2][K.SUPPORT] == ("县财政局",)
    lost = [(w.where, w.message) for w in draft.warnings if "缺少编号" in w.message]
    assert [where for where, _ in lost] == ["第 4 行", "第 5 行"]


def test_paragraphs_that_lost_their_numbers_each_naming_owners_are_tasks():
    """Word's automatic numbering, lost: under a heading, paragraph after paragraph ending with
    its owners. One such paragraph alone is the heading's text, as before."""
    found, _ = _draft_tasks(
        [
            "2024年重点工作分工方案",
            "一、推动发展",
            "建设园区。（牵头单位：县发改局）",
            "推进改革。（牵头单位：县财政局）",
            "二、改善民生",
            "办好民生实事。（牵头单位：县民政局）",
        ]
    )
    assert [(t[K.TITLE], t[K.LEAD]) for t in found] == [
        ("建设园区", ("县发改局",)),
        ("推进改革", ("县财政局",)),
        ("改善民生", ("县民政局",)),
    ]


# -- no year anywhere in the document ------------------------------------------------------

NO_YEAR = [
    "县重点工作分工方案",
    "一、推动发展",
    "1.建设园区。12月底前完成。（牵头单位：县发改局）",
    "2.优化服务。（牵头单位：县政务服务局）",
    "完成时限：6月30日前",
    "3.长期任务。（牵头单位：县委办）",
    "完成时限：长期坚持",
]


def test_without_a_year_in_the_document_a_deadline_gets_no_date_and_is_pointed_out():
    """Never today's year (2030 here): the words are kept, and the clerk is told where."""
    found, draft = _draft_tasks(NO_YEAR)
    assert [(t.get(K.DUE), t.get(K.DUE_TEXT)) for t in found] == [
        (None, "12月底前"),
        (None, "6月30日前"),
        (None, "长期坚持"),
    ]
    no_year = [
        (w.where, w.message) for w in draft.warnings if w.message.startswith("文件中没有年份")
    ]
    assert [where for where, _ in no_year] == ["", "第 3 行", "第 4 行"]
    assert "“12月底前”" in no_year[1][1] and "--year" in no_year[1][1]
    assert any("长期坚持" in w.message and "无法换算" in w.message for w in draft.warnings)


def test_a_doubtful_point_quotes_only_the_beginning_of_a_long_text():
    """One long paragraph does not fill the review list: its line number finds the rest."""
    long_limit = "完成时限：" + "方舱医院升级改造，" * 12 + "12月底前完成"
    _, draft = _draft_tasks([*NO_YEAR[:3], long_limit])
    quoted = [w.message for w in draft.warnings if "方舱医院" in w.message]
    assert quoted and all("……”" in m and len(m) < 120 for m in quoted)
    assert all("12月底前完成" not in m for m in quoted)


def test_the_year_given_to_import_dates_them():
    from datetime import date

    from xiajiceng.usecases.importing.parse import parse_blocks

    blocks = [Paragraph(text, f"第 {n} 行") for n, text in enumerate(NO_YEAR, 1)]
    draft = parse_blocks(blocks, "doc", date(2030, 6, 1), 2024)
    found = [t for a in draft.data[K.ACTIONS] for t in a[K.TASKS]]
    assert [t.get(K.DUE) for t in found] == [date(2024, 12, 31), date(2024, 6, 30), None]
    assert draft.data[K.PERIOD] == {K.START: date(2024, 1, 1), K.END: date(2024, 12, 31)}
    assert not any(w.message.startswith("文件中没有年份") for w in draft.warnings)


@pytest.mark.parametrize(
    "dated", ["二〇二四年三月五日", "二○二四年三月五日"], ids=["ling", "circle"]
)
def test_a_date_in_chinese_numerals_is_the_document_year(dated):
    from datetime import date

    found, draft = _draft_tasks([*NO_YEAR, "县人民政府办公室", dated])
    assert found[0][K.DUE] == date(2024, 12, 31)
    assert draft.data[K.ISSUER] == "县人民政府办公室"


def test_import_year_option(xjc, tmp_path):
    from xiajiceng.store.plans import read_plan

    doc = tmp_path / "无年份.txt"
    doc.write_text("\n".join(NO_YEAR) + "\n", encoding="utf-8")
    out = tmp_path / "无年份.yaml"
    res = xjc.ok("import", str(doc), "-o", str(out))
    assert "第 3 行：文件中没有年份" in res.stdout.replace("\n    ", "")
    written = out.read_text(encoding="utf-8")
    assert "时限说明: 12月底前" in written and "完成时限:" not in written
    xjc.ok("import", str(doc), "-o", str(out), "--year", "2024", "--force")
    assert str(read_plan(out).task("1.1").due) == "2024-12-31"
    refused = xjc("import", str(doc), "-o", str(out), "--year", "24年", "--force")
    assert refused.code != 0 and "年份" in refused.stderr


# -- the worksheets of a task table --------------------------------------------------------


def _workbook(path, sheets: dict[str, list[list]]):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


HEADER = ["序号", "任务", "牵头单位", "完成时限"]


def test_a_later_worksheet_without_a_title_row_is_the_part_its_sheet_names(tmp_path):
    from datetime import date

    from xiajiceng.store.documents import read_document
    from xiajiceng.usecases.importing.parse import parse_blocks

    doc = _workbook(
        tmp_path / "任务.xlsx",
        {
            "营商环境": [
                ["2024年重点任务分解表"],
                HEADER,
                [1, "优化审批。", "县政务局", "6月底前"],
            ],
            "项目建设": [HEADER, [1, "建设园区。", "县发改局", "9月底前"]],
            "民生实事": [["三、办好民生实事"], HEADER, [1, "改造老旧小区。", "县住建局", "年底前"]],
        },
    )
    draft = parse_blocks(read_document(doc).blocks, "任务", date(2030, 6, 1))
    assert draft.data[K.TITLE] == "2024年重点任务分解表"
    # a title row of its own names a sheet's part before its sheet's name does
    assert [a[K.NAME] for a in draft.data[K.ACTIONS]] == ["营商环境", "项目建设", "办好民生实事"]


def test_sheets_named_by_default_and_a_single_sheet_name_no_part(tmp_path):
    from datetime import date

    from xiajiceng.store.documents import read_document
    from xiajiceng.usecases.importing.parse import parse_blocks

    for sheets in (
        {"Sheet1": [HEADER, [1, "优化审批。", "县政务局", "6月底前"]]},
        {"任务清单": [HEADER, [1, "优化审批。", "县政务局", "6月底前"]]},
        {
            "Sheet1": [HEADER, [1, "优化审批。", "县政务局", "6月底前"]],
            "工作表2": [HEADER, [2, "建设园区。", "县发改局", "9月底前"]],
        },
    ):
        doc = _workbook(tmp_path / "任务.xlsx", sheets)
        draft = parse_blocks(read_document(doc).blocks, "任务", date(2030, 6, 1), 2024)
        assert {a[K.NAME] for a in draft.data[K.ACTIONS]} == {"主要任务"}, sheets


# -- a PDF table drawn without ruling lines ------------------------------------------------


def test_a_pdf_task_table_without_lines_imports_as_tasks(xjc, tmp_path):
    from tests.store.test_document_formats import unruled_pdf
    from xiajiceng.store.plans import read_plan

    out = tmp_path / "方案.yaml"
    xjc.ok("import", str(unruled_pdf(tmp_path / "无框线.pdf")), "-o", str(out))
    plan = read_plan(out)
    assert [a.name for a in plan.actions] == ["主要任务", "优化市场准入环境"]
    assert [(t.title, t.lead, t.due_text) for t in plan.tasks] == [
        ("推行企业开办一网通办", ("市市场监管局",), "6月底前"),
        ("推进工程建设项目审批制度改革", ("市住建局",), "9月底前"),
        ("优化纳税服务", ("市税务局",), "年底前"),
        ("完善信用体系", ("市发改委",), "长期坚持"),
    ]


# -- names listed one per line in a cell ---------------------------------------------------


def test_names_listed_one_per_line_in_a_cell_are_each_an_owner():
    table = TableBlock(
        (
            ("序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限"),
            (
                "1",
                "推进数据共享。",
                "王明\n李华",
                "市发改委\n市财政局",
                "市数据局\n各区政府",
                "6月底前",
            ),
            ("2", "完善考核办法。", "张强", "市委组织部", "市人社局、\n市统计局", "年底前"),
        ),
        "表 1",
    )
    found, _ = _draft_tasks(["2024年重点任务分解表", table])
    assert [(t[K.LEADERS], t[K.LEAD], t[K.SUPPORT]) for t in found] == [
        (("王明", "李华"), ("市发改委", "市财政局"), ("市数据局", "各区政府")),
        (("张强",), ("市委组织部",), ("市人社局", "市统计局")),
    ]


def test_a_pdf_table_listing_units_one_per_line_imports_each_unit(xjc, tmp_path):
    from tests.store.test_document_formats import ruled_pdf
    from xiajiceng.store.plans import read_plan

    out = tmp_path / "方案.yaml"
    xjc.ok("import", str(ruled_pdf(tmp_path / "有框线.pdf")), "-o", str(out))
    plan = read_plan(out)
    assert [(t.title, t.lead) for t in plan.tasks] == [
        ("推进数据共享", ("市发改委", "市财政局")),
        ("完善考核评价办法，形成可复制推广的经验", ("市发展和改革委员会",)),
    ]


# -- a year the task's own text sets for doing it --------------------------------------------


def _latest(text: str):
    from datetime import date

    from xiajiceng.usecases.importing.timelimits import find_in_prose

    dates = [d for d, _ in find_in_prose(text, 2024) if isinstance(d, date)]
    return max(dates) if dates else None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("到2026年，全县农村生活污水治理覆盖率达到90%以上。", 2026),
        ("力争2025年建成区域医疗中心。", 2025),
        ("2024年完成老旧管网改造，2025年实现城区全覆盖。", 2025),  # the latest of them
        ("2024-2026年，分批推进中小学校舍改造。", 2026),  # a span: its last year
        ("1.2025年，新建社区养老服务站10个。", 2025),  # after the item's number
        ("完善监测网络；2025年建成全市统一的数据平台。", 2025),
        ("在保障安全的前提下，2024年确保游客人数比2023年增长8%。", 2024),  # 比2023年: baseline
        ("2024年启动试点，2025年开始全面推广。", 2024),  # 2025年开始 is a start
        ("到2025年底，完成全部改造。", 2025),  # 年底: read as before
    ],
)
def test_a_year_the_text_sets_for_doing_it_is_the_time_limit(text, year):
    from datetime import date

    assert _latest(text) == date(year, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2023年以来，全县新增就业岗位3000个，要巩固成果。",  # a span looked back on
        "与2022年相比，能耗强度下降5%。",  # a baseline
        "全县粮食产量比2020年增长10%。",
        "截至2023年，全县已建成5G基站800个，继续加密布局。",  # a status as of a year
        "自2024年起，实行新的补助标准。",  # a start
        "2024年开始，招生计划向农村倾斜。",
        "做好2024年度目标考核工作。",  # a year's share, not a time for doing it
        "2024年3月召开全县动员大会。",  # a month of the year: not the year's end
        "2024-2026年，每年新增城镇就业2000人。",  # a span of a recurring target
        "改造2000年以前建成的老旧小区。",  # a year that describes, inside the clause
        "认真落实《2023年全县重点工作方案》。",  # a document's name
        "在2021、2022年连续举办的基础上，继续办好招聘会。",  # past years, listed
        "2024年春季开学前完成校舍维修。",  # a season of the year: not the year's end
    ],
)
def test_a_year_that_is_a_baseline_a_start_or_a_period_is_no_time_limit(text):
    assert _latest(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "将11-12月确定为毕业生就业服务月，集中开展招聘活动。",  # an annual window, named
        "每年3-5月开展春季植树活动。",  # a window each year
    ],
)
def test_a_span_of_months_that_comes_each_year_is_no_deadline(text):
    assert _latest(text) is None


def test_a_span_of_months_for_doing_a_thing_is_still_a_deadline():
    from datetime import date

    assert _latest("3-5月完成全部排查整治。") == date(2024, 5, 31)


def test_years_in_a_task_s_text_give_its_deadline_and_the_choice_is_pointed_out():
    from datetime import date

    found, draft = _draft_tasks(
        [
            "2024年学前教育发展方案",
            "一、扩充资源",
            "1.新建幼儿园。2024年新建公办幼儿园5所，到2026年实现每个乡镇至少一所。"
            "（牵头单位：县教育局）",
            "2.培训教师。每年组织全员培训，2025年起实行学分管理。（牵头单位：县教育局）",
        ]
    )
    assert [t.get(K.DUE) for t in found] == [date(2026, 12, 31), None]
    assert found[0][K.DUE_TEXT] == "2026年"
    assert any("已取最晚的“2026年”" in w.message for w in draft.warnings)


# -- a document that breaks off inside its last owner line ---------------------------------


def test_a_document_cut_inside_a_name_the_other_tasks_name_ends_with_a_fragment():
    """责任单位：县税 is the start of 县税务局, named above: the copy broke off inside the
    name, so the last item is a fragment, not a task (warned)."""
    found, draft = _draft_tasks(
        [
            "2024年重点工作责任分解",
            "一、张三县长牵头重点工作",
            "1.稳定税收收入。",
            "责任单位：县税务局",
            "2.培育新的税源。",
            "责任单位：县税",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["稳定税收收入"]
    assert any("中断" in w.message and "培育新的税源" in w.message for w in draft.warnings)


def test_a_last_owner_line_that_breaks_off_where_the_others_end_their_sentence():
    found, _ = _draft_tasks(
        [
            "2024年重点工作责任分解",
            "一、经济发展",
            "1.稳定税收收入。",
            "责任单位：县税务局。",
            "2.扩大有效投资。",
            "责任单位：县发改局、县财政局。",
            "3.防范金融风险。",
            "责任单位：县财政局、县金",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["稳定税收收入", "扩大有效投资"]


@pytest.mark.parametrize(
    "last",
    [
        "责任单位：县财政局、各乡镇",  # no 。 where the others have one, but whole names
        "责任单位：县金融中心",
        "责任单位：县财政局。",
    ],
)
def test_a_whole_last_owner_line_keeps_its_task(last):
    found, _ = _draft_tasks(
        [
            "2024年重点工作责任分解",
            "一、经济发展",
            "1.稳定税收收入。",
            "责任单位：县税务局。",
            "2.防范金融风险。",
            last,
        ]
    )
    assert [t[K.TITLE] for t in found] == ["稳定税收收入", "防范金融风险"]


def test_without_the_pattern_a_last_line_without_its_full_stop_is_whole():
    """The other owner lines have no 。 either: nothing says the last one broke off."""
    found, _ = _draft_tasks(
        [
            "2024年重点工作责任分解",
            "一、经济发展",
            "1.稳定税收收入。",
            "责任单位：县税务局",
            "2.防范金融风险。",
            "责任单位：县金",
        ]
    )
    assert [t[K.TITLE] for t in found] == ["稳定税收收入", "防范金融风险"]


# -- padded names whose parting space was lost ---------------------------------------------


def test_padded_two_character_names_run_together_are_read_in_pairs():
    """Each two-character name padded to three with a space (张 三), the space between two
    names lost: 张 三李 四 is 张三 and 李四."""
    from xiajiceng.usecases.importing.owners import padded_names

    assert padded_names("张 三李 四") == ["张三", "李四"]
    assert padded_names("张 三李 四王 五") == ["张三", "李四", "王五"]
    # names that are not that pattern are as before
    assert padded_names("张三丰 李 四") == ["张三丰", "李四"]
    assert padded_names("欧阳明 陆 明") == ["欧阳明", "陆明"]
    assert padded_names("张 三") == ["张三"]
    found, _ = _draft_tasks(
        ["2024年重点任务分解表", "序号", "任务", "分管县领导", "牵头单位"]
        + ["1", "编制规划。", "张 三", "县发改局"]
        + ["2", "建设平台。", "张 三李 四", "县数据局"]
    )
    assert [t["分管领导"] for t in found] == [("张三",), ("张三", "李四")]


# -- the plan's word for a supporting role the plan has no word for ------------------------


@pytest.mark.parametrize(
    ("label", "word"),
    [
        ("参与单位", "配合单位"),
        ("配合部门", "配合单位"),
        ("协助单位", "协办单位"),
        ("协办单位", "协办单位"),
    ],
)
def test_supporting_units_under_a_word_the_plan_lacks_take_the_default_word(label, word):
    """参与单位 is none of the plan's words (配合单位, 协办单位, 责任单位) nor a form of one:
    the plan says 配合单位, its default; 协助 is a form of 协办."""
    found, _ = _draft_tasks(
        [
            "2024年重点工作任务",
            "一、创新驱动",
            f"1.建设实验室。加快成果转化。（牵头单位：市科技局，{label}：市财政局）",
            f"2.培育创新主体。（牵头单位：市科技局，{label}：市工信局）",
        ]
    )
    assert [t.get(word) for t in found] == [("市财政局",), ("市工信局",)]


# -- a table that breaks off between the cells of its last row -------------------------------

CUT_TABLE = [
    "县人民政府关于分解落实2024年工作目标任务的通知",
    "各乡镇人民政府，县政府各部门：",
    "现将2024年工作目标任务分解下达给你们，请认真组织落实。",
    "附件：2024年工作目标任务分解表",
    "2024年2月1日",
    "附件",
    "2024年工作目标任务分解表",
    "序号",
    "目 标 任 务",
    "牵头单位",
    "责任单位",
    "责任人",
    "一、经济发展(牵头领导：张三、李四)",
    "1",
    "粮食产量稳定在10万吨以上。",
    "县农业农村局",
    "各乡镇",
    "王五",
    "2",
    "招商引资到位资金增长10%。",
]


def test_a_last_row_cut_after_its_task_and_lead_unit_is_a_task_with_what_it_shows():
    """The copy ends between cells, after the row's task and the unit that leads it: a task,
    its missing cells left empty (warned). The notice's date before the attachment is not the
    end of the plan."""
    found, draft = _draft_tasks([*CUT_TABLE, "县商务局"])
    assert [(t[K.TITLE], t[K.LEAD]) for t in found] == [
        ("粮食产量稳定在10万吨以上", ("县农业农村局",)),
        ("招商引资到位资金增长10%", ("县商务局",)),
    ]
    # the group's leaders (the missing 责任人 cell names none); no supporting units
    assert found[1][K.LEADERS] == ("张三", "李四") and "责任单位" not in found[1]
    kept = [w.message for w in draft.warnings if "不完整" in w.message]
    assert len(kept) == 1 and "缺了责任单位、责任人" in kept[0] and "作为任务导入" in kept[0]


@pytest.mark.parametrize("tail", [[], ["县商"]], ids=["task only", "lead unit cut"])
def test_a_last_row_cut_before_or_inside_its_lead_unit_is_no_task(tail):
    found, draft = _draft_tasks([*CUT_TABLE, *tail])
    assert [t[K.TITLE] for t in found] == ["粮食产量稳定在10万吨以上"]
    assert any("没有作为任务导入" in w.message for w in draft.warnings)


# -- a whole document on one line, its paragraph breaks and indents lost ----------------------


ONE_LINE = (
    "各区县人力资源和社会保障局，局属有关单位：现将《2024年劳动用工服务行动方案》印发给你们，"
    "请认真组织实施。市人力资源和社会保障局办公室2024年3月1日（此件主动公开）"
    "2024年劳动用工服务行动方案为做好全年劳动用工服务工作，制定本方案。"
    "一、工作思路（一）夯实工作基础。以平台运行为契机，推动服务常态化，"
    + "确保各项工作落到实处。"
    * 20
    + "（二）改进服务方式。推行线上办理，提升群众满意度。"
    "二、重点任务1.开展招聘活动。全年组织线上线下招聘活动300场，每月开展一次专场招聘。"
    "（责任单位：就业促进科、各区县人社局，完成时限：年底前）"
    "2.加强用工指导。指导企业规范用工，做好劳动合同管理。"
    "（责任单位：劳动关系科，各市、县政府）"
    "3.强化欠薪治理。" + "开展欠薪线索核查，及时处置。" * 30 + "（责任单位：劳动监察支队）"
    "三、工作要求（一）加强组织领导。各单位要明确专人负责。（二）按时报送情况。每月23日前报送。"
)


def test_a_document_on_one_line_without_indents_is_read_by_its_item_numbers(tmp_path):
    from xiajiceng.store.documents import read_document
    from xiajiceng.usecases.importing.parse import parse_blocks

    doc = tmp_path / "一行.txt"
    doc.write_text(ONE_LINE, encoding="utf-8")
    blocks = read_document(doc).blocks
    heads = [b.text[:6] for b in blocks]
    assert heads == [
        "各区县人力资",  # the covering notice, with the title it names run on
        "一、工作思路",
        "（一）夯实工",
        "（二）改进服",
        "二、重点任务",
        "1.开展招聘",
        "2.加强用工",
        "3.强化欠薪",
        "三、工作要求",
        "（一）加强组",
        "（二）按时报",
    ]
    draft = parse_blocks(list(blocks), "一行", date(2030, 6, 1))
    assert draft.data[K.TITLE] == "2024年劳动用工服务行动方案"  # named by 现将《…》印发给你们
    [action] = draft.data[K.ACTIONS]
    assert action[K.NAME] == "重点任务"
    assert [(t[K.TITLE], t["责任单位"]) for t in action[K.TASKS]] == [
        ("开展招聘活动", ("就业促进科", "各区县人社局")),
        ("加强用工指导", ("劳动关系科", "各市、县政府")),
        ("强化欠薪治理", ("劳动监察支队",)),
    ]


def test_a_long_paragraph_enumerating_its_points_is_not_parted():
    from xiajiceng.store.documents import run_on_paragraphs

    text = "（一）加强监管。" + "做好以下工作：（1）排查风险；（2）建立台账；（3）跟踪整改。" * 40
    assert run_on_paragraphs(text) == [text]  # (1)(2)(3) repeat: no run of item numbers
    short = "现将方案印发。一、总体要求（一）目标。二、任务1.建设。2.推广。"
    assert run_on_paragraphs(short) == [short]  # a line shorter than a document stays whole


def test_a_numbered_heading_is_never_the_plans_title():
    found, draft = _draft_tasks(
        [
            "各单位：" + "请认真贯彻落实本通知精神。" * 10,
            "一、工作思路",
            "（一）打牢基础。推动工作常态化。",
            "二、工作任务",
            "（一）动态调整清单。（责任单位：市场科，完成时限：4月底前）",
            "（二）规范抽查程序。（责任单位：执法科，完成时限：年底前）",
        ]
    )
    assert draft.data[K.TITLE] != "一、工作思路"
    assert [t[K.TITLE] for t in found] == ["动态调整清单", "规范抽查程序"]


# -- 全年 opening a clause, and a 各 over several places -----------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("开展招聘。全年组织招聘活动300场。", date(2024, 12, 31)),
        ("推进培训，全年新建培训基地10家。", date(2024, 12, 31)),
        ("全年开展培训5万人次。", date(2024, 12, 31)),
        ("统计全年的招聘场次。", None),  # 全年的: what is counted, no time limit
        ("全年各月开展专场招聘。", None),
        ("全年每月开展一次专场招聘。", None),  # a recurring clause
        ("做好贯穿全年的服务工作。", None),  # inside a clause
    ],
)
def test_whole_year_opening_a_clause_is_the_years_end(text, due):
    from xiajiceng.usecases.importing.timelimits import find_in_prose

    got = [d for d, words in find_in_prose(text, 2024) if words == "全年"]
    assert got == ([due] if due else [])


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("各市、县政府，省政府各部门", ["各市、县政府", "省政府各部门"]),
        ("各市、县、区人民政府", ["各市、县、区人民政府"]),
        ("各市、县财政局", ["各市、县财政局"]),
        ("各市、市发改委", ["各市", "市发改委"]),  # the city's own bureau: another owner
        ("市发改委、县政府", ["市发改委", "县政府"]),
        ("县发改局、区", ["县发改局"]),  # a one-character fragment stays no unit
    ],
)
def test_a_ge_before_lone_places_covers_them_with_the_organ_after(text, units):
    from xiajiceng.usecases.importing.owners import split_units

    assert split_units(text) == units


# -- several measures in one item, each with its own owner bracket ----------------------------


def test_each_measure_ending_in_its_own_owner_bracket_is_a_task():
    found, draft = _draft_tasks(
        [
            "2024年重点工作分工方案",
            "一、强化综合治理",
            "（一）加强行业自律。执法部门与行业组织建立沟通机制，提出工作要求和意见建议。"
            "（责任单位：市市场监管局、市商务局）支持行业组织制定行业标准和经营规范。"
            "（责任单位：市工商联）指导律师协会加强业务培训。（责任单位：市司法局）",
            "（二）落实企业责任。推动企业健全内控体系。（牵头单位：市发改委）（配合单位：市财政局）"
            "2024年9月底前完成。",
        ]
    )
    assert [(t[K.TITLE], t.get(K.SECTIONS) or t.get(K.LEAD)) for t in found] == [
        ("加强行业自律", ("市市场监管局", "市商务局")),
        ("支持行业组织制定行业标准和经营规范", ("市工商联",)),
        ("指导律师协会加强业务培训", ("市司法局",)),
        ("落实企业责任", ("市发改委",)),  # two brackets side by side: one measure's
    ]
    assert found[-1][K.SUPPORT] == ("市财政局",)
    assert found[-1][K.DUE] == date(2024, 9, 30)  # what follows the last bracket stays with it
    # one warning for the action whose tasks were numbered by position, none for each task
    said = [w.message for w in draft.warnings]
    assert [m for m in said if "同一段" in m] == [
        "专项行动 1“强化综合治理”里有 2 项措施和前一项写在同一段、各写了责任单位，"
        "已各作为一项任务（1.2–1.3），这个专项行动的任务按位置重新编号"
    ]
    assert not [m for m in said if "缺少编号" in m or "已按位置改为" in m]


def test_a_group_headings_own_time_limit_is_that_of_the_tasks_under_it_without_one():
    found, _ = _draft_tasks(
        [
            "2023年劳动用工专项行动方案",
            "二、主要措施",
            "（一）开展风险摸排。全面梳理排查欠薪风险隐患。（7月中旬前）",
            "1.上门开展用工体检。（牵头单位：县人社局）",
            "2.建立风险台账，9月底前完成整改。（牵头单位：县总工会）",
            "（二）开展协商要约。（每月10日前）",
            "1.推动集体协商。（牵头单位：县企联）",
            "三、2023年重点工作",
            "1.完善协调机制。（牵头单位：县人社局）",
        ]
    )
    assert [(t[K.TITLE], t.get(K.DUE)) for t in found] == [
        ("上门开展用工体检", date(2023, 7, 20)),  # the heading's 7月中旬前
        ("建立风险台账，9月底前完成整改", date(2023, 9, 30)),  # its own limit first
        ("推动集体协商", None),  # a heading that recurs sets no one limit
        ("完善协调机制", None),  # a heading's year alone is the plan's, not a limit
    ]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("各市（含定州、辛集市，下同）、县政府，省财政厅", ["各市、县政府", "省财政厅"]),
        ("各市政府（含定州、辛集市，下同）", ["各市政府"]),
        ("县发改局（粮食局）", ["县发改局（粮食局）"]),  # another name of it: part of it
        ("县（市、区）政府", ["县（市、区）政府"]),
        (
            "省打击侵权假冒工作办公室及其他有关成员单位",
            ["省打击侵权假冒工作办公室", "其他有关成员单位"],
        ),
    ],
)
def test_a_scope_remark_is_no_part_of_a_units_name_and_ji_qita_parts_two(text, units):
    from xiajiceng.usecases.importing.owners import split_units

    assert split_units(text) == units


# -- conventions a document states once: the first unit leads; units every later task has -----


def test_the_first_unit_leads_where_the_document_says_so_and_later_units_are_added():
    found, draft = _draft_tasks(
        [
            "2021年促进就业实施方案",
            "二、重点任务",
            "（一）夯实组织体系。健全就业工作领导机制。（责任单位：县人社局、县发改局、县财政局。"
            "列在第一位的为牵头部门，下同。以下均需各乡镇政府落实，不再列出）",
            "（二）强化政策体系。落实就业优先政策。（责任单位：县财政局、县人社局）",
            "（三）完善监测机制。健全失业监测预警。（责任单位：县人社局）",
        ]
    )
    # the plan keeps the document's word, 责任单位, for the supporting units
    assert [(t.get(K.LEAD), t.get("责任单位")) for t in found] == [
        (("县人社局",), ("县发改局", "县财政局")),
        (("县财政局",), ("县人社局", "各乡镇政府")),
        (("县人社局",), ("各乡镇政府",)),
    ]
    assert own_words_of(draft)["support"] == "责任单位"  # the document's word for them


def own_words_of(draft) -> dict[str, str]:
    from xiajiceng.store.schema import own_words

    return dict(own_words(draft.data)[1])


def test_without_the_convention_a_list_of_units_is_responsible_as_before():
    found, draft = _draft_tasks(
        [
            "2021年促进就业实施方案",
            "二、重点任务",
            "（一）夯实组织体系。健全就业工作领导机制。（责任单位：县人社局、县发改局）",
            "（二）强化政策体系。落实就业优先政策。（责任单位：县财政局）",
        ]
    )
    assert [t.get("责任单位") for t in found] == [("县人社局", "县发改局"), ("县财政局",)]
    assert all(K.LEAD not in t for t in found)
    assert "support" not in own_words_of(draft)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("“十四五”期间，新增就业300万人。", date(2025, 12, 31)),
        ("力争十四五末实现全覆盖。", date(2025, 12, 31)),
        ("“十五五”时期完成改造。", date(2030, 12, 31)),
        ("总结“十三五”时期的经验。", None),  # looked back on, inside a clause
    ],
)
def test_a_five_year_plans_period_named_by_its_number_ends_in_its_last_year(text, due):
    from xiajiceng.usecases.importing.timelimits import find_in_prose

    assert [d for d, _ in find_in_prose(text, 2021)] == ([due] if due else [])


def test_a_headings_year_set_by_dao_is_its_tasks_limit_but_not_a_headings_year_alone():
    from xiajiceng.usecases.importing.timelimits import find_dates_in_heading

    assert [d for d, _ in find_dates_in_heading("（五）到2025年保持就业规模总体稳定", 2022)] == [
        date(2025, 12, 31)
    ]
    assert find_dates_in_heading("三、2023年重点工作", 2023) == []


def test_a_title_broken_after_its_issuer_is_joined_from_its_guanyu_and_the_number_dates_it():
    found, draft = _draft_tasks(
        [
            "河北省人民政府办公厅",
            "关于新形势下加强打击侵犯知识产权和",
            "制售假冒伪劣商品工作的实施意见",
            "冀政办字〔2017〕73号",
            "一、总体要求",
            "到2020年，侵权假冒高发多发势头得到有效遏制。",
            "二、重点任务",
            "（一）强化集中整治。年底前完成专项检查。（责任单位：省工商局）",
        ]
    )
    assert draft.data[K.TITLE] == "关于新形势下加强打击侵犯知识产权和制售假冒伪劣商品工作的实施意见"
    assert draft.data[K.ISSUER] == "河北省人民政府办公厅"
    # the document number's year, not the year its goals look ahead to
    assert found[0][K.DUE] == date(2017, 12, 31)


def test_the_convention_in_figures_and_its_remark_is_no_unit():
    found, _ = _draft_tasks(
        [
            "2023年铸造行业高质量发展若干措施",
            "一、提升创新能力",
            "（一）开展技术攻关。（责任单位：省科技厅、省工信厅，排名第1为牵头单位，下同）",
            "（二）发展先进工艺。（责任单位：省工信厅）",
        ]
    )
    assert [(t.get(K.LEAD), t.get("责任单位")) for t in found] == [
        (("省科技厅",), ("省工信厅",)),
        (("省工信厅",), None),
    ]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("石家庄、邢台、廊坊市政府，省有关部门", ["石家庄、邢台、廊坊市政府", "省有关部门"]),
        ("民政、财政部门", ["民政、财政部门"]),
        ("省工商联、省贸促会", ["省工商联", "省贸促会"]),  # units of the province, each
        ("各地、各部门", ["各地", "各部门"]),  # every place: an owner by itself
    ],
)
def test_bare_places_before_the_organ_they_share_are_one_owner(text, units):
    from xiajiceng.usecases.importing.owners import split_units

    assert split_units(text) == units


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("年内新增专精特新企业100家。", date(2021, 12, 31)),
        ("三季度前完成项目开工。", date(2021, 9, 30)),
        ("第一季度完成摸底。", date(2021, 3, 31)),
    ],
)
def test_within_the_year_and_a_quarter_without_di(text, due):
    from xiajiceng.usecases.importing.timelimits import find_in_prose

    assert max(d for d, _ in find_in_prose(text, 2021) if d) == due


def test_a_notice_named_inside_a_long_paragraph_is_not_the_plans_title():
    found, draft = _draft_tasks(
        [
            "为统筹做好疫情防控和经济社会发展，提出以下措施。",
            "一、坚持安全有序推进复工复产",
            "（一）协同推进复工复产。充分发挥联防联控机制作用，落实《关于加强京津冀联防联控"
            "有关工作的通知》要求，" + "做好人员、物资跨区域流动保障，" * 5 + "确保产业链畅通。"
            "（责任单位：各市县政府）",
            "二、着力做好稳岗就业工作",
            "（一）保障员工返岗稳岗。（责任单位：省人社厅）",
        ]
    )
    assert draft.data[K.TITLE] != "加强京津冀联防联控有关工作"
    assert [t[K.TITLE] for t in found] == ["协同推进复工复产", "保障员工返岗稳岗"]
