"""From paragraphs and tables to plan data (Chinese keys, as a plan file has them).

The parser decides by structure, not by wording where it can:

* a task is the lowest numbered paragraph that names owners (lines such as 责任单位：, or a
  bracket at its end); its numbered siblings are tasks too, even without owners (warned);
* an action (专项行动) is the paragraph a group of tasks hangs under;
* each row of a Word table with a task column (and owner or time-limit columns) is a task;
* the top-level parts before the tasks are the 总体要求, the parts after them 组织领导.

Numbers a document lost, repeated or skipped are restored by position, and every guess is
reported as a warning with the place in the document it concerns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xiajiceng import messages as M
from xiajiceng.model.document import TABLE_HEADINGS, Block, Paragraph, TableBlock
from xiajiceng.model.plan import K
from xiajiceng.usecases.importing import timelimits
from xiajiceng.usecases.importing.outline import LOST, Node, OutlineBuilder, int_to_cn, numbering
from xiajiceng.usecases.importing.owners import (
    DUE,
    LABELS,
    LEAD,
    LEADERS,
    RESPONSIBLE,
    SUPPORT,
    UNITS,
    Owners,
    add_owner,
    also_later,
    close_padding,
    first_leads,
    owner_line,
    owner_runs,
    person_heading,
    split_trailing,
    standing_rule,
    unit_like,
)
from xiajiceng.usecases.importing.script import fold

TITLE_WORDS = re.compile(r"(方案|计划|要点|安排|清单|分工|分解|意见)$")
# a covering notice names the plan: 关于印发《X》的通知; its letterhead and number are not it
NOTICE_TITLE = re.compile(
    r"关于印发\s*(?P<title>《[^《》]{4,120}》|.{4,120}?)\s*的通知"
    r"|现将\s*(?P<sent>《[^《》]{4,120}》)\s*印发给你们"  # its text: 现将《X》印发给你们
)
TITLE_WINDOW = 15  # blocks in which a title is looked for
MAX_NOTICE_LINE = 100  # a covering notice's title line (关于…的通知), at most
# what a page copied from a government website starts with: not a title
WEB_FURNITURE = re.compile(
    r"首页|位置[:：]|简体|繁體|无障碍|索\s*引\s*号|【|】|\||>|来源\s*[:：]|发布时间|收藏|长者版|打印|[:：]$"
)
NOTICE_ANY = re.compile(r"关于(?P<title>.{4,120}?)的通知")
LETTERHEAD = re.compile(r"(?:文件|办公室文件|办公厅文件)$|〔\s*\d{4}\s*〕\s*\d+\s*号")
DATE_LINE = re.compile(r"^(\d{4}|[二〇○零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日$")
ATTACHMENT = re.compile(r"^附\s*件\s*(\d*)\s*[：:]?\s*")
QUOTED_ACTION = re.compile(r"^(?:开展|实施|推进|深化|组织)?“([^“”]+)”(?:专项)?(?:行动|活动|工程)$")
ORGAN = re.compile(r"(?:委员会|党委|党组|政府|办公室|办公厅|部|局|委|厅|中心|院)$")
ISSUER_IN_TITLE = re.compile(r"^(.{2,20}?)关于")
PERIOD_CONTEXT = re.compile(r"活动|集中|时间|期间|为期|开展|进行|实施|自|从")
_MONTHS = (
    r"(?P<m1>\d{1,2})\s*月?\s*[、,，和至到\-－—–~～]\s*(?P<m2>\d{1,2})"
    r"\s*(?:两|三|四|五|六|七|八|九|十|几)?个?\s*月"
)
PERIOD_MONTHS = re.compile(r"(?:(?P<y>\d{4})\s*年)?" + _MONTHS)
PERIOD_DAYS = re.compile(
    r"(?:(?P<y1>\d{4})\s*年)?(?P<m1>\d{1,2})\s*月(?P<d1>\d{1,2})\s*日?\s*[至到\-－—–~～]+\s*"
    r"(?:(?P<y2>\d{4})\s*年)?(?P<m2>\d{1,2})\s*月(?P<d2>\d{1,2})\s*日"
)
PERIOD_YEAR_MONTHS = re.compile(
    r"(?P<y1>\d{4})\s*年(?P<m1>\d{1,2})\s*月(?:份)?\s*[至到\-－—–~～]+\s*"
    r"(?:(?P<y2>\d{4})\s*年)?(?P<m2>\d{1,2})\s*月"
)
YEAR = re.compile(r"(20\d{2})\s*年")
YEAR_SPAN = re.compile(r"(?P<y1>20\d{2})\s*年?\s*[-－—–~～至到]\s*(?P<y2>20\d{2})\s*年")
CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
CN_YEAR = re.compile(
    r"(?<![〇○零一二三四五六七八九十])(二[〇○零][〇○零一二三四五六七八九]{2})\s*年"
)
DOC_NUMBER_YEAR = re.compile(r"[〔\[［][\s]*(20\d{2})[\s]*[〕\]］]\s*\d{1,4}\s*号")
ISO_YEAR = re.compile(r"(?<!\d)(20\d{2})-\d{1,2}-\d{1,2}(?!\d)")

HEADER_ROLES = TABLE_HEADINGS
DEFAULT_SHEET = re.compile(r"^\s*(?:sheet|工作表)\s*\d*\s*$", re.IGNORECASE)  # Sheet2: no name
CATEGORY = re.compile(r"分类|类别|领域|行动|板块|方面|重点工作|类型")
LABELS_ANY = sorted((w for words in LABELS.values() for w in words.split()), key=len, reverse=True)
# parts of a document whose numbered items are requirements, never tasks
NOT_TASKS = re.compile(r"组织领导|保障措施|组织保障|工作保障|保障机制|工作要求|有关要求")
# what a PDF copied as text leaves between pages: footers, page numbers
PAGE_FOOTER = re.compile(
    r"^(?:[—\-－–~]\s*\d{1,4}\s*[—\-－–~]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)
# what a damaged number leaves before a paragraph's text (?。ǘ┩): no letter, digit or quote
_NUMBER_REMAINS = re.compile(r"^[^\u4e00-\u9fffA-Za-z0-9“‘\"'《（(【\[]+")
EMPTY_LABEL = re.compile(rf"^\s*(?:{'|'.join(LABELS_ANY)})\s*[：:]\s*$")
_SENTENCE_END = "。；;：:！？!?）)]】〕”"


@dataclass(frozen=True)
class ImportWarning:
    where: str  # "第 12 行", or "" for the document as a whole
    message: str


@dataclass
class ImportDraft:
    """What the parser made of a document: plan data and what the clerk should review."""

    data: dict[str, Any]
    warnings: list[ImportWarning] = field(default_factory=list)


@dataclass
class _Task:
    number: int | None
    title: str
    text: str
    owners: Owners
    where: str
    order: int
    # the nearest heading above that sets a time limit of its own ((一)开展摸排。(7月中旬前)):
    # the limit of each task under it that sets none
    heading_limit: str = ""
    measure: bool = False  # a measure that shares its item's paragraph (its own owners)


@dataclass
class _Action:
    number: int | None
    title: str
    intro: str
    where: str
    order: int
    tasks: list[_Task] = field(default_factory=list)
    lost: bool = False
    numbered_among: int = 1  # how many sibling paragraphs of its style its number counts


# -- small helpers ------------------------------------------------------------------------


def clean(text: str) -> str:
    """The text with each run of spaces one space (names padded to one width joined first:
    the widths of the gaps tell which spaces are inside a name)."""
    text = close_padding(text.replace("\ufeff", ""))
    return re.sub(r"[ \t\u3000\xa0]+", " ", text).strip()


def split_title(text: str) -> tuple[str, str]:
    """Title = the text before the first 。(or ！？); the rest is the content."""
    m = re.search(r"[。！？!?]", text)
    if not m:
        return text.rstrip("：:；;，, "), ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def _heading_like(text: str) -> bool:
    return (
        len(text) <= 25
        and not re.search(r"[。；;！？!?]", text)
        and text[-1] not in "：:，,、"
        and not DATE_LINE.match(text)
    )


def _group_action(heading: str, where: str, order: int) -> _Action:
    """An action from a table's group row or 类别 cell ("一、提升政务服务效能")."""
    num = numbering(heading)
    return _Action(
        num[1] if num else None, split_title(num[2] if num else heading)[0], "", where, order
    )


