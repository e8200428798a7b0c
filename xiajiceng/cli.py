"""The command line: parse arguments, call one use case, hand the result to a view.

Heavy modules (pydantic, rich, the use cases) are imported inside the commands, so that
`xjc --help` and completion pay only for typer. `main()` is the one error boundary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from xiajiceng import __version__
from xiajiceng import messages as M
from xiajiceng.completion import (
    complete_leader,
    complete_list_status,
    complete_plan,
    complete_section,
    complete_status,
    complete_task,
)
from xiajiceng.env import Env
from xiajiceng.errors import ExitCode, UsageError, XjcError

if TYPE_CHECKING:
    from rich.console import Console

    from xiajiceng.store import Workspace
    from xiajiceng.usecases import Query, Stamp, WriteResult


class _Command(TyperCommand):
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = M.HELP_OPT_HELP
        return option


class _Group(TyperGroup):
    """The root group; its subcommands are built from `commands` only when asked for.

    typer turns every command's signature into click parameters before anything runs; for
    21 commands that is a quarter of `xjc --help`'s time, paid again by every command.
    Here a run builds only the command it runs (help lists the others from their help text).
    """

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = M.HELP_OPT_HELP
        return option

    def list_commands(self, ctx: Any) -> list[str]:
        return app_commands()

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            from typer.main import get_command_from_info

            info = next((c for c in commands.registered_commands if c.name == cmd_name), None)
            if info is None:
                return None
            self.commands[cmd_name] = get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self.commands[cmd_name]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of --help, from the help texts, without building the commands."""
        from typer._click.utils import make_default_short_help

        rows = [
            (c.name, make_default_short_help(c.help or "", formatter.width - 6 - len(c.name)))
            for c in commands.registered_commands
            if c.name and not c.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_params(self, ctx: Any) -> Any:
        """typer's --install-completion/--show-completion, in Chinese."""
        params = super().get_params(ctx)
        p: Any
        for p in params:
            if p.name == "install_completion":
                p.help = M.HELP_OPT_INSTALL_COMPLETION
                p.callback = _install_completion
            elif p.name == "show_completion":
                p.help = M.HELP_OPT_SHOW_COMPLETION
        return params


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell, path = install(shell=value) if isinstance(value, str) else install()
    current_env().stdout.write(M.COMPLETION_INSTALLED.format(shell=shell, path=path) + "\n")
    raise typer.Exit()


app = typer.Typer(
    name="xjc",
    cls=_Group,
    help=M.HELP_APP,
    add_completion=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no rich import, no box drawing in CJK terminals
    context_settings={"help_option_names": ["-h", "--help"]},
)

# the subcommands, registered here and built one at a time by _Group.get_command
commands = typer.Typer()

_env: Env | None = None


def current_env() -> Env:
    return _env if _env is not None else Env()


# -- shared options ------------------------------------------------------------------------------

PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        help=M.HELP_OPT_PLAN,
        metavar="FILE",
        show_default=False,
        autocompletion=complete_plan,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help=M.HELP_OPT_JSON)]
TableOpt = Annotated[bool, typer.Option("--table", help=M.HELP_OPT_TABLE)]
DateOpt = Annotated[
    str | None, typer.Option("--date", help=M.HELP_OPT_DATE, metavar="DATE", show_default=False)
]
ByOpt = Annotated[
    str | None, typer.Option("--by", help=M.HELP_OPT_BY, metavar="NAME", show_default=False)
]
NoteOpt = Annotated[
    str | None,
    typer.Option("--note", "-n", help=M.HELP_OPT_NOTE, metavar="TEXT", show_default=False),
]
TaskArg = Annotated[
    str,
    typer.Argument(
        help=M.HELP_ARG_TASK, metavar="TASK", show_default=False, autocompletion=complete_task
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help=M.HELP_OPT_AS_OF, metavar="DATE", show_default=False),
]


