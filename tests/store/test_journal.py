"""Properties of the journal and the fold, over generated data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import events
from xiajiceng.errors import JournalError
from xiajiceng.store.journal import Journal, decode, encode


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
    ends = [len(b"".join(encode(e) for e in evs[: n + 1])) for n in range(len(evs))]
    if cut + 1 in ends:  # a last record that lost only its newline counts (and is mended)
        complete += 1
    assert Journal(path).read() == evs[:complete]


# -- the fast reader (msgspec) takes only what the line-by-line reader takes, as it takes it


_GOOD = (
    '{"id":"a1","op":"note","task":"1.1","value":null,"date":"2023-03-01",'
    '"recorded":"2023-03-01T09:00:00+08:00","by":"王","note":"进展"}'
)
_ATTACH = '{"name":"a.pdf","size":12,"sha256":"' + "ab" * 32 + '"}'


def _op(op: str, value: str = "null") -> str:
    return _GOOD.replace('"op":"note"', f'"op":"{op}"').replace('"value":null', f'"value":{value}')


_ODD_LINES = [
    _GOOD + _GOOD,  # two records on one line
    _GOOD[:-1] + ',"extra":[[[[1]]]]}',  # a field xjc never writes
    _GOOD.replace('"value":null', '"value":' + "[" * 3000 + "]" * 3000),
    _GOOD + "\r",
    _GOOD.replace("null", "NaN"),
    _GOOD.replace('"2023-03-01"', '"2023-W09-3"'),  # a date fromisoformat reads
    _GOOD.replace('"2023-03-01"', '"20230301"'),
    _GOOD.replace('"进展"', '"\\ud800"'),  # half a character
    _GOOD.replace('"进展"', '"\\ud83d\\ude00\\u2028"'),
    _GOOD.replace('"op":"note"', '"op":"assign"').replace(
        '"value":null', '"value":{"add":["张三"],"remove":[],"x":' + "[" * 3000 + "]" * 3000 + "}"
    ),
    _GOOD.replace('"op":"note"', '"op":"assign"').replace(
        '"value":null', '"value":{"add":["张三"]}'
    ),
    _GOOD.replace('"op":"note"', '"op":"status"').replace('"value":null', '"value":"doing"'),
    _GOOD.replace('"op":"note"', '"op":"status"'),  # a status without its value
    _GOOD.replace('"op":"note"', '"op":"nope"'),
    _GOOD.replace('"id":"a1"', '"id":""'),
    _GOOD.replace('"task":"1.1"', '"task":null'),
    _GOOD.replace('"by":"王"', '"by":1'),
    _GOOD.replace('"id":"a1",', '"id":"a1","id":"a2",'),  # the last one counts, as in json
    _op("status", '"nope"'),
    _op("undo", '"a0"'),
    _op("undo"),  # an undo of nothing
    _op("remind", '"overdue"'),
    _op("remind", '"soon"'),
    _op("verify", '"x"'),
    _op("reject"),
    _op("attach", _ATTACH),
    _op("attach", _ATTACH[:-1] + ',"x":1}'),
    _op("attach", _ATTACH.replace("a", "A")),
    _op("attach", _ATTACH.replace("12", "-1")),
    _op("attach", _ATTACH.replace("12", "true")),
    _op("attach"),  # an attachment of nothing
    _op('note","op":"done'),  # the last one counts, as in json
    _op('done","op":"done'),
    _GOOD.replace('"op":"note",', ""),  # no operation
    _op("assign", '{"add":["张三"],"add":["李四"]}'),
    _op("assign", "{}"),
    _op("assign", '{"add":[1]}'),
    "\ufeff" + _GOOD,
    "  " + _GOOD,
    "",
    "[]",
    "{",
    '{"id":"a1",',
]


def _slow(data: bytes) -> list | str:
    from xiajiceng.store.journal import _lines

    out = []
    for _, item in _lines(data):
        if isinstance(item, str):
            return "bad"
        out.append(item)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([_GOOD, *_ODD_LINES]), min_size=1, max_size=6), st.integers(0, 9))
def test_fast_reader_agrees_with_the_line_reader(lines, repeat):
    from xiajiceng.model import Event
    from xiajiceng.store.journal import _decode_fast, _decode_records

    data = ("\n".join(lines) + "\n").encode("utf-8") * (1 + repeat % 3)
    fast = _decode_fast(data)
    if fast is not None:
        slow = _slow(data)
        assert slow == fast and [e.op for e in fast] == [e.op for e in slow]
        assert all(type(a) is type(b) for e, f in zip(fast, slow) for a, b in zip(e, f))
    records = _decode_records(data)  # what a fold reads: the same, not made into events
    assert (records is None) == (fast is None)
    if records is not None:
        assert [tuple(getattr(r, f) for f in Event._fields) for r in records] == fast


def test_fast_reader_reads_a_plain_journal_and_the_journal_uses_it(tmp_path, monkeypatch):
    from xiajiceng.store import journal as journal_mod

    data = "".join(_GOOD.replace("a1", f"id{n}") + "\n" for n in range(2000)).encode("utf-8")
    assert len(data) >= journal_mod._FAST_MIN_BYTES
    fast = journal_mod._decode_fast(data)
    assert fast is not None and fast == _slow(data) and len(fast) == 2000
    path = tmp_path / "j.jsonl"
    path.write_bytes(data + b"{broken\n")
    monkeypatch.setattr(journal_mod, "_FAST_CHUNK", 1000)  # several chunks
    with pytest.raises(JournalError, match="第 2001 行"):
        Journal(path).read()
    path.write_bytes(data)
    assert Journal(path).read() == fast


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), max_size=40, unique_by=lambda e: e.id), st.sampled_from([1, 2, 3]))
def test_the_cached_state_is_the_folded_one(drawn, reads):
    """The state cache (packed states, every field of TaskState: notes, reminders, 销号,
    evidence) answers what folding the journal answers, read after read."""
    import tempfile
    from datetime import date
    from pathlib import Path

    from tests.strategies import TASKS
    from xiajiceng.model import fold
    from xiajiceng.store.cache import Cache

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "j.journal.jsonl"
        path.write_bytes(b"".join(encode(e) for e in drawn))
        journal = Journal(path, cache=Cache(Path(tmp) / "cache"))
        want = fold(TASKS, drawn)
        for _ in range(reads):  # the first folds and writes the cache, the next read it
            assert journal.states(TASKS, date.max) == want


def test_fast_reader_takes_every_operation_as_xjc_writes_it():
    """No operation sends a journal to the line-by-line reader: that would cost a journal
    of 200,000 lines seconds on every cold run."""
    from datetime import date

    from xiajiceng.model import Event, Op
    from xiajiceng.store.journal import _decode_fast

    values = {
        Op.ASSIGN: {"add": ["张三"], "remove": ["李四"]},
        Op.STATUS: "paused",
        Op.UNDO: "a0",
        Op.REMIND: "due_soon",
        Op.ATTACH: {"name": "报告.pdf", "size": 0, "sha256": "0f" * 32},
    }
    evs = [
        Event(f"{op.value}{n}", op, "1.1", values.get(op), date(2023, 3, 1), "09:00", "王", note)
        for op in Op
        for n, note in enumerate((None, "进展"))
    ]
    data = b"".join(encode(e) for e in evs)
    assert _decode_fast(data) == evs == _slow(data)


def test_a_fold_reads_records_and_the_events_are_made_once(tmp_path):
    """Journal.states without a cache folds msgspec's records; events asked for afterwards
    (the same bytes) are made from them, equal to a fresh read's."""
    from datetime import date

    from tests.strategies import TASKS
    from xiajiceng.model import Event, Op, fold

    ops = [Op.NOTE, Op.DONE, Op.REOPEN, Op.VERIFY]
    evs = [
        Event(f"id{n}", ops[n % 4], TASKS[n % 3], None, date(2023, 3, n % 28 + 1), "", "王", "进展")
        for n in range(2000)
    ]
    path = tmp_path / "j.jsonl"
    path.write_bytes(b"".join(encode(e) for e in evs))
    journal = Journal(path)
    states = journal.states(TASKS, date(2023, 3, 15))
    assert journal._decoded is not None and not journal._decoded[2]  # records were folded
    events = journal.read()
    assert type(events[0]) is Event and events == evs == _slow(path.read_bytes())
    assert states == fold(TASKS, evs, date(2023, 3, 15))
    # let go (a ledger built, its workbook to write): read again, the same, decoded anew
    journal.release()
    assert journal._decoded is None
    assert journal.read() == evs and journal.states(TASKS, date(2023, 3, 15)) == states


@pytest.mark.parametrize("lines", [5, 2000])  # the line reader, and msgspec's (64 KB and more)
def test_a_fold_first_leaves_the_doubled_line_to_read(tmp_path, lines):
    """A line that a merge doubled counts once in the fold, and is still read as written,
    whether or not a fold ran first in the same command (found in review)."""
    from datetime import date

    from tests.strategies import TASKS
    from xiajiceng.model import Event, Op, fold

    evs = [
        Event(f"id{n}", Op.NOTE, TASKS[n % 3], None, date(2023, 3, n % 28 + 1), "", "王", "进展")
        for n in range(lines)
    ]
    path = tmp_path / "j.jsonl"
    path.write_bytes(b"".join(encode(e) for e in [*evs, evs[0]]))
    assert Journal(path).read() == [*evs, evs[0]]
    journal = Journal(path)
    states = journal.states(TASKS, date(2023, 3, 15))
    assert states == fold(TASKS, evs, date(2023, 3, 15))
    assert journal.read() == [*evs, evs[0]]
    assert journal.states(TASKS, date(2023, 3, 15)) == states  # folded again from what was kept
