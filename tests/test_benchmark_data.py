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


def test_office_scenario_and_the_tables(tmp_path):
    """The office folder is one xjc reads as an office; the states and tables are made."""
    from xiajiceng.store.office import office_of, open_office

    bench = _bench()
    bench.OFFICE_PLANS, bench.OFFICE_TASKS, bench.OFFICE_EVENTS = 3, 60, 300
    s = bench.office(tmp_path, {})
    office = open_office(office_of(s.folder), None)
    assert [p.short for p in office.plans] == ["方案00", "方案01", "方案02"]
    assert sum(len(p.plan.tasks) for p in office.plans) == s.tasks == 180
    before = s.journal.read_bytes()
    s.prepare("append")
    s.prepare("edit")
    s.prepare("merge")
    after = s.journal.read_bytes()
    assert len(after.splitlines()) == len(before.splitlines()) + 1 + 5
    assert len(Journal(s.journal).read()) == 106
    read_plan(s.plan)  # still a valid plan after the edit
    s.prepare("cold")
    assert s.journal.read_bytes() == before
    out = bench.Results(["x86_64, 2 cores"])
    for state in bench.STATES:
        out.series("office", "xjc (overview)", state).add((900.0, 60.0, 0, 500.0))
    text = bench.render(bench.load(bench.dump(out)))
    assert "| office: xjc (overview) | 900 (500) |" in text
    assert "office 50×200+100k xjc (overview), warm | 900 ms (CPU 500) | ≤ 1000 ms" in text
