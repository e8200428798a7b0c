"""Owners as documents write them: labelled lines (责任单位：…) or a bracket at the end of a
paragraph (（牵头单位：X，配合单位：A、B）, 〔…〕, […], （X牵头，Y配合））."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xiajiceng.model import split_outside_brackets
from xiajiceng.usecases.importing.script import fold

LEADERS, RESPONSIBLE, LEAD, SUPPORT, DUE = "leaders", "responsible", "lead", "support", "due"
# units named 责任单位 (or "X负责"): supporting units when the task also names a lead unit,
# the responsible units (责任科室's place) when it does not
UNITS = "units"

LABELS = {
    LEADERS: "责任领导 分管领导 牵头领导 联系领导 包联领导 牵头市领导 分管市领导 责任人",
    RESPONSIBLE: "责任科室 责任处室",
    UNITS: "责任单位 责任部门 负责单位 负责部门 实施单位 承办单位",
    LEAD: "牵头单位 牵头部门 牵头科室 牵头处室 牵头",
    SUPPORT: "配合单位 配合部门 配合科室 配合处室 协办单位 协助单位 参与单位 协同单位 配合",
    DUE: "完成时限 完成时间 完成期限 时间节点 时间要求 时限",
}
_ROLE_OF = {label: role for role, labels in LABELS.items() for label in labels.split()}
_LABEL = "|".join(sorted(_ROLE_OF, key=len, reverse=True))
LABEL_RE = re.compile(rf"({_LABEL})\s*[：:]\s*")
LINE_RE = re.compile(rf"^\s*({_LABEL})\s*[：:]")
_OPEN, _CLOSE = "（([〔【", "）)]〕】"
_VERB = re.compile(
    r"^(?P<names>.+?)(?:按职责分工|按职责|分别|共同|等有关部门|等相关部门|等部门|等单位|等)?"
    r"(?P<verb>牵头|配合|协助|协办|参与|负责|落实)(?:落实|实施)?$"
)
_VERB_ROLE = {"牵头": LEAD, "配合": SUPPORT, "协助": SUPPORT, "协办": SUPPORT, "参与": SUPPORT}
_AREA = re.compile(r"(?:县级市|市|区|县|镇|乡|街道|开发区|园区)$")
_NOT_UNIT = re.compile(r"(?:等(?:各)?(?:有关|相关)?(?:单位|部门)?|按职责分工负责|按职责分工|分别)$")
_ORGAN = re.compile(r"(?:局|委|办|部|厅|院|会|中心|公司|政府|科|处|室|站|所|队)$")


@dataclass
class Owners:
    """Who a paragraph names, in the order it names them, and its own time-limit words."""

    items: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    due_text: str | None = None

    def of(self, role: str) -> list[str]:
        return list(dict.fromkeys(n for r, n in self.items if r == role))

    def __bool__(self) -> bool:
        return bool(self.items)

    def merge(self, other: Owners) -> None:
        self.items += [i for i in other.items if i not in self.items]
        self.due_text = self.due_text or other.due_text


def split_units(text: str) -> list[str]:
    """Units separated by 、，,；; — but "各区、县级市" and "县发改局（粮食局）" stay whole."""
    pieces = [p for piece in split_outside_brackets(text, "、，,；;　 ") for p in _split_and(piece)]
    out: list[str] = []
    for piece in pieces:
        cut = _NOT_UNIT.search(fold(piece))
        if cut and cut.start() > 0:
            piece = piece[: cut.start()].strip()
        if len(piece) < 2:  # a one-character fragment ("区" of a cut-off line) is no unit
            continue
        # 各区、县级市: the 各 of the first piece covers the areas listed after it
        if (
            out
            and out[-1].startswith("各")
            and _AREA.search(out[-1])
            and _AREA.search(piece)
            and not _ORGAN.search(piece)
            and len(piece) <= 4
        ):
            out[-1] += "、" + piece
            continue
        out.append(piece)
    return out


def _split_and(piece: str) -> list[str]:
    """ "市级各有关部门及各县市区政府": two units joined by 及 before a 各."""
    folded = fold(piece)
    at = folded.find("及各")
    if at >= 2:
        return [piece[:at], piece[at + 1 :]]
    return [piece]


def split_people(text: str) -> list[str]:
    return [p for p in split_outside_brackets(text, "、，,；; 　") if p]


def add_owner(owners: Owners, role: str, value: str) -> None:
    value = value.strip().rstrip("。；;，,")
    if not value:
        return
    if role == DUE:
        owners.due_text = owners.due_text or value
        return
    names = split_people(value) if role == LEADERS else split_units(value)
    owners.items += [(role, n) for n in names if (role, n) not in owners.items]


def parse_labelled(text: str) -> Owners | None:
    """ "牵头单位：X；配合单位：A、B" (the whole text); None when it is not only labels."""
    text = text.strip()
    matches = list(LABEL_RE.finditer(fold(text)))
    if not matches or matches[0].start() != 0:
        return None
    owners = Owners()
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        add_owner(owners, _ROLE_OF[m[1]], value)
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
        add_owner(owners, _VERB_ROLE.get(m["verb"], UNITS), part[: m.end("names")])
    return owners if owners else None


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


def _labelled_bracket(text: str) -> tuple[int, int, Owners] | None:
    """The last bracket anywhere in the paragraph that begins with an owner label
    (牵头单位：…): its start, the index after it, and the owners it names."""
    found = None
    folded = fold(text)
    for start, ch in enumerate(text):
        if ch not in _OPEN or not LABEL_RE.match(folded, start + 1):
            continue
        depth = 0
        for i in range(start, len(text)):
            if text[i] in _OPEN:
                depth += 1
            elif text[i] in _CLOSE:
                depth -= 1
                if depth == 0:
                    parsed = parse_labelled(text[start + 1 : i])
                    if parsed:
                        found = (start, i + 1, parsed)
                    break
    return found


def split_trailing(text: str) -> tuple[str, Owners]:
    """Remove owners written at the end of a paragraph; return the rest and the owners."""
    owners = Owners()
    found = _final_bracket(text)
    if found:
        start, inner = found
        parsed = parse_labelled(inner) or parse_verbs(inner)
        if parsed:
            return _tidy(text[:start]), parsed
    # a labelled bracket before a closing clause: "…。（牵头单位：X）2024年9月30日前完成。"
    inner_found = _labelled_bracket(text)
    if inner_found:
        start, end, parsed = inner_found
        rest = text[end:].strip()
        return _tidy(text[:start] + rest), parsed
    # unbracketed labels at the end: "…。牵头单位：X；配合单位：Y"
    for m in LABEL_RE.finditer(fold(text)):
        if m.start() == 0 or text[m.start() - 1] in "。；;！？ 　":
            parsed = parse_labelled(text[m.start() :])
            if parsed is not None and (parsed or parsed.due_text):
                return _tidy(text[: m.start()]), parsed
            break
    return text, owners


def _tidy(text: str) -> str:
    text = text.rstrip()
    if text and text[-1] in "；;，,":
        text = text[:-1] + "。"
    return text
