"""Shell completion: task ids with their titles, leaders, sections, status words, plan files.

Completion runs on every Tab, so it must be quick: no rich, no pydantic, no models. The plan
is read with the project's YAML loader (plain data) only when a value is being completed,
and anything that goes wrong yields no suggestions rather than an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from xiajiceng import messages as M

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

        from xiajiceng.env import Env
        from xiajiceng.errors import XjcError
        from xiajiceng.store import paths
        from xiajiceng.store.bounded import COMPLETION_PLAN_BYTES
        from xiajiceng.store.plans import locate

        env = Env()
        params = getattr(ctx, "params", None) or {}
        source = locate(params.get("plan"), env)
        # never a pipe (it would block the Tab), a device, a huge file or a link out
        paths.check_inside(source.path, source.root or source.path.parent)
        raw = paths.read_regular(source.path.resolve(), COMPLETION_PLAN_BYTES)
        cache_dir = env.cache_dir()
        cached = None
        if cache_dir is not None:
            cached = cache_dir / "completion" / f"{len(raw)}-{zlib.crc32(raw):08x}.json"
            try:
                data = json.loads(paths.read_regular(cached, COMPLETION_PLAN_BYTES * 4))
                if isinstance(data, dict):
                    return data
            except (OSError, ValueError, XjcError):  # none, damaged or a link: rebuilt
                pass
        from xiajiceng.store import yamlsafe

        data, _ = yamlsafe.load(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            return {}
        if cached is not None:
            from xiajiceng.store.files import write_atomic

            try:
                cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                write_atomic(cached, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            except (OSError, TypeError, XjcError):
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


# -- answering a Tab without typer ---------------------------------------------------------------
#
# Every Tab starts a new process. Through typer, the answer costs typer's import and the
# building of the command (about 60 ms of the 95 ms). `fast_complete` gives the same answer from
# `cli_spec.json`, a plain description of the commands written out from the typer app by
# `python -m xiajiceng.completion` (a test keeps it equal to the app, and another checks the
# two ways answer alike). Whatever it is not sure of, it leaves to typer by returning None.

_OPTION_CHAR = "-"
_WHITESPACE = re.compile(r"\s")


def _split_words(text: str) -> list[str]:
    """click's split_arg_string: shlex words, keeping an unfinished last word as it is."""
    import shlex

    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:  # an open quote or a trailing backslash: the partial word as typed
        out.append(lex.token)
    return out


