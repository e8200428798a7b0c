"""YAML for plan files: safe, strict and with positions.

Plan files come from outside, so this reads YAML's event stream (the C parser when present;
no constructor ever runs) and builds plain data itself:

* every scalar stays the string it was written as (no YAML 1.1 surprises: ``NO``, ``0012``,
  ``12:30`` and ``1.10`` are text); only an empty value, ``~`` and ``null`` mean nothing;
* anchors and aliases, duplicate keys, non-scalar keys, tags other than YAML's own, and
  nesting deeper than a sane bound are refused;
* the position of every key and item is kept, so later errors can name the line.

Positions are wanted only to name the line of a problem, and most plans have none: `load_data`
reads the same data without them, refusing everything `load` refuses (anything it does not
accept outright is read again by `load`, which says what and where).
"""

from __future__ import annotations

from collections.abc import Iterator
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
        for event in _events(text):
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


def _events(text: str) -> Iterator[Any]:
    """The parser's events, up to the end of the stream."""
    loader = _loader()(text)
    try:
        while (event := loader.get_event()) is not None:
            yield event
    finally:
        loader.dispose()


class _Refused(Exception):
    """What `load` refuses, or might: it reads the text again and says what and where."""


def load_data(text: str) -> Any:
    """The data `load` gives, without its positions; YamlProblem just as `load` raises it."""
    try:
        return _plain(text)
    except _Refused:
        pass
    return load(text)[0]


_OPEN_TAGS = {None, "!"}
_PLAIN_TAGS = _OPEN_TAGS | _SCALAR_TAGS
_MAP_TAGS = _OPEN_TAGS | {_Y + "map"}
_SEQ_TAGS = _OPEN_TAGS | {_Y + "seq"}
_NO_KEY: Any = object()  # in a mapping: a key comes next


def _plain(text: str) -> Any:
    """`load`'s data in one tight loop over the events, with no positions: the same checks,
    each refusal a `_Refused` (and any event it does not know)."""
    from yaml import events as e
    from yaml.error import YAMLError

    scalar = e.ScalarEvent
    map_start, seq_start, map_end, seq_end = (
        e.MappingStartEvent,
        e.SequenceStartEvent,
        e.MappingEndEvent,
        e.SequenceEndEvent,
    )
    doc_start, passing, stream_end = (
        e.DocumentStartEvent,
        (e.StreamStartEvent, e.DocumentEndEvent),
        e.StreamEndEvent,
    )
    nulls, plain_tags = _NULLS, _PLAIN_TAGS
    # the collection being built (None above the root), whether it is a mapping, and a
    # mapping's key whose value comes next; `stack` holds the same three of each parent
    container: Any = None
    is_map = False
    key: Any = _NO_KEY
    stack: list[tuple[Any, bool, Any]] = []
    root: Any = None
    documents = 0
    try:
        loader = _loader()(text)  # the pure Python one reads (and may refuse) here
    except YAMLError:
        raise _Refused from None
    get = loader.get_event
    try:
        while True:
            event = get()
            cls = event.__class__
            if cls is scalar:
                if event.anchor is not None or event.tag not in plain_tags:
                    raise _Refused
                value = event.value
                if is_map and key is _NO_KEY:
                    if value in container:
                        raise _Refused
                    key = value
                    continue
                if value in nulls and event.style is None and event.implicit[0]:
                    value = None
            elif cls is map_start or cls is seq_start:
                if (
                    event.anchor is not None
                    or (is_map and key is _NO_KEY)
                    or len(stack) >= MAX_DEPTH
                    or event.tag not in (_MAP_TAGS if cls is map_start else _SEQ_TAGS)
                ):
                    raise _Refused
                stack.append((container, is_map, key))
                is_map = cls is map_start
                container = {} if is_map else []
                key = _NO_KEY
                continue
            elif cls is map_end or cls is seq_end:
                value = container
                container, is_map, key = stack.pop()
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    raise _Refused
                continue
            elif cls in passing:
                continue
            elif cls is stream_end:
                return root
            else:  # an alias, or anything else
                raise _Refused
            # a value (a scalar, or a collection just ended) takes its place
            if is_map:
                container[key] = value
                key = _NO_KEY
            elif container is None:
                root = value
            else:
                container.append(value)
    except YAMLError:
        raise _Refused from None
    finally:
        loader.dispose()


def _last_key(loc: Loc) -> str | None:
    return next((part for part in reversed(loc) if isinstance(part, str)), None)
