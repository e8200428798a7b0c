"""Hypothesis strategies for journal events, shared by the model's and the store's tests."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from xiajiceng.model import REMIND_KINDS, Event, Op, Status

TASKS = ["1.1", "1.2", "2.3"]


text = st.text(min_size=1)  # any Unicode: NUL, \r, \n, U+2028 included


days = st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 12, 31))


stamps = st.datetimes().map(lambda d: d.isoformat())


ids = st.uuids().map(lambda u: u.hex[:16])


@st.composite
def events(draw):
    op = draw(st.sampled_from([o for o in Op if o is not Op.UNDO]))
    value: object = None
    if op is Op.ASSIGN:
        value = {"add": draw(st.lists(text, max_size=3)), "remove": []}
    elif op is Op.STATUS:
        value = draw(st.sampled_from([s.value for s in Status]))
    elif op is Op.REMIND:
        value = draw(st.sampled_from(REMIND_KINDS))
    elif op is Op.ATTACH:
        digest = draw(st.binary(min_size=32, max_size=32)).hex()
        value = {"name": draw(text), "size": draw(st.integers(0, 10**9)), "sha256": digest}
    return Event(
        id=draw(ids),
        op=op,
        task=draw(st.sampled_from(TASKS)),
        value=value,
        date=draw(days),
        recorded=draw(stamps),
        by=draw(text),
        note=draw(st.none() | text),
    )
