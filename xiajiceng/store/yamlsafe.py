"""YAML for plan files: safe, strict and with positions.

Plan files come from outside, so this reads YAML's event stream (the C parser when present;
no constructor ever runs) and builds plain data itself:

* every scalar stays the string it was written as (no YAML 1.1 surprises: ``NO``, ``0012``,
  ``12:30`` and ``1.10`` are text); only an empty value, ``~`` and ``null`` mean nothing;
* anchors and aliases, duplicate keys, non-scalar keys, tags other than YAML's own, and
  nesting deeper than a sane bound are refused;
* the position of every key and item is kept, so later errors can name the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]

MAX_DEPTH = 32
_Y = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}


def _loader() -> type:
    """The C parser is much faster; pure Python where PyYAML was built without libyaml."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """A problem at a position; `key` names the key involved, when there is one."""

    def __init__(self, kind: str, position: Position, key: str | None = None, **info: Any):
        super().__init__(kind)
        self.kind = kind
        self.position = position
        self.key = key
        self.info = info


def _mark_pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


class _Frame:
    """A mapping or sequence being built, with the key waiting for its value."""

    __slots__ = ("container", "first", "key", "loc")

    def __init__(self, container: Any, loc: Loc) -> None:
        self.container = container
        self.loc = loc
        self.key: str | None = None  # a mapping's key whose value comes next
        self.first: dict[str, int] = {}  # a mapping's keys and the lines they stand on


def load(text: str) -> tuple[Any, dict[Loc, Position]]:
    """Parse one YAML document into plain data and a map from location to position.

    Built from the parser's event stream with an explicit stack, not from YAML's recursive
    composer: deep nesting is refused at the first level too deep (libyaml's composer
    crashes the interpreter on some 100,000 levels), and aliases never expand.
    """
    import yaml

    positions: dict[Loc, Position] = {(): Position(1, 1)}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def where() -> tuple[Loc, str | None]:
        """The location the next node takes, and the key it belongs to."""
        if not stack:
            return (), None
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.loc, len(top.container)), _last_key(top.loc)
        return (*top.loc, top.key), top.key  # type: ignore[arg-type]

    def place(value: Any, pos: Position) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.container, list):
            positions[top.loc + (len(top.container),)] = pos
            top.container.append(value)
        else:
            top.container[top.key] = value
            top.key = None

    try:
        for event in yaml.parse(text, Loader=_loader()):
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem("alias", _mark_pos(event.start_mark), where()[1])
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("multi_doc", _mark_pos(event.start_mark))
                continue
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent):
                    done = stack.pop()
                    place(done.container, positions.get(done.loc, Position(1, 1)))
                continue
            pos = _mark_pos(event.start_mark)
            loc, key = where()
            if event.anchor is not None:
                raise YamlProblem("alias", pos, key)
            tag = getattr(event, "tag", None)
            top = stack[-1] if stack else None
            awaiting_key = top is not None and isinstance(top.container, dict) and top.key is None
            if isinstance(event, yaml.ScalarEvent):
                if tag not in (None, "!") and tag not in _SCALAR_TAGS:
                    raise YamlProblem("tag", pos, key, tag=tag)
                value = event.value
                plain = event.style is None and event.implicit[0]
                if awaiting_key:
                    assert top is not None
                    if value in top.first:
                        raise YamlProblem("dup_key", pos, value, first=top.first[value])
                    top.first[value] = pos.line
                    top.key = value
                    positions[top.loc + (value,)] = pos
                    continue
                place(None if plain and value in _NULLS else value, pos)
                continue
            if awaiting_key:
                raise YamlProblem("key_not_scalar", pos, key)
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem("too_deep", pos, key, limit=MAX_DEPTH)
            if isinstance(event, yaml.SequenceStartEvent):
                if tag not in (None, "!", _Y + "seq"):
                    raise YamlProblem("tag", pos, key, tag=tag)
                stack.append(_Frame([], loc))
            else:
                if tag not in (None, "!", _Y + "map"):
                    raise YamlProblem("tag", pos, key, tag=tag)
                stack.append(_Frame({}, loc))
            positions.setdefault(loc, pos)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem("yaml", _mark_pos(mark), detail=exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml", Position(1, 1), detail=str(exc)) from None
    return root, positions


def _last_key(loc: Loc) -> str | None:
    return next((part for part in reversed(loc) if isinstance(part, str)), None)
