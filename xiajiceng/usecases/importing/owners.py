"""Owners as documents write them: labelled lines (责任单位：…) or a bracket at the end of a
paragraph (（牵头单位：X，配合单位：A、B）, 〔…〕, […], （X牵头，Y配合））."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from xiajiceng.model import split_outside_brackets
from xiajiceng.usecases.importing.script import fold

LEADERS, RESPONSIBLE, LEAD, SUPPORT, DUE = "leaders", "responsible", "lead", "support", "due"
# units named 责任单位 (or "X负责"): supporting units when the task also names a lead unit,
# the responsible units (责任科室's place) when it does not
UNITS = "units"
VERBS = "verbs"  # a label whose value says the roles in words: 部门分工：X牵头，Y配合

_LEVELS = ("", "省", "市", "县", "区", "州", "镇", "乡", "街道")
_LEADER_LABELS = (
    " ".join(
        f"{how}{level}领导"
        for how in ("责任", "分管", "牵头", "联系", "包联", "挂点")
        for level in _LEVELS
    )
    + " "
    + " ".join(f"分管{vice}{level}长" for vice in ("", "副") for level in "省市县区州镇乡")
)
LABELS = {
    LEADERS: _LEADER_LABELS + " 责任人",
    RESPONSIBLE: "责任科室 责任处室",
    UNITS: "责任单位 责任部门 负责单位 负责部门 实施单位 承办单位",
    LEAD: "牵头单位 牵头部门 牵头科室 牵头处室 牵头",
    SUPPORT: "配合单位 配合部门 配合科室 配合处室 协办单位 协助单位 参与单位 协同单位 配合",
    DUE: "完成时限 完成时间 完成期限 时间节点 时间要求 时限",
    VERBS: "部门分工 责任分工 单位分工",
}
_ROLE_OF = {label: role for role, labels in LABELS.items() for label in labels.split()}

# the words a plan may use (model.K.ROLE_WORDS) for the document's own label of a role
LEADER_WORDS = ("责任领导", "牵头领导", "分管领导")
SUPPORT_WORDS = ("配合单位", "协办单位", "责任单位")


def role_word(role: str, label: str) -> str | None:
    """The plan's word for a role the document labels `label` (folded): the closest of the
    words a plan may use, or None for a role with one word only."""
    if role == LEADERS:
        return "分管领导" if "分管" in label else "牵头领导" if "牵头" in label else "责任领导"
    if role == SUPPORT:  # 协助, 协同: forms of 协办; any other word (参与) the default one
        return "协办单位" if re.search(r"协办|协助|协同", label) else "配合单位"
    if role == UNITS:  # beside a lead unit; alone they are the responsible units
        return "责任单位" if "责任" in label else None
    return None


_LABEL = "|".join(sorted(_ROLE_OF, key=len, reverse=True))
LABEL_RE = re.compile(rf"({_LABEL})\s*[：:]\s*")
LINE_RE = re.compile(rf"^\s*({_LABEL})\s*[：:]")
_OPEN, _CLOSE = "（([〔【", "）)]〕】"
_VERB = re.compile(
    r"^(?P<names>.+?)(?:按职责分工|按职责|分别|共同|等有关部门|等相关部门|等部门|等单位|等)?"
    r"(?P<verb>牵头|配合|协助|协办|参与|负责|落实)(?:落实|实施)?$"
)
_LEADING_BY = re.compile(r"^(?:由|请)")
_VERB_ROLE = {"牵头": LEAD, "配合": SUPPORT, "协助": SUPPORT, "协办": SUPPORT, "参与": SUPPORT}
_AREA = re.compile(r"(?:县级市|市|区|县|镇|乡|街道|开发区|园区)$")
_NOT_UNIT = re.compile(r"(?:等(?:各)?(?:有关|相关)?(?:单位|部门)?|按职责分工负责|按职责分工|分别)$")
_ORGAN = re.compile(r"(?:局|委|办|部|厅|院|会|中心|公司|政府|科|处|室|站|所|队)$")


_WHOLE_UNIT = re.compile(
    r"(?:单位|部门|机构|集团|银行|学校|医院|社|馆|团|组|联|协|镇|乡|街道|区|县|市|省)$"
)


def unit_like(name: str) -> bool:
    """Does a name end as a unit's or an area's does (…局, …委, …中心, 各乡镇, 各有关单位)?"""
    folded = fold(name)
    return bool(_ORGAN.search(folded) or _WHOLE_UNIT.search(folded))


@dataclass
class Owners:
    """Who a paragraph names, in the order it names them, and its own time-limit words."""

    items: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    due_text: str | None = None
    words: list[tuple[str, str]] = field(default_factory=list)  # (role, the plan's word)
    standing: bool = False  # "……不再做分工，下同": they apply to later tasks without owners

    def of(self, role: str) -> list[str]:
        return list(dict.fromkeys(n for r, n in self.items if r == role))

    def __bool__(self) -> bool:
        return bool(self.items)

    def merge(self, other: Owners) -> None:
        self.items += [i for i in other.items if i not in self.items]
        self.due_text = self.due_text or other.due_text
        self.words += other.words
        self.standing = self.standing or other.standing

    def fill(self, other: Owners) -> None:
        """Take the other's owners for every role this one does not name."""
        have = {r for r, _ in self.items}
        self.items += [i for i in other.items if i[0] not in have]
        self.words += [w for w in other.words if w[0] not in have]
        self.due_text = self.due_text or other.due_text