LeaderOpt = Annotated[
    str | None,
    typer.Option(
        "--leader",
        "-l",
        help=M.HELP_OPT_LEADER,
        metavar="NAME",
        autocompletion=complete_leader,
    ),
]
SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section",
        "-s",
        help=M.HELP_OPT_SECTION,
        metavar="NAME",
        autocompletion=complete_section,
    ),
]
ActionOpt = Annotated[
    str | None, typer.Option("--action", "-a", help=M.HELP_OPT_ACTION, metavar="N")
]
StatusOpt = Annotated[
    str | None,
    typer.Option(
        "--status",
        help=M.HELP_OPT_STATUS,
        metavar="STATUS",
        autocompletion=complete_list_status,
    ),
]
AssigneeOpt = Annotated[
    str | None, typer.Option("--assignee", help=M.HELP_OPT_ASSIGNEE, metavar="NAME")
]


def _query(
    ws: Workspace,
    leader: str | None,
    section: str | None,
    action: str | None,
    status: str | None,
    assignee: str | None,
) -> Query:
    from xiajiceng.names import parse_action
    from xiajiceng.usecases import Query

    number = parse_action(action, ws.plan) if action is not None else None
    return Query(leader, section, number, status, assignee)


def _limit(given: str | None) -> int | None:
    if given is None:
        return None
    digits = given.strip()
    # (more digits than any list has rows: int() of thousands of digits raises ValueError)
    if not digits.isdigit() or len(digits) > 18 or int(digits) < 1:
        raise UsageError(M.ERR_LIMIT.format(given=given))
    return int(digits)


def _view(name: str) -> Any:
    """A views module, imported only when its output is asked for (rich only for a terminal)."""
    import importlib

    return importlib.import_module(f"xiajiceng.views.{name}")


def _workspace(plan: str | None) -> Workspace:
    from xiajiceng.store import open_workspace

    return open_workspace(plan, current_env())


def _console(err: bool = False) -> Console:
    from xiajiceng.views.terminal import make_console

    env = current_env()
    return make_console(env.stderr if err else env.stdout, env.environ)


def _emit(
    as_json: bool,
    to_json: Callable[[], str],
    to_terminal: Callable[[Console], None],
    to_tsv: Callable[[], str] | None = None,
) -> None:
    """JSON if asked; tab-separated rows into a pipe or file (when given); else a table.
    Control characters recorded in a journal or plan come out escaped in every one of them."""
    from xiajiceng.safetext import json_safe

    env = current_env()
    if as_json:
        env.stdout.write(json_safe(to_json()))
    elif to_tsv is not None and not env.stdout_is_terminal():
        _say(to_tsv())
    else:
        _draw(to_terminal)


def _say(text: str, err: bool = False) -> None:
    """Plain text (no table, no colour) to stdout or stderr, control characters escaped."""
    from xiajiceng.safetext import neutralise

    env = current_env()
    (env.stderr if err else env.stdout).write(neutralise(text))


def _draw(to_terminal: Callable[[Console], None]) -> None:
    """A table or report on the terminal; through the pager when taller than the screen."""
    env = current_env()
    console = _console()
    pager = env.pager()
    if pager is None:
        to_terminal(console)
        return
    with console.capture() as captured:
        to_terminal(console)
    text = captured.get()
    if text.count("\n") < console.size.height:
        env.stdout.write(text)
    else:
        env.page(pager, text)


def _as_of(given: str | None) -> Any:
    from xiajiceng.names import parse_date

    return parse_date(given) if given else current_env().today()


def _stamp(ws: Workspace, date: str | None, by: str | None) -> Stamp:
    from xiajiceng.names import parse_date
    from xiajiceng.usecases import Stamp, actor

    env = current_env()
    who = actor(by, env, ws.source.path.parent)
    when = parse_date(date) if date else env.today()
    if when > env.today():
        raise UsageError(M.ERR_FUTURE_DATE.format(given=date, today=env.today()))
    return Stamp(when, who, lambda: env.now().isoformat(timespec="microseconds"))


