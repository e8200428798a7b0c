"""Probable aliases: names in an office's plans that are probably one person or unit written
two ways (xjc check proposes a line of 设置.yaml's 人员别名 for each). Pure rules, no I/O.

Each name gets a key; names with one key are one group:

* FORM: full-width and half-width (NFKC), spaces, Traditional and Simplified (through the
  `fold` the caller passes: the model holds no character table), and a few fixed official
  abbreviations (人民政府 → 政府, 发展和改革 → 发改 …): 县人民政府办公室 = 县政府办公室.
* TITLE (people only): a title after a name of two characters or more is not part of it:
  沈伟强同志 = 沈伟强部长 = 沈伟强; 王副县长 stays whole (王 alone is no name).

Then PREFIX (units only): a unit whose key ends with another unit's key after an issuer-like
prefix (one ending 部, 委, 局, 府, 办, 市, 区, 县 …; not 干部, 内部 …) is probably that
unit: 市委组织部组织科 → 组织科, 区发改局 → 发改局. Two units that only share an ending
(组织科, 干部科) never match. Each unit's key is looked up by its suffixes in a dict of keys,
so the cost grows with the total length of the names, not with their number squared.

Names already one through the alias table are not proposed again, nor are two spellings
that one plan uses both of (an alias making them one would be a problem of its own).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

FORM, TITLE, PREFIX = "form", "title", "prefix"

# official names and their usual short forms, longest first (applied in this order)
_ABBREVIATIONS = (
    ("中国人民政治协商会议", "政协"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("人民代表大会", "人大"),
    ("人力资源和社会保障", "人社"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("人民政府", "政府"),
    ("中国共产党", "中共"),
)
# titles written after a person's name, longest first
_TITLES = tuple(
    sorted(
        {
            "同志",
            *(
                rank + post
                for post in (
                    "部长",
                    "书记",
                    "主任",
                    "局长",
                    "县长",
                    "市长",
                    "区长",
                    "镇长",
                    "乡长",
                    "科长",
                    "处长",
                    "主席",
                    "秘书长",
                    "组长",
                    "调研员",
                    "主任科员",
                )
                for rank in ("", "副", "常务副")
            ),
            "部务委员",
            "常委",
            "委员",
        },
        key=len,
        reverse=True,
    )
)
# an issuer-like prefix ends with one of these …
_ISSUER_ENDS = (
    "部",
    "委",
    "局",
    "厅",
    "府",
    "院",
    "办",
    "会",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "镇",
    "乡",
    "街道",
    "党组",
    "人大",
    "政协",
)
# … and not with one of these words, which end so without naming an issuer
_NOT_ISSUER_ENDS = ("干部", "内部", "外部", "全部", "局部", "基层党委", "社区", "小区", "园区")
_MIN_NAME = 2  # characters of a key that can be a name of its own
_ISSUER_END = re.compile("|".join(_ISSUER_ENDS))
_SHORT_FORM = dict(_ABBREVIATIONS)
_ABBREVIATED = re.compile("|".join(re.escape(long) for long, _ in _ABBREVIATIONS))


def _plain(name: str, fold: Callable[[str], str]) -> str:
    text = unicodedata.normalize("NFKC", name)
    return fold("".join(text.split()))


def unit_key(name: str, fold: Callable[[str], str] = str) -> str:
    """The key of a unit's name: its form and official abbreviations folded."""
    return _ABBREVIATED.sub(lambda m: _SHORT_FORM[m.group()], _plain(name, fold))


def person_key(name: str, fold: Callable[[str], str] = str) -> str:
    """The key of a person's name: its form folded and titles after it dropped."""
    key = _plain(name, fold)
    while key.endswith(_TITLES):
        # the longest title it ends with, which must leave a name: 王副县长 stays whole
        title = next((t for t in _TITLES if key.endswith(t)), "")
        if len(key) - len(title) < _MIN_NAME:
            break
        key = key[: -len(title)]
    return key


def issuer_like(prefix: str) -> bool:
    """Whether a prefix reads as the unit a name belongs to: 市委组织部, 区, 县政府."""
    return prefix.endswith(_ISSUER_ENDS) and not prefix.endswith(_NOT_ISSUER_ENDS)


@dataclass(frozen=True)
class Probable:
    """Spellings probably of one person or unit: `name` (the one to keep, the key of a
    人员别名 entry) and the other spellings: one choice, or several when they are different
    units each of which may be `name` (at most one of them is: `ambiguous`)."""

    name: str
    choices: tuple[tuple[str, ...], ...]
    rule: str  # FORM, TITLE or PREFIX

    @property
    def ambiguous(self) -> bool:
        return len(self.choices) > 1

    @property
    def others(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for choice in self.choices for n in choice))