_LISTED = "、，,；;\n"  # what parts the names of a list (a cell's lines too)


def split_units(text: str) -> list[str]:
    """Units separated by 、，,；; or listed one per line (a cell of a Word, Excel or PDF
    table) — but "各区、县级市" and "县发改局（粮食局）" stay whole."""
    pieces = [
        p
        for listed in split_outside_brackets(_continued(text), _LISTED)
        for piece in _spaced(without_latin(listed, person=False))
        for p in _split_and(piece)
    ]
    out: list[str] = []
    for piece in pieces:
        piece = _SCOPE_REMARK.sub("", piece).strip()
        if _FIRST_LEADS.search(fold(piece)) or fold(piece) == "下同":
            continue  # a remark on the list (排名第1为牵头单位，下同), no unit
        cut = _NOT_UNIT.search(fold(piece))
        if cut and cut.start() > 0:
            piece = piece[: cut.start()].strip()
        if len(piece) < 2 and not _distributed(out, piece):
            continue  # a one-character fragment ("区" of a cut-off line) is no unit
        # 各区、县级市: the 各 of the first piece covers the areas listed after it; so does
        # the 各 of a lone place before the organ of both (各市、县政府: each city's and each
        # county's government, one owner as the document names it)
        if (
            out
            and out[-1].startswith("各")
            and _AREA.search(out[-1])
            and _AREA.search(piece)
            and not _ORGAN.search(piece)
            and len(piece) <= 4
        ) or _distributed(out, piece):
            out[-1] += "、" + piece
            continue
        out.append(piece)
    return _shared_organ(out)


# a cell's line that starts with a bracket or with 等 goes on the line before it (县发改局 /
# （县粮食局）; 县应急管理局、县气象局 / 等有关单位): it is no name of its own
_CONTINUED_LINE = re.compile(r"\s*\n\s*(?=[（(]|等)")


def _continued(text: str) -> str:
    return _CONTINUED_LINE.sub("", text)


def _shared_organ(units: list[str]) -> list[str]:
    """Places listed bare before the organ they share (石家庄、邢台、廊坊市政府: each of the
    three cities' government) are one owner, as the document writes it; a bare place is no
    unit by itself."""
    out: list[str] = []
    bare: list[str] = []
    for unit in units:
        if (
            len(unit) <= 4
            and _CJK_ONLY.fullmatch(unit)
            and not unit_like(unit)
            # 各地: every place, an owner; 省工商联: a unit of the province, not a bare place
            and not unit.startswith(("各", "有关", "相关", *_PLACE_CHARS))
        ):
            bare.append(unit)
            continue
        if bare and unit_like(unit):
            out.append("、".join([*bare, unit]))
        else:
            out += [*bare, unit]
        bare = []
    return out + bare


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


_PLACE_CHARS = frozenset("省市县区镇乡州盟旗")
# a remark on a unit's scope in brackets, no part of its name: 各市（含定州、辛集市，下同）
_SCOPE_REMARK = re.compile(r"[（(](?:含|包括|不含|不包括)[^（）()]*[）)]|[（(][^（）()]*下同[）)]")
_LONE_PLACES = re.compile(r"各[省市县区镇乡州](?:、[省市县区镇乡州])*")  # 各市, 各市、县


