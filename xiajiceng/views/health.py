"""The health of a plan and its journal (xjc check), on the terminal and as JSON."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.usecases.health import (
    ALIASES,
    JOINS,
    UNKNOWN_KEY,
    UNUSED,
    AliasNote,
    CheckResult,
    OfficeCheck,
    SettingsProblem,
)
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
    for _task, _kind, says in res.evidence_problems:
        out.append((M.CHECK_PROBLEM, says))
    if res.evidence_files and not res.evidence_problems:
        out.append((M.CHECK_OK, M.CHECK_EVIDENCE_OK.format(n=res.evidence_files)))
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
            "evidence_files": res.evidence_files,
            "evidence_problems": [
                {"task": t, "kind": k, "problem": p} for t, k, p in res.evidence_problems
            ],
        }
    )


# -- an office folder --------------------------------------------------------------------------

_SHOWN_PLANS = 3  # plans named for a spelling before "等 N 个方案"
_YAML_PLAIN = re.compile(r"^[^\s:,\[\]{}#&*!|>'\"%@`?-][^:,\[\]{}#]*(?<!\s)$")


def _inside(path: str, folder: str) -> str:
    """A path inside the office folder, shown from the folder: plans/营商环境.yaml."""
    head = folder.rstrip("/\\") + os.sep
    return path[len(head) :] if path.startswith(head) else path


def _yaml_name(name: str) -> str:
    """A name as an item of a YAML flow list: as it is, or quoted when YAML would read it
    otherwise."""
    return name if _YAML_PLAIN.match(name) else json.dumps(name, ensure_ascii=False)


def alias_lines(note: AliasNote) -> list[str]:
    """The lines of 人员别名 that make a probable alias one: one, or one per choice."""
    p = note.probable
    lines = []
    for choice in p.choices:
        names = [*note.table.get(p.name, ())]
        for other in choice:
            names += [other, *note.table.get(other, ())]
        spelled = ", ".join(_yaml_name(n) for n in dict.fromkeys(names) if n != p.name)
        lines.append(f"  {_yaml_name(p.name)}: [{spelled}]")
    return lines


def _used(name: str, note: AliasNote) -> str:
    plans = note.uses.get(name, ())
    shown = "、".join(plans[:_SHOWN_PLANS])
    if len(plans) > _SHOWN_PLANS:
        shown = M.CHECK_ALIAS_MANY_PLANS.format(plans=shown, n=len(plans))
    return M.CHECK_ALIAS_USE.format(name=name, plans=shown)


def alias_sentence(note: AliasNote, settings_file: str) -> str:
    """What a probable alias is, and what to do if it is one (the lines follow it)."""
    p = note.probable
    if p.ambiguous:
        names = "、".join(_used(n, note) for n in p.others)
        plans = "、".join(note.uses.get(p.name, ()))
        said = M.CHECK_ALIAS_ONE_OF.format(name=p.name, plans=plans, names=names)
    else:
        names = "、".join(_used(n, note) for n in (p.name, *p.others))
        what = M.CHECK_ALIAS_PERSON if note.person else M.CHECK_ALIAS_UNIT
        said = M.CHECK_ALIAS_SAME.format(names=names, what=what, rule=M.CHECK_ALIAS_RULES[p.rule])
    if note.table:
        keys = "、".join(f"“{k}”" for k in note.table)
        todo = M.CHECK_ALIAS_CHANGE_ONE if p.ambiguous else M.CHECK_ALIAS_CHANGE
        return said + todo.format(file=settings_file, keys=keys)
    todo = M.CHECK_ALIAS_ADD_ONE if p.ambiguous else M.CHECK_ALIAS_ADD
    return said + todo.format(file=settings_file)


def settings_sentence(problem: SettingsProblem, file: str) -> str:
    if problem.kind == UNKNOWN_KEY:
        return M.CHECK_SETTINGS_KEY.format(file=file, line=problem.line, key=problem.name)
    if problem.kind == UNUSED:
        return M.CHECK_ALIAS_UNUSED.format(file=file, line=problem.line, name=problem.name)
    if problem.kind == JOINS:
        names = "、".join(f"“{n}”" for n in problem.names)
        return M.CHECK_ALIAS_JOINS.format(
            file=file, line=problem.line, plan=problem.plan, names=names, name=problem.name
        )
    return problem.text


def office_sections(res: OfficeCheck) -> list[tuple[str, list[tuple[str, str, list[str]]]]]:
    """(heading, [(level, sentence, lines to copy)]) for each part of an office's check."""
    sections: list[tuple[str, list[tuple[str, str, list[str]]]]] = []
    if res.problems:
        sections.append((M.CHECK_SECTION_OFFICE, [(M.CHECK_PROBLEM, p, []) for p in res.problems]))
    for plan in res.plans:
        shown = replace(
            plan.result,
            plan_path=_inside(plan.result.plan_path, res.folder),
            journal_path=_inside(plan.result.journal_path, res.folder),
        )
        archived = M.CHECK_SECTION_ARCHIVED if plan.archived else ""
        heading = M.CHECK_SECTION_PLAN.format(short=plan.short, archived=archived)
        sections.append((heading, [(lv, s, []) for lv, s in check_lines(shown)]))
    settings_file = _inside(res.settings_path, res.folder)
    found: list[tuple[str, str, list[str]]] = [
        (M.CHECK_PROBLEM, settings_sentence(p, settings_file), []) for p in res.settings_problems
    ]
    if not found:
        fine = M.CHECK_SETTINGS_OK.format(aliases=res.aliases, archived=res.archived)
        found = [(M.CHECK_OK, fine if res.settings_exists else M.CHECK_SETTINGS_NONE, [])]
    sections.append((M.CHECK_SECTION_SETTINGS.format(path=settings_file), found))
    notes: list[tuple[str, str, list[str]]] = []
    header = [] if res.aliases else [f"{ALIASES}:"]
    for note in res.notes:
        notes.append(
            (M.CHECK_NOTE, alias_sentence(note, settings_file), header + alias_lines(note))
        )
        header = []
    if not notes:
        notes = [(M.CHECK_OK, M.CHECK_NAMES_NONE, [])]
    sections.append((M.CHECK_SECTION_NAMES.format(n=res.names), notes))
    return sections