def _action_name(title: str) -> str:
    m = QUOTED_ACTION.match(title)
    return m[1] if m else title


# -- the parser ---------------------------------------------------------------------------


QUOTE_CHARS = 40  # the longest text a doubtful point quotes whole


def _quoted(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 2] + "……"


class _Parser:
    def __init__(
        self, blocks: list[Block], source: str, today: date, year: int | None = None
    ) -> None:
        self.warnings: list[ImportWarning] = []
        self.measures: set[int] = set()  # paragraphs split off an item's: measures of their own
        self.blocks = self._cell_tables(_record_tables(self._prepare(blocks, self.measures)))
        self.source = source
        self.today = today
        self.given_year = year  # import --year: the plan's year, whatever the document says
        self.tables: list[tuple[int, TableBlock, Node, str]] = []  # order, table, node, caption
        self.order_of: dict[int, int] = {}  # id(node) → block index
        self.heading_lost: set[int] = set()
        self.title_at = 0  # unnumbered headings given a number (warned)
        self.standing: list[tuple[int, Owners]] = []  # "……不再做分工，下同" and where
        # "列在第一位的为牵头部门(，下同)" and where: (block, for later blocks too)
        self.first_leads: list[tuple[int, bool]] = []
        self.also_later: list[tuple[int, list[str]]] = []  # "以下均需X落实，不再列出"
        # the document's words for roles
        self.votes: dict[str, list[str]] = {LEADERS: [], SUPPORT: [], RESPONSIBLE: []}

    def warn(self, where: str, template: str, **fields: Any) -> None:
        """A doubtful point for the review list; a quoted text is cut to its beginning (the
        line number finds the rest), so that one long paragraph does not fill the list."""
        short = {k: _quoted(v) if isinstance(v, str) else v for k, v in fields.items()}
        self.warnings.append(ImportWarning(where, template.format(**short)))

    @staticmethod
    def _prepare(blocks: list[Block], measures: set[int]) -> list[Block]:
        """Clean paragraphs, drop empty ones, turn runs of tab-separated lines into tables,
        part a paragraph of several measures (adding the later ones' ids to `measures`)."""
        blocks = _unpaged(blocks)
        out: list[Block] = []
        run: list[Paragraph] = []

        def flush() -> None:
            if len(run) >= 2:
                rows = tuple(tuple(clean(c) for c in p.text.split("\t")) for p in run)
                out.append(TableBlock(rows, run[0].where, tuple(p.where for p in run)))
            else:
                out.extend(Paragraph(clean(p.text.replace("\t", " ")), p.where) for p in run)
            run.clear()

        for b in blocks:
            if isinstance(b, Paragraph) and b.text.count("\t") >= 1 and b.text.strip("\t "):
                run.append(b)
                continue
            flush()
            if isinstance(b, Paragraph):
                text = clean(b.text)
                # a paragraph of several measures, each ending in its own owner bracket:
                # each measure a paragraph of its own (the task it is), marked as one
                runs = [Paragraph(r, b.where) for r in owner_runs(text) if r]
                out += runs
                measures.update(id(r) for r in runs[1:])
            elif any(any(c.strip() for c in row) for row in b.rows):
                out.append(b)
        flush()
        return out

    def _cell_tables(self, blocks: list[Block]) -> list[Block]:
        """A table pasted one cell a line (a web page or PDF copied as text): a run of short
        header lines (序号/任务/牵头单位/…), then rows that each start with a number."""
        out: list[Block] = []
        i = 0
        while i < len(blocks):
            found = _cell_header(blocks, i)
            if found is None:
                out.append(blocks[i])
                i += 1
                continue
            header, after = found
            table, i = self._cell_rows(blocks, header, after)
            out.append(table)
        return out

    def _cell_rows(self, blocks: list[Block], header: list[str], i: int) -> tuple[TableBlock, int]:
        columns = _columns(header)
        num, cat = columns["number"], columns.get("category")
        fill = [j for j in range(len(header)) if j not in (num, cat)]
        rows: list[tuple[str, ...]] = [tuple(header)]
        wheres = [blocks[i - 1].where]
        pending = ""
        while i < len(blocks):
            b = blocks[i]
            if not isinstance(b, Paragraph):
                break
            cell = _cell(b.text)
            if not ROW_NUMBER.match(cell):
                group = numbering(cell)
                heading = split_trailing(cell)[0]
                if not (group and group[0] == "cn" and len(heading) <= 120) and (
                    len(cell) > 20 or re.search(r"[。；;：:]", cell) or group
                ):
                    break
                if cat is None:  # a group row across the table
                    rows.append(tuple([cell] * len(header)))
                    wheres.append(b.where)
                else:
                    pending = cell
                i += 1
                continue
            row = [""] * len(header)
            row[num] = cell
            if cat is not None:
                row[cat], pending = pending, ""
            start = i
            i += 1
            filled = 0
            for j in fill:
                nxt = blocks[i] if i < len(blocks) else None
                if not isinstance(nxt, Paragraph):
                    break
                row[j] = _cell(nxt.text, people=j == columns.get(LEADERS))
                i += 1
                filled += 1
            if filled < len(fill) and i >= len(blocks):  # the document ends inside this row
                title = split_title(row[columns["task"]] if "task" in columns else cell)[0][:30]
                shown = fill[:filled]
                if not _cut_row_whole(row, columns, shown):
                    self.warn(b.where, M.IMPORT_WARN_TABLE_CUT, title=title)
                    break
                missing = "、".join(header[j] for j in fill[filled:])
                self.warn(b.where, M.IMPORT_WARN_TABLE_CUT_KEPT, title=title, missing=missing)
            rows.append(tuple(row))
            wheres.append(blocks[start].where)
        return TableBlock(tuple(rows), wheres[0], tuple(wheres)), i

    # -- front and back matter -------------------------------------------------------------

    def title(self) -> tuple[str, int]:
        """The plan's title and where its text starts. A covering notice names it
        (关于印发《X》的通知, often broken over several short lines); else the first line that
        ends like a title (…方案, …清单); else the first line that is not a letterhead or the
        furniture of a web page (首页 > …, 索引号 | …, 【打印】)."""
        window = [
            (i, b)
            for i, b in enumerate(self.blocks[:TITLE_WINDOW])
            if isinstance(b, Paragraph) and b.text.strip()
        ]
        if not window:
            return "", 0
        runs = []  # (text, first index, last index): a line, or up to 4 short lines joined
        for k, (i, b) in enumerate(window):
            text, last = b.text.strip(), i
            runs.append((text, i, last))
            for j, c in window[k + 1 : k + 4]:
                line = c.text.strip()
                if len(text) > 60 or len(line) > 30 or numbering(line) or DATE_LINE.match(line):
                    break
                if line.startswith(("(", "（")) or DATE_LINE.match(text):
                    break
                text, last = text + c.text.strip(), j
                runs.append((text, i, last))
        for pattern in (NOTICE_TITLE, NOTICE_ANY):
            for text, i, last in runs:
                m = pattern.search(text)
                # (a notice named inside a long paragraph of the plan is not its own title)
                loose = pattern is NOTICE_ANY and m is not None and m.start() > 0
                if m and loose and len(text) > MAX_NOTICE_LINE:
                    continue
                if m and not WEB_FURNITURE.search(text):
                    self.title_at = i
                    named = m["title"] or m.groupdict().get("sent") or ""
                    return "".join(named.split()).strip("《》"), last + 1
        # a title broken over short lines from its 关于 on (河北省人民政府办公厅 / 关于…和 /
        # 制售…的实施意见: the issuer above it stays the issuer) first, then a line that is a
        # title by itself, then any title broken over short lines
        starts = sorted(runs, key=lambda r: (not r[0].startswith("关于"), r[2] > r[1]))
        for text, i, last in starts:
            if (
                len(text) <= 60
                and TITLE_WORDS.search(text)
                and not numbering(text)
                and not WEB_FURNITURE.search(text)
                and not LETTERHEAD.search(text)
            ):
                self.title_at = i
                return text, last + 1
        # (a numbered heading, 一、工作思路, is the plan's first part, never its title)
        plain = [
            (i, b)
            for i, b in window
            if not WEB_FURNITURE.search(b.text) and numbering(b.text.strip()) is None
        ]
        i, b = next(
            ((i, b) for i, b in plain if not LETTERHEAD.search(b.text) and len(b.text) <= 60),
            (plain or window)[0],
        )
        self.title_at = i
        return b.text.strip(), i + 1

    def back_matter(self) -> tuple[int, str]:
        """Where the signature and date at the end start, and the issuer they name. A date
        an attachment follows (附件, or a table) is the covering notice's: the plan goes on."""
        end = len(self.blocks)
        for i in range(len(self.blocks) - 1, max(len(self.blocks) - 6, -1), -1):
            b = self.blocks[i]
            if isinstance(b, TableBlock) or (isinstance(b, Paragraph) and ATTACHMENT.match(b.text)):
                break
            if isinstance(b, Paragraph) and DATE_LINE.match(b.text):
                prev = self.blocks[i - 1] if i > 0 else None
                if (
                    isinstance(prev, Paragraph)
                    and _heading_like(prev.text)
                    and len(prev.text) <= 20
                ):
                    return i - 1, prev.text
                return i, ""
        return end, ""

    # -- the outline -----------------------------------------------------------------------

    def outline(self, start: int, end: int) -> Node:
        ob = OutlineBuilder()
        in_attachment_list = False
        last_was_body = False
        caption = ""
        for index in range(start, end):
            b = self.blocks[index]
            if isinstance(b, TableBlock):
                self.tables.append((index, b, ob.current, caption))
                caption = ""
                continue
            text = b.text
            att = ATTACHMENT.match(text)
            if att:
                in_attachment_list = True
                rest = text[att.end() :].strip()
                if rest and numbering(rest) is None and not att[1]:
                    continue
                caption = rest
                continue
            num = numbering(text)
            if in_attachment_list:
                if num and len(num[2]) <= 40 and "。" not in num[2] and not split_trailing(text)[1]:
                    caption = num[2]
                    continue
                in_attachment_list = False
            leads = first_leads(text)
            if leads is not None:
                self.first_leads.append((index, leads))
            if later := also_later(text):
                self.also_later.append((index, later))
            standing = standing_rule(text)
            if standing is not None:
                self.standing.append((index, standing))
            owners = owner_line(text)
            if owners is not None:
                if last_was_body:
                    promoted = ob.promote_last_body(self._pattern_repeats(index + 1, end))
                    if promoted is not None:
                        self.order_of[id(promoted)] = index - 1
                last_was_body = False
                _enclosing(ob.current).owners.merge(owners)
                continue
            last_was_body = False
            nxt = self.blocks[index + 1] if index + 1 < end else None
            if num:
                style, number, head = num
                head, owners = split_trailing(head)
                person = None if owners else person_heading(head)
                if person is not None:
                    head, owners = person
                node = ob.numbered(style, number, head, b.where)
                node.section_owners = bool(owners) and (not head or _heading_like(head))
            elif LOST.match(text):
                head, owners = split_trailing(LOST.sub("", text))
                node = ob.lost_number(head, b.where)
            elif (
                _heading_like(text)
                and split_trailing(text)[0]  # a paragraph of owners only is no heading
                and (
                    isinstance(nxt, TableBlock)
                    or (
                        isinstance(nxt, Paragraph) and (numbering(nxt.text) or LOST.match(nxt.text))
                    )
                )
            ):
                caption = text
                if isinstance(nxt, TableBlock):
                    continue
                node = ob.heading(text, b.where)
                owners = Owners()
                if node.lost and node.parent is not None:
                    same = [c for c in node.parent.children if c.style == node.style]
                    n = len(same)
                    self.warn(b.where, M.IMPORT_WARN_HEADING_LOST, title=text, mark=int_to_cn(n))
                    self.heading_lost.add(id(node))
            else:
                body, owners = split_trailing(text)
                lost = (
                    ob.lost_item(_NUMBER_REMAINS.sub("", body), b.where, self._owned_next(nxt))
                    if body and owners and not NOT_TASKS.search(split_title(ob.current.head)[0])
                    else None
                )
                if lost is not None:
                    lost.measure = id(b) in self.measures
                    lost.owners.merge(owners)
                    self.order_of[id(lost)] = index
                    continue
                # a paragraph that is only owners, （责任单位：…）, is an owner line
                (ob.current if body else _enclosing(ob.current)).owners.merge(owners)
                if body:
                    ob.text(body, b.where)
                    last_was_body = not owners
                continue
            node.owners.merge(owners)
            node.own_owners = bool(owners)
            self.order_of[id(node)] = index
        return ob.root

    @staticmethod
    def _owned_next(nxt: Block | None) -> bool:
        """Is the next block an unnumbered paragraph that names its own owners at its end?"""
        if not isinstance(nxt, Paragraph) or numbering(nxt.text) is not None:
            return False
        body, owners = split_trailing(nxt.text)
        return bool(body) and bool(owners)

    def _pattern_repeats(self, start: int, end: int) -> bool:
        """After these owner lines, is there another unnumbered paragraph with owner lines?"""
        i = start
        while i < end:
            block = self.blocks[i]
            if not (isinstance(block, Paragraph) and owner_line(block.text)):
                break
            i += 1
        if i + 1 >= end:
            return False
        body, nxt = self.blocks[i], self.blocks[i + 1]
        return (
            isinstance(body, Paragraph)
            and isinstance(nxt, Paragraph)
            and numbering(body.text) is None
            and not LOST.match(body.text)
            and owner_line(nxt.text) is not None
        )

    # -- deciding what is what ---------------------------------------------------------------

    def find_tasks(self, root: Node) -> list[Node]:
        # the numbered items of 组织领导/保障措施 are requirements, never tasks
        nodes = [  # (by a part's title: 提出工作要求 in a task's text is no 工作要求 part)
            n
            for part in root.children
            if not NOT_TASKS.search(split_title(part.head)[0])
            for n in part.walk()
        ]

        def own(n: Node) -> bool:  # owners of its own, not a section's heading
            return bool(n.owners) and not (n.section_owners and n.children)

        owned = [n for n in nodes if own(n)]
        lowest = [n for n in owned if not any(own(d) for d in n.walk()[1:])]
        # a section led by whom its heading names, holding no owned item: its items are tasks
        lowest += [
            c
            for n in nodes
            if n.section_owners and n.children and not any(own(d) for d in n.walk()[1:])
            for c in n.children
        ]
        if not lowest:
            return []
        chosen = {id(n) for n in lowest}
        ancestors = {id(a) for n in lowest for a in _ancestors(n)}
        for n in lowest:
            for sib in n.parent.children if n.parent else []:
                if sib.style == n.style and id(sib) not in ancestors:
                    chosen.add(id(sib))
        return [n for n in nodes if id(n) in chosen]

    def _without_fragment(self, root: Node, tasks: list[Node]) -> list[Node]:
        """A document cut off inside its last task: that task is the last paragraph of the
        document, names no owners (or its owner bracket never closes) while the other tasks
        do. It is a fragment, not a task (warned)."""
        if len(tasks) < 2:
            return tasks
        last = tasks[-1]
        tail_node = root.walk()[-1]
        if all(n is not tail_node for n in last.walk()):
            return tasks
        last_where = (tail_node.body_where or [tail_node.where])[-1]
        at = next((i for i, b in enumerate(self.blocks) if b.where == last_where), None)
        if (
            at is None
            or any(  # something other than its owner lines follows it
                not (isinstance(b, Paragraph) and owner_line(b.text) is not None)
                for b in self.blocks[at + 1 :]
            )
        ):
            return tasks
        tail = (tail_node.body or [tail_node.head])[-1]
        last_block = self.blocks[-1]
        unclosed = (
            _unclosed(tail)
            # or it ends with a label and nothing after it, or inside a name
            or (
                isinstance(last_block, Paragraph) and bool(EMPTY_LABEL.match(fold(last_block.text)))
            )
            or self._cut_owner_line(tasks[:-1])
        )
        owned_before = sum(bool(t.owners) for t in tasks[:-1])
        if (not last.owners or unclosed) and owned_before == len(tasks) - 1:
            self.warn(last.where, M.IMPORT_WARN_FRAGMENT, title=split_title(last.head)[0][:30])
            return tasks[:-1]
        return tasks

    def _cut_owner_line(self, others: list[Node]) -> bool:
        """Does the document end inside a name of its last owner line? That name is the start
        of one the other tasks name (县财 of 县财政局), or, where every other owner line ends
        its sentence (责任单位：县财政局。), the line does not and its name ends as no unit's."""
        last = self.blocks[-1]
        if not isinstance(last, Paragraph):
            return False
        owners = owner_line(last.text)
        if not owners:
            return False
        role, name = owners.items[-1]
        named = {n for t in others for _, n in t.owners.items}
        if any(n != name and n.startswith(name) for n in named):
            return True
        lines = [
            b.text
            for b in self.blocks[:-1]
            if isinstance(b, Paragraph) and owner_line(b.text) is not None
        ]
        return (
            role != LEADERS
            and bool(lines)
            and all(line.rstrip()[-1] in "。；;" for line in lines)
            and last.text.rstrip()[-1] not in "。；;"
            and not unit_like(name)
        )

    def fallback_tasks(self, root: Node) -> list[Node]:
        """No owners anywhere: the leaves of a part called 任务/安排/措施… are the tasks."""
        for part in root.children:
            if re.search(r"任务|安排|措施|内容|重点|行动", part.head) and part.children:
                leaves = [n for n in part.walk()[1:] if not n.children]
                if leaves:
                    return leaves
        return []

    def task_of(self, node: Node) -> _Task:
        owners = Owners()
        owners.merge(node.owners)
        for a in _ancestors(node):
            if a.owners.items and (a.section_owners or not owners.items):
                owners.fill(a.owners)
        if not owners.items:
            standing = [o for at, o in self.standing if at <= self.order_of.get(id(node), 0)]
            if standing:
                owners.fill(standing[-1])
        title, rest = split_title(node.head)
        text = "\n".join(p for p in [rest, *node.all_text()] if p)
        heading_limit = next(
            (a.head for a in _ancestors(node) if timelimits.find_dates_in_heading(a.head, None)),
            "",
        )
        order = self.order_of.get(id(node), 0)
        return _Task(
            node.number, title, text, owners, node.where, order, heading_limit, node.measure
        )

    def table_actions(self) -> list[_Action]:
        actions: list[_Action] = []
        for order, table, node, caption in self.tables:
            actions += self._one_table(order, table, node, caption)
        return actions

    def _one_table(self, order: int, table: TableBlock, node: Node, caption: str) -> list[_Action]:
        rows = [list(r) for r in table.rows]
        header_at, columns = -1, {}
        for i, row in enumerate(rows[:3]):
            columns = _columns(row)
            if "task" in columns and len(columns) >= 2:
                header_at = i
                break
        if header_at < 0:
            return []
        header = rows[header_at]
        wheres = list(table.row_where) or [table.where] * len(rows)
        # the worksheets of a workbook of several are its parts, named by their sheets, unless
        # a heading stands above the table (after the table before it)
        sheets = {t.name for _, t, _, _ in self.tables if t.name}
        sheet = table.name if len(sheets) > 1 and not DEFAULT_SHEET.match(table.name) else ""
        heading = node.head if node.style != "root" else ""
        before = max((at for at, _, _, _ in self.tables if at < order), default=-1)
        own = heading if self.order_of.get(id(node), -1) > before else ""
        default_name = caption or own or sheet or heading or M.IMPORT_DEFAULT_ACTION
        default_name = split_title(default_name)[0]
        actions: list[_Action] = []
        current: _Action | None = None
        group_owners = Owners()  # named in a group row: they lead every row under it
        last_category = ""
        for i in range(header_at + 1, len(rows)):
            row = rows[i] + [""] * (len(header) - len(rows[i]))
            where = wheres[i] if i < len(wheres) else table.where
            cells = [c for c in row if c]
            if not cells:
                continue
            if len(set(cells)) == 1 and len(row) > 2:  # a merged row across the table: a group
                heading, group_owners = split_trailing(cells[0])
                current = _group_action(heading, where, order * 1000 + i)
                actions.append(current)
                continue
            category = row[columns["category"]] if "category" in columns else ""
            category = category or last_category
            if category and category != last_category:
                current = _group_action(category, where, order * 1000 + i)
                actions.append(current)
                last_category = category
            if current is None:
                current = _Action(None, default_name, "", table.where, order * 1000)
                actions.append(current)
            task_text = row[columns["task"]]
            if not task_text:
                continue
            num = numbering(task_text)
            number: int | None = num[1] if num else None
            given = row[columns["number"]].strip().rstrip(".、") if "number" in columns else ""
            if given.isdecimal() and len(given) <= 9:  # (int() refuses thousands of digits)
                number = int(given)
            body = num[2] if num else task_text
            body, owners = split_trailing(body)
            for role in (LEADERS, LEAD, RESPONSIBLE, UNITS, SUPPORT, DUE):
                if role in columns and row[columns[role]]:
                    parsed = Owners()
                    label = re.sub(r"\s+", "", fold(header[columns[role]]))
                    add_owner(parsed, role, row[columns[role]], label)
                    owners.merge(parsed)
            owners.fill(group_owners)
            title, rest = split_title(body)
            extra = [
                f"{header[j]}：{row[j]}"
                for j in range(len(header))
                if j not in columns.values() and row[j] and header[j]
            ]
            text = "\n".join(p for p in [rest, *extra] if p)
            current.tasks.append(_Task(number, title, text, owners, where, order * 1000 + i))
        return [a for a in actions if a.tasks]

    # -- the whole --------------------------------------------------------------------------

    def run(self) -> ImportDraft:
        if not self.blocks:
            raise ValueError("empty")
        title, start = self.title()
        end, issuer = self.back_matter()
        root = self.outline(start, max(end, start))
        task_nodes = self.find_tasks(root)
        task_nodes = self._without_fragment(root, task_nodes)
        # a heading a table of tasks stands under (（二）任务分解) is that table's caption
        captions = {id(node) for _, _, node, _ in self.tables}
        task_nodes = [n for n in task_nodes if id(n) not in captions]
        actions_by_node: dict[int, _Action] = {}
        actions: list[_Action] = []
        fallback = False
        if not task_nodes and not self.tables:
            task_nodes = self.fallback_tasks(root)
            fallback = True
        for tn in task_nodes:
            parent = tn.parent or root
            act = actions_by_node.get(id(parent))
            if act is None:
                if parent.style == "root":
                    act = _Action(
                        None, M.IMPORT_DEFAULT_ACTION, "", tn.where, self.order_of.get(id(tn), 0)
                    )
                else:
                    head_title, rest = split_title(parent.head)
                    intro = "\n".join(p for p in [rest, *parent.body] if p)
                    act = _Action(
                        parent.number,
                        head_title,
                        intro,
                        parent.where,
                        self.order_of.get(id(parent), 0),
                        lost=parent.lost and id(parent) not in self.heading_lost,
                    )
                actions_by_node[id(parent)] = act
                actions.append(act)
            act.tasks.append(self.task_of(tn))
        for node_id, act in actions_by_node.items():
            node = next(n for n in root.walk() if id(n) == node_id)
            act.numbered_among = sum(
                id(c) in actions_by_node for c in (node.parent.children if node.parent else [])
            )
        actions += self.table_actions()
        actions.sort(key=lambda a: a.order)
        if not actions:
            raise LookupError("no tasks")
        if fallback:
            self.warn("", M.IMPORT_WARN_NO_OWNERS_ANYWHERE)

        year = self._year(title)
        task_ids = {id(n) for n in task_nodes}
        action_ids = set(actions_by_node)
        holders = {id(n) for n in task_nodes} | action_ids
        parts = root.children

        def holds(part: Node) -> bool:
            ids = {id(n) for n in part.walk()}
            return bool(ids & holders) or any(id(node) in ids for _, _, node, _ in self.tables)

        holding = [i for i, p in enumerate(parts) if holds(p)]
        first, last = (holding[0], holding[-1]) if holding else (len(parts), len(parts))
        before, middle, after = parts[:first], parts[first : last + 1], parts[last + 1 :]

        data: dict[str, Any] = {K.TITLE: title or self.source}
        issuer = issuer or self._issuer(title)
        if issuer:
            data[K.ISSUER] = issuer
        else:
            self.warn("", M.IMPORT_WARN_NO_ISSUER)
        preamble = "\n".join(root.body)
        requirements = _joined_parts(before)
        arrangements = "\n".join(
            line
            for p in middle
            for line in (
                ([] if id(p) in action_ids or id(p) in task_ids else p.body)
                if holds(p)
                else [_part_text(p)]
            )
            if line
        )
        period = self._period(
            [preamble, requirements, arrangements, *(a.intro for a in actions)], year, title
        )
        data[K.PERIOD] = {K.START: period[0], K.END: period[1]}
        if preamble:
            data[K.PREAMBLE] = preamble
        if requirements:
            data[K.REQUIREMENTS] = requirements
        if arrangements:
            data[K.ARRANGEMENTS] = arrangements
        data[K.ROSTER] = {K.LEADERS: (), K.UNITS: ()}
        data[K.ACTIONS] = self._actions(actions, year)
        words = {
            K.LEADERS: _most(self.votes[LEADERS]) or K.LEADERS,
            K.SUPPORT: _most(self.votes[SUPPORT]) or K.SUPPORT,
        }
        # a plan with 牵头单位 keeps 责任科室 for its sections (责任单位 is then a support word)
        if not any(K.LEAD in t for a in data[K.ACTIONS] for t in a[K.TASKS]):
            words[K.SECTIONS] = _most(self.votes[RESPONSIBLE]) or K.SECTIONS
        for a in data[K.ACTIONS]:
            a[K.TASKS] = [{words.get(k, k): v for k, v in t.items()} for t in a[K.TASKS]]
        leadership = self._leadership(after)
        if leadership:
            data[K.LEADERSHIP] = leadership
        leaders: list[str] = []
        units: list[str] = []
        for a in actions:
            for t in a.tasks:
                for role, name in t.owners.items:
                    target = leaders if role == LEADERS else units
                    if name not in target and name != M.EVERY_SECTION:
                        target.append(name)
        data[K.ROSTER] = {K.LEADERS: tuple(leaders), K.UNITS: tuple(units)}

        def place(w: ImportWarning) -> tuple[bool, bool, tuple[int, ...]]:
            numbers = tuple(int(n) for n in re.findall(r"\d+", w.where))
            return (bool(w.where), "表" in w.where, numbers)

        return ImportDraft(data, sorted(self.warnings, key=place))

    def _year(self, title: str) -> int | None:
        """The plan's year: --year's, else the title's, else the document's own (its 成文日期,
        period or any dated line, in figures or in Chinese numerals, or a table's cell); never
        today's: None when the document names no year."""
        if self.given_year is not None:
            return self.given_year
        if m := YEAR_SPAN.search(title):  # （2023-2027年）: a plan of several years, from its first
            return int(m["y1"])
        m = YEAR.search(title)
        if m:
            return int(m[1])
        texts = [b.text for b in self.blocks if isinstance(b, Paragraph)]
        # its document number's year (冀政办字〔2017〕73号): the year it was issued in, before
        # any year its text looks ahead to (到2020年); not the number of a document it cites
        # (根据《…的通知》（X政发〔2022〕15号）精神: an older document's)
        for text in texts[: max(self.title_at, 0) + 5]:
            own = (m for m in DOC_NUMBER_YEAR.finditer(text) if not _cited(text, m))
            if m := next(own, None):
                return int(m[1])
        for text in texts:
            if m := YEAR.search(text) or ISO_YEAR.search(text):
                return int(m[1])
        for text in texts:
            if m := CN_YEAR.search(text):
                return int("".join(str(CN_DIGIT[c]) for c in m[1]))
        for b in self.blocks:
            if isinstance(b, TableBlock):
                for cell in (c for row in b.rows for c in row):
                    if m := YEAR.search(cell) or ISO_YEAR.search(cell):
                        return int(m[1])
        return None

    def _issuer(self, title: str) -> str:
        m = ISSUER_IN_TITLE.match(title)
        if m:
            return m[1]
        for b in self.blocks[: self.title_at]:
            if isinstance(b, Paragraph) and ORGAN.search(b.text) and _heading_like(b.text):
                return b.text
        return ""

    def _period(self, texts: list[str], year: int | None, title: str) -> tuple[date, date]:
        for text in texts:
            for sentence in re.split(r"[。；;]", text):
                found = _period_in(sentence, year)
                if found:
                    return found
        span = YEAR_SPAN.search(title)  # 行动方案（2023-2027年）: those years, whole
        if span and self.given_year is None and int(span["y1"]) < int(span["y2"]):
            return date(int(span["y1"]), 1, 1), date(int(span["y2"]), 12, 31)
        if year is None:  # a plan has a period: this year's, until the clerk writes the real one
            year = self.today.year
            self.warn("", M.IMPORT_WARN_NO_YEAR.format(year=year))
        else:
            self.warn("", M.IMPORT_WARN_NO_PERIOD.format(year=year))
        return date(year, 1, 1), date(year, 12, 31)

    def _actions(self, actions: list[_Action], year: int | None) -> list[dict[str, Any]]:
        out = []
        run_on = 0  # the last task number of the previous action, for numbers that run on
        for position, a in enumerate(actions, 1):
            name = _action_name(a.title)
            if a.number is None and a.lost:
                self.warn(a.where, M.IMPORT_WARN_ACTION_LOST, n=position, title=name)
            elif a.number is not None and a.number != position and a.numbered_among > 1:
                self.warn(
                    a.where, M.IMPORT_WARN_ACTION_RENUMBERED, given=a.number, n=position, title=name
                )
            item: dict[str, Any] = {K.NUMBER: position, K.NAME: name}
            if a.title != name:
                item[K.TITLE] = a.title
            if a.intro:
                item[K.INTRO] = a.intro
            tasks = []
            numbers = _numbers([t.number for t in a.tasks], run_on)
            # measures sharing an item's paragraph are numbered by position, and so are the
            # items after them: one warning for the action, not one for each of its tasks
            measures = [n for t, n in zip(a.tasks, numbers) if t.measure]
            if measures:
                self.warn(
                    a.where,
                    M.IMPORT_WARN_MEASURES,
                    n=len(measures),
                    action=f"{position}“{name}”",
                    ids=_id_ranges(position, measures),
                )
            for t, n in zip(a.tasks, numbers):
                tid = f"{position}.{n}"
                if t.number is None and not measures:
                    self.warn(t.where, M.IMPORT_WARN_TASK_LOST, id=tid, title=t.title)
                elif t.number is not None and t.number != n and not measures:
                    self.warn(
                        t.where,
                        M.IMPORT_WARN_TASK_RENUMBERED,
                        given=t.number,
                        id=tid,
                        title=t.title,
                    )
                tasks.append(self._task(t, tid, n, year))
            run_on = numbers[-1] if numbers else run_on
            item[K.TASKS] = tasks
            out.append(item)
        return out

    def _conventions(self, t: _Task) -> Owners:
        """The task's owners as the document's own conventions read them: units it says
        every later task has (以下均需X落实，不再列出), and a list whose first unit leads and the
        others support (列在第一位的为牵头部门，下同)."""
        o = t.owners
        later = [n for at, names in self.also_later if at < t.order for n in names]
        leads = any(
            at == t.order or (later_too and at < t.order) for at, later_too in self.first_leads
        )
        if not later and not leads:
            return o
        out = Owners(list(o.items), o.due_text, list(o.words), o.standing)
        role = RESPONSIBLE if o.of(RESPONSIBLE) else UNITS
        if later and not o.of(LEAD):
            out.items += [(role, n) for n in later if (role, n) not in out.items]
        listed = out.of(role)
        if leads and listed and not o.of(LEAD):
            out.items = [i for i in out.items if i[0] != role]
            out.items += [(LEAD, listed[0])] + [(SUPPORT, n) for n in listed[1:]]
            word = next((w for r, w in o.words if r == role), None)
            out.words = [w for w in out.words if w[0] != role]
            if word is not None and len(listed) > 1:
                out.words.append((SUPPORT, word))
        return out

    def _task(self, t: _Task, tid: str, n: int, year: int | None) -> dict[str, Any]:
        item: dict[str, Any] = {K.NUMBER: n, K.TITLE: t.title or t.text[:20] or tid}
        if t.text:
            item[K.TEXT] = t.text
        o = self._conventions(t)
        lead = o.of(LEAD)
        # 责任单位 beside 牵头单位 support it; alone, they are the responsible units
        sections = o.of(RESPONSIBLE) + ([] if lead else o.of(UNITS))
        support = [u for u in o.of(SUPPORT) + (o.of(UNITS) if lead else []) if u not in lead]
        for key, names in (
            (K.LEADERS, o.of(LEADERS)),
            (K.SECTIONS, sections),
            (K.LEAD, lead),
            (K.SUPPORT, support),
        ):
            if names:
                item[key] = tuple(dict.fromkeys(names))
        # the document's own words for leaders and supporting units (one each for the plan)
        leader_words = [w for r, w in o.words if r == LEADERS]
        support_words = [w for r, w in o.words if r == SUPPORT or (r == UNITS and lead)]
        if o.of(LEADERS) and leader_words:
            self.votes[LEADERS].append(leader_words[0])
        if support and support_words:
            self.votes[SUPPORT].append(support_words[0])
        if sections:  # 责任单位 alone (no 牵头单位): the responsible units, in its own word
            unit_words = [w for r, w in o.words if r == UNITS and not lead]
            self.votes[RESPONSIBLE].append(unit_words[0] if unit_words else K.SECTIONS)
        if not (sections or lead or support or o.of(LEADERS)):
            self.warn(t.where, M.IMPORT_WARN_NO_OWNER, id=tid, title=t.title)
        if o.due_text:
            limit = timelimits.parse_field(o.due_text, year)
            if limit.due is None and not limit.recurrence and not limit.undated:
                self.warn(t.where, M.IMPORT_WARN_DUE_TEXT, id=tid, text=o.due_text)
        else:
            everything = timelimits.find_in_prose(f"{t.title}。{t.text}", year)
            found = [(d, p) for d, p in everything if d is not None]
            undated = [p for d, p in everything if d is None]
            recur = timelimits.recurrence(t.text)
            if not found and not undated and not recur and t.heading_limit:
                everything = timelimits.find_dates_in_heading(t.heading_limit, year)
                found = [(d, p) for d, p in everything if d is not None]
                undated = [p for d, p in everything if d is None]
            due = max(found)[0] if found else None
            phrase = max(found)[1] if found else None
            if len({d for d, _ in found}) > 1:
                self.warn(
                    t.where,
                    M.IMPORT_WARN_MANY_DUES,
                    id=tid,
                    found="、".join(p for _, p in found),
                    chosen=phrase,
                )
            if undated and not found and not recur:
                limit = timelimits.TimeLimit(None, "、".join(undated), None, undated=True)
            else:
                limit = timelimits.TimeLimit(due, phrase, recur)
        if limit.undated:
            self.warn(t.where, M.IMPORT_WARN_NO_YEAR_DUE, id=tid, text=limit.text)
        if limit.due is not None:
            item[K.DUE] = limit.due
        if (
            limit.text
            and limit.text != limit.recurrence
            and (limit.due is not None or o.due_text or limit.undated)
        ):
            item[K.DUE_TEXT] = limit.text
        if limit.recurrence:
            item[K.RECURRENCE] = limit.recurrence
        return item

    def _leadership(self, after: list[Node]) -> dict[str, Any] | None:
        if not after:
            return None
        if len(after) == 1:
            part = after[0]
            intro = "\n".join(part.body)
            items = []
            numbers = _numbers([c.number for c in part.children], 0)
            for c, n in zip(part.children, numbers):
                title, rest = split_title(c.head)
                if c.number is None:
                    self.warn(
                        c.where,
                        M.IMPORT_WARN_ITEM_LOST,
                        part=split_title(part.head)[0],
                        n=n,
                        title=title,
                    )
                elif c.number != n:
                    self.warn(
                        c.where,
                        M.IMPORT_WARN_ITEM_RENUMBERED,
                        part=split_title(part.head)[0],
                        given=c.number,
                        n=n,
                        title=title,
                    )
                item: dict[str, Any] = {K.NUMBER: n, K.TITLE: title or str(n)}
                text = "\n".join(p for p in [rest, *c.all_text()] if p)
                if text:
                    item[K.TEXT] = text
                items.append(item)
            out: dict[str, Any] = {}
            if intro:
                out[K.INTRO] = intro
            if items:
                out[K.ITEMS] = items
            elif not intro:
                return None
            return out
        items = []
        for n, part in enumerate(after, 1):
            title, rest = split_title(part.head)
            item = {K.NUMBER: n, K.TITLE: title or str(n)}
            text = "\n".join(p for p in [rest, *part.all_text()] if p)
            if text:
                item[K.TEXT] = text
            items.append(item)
        return {K.ITEMS: items}