def _written(ws: Workspace, res: WriteResult) -> None:
    from xiajiceng.views.terminal import show_written

    show_written(_console(), res, ws.plan)


def _task(ws: Workspace, given: str) -> str:
    from xiajiceng.names import parse_task_id

    return parse_task_id(given, ws.plan)


# -- commands ------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        current_env().stdout.write(f"xjc {__version__}\n")
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
        overview_cmd(as_of=as_of, plan=plan)
    elif as_of is not None or plan is not None:
        given = "--as-of" if as_of is not None else "--plan"
        raise UsageError(M.ERR_ROOT_OPTION.format(given=given, command=ctx.invoked_subcommand))


@commands.command("list", cls=_Command, help=M.HELP_LIST)
def list_cmd(
    leader: LeaderOpt = None,
    section: SectionOpt = None,
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
    from xiajiceng import usecases as uc

    within = None
    if due_within is not None:
        from xiajiceng import glance

        within = glance.parse_due_within(due_within)
    ws = _workspace(plan)
    res = uc.list_tasks(ws, _as_of(as_of), _query(ws, leader, section, action, status, assignee))
    if within is not None:
        res = glance.due_within(res, within)
    res = res.limited(_limit(limit))
    _emit(
        as_json,
        lambda: _view("jsonout").list_result(res),
        lambda c: _view("terminal").show_list(
            c, res, workdays=True if within is not None else None
        ),
        to_tsv=None if table else lambda: _view("plain").list_tsv(res),
    )


@commands.command("show", cls=_Command, help=M.HELP_SHOW)
def show_cmd(
    task: TaskArg,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    res = uc.show_task(ws, _task(ws, task), _as_of(as_of))
    _emit(
        as_json,
        lambda: _view("jsonout").show_result(res),
        lambda c: _view("terminal").show_task(c, res),
    )


@commands.command("assign", cls=_Command, help=M.HELP_ASSIGN)
def assign_cmd(
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
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    task_id = _task(ws, task)
    _written(ws, uc.assign(ws, task_id, names or [], remove or [], _stamp(ws, date, by)))


@commands.command("mark", cls=_Command, help=M.HELP_MARK)
def mark_cmd(
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
    from xiajiceng import usecases as uc
    from xiajiceng.names import parse_status

    ws = _workspace(plan)
    task_id = _task(ws, task)
    new_status = parse_status(status) if status is not None else None
    _written(ws, uc.mark(ws, task_id, new_status, note, _stamp(ws, date, by)))


@commands.command("done", cls=_Command, help=M.HELP_DONE)
def done_cmd(
    task: TaskArg,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    _written(ws, uc.done(ws, _task(ws, task), note, _stamp(ws, date, by)))


@commands.command("reopen", cls=_Command, help=M.HELP_REOPEN)
def reopen_cmd(
    task: TaskArg,
    note: NoteOpt = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    _written(ws, uc.reopen(ws, _task(ws, task), note, _stamp(ws, date, by)))


@commands.command("undo", cls=_Command, help=M.HELP_UNDO)
def undo_cmd(
    event: Annotated[
        str | None,
        typer.Argument(help=M.HELP_ARG_EVENT, metavar="[EVENT]", show_default=False),
    ] = None,
    date: DateOpt = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    _written(ws, uc.undo(ws, event, _stamp(ws, date, by)))


@commands.command("log", cls=_Command, help=M.HELP_LOG)
def log_cmd(
    task: Annotated[
        str | None,
        typer.Argument(
            help=M.HELP_ARG_TASK,
            metavar="[TASK]",
            show_default=False,
            autocompletion=complete_task,
        ),
    ] = None,
    plan: PlanOpt = None,
    as_json: JsonOpt = False,
    table: TableOpt = False,
) -> None:
    from xiajiceng import usecases as uc

    ws = _workspace(plan)
    res = uc.log(ws, _task(ws, task) if task is not None else None)
    _emit(
        as_json,
        lambda: _view("jsonout").log_result(res),
        lambda c: _view("terminal").show_log(c, res),
        to_tsv=None if table else lambda: _view("plain").log_tsv(res),
    )


@commands.command("report", cls=_Command, help=M.HELP_REPORT)
def report_cmd(
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
    from xiajiceng import usecases as uc
    from xiajiceng.names import parse_month, parse_year

    month_n = parse_month(month)
    year_n = parse_year(year) if year is not None else None
    if output is not None:
        _report_file(output, month_n, year_n, plan, as_json)
        return
    ws = _workspace(plan)
    rep = uc.report(ws, month_n, year_n)
    _emit(
        as_json,
        lambda: _view("jsonout").report(rep),
        lambda c: _view("terminal").show_report(c, rep),
        to_tsv=lambda: _view("reportlines").plain_text(rep),
    )


@commands.command("check", cls=_Command, help=M.HELP_CHECK)
def check_cmd(plan: PlanOpt = None, as_json: JsonOpt = False) -> None:
    from xiajiceng import usecases as uc

    res = uc.check(plan, current_env())
    _emit(
        as_json, lambda: _view("jsonout").check(res), lambda c: _view("terminal").show_check(c, res)
    )
    if not res.healthy:
        raise typer.Exit(ExitCode.ERROR)


# -- files for the office: export, report -o, collect ------------------------------------------


def _report_file(
    output: str, month: int, year: int | None, plan: str | None, as_json: bool
) -> None:
    from pathlib import Path

    from xiajiceng import exchange
    from xiajiceng.views import files
    from xiajiceng.views.formats import report_format

    if as_json:
        raise UsageError(M.ERR_REPORT_JSON_AND_FILE)
    path = Path(output).expanduser()
    fmt = report_format(path)  # an unknown extension fails before anything is read
    ws = _workspace(plan)
    saved = exchange.report_file(ws, path, month, year, fmt.report)
    _say(files.report_written(saved))


@commands.command("export", cls=_Command, help=M.HELP_EXPORT)
def export_cmd(
    file: Annotated[
        str, typer.Argument(help=M.HELP_ARG_EXPORT_FILE, metavar="FILE", show_default=False)
    ],
    leader: LeaderOpt = None,
    section: SectionOpt = None,
    action: ActionOpt = None,
    status: StatusOpt = None,
    assignee: AssigneeOpt = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
) -> None:
    from pathlib import Path

    from xiajiceng import exchange
    from xiajiceng.views import files
    from xiajiceng.views.formats import ledger_format

    path = Path(file).expanduser()
    fmt = ledger_format(path)  # an unknown extension fails before anything is read
    ws = _workspace(plan)
    query = _query(ws, leader, section, action, status, assignee)
    saved = exchange.export_ledger(ws, path, _as_of(as_of), fmt.ledger, query)
    _say(files.exported(saved))


@commands.command("collect", cls=_Command, help=M.HELP_COLLECT)
def collect_cmd(
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
    from pathlib import Path

    from xiajiceng import exchange
    from xiajiceng.views import files

    ws = _workspace(plan)
    res = exchange.collect(ws, Path(sheet).expanduser(), _stamp(ws, date, by), dry_run=dry_run)
    files.show_collect(_console(), res)


@commands.command("import", cls=_Command, help=M.HELP_IMPORT)
def import_cmd(
    document: Annotated[
        str, typer.Argument(help=M.HELP_ARG_DOC, metavar="DOC", show_default=False)
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help=M.HELP_OPT_OUTPUT, metavar="PLAN.yaml"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=M.HELP_OPT_FORCE)] = False,
) -> None:
    from pathlib import Path

    from xiajiceng import usecases as uc
    from xiajiceng.views.importing import show_import

    env = current_env()
    res = uc.import_document(
        Path(document).expanduser(),
        Path(output).expanduser() if output else None,
        force,
        env.today(),
    )
    show_import(_console(), res)


@commands.command("validate", cls=_Command, help=M.HELP_VALIDATE)
def validate_cmd(
    plan_file: Annotated[
        str | None,
        typer.Argument(help=M.HELP_ARG_PLAN_FILE, metavar="[PLAN.yaml]", show_default=False),
    ] = None,
    plan: PlanOpt = None,
) -> int:
    from xiajiceng import usecases as uc
    from xiajiceng.store.plans import locate
    from xiajiceng.views.importing import show_validation

    source = locate(plan_file or plan, current_env())
    check = uc.validate_plan(source.path)
    show_validation(_console(), check)
    return ExitCode.OK if check.plan is not None else ExitCode.ERROR


# -- working as a team -----------------------------------------------------------------------


@commands.command("init", cls=_Command, help=M.HELP_INIT)
def init_cmd(
    folder: Annotated[
        str, typer.Argument(help=M.HELP_ARG_INIT_DIR, metavar="[DIR]", show_default=False)
    ] = ".",
    plan: Annotated[
        str | None,
        typer.Option("--plan", help=M.HELP_OPT_INIT_PLAN, metavar="FILE", show_default=False),
    ] = None,
) -> None:
    from pathlib import Path

    from xiajiceng import sharing
    from xiajiceng.views.sharing import show_init

    env = current_env()
    target = Path(folder).expanduser()
    if not target.is_absolute():
        target = env.cwd() / target
    show_init(_console(), sharing.init(target, plan, env))


@commands.command("sync", cls=_Command, help=M.HELP_SYNC)
def sync_cmd(
    dry_run: Annotated[bool, typer.Option("--dry-run", help=M.HELP_OPT_SYNC_DRY_RUN)] = False,
    by: ByOpt = None,
    plan: PlanOpt = None,
) -> None:
    from xiajiceng import sharing
    from xiajiceng.views.sharing import show_sync

    show_sync(_console(), sharing.sync(plan, current_env(), by, dry_run=dry_run))


# -- at a glance: overview, timeline ------------------------------------------------------------


@commands.command("overview", cls=_Command, help=M.HELP_OVERVIEW)
def overview_cmd(as_of: AsOfOpt = None, plan: PlanOpt = None, as_json: JsonOpt = False) -> None:
    from xiajiceng import glance
    from xiajiceng.views import overview

    ws = _workspace(plan)
    res = glance.overview(ws, _as_of(as_of))
    _emit(as_json, lambda: overview.to_json(res), lambda c: overview.show(c, res))


@commands.command("timeline", cls=_Command, help=M.HELP_TIMELINE)
def timeline_cmd(
    leader: LeaderOpt = None,
    section: SectionOpt = None,
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
    from pathlib import Path

    from xiajiceng import glance
    from xiajiceng.names import parse_month
    from xiajiceng.views import timeline

    path = render = None
    if output is not None:
        if as_json:
            raise UsageError(M.ERR_TIMELINE_JSON_AND_FILE)
        path = Path(output).expanduser()
        render = timeline.RENDERERS.get(path.suffix.lower())
        if render is None:  # refused before anything is read
            raise UsageError(M.ERR_TIMELINE_FORMAT.format(given=path.suffix or output))
    zoom = parse_month(month) if month is not None else None
    ws = _workspace(plan)
    query = _query(ws, leader, section, action, status, assignee)
    if path is not None and render is not None:
        saved = glance.save_timeline(ws, path, _as_of(as_of), render, query, month=zoom)
        _say(timeline.saved_line(path, saved) + "\n")
        return
    res = glance.timeline(ws, _as_of(as_of), query, month=zoom)
    _emit(as_json, lambda: timeline.to_json(res), lambda c: timeline.show(c, res))


# -- the error boundary --------------------------------------------------------------------------


def _usage_message(exc: Any) -> str:
    """Chinese for typer's (vendored click's) usage errors."""
    name = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    hint = f"{ctx.command_path} --help" if ctx is not None else "xjc --help"
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if name == "NoSuchOption":
        return M.ERR_NO_SUCH_OPTION.format(given=exc.option_name, hint=hint)
    if name == "MissingParameter":
        param = exc.param
        what = " " + ("/".join(param.opts) if param is not None else "")
        if param is not None and getattr(param, "param_type_name", "") == "argument":
            what = " " + (param.metavar or param.name or "").upper()
        return M.ERR_MISSING.format(what=what, hint=hint)
    if name in {"BadParameter", "BadOptionUsage", "BadArgumentUsage"}:
        param = getattr(exc, "param", None)
        what = "/".join(param.opts) if param is not None else getattr(exc, "option_name", "")
        return M.ERR_BAD_VALUE.format(what=what or M.WORD_PARAMETER, detail=message, hint=hint)
    if message.startswith("No such command"):
        given = message.split("'")[1] if "'" in message else message
        valid = "、".join(sorted(app_commands()))
        return M.ERR_NO_SUCH_COMMAND.format(given=given, valid=valid)
    if message.startswith("Got unexpected extra argument"):
        given = message.split("(", 1)[-1].rstrip(")") if "(" in message else message
        return M.ERR_EXTRA_ARGS.format(given=given, hint=hint)
    return M.ERR_USAGE.format(detail=message, hint=hint)


def app_commands() -> list[str]:
    return [c.name for c in commands.registered_commands if c.name]


def one_line(message: str) -> str:
    """An error is one line: control and line-break characters echoed from input are escaped."""
    from xiajiceng.safetext import neutralise

    return neutralise(message, lines=False)


def _check_arguments(args: list[str]) -> None:
    """Refuse, before anything is written, arguments no file or terminal should take.

    Bytes that are not UTF-8 (a terminal set to GBK) reach Python as lone surrogates, which
    no file can hold. Control characters (ESC, NUL, bidi overrides, …) would be recorded and
    later obeyed by a colleague's terminal; tab and line feed are text (a note of several
    lines). Every argument is checked, so that no command has to remember to."""
    from xiajiceng.safetext import escape_char, first_control

    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:  # the bytes as they came: \xb6\xd4
                raw = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:  # a surrogate that was never a byte (Windows)
                raw = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise UsageError(M.ERR_ARG_ENCODING.format(given=raw)) from None
        ch = first_control(arg.replace("\r\n", "\n"))  # a line break pasted on Windows
        if ch is not None:
            raise UsageError(M.ERR_ARG_CONTROL.format(given=arg, char=escape_char(ch)))


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    """Run xjc; return the exit code. The one place errors become messages."""
    from typer._click import exceptions as click_exc  # typer's vendored click

    from xiajiceng.completion import plain_completion_help

    global _env
    _env = env or Env()
    plain_completion_help()
    try:
        _check_arguments(sys.argv[1:] if argv is None else argv)
        rv = app(args=argv, prog_name="xjc", standalone_mode=False)
        return int(rv) if isinstance(rv, int) else ExitCode.OK
    except XjcError as exc:
        _env.stderr.write(one_line(exc.message) + "\n")
        return exc.exit_code
    except typer.Abort:
        _env.stderr.write(M.ERR_ABORTED + "\n")
        return ExitCode.ERROR
    except click_exc.ClickException as exc:
        _env.stderr.write(one_line(_usage_message(exc)) + "\n")
        return ExitCode.USAGE
    except BrokenPipeError:  # `xjc log | head`: the reader left; not an error of ours
        return ExitCode.OK
    finally:
        for warning in dict.fromkeys(_env.warnings):
            _env.stderr.write(one_line(warning) + "\n")
        _env = None


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())


__all__ = ["app", "main", "run"]
