"""Plan files: what loads, and what is refused with file, line and key."""

from __future__ import annotations

import pytest

from xiajiceng.errors import PlanError
from xiajiceng.store.plans import parse_plan, read_plan

GOOD = """\
标题: 测试方案
发文单位: 办公室
活动期间: {开始: 2024-01-01, 结束: 2024-06-30}
人员:
  责任领导: 张一、李二
  科室: [甲科, 乙科]
专项行动:
  - 编号: 1
    名称: 第一项
    任务:
      - 编号: 1
        标题: 第一个任务
        责任领导: 张一
        责任科室: 各科室
      - 编号: 2
        标题: 第二个任务
        责任领导: [张一, 李二]
        责任科室: 甲科，乙科
        完成时限: 2024-03-31
"""


def load(text: str):
    return parse_plan(text, "测试.yaml")


def refused(text: str) -> str:
    with pytest.raises(PlanError) as info:
        load(text)
    message = info.value.message
    assert message.startswith("方案文件 测试.yaml 第 ")
    assert "\n" not in message
    return message


def test_good_plan_loads_with_lists_or_strings():
    plan = load(GOOD)
    assert plan.roster.leaders == ("张一", "李二")
    assert plan.task("1.2").sections == ("甲科", "乙科")
    assert plan.task("1.2").leaders == ("张一", "李二")
    assert str(plan.task("1.1").due) == "2024-06-30"
    assert str(plan.task("1.2").due) == "2024-03-31"


def test_unknown_key_names_line_and_valid_keys():
    msg = refused(
        GOOD.replace("        标题: 第二个任务", "        标题: 第二个任务\n        备注: x")
    )
    assert "第 17 行" in msg and "「备注」" in msg and "未知的键" in msg and "完成时限" in msg


def test_wrong_type():
    msg = refused(GOOD.replace("编号: 2", "编号: 二"))
    assert "第 15 行" in msg and "「编号」" in msg and "正整数" in msg


def test_duplicate_task_number():
    msg = refused(GOOD.replace("编号: 2", "编号: 1"))
    assert "第 15 行" in msg and "1.1 重复" in msg


def test_leader_not_in_roster():
    msg = refused(GOOD.replace("责任领导: [张一, 李二]", "责任领导: [张一, 王五]"))
    assert "第 17 行" in msg and "王五" in msg and "张一、李二" in msg


def test_section_not_in_roster():
    msg = refused(GOOD.replace("责任科室: 甲科，乙科", "责任科室: 丙科"))
    assert "「责任科室」" in msg and "丙科" in msg and "甲科、乙科" in msg


def test_empty_title():
    msg = refused(GOOD.replace("标题: 测试方案", "标题: ''"))
    assert "第 1 行" in msg and "「标题」" in msg and "不能为空" in msg
    msg = refused(GOOD.replace("标题: 测试方案", "标题:"))
    assert "不能为空" in msg


def test_missing_key():
    msg = refused(GOOD.replace("        标题: 第一个任务\n", ""))
    assert "缺少「标题」" in msg


def test_duplicate_key_is_refused_not_overwritten():
    msg = refused(GOOD.replace("发文单位: 办公室", "发文单位: 办公室\n发文单位: 别处"))
    assert "第 3 行" in msg and "重复" in msg and "第 2 行" in msg


def test_impossible_date():
    msg = refused(GOOD.replace("2024-03-31", "2024-02-30"))
    assert "第 19 行" in msg and "2024-02-30" in msg


def test_alias_and_tags_refused():
    assert "锚点" in refused(GOOD.replace("发文单位: 办公室", "发文单位: &a 办公室\n前言: *a"))
    assert "标签" in refused(GOOD.replace("发文单位: 办公室", "发文单位: !!python/none x"))


def test_yaml11_words_stay_text():
    plan = load(GOOD.replace("标题: 测试方案", "标题: NO").replace("名称: 第一项", "名称: 0012"))
    assert plan.title == "NO"
    assert plan.actions[0].name == "0012"


def test_not_yaml_and_not_a_mapping():
    assert "YAML" in refused("标题: [未闭合\n")
    assert "映射" in refused("- 一\n- 二\n")


def test_missing_file_and_encoding(tmp_path):
    with pytest.raises(PlanError, match="找不到方案文件"):
        read_plan(tmp_path / "nope.yaml")
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(PlanError, match="UTF-8"):
        read_plan(bad)
