"""Probable aliases (model.aliases): which spellings are probably one person or unit, and
which must never be proposed."""

from __future__ import annotations

import time

import pytest

from xiajiceng.model.aliases import (
    FORM,
    PREFIX,
    TITLE,
    issuer_like,
    person_key,
    probable_aliases,
    unit_key,
)

TRADITIONAL = str.maketrans("組織發團", "组织发团")


def fold(text: str) -> str:
    return text.translate(TRADITIONAL)


def units(**uses: str) -> dict[str, set[str]]:
    """units(组织科="下基层 营商") → {组织科: {下基层, 营商}}"""
    return {name: set(plans.split()) for name, plans in uses.items()}


def found(people=None, unit_uses=None, aliases=None):
    return [
        (p.name, p.choices, p.rule)
        for p in probable_aliases(people or {}, unit_uses or {}, aliases, fold)
    ]


@pytest.mark.parametrize(
    ("short", "long"),
    [("组织科", "市委组织部组织科"), ("发改局", "区发改局"), ("办公室", "市委组织部办公室")],
)
def test_a_unit_after_an_issuer_prefix(short, long):
    assert found(unit_uses=units(**{short: "甲", long: "乙"})) == [(short, ((long,),), PREFIX)]


def test_official_abbreviations_make_one_form():
    assert unit_key("县人民政府办公室") == unit_key("县政府办公室") == "县政府办公室"
    got = found(unit_uses=units(县人民政府办公室="甲", 县政府办公室="乙"))
    assert got == [("县政府办公室", (("县人民政府办公室",),), FORM)]
    got = found(unit_uses=units(发改局="甲", 区发展和改革局="乙"))
    assert got == [("发改局", (("区发展和改革局",),), PREFIX)]


def test_width_spaces_and_traditional_are_one_form():
    assert unit_key("组织科（二）") == unit_key("组织科(二)")
    assert found(unit_uses=units(**{"组织科": "甲", "組織科": "乙"})) == [
        ("组织科", (("組織科",),), FORM)
    ]
    assert found({"许静": {"甲"}, "许 静": {"乙"}, "许\u3000静": {"丙"}}) == [
        ("许静", (("许 静", "许\u3000静"),), FORM)
    ]


def test_a_title_after_a_name():
    assert person_key("沈伟强同志") == person_key("沈伟强部长") == "沈伟强"
    assert person_key("沈伟强常务副部长同志") == "沈伟强"
    got = found({"沈伟强": {"甲"}, "沈伟强同志": {"乙"}, "沈伟强部长": {"丙"}})
    assert got == [("沈伟强", (("沈伟强同志", "沈伟强部长"),), TITLE)]


def test_what_must_not_match():
    # two units that only share an ending
    assert found(unit_uses=units(组织科="甲", 干部科="乙")) == []
    # a prefix that names no issuer: 干部监督科 is not 监督科 of an issuer called 干部
    assert not issuer_like("干部") and not issuer_like("党建") and issuer_like("市委组织部")
    assert found(unit_uses=units(监督科="甲", 干部监督科="乙")) == []
    assert found(unit_uses=units(办公室="甲", 党建办公室="乙")) == []
    # a surname and a title is no name of two characters: 王副县长 is not 王县长
    assert person_key("王副县长") == "王副县长"
    assert found({"王副县长": {"甲"}, "王县长": {"乙"}}) == []
    # different people, different units
    assert found({"沈伟强": {"甲"}, "沈伟": {"乙"}}) == []
    # a person's name is never matched with a unit's
    assert found({"组织科": {"甲"}}, units(市委组织部组织科="乙")) == []


def test_names_already_aliased_are_not_proposed():
    aliases = {"市委组织部组织科": "组织科"}
    assert found(unit_uses=units(组织科="甲", 市委组织部组织科="乙"), aliases=aliases) == []
    aliases = {"许 静": "许静"}
    assert found({"许静": {"甲"}, "许 静": {"乙"}}, aliases=aliases) == []


def test_spellings_one_plan_uses_both_of_are_two():
    assert found(unit_uses=units(组织科="甲", 市委组织部组织科="甲 乙")) == []
    assert found({"许静": {"甲"}, "许 静": {"甲"}}) == []


def test_two_different_longer_units_are_a_choice():
    got = found(unit_uses=units(办公室="甲", 市委组织部办公室="乙", 县政府办公室="丙"))
    assert got == [("办公室", (("县政府办公室",), ("市委组织部办公室",)), PREFIX)]
    # one plan writing both longer ones: they are two units, each may be 办公室
    got = found(unit_uses=units(办公室="甲", 市委组织部办公室="乙", 县委办公室="乙"))
    assert got[0][1] == (("县委办公室",), ("市委组织部办公室",))
    # a chain is one unit: 组织部组织科 and 市委组织部组织科 both end as 组织科
    got = found(unit_uses=units(组织科="甲", 组织部组织科="乙", 市委组织部组织科="丙"))
    assert got == [("组织科", (("组织部组织科", "市委组织部组织科"),), PREFIX)]


def test_an_office_of_thousands_of_names_is_quick():
    """50 plans × 200 tasks, each with its own units and people (30,000 names, far more than
    an office has, and 10,000 of them probable aliases): no pairwise blow-up."""
    unit_uses: dict[str, set[str]] = {}
    people: dict[str, set[str]] = {}
    for plan in range(50):
        for task in range(200):
            unit_uses.setdefault(f"第{plan}单位{task}科", set()).add(f"方案{plan}")
            unit_uses.setdefault(f"市委第{plan}部第{plan}单位{task}科", set()).add(
                f"方案{plan + 1}"
            )
            people.setdefault(f"人{plan}号{task}", set()).add(f"方案{plan}")
    assert len(unit_uses) + len(people) == 30_000
    start = time.process_time()  # the processor's time: a busy machine does not count
    got = probable_aliases(people, unit_uses, {}, fold)
    elapsed = time.process_time() - start
    assert len(got) == 10_000 and all(p.rule == PREFIX for p in got)
    assert elapsed < 1.0, elapsed
