"""The YAML reader without positions (`load_data`, what every plan is read with first) and the
one with them (`load`, what names the line of a problem) agree on every text: the same data,
the same refusals. Hostile texts above all: the fast reader must never accept what `load`
refuses."""

from __future__ import annotations

from unittest import mock

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.store.test_plans_hostile import HOSTILE
from xiajiceng.store import yamlsafe
from xiajiceng.store.plans import bundled_plan_path
from xiajiceng.store.yamlsafe import MAX_DEPTH, YamlProblem

LOADERS = [getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader]  # C, pure Python


def _outcome(read, text: str) -> tuple:
    try:
        return ("data", read(text))
    except YamlProblem as p:
        return ("refused", p.kind, p.position, p.key, p.info)


def _fast(text: str) -> tuple:
    try:
        return ("data", yamlsafe._plain(text))
    except yamlsafe._Refused:
        return ("refused",)


def assert_agree(text: str) -> None:
    for loader in LOADERS:
        with mock.patch.object(yamlsafe, "_loader", lambda loader=loader: loader):
            slow = _outcome(lambda t: yamlsafe.load(t)[0], text)
            fast = _fast(text)
            assert fast[0] == slow[0], (loader, text, fast, slow)  # accepted, or refused
            if fast[0] == "data":
                assert _typed(fast[1]) == _typed(slow[1]), (loader, text)
            # and load_data raises just what load raises, or gives what it gives
            assert _outcome(yamlsafe.load_data, text) == slow, (loader, text)


def _typed(value: object) -> object:
    """The data with every value's type in it (so that "" and None, [] and {} differ)."""
    if isinstance(value, dict):
        return ("map", [(k, _typed(v)) for k, v in value.items()])  # in the file's order
    if isinstance(value, list):
        return ("seq", [_typed(v) for v in value])
    return (type(value).__name__, value)


# -- texts: flow and block YAML with what the reader refuses mixed in ---------------------------

SCALARS = [
    "a",
    "标题",
    "第 1 行",
    "''",
    "~",
    "null",
    "Null",
    "NULL",
    "'null'",
    '"~"',
    "NO",
    "yes",
    "on",
    "0012",
    "12:30",
    "1.10",
    "2023-02-30",
    "1e3",
    '"\\e"',
    '"a\\u202eb"',
    '"\\N"',
    "'it''s'",
    "a b",
    "县（市、区）",
]
KEYS = ["a", "b", "编号", "标题", "~", "null", "''", '"a"', "'b'", "1", "NO"] + list("cdefghijklmn")
DECOR = [""] * 30 + [
    "&a ",
    "!!str ",
    "!!int ",
    "!!null ",
    "!!bool ",
    "!!timestamp ",
    "!!float ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!binary ",
    "!!python/none ",
    "!local ",
    "! ",
    "!<tag:yaml.org,2002:str> ",
]


def _flow(data: st.DataObject, depth: int, decors: list[str]) -> str:
    kinds = ["scalar"] * 3 + (["map", "seq"] if depth < 4 else [])
    kinds += ["alias"] * (decors != [""] and depth % 2)
    kind = data.draw(st.sampled_from(kinds))
    decor = data.draw(st.sampled_from(decors))
    if kind == "alias":
        return "*a"
    if kind == "scalar":
        return decor + data.draw(st.sampled_from(SCALARS))
    n = data.draw(st.integers(0, 3))
    if kind == "seq":
        return decor + "[" + ", ".join(_flow(data, depth + 1, decors) for _ in range(n)) + "]"
    items = [f"{_key(data, decors)}: {_flow(data, depth + 1, decors)}" for _ in range(n)]
    return decor + "{" + ", ".join(items) + "}"


def _key(data: st.DataObject, decors: list[str]) -> str:
    if decors != [""] and data.draw(st.integers(0, 15)) == 0:  # a collection or an alias as a key
        return data.draw(st.sampled_from(["[a]", "{a: b}", "*a", "&a k"]))
    return data.draw(st.sampled_from(decors)) + data.draw(st.sampled_from(KEYS))


