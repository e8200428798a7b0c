"""The options several commands share, and the turning of what was typed into values.

Each conversion fails with xjc's own one-sentence UsageError; a command body only combines
them. Heavy modules are imported inside the functions, never at the top.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from xiajiceng import messages as M
from xiajiceng.cli.completion import (
    complete_leader,
    complete_list_status,
    complete_plan,
    complete_section,
    complete_task,
)
from xiajiceng.env import Env
from xiajiceng.errors import UsageError

if TYPE_CHECKING:
    from xiajiceng.usecases import Workspace
    from xiajiceng.usecases.record import Stamp
    from xiajiceng.usecases.tasks import Query

PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        help=M.HELP_OPT_PLAN,
        metavar="PLAN",
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
        "--leader", "-l", help=M.HELP_OPT_LEADER, metavar="NAME", autocompletion=complete_leader
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
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help=M.HELP_OPT_UNIT,
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
        "--status", help=M.HELP_OPT_STATUS, metavar="STATUS", autocompletion=complete_list_status
    ),
]
AssigneeOpt = Annotated[
    str | None, typer.Option("--assignee", help=M.HELP_OPT_ASSIGNEE, metavar="NAME")
]


def query(
    ws: Workspace,
    leader: str | None,
    section: str | None,
    action: str | None,
    status: str | None,
    assignee: str | None,
    unit: str | None = None,
) -> Query:
    """The filters of list, timeline and export (names are matched by the use case)."""
    from xiajiceng.model.names import parse_action
    from xiajiceng.usecases.tasks import Query

    number = parse_action(action, ws.plan) if action is not None else None
    return Query(leader, section, number, status, assignee, unit)


def limit(given: str | None) -> int | None:
    if given is None:
        return None
    digits = given.strip()
    # (more digits than any list has rows: int() of thousands of digits raises ValueError)
    if not digits.isdigit() or len(digits) > 18 or int(digits) < 1:
        raise UsageError(M.ERR_LIMIT.format(given=given))
    return int(digits)


def as_of(given: str | None, env: Env) -> date:
    from xiajiceng.model.names import parse_date

    return parse_date(given) if given else env.today()


def stamp(ws: Workspace, when: str | None, by: str | None, env: Env) -> Stamp:
    """Who records, for which effective date, and the clock that times the record."""
    from xiajiceng.model.names import parse_date
    from xiajiceng.usecases.record import make_stamp

    return make_stamp(ws, parse_date(when) if when else None, by, env)
