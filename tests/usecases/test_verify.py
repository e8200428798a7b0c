"""Verified completion (办结需审核): done asks for it (申请办结), the office verifies (销号) or
returns (退回) the task; the views say 待审核 and 已销号; 完成率 counts verified tasks only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import assert_refused
from xiajiceng.store.plans import bundled_plan_path


@pytest.fixture
def verified(xjc, tmp_path):
    """The bundled plan, in a plan file that requires completion to be verified."""
    text = bundled_plan_path().read_text(encoding="utf-8")
    plan = tmp_path / "plans" / "下基层.yaml"
    plan.parent.mkdir()
    plan.write_text("办结需审核: 是\n" + text, encoding="utf-8")
    xjc.environ["XJC_PLAN"] = str(plan)
    return xjc


def _row(xjc, task: str) -> dict:
    return next(r for r in xjc.ok("list", "--json").json() if r["id"] == task)


def test_done_asks_for_verification_and_verify_closes(verified):
    xjc = verified
    out = xjc.ok("done", "2.1", "--date", "2023-03-20", "--note", "指导组工作总结").stdout
    assert "已申请办结" in out and "xjc verify 2.1" in out
    row = _row(xjc, "2.1")
    assert (row["status"], row["verification"], row["verified_on"]) == ("done", "pending", None)
    listed = xjc.ok("list", "--action", "2", "--as-of", "2023-03-25", tty=False).stdout
    assert listed.splitlines()[0].split("\t")[5] == "待审核"
    assert "完成率 0%（0/13，待审核 1 项不计）" in xjc.ok("--as-of", "2023-03-25").stdout

    assert "审核通过（销号）" in xjc.ok("verify", "2.1", "--date", "2023-03-25").stdout
    row = _row(xjc, "2.1")
    assert (row["verification"], row["verified_on"]) == ("verified", "2023-03-25")
    shown = xjc.ok("show", "2.1", "--as-of", "2023-03-31").stdout
    assert "已销号" in shown and "销号日期  3月25日" in shown
    assert "完成率 8%（1/13）" in xjc.ok("--as-of", "2023-03-31").stdout
    assert xjc.ok("overview", "--json", "--as-of", "2023-03-31").json()["finished"] == 1
    # as of a day before the 销号, the task was still awaiting it
    table = xjc.ok("list", "--action", "2", "--as-of", "2023-03-24").stdout
    assert "待审核" in table and "已销号" not in table


def test_verify_is_refused_unless_the_task_awaits_it(verified, xjc, tmp_path):
    assert_refused(verified("verify", "2.1"), 1, "2.1", "尚未申请办结", "未启动")
    verified.ok("done", "2.1", "--date", "2023-03-20")
    verified.ok("verify", "2.1", "--date", "2023-03-21")
    assert_refused(verified("verify", "2.1"), 1, "已于 2023-03-21 销号")
    del xjc.environ["XJC_PLAN"]  # the bundled plan: done is done, nothing to verify
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    assert_refused(xjc("verify", "1.1"), 1, "不要求办结审核", "办结需审核: 是")
    assert_refused(xjc("reject", "1.1", "--note", "材料不全"), 1, "不要求办结审核")


def test_reject_returns_the_task_with_a_reason(verified):
    xjc = verified
    assert_refused(xjc("reject", "2.1", "--note", "材料不全"), 1, "尚未申请办结", "退回")
    xjc.ok("done", "2.1", "--date", "2023-03-20")
    assert_refused(xjc("reject", "2.1"), 2, "须写明原因", "--note")
    out = xjc.ok("reject", "2.1", "--note", "缺少工作总结", "--date", "2023-03-22").stdout
    assert "退回；缺少工作总结" in out
    row = _row(xjc, "2.1")
    assert (row["status"], row["verification"], row["done_on"]) == ("doing", None, None)
    assert row["last_note"]["text"] == "缺少工作总结"
    # done again after the return: to be verified again
    xjc.ok("done", "2.1", "--date", "2023-03-24")
    assert _row(xjc, "2.1")["verification"] == "pending"
    # a verified task may be returned too (an inspection finds it wanting)
    xjc.ok("verify", "2.1", "--date", "2023-03-25")
    xjc.ok("reject", "2.1", "--note", "检查发现台账不实", "--date", "2023-03-28")
    assert _row(xjc, "2.1")["status"] == "doing"


def test_undoing_a_verify_makes_the_task_pending_again(verified):
    xjc = verified
    xjc.ok("done", "2.1", "--date", "2023-03-20")
    xjc.ok("verify", "2.1", "--date", "2023-03-21")
    assert "撤销" in xjc.ok("undo").stdout
    assert _row(xjc, "2.1")["verification"] == "pending"
    assert "待审核" in xjc.ok("show", "2.1").stdout


def test_without_the_setting_done_is_as_before(xjc):
    out = xjc.ok("done", "1.1", "--date", "2023-02-24").stdout
    assert "申请办结" not in out
    row = next(r for r in xjc.ok("list", "--json").json() if r["id"] == "1.1")
    assert row["status"] == "done" and "verification" not in row and "verified_on" not in row
    assert "已完成" in xjc.ok("list", "--action", "1", "--as-of", "2023-03-01").stdout
    assert "完成率 8%（1/13）" in xjc.ok("--as-of", "2023-03-01").stdout


def test_status_label_is_the_one_word_for_every_view(verified, tmp_path):
    """The derived label the ledger and the report use (views/phrases.status_label)."""
    from datetime import date

    from xiajiceng.env import Env
    from xiajiceng.model import Status, TaskState
    from xiajiceng.store import open_plan
    from xiajiceng.usecases.tasks import Row
    from xiajiceng.views.phrases import status_label

    plan = open_plan(str(Path(verified.environ["XJC_PLAN"])), Env(environ=verified.environ))
    task = plan.task("2.1")
    assert task is not None and task.verify

    def label(**state) -> str:
        return status_label(Row(task, TaskState(**state), overdue=False))

    assert label() == "未启动"
    assert label(status=Status.DOING) == "推进中"
    assert label(status=Status.DONE) == "待审核"
    assert label(status=Status.DONE, verified_on=date(2023, 3, 1)) == "已销号"
