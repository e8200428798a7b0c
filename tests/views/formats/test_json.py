"""--json output: the same text json.dumps(ensure_ascii=False, indent=2) gives, made faster."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from xiajiceng.views.formats.json import dumps

# floats xjc writes are rates and averages: json and msgspec spell them alike in this range
# (outside it they may choose another exponent notation for the same number)
numbers = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda x: x == 0 or 1e-4 <= abs(x) < 1e16
)
leaf = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | numbers | st.text()
tree = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(tree)
def test_dumps_is_what_json_dumps_writes(obj):
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def test_control_characters_are_escaped_and_the_rest_kept():
    text = dumps({"note": "进展\x1b[31m\u2028完"})
    assert "\\u001b" in text and "进展" in text and "\x1b" not in text
