"""typer's machinery, bent to xjc: a command is built only when it runs, help speaks Chinese,
and an unknown command or an extra argument is refused in xjc's own words.

Only public names of typer are used (no `typer._…` module, no click imported directly).
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from xiajiceng import messages as M
from xiajiceng.errors import UsageError
from xiajiceng.text import display_width


class Command(TyperCommand):
    """A command whose -h/--help speaks Chinese, and whose extra arguments xjc refuses itself
    (click would say it in English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        settings = dict(kwargs.pop("context_settings", None) or {})
        settings["allow_extra_args"] = True  # collected in ctx.args, refused in invoke()
        super().__init__(*args, context_settings=settings, **kwargs)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = M.HELP_OPT_HELP
        return option

    def invoke(self, ctx: Any) -> Any:
        if ctx.args:
            hint = f"{ctx.command_path} --help"
            raise UsageError(M.ERR_EXTRA_ARGS.format(given=" ".join(ctx.args), hint=hint))
        return super().invoke(ctx)


def short_help(text: str, cells: int) -> str:
    """A command's line in `xjc --help`: the first sentence of its help, cut to `cells`
    terminal cells (Chinese takes two each: click would count characters)."""
    first = text.strip().split("\n\n")[0].replace("\n", "")
    end = first.find("。")
    if end != -1:
        first = first[: end + 1]
    if display_width(first) <= cells:
        return first
    out = ""
    for ch in first:
        if display_width(out + ch) > cells - 3:
            break
        out += ch
    return out + "..."


def lazy_group(commands: typer.Typer) -> type[TyperGroup]:
    """The root group's class: its subcommands come from `commands` and are built from their
    signatures only when asked for (a run builds the one it runs)."""

    def registered() -> list[Any]:
        return [c for c in commands.registered_commands if c.name]

    class Group(TyperGroup):
        def get_help_option(self, ctx: Any) -> Any:
            option = super().get_help_option(ctx)
            if option is not None:
                option.help = M.HELP_OPT_HELP
            return option

        def list_commands(self, ctx: Any) -> list[str]:
            return [c.name for c in registered()]

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name not in self.commands:
                from typer.main import get_command_from_info

                info = next((c for c in registered() if c.name == cmd_name), None)
                if info is None:
                    return None
                self.commands[cmd_name] = get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None
                )
            return self.commands[cmd_name]

        def resolve_command(self, ctx: Any, args: list[str]) -> Any:
            name = args[0] if args else ""
            known = [c.name for c in registered()]
            unknown = name and not name.startswith("-") and name not in known
            if unknown and not ctx.resilient_parsing:
                valid = "、".join(sorted(known))
                raise UsageError(M.ERR_NO_SUCH_COMMAND.format(given=name, valid=valid))
            return super().resolve_command(ctx, args)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            """The command list of --help, from the help texts, without building them."""
            rows = [
                (c.name, short_help(c.help or "", formatter.width - 6 - len(c.name)))
                for c in registered()
                if not c.hidden
            ]
            if rows:
                with formatter.section(M.HELP_HEADING_COMMANDS):
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

    return Group


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer.completion import install

    shell, path = install(shell=value) if isinstance(value, str) else install()
    ctx.obj.stdout.write(M.COMPLETION_INSTALLED.format(shell=shell, path=path) + "\n")
    raise typer.Exit()
