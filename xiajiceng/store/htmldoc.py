"""Reading a plan document saved from a government website (.html/.htm): its paragraphs and
data tables in order, with the page's scripts, styles, navigation and forms dropped.

The encoding is the BOM's, else the page's own <meta charset> / http-equiv (GB2312 and GBK are
read as GB18030, their superset), else UTF-8 if the bytes are UTF-8, else GB18030. A table is
a data table when it holds no other table and has rows of two or more cells; older sites lay
the whole page out in tables, and such a table's content is read as paragraphs. A cell merged
over rows or columns (rowspan, colspan) fills every place it covers, so columns stay aligned.
The standard library's html.parser reads it, without recursion; nesting is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Block, Paragraph, TableBlock

MAX_HTML_DEPTH = 256  # elements inside one another; deeper ones count as their parent
MAX_SPAN = 100  # rows or columns one cell may cover
MAX_TABLE_CELLS = 100_000  # cells of one table, merged ones counted in each place they cover

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SKIP = {
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form",
    "select", "button", "iframe", "object", "svg", "canvas", "map", "textarea",
}  # fmt: skip
# class or id words of a page's chrome on government sites: menus, crumbs, share bars, footers
_CHROME = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumb|crumbs?|share|sidebar|footer|copyright|"
    r"topbar|toolbar|position|location|dqwz)(?:$|[\s_\-])",
    re.I,
)
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
    "section", "article", "center", "title", "ul", "ol", "dl", "address", "hr", "br", "caption",
}  # fmt: skip
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "wbr"}
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


def decode_html(raw: bytes, path: Path) -> str:
    """The page's text, in the encoding its BOM or meta names, else UTF-8, else GB18030."""
    import codecs

    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    candidates = []
    if m := _META_CHARSET.search(raw[:8192]):
        name = m[1].decode("ascii").lower()
        try:
            name = codecs.lookup(name).name
        except LookupError:
            name = ""
        if name in ("gb2312", "gbk", "gb18030", "hz") or name.startswith("gb"):
            name = "gb18030"
        if name:
            candidates.append(name)
    candidates += ["utf-8", "gb18030"]
    for name in candidates:
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentError(M.ERR_DOC_HTML_ENCODING.format(path=path))


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    nested: bool = False  # holds another table: a layout table
    parts: list[Paragraph | _Table] = field(default_factory=list)  # its content as flow


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Paragraph | _Table] = []
        self.line: list[str] = []  # the paragraph being read
        self.stack: list[str] = []  # open elements (bounded)
        self.skip = 0  # depth inside a dropped element
        self.tables: list[_Table] = []  # open tables, innermost last
        self.cell: _Cell | None = None

    # -- where text goes ----------------------------------------------------------------------

    def _flow(self) -> list[Paragraph | _Table]:
        return self.tables[-1].parts if self.tables else self.blocks

    def _end_line(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line.clear()
        if not text:
            return
        if self.cell is not None:
            self.cell.text.append(text)
        self._flow().append(Paragraph(text, ""))  # (numbered once the layout is known)

    # -- html.parser's callbacks ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr") and not self.skip:
                self._end_line()
            return
        if len(self.stack) >= MAX_HTML_DEPTH:
            return
        self.stack.append(tag)
        chrome = any(k in ("class", "id") and v and _CHROME.search(v) for k, v in attrs)
        hidden = any(
            k == "hidden" or (k == "style" and v and "display:none" in v.replace(" ", ""))
            for k, v in attrs
        )
        if self.skip or tag in _SKIP or chrome or hidden:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._end_line()
        elif tag == "table":
            self._end_line()
            if self.tables:
                self.tables[-1].nested = True
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._end_line()
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            self._end_line()
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            self.cell = _Cell(
                rowspan=_span(values.get("rowspan")), colspan=_span(values.get("colspan"))
            )
            table.rows[-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:  # close what was left open inside it
            open_tag = self.stack.pop()
            if self.skip:
                self.skip -= 1
                if open_tag == tag:
                    return
                continue
            self._close(open_tag)
            if open_tag == tag:
                return

    def _close(self, tag: str) -> None:
        if tag in _BLOCK:
            self._end_line()
        elif tag in ("td", "th"):
            self._end_line()
            self.cell = None
        elif tag == "table" and self.tables:
            self._end_line()
            self.cell = None
            table = self.tables.pop()
            self._flow().append(table)
            if self.tables and self.cell is None and self.tables[-1].rows:
                row = self.tables[-1].rows[-1]
                self.cell = row[-1] if row else None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line.append(data)

    def close(self) -> None:
        super().close()
        while self.stack:
            self.handle_endtag(self.stack[-1])
        self._end_line()
        while self.tables:  # (left open below the depth bound)
            table = self.tables.pop()
            self._flow().append(table)


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


def _grid(table: _Table, path: Path) -> list[list[str]]:
    """The table's rows with every merged cell copied into each place it covers."""
    grid: list[list[str]] = []
    taken: dict[tuple[int, int], str] = {}
    cells = 0
    for i, row in enumerate(table.rows):
        cells += sum(c.rowspan * c.colspan for c in row)
        if cells > MAX_TABLE_CELLS:
            raise DocumentError(M.ERR_DOC_TOO_MANY_CELLS.format(path=path, limit=MAX_TABLE_CELLS))
        out: list[str] = []
        j = 0
        for cell in row:
            while (i, j) in taken:
                out.append(taken.pop((i, j)))
                j += 1
            text = "\n".join(cell.text)
            for dj in range(cell.colspan):
                out.append(text)
                for di in range(1, cell.rowspan):
                    taken[(i + di, j + dj)] = text
            j += cell.colspan
        while (i, j) in taken:
            out.append(taken.pop((i, j)))
            j += 1
        grid.append(out)
    return grid


def _is_data(table: _Table) -> bool:
    return not table.nested and sum(len(r) >= 2 for r in table.rows) >= 2


def read_html(raw: bytes, path: Path) -> list[Block]:
    """The paragraphs and data tables of a web page, in order."""
    reader = _Reader()
    try:
        reader.feed(decode_html(raw, path))
        reader.close()
    except DocumentError:
        raise
    except Exception:  # (html.parser is lenient; this is a last guard)
        raise DocumentError(M.ERR_DOC_BINARY.format(path=path)) from None
    blocks: list[Block] = []
    table_n = paragraph_n = 0
    pending: list[Paragraph | _Table] = list(reversed(reader.blocks))
    while pending:
        item = pending.pop()
        if isinstance(item, Paragraph):
            paragraph_n += 1
            blocks.append(Paragraph(item.text, M.IMPORT_WHERE_PARAGRAPH.format(n=paragraph_n)))
        elif _is_data(item):
            table_n += 1
            rows = [tuple(r) for r in _grid(item, path) if any(c.strip() for c in r)]
            wheres = tuple(
                M.IMPORT_WHERE_TABLE_ROW.format(t=table_n, n=i) for i in range(1, len(rows) + 1)
            )
            if rows:
                blocks.append(TableBlock(tuple(rows), wheres[0], wheres))
        else:
            pending.extend(reversed(item.parts))
    return blocks
