"""Storage: locating and loading plan files, reading and appending journals, the caches, the
files xjc reads from outside (sheets, documents) and writes (ledgers, reports), git.

A command's plan and journal are put together here, once: `open_workspace`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiajiceng.env import Env
    from xiajiceng.model import Plan
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.journal import Journal
    from xiajiceng.store.office import Office, OfficePlan
    from xiajiceng.store.plans import PlanSource


@dataclass
class Workspace:
    """One plan and its journal, as a command works on them."""

    plan: Plan
    source: PlanSource
    journal: Journal


def journal_of(source: PlanSource, env: Env, cache: Cache | None = None) -> Journal:
    """The journal of a plan: beside it, or in the user data folder for the bundled plan;
    its warnings go to the command's environment."""
    from xiajiceng.store.cache import OFF
    from xiajiceng.store.journal import Journal, journal_path

    path = journal_path(source.path, source.bundled, env.data_dir())
    return Journal(path, warnings=env.warnings, cache=cache or OFF, root=source.root)


def open_plan(plan_arg: str | None, env: Env) -> Plan:
    """The plan a command works on (--plan, $XJC_PLAN, the plan folder, or the bundled one)."""
    return open_workspace(plan_arg, env, journal=False).plan


def open_workspace(plan_arg: str | None, env: Env, journal: bool = True) -> Workspace:
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import locate
    from xiajiceng.store.plans import read_plan

    cache = Cache(env.cache_dir())
    source = locate(plan_arg, env, cache=cache)
    plan = read_plan(source.path, cache, source.root)
    return Workspace(plan=plan, source=source, journal=journal_of(source, env, cache))


def open_source(source: PlanSource, env: Env, plan: Plan | None = None) -> Workspace:
    """The workspace of a plan already found (one plan of an office folder, maybe loaded)."""
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.plans import read_plan

    cache = Cache(env.cache_dir())
    if plan is None:
        plan = read_plan(source.path, cache, source.root)
    return Workspace(plan=plan, source=source, journal=journal_of(source, env, cache))


def open_office_here(env: Env) -> Office | None:
    """The office folder we are in, with its plans loaded (None outside one, or when
    $XJC_PLAN names a plan file)."""
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import locate_office, open_office

    where = locate_office(env)
    return open_office(where, Cache(env.cache_dir())) if where is not None else None


def open_together(office: Office, env: Env, plans: Sequence[OfficePlan]) -> Workspace:
    """Several plans of an office as one workspace, for views across them."""
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.office import office_workspace

    return office_workspace(office, env, Cache(env.cache_dir()), plans)


__all__ = [
    "Workspace",
    "journal_of",
    "open_office_here",
    "open_plan",
    "open_source",
    "open_together",
    "open_workspace",
]
