"""Storage: locating and loading plan files, reading and appending journals.

The re-exports are lazy, so that `xiajiceng.store.yamlsafe` (used by shell completion) can
be imported without pulling in the models and pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xiajiceng.env import Env
    from xiajiceng.model import Plan
    from xiajiceng.store.journal import Journal
    from xiajiceng.store.journal import journal_path as journal_path
    from xiajiceng.store.plans import PlanSource, locate, read_plan


@dataclass
class Workspace:
    """One plan and its journal, as a command works on them."""

    plan: Plan
    source: PlanSource
    journal: Journal


def open_workspace(plan_arg: str | None, env: Env) -> Workspace:
    from xiajiceng.store.cache import Cache
    from xiajiceng.store.journal import Journal
    from xiajiceng.store.journal import journal_path as journal_path
    from xiajiceng.store.plans import locate, read_plan

    cache = Cache(env.cache_dir())
    source = locate(plan_arg, env)
    plan = read_plan(source.path, cache, source.root)
    path = journal_path(source.path, source.bundled, env.data_dir())
    journal = Journal(path, warnings=env.warnings, cache=cache, root=source.root)
    return Workspace(plan=plan, source=source, journal=journal)


def __getattr__(name: str) -> Any:
    if name in {"Journal", "journal_path"}:
        from xiajiceng.store import journal

        return getattr(journal, name)
    if name in {"PlanSource", "locate", "read_plan"}:
        from xiajiceng.store import plans

        return getattr(plans, name)
    raise AttributeError(name)


__all__ = ["Journal", "PlanSource", "Workspace", "locate", "open_workspace", "read_plan"]