def _distributed(out: list[str], piece: str) -> bool:
    """Does `piece` go on a list of places that a 各 distributes over (各市、县、区人民政府:
    each city's, county's and district's government)? It is another place alone, or one
    with the organ they share."""
    if not out or not _LONE_PLACES.fullmatch(out[-1]) or piece[:1] not in _PLACE_CHARS:
        return False
    if piece[0] in out[-1]:  # 各市、市发改委: the city's own bureau, another owner
        return False
    if len(piece) == 1:
        return True
    # 各区、市发改委, 各镇、县发改局: a place above the ones 各 distributes over names the
    # document's own level, and its organ is one unit of its own (各市、县政府: one below)
    above = _LEVEL.get(piece[0], 0) > min(_LEVEL.get(ch, 9) for ch in out[-1][1:])
    return not above and bool(_ORGAN.search(piece))


# the level of a place (省 above 市 above 县 above 镇)
_LEVEL = {"省": 4, "市": 3, "州": 3, "盟": 3, "县": 2, "区": 2, "旗": 2, "镇": 1, "乡": 1}


def _spaced(text: str) -> list[str]:
    """Units parted by spaces; a place's one character cut off by a space ("县 数据局", as a
    PDF or a padded cell leaves it) stays with the unit after it."""
    out: list[str] = []
    for piece in split_outside_brackets(text, "　 "):
        if out and out[-1] in _PLACE_CHARS:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _split_and(piece: str) -> list[str]:
    """ "市级各有关部门及各县市区政府", "县政府办及其他有关单位": two units joined by 及 before
    a 各 or a 其他 (each the rest of a list)."""
    m = _AND_THE_REST.search(fold(piece))
    if m and m.start() >= 2:
        return [piece[: m.start()], piece[m.start() + 1 :]]
    return [piece]


_AND_THE_REST = re.compile(r"及(?=各|其他|其它)")


_TITLE_AFTER = re.compile(
    r"(?:同志|(?:常务)?副?(?:[省市县区州镇乡]长|书记|部长|主任|局长|秘书长|主席|常委))+$"
)


def bare_name(name: str) -> str:
    """A person without the title after the name (朱伟县长 → 朱伟, 沈伟强同志 → 沈伟强), so the
    same person is one name in every plan; 王副县长 (no name left but a surname) stays."""
    m = _TITLE_AFTER.search(name)
    if m and 2 <= m.start() <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in name[: m.start()]):
        return name[: m.start()]
    return name


def split_people(text: str) -> list[str]:
    names: list[str] = []
    for piece in split_outside_brackets(_continued(text), _LISTED):
        if _CJK_CHAR.search(piece):
            names += padded_names(without_latin(piece, person=True))
        else:  # a name in Latin letters only (a foreign expert) is kept whole
            names.append(piece)
    return [bare_name(n) for n in names]


# -- Latin letters a reprint inserted ------------------------------------------------------
# Sites that copy government pages insert pinyin (關(guān), 张san 伟) or a romanized name after
# the Chinese one (张伟(Zhang Wei)); an owner keeps its Chinese name. A name written in Latin
# letters only stays as written, and so does an abbreviation in capitals inside a unit's name
# (县CDC, 5G办): a reprint's pinyin is in small letters or capitalized words.

_LATIN = r"A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a\u0300-\u036f"
_LATIN_BRACKET = re.compile(rf"\s*[（(\[]\s*[{_LATIN}][{_LATIN}\s'’·.\-]*[）)\]]")
_LATIN_RUN = re.compile(rf"[0-9]*[{_LATIN}][{_LATIN}0-9]*")
_ABBREVIATION = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*")


def without_latin(name: str, person: bool) -> str:
    """A name without the Latin letters a reprint put into it: 张san 伟 → 张 伟, 张伟(Zhang
    Wei) → 张伟, 市經(jīng)貿(mào)委 → 市經貿委; unchanged unless it has Chinese characters."""
    if not _CJK_CHAR.search(name):
        return name
    name = _LATIN_BRACKET.sub("", name)

    def drop(m: re.Match[str]) -> str:
        kept = not person and len(m[0]) >= 2 and _ABBREVIATION.fullmatch(m[0])
        return m[0] if kept else re.sub(r"\D", "", m[0])

    return _LATIN_RUN.sub(drop, name)


# -- names padded to one width ------------------------------------------------------------
# A two-character name is often padded to three characters' width (陆  明, 陆　明), so that
# the names of a cell line up; the names themselves are parted by wider gaps.

