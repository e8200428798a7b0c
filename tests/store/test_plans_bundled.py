"""The bundled plan is the source document, whole and faithful."""

from __future__ import annotations

import re
from datetime import date

from tests.helpers import SEED
from xiajiceng.store.plans import bundled_plan_path, read_plan

PLAN = read_plan(bundled_plan_path())
LINES = SEED.read_text(encoding="utf-8").splitlines()


def _document_tasks() -> list[tuple[str, str, str]]:
    """(paragraph, leaders line, sections line) for every (n) item of 二、活动安排."""
    found = []
    for i, line in enumerate(LINES):
        if re.match(r"^\(\d+\)", line):
            leaders = LINES[i + 1].removeprefix("责任领导：")
            sections = LINES[i + 2].removeprefix("责任科室：")
            found.append((re.sub(r"^\(\d+\)", "", line), leaders, sections))
    return found


def test_identity_and_period():
    assert PLAN.title == LINES[0] == "2023年干部下基层工作实施方案"
    assert PLAN.issuer == "市委组织部"
    assert (PLAN.period.start, PLAN.period.end) == (date(2023, 2, 1), date(2023, 3, 31))
    assert PLAN.roster.leaders == ("曹国良", "许静", "沈伟强")
    assert PLAN.roster.sections == ("办公室", "组织科", "干部科")


def test_thirteen_tasks_with_restored_numbers():
    assert [t.id for t in PLAN.tasks] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2",
        "4.1", "4.2", "4.3", "4.4", "4.5",
    ]  # fmt: skip
    assert [a.number for a in PLAN.actions] == [1, 2, 3, 4]


def test_task_texts_and_owners_are_verbatim():
    document = _document_tasks()
    assert len(document) == 13
    for task, (paragraph, leaders, sections) in zip(PLAN.tasks, document):
        assert f"{task.title}。{task.text}" == paragraph
        assert "、".join(task.leaders) == leaders
        assert "、".join(task.sections) == sections


def test_action_headings_and_intros_are_verbatim():
    text = SEED.read_text(encoding="utf-8")
    for action in PLAN.actions:
        assert f"{action.heading}。{action.intro}" in text
        assert f"“{action.name}”" in action.heading
    # the document lost the number of the 4th action: "、开展“访民问情…"
    assert f"\n、{PLAN.actions[3].heading}。" in text


def test_preamble_requirements_and_leadership():
    text = SEED.read_text(encoding="utf-8")
    for part in (PLAN.preamble, PLAN.requirements, PLAN.arrangements):
        assert part and part in LINES
    assert PLAN.leadership is not None
    assert PLAN.leadership.intro in LINES
    assert [r.number for r in PLAN.leadership.items] == [1, 2, 3, 4]
    for item in PLAN.leadership.items:
        assert f"{item.title}。{item.text}" in text
    assert "建党__周年" in PLAN.task("4.1").text


def test_every_section_and_due_dates():
    assert PLAN.task("1.2").sections == ("各科室",)
    assert PLAN.task("1.2").units == frozenset({"办公室", "组织科", "干部科"})
    assert PLAN.task("4.1").due == date(2023, 6, 30)
    assert {t.due for t in PLAN.tasks if t.id != "4.1"} == {date(2023, 3, 31)}