def _block(data: st.DataObject, depth: int, indent: int, decors: list[str]) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if data.draw(st.booleans()):  # a mapping
        for _ in range(data.draw(st.integers(1, 4))):
            key = _key(data, decors)
            how = data.draw(st.sampled_from(["flow", "flow", "empty", "nested", "literal"]))
            if how == "nested" and depth < 5:
                lines.append(f"{pad}{key}:")
                lines += _block(data, depth + 1, indent + 2, decors)
            elif how == "literal":
                lines += [f"{pad}{key}: |", f"{pad}  一行", f"{pad}  二行"]
            elif how == "empty":
                lines.append(f"{pad}{key}:")
            else:
                lines.append(f"{pad}{key}: {_flow(data, depth + 1, decors)}")
    else:  # a sequence
        for _ in range(data.draw(st.integers(1, 4))):
            if data.draw(st.booleans()) and depth < 5:
                lines.append(f"{pad}-")
                lines += _block(data, depth + 1, indent + 2, decors)
            else:
                lines.append(f"{pad}- {_flow(data, depth + 1, decors)}")
    return lines


@st.composite
def yaml_texts(draw):
    data = draw(st.data())
    hostile = draw(st.booleans())  # anchors, aliases and tags, or none
    decors = DECOR if hostile else [""]
    if draw(st.booleans()):
        text = "\n".join(_block(data, 0, 0, decors)) + "\n"
    else:
        text = _flow(data, 0, decors) + "\n"
    starts = ["", "", "---\n", "%YAML 1.1\n---\n"] + ["--- !!map\n"] * hostile
    text = draw(st.sampled_from(starts)) + text
    text += draw(st.sampled_from(["", "", "", "...\n", "---\nx\n", "--- \n"]))
    chars = list(text)
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 2, 3]))):  # and a few slips of the keyboard
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        ch = draw(st.sampled_from(list(":-[]{}&*!|>?'\"#,\n\t 、0a中")))
        if chars and draw(st.booleans()):
            chars[i] = ch
        else:
            chars.insert(i, ch)
    return "".join(chars)


def _nested(levels: int, mapping: bool) -> str:
    if mapping:
        return "".join(f"{' ' * i}k{i}:\n" for i in range(levels)) + " " * levels + "x\n"
    return "[" * levels + "x" + "]" * levels + "\n"


TABLE = {
    **{f"hostile: {name}": text for name, (text, _) in HOSTILE.items()},
    **{
        f"{levels} levels of {'mappings' if m else 'sequences'}": _nested(levels, m)
        for levels in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1)
        for m in (False, True)
    },
    "nothing": "",
    "a comment": "# 无\n",
    "a scalar": "x\n",
    "null document": "~\n",
    "empty values": "a:\nb: ~\nc: ''\nd: null\ne: !!str null\nf: !!null ''\n",
    "yaml 1.1 words": "a: NO\nb: 0012\nc: 12:30\nd: 1.10\ne: on\nf: 2023-02-30\n",
    "escapes": 'a: "\\e\\x07\\u202e"\n',
    "anchor on a key": "&a k: v\n",
    "anchor on a mapping": "a: &x {b: c}\n",
    "alias as a value": "a: b\nc: *a\n",
    "tag on a key": "!!str k: v\n",
    "tag on a sequence": "a: !!seq [b]\n",
    "map tag on a sequence": "a: !!map [b]\n",
    "set": "a: !!set {b, c}\n",
    "omap": "a: !!omap [b: 1]\n",
    "duplicate in a nested mapping": "a:\n  b: 1\n  c: 2\n  b: 3\n",
    "same key in two mappings": "a: {b: 1}\nc: {b: 2}\n",
    "duplicate after a nested value": "a: {b: 1}\na: 2\n",
    "empty key": ": x\n",
    "explicit key": "? a\n: b\n",
    "complex key": "? [a]\n: b\n",
    "flow complex key": "{[a]: b}\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end, then another": "a: 1\n...\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "unclosed": "标题: [未闭合\n",
    "tab indentation": "标题: x\n人员:\n\t责任领导: a\n",
    "control character": "a: \x07\n",
    "byte order mark": "\ufeffa: 1\n",
    "crlf": "a: 1\r\nb: [2, 3]\r\n",
    "bundled plan": bundled_plan_path().read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("name", TABLE)
def test_the_readers_agree_on_these(name):
    assert_agree(TABLE[name])


@settings(max_examples=400, deadline=None)
@given(yaml_texts())
@example("a: 1\n")
def test_the_readers_agree_on_any_yaml(text):
    assert_agree(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>?'\"#,%@`\n\t ~ab中")), max_size=60))
def test_the_readers_agree_on_any_punctuation(text):
    assert_agree(text)


def test_the_fast_reader_reads_the_bundled_plan():
    """Not refused and read again: a plan without problems is read once."""
    text = bundled_plan_path().read_text(encoding="utf-8")
    with mock.patch.object(yamlsafe, "load", side_effect=AssertionError("read again")):
        data = yamlsafe.load_data(text)
    assert data["专项行动"][0]["任务"][0]["编号"] == "1"
