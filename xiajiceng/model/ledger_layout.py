"""The layout of an exported ledger workbook (台账.xlsx).

Shared by the writer (views/formats/xlsx.py) and the reader (store/sheets.py), so the two
cannot drift. No I/O here.

The visible sheet holds a title row, a subtitle row, the header row and one row per task;
its last column (编号, hidden) holds the task id, so rows may be re-sorted. A hidden sheet
holds the plan's identity (title and a hash of the plan file) and the values of the
editable cells as they were exported, so that `collect` records only what a 科室 changed.

A workbook across the plans of an office folder has a 汇总 sheet first, then one such sheet
per plan, each with its own hidden identity sheet (xjc-1, xjc-2 …) laid out as the single
plan's, with one more key, in the empty fifth row: the name of the visible sheet it belongs to.
A single-plan workbook is laid out as it always was (one hidden sheet named xjc), so every
xjc reads it; an older xjc refuses a workbook across plans (it finds no sheet named xjc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.model.plan import LEAD, LEADERS, SECTIONS, SUPPORT

if TYPE_CHECKING:
    from xiajiceng.model.plan import Plan

FORMAT_VERSION = "1"

TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 3
FIRST_ROW = 4

COLUMNS: tuple[str, ...] = (
    M.LEDGER_SEQ,
    M.LEDGER_ACTION,
    M.LEDGER_TASK,
    M.LEDGER_LEADERS,
    M.LEDGER_SECTIONS,
    M.LEDGER_ASSIGNEES,
    M.LEDGER_DUE,
    M.LEDGER_STATUS,
    M.LEDGER_NOTE,
    M.LEDGER_REMARK,
)
ID_COLUMN = M.LEDGER_ID  # the hidden last column of the visible sheet

# -- owners by role: the columns follow what the plan has ---------------------------------


def owner_roles(plan: Plan) -> tuple[str, ...]:
    """The owner roles a plan's outputs show, in this order: 责任领导 when some task has
    leaders, 牵头单位 when some task has lead units, 责任科室 when some task has sections or
    no task has lead or supporting units, 配合单位 when some task has supporting units. (A
    plan in the bundled plan's shape keeps 责任领导 and 责任科室 exactly as before.)"""
    tasks = plan.tasks
    has_lead = any(t.lead for t in tasks)
    has_support = any(t.support for t in tasks)
    has = {
        LEADERS: any(t.leaders for t in tasks),
        SECTIONS: any(t.sections for t in tasks) or not (has_lead or has_support),
        LEAD: has_lead,
        SUPPORT: has_support,
    }
    return tuple(role for role in (LEADERS, LEAD, SECTIONS, SUPPORT) if has[role])


def columns(plan: Plan) -> tuple[str, ...]:
    """The visible ledger columns for a plan: COLUMNS with the owner columns it has, each
    headed by the plan's own word for the role (牵头单位, 分管领导, 协办单位 …)."""
    owners = [plan.word(role) for role in owner_roles(plan)]
    before = COLUMNS[: COLUMNS.index(M.LEDGER_LEADERS)]
    after = COLUMNS[COLUMNS.index(M.LEDGER_SECTIONS) + 1 :]
    return (*before, *owners, *after)


# the columns a 科室 fills in, and the ones collect needs to find them
EDITABLE: tuple[str, ...] = (M.LEDGER_STATUS, M.LEDGER_ASSIGNEES, M.LEDGER_NOTE)
REQUIRED: tuple[str, ...] = (ID_COLUMN, *EDITABLE)

# the hidden identity sheet: key/value pairs in A1:B4, then a table of the exported values
ID_SHEET = "xjc"
ID_KEYS = (M.ID_SHEET_PLAN, M.ID_SHEET_DIGEST, M.ID_SHEET_AS_OF, M.ID_SHEET_VERSION)
BASE_CAPTION_ROW = 6
BASE_HEADER_ROW = 7
BASE_FIRST_ROW = 8
BASE_COLUMNS: tuple[str, ...] = (ID_COLUMN, *EDITABLE)

# a workbook across plans: its identity sheets, and the key naming each one's visible sheet
OFFICE_FORMAT_VERSION = "2"
OFFICE_ID_SHEET = "xjc-{n}"  # n = 1, 2 … in the order of the plan sheets
OFFICE_ID_KEYS = (*ID_KEYS, M.ID_SHEET_SHEET)
OFFICE_ID_PATTERN = r"xjc-[0-9]{1,4}"
SUMMARY_SHEET = M.LEDGER_SUMMARY_SHEET  # the first sheet: plans × status, units across plans
MAX_SHEET_NAME = 31  # Excel's limit on a sheet's name
SHEET_NAME_FORBIDDEN = "[]:*?/\\"  # characters Excel refuses in a sheet's name

# how far down collect looks for the header row (a title row may have been added)
HEADER_SEARCH_ROWS = 20


def sheet_names(shorts: list[str]) -> list[str]:
    """The visible sheet of each plan, named by its short name as Excel takes it: control
    characters shown as escapes, the characters Excel refuses replaced by _, no ' at either
    end, at most 31 characters, and unique whatever the case (never 汇总 or an identity
    sheet's name: a number is added)."""
    import re

    from xiajiceng.text import neutralise

    taken = {SUMMARY_SHEET.casefold(), ID_SHEET.casefold(), "history"}
    names = []
    for short in shorts:
        name = neutralise(short, lines=False)
        name = "".join("_" if ch in SHEET_NAME_FORBIDDEN else ch for ch in name)
        name = name.strip("'").strip() or "_"
        base = name[:MAX_SHEET_NAME]
        name, n = base, 1
        while name.casefold() in taken or re.fullmatch(OFFICE_ID_PATTERN, name, re.IGNORECASE):
            n += 1
            tail = f"({n})"
            name = base[: MAX_SHEET_NAME - len(tail)] + tail
        taken.add(name.casefold())
        names.append(name)
    return names
