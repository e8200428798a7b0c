"""Shell completion: task ids with their titles, leaders, sections, status words, plan files.

Completion runs on every Tab, so it must be quick: no rich, no pydantic, no models. The plan
is read with the project's YAML loader (plain data) only when a value is being completed,
and anything that goes wrong yields no suggestions rather than an error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import messages as M

Item = tuple[str, str]  # (value, help shown beside it by zsh, fish and PowerShell)

_SPLIT = re.compile(r"[、，,\s]+")


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [n for n in _SPLIT.split(value) if n]
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _plan_data(ctx: Any) -> dict[str, Any]:
    """The plan named by --plan on the command line, $XJC_PLAN, or the bundled plan.

    As plain data; kept as JSON in the user cache directory, keyed by the length and
    CRC-32 of the plan's bytes (a stale entry would cost a wrong suggestion, never a wrong
    record), so that a Tab does not import and run the YAML parser each time.
    """
    try:
        import json
        import zlib

        from .env import Env
        from .store.plans import locate

        env = Env()
        params = getattr(ctx, "params", None) or {}
        raw = locate(params.get("plan"), env).path.read_bytes()
        cache_dir = env.cache_dir()
        cached = None
        if cache_dir is not None:
            cached = cache_dir / "completion" / f"{len(raw)}-{zlib.crc32(raw):08x}.json"
            try:
                data = json.loads(cached.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    return data
            except (OSError, ValueError):
                pass
        from .store import yamlsafe

        data, _ = yamlsafe.load(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            return {}
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            except (OSError, TypeError):
                pass
        return data
    except Exception:  # completion never fails loudly
        return {}


def _roster(ctx: Any, key: str) -> list[str]:
    people = _plan_data(ctx).get("人员")
    return _names(people.get(key)) if isinstance(people, dict) else []


def _tasks(ctx: Any) -> list[Item]:
    out: list[Item] = []
    actions = _plan_data(ctx).get("专项行动")
    for action in actions if isinstance(actions, list) else []:
        if not isinstance(action, dict):
            continue
        tasks = action.get("任务")
        for task in tasks if isinstance(tasks, list) else []:
            if not isinstance(task, dict):
                continue
            task_id = f"{action.get('编号')}.{task.get('编号')}"
            leaders = "、".join(_names(task.get("责任领导")))
            sections = "、".join(_names(task.get("责任科室")))
            out.append((task_id, f"{task.get('标题', '')}（{leaders}；{sections}）"))
    return out


def _matching(names: list[str], incomplete: str) -> list[Item]:
    """Names that start with what was typed. (typer keeps only values that start with the
    typed word, so `swq` cannot complete to 沈伟强; the command itself accepts `swq`.)"""
    return [(n, "") for n in names if n.startswith(incomplete.strip())]


def complete_task(ctx: Any, incomplete: str) -> list[Item]:
    typed = incomplete.strip().replace("-", ".").replace("．", ".")
    return [(i, h) for i, h in _tasks(ctx) if i.startswith(typed)]


def complete_leader(ctx: Any, incomplete: str) -> list[Item]:
    return _matching(_roster(ctx, "责任领导"), incomplete)


def complete_section(ctx: Any, incomplete: str) -> list[Item]:
    return _matching(_roster(ctx, "科室"), incomplete)


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


def complete_plan(incomplete: str) -> list[Item]:
    """YAML files and folders under the folder being typed."""
    folder, sep, stem = incomplete.rpartition("/")
    base = Path(folder + sep).expanduser() if sep else Path(".")
    out: list[Item] = []
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


def plain_completion_help() -> None:
    """Show help beside completions as plain text.

    Typer passes it through rich's markup renderer, which imports rich on every Tab and
    would read a task title such as "[bold]…" as markup.
    """
    try:
        from typer import _completion_classes

        _completion_classes._sanitize_help_text = lambda text: text
    except (ImportError, AttributeError):  # another typer: its own behaviour stands
        pass
