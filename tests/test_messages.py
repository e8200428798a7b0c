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