_SPACES = " \t\u3000\xa0"
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _gapped(text: str) -> tuple[list[str], list[int]]:
    """The words of a text parted by spaces outside brackets, and each gap's width in
    half-width spaces (a full-width space is two, a tab four)."""
    words, gaps = [""], []
    depth = gap = 0
    for ch in text.strip(_SPACES):
        if depth == 0 and ch in _SPACES:
            gap += {"\u3000": 2, "\t": 4}.get(ch, 1)
            continue
        if gap:
            words.append("")
            gaps.append(gap)
            gap = 0
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        words[-1] += ch
    return words, gaps


def _one_character_each_side(left: str, right: str) -> bool:
    """Does a gap stand between two lone Chinese characters (陆 | 明, 责任领导：陆 | 明；)?"""

    def run(chars: str) -> int:
        n = 0
        for ch in chars:
            if not _CJK_CHAR.match(ch):
                break
            n += 1
        return n

    return run(left[::-1]) == 1 and run(right) == 1


def _narrow_gaps(words: list[str], gaps: list[int]) -> set[int]:
    """The gaps inside a padded name: between two lone characters, and narrower than the
    gaps beside them (陆  明    俞  悦: the two gaps of width 2, not the one of 4)."""
    return {
        i
        for i, gap in enumerate(gaps)
        if _one_character_each_side(words[i], words[i + 1])
        and all(gap < other for other in gaps[max(i - 1, 0) : i] + gaps[i + 1 : i + 2])
    }


def _joined(words: list[str], inside: set[int]) -> list[str]:
    """The words with those on either side of a gap `inside` a name joined."""
    out = [words[0]]
    for i, word in enumerate(words[1:]):
        if i in inside:
            out[-1] += word
        else:
            out.append(word)
    return out


def close_padding(text: str) -> str:
    """The text with the padding inside names taken out where the gaps show it (陆  明
    俞  悦 → 陆明 俞悦), before spaces are collapsed and the gaps' widths lost: a narrow gap
    between two lone characters with a wider gap beside it."""
    words, gaps = _gapped(text)
    inside = {i for i in _narrow_gaps(words, gaps) if len(gaps) > 1}
    if not inside:
        return text
    return " ".join(_joined(words, inside))


def padded_names(text: str) -> list[str]:
    """The people a text names, parted by spaces: 陆  明    俞  悦 → 陆明, 俞悦. Gaps narrower
    than the gaps beside them are inside a name; and as no Chinese name is one character,
    two lone characters that are still apart are one name (陆 明 俞 悦, the gaps collapsed),
    and padded names whose parting space was lost are read in pairs (陆 明俞 悦)."""
    words, gaps = _gapped(text)
    if _run_together(words):
        joined = "".join(words)
        return [joined[i : i + 2] for i in range(0, len(joined), 2)]
    inside = _narrow_gaps(words, gaps)
    i = 0
    while i < len(gaps):
        if {i - 1, i, i + 1} & inside or not _one_character_each_side(words[i], words[i + 1]):
            i += 1
            continue
        inside.add(i)
        i += 2
    return [w for w in _joined(words, inside) if w]


def _run_together(words: list[str]) -> bool:
    """Are these two-character names padded with a space, the space between them lost
    (陆 明俞 悦 = 陆 明 + 俞 悦): a lone character at each end, two characters between?"""
    return (
        len(words) >= 3
        and len(words[0]) == len(words[-1]) == 1
        and all(len(w) == 2 for w in words[1:-1])
        and all(_CJK_CHAR.match(ch) for w in words for ch in w)
    )


def add_owner(owners: Owners, role: str, value: str, label: str = "") -> None:
    """Add the names of `value` in `role`; `label` is the document's word for it (folded)."""
    value = value.strip().rstrip("。；;，,")
    if not value:
        return
    if role == DUE:
        owners.due_text = owners.due_text or value
        return
    if role == VERBS:
        parsed = parse_verbs(value)
        if parsed:
            owners.merge(parsed)
        return
    # an owner label's value ends at its sentence: what follows is a remark, not a name
    # (〔责任单位：A、B按职责分工负责。具体任务……不再做分工，下同。〕)
    value = value.split("。")[0].strip()
    if not value:
        return
    names = split_people(value) if role == LEADERS else split_units(value)
    owners.items += [(role, n) for n in names if (role, n) not in owners.items]
    word = role_word(role, label) if label else None
    if word and names:
        owners.words.append((role, word))


