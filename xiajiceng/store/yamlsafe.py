"""YAML for plan files: safe, strict and with positions.

Plan files come from outside, so this reads YAML's node graph (safe loading, the C parser
when present) and builds plain data itself:

* every scalar stays the string it was written as (no YAML 1.1 surprises: ``NO``, ``0012``,
  ``12:30`` and ``1.10`` are text); only an empty value, ``~`` and ``null`` mean nothing;
* anchors and aliases, duplicate keys, non-scalar keys, tags other than YAML's own, and
  nesting deeper than a sane bound are refused;
* the position of every key and item is kept, so later errors can name the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Loc = tuple[str | int, ...]

MAX_DEPTH = 32
_Y = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}

try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


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


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def load(text: str) -> tuple[Any, dict[Loc, Position]]:
    """Parse one YAML document into plain data and a map from location to position."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        raise YamlProblem("yaml", where, detail=exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml", Position(1, 1), detail=str(exc)) from None
    except RecursionError:
        raise YamlProblem("too_deep", Position(1, 1), limit=MAX_DEPTH) from None
    positions: dict[Loc, Position] = {(): Position(1, 1)}
    if root is None:
        return None, positions
    seen: set[int] = set()

    def build(node: yaml.Node, loc: Loc, key: str | None) -> Any:
        if id(node) in seen:  # the composer hands out the anchored node again for an alias
            raise YamlProblem("alias", _pos(node), key)
        seen.add(id(node))
        if len(loc) > MAX_DEPTH:
            raise YamlProblem("too_deep", _pos(node), key, limit=MAX_DEPTH)
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlProblem("tag", _pos(node), key, tag=node.tag)
            if node.style is None and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _Y + "seq":
                raise YamlProblem("tag", _pos(node), key, tag=node.tag)
            items = []
            for i, item in enumerate(node.value):
                positions[loc + (i,)] = _pos(item)
                items.append(build(item, loc + (i,), key))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _Y + "map":
                raise YamlProblem("tag", _pos(node), key, tag=node.tag)
            out: dict[str, Any] = {}
            first: dict[str, Position] = {}
            for key_node, value_node in node.value:
                if id(key_node) in seen:
                    raise YamlProblem("alias", _pos(key_node), key)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem("key_not_scalar", _pos(key_node), key)
                if key_node.tag not in _SCALAR_TAGS:
                    raise YamlProblem("tag", _pos(key_node), key, tag=key_node.tag)
                seen.add(id(key_node))
                k = key_node.value
                if k in first:
                    raise YamlProblem("dup_key", _pos(key_node), k, first=first[k].line)
                first[k] = _pos(key_node)
                positions[loc + (k,)] = _pos(key_node)
                out[k] = build(value_node, loc + (k,), k)
            return out
        raise YamlProblem("yaml", _pos(node), key, detail=type(node).__name__)  # pragma: no cover

    try:
        return build(root, (), None), positions
    except RecursionError:
        raise YamlProblem("too_deep", Position(1, 1), limit=MAX_DEPTH) from None
