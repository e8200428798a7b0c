"""A plan as the code uses it: actions, tasks, owners, roster; the rules the schema cannot
state. No I/O, no pydantic: the plan file's schema (store.schema) turns into these."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from xiajiceng import messages as M

SEPARATOR = ":"  # 下基层:2.3, a task of the plan 下基层


class K:
    """The plan file's keys, in the words of the documents (Chinese, so that the people who
    write plans can read them): the one place they are spelled. The schema, the importer, and
    the locations of problems in a plan file all use these."""

    TITLE = "标题"
    SHORT = "简称"  # a plan's short name in an office folder (xjc plans, 下基层:2.3)
    VERIFY = "办结需审核"  # 是: a done task counts when the office has verified it (销号)
    ISSUER = "发文单位"
    PERIOD = "活动期间"
    START = "开始"
    END = "结束"
    PREAMBLE = "前言"
    REQUIREMENTS = "总体要求"
    ARRANGEMENTS = "活动安排"
    ROSTER = "人员"
    LEADERS = "责任领导"
    UNITS = "科室"
    ACTIONS = "专项行动"
    NUMBER = "编号"
    NAME = "名称"
    INTRO = "说明"
    TASKS = "任务"
    TEXT = "内容"
    SECTIONS = "责任科室"
    LEAD = "牵头单位"
    SUPPORT = "配合单位"
    DUE = "完成时限"
    DUE_TEXT = "时限说明"
    RECURRENCE = "周期"
    LEADERSHIP = "组织领导"
    ITEMS = "要求"
    # a task's owners by role, and the words a plan may use for each role (the first is the
    # default): a plan keeps its own word, and every output shows it
    ROLE_WORDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "leaders": (LEADERS, "牵头领导", "分管领导"),
        "lead": (LEAD,),
        # 责任单位 is a plan's supporting units beside 牵头单位, its responsible units where
        # no task has a 牵头单位 (store.schema.own_words decides, for the whole plan)
        "sections": (SECTIONS, "责任单位"),
        "support": (SUPPORT, "协办单位", "责任单位"),
    }


# the owner roles (K.ROLE_WORDS's keys), in the order outputs show them
LEADERS, LEAD, SECTIONS, SUPPORT = "leaders", "lead", "sections", "support"
ROLES = (LEADERS, LEAD, SECTIONS, SUPPORT)
WORD_ROLE = {word: role for role, words in K.ROLE_WORDS.items() for word in words}


# -- the plan ------------------------------------------------------------------------------

_OPEN = "（([〔【"
_CLOSE = "）)]〕】"


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at any of `separators` that is not inside brackets: "县（市、区）" stays whole."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_NAME_SEPARATORS = "、，, \t\n\u3000"


def split_names(value: Any) -> Any:
    """Accept a list of names or one string such as "曹国良、许静、沈伟强" (command lines)."""
    if isinstance(value, str):
        return tuple(split_outside_brackets(value, _NAME_SEPARATORS))
    if isinstance(value, list | tuple):
        out: list[Any] = []
        for item in value:
            out.extend(split_names(item) if isinstance(item, str) else [item])
        return tuple(out)
    return value


def plan_names(value: Any) -> Any:
    """Names in a plan file: one string is split at 、，, and spaces outside brackets; an
    item of a list is one name as written, so a list can hold a unit such as "各区、县级市"."""
    if isinstance(value, str):
        return tuple(split_outside_brackets(value, _NAME_SEPARATORS))
    if isinstance(value, list | tuple):
        return tuple(item.strip() if isinstance(item, str) else item for item in value)
    return value


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Roster:
    leaders: tuple[str, ...]
    sections: tuple[str, ...]


@dataclass(frozen=True)
class PlanTask:
    """A task as the plan file writes it (Task is what commands work with)."""

    number: int
    title: str
    text: str = ""
    leaders: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # 牵头单位
    support: tuple[str, ...] = ()  # 配合单位 / 协办单位
    due: date | None = None
    due_text: str | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class Action:
    number: int
    name: str
    heading: str | None
    intro: str
    tasks: tuple[PlanTask, ...]


@dataclass(frozen=True)
class Requirement:
    number: int
    title: str
    text: str = ""


@dataclass(frozen=True)
class Leadership:
    intro: str = ""
    items: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task as commands see it: id, owners with 各科室 expanded, effective due date."""

    id: str
    action: int
    title: str
    text: str
    leaders: tuple[str, ...]
    sections: tuple[str, ...]  # as written in the plan
    units: frozenset[str]  # every roster section the task belongs to, in any role
    due: date
    due_text: str | None
    lead: tuple[str, ...] = ()  # 牵头单位
    support: tuple[str, ...] = ()  # 配合单位 / 协办单位
    recurrence: str | None = None  # 周期, e.g. 每月
    plan: str = ""  # the plan's short name, in a view across the plans of an office folder
    verify: bool = False  # its plan requires a done task to be verified (办结需审核)

    @property
    def local_id(self) -> str:
        """The id within its own plan: 2.3 for 下基层:2.3."""
        return self.id.partition(SEPARATOR)[2] if self.plan else self.id

    def owners(self, role: str) -> tuple[str, ...]:
        """The task's owners in one role (LEADERS, LEAD, SECTIONS, SUPPORT), as written."""
        return {LEADERS: self.leaders, LEAD: self.lead, SECTIONS: self.sections}.get(
            role, self.support
        )

    def roles(self) -> dict[str, tuple[str, ...]]:
        """Role → units as written: responsible (责任科室), lead (牵头), support (配合)."""
        return {"responsible": self.sections, "lead": self.lead, "support": self.support}

    def roles_of(self, unit: str) -> list[str]:
        """The roles in which `unit` takes part in this task (各科室 counts as responsible)."""
        found = [role for role, names in self.roles().items() if unit in names]
        if unit in self.units and not found and M.EVERY_SECTION in self.sections:
            found.append("responsible")
        return found


