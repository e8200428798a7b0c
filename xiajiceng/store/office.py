"""An office folder: the folder `xjc init` makes, holding every plan an office supervises.

The folder's marker (.xjc) names its plans folder (`plans/`); every .yaml file there is a
plan, each with its journal beside it. A marker written by an older xjc names one plan file:
its folder is the plans folder all the same. The office's own settings are in 设置.yaml at the
folder's top: which plans are archived (已归档) and which names are one person or unit
(人员别名). Nothing here is reached through a link that leaves the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M
from xiajiceng.errors import PlanError, UsageError
from xiajiceng.model.events import Event, TaskState
from xiajiceng.model.plan import SEPARATOR
from xiajiceng.store.journal import Journal, Snapshot
from xiajiceng.store.plans import MARKER, PlanSource

if TYPE_CHECKING:
    from xiajiceng.env import Env
    from xiajiceng.model import Plan
    from xiajiceng.store import Workspace
    from xiajiceng.store.cache import Cache

SETTINGS = "设置.yaml"
ARCHIVED = "已归档"
ALIASES = "人员别名"
MAX_SETTINGS_BYTES = 1024 * 1024
MAX_PLANS = 1000  # plan files read from one plans folder (README: Limits)
MAX_MARKER_BYTES = 64 * 1024


@dataclass(frozen=True)
class OfficeFolder:
    folder: Path  # where the marker is
    plans_dir: Path  # where the plans are


@dataclass(frozen=True)
class Settings:
    archived: tuple[str, ...] = ()  # short names
    aliases: dict[str, str] = field(default_factory=dict)  # a name → the name it stands for
    # the alias table as written: the name → its other spellings
    alias_table: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class OfficePlan:
    short: str
    source: PlanSource
    plan: Plan
    archived: bool


@dataclass(frozen=True)
class Office:
    where: OfficeFolder
    plans: tuple[OfficePlan, ...]
    settings: Settings

    @property
    def active(self) -> tuple[OfficePlan, ...]:
        return tuple(p for p in self.plans if not p.archived)

    @property
    def settings_path(self) -> Path:
        return self.where.folder / SETTINGS


def office_of(start: Path) -> OfficeFolder | None:
    """The office folder of the nearest .xjc marker in start or a folder above it."""
    from xiajiceng.store import paths

    for folder in (start, *start.parents):
        marker = folder / MARKER
        try:
            if not marker.is_file():
                continue
            paths.refuse_link(marker)
            raw = paths.read_regular(marker, MAX_MARKER_BYTES)
            lines = raw.decode("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        entries = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        if not entries:
            continue
        named = folder / entries[0]
        paths.check_inside(named, folder)
        if named.is_dir():
            return OfficeFolder(folder, named)
        if not named.is_file():
            raise PlanError(M.ERR_MARKER.format(marker=marker, plan=named))
        return OfficeFolder(folder, named.parent)
    return None


def plan_files(where: OfficeFolder) -> list[Path]:
    """The plan files of the plans folder, by name: its .yaml files, not hidden ones."""
    from xiajiceng.store import paths

    paths.check_inside(where.plans_dir, where.folder)
    try:
        found = sorted(
            p
            for p in where.plans_dir.iterdir()
            if p.suffix.lower() in {".yaml", ".yml"} and not p.name.startswith(".")
        )
    except OSError as exc:
        raise PlanError(
            M.ERR_OFFICE_UNREADABLE.format(path=where.plans_dir, reason=exc.strerror)
        ) from None
    if len(found) > MAX_PLANS:
        raise PlanError(M.ERR_OFFICE_TOO_MANY.format(path=where.plans_dir, limit=MAX_PLANS))
    return found


def read_settings(where: OfficeFolder) -> Settings:
    """设置.yaml, or the defaults when there is none; PlanError naming what is wrong."""
    from xiajiceng.store import paths, yamlsafe

    path = where.folder / SETTINGS
    try:
        paths.refuse_link(path)
        raw = paths.read_regular(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings()
    except paths.TooBig:
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_TOO_BIG)) from None
    except (OSError, paths.NotRegular):
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_UNREADABLE)) from None
    try:
        data = yamlsafe.load_data(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yamlsafe.YamlProblem):
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_NOT_YAML)) from None
    if data is None:
        return Settings()
    if not isinstance(data, dict) or set(data) - {ARCHIVED, ALIASES}:
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_KEYS))
    archived = _texts(data.get(ARCHIVED) or [], path)
    table = data.get(ALIASES) or {}
    if not isinstance(table, dict):
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_ALIASES))
    aliases: dict[str, str] = {}
    alias_table: dict[str, tuple[str, ...]] = {}
    for name, others in table.items():
        spellings = _texts(others if isinstance(others, list) else [others], path)
        alias_table[str(name)] = spellings
        for other in spellings:
            if other in aliases and aliases[other] != name:
                problem = M.SETTINGS_ALIAS_TWICE.format(name=other)
                raise PlanError(M.ERR_SETTINGS.format(path=path, problem=problem))
            if other != name:
                aliases[other] = str(name)
    return Settings(tuple(archived), aliases, alias_table)


def _texts(value: Any, path: Path) -> tuple[str, ...]:
    from xiajiceng.text import first_control

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_NOT_NAMES))
    if any(first_control(v) is not None for v in value):
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=M.SETTINGS_NOT_NAMES))
    return tuple(v.strip() for v in value)


def write_archived(office: Office, archived: list[str]) -> None:
    """设置.yaml with `已归档` set to these short names (the alias table kept as it was)."""
    import yaml

    from xiajiceng.store import paths
    from xiajiceng.store.files import write_atomic

    path = office.settings_path
    paths.refuse_link(path)
    data: dict[str, Any] = {}
    if archived:
        data[ARCHIVED] = list(archived)
    if office.settings.alias_table:
        data[ALIASES] = {k: list(v) for k, v in office.settings.alias_table.items()}
    text = M.SETTINGS_HEADER + "\n"
    if data:
        text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise PlanError(M.ERR_SETTINGS.format(path=path, problem=exc.strerror)) from None


def open_office(where: OfficeFolder, cache: Cache | None) -> Office:
    """Every plan of the folder, loaded (from the cache when it holds), with its short name:
    its 简称, else one derived from its title (or, when two derive the same, its file's
    name). Two plans that write the same 简称 are refused."""
    from xiajiceng.model.plan import derived_short
    from xiajiceng.store.plans import read_plan

    settings = read_settings(where)
    loaded = []
    for path in plan_files(where):
        source = PlanSource(path, bundled=False, root=where.folder)
        loaded.append((source, read_plan(path, cache, where.folder)))
    given: dict[str, Path] = {}
    for source, plan in loaded:
        if plan.short:
            if plan.short in given:
                raise PlanError(
                    M.ERR_SHORT_TWICE.format(
                        short=plan.short, first=given[plan.short].name, second=source.path.name
                    )
                )
            given[plan.short] = source.path
    derived = {id(plan): derived_short(plan.title, s.path.stem) for s, plan in loaded}
    counts: dict[str, int] = {}
    for _, plan in loaded:
        name = plan.short or derived[id(plan)]
        counts[name] = counts.get(name, 0) + 1
    plans = []
    taken = set(given)
    for source, plan in loaded:
        short = plan.short or derived[id(plan)]
        if not plan.short and (counts[short] > 1 or short in given):
            short = source.path.stem
        while short in taken and not plan.short:
            short += "_"
        taken.add(short)
        plans.append(OfficePlan(short, source, plan, archived=short in settings.archived))
    return Office(where, tuple(plans), settings)


def pick(office: Office, given: str) -> OfficePlan:
    """The plan named by its short name, a unique beginning of it or its pinyin."""
    from xiajiceng.model.names import match_name

    shorts = [p.short for p in office.plans]
    if not shorts:
        raise UsageError(M.ERR_OFFICE_EMPTY.format(path=office.where.plans_dir))
    name = match_name(given, shorts, M.ROLE_PLAN)
    return next(p for p in office.plans if p.short == name)


def locate_office(env: Env) -> OfficeFolder | None:
    """The office folder we are in, unless a plan file is set by $XJC_PLAN."""
    if env.plan_setting():
        return None
    return office_of(env.cwd())


def _names_a_file(given: str, path: Path) -> bool:
    """--plan PLAN.yaml (a file), not --plan 下基层 (a short name)."""
    return (
        path.exists() or path.suffix.lower() in {".yaml", ".yml"} or "/" in given or "\\" in given
    )


def locate(
    plan_arg: str | None, env: Env, folder: bool = True, cache: Cache | None = None
) -> PlanSource:
    """One plan: --plan FILE or, in an office folder, --plan NAME (its short name, a
    beginning or pinyin); else $XJC_PLAN; else the office folder's only active plan (with
    several, UsageError listing them); else the bundled plan."""
    from xiajiceng.store.plans import bundled_plan_path

    where = office_of(env.cwd()) if folder else None
    if plan_arg:
        path = Path(plan_arg).expanduser()
        if where is not None and not _names_a_file(plan_arg, path):
            return pick(open_office(where, cache), plan_arg).source
        return PlanSource(path, bundled=False, root=path.parent)
    setting = env.plan_setting()
    if setting:
        path = Path(setting).expanduser()
        return PlanSource(path, bundled=False, root=path.parent)
    if where is not None:
        office = open_office(where, cache)
        active = office.active or office.plans
        if len(active) == 1:
            return active[0].source
        if not active:
            raise UsageError(M.ERR_OFFICE_EMPTY.format(path=where.plans_dir))
        names = "、".join(p.short for p in active)
        raise UsageError(M.ERR_OFFICE_WHICH.format(n=len(active), names=names))
    path = bundled_plan_path()
    return PlanSource(path, bundled=True, root=path.parent)


@dataclass
class OfficeJournal(Journal):
    """The journals of several plans read as one, for views across an office folder: each
    event's task is named short:id (下基层:2.3). Read only: a change goes to one plan's own
    journal."""

    parts: tuple[tuple[str, Journal], ...] = ()

    def _split(self, task_ids: Sequence[str]) -> dict[str, list[str]]:
        wanted: dict[str, list[str]] = {}
        for tid in task_ids:
            short, _, local = tid.partition(SEPARATOR)
            wanted.setdefault(short, []).append(local)
        return wanted

    def states(self, task_ids: Sequence[str], as_of: date) -> dict[str, TaskState]:
        wanted = self._split(task_ids)
        out: dict[str, TaskState] = {}
        for short, journal in self.parts:
            if short in wanted:
                got = journal.states(wanted[short], as_of)
                out.update((f"{short}{SEPARATOR}{k}", v) for k, v in got.items())
        return out

    def release(self) -> None:
        for _, journal in self.parts:
            journal.release()

    def read(self) -> list[Event]:
        new = tuple.__new__  # e._replace(task=…) for 100,000 events, without its Python call
        events = [
            new(Event, (*e[:2], f"{short}{SEPARATOR}{e.task}" if e.task else e.task, *e[3:]))
            for short, journal in self.parts
            for e in journal.read()
        ]
        events.sort(key=Event.sort_key)
        return events

    def read_about(self, needle: str) -> list[Event]:
        short, _, local = needle.partition(SEPARATOR)
        for name, journal in self.parts:
            if name == short:
                return [
                    e._replace(task=f"{short}{SEPARATOR}{e.task}" if e.task else e.task)
                    for e in journal.read_about(local)
                ]
        return []

    def snapshot(self) -> Snapshot:  # pragma: no cover - a programming error
        raise RuntimeError("an office's journals are written one plan at a time")

    def append(self, make: Callable[[Snapshot], list[Event]]) -> list[Event]:  # pragma: no cover
        raise RuntimeError("an office's journals are written one plan at a time")


def office_workspace(
    office: Office, env: Env, cache: Cache | None, plans: Sequence[OfficePlan]
) -> Workspace:
    """The plans together as one workspace (see model.plan.union); `plans` non-empty."""
    from xiajiceng.model.plan import union
    from xiajiceng.store import Workspace, journal_of

    title = M.OFFICE_TITLE.format(folder=office.where.folder.resolve().name, n=len(plans))
    plan = union([(p.short, p.plan) for p in plans], title, office.settings.aliases)
    parts = tuple((p.short, journal_of(p.source, env, cache)) for p in plans)
    journal = OfficeJournal(
        office.where.folder, warnings=env.warnings, root=office.where.folder, parts=parts
    )
    source = PlanSource(office.where.folder, bundled=False, root=office.where.folder)
    return Workspace(plan=plan, source=source, journal=journal)


def settings_outline(where: OfficeFolder) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    """设置.yaml as plain data with the line of every key and item, for xjc check to say
    where a problem is; (None, {}) when there is none or it cannot be read as YAML
    (read_settings says why)."""
    from xiajiceng.errors import XjcError
    from xiajiceng.store import paths, yamlsafe

    path = where.folder / SETTINGS
    try:
        paths.refuse_link(path)
        raw = paths.read_regular(path, MAX_SETTINGS_BYTES)
        data, positions = yamlsafe.load(raw.decode("utf-8-sig"))
    except (OSError, ValueError, XjcError, yamlsafe.YamlProblem):
        return None, {}
    return data, {loc: pos.line for loc, pos in positions.items()}
