"""xjc import: regressions of ordinary office documents found reviewing the rules made for
one-line web copies and provincial documents (synthetic documents, each a general rule)."""

from __future__ import annotations

from datetime import date

from tests.usecases.test_importing import _draft_tasks
from xiajiceng.model.document import TableBlock
from xiajiceng.model.plan import K
from xiajiceng.store.documents import read_document
from xiajiceng.usecases.importing.owners import split_units
from xiajiceng.usecases.importing.parse import parse_blocks


def test_a_pasted_table_keeps_its_rows_when_a_cell_is_indented(tmp_path):
    # a task table copied out of Word as text: cells parted by tabs, a long cell typed with
    # its own indent of two ideographic spaces — no paragraphs run together there
    doc = tmp_path / "清单.txt"
    doc.write_text(
        "XX县2024年重点工作任务清单\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t　　推进政务服务“一网通办”，实现高频事项网上可办。\t县行政审批局\t县数据局"
        "\t2024年6月底前\n"
        "2\t　　压缩企业开办时间至1个工作日以内。\t县市场监管局\t县税务局\t2024年9月底前\n",
        encoding="utf-8",
    )
    draft = parse_blocks(read_document(doc).blocks, "doc", date(2030, 6, 1))
    found = [t for a in draft.data[K.ACTIONS] for t in a[K.TASKS]]
    assert [t[K.LEAD] for t in found] == [("县行政审批局",), ("县市场监管局",)]
    assert [t[K.DUE] for t in found] == [date(2024, 6, 30), date(2024, 9, 30)]


def test_a_cited_document_number_does_not_date_the_plan():
    found, draft = _draft_tasks(
        [
            "XX县进一步优化营商环境实施方案",
            "根据《XX市优化营商环境三年行动计划》（X政发〔2022〕15号）精神，结合我县实际，"
            "制定本方案。",
            "一、重点任务",
            "1.推进“一网通办”。6月底前实现高频事项网上可办。（牵头单位：县行政审批局）",
            "XX县人民政府办公室",
            "2024年3月5日",
        ]
    )
    assert draft.data[K.PERIOD][K.START] == date(2024, 1, 1)
    assert found[0][K.DUE] == date(2024, 6, 30)
    # the plan's own number still dates it, before a year its text looks ahead to
    _, own = _draft_tasks(
        [
            "X政办发〔2017〕73号",
            "XX县推进重点工作实施方案",
            "一、重点任务",
            "1.建设平台。到2020年建成。（牵头单位：县数据局）",
        ]
    )
    assert own.data[K.PERIOD][K.START] == date(2017, 1, 1)


def test_an_owner_bracket_inside_a_sentence_does_not_part_the_item():
    found, draft = _draft_tasks(
        [
            "XX县2024年环境整治任务分工方案",
            "一、重点任务",
            "1.推进城乡环境整治。城区部分由县住建局负责组织实施（责任单位：县住建局），"
            "乡镇部分由各乡镇负责组织实施（责任单位：各乡镇）。",
            "2.加强执法检查。开展专项行动。（牵头单位：县应急管理局）",
        ]
    )
    assert [t[K.NUMBER] for t in found] == [1, 2]  # the document's own numbers
    assert [t[K.TITLE] for t in found] == ["推进城乡环境整治", "加强执法检查"]
    assert not any("同一段" in w.message for w in draft.warnings)
    # measures that each end their sentence with their owners are still parted
    measures, _ = _draft_tasks(
        [
            "XX县2024年环境整治任务分工方案",
            "一、重点任务",
            "1.推进城乡环境整治。城区开展背街小巷整治。（责任单位：县住建局）"
            "乡镇开展垃圾集中清理整治。（责任单位：各乡镇）",
        ]
    )
    assert [t["责任单位"] for t in measures] == [("县住建局",), ("各乡镇",)]


def test_a_place_above_the_ones_listed_names_its_own_unit():
    assert split_units("各区、市发改委") == ["各区", "市发改委"]
    assert split_units("各镇、县发改局、县财政局") == ["各镇", "县发改局", "县财政局"]
    assert split_units("各市、县政府") == ["各市、县政府"]  # each city's and county's
    assert split_units("各县、区政府") == ["各县、区政府"]
    assert split_units("各县、市、区") == ["各县、市、区"]


def test_a_cell_line_of_a_bracket_or_of_deng_goes_on_the_line_before():
    table = TableBlock(
        (
            ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
            ("1", "做好防汛工作。", "县水利局", "县应急管理局、县气象局\n等有关单位", "6月底前"),
            ("2", "保障粮食储备。", "县发改局\n（县粮食局）", "县财政局\n县农业农村局", "年底前"),
        ),
        "表 1",
    )
    found, _ = _draft_tasks(["2024年重点任务分解表", table])
    assert found[0][K.SUPPORT] == ("县应急管理局", "县气象局")
    assert found[1][K.LEAD] == ("县发改局（县粮食局）",)
    assert found[1][K.SUPPORT] == ("县财政局", "县农业农村局")


def test_a_plan_of_several_years_in_its_title_starts_in_its_first_and_runs_to_its_last():
    found, draft = _draft_tasks(
        [
            "数字乡村建设行动方案（2023-2027年）",
            "一、重点任务",
            "（一）建设信息基础设施。9月底前完成规划编制。（牵头单位：县工信局）",
            "（二）发展智慧农业。到2025年建成示范基地3个。（牵头单位：县农业农村局）",
        ]
    )
    assert draft.data[K.PERIOD] == {K.START: date(2023, 1, 1), K.END: date(2027, 12, 31)}
    assert [t.get(K.DUE) for t in found] == [date(2023, 9, 30), date(2025, 12, 31)]
    assert not [w for w in draft.warnings if "活动期间" in w.message]


def test_a_year_before_the_plans_own_is_looked_back_on_not_a_deadline():
    found, _ = _draft_tasks(
        [
            "XX县2024年农业农村工作要点",
            "一、重点任务",
            "（一）落实补贴政策。2022年出台的补贴政策继续执行。（牵头单位：县农业农村局）",
            "（二）推进改厕。2023年，我县农村卫生厕所普及率达到85%，今年巩固提升。（牵头单位：县卫健局）",
            "（三）巩固成果。2021-2023年累计新改建农村公路300公里。（牵头单位：县交通局）",
            "（四）建设高标准农田。2024年新建高标准农田1万亩。（牵头单位：县农业农村局）",
        ]
    )
    assert [t.get(K.DUE) for t in found] == [None, None, None, date(2024, 12, 31)]


def test_an_attachments_label_and_its_title_run_together_stay_one_paragraph():
    from xiajiceng.store.documents import run_on_paragraphs

    assert run_on_paragraphs("各单位要加强组织领导。　　附件：　　XX县营商环境重点任务台账") == [
        "各单位要加强组织领导。",
        "附件：　　XX县营商环境重点任务台账",
    ]
    assert run_on_paragraphs("各市人民政府：　　现将方案印发给你们。") == [
        "各市人民政府：",
        "现将方案印发给你们。",
    ]
