"""The health of a plan and its journal (`xjc check`): every problem, instead of stopping."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from xiajiceng.env import Env
from xiajiceng.model import (
    Op,
    Plan,
)
from xiajiceng.model.aliases import Probable, probable_aliases
from xiajiceng.store.office import ALIASES

if TYPE_CHECKING:
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import OfficeFolder, Settings
    from xiajiceng.store.plans import PlanSource


@dataclass
class CheckResult:
    plan_path: str
    plan_error: str | None
    tasks: int
    journal_path: str
    journal_exists: bool
    size: int
    events: int
    bad_lines: list[tuple[int, str]]
    torn_tail: int
    torn_file: bool
    unknown_tasks: list[tuple[str, str]]  # (event id, task id) for tasks the plan lacks
    missing_targets: list[str]  # undo events whose target is not in the journal
    duplicate_ids: list[str]
    evidence_files: int = 0  # 佐证材料 in force, each read and hashed
    evidence_problems: list[tuple[str, str, str]] = field(default_factory=list)  # task, kind, says

    @property
    def healthy(self) -> bool:
        return not (
            self.plan_error
            or self.bad_lines
            or self.unknown_tasks
            or self.missing_targets
            or self.evidence_problems
        )


def check(plan_arg: str | None, env: Env) -> CheckResult:
    """The health of a plan and its journal; reports every problem instead of stopping."""
    from xiajiceng.errors import PlanError
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import locate
    from xiajiceng.store.plans import read_plan

    # the caches answer only for the very bytes they were made from, by this very code
    cache = Cache(env.cache_dir())
    source = locate(plan_arg, env)
    plan: Plan | None = None
    plan_error = None
    try:
        plan = read_plan(source.path, cache, source.root)
    except PlanError as exc:
        plan_error = exc.message
    return _check_source(source, plan, plan_error, env, cache)


def _check_source(
    source: PlanSource, plan: Plan | None, plan_error: str | None, env: Env, cache: Cache
) -> CheckResult:
    from xiajiceng.store import journal_of

    journal = journal_of(source, env, cache)
    scan = journal.scan()
    counts = Counter(e.id for e in scan.events)
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    known = {t.id for t in plan.tasks} if plan else None
    unknown = [
        (e.id, e.task)
        for e in scan.events
        if known is not None and e.task is not None and e.op is not Op.UNDO and e.task not in known
    ]
    missing = [e.id for e in scan.events if e.op is Op.UNDO and str(e.value) not in counts]
    files, problems = 0, []
    if plan is not None and not scan.bad_lines:  # every attached file, read and hashed
        from xiajiceng.store import Workspace
        from xiajiceng.usecases.evidence import verify_evidence

        ws = Workspace(plan=plan, source=source, journal=journal)
        states = journal.states([t.id for t in plan.tasks], date.max)
        files = sum(len(s.evidence) for s in states.values())
        problems = [(p.task, p.kind, p.message) for p in verify_evidence(ws)] if files else []
    return CheckResult(
        plan_path=str(source.path),
        plan_error=plan_error,
        tasks=len(plan.tasks) if plan else 0,
        journal_path=str(journal.path),
        journal_exists=scan.exists,
        size=scan.size,
        events=len(scan.events),
        bad_lines=scan.bad_lines,
        torn_tail=scan.torn_tail,
        torn_file=scan.torn_file,
        unknown_tasks=unknown,
        missing_targets=missing,
        duplicate_ids=duplicates,
        evidence_files=files,
        evidence_problems=problems,
    )


# -- an office folder: every plan, 设置.yaml and one roster across the plans -----------------

# what is wrong with 设置.yaml (SettingsProblem.kind)
REFUSED, UNKNOWN_KEY, UNUSED, JOINS = "refused", "unknown_key", "unused", "joins"


@dataclass(frozen=True)
class SettingsProblem:
    kind: str  # REFUSED (the file as a whole: `text` says why), UNKNOWN_KEY, UNUSED, JOINS
    line: int = 0  # in 设置.yaml, 0 when unknown
    name: str = ""  # the key, or the name in 人员别名 the problem is about
    text: str = ""  # REFUSED: the sentence
    plan: str = ""  # JOINS: the plan whose two names become one
    names: tuple[str, ...] = ()  # JOINS: those names


@dataclass(frozen=True)
class PlanHealth:
    short: str
    archived: bool
    result: CheckResult


@dataclass(frozen=True)
class AliasNote:
    """A probable alias with where each spelling is used and what 人员别名 holds already."""

    probable: Probable
    person: bool
    uses: dict[str, tuple[str, ...]]  # each spelling (the kept one too) → the plans using it
    table: dict[str, tuple[str, ...]]  # the entries of 人员别名 the line would replace


@dataclass(frozen=True)
class OfficeCheck:
    folder: str
    settings_path: str
    settings_exists: bool
    aliases: int  # entries in 人员别名
    archived: int
    problems: list[str]  # the office as a whole (plans folder, two plans with one 简称)
    settings_problems: list[SettingsProblem]
    plans: list[PlanHealth]
    notes: list[AliasNote]
    names: int  # people and units across the plans (as written)

    @property
    def healthy(self) -> bool:
        return not (
            self.problems or self.settings_problems or any(not p.result.healthy for p in self.plans)
        )


def check_here(plan_arg: str | None, env: Env) -> CheckResult | OfficeCheck:
    """In an office folder without --plan, every plan and 设置.yaml; else one plan."""
    from xiajiceng.store.office import locate_office

    where = None if plan_arg else locate_office(env)
    return check(plan_arg, env) if where is None else check_office(where, env)


def check_office(where: OfficeFolder, env: Env) -> OfficeCheck:
    """Every plan of an office folder (archived ones too) with its journal, 設置.yaml, and
    the names across the plans that are probably one person or unit."""
    from xiajiceng.errors import XjcError
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import SETTINGS, Settings, open_office, read_settings

    cache = Cache(env.cache_dir())
    settings_problems: list[SettingsProblem] = []
    try:
        settings = read_settings(where)
    except XjcError as exc:
        settings = Settings()
        settings_problems += _refused(where, exc.message)
    problems: list[str] = []
    try:
        office = open_office(where, cache)
        loaded: list[Loaded] = [(p.short, p.archived, p.source, p.plan, None) for p in office.plans]
    except XjcError as exc:
        loaded = _one_by_one(where, cache, settings)
        if not settings_problems and all(error is None for *_, error in loaded):
            problems.append(exc.message)  # the plans load, yet the office does not
    plans = []
    for short, archived, source, plan, error in loaded:
        result = _check_source(source, plan, error, env, cache)
        plans.append(PlanHealth(short, archived, result))
    rosters = {short: _roster(plan) for short, _, _, plan, _ in loaded if plan is not None}
    settings_problems += _alias_problems(where, settings, rosters)
    path = where.folder / SETTINGS
    return OfficeCheck(
        folder=str(where.folder),
        settings_path=str(path),
        settings_exists=path.is_file(),
        aliases=len(settings.alias_table),
        archived=sum(archived for _, archived, *_ in loaded),
        problems=problems,
        settings_problems=settings_problems,
        plans=plans,
        notes=alias_notes(rosters, settings),
        names=len({n for people, units in rosters.values() for n in (*people, *units)}),
    )


Loaded = tuple[str, bool, "PlanSource", "Plan | None", "str | None"]


def _one_by_one(where: OfficeFolder, cache: Cache, settings: Settings) -> list[Loaded]:
    """The plan files read one at a time, when the office as a whole does not open: each
    plan with its short name (as far as it can be known) or the sentence saying what is
    wrong with it."""
    from xiajiceng.errors import XjcError
    from xiajiceng.model.plan import derived_short
    from xiajiceng.store.office import plan_files
    from xiajiceng.store.plans import PlanSource, read_plan

    out: list[Loaded] = []
    for path in plan_files(where):
        source = PlanSource(path, bundled=False, root=where.folder)
        try:
            plan = read_plan(path, cache, where.folder)
        except XjcError as exc:
            out.append((path.stem, False, source, None, exc.message))
            continue
        short = plan.short or derived_short(plan.title, path.stem)
        out.append((short, short in settings.archived, source, plan, None))
    return out


def _roster(plan: Plan) -> tuple[set[str], set[str]]:
    """The people and the units a plan names, in every role, as written."""
    from xiajiceng import messages as M

    people = set(plan.roster.leaders)
    units = set(plan.roster.sections)
    for t in plan.tasks:
        people.update(t.leaders)
        units.update(t.sections, t.lead, t.support)
    units.discard(M.EVERY_SECTION)
    return people, units


def _refused(where: OfficeFolder, sentence: str) -> list[SettingsProblem]:
    """设置.yaml refused as a whole: each unknown key on its line, else the sentence."""
    from xiajiceng.store.office import ARCHIVED, settings_outline

    data, lines = settings_outline(where)
    if isinstance(data, dict) and set(data) - {ARCHIVED, ALIASES}:
        return [
            SettingsProblem(UNKNOWN_KEY, lines.get((key,), 0), str(key))
            for key in data
            if key not in (ARCHIVED, ALIASES)
        ]
    return [SettingsProblem(REFUSED, text=sentence)]


def _alias_problems(
    where: OfficeFolder, settings: Settings, rosters: dict[str, tuple[set[str], set[str]]]
) -> list[SettingsProblem]:
    """Names in 人员别名 that no plan uses, and two names of one plan it makes one."""
    from xiajiceng.store.office import settings_outline

    if not settings.alias_table:
        return []
    _, lines = settings_outline(where)
    used = {n for people, units in rosters.values() for n in (*people, *units)}
    out = []
    for name, spellings in settings.alias_table.items():
        for i, other in enumerate(spellings):
            if other not in used and other != name:
                line = lines.get((ALIASES, name, i), lines.get((ALIASES, name), 0))
                out.append(SettingsProblem(UNUSED, line, other))
    for short, (people, units) in rosters.items():
        for names in (people, units):
            joined: dict[str, list[str]] = {}
            for n in sorted(names):
                joined.setdefault(settings.aliases.get(n, n), []).append(n)
            for name, together in joined.items():
                if len(together) > 1:
                    line = lines.get((ALIASES, name), 0)
                    out.append(
                        SettingsProblem(JOINS, line, name, plan=short, names=tuple(together))
                    )
    return out


def alias_notes(
    rosters: dict[str, tuple[set[str], set[str]]], settings: Settings
) -> list[AliasNote]:
    """The names across the plans that are probably one person or unit (model.aliases)."""
    from xiajiceng.usecases.importing.script import fold

    people: dict[str, set[str]] = {}
    units: dict[str, set[str]] = {}
    for short, (their_people, their_units) in rosters.items():
        for n in their_people:
            people.setdefault(n, set()).add(short)
        for n in their_units:
            units.setdefault(n, set()).add(short)
    found = probable_aliases(people, units, settings.aliases, fold)
    table = settings.alias_table
    notes = []
    for probable in found:
        person = probable.name in people or any(n in people for n in probable.others)
        uses_of = people if person else units
        spellings = (probable.name, *probable.others)
        uses = {n: tuple(sorted(_plans_of(n, uses_of, settings))) for n in spellings}
        entries = {n: table[n] for n in spellings if n in table}
        notes.append(AliasNote(probable, person, uses, entries))
    return notes


def _plans_of(name: str, uses: dict[str, set[str]], settings: Settings) -> set[str]:
    """The plans that write a name, or any spelling 人员别名 gives it."""
    out = set(uses.get(name, ()))
    for other in settings.alias_table.get(name, ()):
        out |= uses.get(other, set())
    return out
