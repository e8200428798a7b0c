"""A plan's own words for owner roles (store.schema.own_words) against the rule stated plainly:
every task, role by role, its words in the file's order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from xiajiceng import messages as M
from xiajiceng.model.plan import K
from xiajiceng.store.schema import own_words

WORDS = sorted({w for ws in K.ROLE_WORDS.values() for w in ws})


def plainly(data: dict[str, Any]) -> tuple:
    """The rule, task by task and role by role, copying every task."""
    tasks = [t for a in data[K.ACTIONS] for t in a[K.TASKS]]
    has_lead = any(K.LEAD in t for t in tasks)
    shared = {w for w in WORDS if sum(w in ws for ws in K.ROLE_WORDS.values()) > 1}
    role_words = {
        role: tuple(w for w in ws if w not in shared or (role == "support") == has_lead)
        for role, ws in K.ROLE_WORDS.items()
    }
    words: dict[str, str] = {}
    problems: list = []
    renamed: dict = {}
    actions = []
    for ai, action in enumerate(data[K.ACTIONS]):
        new_tasks = []
        for ti, task in enumerate(action[K.TASKS]):
            where = (K.ACTIONS, ai, K.TASKS, ti)
            task = dict(task)
            for role, choices in role_words.items():
                used = [k for k in task if k in choices]
                if not used:
                    continue
                if len(used) > 1:
                    msg = M.PLAN_ROLE_TWICE.format(first=used[0], second=used[1])
                    problems.append((where + (used[1],), msg))
                    continue
                seen = words.setdefault(role, used[0])
                if seen != used[0]:
                    msg = M.PLAN_ROLE_WORD.format(word=used[0], plan=seen)
                    problems.append((where + (used[0],), msg))
                    continue
                if used[0] != choices[0]:
                    task = {(choices[0] if k == used[0] else k): v for k, v in task.items()}
                    renamed[where + (choices[0],)] = used[0]
            new_tasks.append(task)
        actions.append({**action, K.TASKS: new_tasks})
    own = tuple((r, w) for r, w in words.items() if w != K.ROLE_WORDS[r][0])
    return {**data, K.ACTIONS: actions}, own, problems, renamed


task = st.lists(st.sampled_from([*WORDS, K.TITLE, K.NUMBER]), unique=True, max_size=5).map(
    lambda keys: {k: f"值{i}" for i, k in enumerate(keys)}
)
# most plans keep to a few words: draw tasks from a small set of shapes, now and then any
plans = st.lists(task, min_size=1, max_size=4).flatmap(
    lambda shapes: st.lists(
        st.lists(st.sampled_from(shapes) | task, max_size=6).map(
            lambda tasks: {K.NUMBER: "1", K.TASKS: tasks}
        ),
        min_size=1,
        max_size=3,
    )
)


@settings(max_examples=400, deadline=None)
@given(plans)
def test_own_words_is_the_rule_stated_plainly(actions):
    data = {K.TITLE: "方案", K.ACTIONS: actions}
    assert own_words(data) == plainly(data)


def test_own_words_leaves_what_is_not_a_plan_alone():
    for actions in (None, "x", [None, "x", {K.TASKS: "x"}, {K.TASKS: [None, "x"]}]):
        data = {K.ACTIONS: actions}
        got, own, problems, renamed = own_words(data)
        assert (own, problems, renamed) == ((), [], {})
        assert got == data
