"""Storage: locating and loading plan files, reading and appending journals."""

from __future__ import annotations

from dataclasses import dataclass

from ..env import Env
from ..model import Plan
from .cache import Cache
from .journal import Journal, journal_path
from .plans import PlanSource, locate, read_plan


@dataclass
class Workspace:
    """One plan and its journal, as a command works on them."""

    plan: Plan
    source: PlanSource
    journal: Journal


def open_workspace(plan_arg: str | None, env: Env) -> Workspace:
    cache = Cache(env.cache_dir())
    source = locate(plan_arg, env)
    plan = read_plan(source.path, cache)
    path = journal_path(source.path, source.bundled, env.data_dir())
    return Workspace(plan=plan, source=source, journal=Journal(path, cache=cache))


__all__ = ["Journal", "PlanSource", "Workspace", "locate", "open_workspace", "read_plan"]
