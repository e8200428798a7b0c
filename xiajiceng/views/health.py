"""The health of a plan and its journal (xjc check), on the terminal and as JSON."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.usecases.health import CheckResult
from xiajiceng.views.formats.json import dumps


def check_lines(res: CheckResult) -> list[tuple[str, str]]:
    """(level, sentence) for everything `xjc check` found, plan first."""
    out: list[tuple[str, str]] = []
    if res.plan_error:
        out.append((M.CHECK_PROBLEM, res.plan_error))
    else:
        out.append((M.CHECK_OK, M.CHECK_PLAN_OK.format(path=res.plan_path, tasks=res.tasks)))
    if not res.journal_exists:
        out.append((M.CHECK_OK, M.CHECK_JOURNAL_NONE.format(path=res.journal_path)))
    else:
        line = M.CHECK_JOURNAL_OK.format(path=res.journal_path, events=res.events, size=res.size)
        out.append((M.CHECK_OK, line))
    for number, problem in res.bad_lines:
        out.append((M.CHECK_PROBLEM, M.CHECK_BAD_LINE.format(line=number, problem=problem)))
    if res.torn_tail:
        out.append((M.CHECK_NOTE, M.CHECK_TORN_TAIL.format(n=res.torn_tail)))
    if res.torn_file:
        out.append((M.CHECK_NOTE, M.CHECK_TORN_FILE.format(path=res.journal_path + ".torn")))
    for event_id, task in res.unknown_tasks:
        out.append((M.CHECK_PROBLEM, M.CHECK_UNKNOWN_TASK.format(id=event_id[:8], task=task)))
    for event_id in res.missing_targets:
        out.append((M.CHECK_PROBLEM, M.CHECK_MISSING_TARGET.format(id=event_id[:8])))
    if res.duplicate_ids:
        out.append((M.CHECK_NOTE, M.CHECK_DUPLICATES.format(n=len(res.duplicate_ids))))
    return out


def show_check(console: Console, res: CheckResult) -> None:
    styles = {M.CHECK_OK: "green", M.CHECK_PROBLEM: "bold red", M.CHECK_NOTE: "yellow"}
    lines = check_lines(res)
    for level, sentence in lines:
        text = Text(f"[{level}] ", style=styles[level])
        text.append(sentence)
        console.print(text, soft_wrap=True)
    problems = sum(level == M.CHECK_PROBLEM for level, _ in lines)
    summary = M.CHECK_SUMMARY_BAD.format(n=problems) if problems else M.CHECK_SUMMARY_OK
    console.print(Text(summary, style="bold"))


def check_json(res: CheckResult) -> str:
    return dumps(
        {
            "healthy": res.healthy,
            "plan": res.plan_path,
            "plan_error": res.plan_error,
            "tasks": res.tasks,
            "journal": res.journal_path,
            "journal_exists": res.journal_exists,
            "events": res.events,
            "bad_lines": [{"line": n, "problem": p} for n, p in res.bad_lines],
            "torn_tail_bytes": res.torn_tail,
            "torn_file": res.torn_file,
            "unknown_tasks": [{"event": e, "task": t} for e, t in res.unknown_tasks],
            "missing_undo_targets": res.missing_targets,
            "duplicate_ids": res.duplicate_ids,
        }
    )
