"""Properties of the journal and the fold, over generated data."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from xiajiceng.model import Event, Op, Status, fold
from xiajiceng.store.journal import Journal, decode, encode

TASKS = ["1.1", "1.2", "2.3"]
text = st.text(min_size=1)  # any Unicode: NUL, \r, \n, U+2028 included
days = st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 12, 31))
stamps = st.datetimes().map(lambda d: d.isoformat())


ids = st.uuids().map(lambda u: u.hex[:16])


@st.composite
def events(draw):
    op = draw(st.sampled_from([Op.ASSIGN, Op.STATUS, Op.NOTE, Op.DONE, Op.REOPEN]))
    value: object = None
    if op is Op.ASSIGN:
        value = {"add": draw(st.lists(text, max_size=3)), "remove": []}
    elif op is Op.STATUS:
        value = draw(st.sampled_from([s.value for s in Status]))
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


@given(events())
def test_event_round_trip_and_one_line(e):
    line = encode(e)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode(line[:-1]) == e


@settings(max_examples=50)
@given(st.lists(events(), max_size=6), st.data())
def test_every_prefix_loads_the_complete_lines(tmp_path_factory, evs, data):
    blob = b"".join(encode(e) for e in evs)
    cut = data.draw(st.integers(min_value=0, max_value=len(blob)))
    path = tmp_path_factory.mktemp("j") / "j.jsonl"
    path.write_bytes(blob[:cut])
    complete = blob[:cut].count(b"\n")
    if complete < len(evs) and blob[:cut].endswith(encode(evs[complete])[:-1]):
        complete += 1  # a whole record that lost only its newline counts
    assert Journal(path).read() == evs[:complete]


@given(st.lists(events(), max_size=12), st.randoms())
def test_fold_ignores_line_order(evs, rnd: random.Random):
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert fold(TASKS, evs) == fold(TASKS, shuffled)


@given(st.lists(events(), min_size=1, max_size=10))
def test_undo_of_newest_restores_previous_state(evs):
    newest = max(evs, key=lambda e: (e.recorded, e.id))
    undo = Event("u" * 16, Op.UNDO, newest.task, newest.id, date(2024, 1, 1), "9999", "x")
    without = [e for e in evs if e is not newest]
    assert fold(TASKS, [*evs, undo]) == fold(TASKS, without)


@settings(max_examples=200, deadline=None)
@given(st.lists(events(), max_size=30), st.lists(events(), max_size=10))
def test_fold_equals_applying_later_events_one_at_a_time(before, after):
    """What the state cache does: fold what was there, then apply each event appended since,
    one at a time, when it comes after everything folded (and undoes nothing). The result is
    the fold of the whole journal."""
    from xiajiceng.model import apply

    last = max((e.sort_key() for e in before), default=(date.min, "", ""))
    later = [e for e in after if e.sort_key() > last]
    states = fold(TASKS, before)
    for e in sorted(later, key=Event.sort_key):
        apply(states[e.task], e)
    assert states == fold(TASKS, before + later)


def test_display_width_is_unicodes_east_asian_width():
    """The one measure of width agrees with unicodedata for every assigned character (that is
    not a control character), so tables, the plain report, the timeline and the ledger line
    up alike."""
    import unicodedata

    from xiajiceng.text import display_width

    ranges = [range(0x20, 0xD800), range(0xE000, 0xFFFE), range(0x10000, 0x40000)]
    wrong = [
        hex(cp)
        for r in ranges
        for cp in r
        if chr(cp).isprintable()
        and display_width(chr(cp)) != (2 if unicodedata.east_asian_width(chr(cp)) in "WF" else 1)
    ]
    assert wrong == []
    assert display_width("带着“问题”深入 abc") == 4 + 1 + 4 + 1 + 4 + 1 + 3
