"""The message catalogue (xiajiceng/messages.py)."""

from __future__ import annotations

from pathlib import Path


def test_the_catalogue_defines_each_name_once():
    """Python keeps the last of two assignments: a repeated name silently replaces a message."""
    import ast
    from collections import Counter

    import xiajiceng.messages as M

    tree = ast.parse(Path(M.__file__).read_text(encoding="utf-8"))
    names = Counter(
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    )
    assert [n for n, k in names.items() if k > 1] == []


def test_every_message_in_the_catalogue_is_used():
    """A sentence nobody says is a stale one: each name is used outside the catalogue."""
    import ast
    import re

    import xiajiceng.messages as M

    source = Path(M.__file__).read_text(encoding="utf-8")
    names = [
        t.id
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    ]
    package = Path(M.__file__).parent
    code = "".join(
        p.read_text(encoding="utf-8") for p in package.rglob("*.py") if p.name != "messages.py"
    )
    assert [n for n in names if not re.search(rf"\b{n}\b", code)] == []
