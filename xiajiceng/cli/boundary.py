"""The one place where errors become messages: `main(argv, env)` runs xjc and returns its
exit code; every XjcError, every usage error of typer's parser, and a reader that leaves
early end here as one Chinese line on stderr (control characters escaped), never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import ExitCode, UsageError, XjcError
from xiajiceng.text import escape_char, first_control, neutralise


def one_line(message: str) -> str:
    """An error is one line: control and line-break characters echoed from input are escaped."""
    return neutralise(message, lines=False)


def _usage_message(exc: Any) -> str:
    """Chinese for a usage error of typer's parser (click's exception classes, told apart by
    their names and attributes: typer exports no module for them)."""
    name = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    hint = f"{ctx.command_path} --help" if ctx is not None else "xjc --help"
    message = exc.format_message()
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
    return M.ERR_USAGE.format(detail=message, hint=hint)


def _is_usage_error(exc: Exception) -> bool:
    """click's ClickException and its subclasses, without importing click."""
    return hasattr(exc, "format_message") and hasattr(exc, "exit_code")


def check_arguments(args: list[str]) -> None:
    """Refuse, before anything is written, arguments no file or terminal should take.

    Bytes that are not UTF-8 (a terminal set to GBK) reach Python as lone surrogates, which
    no file can hold. Control characters (ESC, NUL, bidi overrides, …) would be recorded and
    later obeyed by a colleague's terminal; tab and line feed are text (a note of several
    lines), and so is a line break pasted on Windows. Every argument is checked, so that no
    command has to remember to."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:  # the bytes as they came: \xb6\xd4
                raw = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:  # a surrogate that was never a byte (Windows)
                raw = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise UsageError(M.ERR_ARG_ENCODING.format(given=raw)) from None
        ch = first_control(arg.replace("\r\n", "\n"))
        if ch is not None:
            raise UsageError(M.ERR_ARG_CONTROL.format(given=arg, char=escape_char(ch)))


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    """Run xjc; return the exit code. The one place errors become messages."""
    from xiajiceng.cli.app import app

    env = env or Env()
    try:
        check_arguments(sys.argv[1:] if argv is None else argv)
        rv = app(args=argv, prog_name="xjc", standalone_mode=False, obj=env)
        return int(rv) if isinstance(rv, int) else ExitCode.OK
    except XjcError as exc:
        env.stderr.write(one_line(exc.message) + "\n")
        return exc.exit_code
    except typer.Abort:
        env.stderr.write(M.ERR_ABORTED + "\n")
        return ExitCode.ERROR
    except BrokenPipeError:  # `xjc log | head`: the reader left; not an error of ours
        return ExitCode.OK
    except Exception as exc:
        if not _is_usage_error(exc):
            raise
        env.stderr.write(one_line(_usage_message(exc)) + "\n")
        return ExitCode.USAGE
    finally:
        for warning in dict.fromkeys(env.warnings):
            env.stderr.write(one_line(warning) + "\n")


def run() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
