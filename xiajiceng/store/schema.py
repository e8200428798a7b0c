"""The plan file's schema: pydantic models with the document's Chinese keys as aliases.

Only loading a plan file that is not in the cache imports this (and pydantic); every command
works with the plain dataclasses of xiajiceng.model that `to_plan` makes.

Building the models is a good part of a cold command's time, so they are built once, at
the first validation, as one schema (`defer_build`), and their annotations are objects, not
strings (no ``from __future__ import annotations``: pydantic would compile each string).
"""

from datetime import date
from functools import cache
from typing import Annotated, Any

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
from xiajiceng.model.plan import K
from xiajiceng.model.workdays import FIRST_DATE, LAST_DATE
from xiajiceng.store.yamlsafe import Loc
from xiajiceng.text import escape_char, first_control


def no_controls(value: str) -> str:
    """Refuse control characters, which YAML escapes such as "\\e" can put into any text."""
    if value.isprintable():  # the common case, without a call (see first_control)
        return value
    ch = first_control(value)
    if ch is not None:
        raise PydanticCustomError("control_character", M.PLAN_CONTROL, {"char": escape_char(ch)})
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(no_controls)]
NonEmpty = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(no_controls)
]


@cache
def _split_names(text: str) -> tuple[str, ...]:
    return plan_names(text)


def _names(value: Any) -> Any:
    """plan_names, with a text split once however often the plan writes it (a plan names the
    same few leaders and units over and over), for as long as one validation lasts."""
    return _split_names(value) if isinstance(value, str) else plan_names(value)


Names = Annotated[tuple[NonEmpty, ...], BeforeValidator(_names)]


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


def _short_name(value: str) -> str:
    """A 简称 is typed before a task's number (下基层:2.3): no colon, no space inside."""
    if any(ch in value for ch in ":： \t\u3000"):
        raise PydanticCustomError("short_name", M.PLAN_SHORT_NAME, {"value": value})
    return value


ShortName = Annotated[NonEmpty, AfterValidator(_short_name)]

_YES, _NO = {"是", "要", "需要", "true", "yes"}, {"否", "不", "不需要", "false", "no"}


