"""Tab-separated rows for a pipe or a file (`xjc list | sort`): one record a line, no header,
no colour; tabs and line breaks inside a field become spaces. Imports no rich."""

from __future__ import annotations


def tsv_field(value: object) -> str:
    text = str(value)
    if text.isprintable():  # no tab, no line break of any kind: the common case, quickly
        return text.strip()
    return " ".join(text.replace("\t", " ").splitlines()).strip()


def tsv_line(fields: list[object]) -> str:
    return "\t".join(tsv_field(f) for f in fields) + "\n"
