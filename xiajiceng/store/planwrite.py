"""Writing plan files: readable YAML (block style, Chinese as is), never over a file by
accident, and never half-written (a temporary file is renamed into place)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from xiajiceng import messages as M
from xiajiceng.errors import OutputExists, PlanError
from xiajiceng.store.files import ordinary_mode


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # indent list items under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 40:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _names(dumper: yaml.SafeDumper, value: tuple[Any, ...]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _date(dumper: yaml.SafeDumper, value: date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(tuple, _names)
_Dumper.add_representer(date, _date)


def dump_plan(data: dict[str, Any], comments: list[str] = ()) -> str:  # type: ignore[assignment]
    """Plan data (Chinese keys; tuples are name lists, shown inline) as YAML text."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10**6,
    )
    head = "".join(f"# {line}\n" for c in comments for line in c.splitlines())
    return head + body


def check_writable(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExists(M.ERR_OUTPUT_EXISTS.format(path=path))
    if path.is_dir():
        raise OutputExists(M.ERR_OUTPUT_EXISTS.format(path=path))


def write_plan(path: Path, text: str, force: bool) -> None:
    """Write the file whole, or not at all; refuse an existing file unless force."""
    check_writable(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PlanError(M.ERR_PLAN_UNWRITABLE.format(path=path, reason=exc.strerror)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        ordinary_mode(tmp)  # a plan is for the colleagues on the shared drive too
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if somebody created the file meanwhile
            except FileExistsError:
                raise OutputExists(M.ERR_OUTPUT_EXISTS.format(path=path)) from None
            except OSError:
                if path.exists():
                    raise OutputExists(M.ERR_OUTPUT_EXISTS.format(path=path)) from None
                os.replace(tmp, path)
    except OSError as exc:
        raise PlanError(M.ERR_PLAN_UNWRITABLE.format(path=path, reason=exc.strerror)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
