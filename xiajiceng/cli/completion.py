"""Shell completion: task ids with their titles, leaders, sections, status words, plan files.

typer answers a Tab through these functions. The plan comes through the use case that every
command reads it with (from the cache of validated plans when it holds these very bytes),
and anything that goes wrong yields no suggestions rather than an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiajiceng import messages as M

if TYPE_CHECKING:
    from xiajiceng.model import Plan

Item = tuple[str, str]  # (value, help shown beside it by zsh, fish and PowerShell)


def _plain(text: str) -> str:
    """Help shown as written: typer renders it as rich markup, so "[" is escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[")


def _plan(ctx: Any) -> Plan | None:
    """The plan named by --plan on the command line, $XJC_PLAN, the folder, or the bundled one."""
    try:
        from xiajiceng.env import Env
        from xiajiceng.usecases.tasks import plan_of

        params = getattr(ctx, "params", None) or {}
        env = getattr(ctx, "obj", None)
        return plan_of(params.get("plan"), env if isinstance(env, Env) else Env())
    except Exception:  # completion never fails loudly
        return None


def _matching(names: list[str], incomplete: str) -> list[Item]:
    """Names that start with what was typed. (typer keeps only values that start with the
    typed word, so `swq` cannot complete to 沈伟强; the command itself accepts `swq`.)"""
    return [(n, "") for n in names if n.startswith(incomplete.strip())]


def complete_task(ctx: Any, incomplete: str) -> list[Item]:
    plan = _plan(ctx)
    if plan is None:
        return []
    typed = incomplete.strip().replace("-", ".").replace("．", ".")
    return [
        (t.id, _plain(f"{t.title}（{_owners(t)}）")) for t in plan.tasks if t.id.startswith(typed)
    ]


def _owners(t: Any) -> str:
    """Leaders; and the units (责任科室, else the lead units), as a description says them."""
    return f"{'、'.join(t.leaders)}；{'、'.join(t.sections or t.lead)}"


def complete_leader(ctx: Any, incomplete: str) -> list[Item]:
    plan = _plan(ctx)
    return _matching(list(plan.roster.leaders), incomplete) if plan else []


def complete_section(ctx: Any, incomplete: str) -> list[Item]:
    plan = _plan(ctx)
    return _matching(list(plan.roster.sections), incomplete) if plan else []


def _status_items() -> list[Item]:
    items: list[Item] = []
    for value, label in M.STATUS_LABELS.items():
        items += [(label, value), (value, label)]
    return items


def complete_status(incomplete: str) -> list[Item]:
    """Status words for mark (未启动/todo …)."""
    return [(v, h) for v, h in _status_items() if v.startswith(incomplete.strip().lower())]


def complete_list_status(incomplete: str) -> list[Item]:
    """Status words for filters: the four statuses, open (未完成) and overdue (逾期)."""
    items = _status_items() + [
        ("open", M.OPEN),
        (M.OPEN, "open"),
        ("overdue", M.OVERDUE),
        (M.OVERDUE, "overdue"),
    ]
    return [(v, h) for v, h in items if v.startswith(incomplete.strip().lower())]


def complete_plan(ctx: Any, incomplete: str) -> list[Item]:
    """The short names of an office folder's plans, YAML files and folders under the folder
    being typed."""
    folder, sep, stem = incomplete.rpartition("/")
    base = Path(folder + sep).expanduser() if sep else Path(".")
    out: list[Item] = []
    if not sep:
        try:
            from xiajiceng.env import Env
            from xiajiceng.usecases.tasks import plan_names

            env = getattr(ctx, "obj", None)
            shorts = plan_names(env if isinstance(env, Env) else Env())
        except Exception:  # completion never fails loudly
            shorts = []
        out += [(s, "") for s in shorts if s.startswith(stem)]
    try:
        entries = sorted(base.iterdir())
    except OSError:
        return out
    for p in entries:
        if p.name.startswith(".") or not p.name.startswith(stem):
            continue
        shown = f"{folder}{sep}{p.name}"
        if p.is_dir():
            out.append((shown + "/", ""))
        elif p.suffix.lower() in {".yaml", ".yml"}:
            out.append((shown, ""))
    return out
