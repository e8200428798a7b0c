"""The plan file's schema: pydantic models with the document's Chinese keys as aliases.

Only loading a plan file that is not in the cache imports this (and pydantic); every command
works with the plain dataclasses of xiajiceng.model that `to_plan` makes.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from xiajiceng import messages as M
from xiajiceng import model
from xiajiceng.model import plan_names
from xiajiceng.model.workdays import FIRST_DATE, LAST_DATE
from xiajiceng.text import escape_char, first_control


def no_controls(value: str) -> str:
    """Refuse control characters, which YAML escapes such as "\\e" can put into any text."""
    ch = first_control(value)
    if ch is not None:
        raise PydanticCustomError("control_character", M.PLAN_CONTROL, {"char": escape_char(ch)})
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(no_controls)]
NonEmpty = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(no_controls)
]
Names = Annotated[tuple[NonEmpty, ...], BeforeValidator(plan_names)]


def _in_range(value: date) -> date:
    """A plan's dates lie where xjc can count working days (and a day after them) safely."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError(
            "date_range",
            M.PLAN_DATE_RANGE,
            {"value": str(value), "first": str(FIRST_DATE), "last": str(LAST_DATE)},
        )
    return value


PlanDate = Annotated[date, AfterValidator(_in_range)]


class _Model(BaseModel):
    # validate_by_name stays off: a plan file must use the Chinese keys
    model_config = ConfigDict(extra="forbid", frozen=True)


class PeriodSchema(_Model):
    start: PlanDate = Field(alias="开始")
    end: PlanDate = Field(alias="结束")


class RosterSchema(_Model):
    leaders: Names = Field(alias="责任领导")
    sections: Names = Field(alias="科室")


class TaskSchema(_Model):
    number: int = Field(alias="编号", ge=1)
    title: NonEmpty = Field(alias="标题")
    text: Text = Field("", alias="内容")
    leaders: Names = Field((), alias="责任领导")
    sections: Names = Field((), alias="责任科室")
    lead: Names = Field((), alias="牵头单位")
    support: Names = Field((), alias="配合单位")
    due: PlanDate | None = Field(None, alias="完成时限")
    due_text: Text | None = Field(None, alias="时限说明")
    recurrence: Text | None = Field(None, alias="周期")


class ActionSchema(_Model):
    number: int = Field(alias="编号", ge=1)
    name: NonEmpty = Field(alias="名称")
    heading: Text | None = Field(None, alias="标题")
    intro: Text = Field("", alias="说明")
    tasks: tuple[TaskSchema, ...] = Field(alias="任务")


class RequirementSchema(_Model):
    number: int = Field(alias="编号", ge=1)
    title: NonEmpty = Field(alias="标题")
    text: Text = Field("", alias="内容")


class LeadershipSchema(_Model):
    intro: Text = Field("", alias="说明")
    items: tuple[RequirementSchema, ...] = Field((), alias="要求")


class PlanSchema(_Model):
    title: NonEmpty = Field(alias="标题")
    issuer: Text = Field("", alias="发文单位")
    period: PeriodSchema = Field(alias="活动期间")
    preamble: Text = Field("", alias="前言")
    requirements: Text = Field("", alias="总体要求")
    arrangements: Text = Field("", alias="活动安排")
    roster: RosterSchema = Field(alias="人员")
    actions: tuple[ActionSchema, ...] = Field(alias="专项行动", min_length=1)
    leadership: LeadershipSchema | None = Field(None, alias="组织领导")


def to_plan(s: PlanSchema) -> model.Plan:
    """The validated file as the plain objects every command uses."""
    leadership = None
    if s.leadership is not None:
        items = tuple(model.Requirement(r.number, r.title, r.text) for r in s.leadership.items)
        leadership = model.Leadership(s.leadership.intro, items)
    actions = tuple(
        model.Action(
            number=a.number,
            name=a.name,
            heading=a.heading,
            intro=a.intro,
            tasks=tuple(
                model.PlanTask(
                    number=t.number,
                    title=t.title,
                    text=t.text,
                    leaders=t.leaders,
                    sections=t.sections,
                    lead=t.lead,
                    support=t.support,
                    due=t.due,
                    due_text=t.due_text,
                    recurrence=t.recurrence,
                )
                for t in a.tasks
            ),
        )
        for a in s.actions
    )
    return model.Plan(
        title=s.title,
        issuer=s.issuer,
        period=model.Period(s.period.start, s.period.end),
        preamble=s.preamble,
        requirements=s.requirements,
        arrangements=s.arrangements,
        roster=model.Roster(s.roster.leaders, s.roster.sections),
        actions=actions,
        leadership=leadership,
    )
