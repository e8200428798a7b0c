"""xjc's commands. Each turns its arguments into values, calls one use case and hands the
result to a view; the environment (streams, clock, variables) comes in as the context's obj.

Use cases and views are imported inside the commands, so that a command pays only for what
it uses (rich for a terminal, pydantic for a plan not in the cache).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xiajiceng import __version__
from xiajiceng import messages as M
from xiajiceng.cli import options as o
from xiajiceng.cli.completion import complete_status, complete_task
from xiajiceng.cli.group import Command, lazy_group
from xiajiceng.cli.options import (
    ActionOpt,
    AsOfOpt,
    AssigneeOpt,
    ByOpt,
    DateOpt,
    JsonOpt,
    LeaderOpt,
    NoteOpt,
    PlanOpt,
    SectionOpt,
    StatusOpt,
    TableOpt,
    TaskArg,
    UnitOpt,
)
from xiajiceng.cli.output import Output
from xiajiceng.env import Env
from xiajiceng.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from xiajiceng.usecases import Workspace
    from xiajiceng.usecases.record import Stamp, WriteResult

commands = typer.Typer()  # the subcommands; the root group builds only the one that runs
app = typer.Typer(
    name="xjc",
    cls=lazy_group(commands),
    help=M.HELP_APP,
    add_completion=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no rich import, no box drawing in CJK terminals
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _env(ctx: typer.Context) -> Env:
    env: Env = ctx.obj
    return env


def _workspace(plan: str | None, env: Env) -> Workspace:
    from xiajiceng.usecases import workspace

    return workspace(plan, env)


def _scope(plan: str | None, env: Env) -> Workspace:
    """What a view covers: every active plan of an office folder, unless --plan names one."""
    from xiajiceng.usecases.office import scope

    return scope(plan, env)


def _task(plan: str | None, given: str, env: Env) -> tuple[Workspace, str]:
    """The plan a task is in (下基层:2.3, or a bare 2.3 that only one plan has) and its id."""
    from xiajiceng.usecases.office import task_workspace

    return task_workspace(plan, given, env)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        _env(ctx).stdout.write(f"xjc {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=M.HELP_OPT_VERSION),
    ] = False,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
) -> None:
    if ctx.invoked_subcommand is None:  # bare `xjc`: the overview (概览)
        overview_cmd(ctx, as_of=as_of, plan=plan)
    elif as_of is not None or plan is not None:
        given = "--as-of" if as_of is not None else "--plan"
        raise UsageError(M.ERR_ROOT_OPTION.format(given=given, command=ctx.invoked_subcommand))


# -- reading tasks: list, show -------------------------------------------------------------------


@commands.command("list", cls=Command, help=M.HELP_LIST)
def list_cmd(
    ctx: typer.Context,
    leader: LeaderOpt = None,
    section: SectionOpt = None,
    unit: UnitOpt = None,
    action: ActionOpt = None,
    status: StatusOpt = None,
    assignee: AssigneeOpt = None,
    limit: Annotated[
        str | None, typer.Option("--limit", help=M.HELP_OPT_LIMIT, metavar="N")
    ] = None,
    due_within: Annotated[
        str | None, typer.Option("--due-within", help=M.HELP_OPT_DUE_WITHIN, metavar="N")
    ] = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng.usecases import tasks
    from xiajiceng.views import tasks as view
    from xiajiceng.views.formats.json import list_json

    env = _env(ctx)
    within = tasks.parse_due_within(due_within) if due_within is not None else None
    ws = _scope(plan, env)
    res = tasks.list_tasks(
        ws, o.as_of(as_of, env), o.query(ws, leader, section, action, status, assignee, unit)
    )
    if within is not None:
        res = tasks.due_within(res, within)
    res = res.limited(o.limit(limit))
    Output(env).emit(
        as_json,
        lambda: list_json(res),
        lambda c: view.show_list(c, res, workdays=True if within is not None else None),
        to_tsv=None if table else lambda: view.list_tsv(res),
    )


@commands.command("show", cls=Command, help=M.HELP_SHOW)
def show_cmd(
    ctx: typer.Context,
    task: TaskArg,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from xiajiceng.usecases import tasks
    from xiajiceng.views import tasks as view

    env = _env(ctx)
    ws, task_id = _task(plan, task, env)
    res = tasks.show_task(ws, task_id, o.as_of(as_of, env))
    Output(env).emit(as_json, lambda: view.show_json(res), lambda c: view.show_task(c, res))


# -- recording changes: assign, mark, done, reopen, undo ----------------------------------------


def _change(
    ctx: typer.Context,
    plan: str | None,
    task: str,
    date: str | None,
    by: str | None,
    write: Callable[[Workspace, str, Stamp], WriteResult],
) -> None:
    """What the commands that record a change of one task share: find the task's plan,
    stamp the change (date, who), write it, say what was recorded."""
    env = _env(ctx)
    ws, task_id = _task(plan, task, env)
    _recorded(env, ws, write(ws, task_id, o.stamp(ws, date, by, env)))


def _recorded(env: Env, ws: Workspace, res: WriteResult) -> None:
    from xiajiceng.views.record import show_written

    show_written(Output(env).console(), res, ws.plan)


@commands.command("assign", cls=Command, help=M.HELP_ASSIGN)
def assign_cmd(
    ctx: typer.Context,
    task: TaskArg,
    names: Annotated[
        list[str] | None,
        typer.Argument(help=M.HELP_ARG_NAMES, metavar="NAME…", show_default=False),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", "-r", help=M.HELP_OPT_REMOVE, metavar="NAME", show_default=False),
    ] = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    env = _env(ctx)
    ws, task_id = _task(plan, task, env)
    stamp = o.stamp(ws, date, by, env)
    _recorded(env, ws, record.assign(ws, task_id, names or [], remove or [], stamp))


@commands.command("mark", cls=Command, help=M.HELP_MARK)
def mark_cmd(
    ctx: typer.Context,
    task: TaskArg,
    status: Annotated[
        str | None,
        typer.Argument(
            help=M.HELP_ARG_STATUS,
            metavar="[STATUS]",
            show_default=False,
            autocompletion=complete_status,
        ),
    ] = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.model.names import parse_status
    from xiajiceng.usecases import record

    env = _env(ctx)
    ws, task_id = _task(plan, task, env)
    new_status = parse_status(status) if status is not None else None
    _recorded(env, ws, record.mark(ws, task_id, new_status, note, o.stamp(ws, date, by, env)))


@commands.command("done", cls=Command, help=M.HELP_DONE)
def done_cmd(
    ctx: typer.Context,
    task: TaskArg,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    _change(ctx, plan, task, date, by, lambda ws, t, s: record.done(ws, t, note, s))


@commands.command("reopen", cls=Command, help=M.HELP_REOPEN)
def reopen_cmd(
    ctx: typer.Context,
    task: TaskArg,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    _change(ctx, plan, task, date, by, lambda ws, t, s: record.reopen(ws, t, note, s))


@commands.command("undo", cls=Command, help=M.HELP_UNDO)
def undo_cmd(
    ctx: typer.Context,
    event: Annotated[
        str | None,
        typer.Argument(help=M.HELP_ARG_EVENT, metavar="[EVENT]", show_default=False),
    ] = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    env = _env(ctx)
    from xiajiceng.usecases.office import undo_workspace

    ws = undo_workspace(plan, event, env)
    _recorded(env, ws, record.undo(ws, event, o.stamp(ws, date, by, env)))


# -- the supervision cycle: verify, reject (办结需审核), attach (佐证材料) --------------------


@commands.command("verify", cls=Command, help=M.HELP_VERIFY)
def verify_cmd(
    ctx: typer.Context,
    task: TaskArg,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    _change(ctx, plan, task, date, by, lambda ws, t, s: record.verify(ws, t, note, s))


@commands.command("reject", cls=Command, help=M.HELP_REJECT)
def reject_cmd(
    ctx: typer.Context,
    task: TaskArg,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", "-n", help=M.HELP_OPT_REJECT_NOTE, metavar="TEXT", show_default=False
        ),
    ] = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import record

    _change(ctx, plan, task, date, by, lambda ws, t, s: record.reject(ws, t, note, s))


@commands.command("attach", cls=Command, help=M.HELP_ATTACH)
def attach_cmd(
    ctx: typer.Context,
    task: TaskArg,
    files: Annotated[
        list[str], typer.Argument(help=M.HELP_ARG_FILES, metavar="FILE…", show_default=False)
    ],
    note: Annotated[
        str | None,
        typer.Option(
            "--note", "-n", help=M.HELP_OPT_EVIDENCE_NOTE, metavar="TEXT", show_default=False
        ),
    ] = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases.evidence import attach_files
    from xiajiceng.views.record import show_attached

    env = _env(ctx)
    ws, task_id = _task(plan, task, env)
    paths = [Path(f).expanduser() for f in files]
    res = attach_files(ws, task_id, paths, note, o.stamp(ws, date, by, env))
    show_attached(Output(env).console(), res, ws.plan)


def _export_zip(
    env: Env, file: str, plan: str | None, as_of: str | None, filters: tuple[str | None, ...]
) -> None:
    """export 台账.zip: the ledger (.xlsx) and one folder of evidence a task."""
    from xiajiceng.usecases.evidence import export_bundle
    from xiajiceng.views.evidence import bundle_exported
    from xiajiceng.views.formats import ledger_format

    path = Path(file).expanduser()
    fmt = ledger_format(path.with_suffix(".xlsx"))
    ws = _scope(plan, env)
    query = o.query(ws, *filters)
    office = None
    if ws.plan.parts:  # an office's plans: the workbook with a sheet a plan, and 汇总
        from xiajiceng.usecases.office import open_each

        office = (open_each(env), fmt.office_ledger)
    saved = export_bundle(ws, path, o.as_of(as_of, env), fmt.ledger, query, office)
    Output(env).say(bundle_exported(saved))


# -- the log (after the commands that record: the order of `xjc --help`) --------------------


@commands.command("log", cls=Command, help=M.HELP_LOG)
def log_cmd(
    ctx: typer.Context,
    task: Annotated[
        str | None,
        typer.Argument(
            help=M.HELP_ARG_TASK, metavar="[TASK]", show_default=False, autocompletion=complete_task
        ),
    ] = None,
    limit: Annotated[
        str | None, typer.Option("--limit", help=M.HELP_OPT_LOG_LIMIT, metavar="N")
    ] = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng.usecases import tasks
    from xiajiceng.views import tasks as view

    env = _env(ctx)
    most = o.limit(limit)  # refused before anything is read
    ws, task_id = _task(plan, task, env) if task is not None else (_scope(plan, env), None)
    res = tasks.log(ws, task_id).limited(most)
    Output(env).emit(
        as_json,
        lambda: view.log_json(res),
        lambda c: view.show_log(c, res),
        to_tsv=None if table else lambda: view.log_tsv(res),
    )


# -- the monthly report and the plan's health ---------------------------------------------------


@commands.command("report", cls=Command, help=M.HELP_REPORT)
def report_cmd(
    ctx: typer.Context,
    month: Annotated[
        str, typer.Option("--month", "-m", help=M.HELP_OPT_MONTH, metavar="M", show_default=False)
    ],
    year: Annotated[
        str | None, typer.Option("--year", "-y", help=M.HELP_OPT_YEAR, metavar="YEAR")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=M.HELP_OPT_REPORT_OUTPUT, metavar="FILE", show_default=False
        ),
    ] = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from xiajiceng.model.names import parse_month, parse_year

    env = _env(ctx)
    month_n = parse_month(month)
    year_n = parse_year(year) if year is not None else None
    if output is not None:
        _report_file(env, output, month_n, year_n, plan, as_json)
        return
    from xiajiceng.usecases.report import report
    from xiajiceng.views import report as view

    rep = report(_scope(plan, env), month_n, year_n, env.today())
    Output(env).emit(
        as_json,
        lambda: view.report_json(rep),
        lambda c: view.show_report(c, rep),
        to_tsv=lambda: view.plain_text(rep),
    )


def _report_file(
    env: Env, output: str, month: int, year: int | None, plan: str | None, as_json: bool
) -> None:
    from xiajiceng.usecases import ledger
    from xiajiceng.views import ledger as view
    from xiajiceng.views.formats import report_format

    if as_json:
        raise UsageError(M.ERR_REPORT_JSON_AND_FILE)
    path = Path(output).expanduser()
    fmt = report_format(path)  # an unknown extension fails before anything is read
    saved = ledger.report_file(_scope(plan, env), path, month, year, fmt.report, env.today())
    Output(env).say(view.report_written(saved))


@commands.command("check", cls=Command, help=M.HELP_CHECK)
def check_cmd(ctx: typer.Context, plan: PlanOpt = None, as_json: JsonOpt = False) -> None:
    from xiajiceng.usecases.health import CheckResult, check_here
    from xiajiceng.views import health as view

    env = _env(ctx)
    res = check_here(plan, env)
    if isinstance(res, CheckResult):
        one = res
        Output(env).emit(as_json, lambda: view.check_json(one), lambda c: view.show_check(c, one))
    else:
        office = res
        Output(env).emit(
            as_json,
            lambda: view.office_check_json(office),
            lambda c: view.show_office_check(c, office),
        )
    if not res.healthy:
        raise typer.Exit(ExitCode.ERROR)


# -- supervision: score ------------------------------------------------------------------------


@commands.command("score", cls=Command, help=M.HELP_SCORE)
def score_cmd(
    ctx: typer.Context,
    year: Annotated[
        str | None, typer.Option("--year", "-y", help=M.HELP_OPT_SCORE_YEAR, metavar="YEAR")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--from", help=M.HELP_OPT_SCORE_FROM, metavar="DATE", show_default=False),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help=M.HELP_OPT_SCORE_TO, metavar="DATE", show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=M.HELP_OPT_SCORE_OUTPUT, metavar="FILE", show_default=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help=M.HELP_OPT_SCORE_AS_OF, metavar="DATE", show_default=False),
    ] = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng.model.names import parse_date, parse_year
    from xiajiceng.usecases import score
    from xiajiceng.views import score as view

    env = _env(ctx)
    path = render = None
    if output is not None:  # refused before anything is read
        from xiajiceng.views.formats.score_files import RENDERERS

        if as_json:
            raise UsageError(M.ERR_SCORE_JSON_AND_FILE)
        path = Path(output).expanduser()
        render = RENDERERS.get(path.suffix.lower())
        if render is None:
            raise UsageError(M.ERR_SCORE_FORMAT.format(given=path.suffix or output))
    year_n = parse_year(year) if year is not None else None
    first = parse_date(start) if start else None
    last = parse_date(end) if end else None
    day = o.as_of(as_of, env)
    ws = _scope(plan, env)
    period = score.period_of(ws.plan, year_n, first, last, year or "")
    if path is not None and render is not None:
        saved = score.save_score(ws, path, period, day, render)
        Output(env).say(view.written(path, saved))
        return
    res = score.score(ws, period, day)
    Output(env).emit(
        as_json,
        lambda: view.score_json(res),
        lambda c: view.show(c, res),
        to_tsv=None if table else lambda: view.score_tsv(res),
    )


# -- files for the office: export, collect -------------------------------------------------------


@commands.command("export", cls=Command, help=M.HELP_EXPORT)
def export_cmd(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(help=M.HELP_ARG_EXPORT_FILE, metavar="FILE", show_default=False)
    ],
    leader: LeaderOpt = None,
    section: SectionOpt = None,
    unit: UnitOpt = None,
    action: ActionOpt = None,
    status: StatusOpt = None,
    assignee: AssigneeOpt = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
) -> None:
    if file.strip().lower().endswith(".zip"):  # the ledger with its evidence (佐证材料)
        filters = (leader, section, action, status, assignee, unit)
        return _export_zip(_env(ctx), file, plan, as_of, filters)
    from xiajiceng.usecases import ledger
    from xiajiceng.views import ledger as view
    from xiajiceng.views.formats import ledger_format

    env = _env(ctx)
    path = Path(file).expanduser()
    fmt = ledger_format(path)  # an unknown extension fails before anything is read
    ws = _scope(plan, env)
    query = o.query(ws, leader, section, action, status, assignee, unit)
    day = o.as_of(as_of, env)
    if ws.plan.parts:  # the active plans of an office folder: a sheet per plan and 汇总
        from xiajiceng.usecases.office import open_each

        plans = open_each(env)
        saved = ledger.export_office_ledger(ws, plans, path, day, fmt.office_ledger, query)
    else:
        saved = ledger.export_ledger(ws, path, day, fmt.ledger, query)
    Output(env).say(view.exported(saved))


@commands.command("collect", cls=Command, help=M.HELP_COLLECT)
def collect_cmd(
    ctx: typer.Context,
    sheet: Annotated[
        str, typer.Argument(help=M.HELP_ARG_SHEET, metavar="SHEET.xlsx", show_default=False)
    ],
    by: ByOpt = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help=M.HELP_OPT_COLLECT_DATE, metavar="DATE", show_default=False),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.HELP_OPT_DRY_RUN)] = False,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.model.names import parse_date
    from xiajiceng.usecases import ledger
    from xiajiceng.views import ledger as view

    env = _env(ctx)
    when = parse_date(date) if date else None
    # each sheet goes to the plan whose identity it carries (in an office folder), or --plan's
    res = ledger.collect_file(plan, Path(sheet).expanduser(), when, by, env, dry_run=dry_run)
    view.show_collect(Output(env).console(), res)


# -- plans: import, validate ---------------------------------------------------------------------


@commands.command("import", cls=Command, help=M.HELP_IMPORT)
def import_cmd(
    ctx: typer.Context,
    document: Annotated[
        str, typer.Argument(help=M.HELP_ARG_DOC, metavar="DOC", show_default=False)
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help=M.HELP_OPT_OUTPUT, metavar="PLAN.yaml"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=M.HELP_OPT_FORCE)] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.HELP_OPT_IMPORT_DRY_RUN)] = False,
    year: Annotated[
        str | None,
        typer.Option("--year", "-y", help=M.HELP_OPT_IMPORT_YEAR, metavar="YEAR"),
    ] = None,
) -> None:
    from xiajiceng.model.names import parse_year
    from xiajiceng.usecases.importing import import_document
    from xiajiceng.views.importing import show_import

    env = _env(ctx)
    target = Path(output).expanduser() if output else None
    doc = Path(document).expanduser()
    year_n = parse_year(year) if year is not None else None
    res = import_document(
        doc,
        target,
        force,
        env.today(),
        dry_run=dry_run,
        environ=env.environ,
        cwd=env.cwd(),
        year=year_n,
    )
    show_import(Output(env).console(), res)


@commands.command("validate", cls=Command, help=M.HELP_VALIDATE)
def validate_cmd(
    ctx: typer.Context,
    plan_file: Annotated[
        str | None,
        typer.Argument(help=M.HELP_ARG_PLAN_FILE, metavar="[PLAN.yaml]", show_default=False),
    ] = None,
    plan: PlanOpt = None,
) -> int:
    from xiajiceng.usecases.importing import validate_plan
    from xiajiceng.views.importing import show_validation

    env = _env(ctx)
    check = validate_plan(plan_file or plan, env)
    show_validation(Output(env).console(), check)
    return ExitCode.OK if check.plan is not None else ExitCode.ERROR


# -- working as a team: init, sync ---------------------------------------------------------------


@commands.command("init", cls=Command, help=M.HELP_INIT)
def init_cmd(
    ctx: typer.Context,
    folder: Annotated[
        str, typer.Argument(help=M.HELP_ARG_INIT_DIR, metavar="[DIR]", show_default=False)
    ] = ".",
    plan: Annotated[
        str | None,
        typer.Option("--plan", help=M.HELP_OPT_INIT_PLAN, metavar="FILE", show_default=False),
    ] = None,
) -> None:
    from xiajiceng.usecases import sharing
    from xiajiceng.views.sharing import show_init

    env = _env(ctx)
    target = Path(folder).expanduser()
    if not target.is_absolute():
        target = env.cwd() / target
    show_init(Output(env).console(), sharing.init(target, plan, env))


@commands.command("sync", cls=Command, help=M.HELP_SYNC)
def sync_cmd(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.HELP_OPT_SYNC_DRY_RUN)] = False,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng.usecases import sharing
    from xiajiceng.views.sharing import show_sync

    env = _env(ctx)
    show_sync(Output(env).console(), sharing.sync(plan, env, by, dry_run=dry_run))


# -- supervision: remind --------------------------------------------------------------------


@commands.command("remind", cls=Command, help=M.HELP_REMIND)
def remind_cmd(
    ctx: typer.Context,
    within: Annotated[
        str | None, typer.Option("--within", help=M.HELP_OPT_WITHIN, metavar="N")
    ] = None,
    leader: LeaderOpt = None,
    section: SectionOpt = None,
    unit: UnitOpt = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=M.HELP_OPT_REMIND_OUTPUT, metavar="FILE", show_default=False
        ),
    ] = None,
    split: Annotated[bool, typer.Option("--split", help=M.HELP_OPT_SPLIT)] = False,
    text: Annotated[bool, typer.Option("--text", help=M.HELP_OPT_TEXT)] = False,
    record: Annotated[bool, typer.Option("--record", help=M.HELP_OPT_RECORD)] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.HELP_OPT_REMIND_DRY_RUN)] = False,
    by: ByOpt = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng.usecases import remind
    from xiajiceng.views import remind as view

    env = _env(ctx)
    days = remind.parse_within(within)
    chosen = [n for n, on in (("--json", as_json), ("-o", output), ("--text", text)) if on]
    if len(chosen) > 1:
        raise UsageError(M.ERR_REMIND_EXCLUSIVE.format(first=chosen[0], second=chosen[1]))
    if split and output is None:
        raise UsageError(M.ERR_REMIND_SPLIT_NEEDS_OUTPUT)
    if dry_run and not record:
        raise UsageError(M.ERR_REMIND_DRY_RUN_ALONE)
    target = Path(output).expanduser() if output is not None else None
    if target is not None and not split and target.suffix.lower() != ".docx":
        raise UsageError(M.ERR_REMIND_FORMAT.format(given=output))
    ws = _scope(plan, env)
    query = o.query(ws, leader, section, None, None, None, unit)
    rem = remind.reminders(ws, env, o.as_of(as_of, env), days, query)
    out = Output(env)
    if target is not None or text:
        if not rem.addressed:
            out.say(view.nothing(rem) + "\n")
        elif target is None:
            out.say(view.chat_text(rem))
        else:
            from xiajiceng.views.formats.notice import notices

            out.say(view.saved_lines(remind.save_notices(rem, target, notices, split), rem))
    else:
        out.emit(
            as_json,
            lambda: view.to_json(rem),
            lambda c: view.show(c, rem),
            to_tsv=None if table else lambda: view.to_tsv(rem),
        )
    if record:
        res = remind.record(ws, env, rem, by, dry_run=dry_run)
        out.say(view.recorded_lines(res, rem), err=as_json)


# -- an office's plans: plans ----------------------------------------------------------------


@commands.command("plans", cls=Command, help=M.HELP_PLANS)
def plans_cmd(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Argument(
            help=M.HELP_ARG_PLANS_ACTION, metavar="[archive|restore]", show_default=False
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Argument(help=M.HELP_ARG_PLANS_NAME, metavar="[NAME]", show_default=False)
    ] = None,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng.usecases import office
    from xiajiceng.views import office as view

    env = _env(ctx)
    if action is not None:
        archive = {"archive": True, "restore": False}.get(action.strip().lower())
        if archive is None:
            raise UsageError(M.ERR_PLANS_ACTION.format(given=action))
        if not name:
            word = M.ACTION_ARCHIVE if archive else M.ACTION_RESTORE
            raise UsageError(M.ERR_PLANS_NAME.format(action=word, action_en=action.lower()))
        found = office.set_archived(env, name, archive)
        Output(env).say(view.archived_line(found.short, found.plan.title, archive))
        return
    res = office.list_plans(env, o.as_of(as_of, env))
    Output(env).emit(
        as_json,
        lambda: view.plans_json(res),
        lambda c: view.show_plans(c, res),
        to_tsv=None if table else lambda: view.plans_tsv(res),
    )


# -- at a glance: overview, timeline ------------------------------------------------------------


@commands.command("overview", cls=Command, help=M.HELP_OVERVIEW)
def overview_cmd(
    ctx: typer.Context, as_of: AsOfOpt = None, plan: PlanOpt = None, as_json: JsonOpt = False
) -> None:
    from xiajiceng.usecases.overview import overview
    from xiajiceng.views import overview as view

    env = _env(ctx)
    res = overview(_scope(plan, env), o.as_of(as_of, env))
    Output(env).emit(as_json, lambda: view.to_json(res), lambda c: view.show(c, res))


@commands.command("timeline", cls=Command, help=M.HELP_TIMELINE)
def timeline_cmd(
    ctx: typer.Context,
    leader: LeaderOpt = None,
    section: SectionOpt = None,
    unit: UnitOpt = None,
    action: ActionOpt = None,
    status: StatusOpt = None,
    assignee: AssigneeOpt = None,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", help=M.HELP_OPT_ZOOM_MONTH, metavar="M", show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help=M.HELP_OPT_TIMELINE_OUTPUT, metavar="FILE", show_default=False
        ),
    ] = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from xiajiceng.model.names import parse_month
    from xiajiceng.usecases import timeline
    from xiajiceng.views import timeline as view

    env = _env(ctx)
    path = render = None
    if output is not None:
        if as_json:
            raise UsageError(M.ERR_TIMELINE_JSON_AND_FILE)
        path = Path(output).expanduser()
        render = view.RENDERERS.get(path.suffix.lower())
        if render is None:  # refused before anything is read
            raise UsageError(M.ERR_TIMELINE_FORMAT.format(given=path.suffix or output))
    zoom = parse_month(month) if month is not None else None
    ws = _scope(plan, env)
    query = o.query(ws, leader, section, action, status, assignee, unit)
    day = o.as_of(as_of, env)
    if path is not None and render is not None:
        saved = timeline.save_timeline(ws, path, day, render, query, month=zoom)
        Output(env).say(view.saved_line(path, saved) + "\n")
        return
    res = timeline.timeline(ws, day, query, month=zoom)
    Output(env).emit(as_json, lambda: view.to_json(res), lambda c: view.show(c, res))


def command_names() -> list[str]:
    return [c.name for c in commands.registered_commands if c.name]