@dataclass(frozen=True)
class Plan:
    """A validated plan: plain frozen dataclasses, so a cached plan loads without pydantic.

    Plan files are validated by xiajiceng.store.schema (pydantic) and turned into these.
    """

    title: str
    issuer: str
    period: Period
    preamble: str
    requirements: str
    arrangements: str
    roster: Roster
    actions: tuple[Action, ...]
    leadership: Leadership | None = None
    # (role, word) for each role whose word in the plan file is not the default one
    words: tuple[tuple[str, str], ...] = ()
    short: str = ""  # 简称, as the plan file writes it ("" when it does not)
    verification: bool = False  # 办结需审核: done tasks count once verified (销号)
    # the short names of the plans this one joins, in a view across an office's plans
    parts: tuple[str, ...] = ()
    # those plans themselves, in the same order (their own ids, words and periods)
    members: tuple[Plan, ...] = field(default=(), repr=False, compare=False)
    tasks: tuple[Task, ...] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Task] = field(init=False, repr=False, compare=False)
    _by_number: dict[int, Action] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tasks = []
        every = frozenset(self.roster.sections)
        for action in self.actions:
            for t in action.tasks:
                units = every if M.EVERY_SECTION in t.sections else frozenset(t.sections)
                units |= frozenset(t.lead) | frozenset(t.support)
                tasks.append(
                    Task(
                        id=f"{action.number}.{t.number}",
                        action=action.number,
                        title=t.title,
                        text=t.text,
                        leaders=t.leaders,
                        sections=t.sections,
                        units=units,
                        due=t.due or self.period.end,
                        due_text=t.due_text,
                        lead=t.lead,
                        support=t.support,
                        recurrence=t.recurrence,
                        verify=self.verification,
                    )
                )
        object.__setattr__(self, "tasks", tuple(tasks))
        object.__setattr__(self, "_by_id", {t.id: t for t in tasks})
        by_number: dict[int, Action] = {}
        for a in self.actions:
            by_number.setdefault(a.number, a)  # (the first, should a number repeat)
        object.__setattr__(self, "_by_number", by_number)

    @property
    def has_roles(self) -> bool:
        """Whether any task names lead (牵头) or supporting (配合) units."""
        return any(t.lead or t.support for t in self.tasks)

    def task(self, task_id: str) -> Task | None:
        return self._by_id.get(task_id)

    def word(self, role: str) -> str:
        """The plan's own word for an owner role: 分管领导 where it writes 分管领导."""
        return dict(self.words).get(role) or K.ROLE_WORDS[role][0]

    def short_word(self, role: str) -> str:
        """The word for a unit role as a report says it beside names: 牵头, 配合, 协办."""
        word = self.word(role)
        return word[: -len(M.UNIT_SUFFIX)] if role in (LEAD, SUPPORT) else word

    def action(self, number: int) -> Action | None:
        return self._by_number.get(number)

    @property
    def year(self) -> int:
        return self.period.start.year

    def task_range(self) -> str:
        """The valid ids, compactly: "1.1–1.3、2.1–2.3、…"."""
        parts = []
        for action in self.actions:
            ids = [f"{action.number}.{t.number}" for t in action.tasks]
            if not ids:
                continue
            parts.append(ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1]}")
        return "、".join(parts)


