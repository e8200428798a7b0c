"""Pinyin spellings of names, for people who type without an input method.

Light on purpose (only pypinyin, imported when first needed): shell completion uses it too.
"""

from __future__ import annotations

import functools


def readings_of(name: str) -> list[tuple[str, ...]]:
    """Every reading of every character: 曾 → ("ceng", "zeng"), 单 → ("dan", "chan", "shan").

    Characters are read one by one (not as a phrase), so a surname such as 曾, 单, 解, 仇 or
    查 accepts each of its readings; ü may be typed v or u. Other characters read as themselves.
    """
    from pypinyin import Style, pinyin

    out = []
    for ch in name:
        found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="default")[0]
        readings = {r.lower() for r in found if r}
        readings |= {r.replace("v", "u") for r in readings if "v" in r}
        out.append(tuple(sorted(readings)) or (ch.lower(),))
    return out


def spells(key: str, name: str, readings: list[tuple[str, ...]], whole: bool) -> bool:
    """Does `key` spell `name`, each character written as itself or a leading part of one of
    its readings (full pinyin, initials or a mix: shenweiqiang, swq, shenwq, 沈wq)?

    whole: every character must be spelled; otherwise a leading part of the name is enough.
    """

    @functools.cache
    def go(pos: int, i: int) -> bool:
        if pos == len(key):
            return i == len(name) or (not whole and i > 0)
        if i == len(name):
            return False
        if key[pos] == name[i] and go(pos + 1, i + 1):
            return True
        for r in readings[i]:
            n = 1
            while n <= len(r) and key[pos : pos + n] == r[:n]:
                if go(pos + n, i + 1):
                    return True
                n += 1
        return False

    return go(0, 0)


def few(readings: list[tuple[str, ...]], limit: int = 256) -> bool:
    """Few enough combinations of readings to list them all."""
    n = 1
    for r in readings:
        n *= len(r)
    return n <= limit
