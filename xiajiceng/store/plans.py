"""Finding and loading plan files: YAML → validated models, errors with file and line."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xiajiceng import messages as M
from xiajiceng.errors import PlanError
from xiajiceng.model.plan import K
from xiajiceng.store import yamlsafe
from xiajiceng.store.yamlsafe import Loc, Position

if typing.TYPE_CHECKING:
    from xiajiceng.model import Plan
    from xiajiceng.store.cache import Cache

BUNDLED_NAME = "2023年干部下基层工作实施方案.yaml"
MAX_PLAN_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class PlanSource:
    path: Path
    bundled: bool
    # the folder the plan belongs to (the marker's, else the plan file's own): nothing of it
    # is read or written through a link that leads out of it
    root: Path | None = None


def bundled_plan_path() -> Path:
    """The plan shipped in the wheel (as package data), or plans/ of a source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "plans" / BUNDLED_NAME  # in the wheel
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "plans" / BUNDLED_NAME


MARKER = ".xjc"  # in an office folder made by `xjc init`: names its plans folder


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file, where it is."""

    line: int
    column: int
    key: str | None
    message: str  # the part after the colon: what is wrong there


@dataclass(frozen=True)
class PlanCheck:
    """Every problem found in a plan's text, and the plan when there were none."""

    source: str
    plan: Plan | None
    problems: list[Problem]

    def error(self) -> PlanError:
        """The first problem as one sentence, counting the rest (what read_plan raises)."""
        first = self.problems[0]
        text = _at(self.source, Position(first.line, first.column), first.key, first.message)
        if len(self.problems) > 1:
            text += M.ERR_PLAN_MORE.format(n=len(self.problems) - 1)
        return PlanError(text)

    def describe(self, problem: Problem) -> str:
        return _at(
            self.source, Position(problem.line, problem.column), problem.key, problem.message
        )


def read_plan_bytes(path: Path, root: Path | None = None) -> bytes:
    """A plan file's bytes; PlanError when it is missing, unreadable, too big or not a file,
    LinkRefused when it is reached through a link that leaves its folder (`root`, else the
    folder it is in)."""
    from xiajiceng.store import paths

    try:
        paths.check_inside(path, root if root is not None else path.parent)
        if path.is_symlink():  # a link that stays inside the folder: read where it leads
            path = path.resolve()
        return paths.read_regular(path, MAX_PLAN_BYTES)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name
        raise PlanError(M.ERR_PLAN_MISSING.format(path=path)) from None
    except paths.TooBig as exc:
        raise PlanError(
            M.ERR_PLAN_TOO_BIG.format(path=path, size=exc.size, limit=MAX_PLAN_BYTES)
        ) from None
    except (paths.NotRegular, IsADirectoryError):
        raise PlanError(M.ERR_NOT_REGULAR.format(path=path)) from None
    except OSError as exc:
        raise PlanError(M.ERR_PLAN_UNREADABLE.format(path=path, reason=exc.strerror)) from None


def read_plan_text(path: Path) -> str:
    """A plan file's text; PlanError when it cannot be read or is not UTF-8."""
    return _decode(read_plan_bytes(path), path)


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(M.ERR_PLAN_ENCODING.format(path=path)) from None


def read_plan(path: Path, cache: Cache | None = None, root: Path | None = None) -> Plan:
    """The validated plan; from the cache when one was made from these very bytes."""
    import hashlib

    from xiajiceng.model import Plan as PlanType

    raw = read_plan_bytes(path, root)
    if cache is None:
        return parse_plan(_decode(raw, path), str(path))
    key = hashlib.sha256(raw).hexdigest()
    cached = cache.get("plans", key)
    if isinstance(cached, PlanType):
        return cached
    plan = parse_plan(_decode(raw, path), str(path))
    cache.put("plans", key, plan)
    return plan


def check_file(path: Path) -> PlanCheck:
    """Every problem of a plan file (PlanError only when it cannot be read at all)."""
    return check_plan(read_plan_text(path), str(path))


def parse_plan(text: str, source: str) -> Plan:
    """Validate a plan's text; raise PlanError naming source, line, column and key."""
    check = check_plan(text, source)
    if check.plan is None:
        raise check.error()
    return check.plan