# -- an office's plans, seen together -------------------------------------------------------

_YEARS = re.compile(r"[（(]?(?:19|20)\d\d\s*(?:[—–-]\s*(?:19|20)?\d\d)?\s*年(?:度|版)?[）)]?")
_QUOTES = re.compile(r"[《》“”\"'「」\s:：]")
# the kind of document and its generic words, taken off a title's end one by one
_TITLE_ENDS = (
    "方案",
    "清单",
    "计划",
    "规划",
    "要点",
    "举措",
    "政策",
    "若干",
    "实施",
    "分工",
    "分解",
    "责任",
    "任务",
    "事项",
    "工作",
    "重点",
    "重要",
    "主要",
    "目标",
    "确定的",
    "行动",
    "的",
    "和",
    "及",
)
MAX_SHORT = 10  # characters of a derived short name


def derived_short(title: str, stem: str) -> str:
    """A short name for a plan whose file has no 简称: its title without years, quotes and
    the kind of document (2023年干部下基层工作实施方案 → 干部下基层; 2024年营商环境重点工作 →
    营商环境), at most MAX_SHORT characters; else its file's name."""
    name = _QUOTES.sub("", _YEARS.sub("", title))
    name = re.sub(r"^(?:关于|对)", "", name)
    changed = True
    while changed:
        changed = False
        for end in _TITLE_ENDS:
            if name.endswith(end) and len(name) - len(end) >= 2:
                name = name[: -len(end)]
                changed = True
    name = name[:MAX_SHORT]
    return name or _QUOTES.sub("", stem).replace(SEPARATOR, "")[: MAX_SHORT * 2]


