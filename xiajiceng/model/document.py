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
# Each in Traditional script too (牽頭單位, 完成時限): a PDF's table headings are matched as
# they stand, before any text is folded to Simplified.
TABLE_HEADINGS: tuple[tuple[str, str], ...] = (
    ("number", r"序号|编号|序號|編號"),
    ("leaders", r"领导|责任人|領導|責任人"),
    ("lead", r"牵头|牽頭"),
    ("support", r"配合|协办|协助|参与|協辦|協助|參與"),
    ("responsible", r"责任|负责|实施|承办|責任|負責|實施|承辦"),
    ("due", r"时限|时间|期限|节点|時限|時間|節點"),
    ("task", r"任务|内容|措施|事项|举措|工作|项目|任務|內容|事項|舉措|項目"),
)
