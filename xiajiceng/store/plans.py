"""Finding and loading plan files: YAML → validated models, errors with file and line."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .. import messages as M
from ..env import Env
from ..errors import PlanError
from . import yamlsafe
from .yamlsafe import Loc, Position

if typing.TYPE_CHECKING:
    from ..model import Plan

BUNDLED_NAME = "2023年干部下基层工作实施方案.yaml"
MAX_PLAN_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class PlanSource:
    path: Path
    bundled: bool


def bundled_plan_path() -> Path:
    """The plan shipped in the wheel (as package data), or plans/ of a source checkout."""
    packaged = Path(str(resources.files("xiajiceng"))) / "plans" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "plans" / BUNDLED_NAME


def locate(plan_arg: str | None, env: Env) -> PlanSource:
    """--plan FILE, else $XJC_PLAN, else the bundled plan."""
    given = plan_arg or env.plan_setting()
    if given:
        return PlanSource(Path(given).expanduser(), bundled=False)
    return PlanSource(bundled_plan_path(), bundled=True)


def read_plan(path: Path) -> Plan:
    try:
        size = path.stat().st_size
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name
        raise PlanError(M.ERR_PLAN_MISSING.format(path=path)) from None
    except OSError as exc:
        raise PlanError(M.ERR_PLAN_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    if path.is_dir():
        raise PlanError(M.ERR_PLAN_MISSING.format(path=path))
    if size > MAX_PLAN_BYTES:
        raise PlanError(M.ERR_PLAN_TOO_BIG.format(path=path, size=size, limit=MAX_PLAN_BYTES))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError(M.ERR_PLAN_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(M.ERR_PLAN_ENCODING.format(path=path)) from None
    return parse_plan(text, str(path))


def parse_plan(text: str, source: str) -> Plan:
    """Validate a plan's text; raise PlanError naming source, line, column and key."""
    from pydantic import ValidationError

    from ..model import Plan, plan_problems

    try:
        data, positions = yamlsafe.load(text)
    except yamlsafe.YamlProblem as p:
        raise PlanError(_at(source, p.position, p.key, _yaml_problem(p))) from None
    if not isinstance(data, dict):
        raise PlanError(_at(source, Position(1, 1), None, M.PLAN_NOT_DOCUMENT))
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a failed item also makes its list "too short": keep only the innermost problems
        locs = [tuple(e["loc"]) for e in errors]
        inner = [
            e
            for e, loc in zip(errors, locs)
            if not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)
        ]
        found = [_pydantic_problem(err, positions) for err in inner]
        raise _first(source, found) from None
    problems = plan_problems(plan)
    if problems:
        raise _first(source, [(_position(loc, positions), _key(loc), msg) for loc, msg in problems])
    return plan


def _first(source: str, found: list[tuple[Position, str | None, str]]) -> PlanError:
    found.sort(key=lambda f: (f[0].line, f[0].column))
    pos, key, msg = found[0]
    text = _at(source, pos, key, msg)
    if len(found) > 1:
        text += M.ERR_PLAN_MORE.format(n=len(found) - 1)
    return PlanError(text)


def _at(source: str, pos: Position, key: str | None, problem: str) -> str:
    return M.ERR_PLAN_AT.format(
        path=source,
        line=pos.line,
        column=pos.column,
        key=M.PLAN_KEY.format(key=key) if key else "",
        problem=problem,
    )


def _yaml_problem(p: yamlsafe.YamlProblem) -> str:
    if p.kind == "alias":
        return M.PLAN_ALIAS
    if p.kind == "tag":
        return M.PLAN_TAG.format(tag=p.info["tag"])
    if p.kind == "dup_key":
        return M.PLAN_DUP_KEY.format(key=p.key, first=p.info["first"])
    if p.kind == "key_not_scalar":
        return M.PLAN_KEY_NOT_SCALAR
    if p.kind == "multi_doc":
        return M.PLAN_MULTI_DOC
    if p.kind == "too_deep":
        return M.PLAN_TOO_DEEP.format(limit=p.info["limit"])
    detail = " ".join(str(p.info.get("detail", "")).split())  # one line, always
    for english, chinese in M.YAML_PROBLEMS.items():
        if english in detail:
            return M.PLAN_YAML.format(detail=chinese)
    return M.PLAN_YAML.format(detail=detail)


def _position(loc: Loc, positions: dict[Loc, Position]) -> Position:
    """The position of the longest prefix of loc that the file has."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in positions:
            return positions[loc[:n]]
    return Position(1, 1)


def _key(loc: Loc) -> str | None:
    return next((part for part in reversed(loc) if isinstance(part, str)), None)


_INT_ERRORS = {"int_parsing", "int_type", "int_from_float", "greater_than_equal"}
_DATE_ERRORS = {
    "date_parsing",
    "date_type",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_future",
    "date_past",
}


def _pydantic_problem(err: Any, positions: dict[Loc, Position]) -> tuple[Position, str | None, str]:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        valid = "、".join(_aliases_at(loc[:-1]))
        return (
            _position(loc, positions),
            str(loc[-1]),
            M.PLAN_UNKNOWN_KEY.format(key=loc[-1], valid=valid),
        )
    if kind == "missing":
        return (
            _position(loc[:-1], positions),
            _key(loc[:-1]),
            M.PLAN_MISSING_KEY.format(key=loc[-1]),
        )
    if kind in _INT_ERRORS:
        msg = M.PLAN_NOT_INT.format(value=value)
    elif kind in _DATE_ERRORS:
        msg = M.PLAN_NOT_DATE.format(value=value)
    elif kind in {"string_too_short", "too_short"} or (kind == "string_type" and value is None):
        msg = M.PLAN_EMPTY
    elif kind == "string_type":
        msg = M.PLAN_NOT_TEXT
    elif kind in {"tuple_type", "list_type"}:
        msg = M.PLAN_NOT_LIST
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        msg = M.PLAN_NOT_MAPPING
    else:
        msg = M.PLAN_INVALID.format(detail=err.get("msg", kind))
    return _position(loc, positions), _key(loc), msg


def _aliases_at(loc: Loc) -> list[str]:
    """The keys allowed in the mapping at loc (walking the plan model by alias)."""
    from pydantic import BaseModel

    from ..model import Plan

    model: type[BaseModel] = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        inner = _model_in(field.annotation)
        if inner is None:
            return []
        model = inner
    return [f.alias for f in model.model_fields.values() if f.alias]


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