def show_office_check(console: Console, res: OfficeCheck) -> None:
    styles = {M.CHECK_OK: "green", M.CHECK_PROBLEM: "bold red", M.CHECK_NOTE: "yellow"}
    archived = M.CHECK_OFFICE_ARCHIVED.format(n=res.archived) if res.archived else ""
    line = M.CHECK_OFFICE.format(folder=res.folder, n=len(res.plans), archived=archived)
    console.print(Text(line, style="bold"), soft_wrap=True)
    problems = notes = 0
    for heading, found in office_sections(res):
        console.print()
        console.print(Text(heading, style="bold"), soft_wrap=True)
        for level, sentence, lines in found:
            text = Text(f"[{level}] ", style=styles[level])
            text.append(sentence)
            console.print(text, soft_wrap=True)
            for copy in lines:
                console.print(Text("    " + copy, style="cyan"), soft_wrap=True)
            problems += level == M.CHECK_PROBLEM
            notes += level == M.CHECK_NOTE
    console.print()
    summary = M.CHECK_SUMMARY_BAD.format(n=problems) if problems else M.CHECK_SUMMARY_OK
    if notes:
        summary += M.CHECK_SUMMARY_NOTES.format(n=notes)
    console.print(Text(summary, style="bold"), soft_wrap=True)


def _plan_json(res: CheckResult) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(check_json(res))
    return found


def office_check_json(res: OfficeCheck) -> str:
    return dumps(
        {
            "healthy": res.healthy,
            "office": res.folder,
            "problems": res.problems,
            "plans": [
                {"short": p.short, "archived": p.archived, **_plan_json(p.result)}
                for p in res.plans
            ],
            "settings": {
                "path": res.settings_path,
                "exists": res.settings_exists,
                "problems": [
                    {
                        "kind": p.kind,
                        "line": p.line or None,
                        "name": p.name or None,
                        "plan": p.plan or None,
                        "names": list(p.names),
                        "message": settings_sentence(p, res.settings_path),
                    }
                    for p in res.settings_problems
                ],
            },
            "probable_aliases": [
                {
                    "name": n.probable.name,
                    "others": list(n.probable.others),
                    "choices": [list(c) for c in n.probable.choices],
                    "rule": n.probable.rule,
                    "person": n.person,
                    "uses": {k: list(v) for k, v in n.uses.items()},
                    "lines": alias_lines(n),
                }
                for n in res.notes
            ],
        }
    )