def _resolve(
    uses: Mapping[str, Iterable[str]], aliases: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Name (after the alias table) → the plans that use it under any of its spellings."""
    out: dict[str, set[str]] = {}
    for name, plans in uses.items():
        out.setdefault(aliases.get(name, name), set()).update(plans)
    return {name: frozenset(plans) for name, plans in out.items()}


def _disjoint(names: Iterable[str], plans_of: Mapping[str, frozenset[str]]) -> bool:
    seen: set[str] = set()
    for name in names:
        if seen & plans_of[name]:
            return False
        seen |= plans_of[name]
    return True


def _keeper(names: Iterable[str], key: str, plans_of: Mapping[str, frozenset[str]]) -> str:
    """The spelling to keep: the key itself when some plan writes it, else the one most
    plans write, then the shortest."""
    return min(names, key=lambda n: (n != key, -len(plans_of[n]), len(n), n))


def _groups(
    plans_of: Mapping[str, frozenset[str]], key_of: Callable[[str], str]
) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for name in sorted(plans_of):
        groups.setdefault(key_of(name), []).append(name)
    return groups


def _same_form(
    groups: Mapping[str, list[str]], plans_of: Mapping[str, frozenset[str]], person: bool
) -> list[Probable]:
    out = []
    for key, names in groups.items():
        if len(names) > 1 and _disjoint(names, plans_of):
            keep = _keeper(names, key, plans_of)
            titled = person and any(_plain_differs(n, key) for n in names)
            others = tuple(n for n in names if n != keep)
            out.append(Probable(keep, (others,), TITLE if titled else FORM))
    return out


def _plain_differs(name: str, key: str) -> bool:
    """Whether a title was dropped from the name to make its key (not only its form)."""
    return len(unicodedata.normalize("NFKC", "".join(name.split()))) != len(key)


def _prefixed(
    groups: Mapping[str, list[str]], plans_of: Mapping[str, frozenset[str]]
) -> list[Probable]:
    """Units whose key ends with a shorter unit's key after an issuer-like prefix, each
    joined to the shortest such unit."""
    longer: dict[str, list[str]] = {}  # short key → the keys of the longer units
    for key in groups:
        # where an issuer-like prefix may end: after 部, 委, 局 …; the shortest ending first
        for end in reversed([m.end() for m in _ISSUER_END.finditer(key)]):
            if len(key) - end >= _MIN_NAME and key[end:] in groups and issuer_like(key[:end]):
                longer.setdefault(key[end:], []).append(key)
                break
    out = []
    for short, found in sorted(longer.items()):
        # a longer unit that shares a plan with the short one is another unit
        keys = sorted(
            (k for k in found if _disjoint([*groups[short], *groups[k]], plans_of)), key=len
        )
        if not keys:
            continue
        # different units when neither of two longer keys ends with the other, or when one
        # plan writes both
        longs = [n for k in keys for n in groups[k]]
        ambiguous = not _disjoint(longs, plans_of) or any(
            not b.endswith(a) for a, b in itertools.pairwise(keys)
        )
        keep = _keeper(groups[short], short, plans_of)
        own = tuple(n for n in groups[short] if n != keep)
        choices = tuple((*own, *groups[k]) for k in keys) if ambiguous else ((*own, *longs),)
        out.append(Probable(keep, choices, PREFIX))
    return out


def probable_aliases(
    people: Mapping[str, Iterable[str]],
    units: Mapping[str, Iterable[str]],
    aliases: Mapping[str, str] | None = None,
    fold: Callable[[str], str] = str,
) -> list[Probable]:
    """Spellings probably of one person or unit, across plans. `people` and `units`: each
    name as written → the plans (short names) that use it; `aliases`: 人员别名 as it is
    (a name → the name it stands for); `fold`: Traditional → Simplified, one for one."""
    out: list[Probable] = []
    person_plans = _resolve(people, aliases or {})
    out += _same_form(_groups(person_plans, lambda n: person_key(n, fold)), person_plans, True)
    unit_plans = _resolve(units, aliases or {})
    unit_groups = _groups(unit_plans, lambda n: unit_key(n, fold))
    formed = _same_form(unit_groups, unit_plans, False)
    prefixed = _prefixed(unit_groups, unit_plans)
    # a group proposed by PREFIX carries its own spellings: not proposed twice
    covered = {n for p in prefixed for n in (p.name, *p.others)}
    out += [p for p in formed if p.name not in covered]
    out += prefixed
    return out