def _yes_no(value: object) -> object:
    """是/否 (also true/false): plan files keep every scalar as text."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str) else None
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise PydanticCustomError("yes_no", M.PLAN_YES_NO, {"value": str(value)})


YesNo = Annotated[bool, BeforeValidator(_yes_no)]


class _Model(BaseModel):
    # validate_by_name stays off: a plan file must use the Chinese keys
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PeriodSchema(_Model):
    start: PlanDate = Field(alias=K.START)
    end: PlanDate = Field(alias=K.END)


class RosterSchema(_Model):
    leaders: Names = Field(alias=K.LEADERS)
    sections: Names = Field(alias=K.UNITS)


class TaskSchema(_Model):
    number: int = Field(alias=K.NUMBER, ge=1)
    title: NonEmpty = Field(alias=K.TITLE)
    text: Text = Field("", alias=K.TEXT)
    leaders: Names = Field((), alias=K.LEADERS)
    sections: Names = Field((), alias=K.SECTIONS)
    lead: Names = Field((), alias=K.LEAD)
    support: Names = Field((), alias=K.SUPPORT)
    due: PlanDate | None = Field(None, alias=K.DUE)
    due_text: Text | None = Field(None, alias=K.DUE_TEXT)
    recurrence: Text | None = Field(None, alias=K.RECURRENCE)


class ActionSchema(_Model):
    number: int = Field(alias=K.NUMBER, ge=1)
    name: NonEmpty = Field(alias=K.NAME)
    heading: Text | None = Field(None, alias=K.TITLE)
    intro: Text = Field("", alias=K.INTRO)
    tasks: tuple[TaskSchema, ...] = Field(alias=K.TASKS)


class RequirementSchema(_Model):
    number: int = Field(alias=K.NUMBER, ge=1)
    title: NonEmpty = Field(alias=K.TITLE)
    text: Text = Field("", alias=K.TEXT)


class LeadershipSchema(_Model):
    intro: Text = Field("", alias=K.INTRO)
    items: tuple[RequirementSchema, ...] = Field((), alias=K.ITEMS)


class PlanSchema(_Model):
    title: NonEmpty = Field(alias=K.TITLE)
    short: ShortName | None = Field(None, alias=K.SHORT)
    verification: YesNo = Field(False, alias=K.VERIFY)
    issuer: Text = Field("", alias=K.ISSUER)
    period: PeriodSchema = Field(alias=K.PERIOD)
    preamble: Text = Field("", alias=K.PREAMBLE)
    requirements: Text = Field("", alias=K.REQUIREMENTS)
    arrangements: Text = Field("", alias=K.ARRANGEMENTS)
    roster: RosterSchema = Field(alias=K.ROSTER)
    actions: tuple[ActionSchema, ...] = Field(alias=K.ACTIONS, min_length=1)
    leadership: LeadershipSchema | None = Field(None, alias=K.LEADERSHIP)


def validate(data: dict[str, Any]) -> PlanSchema:
    """The plan's data (own_words') as PlanSchema; ValidationError naming every problem."""
    try:
        return PlanSchema.model_validate(data)
    finally:
        _split_names.cache_clear()  # what a plan's names were split into is not kept


def own_words(
    data: dict[str, Any],
) -> tuple[dict[str, Any], tuple[tuple[str, str], ...], list[tuple[Loc, str]], dict[Loc, str]]:
    """A plan may name an owner role in its own word (分管领导, 协办单位, 责任单位 …): the data
    with every task's role keys in the default word (what the schema reads), the plan's words
    ((role, word) where not the default), the problems (two words for one role in a task, or a
    word other than the one the plan already uses), and where each renamed key was
    ((…, task, default word) → the file's word), to point at the file's own lines."""
    words: dict[str, str] = {}
    problems: list[tuple[Loc, str]] = []
    renamed: dict[Loc, str] = {}
    actions = data.get(K.ACTIONS)
    if not isinstance(actions, list):
        return data, (), problems, renamed
    tasks_ = [
        t
        for a in actions
        if isinstance(a, dict) and isinstance(a.get(K.TASKS), list)
        for t in a[K.TASKS]
        if isinstance(t, dict)
    ]
    # a word two roles share (责任单位) belongs to one of them in a plan: supporting units
    # beside a 牵头单位, else the responsible ones
    has_lead = any(K.LEAD in t for t in tasks_)
    shared = {
        w
        for ws in K.ROLE_WORDS.values()
        for w in ws
        if sum(w in v for v in K.ROLE_WORDS.values()) > 1
    }
    role_words = {
        role: tuple(w for w in choices if w not in shared or (role == "support") == has_lead)
        for role, choices in K.ROLE_WORDS.items()
    }
    role_of = {w: role for role, choices in role_words.items() for w in choices}
    defaults = {choices[0]: role for role, choices in role_words.items()}
    others = set(role_of) - set(defaults)
    plain = True  # no word other than a default recorded yet
    new_actions: list[Any] = []
    for ai, action in enumerate(actions):
        tasks = action.get(K.TASKS) if isinstance(action, dict) else None
        new_tasks: list[Any] | None = None  # a copy, once a task of this action is renamed
        for ti, task in enumerate(tasks if isinstance(tasks, list) else ()):
            if plain and isinstance(task, dict) and others.isdisjoint(task):
                # default words only, in a plan that has used no other so far: nothing to
                # rename or to refuse, only the words to record
                if len(words) < len(defaults):
                    for word, role in defaults.items():
                        if word in task:
                            words.setdefault(role, word)
                continue
            used: dict[str, list[str]] = {}  # role → its words in the task, in the file's order
            for k in task if isinstance(task, dict) else ():
                if k in role_of:
                    used.setdefault(role_of[k], []).append(k)
            rename: dict[str, str] = {}
            for role, choices in role_words.items():
                if role not in used:
                    continue
                where: Loc = (K.ACTIONS, ai, K.TASKS, ti)
                word, *more = used[role]
                if more:
                    problems.append(
                        (where + (more[0],), M.PLAN_ROLE_TWICE.format(first=word, second=more[0]))
                    )
                    continue
                seen = words.setdefault(role, word)
                if seen != word:
                    problems.append(
                        (where + (word,), M.PLAN_ROLE_WORD.format(word=word, plan=seen))
                    )
                    continue
                if word != choices[0]:
                    rename[word] = choices[0]
                    renamed[where + (choices[0],)] = word
                    plain = False
            if rename:
                if new_tasks is None:
                    new_tasks = list(tasks)  # type: ignore[arg-type]
                new_tasks[ti] = {rename.get(k, k): v for k, v in task.items()}
        new_actions.append(action if new_tasks is None else {**action, K.TASKS: new_tasks})
    own = tuple((r, w) for r, w in words.items() if w != K.ROLE_WORDS[r][0])
    return {**data, K.ACTIONS: new_actions}, own, problems, renamed


def to_plan(s: PlanSchema, words: tuple[tuple[str, str], ...] = ()) -> model.Plan:
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
        words=words,
        short=s.short or "",
        verification=s.verification,
    )