ROW_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")


def _cell(text: str, people: bool = False) -> str:
    """A cell's text: without a trailing "|" and the spaces a PDF's line breaks left (but
    in a cell of `people` a space parts two names)."""
    text = re.sub(r"\s*\|\s*$", "", text).strip()
    if people:
        return text
    return re.sub(r"(?<=[\u4e00-\u9fff，、“”])\s+(?=[\u4e00-\u9fff，、“”])", "", text)


# a document number in brackets after the document it names (《…意见》（国发〔2017〕14号）),
# or one a sentence refers to (按照人社部发〔2023〕34号文件精神)
_CITED_BEFORE = re.compile(r"[》>]\s*[（(][^（）()《》]{0,20}$")
_CITED_AFTER = re.compile(r"\s*(?:文件|文|精神|要求|规定)")


def _cited(text: str, m: re.Match[str]) -> bool:
    """Is this document number another document's, cited rather than the plan's own?"""
    return bool(_CITED_BEFORE.search(text, 0, m.start()) or _CITED_AFTER.match(text, m.end()))


def _cut_row_whole(row: list[str], columns: dict[str, int], shown: list[int]) -> bool:
    """A row the document ends inside, between two cells: is it a task with what it shows?
    It is when it shows the task and the unit that leads it (牵头单位, else 责任单位), and that
    cell, the last one, does not break off inside a name (it ends as a unit's name does)."""
    unit = next((columns[r] for r in (LEAD, RESPONSIBLE, UNITS) if r in columns), None)
    if "task" not in columns or unit is None or not shown:
        return False
    if columns["task"] not in shown or unit not in shown or not row[columns["task"]]:
        return False
    last = row[shown[-1]].strip().rstrip("。；;，,")
    return shown[-1] != unit or unit_like(last)


