"""Properties of the journal and the fold, over generated data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import events
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
