"""typer's machinery, bent to xjc: a command is built only when it runs, help speaks Chinese
and fits the terminal by display width, and an unknown command or an extra argument is
refused in xjc's own words.

Only public names of typer are used (no `typer._…` module, no click imported directly).
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from xiajiceng import messages as M
from xiajiceng.errors import UsageError
from xiajiceng.text import display_width

# Help screens are laid out here, by terminal cells: typer's formatter counts characters, so a
# Chinese line of "80 characters" takes 160 cells and the terminal breaks it at column 0.

# never at the start of a line (they close what came before)
_CLOSING = frozenset("。，、；：）」』】》！？〕］｝〉”’.,;:!?)]}%")
# never at the end of a line (they open what comes after)
_OPENING = frozenset("（「『【《〔［｛〈“‘")
# the pieces of a line: a run of spaces, a run of other ASCII (a word, a number, an option,
# a path), or any other single character (Chinese breaks between any two characters)
_TOKENS = re.compile(r"\s+|[!-~]+|.", re.DOTALL)
_DL_COLUMN = 30  # the widest first column of a definition list (click's choice)
_DL_SPACING = 2
_DL_MIN_TEXT = 16  # narrower than this beside the first column, the text goes below it


def _word(unit: str) -> bool:
    """Chinese characters only (no punctuation): a word the break may not fall inside."""
    return all(display_width(ch) == 2 and ch not in _CLOSING | _OPENING for ch in unit)


def _units(paragraph: str) -> list[str]:
    """The unbreakable pieces of a paragraph (" " stands for a place to break at a space):
    closing punctuation stays with what it closes, opening punctuation with what it opens,
    a number with the character after it (its unit: 3条, 5天), and words joined by a slash."""
    units: list[str] = []
    glue_next = False
    for tok in _TOKENS.findall(paragraph):
        if tok.isspace():
            units.append(" ")
            glue_next = False
            continue
        last = units[-1] if units and units[-1] != " " else ""
        number_unit = last[-1:].isdigit() and display_width(tok) == 2
        slash = tok.startswith("/") or last.endswith("/")  # 推进中/doing stays one piece
        if tok.startswith("/"):  # with the whole Chinese word before it, up to six characters
            while len(units) > 1 and _word(units[-2]) and _word(last) and len(last) < 6:
                last = units.pop(-2) + last
            units[-1] = last or units[-1]
        if last and (glue_next or tok in _CLOSING or number_unit or slash):
            units[-1] = last + tok
        else:
            units.append(tok)
        glue_next = tok[-1] in _OPENING
    return units


def _cut(unit: str, cells: int) -> tuple[str, str]:
    """A piece wider than a line, cut as late as fits: between two characters that are not
    both ASCII and before no closing punctuation when there is such a place, else inside a
    word (but still not before closing punctuation)."""
    fits, best = 0, 0
    while fits < len(unit) and display_width(unit[: fits + 1]) <= cells:
        fits += 1
    for i in range(1, fits + 1):
        a, b = unit[i - 1], unit[i] if i < len(unit) else ""
        if b not in _CLOSING and not (a.isascii() and b.isascii() and b):
            best = i
    at = best or max(fits, 1)
    while not best and 1 < at < len(unit) and unit[at] in _CLOSING:  # a word gives way first
        at -= 1
    return unit[:at], unit[at:]


def wrap_cells(text: str, cells: int) -> list[str]:
    """Text as lines of at most `cells` terminal cells (Chinese takes two). Lines break at
    spaces and between Chinese characters, never inside an ASCII word or number unless it
    is wider than a line, and never before closing punctuation such as 。，）."""
    cells = max(cells, 2)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used, space = "", 0, False
        for unit in _units(paragraph):
            if unit == " ":
                space = bool(line)
                continue
            width = display_width(unit)
            gap = 1 if space else 0
            space = False
            if line and used + gap + width <= cells:
                line, used = line + " " * gap + unit, used + gap + width
                continue
            if line:
                lines.append(line)
            while width > cells:
                head, unit = _cut(unit, cells)
                lines.append(head)
                width = display_width(unit)
            line, used = unit, width
        lines.append(line)
    return lines


def _width(formatter: Any) -> int:
    """The cells a help line may take: typer's formatter leaves two columns free of an
    80-column (or narrower) terminal, but never goes below 50; xjc follows a narrower one."""
    import shutil

    columns = shutil.get_terminal_size().columns
    return max(min(formatter.width, columns - 2), 20)


def _heading(formatter: Any, heading: str) -> None:
    formatter.write_paragraph()
    formatter.write(" " * formatter.current_indent + M.HELP_HEADING.format(heading=heading) + "\n")


def _write_lines(formatter: Any, lines: list[str], indent: int) -> None:
    for line in lines:
        formatter.write((" " * indent + line).rstrip() + "\n")


def write_dl(formatter: Any, rows: list[tuple[str, str]]) -> None:
    """A definition list (options, arguments, commands) by terminal cells: the text beside
    the names, wrapped to the width, or below them when the terminal is too narrow."""
    width, indent = _width(formatter), formatter.current_indent
    first = min(max(display_width(name) for name, _ in rows), _DL_COLUMN) + _DL_SPACING
    beside = width - indent - first >= _DL_MIN_TEXT
    if not beside:
        first = 4
    for name, text in rows:
        lines = wrap_cells(text, width - indent - first) if text else []
        pad = first - display_width(name)
        if beside and lines and pad >= _DL_SPACING:
            formatter.write(" " * indent + name + " " * pad + lines.pop(0) + "\n")
        else:
            formatter.write(" " * indent + name + "\n")
        _write_lines(formatter, lines, indent + first)


def _chinese_extra(text: str) -> str:
    """typer's [required] / [default: x] / [env var: X] after a parameter's help, in Chinese."""
    head, sep, extra = text.rpartition("  [")
    if not sep or not extra.endswith("]"):
        head, extra = "", text[1:] if text.startswith("[") and text.endswith("]") else ""
        if not extra:
            return text
    words = []
    for part in extra[:-1].split("; "):
        if part == "required":
            words.append(M.HELP_REQUIRED)
        elif part.startswith("default: "):
            words.append(M.HELP_DEFAULT.format(value=part.removeprefix("default: ")))
        elif part.startswith("env var: "):
            words.append(M.HELP_ENVVAR.format(value=part.removeprefix("env var: ")))
        else:
            words.append(part)
    extra = "[" + "；".join(words) + "]"
    return f"{head}  {extra}" if head else extra


def format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    """用法：xjc mark [OPTIONS] TASK [STATUS], wrapped under itself when long. (typer writes a
    required argument as {TASK}, which reads as a choice; it is written plainly here.)"""
    pieces = [
        p[1:-1] if p.startswith("{") and p.endswith("}") else p
        for p in command.collect_usage_pieces(ctx)
    ]
    indent = " " * formatter.current_indent
    prefix = f"{indent}{M.HELP_HEADING.format(heading=M.HELP_HEADING_USAGE)}{ctx.command_path} "
    width, taken = _width(formatter), display_width(prefix)
    if width - taken < 20:  # too long a prefix: the arguments below it
        formatter.write(prefix.rstrip() + "\n")
        _write_lines(formatter, wrap_cells(" ".join(pieces), width - 4), 4)
        return
    lines = wrap_cells(" ".join(pieces), width - taken)
    formatter.write(prefix + lines[0] + "\n")
    _write_lines(formatter, lines[1:], taken)


def format_help_text(command: Any, ctx: Any, formatter: Any) -> None:
    """The command's help, indented and wrapped by terminal cells."""
    import inspect

    text = inspect.cleandoc(command.help or "").partition("\f")[0]
    if not text:
        return
    formatter.write_paragraph()
    indent = formatter.current_indent + formatter.indent_increment
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n")]
    for i, paragraph in enumerate(paragraphs):
        if i:
            formatter.write("\n")
        _write_lines(formatter, wrap_cells(paragraph, _width(formatter) - indent), indent)


