"""Importing a plan document (xjc import) and validating a plan file (xjc validate).

The document's text is turned into plan data by pure parsing: `timelimits` and `owners` read
the small phrases; `outline` rebuilds the numbered structure; `parse` decides what is an
action, a task or a requirement and assembles the plan with a list of warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.model import Plan

if TYPE_CHECKING:
    from xiajiceng.store.plans import PlanCheck
    from xiajiceng.usecases.importing.parse import ImportWarning


@dataclass(frozen=True)
class ImportResult:
    document: Path
    output: Path
    plan: Plan
    warnings: list[ImportWarning]
    encoding: str
    written: bool = True  # False for --dry-run: output is where it would have gone
    short: str | None = None  # its short name, when it went into an office folder


def default_output(document: Path) -> Path:
    """The document's stem + .yaml, in the current folder."""
    return Path(document.stem + ".yaml")


def import_document(
    document: Path,
    output: Path | None,
    force: bool,
    today: date,
    *,
    dry_run: bool = False,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    year: int | None = None,
) -> ImportResult:
    """Read a plan document, write the plan file it describes; nothing written on failure,
    nor with `dry_run` (which does not look at the output file either). `environ` is where
    LibreOffice is looked for (.doc, .wps). Without an output file, inside an office folder
    (`cwd` in one) the plan goes into its plans folder, beside the office's other plans.
    `year` (--year) is the plan's year, for a document that names none (or the wrong one)."""
    from xiajiceng.errors import DocumentError
    from xiajiceng.store.documents import read_document
    from xiajiceng.store.office import office_of
    from xiajiceng.store.plans import check_plan
    from xiajiceng.store.planwrite import check_writable, dump_plan, write_plan
    from xiajiceng.usecases.importing.parse import parse_blocks

    office = office_of(cwd) if cwd is not None else None
    target = output if output is not None else default_output(document)
    if output is None and office is not None:
        target = office.plans_dir / target.name
    if target.exists() and document.exists() and target.resolve() == document.resolve():
        raise DocumentError(M.ERR_OUTPUT_SAME.format(path=target))
    if not dry_run:
        check_writable(target, force)
    doc = read_document(document, environ)
    try:
        draft = parse_blocks(doc.blocks, document.stem, today, year)
    except ValueError:
        raise DocumentError(M.ERR_DOC_EMPTY.format(path=document)) from None
    except LookupError:
        raise DocumentError(M.ERR_DOC_NO_TASKS.format(path=document)) from None
    lines = [f"{w.where}：{w.message}" if w.where else w.message for w in draft.warnings]
    header = (
        M.IMPORT_FILE_HEADER.format(doc=document.name, n=len(lines))
        if lines
        else M.IMPORT_FILE_HEADER_CLEAN.format(doc=document.name)
    )
    text = dump_plan(draft.data, [header, *(f"  {i}. {line}" for i, line in enumerate(lines, 1))])
    check = check_plan(text, str(target))
    if check.plan is None:
        detail = check.describe(check.problems[0])
        raise DocumentError(M.ERR_IMPORT_INVALID.format(detail=detail.rstrip("。")))
    if not dry_run:
        write_plan(target, text, force)
    short = None
    if office is not None and not dry_run and target.parent.resolve() == office.plans_dir.resolve():
        from xiajiceng.errors import PlanError
        from xiajiceng.store.office import open_office

        try:
            plans = open_office(office, None).plans
        except PlanError:  # another plan of the folder is broken: check says which
            plans = ()
        short = next((p.short for p in plans if p.source.path.name == target.name), None)
    return ImportResult(
        document, target, check.plan, draft.warnings, doc.encoding, written=not dry_run, short=short
    )


def validate_plan(plan_arg: str | None, env: Env) -> PlanCheck:
    """Every problem of a plan file (the one named, else the one a command would use), with
    its line (PlanError only if it cannot be read)."""
    from xiajiceng.store.office import locate
    from xiajiceng.store.plans import check_file

    return check_file(locate(plan_arg, env).path)