def _cell_header(blocks: list[Block], i: int) -> tuple[list[str], int] | None:
    """The header cells of a one-cell-a-line table starting at block i, and where its rows
    start; a header cell split over two lines (完成 / 时限) is joined."""
    cells: list[str] = []
    j = i
    while j < len(blocks) and len(cells) < 12:
        b = blocks[j]
        if not isinstance(b, Paragraph):
            break
        cell = re.sub(r"\s+", "", _cell(b.text))
        if not cell or len(cell) > 8:
            break
        if _column_role(cell) is None:
            nxt = blocks[j + 1] if j + 1 < len(blocks) else None
            joined = (
                cell + re.sub(r"\s+", "", _cell(nxt.text)) if isinstance(nxt, Paragraph) else ""
            )
            if nxt is None or len(joined) > 10 or _column_role(joined) is None:
                break
            cell, j = joined, j + 1
        cells.append(cell)
        j += 1
    if len(cells) < 3:
        return None
    columns = _columns(cells)
    if "task" not in columns or "number" not in columns or len(columns) < 3:
        return None
    return cells, j


def _column_role(cell: str) -> str | None:
    folded = fold(cell)
    for role, pattern in HEADER_ROLES:
        if re.search(pattern, folded):
            return role
    return "category" if CATEGORY.search(folded) else None


