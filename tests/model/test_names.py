"""Names and ids as people type them without an input method."""

from __future__ import annotations

import pytest

from xiajiceng.errors import UsageError
from xiajiceng.model.names import match_name, parse_task_id
from xiajiceng.store.plans import bundled_plan_path, read_plan

PEOPLE = ["曹国良", "许静", "沈伟强", "曾静怡", "单雄信", "解缙", "吕方"]


@pytest.mark.parametrize(
    "given, expected",
    [
        ("swq", "沈伟强"),
        ("shenweiqiang", "沈伟强"),
        ("ShenWeiQiang", "沈伟强"),
        ("shen weiqiang", "沈伟强"),
        ("shenwq", "沈伟强"),  # full syllable, then initials
        ("沈wq", "沈伟强"),  # a character, then initials
        ("zengjingyi", "曾静怡"),  # 曾 as a surname
        ("cengjingyi", "曾静怡"),  # and as phrase reading gives it
        ("zjy", "曾静怡"),
        ("shanxiongxin", "单雄信"),  # 单 as a surname
        ("danxiongxin", "单雄信"),
        ("sxx", "单雄信"),
        ("xiejin", "解缙"),  # 解 as a surname
        ("jiejin", "解缙"),
        ("lvfang", "吕方"),
        ("lufang", "吕方"),  # ü typed as u
        ("cao", "曹国良"),  # a leading part of the pinyin
    ],
)
def test_pinyin_under_any_reading(given, expected):
    assert match_name(given, PEOPLE, "责任领导") == expected


def test_ambiguous_pinyin_lists_candidates_with_their_pinyin():
    with pytest.raises(UsageError) as err:
        match_name("x", PEOPLE, "责任领导")  # 许静 xu, 解缙 xie
    msg = err.value.message
    assert "不明确" in msg and "许静（xujing/xj）" in msg and "解缙" in msg
    with pytest.raises(UsageError) as err:
        match_name("sh", PEOPLE, "责任领导")  # 沈 shen, 单 shan
    assert "沈伟强" in err.value.message and "单雄信" in err.value.message


def test_unknown_pinyin_lists_everyone():
    with pytest.raises(UsageError) as err:
        match_name("wangwu", PEOPLE, "责任领导")
    assert "没有叫 wangwu 的责任领导" in err.value.message and "吕方" in err.value.message


def test_sections_by_initials(xjc):
    got = xjc.ok("list", "--section", "zzk", "--json").json()
    assert got == xjc.ok("list", "--section", "组织科", "--json").json()
    res = xjc("list", "--section", "k")  # no section starts with k: 科 is not first
    assert res.code == 2 and "办公室" in res.stderr


@pytest.mark.parametrize(
    "given",
    ["2.3", "2-3", "2（3）", "2(3)", "２．３", "２.３", "２-３", "２（３）", "2。3", " 2 . 3 "],
)
def test_task_ids_as_typed(given):
    assert parse_task_id(given, read_plan(bundled_plan_path())) == "2.3"


def test_full_width_task_id_on_the_command_line(xjc):
    assert "2.3 严格监督检查" in xjc.ok("show", "２．３").stdout
