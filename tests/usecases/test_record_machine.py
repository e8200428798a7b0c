"""A state machine over the real use cases and journal, with torn writes, against a simple model."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from xiajiceng.env import Env
from xiajiceng.errors import RefusedError, UsageError
from xiajiceng.model import Status, fold
from xiajiceng.store import open_workspace
from xiajiceng.store.plans import bundled_plan_path
from xiajiceng.usecases import record as uc

TASKS = ["1.1", "2.3", "4.5"]
NAMES = ["张三", "李四", "王五"]


@dataclass
class ModelTask:
    status: Status = Status.TODO
    assignees: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def replay(history: list[tuple[str, str, object]]) -> dict[str, ModelTask]:
    """The obvious meaning of a list of accepted changes, applied in order."""
    tasks = {t: ModelTask() for t in TASKS}
    for op, task, arg in history:
        t = tasks[task]
        if op == "add":
            t.assignees.append(str(arg))
        elif op == "remove":
            t.assignees.remove(str(arg))
        elif op == "status":
            t.status = Status(arg)
        elif op == "done":
            t.status = Status.DONE
        elif op == "reopen":
            t.status = Status.DOING
        elif op == "note":
            t.notes.append(str(arg))
    return tasks


class JournalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        plan = self.dir / "p.yaml"
        plan.write_bytes(bundled_plan_path().read_bytes())
        self.ws = open_workspace(str(plan), Env(environ={"XDG_DATA_HOME": str(self.dir)}))
        self.history: list[tuple[str, str, object]] = []
        self.tick = 0

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def stamp(self) -> uc.Stamp:
        self.tick += 1  # one effective date, strictly increasing record times
        recorded = f"2023-03-01T09:00:00.{self.tick:06d}+08:00"
        return uc.Stamp(date(2023, 3, 1), "测试", lambda: recorded)

    @property
    def model(self) -> dict[str, ModelTask]:
        return replay(self.history)

    def attempt(self, expect_ok: bool, call, entry) -> None:  # type: ignore[no-untyped-def]
        try:
            call()
        except (RefusedError, UsageError):
            assert not expect_ok, entry
            return
        assert expect_ok, entry
        self.history.append(entry)

    @rule(task=st.sampled_from(TASKS), name=st.sampled_from(NAMES))
    def assign(self, task: str, name: str) -> None:
        ok = name not in self.model[task].assignees
        self.attempt(
            ok, lambda: uc.assign(self.ws, task, [name], [], self.stamp()), ("add", task, name)
        )

    @rule(task=st.sampled_from(TASKS), name=st.sampled_from(NAMES))
    def unassign(self, task: str, name: str) -> None:
        ok = name in self.model[task].assignees
        self.attempt(
            ok, lambda: uc.assign(self.ws, task, [], [name], self.stamp()), ("remove", task, name)
        )

    @rule(
        task=st.sampled_from(TASKS),
        status=st.sampled_from([Status.TODO, Status.DOING, Status.PAUSED]),
    )
    def mark(self, task: str, status: Status) -> None:
        ok = self.model[task].status is not status
        self.attempt(
            ok,
            lambda: uc.mark(self.ws, task, status, None, self.stamp()),
            ("status", task, status.value),
        )

    @rule(task=st.sampled_from(TASKS), text=st.text(min_size=1, max_size=20))
    def note(self, task: str, text: str) -> None:
        ok = bool(text.strip())
        self.attempt(
            ok,
            lambda: uc.mark(self.ws, task, None, text, self.stamp()),
            ("note", task, text.replace("\r\n", "\n").strip()),  # one kind of line break
        )

    @rule(task=st.sampled_from(TASKS))
    def done(self, task: str) -> None:
        ok = self.model[task].status is not Status.DONE
        self.attempt(ok, lambda: uc.done(self.ws, task, None, self.stamp()), ("done", task, None))

    @rule(task=st.sampled_from(TASKS))
    def reopen(self, task: str) -> None:
        ok = self.model[task].status is Status.DONE
        self.attempt(
            ok, lambda: uc.reopen(self.ws, task, None, self.stamp()), ("reopen", task, None)
        )

    @rule()
    def undo(self) -> None:
        try:
            uc.undo(self.ws, None, self.stamp())
        except RefusedError:
            assert not self.history
            return
        self.history.pop()

    @rule(cut=st.integers(min_value=1, max_value=60))
    def crash_mid_append(self, cut: int) -> None:
        """A writer died after writing part of a line: nobody was told it was recorded."""
        with self.ws.journal.path.open("ab") as f:
            f.write(b'{"id":"deadbeef","op":"done","task":"1.1","value":null,"date":"2023'[:cut])

    @invariant()
    def replayed_state_equals_the_model(self) -> None:
        states = fold(TASKS, self.ws.journal.read())
        for task, expected in self.model.items():
            got = states[task]
            assert got.status is expected.status, task
            assert got.assignees == expected.assignees, task
            assert [n.text for n in got.notes] == expected.notes, task


JournalMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestJournalMachine = JournalMachine.TestCase
