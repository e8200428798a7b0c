"""Lenient matching of what people type: names, task ids, statuses and dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import product

from xiajiceng import messages as M
from xiajiceng.errors import UsageError
from xiajiceng.model import Plan, Status
from xiajiceng.model.pinyin import few, readings_of, spells
from xiajiceng.model.workdays import FIRST_DATE, LAST_DATE


def _pinyin(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name: 沈伟强 → ("shenweiqiang", "swq")."""
    from pypinyin import lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name)]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def match_name(given: str, candidates: Sequence[str], role: str) -> str:
    """Exact name, else a unique prefix, else pinyin: exact full pinyin or initials under any
    reading, then any mix of full syllables and initials, then a leading part of one of those."""
    given = given.strip()
    if given in candidates:
        return given
    pool = list(dict.fromkeys(candidates))
    tries = [[c for c in pool if c.startswith(given)]] if given else []
    key = re.sub(r"[\s'’]+", "", given.lower())
    if key and any(ch.isascii() and ch.isalpha() for ch in key):
        readings = {c: readings_of(c) for c in pool}

        def exact(c: str) -> bool:
            spelled = ["".join(p) for p in product(*readings[c])] if few(readings[c]) else []
            initials = {"".join(r[0] for r in p) for p in product(*readings[c])}
            return key in spelled or key in initials

        tries.append([c for c in pool if few(readings[c]) and exact(c)])
        tries.append([c for c in pool if spells(key, c, readings[c], whole=True)])
        tries.append([c for c in pool if spells(key, c, readings[c], whole=False)])
    for found in tries:
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(
                M.ERR_NAME_AMBIGUOUS.format(role=role, given=given, candidates=_listed(found))
            )
    raise UsageError(
        M.ERR_NAME_UNKNOWN.format(role=role, given=given, candidates=_listed(pool) or M.NOBODY)
    )


def _listed(names: Sequence[str]) -> str:
    out = []
    for n in names:
        full, initials = _pinyin(n) if not n.isascii() else (n, "")
        out.append(f"{n}（{full}/{initials}）" if initials else n)
    return "、".join(out)


_TASK_ID = re.compile(
    r"^\s*(\d{1,9})\s*(?:[.．。\-－—、]\s*(\d{1,9})|[（(]\s*(\d{1,9})\s*[)）])\s*$"
)


def local_task_id(given: str) -> str | None:
    """ "2.3", "2-3", "2（3）" → "2.3"; None when it is not a task number's form."""
    m = _TASK_ID.match(given)
    return f"{int(m.group(1))}.{int(m.group(2) or m.group(3))}" if m else None


def parse_task_id(given: str, plan: Plan) -> str:
    """ "2.3", "2-3", "2（3）" → "2.3", which must exist in the plan."""
    m = _TASK_ID.match(given)
    if not m:
        raise UsageError(M.ERR_TASK_ID_FORM.format(given=given, valid=plan.task_range()))
    task_id = f"{int(m.group(1))}.{int(m.group(2) or m.group(3))}"
    if plan.task(task_id) is None:
        raise UsageError(M.ERR_NO_TASK.format(given=given, valid=plan.task_range()))
    return task_id


_STATUS_WORDS = {s.value: s for s in Status} | {s.label: s for s in Status}
# a done task in a plan whose done tasks the office verifies, as the ledger shows it
_STATUS_WORDS |= {M.STATUS_PENDING: Status.DONE, M.STATUS_VERIFIED: Status.DONE}


def status_choices() -> str:
    return "、".join(f"{s.label}/{s.value}" for s in Status)


def parse_status(given: str) -> Status:
    found = _STATUS_WORDS.get(given.strip().lower())
    if found is None:
        raise UsageError(M.ERR_STATUS.format(given=given, valid=status_choices()))
    return found


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(given: str) -> date:
    """2023-03-20, 2023/3/20, 2023.3.20 or 2023年3月20日, from FIRST_DATE to LAST_DATE."""
    m = _DATE.match(given)
    try:
        if not m:
            raise ValueError(given)
        found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise UsageError(M.ERR_DATE.format(given=given)) from None
    if not FIRST_DATE <= found <= LAST_DATE:
        raise UsageError(M.ERR_DATE_RANGE.format(given=given, first=FIRST_DATE, last=LAST_DATE))
    return found


def parse_month(given: str) -> int:
    try:
        month = int(given.strip().removesuffix("月"))
    except ValueError:
        month = 0
    if not 1 <= month <= 12:
        raise UsageError(M.ERR_MONTH.format(given=given))
    return month


def parse_year(given: str) -> int:
    try:
        year = int(given.strip().removesuffix("年"))
    except ValueError:
        year = 0
    if not 1000 <= year <= 9999:
        raise UsageError(M.ERR_YEAR.format(given=given))
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise UsageError(
            M.ERR_YEAR_RANGE.format(given=given, first=FIRST_DATE.year, last=LAST_DATE.year)
        )
    return year


def parse_action(given: str, plan: Plan) -> int:
    try:
        number = int(given.strip())
    except ValueError:
        number = -1
    if plan.action(number) is None:
        valid = "、".join(str(a.number) for a in plan.actions)
        raise UsageError(M.ERR_ACTION.format(given=given, valid=valid))
    return number
