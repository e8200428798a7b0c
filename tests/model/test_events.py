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


def _replayed_one_by_one(task_ids, events, as_of=None):
    """fold as its docstring says it: each event once (its first line), the undone and the
    undos left out, the rest applied one at a time in replay order."""
    from xiajiceng.model import TaskState, apply, revoked_ids

    first = {}
    for e in events:
        first.setdefault(e.id, e)
    once = list(first.values())
    revoked = revoked_ids(once)
    states = {t: TaskState() for t in task_ids}
    for e in sorted(once, key=Event.sort_key):
        in_force = e.op is not Op.UNDO and e.id not in revoked
        if in_force and e.task in states and (as_of is None or e.date <= as_of):
            apply(states[e.task], e)
    return states


@st.composite
def journals(draw):
    """Events of every operation, some of them undone, some lines doubled or reusing an id,
    some about a task the plan no longer has."""
    evs = draw(st.lists(events(), max_size=25))
    names = st.lists(st.sampled_from(["甲", "乙", "丙"]), max_size=3)  # repeats, and removes
    for e in draw(st.lists(events(), max_size=6)):
        value = {"add": draw(names), "remove": draw(names)}
        evs.append(e._replace(op=Op.ASSIGN, value=value))
    for target in draw(st.lists(st.sampled_from(evs), max_size=3)) if evs else []:
        ident = draw(st.uuids()).hex[:16]
        evs.append(Event(ident, Op.UNDO, target.task, target.id, target.date, "9999", "x"))
    if evs and draw(st.booleans()):
        evs.append(draw(st.sampled_from(evs)))  # a line a merge doubled
    if evs and draw(st.booleans()):  # another record under an id (the first line counts)
        evs.append(draw(st.sampled_from(evs))._replace(note="另", date=date(2023, 6, 1)))
    if evs and draw(st.booleans()):
        evs.append(evs[0]._replace(id="gone" + evs[0].id, task="9.9"))
    return evs


@settings(max_examples=300, deadline=None)
@given(journals(), st.none() | st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 1, 1)))
def test_fold_is_applying_each_event_in_replay_order(evs, as_of):
    from xiajiceng.model.events import each_once, fold_latest

    assert fold(TASKS, evs, as_of) == _replayed_one_by_one(TASKS, evs, as_of)
    states, last = fold_latest(TASKS, evs, as_of)
    assert states == fold(TASKS, evs, as_of)
    # what a journal's reader hands over: each id once, and fold told so
    assert fold_latest(TASKS, each_once(evs), as_of, distinct=True) == (states, last)
    once = {e.id: e for e in reversed(evs)}.values()  # the first line of an id counts
    assert last == max((e.sort_key() for e in once), default=None)


_names = st.lists(st.sampled_from(["甲", "乙", "丙", "丁"]), max_size=4)


@given(_names, _names, _names, st.booleans())
def test_an_assign_removes_then_adds_the_names_not_there(names, add, remove, keys):
    """Names removed first, then each added name that the task did not have appended (an
    added name given twice is appended twice, as xjc always did)."""
    from xiajiceng.model import TaskState, apply

    value = {"add": add, "remove": remove} if keys else {"add": add}
    state = TaskState(assignees=list(names))
    before = state.assignees
    apply(state, Event("a", Op.ASSIGN, "1.1", value, date(2023, 1, 1), "", ""))
    kept = [n for n in names if not keys or n not in set(remove)]
    assert state.assignees == kept + [n for n in add if n not in kept]
    assert before == names  # a new list: one a cached state shares is never changed
