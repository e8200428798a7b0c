"""The assessment (xjc score): which tasks count in a period, on time, late and overdue per
owner, the ranking, verification, an office's plans, and bad input refused."""

from __future__ import annotations

import json

import pytest

from tests.helpers import assert_refused

AS_OF = "2023-04-10"

SMALL = """\
标题: 2023年考评测试方案
简称: 考评
办结需审核: {verify}
活动期间: {{开始: 2023-01-01, 结束: 2023-12-31}}
人员: {{责任领导: [沈伟强, 曹国良, 许静], 科室: [组织科, 干部科, 办公室]}}
专项行动:
  - 编号: 1
    名称: 测试
    任务:
      - {{编号: 1, 标题: 一月到期, 责任领导: 沈伟强, 责任科室: 组织科, 完成时限: 2023-01-31}}
      - {{编号: 2, 标题: 三月, 责任领导: [沈伟强, 曹国良], 责任科室: 干部科, 完成时限: 2023-03-31}}
      - {{编号: 3, 标题: 四月十日到期, 责任领导: 许静, 责任科室: 办公室, 完成时限: 2023-04-10}}
      - {{编号: 4, 标题: 六月到期, 责任领导: 许静, 责任科室: 各科室, 完成时限: 2023-06-30}}
      - {{编号: 5, 标题: 二〇二二年到期, 责任领导: 曹国良, 完成时限: 2022-12-30}}
"""


@pytest.fixture
def small(tmp_path, xjc):
    def make(verify: str = "否"):
        path = tmp_path / "small.yaml"
        path.write_text(SMALL.format(verify=verify), encoding="utf-8")
        xjc.environ["XJC_PLAN"] = str(path)
        return path

    return make


def kinds(data):
    return {k["kind"]: {r["name"]: r for r in k["rows"]} for k in data["kinds"]}


def test_on_time_late_and_overdue_per_owner(xjc, small):
    small()
    xjc.ok("done", "1.1", "--date", "2023-01-31")  # on time
    xjc.ok("done", "1.2", "--date", "2023-04-04")  # 2 working days late: 3 and 4 April
    data = xjc.ok("score", "--as-of", AS_OF, "--json").json()
    # 1.3 is due on the as-of day and open: still within its limit, not counted
    # 1.4 is due after the as-of day; 1.5 in 2022
    assert data["tasks"] == ["1.1", "1.2"] and data["through"] == AS_OF
    k = kinds(data)
    assert k["sections"]["组织科"]["on_time"] == 1 and k["sections"]["组织科"]["rank"] == 1
    late = k["sections"]["干部科"]
    assert late["late"] == 1 and late["late_workdays"] == 2 and late["on_time_rate"] == 0
    # a task counts for every owner it names
    assert k["leaders"]["沈伟强"]["due"] == 2 and k["leaders"]["曹国良"]["due"] == 1
    assert k["leaders"]["沈伟强"]["on_time_rate"] == 0.5
    assert k["lead"] == {} and k["assignees"] == {}
    assert next(x for x in data["kinds"] if x["kind"] == "assignees")["unowned"] == 2


def test_as_of_after_the_period_judges_late_work(xjc, small):
    small()
    xjc.ok("done", "1.3", "--date", "2023-04-12")
    xjc.ok("done", "1.2", "--date", "2023-03-01")
    xjc.ok("reopen", "1.2", "--date", "2023-03-10")  # reopened and not done again: open
    data = xjc.ok(
        "score", "--from", "2023-04-01", "--to", "2023-04-10", "--as-of", "2023-05-01", "--json"
    )
    data = data.json()
    assert data["tasks"] == ["1.3"] and data["late"] == 1 and data["year"] is None
    whole = xjc.ok("score", "--as-of", "2023-05-01", "--json").json()
    assert whole["overdue"] == 2  # 1.1 (never done) and 1.2 (reopened)
    xjc.ok("done", "1.2", "--date", "2023-04-20")  # its last done date counts
    again = kinds(xjc.ok("score", "--as-of", "2023-05-01", "--json").json())
    assert again["sections"]["干部科"]["late"] == 1