def parse_labelled(text: str) -> Owners | None:
    """ "牵头单位：X；配合单位：A、B" (the whole text); None when it is not only labels."""
    text = text.strip()
    matches = list(LABEL_RE.finditer(fold(text)))
    if not matches or matches[0].start() != 0:
        return None
    owners = Owners()
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        add_owner(owners, _ROLE_OF[m[1]], value, m[1])
    return owners


def parse_verbs(text: str) -> Owners | None:
    """ "市发改委牵头，市财政局、市商务局配合"; None unless every part has such a verb."""
    if len(text) > 500:
        return None
    owners = Owners()
    for part in split_outside_brackets(text, "，,；;"):
        part = part.strip()
        m = _VERB.match(fold(part))
        if not m:
            return None
        role = _VERB_ROLE.get(m["verb"], UNITS)
        names = _LEADING_BY.sub("", part[: m.end("names")])
        if role != SUPPORT and PERSON.search(fold(names)):  # "由张三同志负责": a leader
            role = LEADERS
            names = re.sub(r"同志$", "", names)
        add_owner(owners, role, names, m["verb"] + ("领导" if role == LEADERS else ""))
    return owners if owners else None


PERSON = re.compile(r"(?:同志|[省市县区州镇乡]长|书记)$")
_PERSON_HEADING = re.compile(
    r"^(?:由)?(?P<who>[^，,。；;、：:（(]{1,12}?(?:同志|[省市县区州镇乡]长|书记))"
    r"(?P<verb>牵头|负责|分管|领办)(?P<rest>.{0,30})$"
)
_STANDING = re.compile(r"不再(?:做|作|另行|另|重复)?(?:分工|列出|列举)[，,、；;]?\s*下同")


# "（责任单位：A、B、C。列在第一位的为牵头部门，下同）": of the units a bracket lists, the
# first leads and the others support it — in this bracket, and with 下同 in every later one
_FIRST_LEADS = re.compile(
    r"(?:列|排)(?:在|名)?第[一1](?:位|个|家)?的?(?:单位|部门)?(?:为|是)牵头(?:部门|单位)"
    r"|第[一1](?:位|个|家)?的?(?:单位|部门)(?:为|是)牵头(?:部门|单位)"
)
# "以下均需各市政府、雄安新区管委会落实，不再列出": units that every later task has too
_ALSO_LATER = re.compile(
    r"以下(?:均|都|各项|任务)*(?:需|由|要|请)?(?P<units>[^，,。；;（）()]{2,80}?)"
    r"(?:落实|负责|实施|承担|参与)[^，,。；;（）()]{0,4}[，,]?\s*不再(?:一一|逐一|重复)?(?:列出|列举|标注)"
)


def first_leads(text: str) -> bool | None:
    """Does the paragraph say that the first unit of a list leads (列在第一位的为牵头部门)?
    True when it says so for later lists too (下同), False for its own only, None when not."""
    folded = fold(text)
    m = _FIRST_LEADS.search(folded)
    if m is None:
        return None
    return "下同" in folded[m.end() : m.end() + 12]


def also_later(text: str) -> list[str]:
    """The units a paragraph says every later task has too (以下均需…落实，不再列出)."""
    m = _ALSO_LATER.search(fold(text))
    return split_units(text[m.start("units") : m.end("units")]) if m else []


def person_heading(text: str) -> tuple[str, Owners] | None:
    """A heading that names the person leading the section: "张三县长牵头重点工作",
    "由李四同志负责"; the rest of the heading and the leader."""
    m = _PERSON_HEADING.match(fold(text))
    if not m:
        return None
    owners = Owners()
    who = re.sub(r"同志$", "", text[: m.end("who")].removeprefix("由"))
    add_owner(owners, LEADERS, who, m["verb"] + "领导")
    return text[m.start("rest") :].lstrip("的"), owners


def standing_rule(text: str) -> Owners | None:
    """ "（各地区、各部门按职责分工负责，不再做分工，下同）": owners for later tasks that
    name none."""
    if len(text) > 2000:
        return None
    m = _STANDING.search(fold(text))
    if not m:
        return None
    before = re.split(r"[（(。；;：:]", text[: m.start()])[-1].strip().rstrip("，,、")
    parsed = parse_labelled(before) or parse_verbs(before)
    if parsed is None:
        return None
    parsed.standing = True
    return parsed


def owner_line(text: str) -> Owners | None:
    """A paragraph that is only owner labels (责任领导：沈伟强)."""
    if not LINE_RE.match(fold(text)):
        return None
    return parse_labelled(text)


