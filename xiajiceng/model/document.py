"""What a document reader hands to the parser: paragraphs and tables, in document order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    text: str
    where: str  # where a person finds it: "第 12 行" / "第 12 段"


@dataclass(frozen=True)
class TableBlock:
    rows: tuple[tuple[str, ...], ...]
    where: str  # where the table starts
    row_where: tuple[str, ...] = ()  # where each row is, when known
    name: str = ""  # its own name, where the format gives one (an .xlsx worksheet's)


Block = Paragraph | TableBlock


# The headings of a task table's columns (序号, 工作任务, 牵头单位, 完成时限 …), by the role of
# the column: a heading's role is the first whose pattern it matches (责任领导 leads, not 责任).
TABLE_HEADINGS: tuple[tuple[str, str], ...] = (
    ("number", r"序号|编号"),
    ("leaders", r"领导|责任人"),
    ("lead", r"牵头"),
    ("support", r"配合|协办|协助|参与"),
    ("responsible", r"责任|负责|实施|承办"),
    ("due", r"时限|时间|期限|节点"),
    ("task", r"任务|内容|措施|事项|举措|工作|项目"),
)