def test_done_before_the_period_counts_in_the_period_of_its_limit(xjc, small):
    small()
    xjc.ok("done", "1.4", "--date", "2023-02-01")
    data = xjc.ok("score", "--from", "2023-04-01", "--to", "2023-06-30", "--as-of", AS_OF, "--json")
    assert "1.4" not in data.json()["tasks"]  # due after the as-of day: not yet assessed
    june = ("score", "--from", "2023-06-01", "--to", "2023-06-30", "--json")
    data = xjc.ok(*june, "--as-of", "2023-07-01")
    k = kinds(data.json())
    # 各科室: every 科室 of the roster
    assert set(k["sections"]) == {"组织科", "干部科", "办公室"}
    assert all(r["on_time"] == 1 for r in k["sections"].values())


def test_ranking_rate_then_overdue_then_pinyin(xjc, small):
    small()
    xjc.ok("done", "1.1", "--date", "2023-01-20")
    rows = xjc.ok("score", "--as-of", "2023-07-01", "--json").json()["kinds"][2]["rows"]
    assert [(r["rank"], r["name"]) for r in rows] == [(1, "沈伟强"), (2, "曹国良"), (3, "许静")]


def test_verification_required(xjc, small, tmp_path):
    path = small("是")
    xjc.ok("done", "1.1", "--date", "2023-01-20")
    xjc.ok("done", "1.2", "--date", "2023-03-20")
    journal = path.with_name("small.journal.jsonl")
    line = {
        "id": "feedbeeffeedbeef",
        "op": "verify",
        "task": "1.1",
        "value": None,
        "date": "2023-02-10",
        "recorded": "2023-02-10T09:00:00+08:00",
        "by": "办公室",
    }
    with journal.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    data = xjc.ok("score", "--as-of", AS_OF, "--json").json()
    assert data["on_time"] == 1 and data["overdue"] == 1  # 1.2 done, not verified
    shen = kinds(data)["leaders"]["沈伟强"]
    assert shen["verified"] == 1 and shen["done_awaiting_verification"] == 1
    assert shen["verified_share"] == 0.5 and "销号" in data["rule"]
    table = xjc.ok("score", "--as-of", AS_OF).stdout
    assert "销号率" in table


def test_terminal_table_at_80_columns_and_tsv(xjc, small):
    small()
    xjc.ok("done", "1.2", "--date", "2023-04-04")
    out = xjc.ok("score", "--as-of", AS_OF).stdout
    from xiajiceng.text import display_width

    assert max(display_width(x) for x in out.splitlines()) <= 80
    assert "按责任科室" in out and "考评规则" in out and "牵头单位" not in out
    lines = xjc.ok("score", "--as-of", AS_OF, tty=False).stdout.splitlines()
    assert lines[0].split("\t") == ["责任科室", "1", "干部科", "1", "0", "1", "0", "0%", "2.0"]


def test_bad_input_is_one_sentence(xjc, small, tmp_path):
    small()
    assert_refused(xjc("score", "--year", "2030"), 2, "2030", "2022–2023")
    assert_refused(xjc("score", "--year", "abc"), 2, "abc")
    assert_refused(xjc("score", "--from", "2023-05-01", "--to", "2023-04-01"), 2, "--from")
    assert_refused(xjc("score", "--from", "2023-13-01"), 2, "2023-13-01")
    assert_refused(xjc("score", "--year", "2023", "--from", "2023-01-01"), 2, "--year")
    assert_refused(xjc("score", "--as-of", "2022-06-01"), 2, "2022-06-01")
    out = tmp_path / "考评表.pdf"
    assert_refused(xjc("score", "-o", str(out)), 2, ".pdf")
    assert_refused(xjc("score", "-o", str(tmp_path / "a.xlsx"), "--json"), 2, "--json")
    bad = tmp_path / "a.xlsx"
    assert_refused(xjc("score", "-o", str(bad), "--year", "2030"), 2)
    assert not out.exists() and not bad.exists()


def test_across_an_office_folder(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "small.yaml").write_text(SMALL.format(verify="否"), encoding="utf-8")
    monkeypatch.chdir(folder)
    xjc.ok("done", "考评:1.1", "--date", "2023-01-31")
    data = xjc.ok("score", "--as-of", AS_OF, "--json").json()
    assert set(data["plans"]) == {"下基层", "考评"}
    assert "考评:1.1" in data["tasks"] and "下基层:1.1" in data["tasks"]
    one = xjc.ok("score", "--plan", "考评", "--as-of", AS_OF, "--json").json()
    assert one["tasks"] == ["1.1", "1.2"]