def _final_bracket(text: str) -> tuple[int, str] | None:
    """The start and content of a bracket that closes the paragraph (before 。；)."""
    body = text.rstrip().rstrip("。；;.，,").rstrip()
    if not body or body[-1] not in _CLOSE:
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return i, body[i + 1 : -1]
    return None


MIN_RUN_CHARS = 8  # the words of a measure between two owner brackets (not 、 or a date)


def owner_runs(text: str) -> list[str]:
    """A paragraph parted after each owner bracket that more of its own measures follow
    (…。（责任单位：省农业厅）公安机关要…。（责任单位：省公安厅）): each part a measure with
    its owners. What follows the last bracket (2024年底前完成。) stays with it; brackets with
    little between them (（牵头单位：A）（配合单位：B）) are one measure's."""
    brackets: list[tuple[int, int]] = []
    folded = fold(text)
    for start, ch in enumerate(text):
        if ch not in _OPEN or not LABEL_RE.match(folded, start + 1):
            continue
        end = _closing(text, start)
        if end is not None and parse_labelled(text[start + 1 : end - 1]):
            brackets.append((start, end))
    cuts = []
    for (start, end), (nxt, _) in pairwise(brackets):
        if len("".join(_CJK_RUN.findall(text[end:nxt]))) < MIN_RUN_CHARS:
            continue
        # a measure ends with its sentence: a bracket inside one (…负责（责任单位：A），乡镇
        # 部分…（责任单位：B）。) names the owners of a part of the same measure
        closed = _MEASURE_END.match(text, end)
        if closed:
            cuts.append(closed.end())
        elif text[:start].rstrip()[-1:] in _SENTENCE_ENDS:
            cuts.append(end)
    if not cuts:
        return [text]
    return [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SENTENCE_ENDS = "。；;！!？?"
_MEASURE_END = re.compile(r"\s*[。；;！!？?]")


def _closing(text: str, start: int) -> int | None:
    """The index after the bracket that closes the one opened at `start`."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in _OPEN:
            depth += 1
        elif text[i] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _labelled_bracket(text: str) -> tuple[int, int, Owners] | None:
    """The last bracket anywhere in the paragraph that begins with an owner label
    (牵头单位：…): its start, the index after it, and the owners it names."""
    found = None
    folded = fold(text)
    for start, ch in enumerate(text):
        if ch not in _OPEN or not LABEL_RE.match(folded, start + 1):
            continue
        end = _closing(text, start)
        parsed = parse_labelled(text[start + 1 : end - 1]) if end is not None else None
        if end is not None and parsed:
            found = (start, end, parsed)
    return found


def split_trailing(text: str) -> tuple[str, Owners]:
    """Remove owners written at the end of a paragraph; return the rest and the owners."""
    owners = Owners()
    found = _final_bracket(text)
    if found:
        start, inner = found
        parsed = parse_labelled(inner) or parse_verbs(inner)
        if parsed:
            before, parsed = _brackets_before(text[:start], parsed)
            return _tidy(before), parsed
    # a labelled bracket before a closing clause: "…。（牵头单位：X）2024年9月30日前完成。"
    inner_found = _labelled_bracket(text)
    if inner_found:
        start, end, parsed = inner_found
        rest = text[end:].strip()
        before, parsed = _brackets_before(text[:start], parsed)
        return _tidy(before + rest), parsed
    # unbracketed labels at the end: "…。牵头单位：X；配合单位：Y"
    for m in LABEL_RE.finditer(fold(text)):
        if m.start() == 0 or text[m.start() - 1] in "。；;！？ 　":
            parsed = parse_labelled(text[m.start() :])
            if parsed is not None and (parsed or parsed.due_text):
                return _tidy(text[: m.start()]), parsed
            break
    return text, owners


def _brackets_before(text: str, owners: Owners) -> tuple[str, Owners]:
    """Owner brackets right before the one found, each of one role: （牵头单位：A）（配合单位：B）
    name the same measure's owners. The text before them, and every owner in order."""
    while True:
        found = _final_bracket(text)
        if not found or text.rstrip()[-1:] not in _CLOSE:
            return text, owners
        start, inner = found
        parsed = parse_labelled(inner)
        if not parsed:
            return text, owners
        parsed.merge(owners)
        text, owners = text[:start], parsed


def _tidy(text: str) -> str:
    text = text.rstrip()
    if text and text[-1] in "；;，,":
        text = text[:-1] + "。"
    return text