def _words(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the cursor and the word being completed, as typer's shell classes read
    them from the completion script's variables."""
    if shell == "bash":
        words = _split_words(environ["COMP_WORDS"])
        at = int(environ["COMP_CWORD"])
        if at < 1:
            return None
        return words[1:at], (words[at] if at < len(words) else "")
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split_words(line)
    if shell in {"zsh", "fish"}:
        args = words[1:]
        if args and not line.endswith(" "):
            return args[:-1], args[-1]
        return args, ""
    if shell in {"powershell", "pwsh"}:
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    return None


def _parse(params: list[dict[str, Any]], args: list[str]) -> tuple[set[str], dict[str, str]] | None:
    """What click's parser, in resilient mode, records from the words after a command: the
    parameters given on the command line and the values of options. None: not sure."""
    by_name = {o: p for p in params if p["kind"] == "option" for o in p["opts"] + p["secondary"]}
    arguments = [p for p in params if p["kind"] == "argument"]
    given: set[str] = set()
    values: dict[str, str] = {}
    positional = 0
    i = 0
    while i < len(args):
        word = args[i]
        i += 1
        if word == "--":
            return None
        if word[:1] != _OPTION_CHAR or len(word) == 1:
            positional += 1
            continue
        name, eq, value = word.partition("=")
        p = by_name.get(name if eq else word)
        if p is None or p["nargs"] != 1 or (eq and (p["flag"] or not name.startswith("--"))):
            return None  # unknown, joined short options, -lVALUE: typer decides
        if not eq and not p["flag"]:
            if i == len(args):  # the value is missing: click stops parsing here
                return given, values
            value = args[i]
            i += 1
        given.add(p["name"])
        if not p["flag"]:
            values[p["name"]] = value
    if any(a["nargs"] != 1 for a in arguments[:-1]) or (
        arguments and arguments[-1]["nargs"] not in (1, -1)
    ):
        return None  # (only the last argument may take any number of words)
    given.update(a["name"] for a in arguments[:positional])
    return given, values


def _option_names(params: list[dict[str, Any]], given: set[str], incomplete: str) -> list[Item]:
    if not incomplete or incomplete[0].isalnum():
        return []
    return [
        (name, p["help"] or "")
        for p in params
        if p["kind"] == "option" and not p["hidden"] and (p["multiple"] or p["name"] not in given)
        for name in p["opts"] + p["secondary"]
        if name.startswith(incomplete)
    ]


def _values(p: dict[str, Any], values: dict[str, str], incomplete: str) -> list[Item] | None:
    if p["complete"] is None:
        return None if p["typed"] else []
    function = globals()[p["complete"]]
    wanted = function.__code__.co_varnames[: function.__code__.co_argcount]
    kwargs: dict[str, Any] = {"incomplete": incomplete}
    if "ctx" in wanted:
        from types import SimpleNamespace

        kwargs["ctx"] = SimpleNamespace(params=dict(values))
    items = function(**kwargs)
    return [(v, h) for v, h in items if v.startswith(incomplete)]


def _resolve(spec: dict[str, Any], args: list[str], incomplete: str) -> list[Item] | None:
    """click's _resolve_context and _resolve_incomplete, for what xjc's commands take."""
    if args:
        if args[0] not in spec["commands"]:
            return None  # root options before the command, or no such command
        params = spec["commands"][args[0]]
        commands: list[Item] = []
        args = args[1:]
    else:
        params = spec["root"]
        commands = [(n, h) for n, h in spec["names"]]
    parsed = _parse(params, args)
    if parsed is None:
        return None
    given, values = parsed
    args = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete[:1] == _OPTION_CHAR:
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    if "--" in args:  # (also as an option's value, or as the name of `--=…`): typer decides
        return None
    if incomplete[:1] == _OPTION_CHAR:
        return [c for c in commands if c[0].startswith(incomplete)] + _option_names(
            params, given, incomplete
        )
    last = args[-1] if args else ""
    for p in params:
        if (
            p["kind"] == "option"
            and not p["flag"]
            and last[:1] == _OPTION_CHAR
            and last in p["opts"]
        ):
            return _values(p, values, incomplete)
    for p in params:
        if p["kind"] == "argument" and (p["nargs"] == -1 or p["name"] not in given):
            return _values(p, values, incomplete)
    return [c for c in commands if c[0].startswith(incomplete)] + _option_names(
        params, given, incomplete
    )


def _format(shell: str, items: list[Item], environ: Mapping[str, str]) -> tuple[str | None, int]:
    """typer's output for each shell (help as plain text, as `plain_completion_help` sets)."""
    if shell == "bash":
        return "\n".join(v for v, _ in items), 0
    if shell == "zsh":

        def esc(s: str) -> str:
            return (
                s.replace('"', '""')
                .replace("'", "''")
                .replace("$", "\\$")
                .replace("`", "\\`")
                .replace(":", r"\\:")
            )

        lines = [f'"{esc(v)}":"{esc(h)}"' if h else f'"{esc(v)}"' for v, h in items]
        return (f"_arguments '*: :(({chr(10).join(lines)}))'" if lines else "_files"), 0
    if shell == "fish":
        shown = [v + "\t" + _WHITESPACE.sub(" ", h) if h else v for v, h in items]
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return None, 0 if shown else 1
        return ("\n".join(shown) if action == "get-args" else ""), 0
    return "\n".join(f"{v}:::{h or ' '}" for v, h in items), 0  # PowerShell


def fast_complete(environ: Mapping[str, str]) -> tuple[str | None, int] | None:
    """The answer to a Tab, as (text to print, exit code); None to let typer answer."""
    instruction, _, shell = environ.get("_XJC_COMPLETE", "").partition("_")
    if instruction != "complete" or shell not in {"bash", "zsh", "fish", "powershell", "pwsh"}:
        return None
    try:
        words = _words(shell, environ)
        if words is None:
            return None
        spec = usable_spec()
        if spec is None:
            return None
        items = _resolve(spec, *words)
    except Exception:  # a surprise here must not cost the user the Tab: typer answers
        return None
    return None if items is None else _format(shell, items, environ)


# -- writing cli_spec.json from the typer app ----------------------------------------------------


def build_spec() -> dict[str, Any]:
    """A plain description of xjc's commands, read from the typer app (imports typer)."""
    import typer.main
    from typer import _click
    from typer._click.types import ParamType
    from typer.core import TyperOption
    from typer.utils import get_params_from_function

    from xiajiceng import cli

    def completer(callback: Any, name: str | None) -> str | None:
        info = get_params_from_function(callback).get(name or "")
        function: Any = getattr(getattr(info, "default", None), "autocompletion", None)
        if function is None:
            return None
        named = str(function.__name__)
        if globals().get(named) is not function:
            raise ValueError(f"completer {named} is not in xiajiceng.completion")
        return named

    def describe(command: Any, ctx: Any, callback: Any) -> list[dict[str, Any]]:
        out = []
        for p in command.get_params(ctx):
            option = isinstance(p, TyperOption)
            typed = type(p.type).shell_complete is not ParamType.shell_complete
            out.append(
                {
                    "kind": "option" if option else "argument",
                    "name": p.name,
                    # (click lists -h/--help in the order of a set: any order is right)
                    "opts": sorted(p.opts) if p.name == "help" else list(p.opts),
                    "secondary": list(p.secondary_opts),
                    "flag": bool(option and (p.is_flag or p.count)),
                    "nargs": p.nargs,
                    "multiple": bool(p.multiple),
                    "hidden": bool(getattr(p, "hidden", False)),
                    "help": getattr(p, "help", None),
                    "complete": completer(callback, p.name),
                    "typed": typed,
                }
            )
        return out

    group: Any = typer.main.get_command(cli.app)
    root_ctx = _click.Context(group, info_name="xjc", **group.context_settings)
    root_callback = cli.app.registered_callback.callback if cli.app.registered_callback else None
    spec: dict[str, Any] = {
        "root": describe(group, root_ctx, root_callback),
        "names": [],
        "commands": {},
    }
    for info in cli.commands.registered_commands:
        name = info.name or ""
        command = group.get_command(root_ctx, name)
        if not command.hidden:
            spec["names"].append([name, command.get_short_help_str()])
        sub = _click.Context(command, info_name=name, parent=root_ctx)
        spec["commands"][name] = describe(command, sub, info.callback)
    spec["typer"] = installed_typer()
    spec["help_width"] = HELP_WIDTH
    spec["help"] = {name: _help_through_typer(name) for name in ["", *spec["commands"]]}
    return spec


# click wraps help at the terminal's width less 2, at most 78: the width of any terminal of 80
# columns or more, and of output into a pipe (see fast_help)
HELP_WIDTH = 78


def _help_through_typer(command: str) -> str:
    """What `xjc [command] --help` prints on a terminal of 80 columns, through typer."""
    import contextlib
    import io
    import os

    from xiajiceng.cli import main

    out = io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    try:
        with contextlib.redirect_stdout(out):
            main([command, "--help"] if command else ["--help"])
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return out.getvalue()


def fast_help(argv: list[str]) -> str | None:
    """What `xjc --help` or `xjc COMMAND --help` prints, from cli_spec.json without typer;
    None for anything else, or on a terminal narrower than 80 columns (typer answers)."""
    if len(argv) not in (1, 2):
        return None
    try:
        spec = usable_spec()
        if spec is None:
            return None
        if len(argv) == 1:
            params, key = spec["root"], ""
        elif argv[0] in spec["commands"]:
            params, key = spec["commands"][argv[0]], argv[0]
        else:
            return None
        helps = {o for p in params if p["name"] == "help" for o in p["opts"]}
        if argv[-1] not in helps:
            return None
        import shutil

        if max(min(shutil.get_terminal_size().columns, 80) - 2, 50) != spec["help_width"]:
            return None
        text = spec["help"][key]
        return text if isinstance(text, str) else None
    except Exception:  # typer answers
        return None


SPEC_FILE = Path(__file__).with_name("cli_spec.json")


def load_spec() -> dict[str, Any]:
    import json

    spec: dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    return spec


def installed_typer() -> str | None:
    """The installed typer's version, read from its __init__.py without importing it
    (importlib.metadata would cost as much as the import)."""
    from importlib.util import find_spec

    spec = find_spec("typer")
    if spec is None or spec.origin is None:
        return None
    try:
        with open(spec.origin, encoding="utf-8") as f:
            head = f.read(4096)
    except OSError:
        return None
    found = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", head, re.MULTILINE)
    return found.group(1) if found else None


def usable_spec() -> dict[str, Any] | None:
    """The spec, if written from the typer that is installed (another typer may complete or
    word its help differently: then typer answers), and not under typer's test switch."""
    if "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION" in _environ():
        return None
    spec = load_spec()
    typer = installed_typer()
    return spec if typer is not None and spec.get("typer") == typer else None


def _environ() -> Mapping[str, str]:
    import os

    return os.environ


def write_spec(path: Path = SPEC_FILE) -> Path:
    import json

    text = json.dumps(build_spec(), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # (run as __main__: take the functions from the package's module)
    from xiajiceng.completion import write_spec as _write

    print(_write())
