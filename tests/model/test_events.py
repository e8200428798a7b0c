"""Properties of the fold of events into task states, over generated events."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import TASKS, events
from xiajiceng.model import Event, Op, fold


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