def union(
    named: Sequence[tuple[str, Plan]], title: str, aliases: Mapping[str, str] | None = None
) -> Plan:
    """Several plans as one, for views across an office folder: each task is named
    short:id (下基层:2.3) and knows its plan, actions are numbered one after another, the
    roster is every plan's (one name per person or unit, after `aliases`: name → the name
    it stands for). At least one plan."""
    alias = aliases or {}
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}  # the same few names, over and over

    def one(names: tuple[str, ...]) -> tuple[str, ...]:
        got = seen.get(names)
        if got is None:
            got = seen[names] = tuple(dict.fromkeys(alias.get(n, n) for n in names))
        return got

    actions: list[Action] = []
    tasks: list[Task] = []
    leaders: dict[str, None] = {}
    sections: dict[str, None] = {}
    for short, plan in named:
        number_of = {}
        for a in plan.actions:
            number_of[a.number] = len(actions) + 1
            actions.append(
                Action(len(actions) + 1, f"{short} {a.name}", a.heading, a.intro, a.tasks)
            )
        leaders.update(dict.fromkeys(one(plan.roster.leaders)))
        sections.update(dict.fromkeys(one(plan.roster.sections)))
        for t in plan.tasks:
            tasks.append(
                Task(
                    id=f"{short}{SEPARATOR}{t.id}",
                    action=number_of[t.action],
                    title=t.title,
                    text=t.text,
                    leaders=one(t.leaders),
                    sections=one(t.sections),
                    units=frozenset(alias.get(n, n) for n in t.units) if alias else t.units,
                    due=t.due,
                    due_text=t.due_text,
                    lead=one(t.lead),
                    support=one(t.support),
                    recurrence=t.recurrence,
                    plan=short,
                    verify=t.verify,
                )
            )
    plans = [p for _, p in named]
    words = tuple(
        (role, word)
        for role in ROLES
        if len({p.word(role) for p in plans}) == 1
        and (word := plans[0].word(role)) != K.ROLE_WORDS[role][0]
    )
    joined = Plan(
        title=title,
        issuer="",
        period=Period(min(p.period.start for p in plans), max(p.period.end for p in plans)),
        preamble="",
        requirements="",
        arrangements="",
        roster=Roster(tuple(leaders), tuple(sections)),
        actions=(),
        words=words,
        parts=tuple(short for short, _ in named),
        members=tuple(plans),
    )
    object.__setattr__(joined, "actions", tuple(actions))
    object.__setattr__(joined, "tasks", tuple(tasks))
    object.__setattr__(joined, "_by_id", {t.id: t for t in tasks})
    object.__setattr__(joined, "_by_number", {a.number: a for a in actions})
    return joined


Path_ = tuple[str | int, ...]


def roster_problems(
    leaders: Sequence[str], units: Sequence[str], where: Path_, owners: Mapping[str, Sequence[str]]
) -> list[tuple[Path_, str]]:
    """The roster rule, stated once: every leader a task names is one of the roster's leaders,
    every unit one of its sections (or 各科室). `owners` maps a task's keys, in the plan's own
    words (分管领导, 协办单位 …), to its names."""
    problems: list[tuple[Path_, str]] = []
    for key, names in owners.items():
        for name in names:
            if WORD_ROLE.get(key) == LEADERS:
                if name not in leaders:
                    msg = M.PLAN_UNKNOWN_LEADER.format(name=name, valid="、".join(leaders))
                    problems.append((where + (key,), msg))
            elif name not in units and name != M.EVERY_SECTION:
                msg = M.PLAN_UNKNOWN_SECTION.format(name=name, valid="、".join(units))
                problems.append((where + (key,), msg))
    return problems


def plan_problems(plan: Plan) -> list[tuple[Path_, str]]:
    """Consistency rules the schema alone cannot state, as (location, message) pairs."""
    problems: list[tuple[Path_, str]] = []
    if plan.period.end < plan.period.start:
        problems.append(
            (
                (K.PERIOD, K.END),
                M.PLAN_PERIOD_ORDER.format(start=plan.period.start, end=plan.period.end),
            )
        )
    seen_actions: set[int] = set()
    for ai, action in enumerate(plan.actions):
        if action.number in seen_actions:
            problems.append(((K.ACTIONS, ai, K.NUMBER), M.PLAN_DUP_ACTION.format(n=action.number)))
        seen_actions.add(action.number)
        seen_tasks: set[int] = set()
        for ti, t in enumerate(action.tasks):
            where: Path_ = (K.ACTIONS, ai, K.TASKS, ti)
            if t.number in seen_tasks:
                problems.append(
                    (where + (K.NUMBER,), M.PLAN_DUP_TASK.format(id=f"{action.number}.{t.number}"))
                )
            seen_tasks.add(t.number)
            owners = {
                plan.word(LEADERS): t.leaders,
                plan.word(SECTIONS): t.sections,
                plan.word(LEAD): t.lead,
                plan.word(SUPPORT): t.support,
            }
            problems += roster_problems(plan.roster.leaders, plan.roster.sections, where, owners)
    return problems
