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
