"""The health of a plan and its journal (`xjc check`): every problem, instead of stopping."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from xiajiceng.env import Env
from xiajiceng.model import (
    Op,
    Plan,
)


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

    @property
    def healthy(self) -> bool:
        return not (self.plan_error or self.bad_lines or self.unknown_tasks or self.missing_targets)


def check(plan_arg: str | None, env: Env) -> CheckResult:
    """The health of a plan and its journal; reports every problem instead of stopping."""
    from xiajiceng.errors import PlanError
    from xiajiceng.store import journal_of
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
    )
