"""The supervision cycle seen through the office's own files: reminders sent show in `show`
and the ledger, 待审核/已销号 in the ledger and the 月报, evidence in the ledger and in
`check`, an undo that finds its plan, and the folder's git settings for evidence."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from tests.helpers import edit
from xiajiceng.store.plans import bundled_plan_path

PLAN = "2023年干部下基层工作实施方案"


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    """An office folder: the bundled plan, and a second plan that requires verification."""
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    text = bundled_plan_path().read_text(encoding="utf-8")
    strict = text.replace("简称: 下基层", "简称: 审核\n办结需审核: 是")
    (folder / "plans" / "审核.yaml").write_text(strict, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def test_reminders_show_in_show_and_the_ledger(xjc, office, tmp_path):
    xjc.ok("remind", "--plan", "下基层", "--as-of", "2023-03-29", "--record")
    shown = xjc.ok("show", "下基层:2.1", "--as-of", "2023-03-30").stdout
    assert "已催办 1 次（最近 3月29日）" in shown
    ledger = tmp_path / "台账.csv"
    xjc.ok("export", str(ledger), "--plan", "下基层", "--as-of", "2023-03-30")
    row = next(r for r in _csv(ledger) if r["编号"] == "2.1")
    assert "已催办 1 次" in row["备注"]
    before = xjc.ok("show", "下基层:2.1", "--as-of", "2023-03-28").stdout
    assert "催办" not in before  # not yet, as of a day before


def test_verification_in_the_ledger_and_the_report(xjc, office, tmp_path):
    xjc.ok("done", "审核:2.1", "--date", "2023-03-20")
    xjc.ok("done", "审核:2.2", "--date", "2023-03-20")
    xjc.ok("verify", "审核:2.2", "--date", "2023-03-22")
    sheet = tmp_path / "台账.xlsx"
    xjc.ok("export", str(sheet), "--plan", "审核", "--as-of", "2023-03-31")
    ledger = tmp_path / "台账.csv"
    xjc.ok("export", str(ledger), "--plan", "审核", "--as-of", "2023-03-31")
    status = {r["编号"]: r["状态"] for r in _csv(ledger)}
    # the office's worklist: what awaits 销号, what is verified
    pending = xjc.ok("list", "--status", "待审核", "--as-of", "2023-03-31", tty=False).stdout
    assert [line.split("\t")[0] for line in pending.splitlines()] == ["审核:2.1"]
    verified = xjc.ok("list", "--status", "verified", "--as-of", "2023-03-31", tty=False).stdout
    assert [line.split("\t")[0] for line in verified.splitlines()] == ["审核:2.2"]
    assert (status["2.1"], status["2.2"], status["2.3"]) == ("待审核", "已销号", "未启动")
    # a 科室 hands the sheet back untouched, or with a note: the labels are no change
    edit(sheet, {"2.3": {"进展情况": "已部署"}})
    out = xjc.ok("collect", str(sheet), "--by", "组织科").stdout
    assert "2.1" not in out and "2.3" in out
    report = tmp_path / "月报.md"
    xjc.ok("report", "--month", "3", "--plan", "审核", "-o", str(report))
    text = report.read_text("utf-8")
    assert "已完成（3月20日）（待审核）" in text and "（已销号）" in text
    # 完成率 counts verified tasks only: 1 of 13, the one awaiting 销号 not yet
    assert "完成率8%" in text
    rep = xjc.ok("report", "--month", "3", "--plan", "审核", "--json").json()
    assert round(rep["completion_rate"], 3) == round(1 / 13, 3)


def test_evidence_in_the_ledger_and_check(xjc, office, tmp_path):
    f = tmp_path / "总结.docx"
    f.write_bytes(b"summary " * 64)
    xjc.ok("attach", "下基层:2.1", str(f))
    ledger = tmp_path / "台账.csv"
    xjc.ok("export", str(ledger), "--plan", "下基层")
    rows = _csv(ledger)
    assert list(rows[0]).index("佐证材料") == list(rows[0]).index("备注") - 1
    assert next(r for r in rows if r["编号"] == "2.1")["佐证材料"] == "1 份：总结.docx"
    res = xjc("check", "--plan", "下基层")
    assert res.code == 0 and "佐证材料 1 份" in res.stdout
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    (office / "plans" / "佐证材料" / digest[:2] / digest).write_bytes(b"changed")
    res = xjc("check", "--plan", "下基层", "--json")
    assert res.code == 1
    assert [p["kind"] for p in res.json()["evidence_problems"]] == ["changed"]


def test_undo_in_an_office_finds_the_plan(xjc, office):
    xjc.ok("done", "审核:1.1", "--date", "2023-03-01")
    xjc.ok("mark", "下基层:1.2", "推进中", "--date", "2023-03-02")
    out = xjc.ok("undo").stdout  # the newest change, whichever plan it is in
    assert "1.2" in out
    assert xjc.ok("show", "下基层:1.2", "--json").json()["status"] == "todo"
    assert xjc.ok("show", "审核:1.1", "--json").json()["status"] == "done"
    event = xjc.ok("log", "审核:1.1", "--json").json()[0]["id"]
    xjc.ok("undo", event[:8])
    assert xjc.ok("show", "审核:1.1", "--json").json()["status"] == "todo"


def test_the_folder_keeps_evidence_as_it_is(office):
    attributes = (office / ".gitattributes").read_text("utf-8")
    assert "**/佐证材料/** binary" in attributes
    assert "**/佐证材料/.incoming.*" in (office / ".gitignore").read_text("utf-8")
