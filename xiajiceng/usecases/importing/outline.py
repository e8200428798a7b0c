"""The numbered outline of a document: GB/T 9704 numbering and its common deviations.

Levels are decided by the order in which numbering styles first appear (the way a reader
does it): 一、 above （一） above 1. above （1） above ①, whichever of them a document uses.
`1、`, `1．` and `1.` are one style, as are `（一）` and `(一)`. A paragraph that lost its
number (it starts with 、) takes the deepest open style that is written with 、.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xiajiceng.model.document import TableBlock
from xiajiceng.usecases.importing.owners import Owners

CN_NUM = "零〇一二三四五六七八九十百"
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"^(?P<n>[{CN_NUM}]{{1,4}})\s*[、，,．.]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*(?P<n>[{CN_NUM}]{{1,4}})\s*[）)]\s*[、，,．.]?\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[）)]\s*[、，,．.]?\s*")),
    ("arabic_half", re.compile(r"^(?P<n>\d{1,3})\s*[）)]\s*")),
    ("arabic", re.compile(r"^(?P<n>\d{1,3})\s*(?:[、，,．]|\.(?!\d)|\s+(?=[^\s\d]))\s*")),
    ("circled", re.compile(r"^(?P<n>[①-⑳])\s*")),
]
LOST = re.compile(r"^[、．]\s*(?=\S)")
LOST_CANDIDATES = ("cn", "arabic")


def cn_to_int(text: str) -> int | None:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    if all(c in digits for c in text) and len(text) == 1:
        return digits[text]
    return None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def numbering(text: str) -> tuple[str, int | None, str] | None:
    """(style, number, rest) when the paragraph starts with a number marker."""
    for style, rx in _STYLES:
        m = rx.match(text)
        if not m or not text[m.end() :].strip():
            continue
        raw = m["n"]
        if style == "circled":
            n: int | None = ord(raw) - ord("①") + 1
        elif raw.isdigit():
            n = int(raw)
        else:
            n = cn_to_int(raw)
        if n is None or n == 0:
            continue
        return style, n, text[m.end() :].strip()
    return None


MARK = {
    "cn": "{}、",
    "cn_paren": "（{}）",
    "arabic_paren": "（{}）",
    "arabic_half": "{}）",
    "arabic": "{}.",
    "circled": "{}",
    "heading": "{}",
    "para": "{}",
}


@dataclass
class Node:
    style: str  # a numbering style, "heading" (unnumbered) or "root"
    depth: int
    number: int | None  # as written; None when the document lost it
    head: str  # the paragraph after its number
    where: str
    lost: bool = False  # the number was missing (、开展… / an unnumbered heading)
    body: list[str] = field(default_factory=list)  # following unnumbered paragraphs
    body_where: list[str] = field(default_factory=list)
    owners: Owners = field(default_factory=Owners)
    section_owners: bool = False  # owners named in a heading: they lead every item under it
    own_owners: bool = False  # owners named at the end of its own paragraph
    measure: bool = False  # a measure split off the paragraph of the item before it
    children: list[Node] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    parent: Node | None = None

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out += c.walk()
        return out

    def raw(self) -> str:
        """The node's paragraph as written, with a number marker."""
        if self.style in ("root", "heading", "para") or self.number is None:
            return self.head
        n = self.number
        label = int_to_cn(n) if self.style.startswith("cn") else str(n)
        if self.style == "circled":
            label = chr(ord("①") + n - 1) if n <= 20 else str(n)
        return MARK[self.style].format(label) + self.head

    def all_text(self) -> list[str]:
        """Body and every descendant's paragraphs, as written."""
        out = list(self.body)
        for c in self.children:
            out.append(c.raw())
            out += c.all_text()
        return out


class OutlineBuilder:
    """Feed paragraphs in order; the tree grows under `root`."""

    def __init__(self) -> None:
        self.root = Node("root", 0, None, "", "")
        self.stack: list[Node] = [self.root]
        self.depth_of: dict[str, int] = {}

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def _push(self, node: Node) -> Node:
        while self.stack[-1].depth >= node.depth:
            self.stack.pop()
        node.parent = self.stack[-1]
        node.parent.children.append(node)
        self.stack.append(node)
        return node

    def _depth(self, style: str) -> int:
        if style not in self.depth_of:
            self.depth_of[style] = self.stack[-1].depth + 1
        return self.depth_of[style]

    def numbered(self, style: str, number: int | None, head: str, where: str) -> Node:
        return self._push(Node(style, self._depth(style), number, head, where))

    def lost_number(self, head: str, where: str) -> Node:
        open_styles = [n.style for n in self.stack if n.style in LOST_CANDIDATES]
        if open_styles:
            style = open_styles[-1]
        else:
            known = [s for s in LOST_CANDIDATES if s in self.depth_of]
            style = max(known, key=self.depth_of.__getitem__) if known else "arabic"
        node = self._push(Node(style, self._depth(style), None, head, where, lost=True))
        return node

    def heading(self, head: str, where: str) -> Node:
        """An unnumbered heading: a missing 一、 when the document has them, else a group."""
        if "cn" in self.depth_of:
            depth = self.depth_of["cn"]
            return self._push(Node("cn", depth, None, head, where, lost=True))
        depth = min(self.depth_of.values(), default=1)
        node = Node("heading", depth, None, head, where)
        # what follows belongs under it
        for style, d in self.depth_of.items():
            if d >= depth:
                self.depth_of[style] = d + 1
        return self._push(node)

    def promote_last_body(self, repeats: bool) -> Node | None:
        """An unnumbered paragraph followed by owner lines is a task that lost its number:
        when its node already has owners or items, or when the pattern `repeats` below."""
        parent = self.current
        if not parent.body:
            return None
        if not (parent.owners or parent.children or parent.style == "root" or repeats):
            return None
        head, where = parent.body.pop(), parent.body_where.pop()
        if parent.style == "para" and parent.parent is not None:  # a sibling of the last one
            self.stack.pop()
            parent = parent.parent
        node = Node("para", parent.depth + 1, None, head, where, lost=True)
        node.parent = parent
        parent.children.append(node)
        self.stack.append(node)
        return node

    def lost_item(self, head: str, where: str, repeats: bool) -> Node | None:
        """An unnumbered paragraph that names its own owners (a bracket at its end) is an item
        that lost its number, or whose number was damaged (?。ǘ┩…): the next sibling of an
        item that named its own owners too; else, when the pattern `repeats` (the paragraph
        after it is another such), the first item of the current node. None: neither."""
        node = self.current
        if node.own_owners and not node.section_owners and not node.children:
            sibling = Node(node.style, node.depth, None, head, where, lost=True)
        elif not node.owners and repeats:
            sibling = Node("para", node.depth + 1, None, head, where, lost=True)
        else:
            return None
        sibling.own_owners = True
        return self._push(sibling)

    def text(self, text: str, where: str = "") -> None:
        self.current.body_where.append(where)
        self.current.body.append(text)

    def table(self, table: TableBlock) -> None:
        self.current.tables.append(table)