def check_plan(text: str, source: str) -> PlanCheck:
    """Validate a plan's text and collect every problem, in file order.

    A YAML syntax problem stops the reading (the rest cannot be trusted); schema problems are
    all collected; the consistency rules (roster, duplicate numbers) run when the schema holds.
    """
    from pydantic import ValidationError

    from xiajiceng.model import plan_problems
    from xiajiceng.store.schema import own_words, to_plan, validate

    def found(items: list[tuple[Position, str | None, str]]) -> PlanCheck:
        items.sort(key=lambda f: (f[0].line, f[0].column))
        problems = [Problem(pos.line, pos.column, key, msg) for pos, key, msg in items]
        return PlanCheck(source, None, problems)

    try:
        data = yamlsafe.load_data(text)
    except yamlsafe.YamlProblem as p:
        return found([(p.position, p.key, _yaml_problem(p))])
    if not isinstance(data, dict):
        return found([(Position(1, 1), None, M.PLAN_NOT_DOCUMENT)])
    at = _Positions(text)
    data, words, word_problems, renamed = own_words(data)
    if word_problems:
        return found([(at(loc), _key(loc), msg) for loc, msg in word_problems])

    def own(loc: Loc) -> Loc:  # a location in the file's own words
        n = len((K.ACTIONS, 0, K.TASKS, 0, K.LEADERS))
        word = renamed.get(loc[:n])
        return loc if word is None else (*loc[: n - 1], word, *loc[n:])

    try:
        plan = to_plan(validate(data), words)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a failed item also makes its list "too short": keep only the innermost problems
        locs = [tuple(e["loc"]) for e in errors]
        inner = [
            {**e, "loc": own(tuple(e["loc"]))}
            for e, loc in zip(errors, locs)
            if not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)
        ]
        problems = [_pydantic_problem(err, at) for err in inner]
        seen = {(pos.line, pos.column, key) for pos, key, _ in problems}
        for loc, msg in _raw_roster_problems(data, dict(words)):
            item = (at(loc), _key(loc), msg)
            if (item[0].line, item[0].column, item[1]) not in seen:
                problems.append(item)
        return found(problems)
    rules = plan_problems(plan)
    if rules:
        return found([(at(loc), _key(loc), msg) for loc, msg in rules])
    return PlanCheck(source, plan, [])


def _raw_roster_problems(data: dict[str, Any], words: dict[str, str]) -> list[tuple[Loc, str]]:
    """Names not in the roster, read from the raw data: so that a plan with schema problems
    still has its roster problems listed too (plan_problems needs a valid plan)."""
    from xiajiceng.model import plan_names, roster_problems

    def names(value: Any) -> list[str]:
        got = plan_names(value)
        return [n for n in got if isinstance(n, str)] if isinstance(got, tuple) else []

    roster = data.get(K.ROSTER)
    if not isinstance(roster, dict):
        return []
    leaders, units = names(roster.get(K.LEADERS)), names(roster.get(K.UNITS))
    out: list[tuple[Loc, str]] = []
    actions = data.get(K.ACTIONS)
    for ai, action in enumerate(actions if isinstance(actions, list) else []):
        tasks = action.get(K.TASKS) if isinstance(action, dict) else None
        for ti, task in enumerate(tasks if isinstance(tasks, list) else []):
            if not isinstance(task, dict):
                continue
            where: Loc = (K.ACTIONS, ai, K.TASKS, ti)
            owners = {  # data has the default words; problems point at the plan's own
                words.get(role, choices[0]): names(task.get(choices[0]))
                for role, choices in K.ROLE_WORDS.items()
            }
            out += roster_problems(leaders, units, where, owners)
    return out


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


class _Positions:
    """Where a location of a plan's text is: the longest prefix of it that the file has. The
    text is read again with positions only when a problem is to be named (most plans have
    none, and reading positions costs three times the reading without)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[Loc, Position] | None = None

    def __call__(self, loc: Loc) -> Position:
        if self.positions is None:
            self.positions = yamlsafe.load(self.text)[1]
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.positions:
                return self.positions[loc[:n]]
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


def _pydantic_problem(err: Any, at: _Positions) -> tuple[Position, str | None, str]:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if isinstance(value, str):  # shown inside one sentence: one line, whatever was written
        value = " ".join(value.split())
    if kind == "extra_forbidden":
        valid = "、".join(_aliases_at(loc[:-1]))
        return (
            at(loc),
            str(loc[-1]),
            M.PLAN_UNKNOWN_KEY.format(key=loc[-1], valid=valid),
        )
    if kind == "missing":
        return (
            at(loc[:-1]),
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
    return at(loc), _key(loc), msg


def _aliases_at(loc: Loc) -> list[str]:
    """The keys allowed in the mapping at loc (walking the plan model by alias)."""
    from pydantic import BaseModel

    from xiajiceng.store.schema import PlanSchema

    model: type[BaseModel] = PlanSchema
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
    from xiajiceng.store.schema import TaskSchema

    aliases = [f.alias for f in model.model_fields.values() if f.alias]
    if model is TaskSchema:  # and the other words a plan may use for an owner role
        aliases += dict.fromkeys(w for words in K.ROLE_WORDS.values() for w in words[1:])
    return aliases


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