def _unclosed(text: str) -> bool:
    """Does the text end inside a bracket (a document cut off in the middle of it)?"""
    depth = 0
    for ch in text:
        if ch in "（([〔【":
            depth += 1
        elif ch in "）)]〕】" and depth:
            depth -= 1
    return depth > 0


def _enclosing(node: Node) -> Node:
    """Where an owner line goes: after a block of sub-items ((1)…(4)) none of which names
    owners, it belongs to the item that holds them."""
    parent = node.parent
    skip = ("root", "heading", "para")
    if node.style in skip or parent is None or parent.style in skip or parent.owners:
        return node
    same = [c for c in parent.children if c.style == node.style]
    # the document's pattern: several sub-items, or an item before that took the owner line
    uncles = parent.parent.children if parent.parent is not None else []
    pattern = len(same) >= 2 or any(u.owners for u in uncles if u.style == parent.style)
    if pattern and same[-1] is node and not any(c.owners for c in same):
        return parent
    return node


def _unpaged(blocks: list[Block]) -> list[Block]:
    """Text copied out of a PDF (it has page footers such as — 3 — or 第3页 共10页): without
    its footers and the running headers repeated on each page, and with the lines the PDF
    broke inside a sentence (a name, a title) joined again."""
    texts = [clean(b.text) for b in blocks if isinstance(b, Paragraph)]
    if not any(PAGE_FOOTER.match(t) for t in texts):
        return blocks
    counts = Counter(t for t in texts if 0 < len(t) <= 40 and numbering(t) is None)
    repeated = {t for t, n in counts.items() if n >= 3}
    lengths = sorted(len(t) for t in texts if len(t) >= 10)
    width = lengths[len(lengths) * 3 // 4] if lengths else 0
    out: list[Block] = []
    paged = False  # past the first footer: a repeated short line there is a running header
    last_line = ""  # the last physical line of the paragraph being joined
    for b in blocks:
        if not isinstance(b, Paragraph):
            out.append(b)
            last_line = ""
            continue
        t = clean(b.text)
        if PAGE_FOOTER.match(t):
            paged = True
            continue
        if paged and t in repeated:
            continue
        prev = out[-1] if out else None
        if (
            isinstance(prev, Paragraph)
            and t
            and width
            and len(last_line) >= width - 2
            and last_line[-1] not in _SENTENCE_END
            and numbering(t) is None
            and not LOST.match(t)
            and owner_line(t) is None
            and not DATE_LINE.match(t)
        ):
            out[-1] = Paragraph(prev.text + t, prev.where)
        else:
            out.append(Paragraph(t, b.where))
        last_line = t
    return out


def _most(votes: list[str]) -> str | None:
    return Counter(votes).most_common(1)[0][0] if votes else None


def _id_ranges(action: int, numbers: list[int]) -> str:
    """Task ids compactly: 1.2、1.4–1.6、1.9."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(
        f"{action}.{r[0]}" if len(r) == 1 else f"{action}.{r[0]}–{action}.{r[-1]}" for r in runs
    )


def _ancestors(node: Node) -> list[Node]:
    out = []
    p = node.parent
    while p is not None and p.style != "root":
        out.append(p)
        p = p.parent
    return out


def _part_text(part: Node) -> str:
    title = split_title(part.head)[0]
    text = "\n".join(part.all_text())
    return f"{title}：{text}" if text else title


def _joined_parts(parts: list[Node]) -> str:
    if len(parts) == 1:
        p = parts[0]
        rest = split_title(p.head)[1]
        return "\n".join(x for x in [rest, *p.all_text()] if x)
    return "\n".join(_part_text(p) for p in parts)


def _numbers(given: list[int | None], run_on: int) -> list[int]:
    """Numbers by position: kept when they count on (from 1, or on from the last group)."""
    out: list[int] = []
    for i, n in enumerate(given):
        expected = out[-1] + 1 if out else 1
        if i == 0 and n is not None and n == run_on + 1 and run_on:
            expected = n
        out.append(expected)
    return out


RECORD_LABEL_MAX = 8  # characters of a label line in a record pasted one line a field


def _label_role(text: str) -> str | None:
    """The column role of a short line that is only a label (具体任务, 责任单位, 完成时限)."""
    name = re.sub(r"\s+", "", text).rstrip("：:")
    if not name or len(name) > RECORD_LABEL_MAX:
        return None
    found = _roles_of_columns([fold(name)])
    return next(iter(found), None) if found else None


def _record_tables(blocks: list[Block]) -> list[Block]:
    """Tasks pasted as records, a label line then its value line (具体任务 / …text… /
    责任单位 / 卫健局 / 完成时限 / 年底前), one record after another: a table, one row a
    record, its header the labels of the first record. A run needs a task label and at least
    one owner or time-limit label, and every label followed by a value that is no label."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        labels: list[str] = []
        rows: list[dict[str, str]] = []
        wheres: list[str] = []
        j = i
        while j + 1 < len(blocks):
            a, b = blocks[j], blocks[j + 1]
            if not (isinstance(a, Paragraph) and isinstance(b, Paragraph)):
                break
            role = _label_role(a.text)
            if role is None or _label_role(b.text) is not None:
                break
            label = re.sub(r"\s+", "", a.text).rstrip("：:")
            if role == "task" or not rows or label in rows[-1]:
                if role != "task" and not rows:
                    break  # a record starts with its task
                rows.append({})
                wheres.append(a.where)
            if label not in labels:
                labels.append(label)
            rows[-1][label] = b.text.strip()
            j += 2
        roles = {_label_role(label) for label in labels}
        if (
            rows
            and "task" in roles
            and roles & {"lead", "support", "responsible", "leaders", "due"}
        ):
            table = [tuple(labels), *(tuple(r.get(label, "") for label in labels) for r in rows)]
            out.append(TableBlock(tuple(table), wheres[0], (wheres[0], *wheres)))
            i = j
            continue
        out.append(blocks[i])
        i += 1
    return out


def _columns(row: list[str]) -> dict[str, int]:
    found = _roles_of_columns([fold(c) for c in row])
    # a 责任单位 column: supporting units beside a 牵头单位 column, else the responsible ones
    if RESPONSIBLE in found and not re.search(r"科室|处室", fold(row[found[RESPONSIBLE]])):
        found[UNITS] = found.pop(RESPONSIBLE)
    return found


def _roles_of_columns(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for j, cell in enumerate(row):
        name = re.sub(r"\s+", "", cell)
        if not name or len(name) > 12:
            continue
        for role, pattern in HEADER_ROLES:
            if re.search(pattern, name) and role not in found:
                if role == "task" and "task" in found:
                    continue
                found[role] = j
                break
    # two task-like columns: the first groups (a category), the last is the task
    task_like = [
        j
        for j, c in enumerate(row)
        if re.search(r"任务|内容|措施|事项|举措|工作", c)
        and j not in {v for k, v in found.items() if k != "task"}
    ]
    if len(task_like) >= 2:
        found["category"], found["task"] = task_like[0], task_like[-1]
    else:
        for j, cell in enumerate(row):
            if CATEGORY.search(cell) and j not in found.values():
                found["category"] = j
                break
    return found


def _period_in(sentence: str, year: int | None) -> tuple[date, date] | None:
    import calendar

    def end_of(y: int, m: int) -> date:
        return date(y, m, calendar.monthrange(y, m)[1])

    def year_of(written: str | None) -> int:
        if written:
            return int(written)
        if year is None:
            raise ValueError("no year")  # a period in the year the document does not name
        return year

    try:
        if m := PERIOD_DAYS.search(sentence):
            y1 = year_of(m["y1"])
            y2 = int(m["y2"] or y1)
            a, b = date(y1, int(m["m1"]), int(m["d1"])), date(y2, int(m["m2"]), int(m["d2"]))
            return (a, b) if a <= b else None
        if m := PERIOD_YEAR_MONTHS.search(sentence):
            y1 = int(m["y1"])
            y2 = int(m["y2"] or y1)
            a, b = date(y1, int(m["m1"]), 1), end_of(y2, int(m["m2"]))
            return (a, b) if a <= b else None
        if PERIOD_CONTEXT.search(sentence) and (m := PERIOD_MONTHS.search(sentence)):
            y = year_of(m["y"])
            m1, m2 = int(m["m1"]), int(m["m2"])
            if 1 <= m1 < m2 <= 12:
                return date(y, m1, 1), end_of(y, m2)
    except ValueError:
        return None
    return None


def parse_blocks(
    blocks: list[Block], source: str, today: date, year: int | None = None
) -> ImportDraft:
    """Plan data from a document's blocks. ValueError: nothing in it; LookupError: no tasks.
    `year` (import --year) is the plan's year, whatever year the document names, if any."""
    return _Parser(blocks, source, today, year).run()