def format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """参数 and 选项: each parameter's names and help, as typer gives them, laid out by cells."""
    sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in sections:
            sections[param.param_type_name].append((record[0], _chinese_extra(record[1])))
    for kind, heading in (
        ("argument", M.HELP_HEADING_ARGUMENTS),
        ("option", M.HELP_HEADING_OPTIONS),
    ):
        if sections[kind]:
            _heading(formatter, heading)
            with formatter.indentation():
                write_dl(formatter, sections[kind])


class ChineseHelp:
    """The help screen of a command or of the root group, laid out by terminal cells under
    Chinese headings (what typer hands each of these is its own formatter, written to)."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        format_usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        format_help_text(self, ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)


class Command(ChineseHelp, TyperCommand):
    """A command whose -h/--help speaks Chinese and fits the terminal, and whose extra
    arguments xjc refuses itself (click would say it in English)."""

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
    return wrap_cells(first, cells - 3)[0] + "..."


def lazy_group(commands: typer.Typer) -> type[TyperGroup]:
    """The root group's class: its subcommands come from `commands` and are built from their
    signatures only when asked for (a run builds the one it runs)."""

    def registered() -> list[Any]:
        return [c for c in commands.registered_commands if c.name]

    class Group(ChineseHelp, TyperGroup):
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

        def format_options(self, ctx: Any, formatter: Any) -> None:
            super().format_options(ctx, formatter)
            self.format_commands(ctx, formatter)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            """The command list of --help, from the help texts, without building them: one
            line each, the first sentence cut to what is left of the line."""
            shown = [c for c in registered() if not c.hidden]
            if not shown:
                return
            indent = formatter.current_indent + formatter.indent_increment
            first = max(display_width(c.name) for c in shown) + _DL_SPACING
            cells = _width(formatter) - indent - first
            if cells < _DL_MIN_TEXT:  # write_dl puts the text below the names
                cells = _width(formatter) - indent - 4
            rows = [(c.name, short_help(c.help or "", cells)) for c in shown]
            _heading(formatter, M.HELP_HEADING_COMMANDS)
            with formatter.indentation():
                write_dl(formatter, rows)

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
