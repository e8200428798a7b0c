"""The benchmark's generated plans and journals are what xjc reads (so it measures xjc)."""

from __future__ import annotations

import importlib.util
import sys

from tests.helpers import ROOT
from xiajiceng.store.journal import Journal
from xiajiceng.store.plans import read_plan


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_generated_plan_and_journal_load(tmp_path):
    bench = _bench()
    plan_path = tmp_path / "plan.yaml"
    ids = bench.write_plan(plan_path, 120)
    plan = read_plan(plan_path)
    assert [t.id for t in plan.tasks] == ids and len(ids) == 120
    journal = tmp_path / "plan.journal.jsonl"
    bench.write_journal(journal, ids, 500)
    events = Journal(journal).read()
    assert len(events) == 500
    assert {e.task for e in events} <= set(ids[:-20])  # the last 20 are left for timed writes
    rows = bench.report([bench.Timing("bundled: xjc --help", 10.0, 20.0, 3, 0)])
    assert rows.startswith("| command |")
