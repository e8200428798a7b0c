"""xjc remind: which tasks are reminded, to which unit, and the reminders journaled."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.helpers import assert_refused
from tests.usecases.test_office import BUSINESS
from xiajiceng.usecases.remind import add_workdays, parse_within, safe_file_name


def rows(xjc, *args):
    out = xjc.ok("remind", *args, tty=False).stdout
    return [line.split("\t") for line in out.splitlines()]


def test_due_soon_by_unit_with_every_section_expanded(xjc):
    xjc.ok("done", "1.1", "--date", "2023-02-24")
    xjc.ok("mark", "3.1", "暂缓", "--date", "2023-03-15")
    got = rows(xjc, "--as-of", "2023-03-29")  # Wednesday: 29, 30, 31 left
    units = {r[0] for r in got}
    assert units == {"办公室", "组织科", "干部科"}
    assert {r[1] for r in got if r[0] == "干部科"} == {"1.2", "1.3", "4.3"}  # 3.1 is paused
    assert "1.1" not in {r[1] for r in got}  # done
    assert {tuple(r[6:]) for r in got} == {("临近提醒", "剩余 3", "0")}
    # Tuesday: 3月31日 is 4 working days away, beyond the default 3
    assert xjc.ok("remind", "--as-of", "2023-03-28").stdout.startswith("截至 3月28日，没有")
    assert len(rows(xjc, "--as-of", "2023-03-28", "--within", "4")) == len(got)


def test_overdue_counts_working_days_late_around_a_holiday(xjc):
    got = xjc.ok("remind", "--as-of", "2023-04-06", "--json").json()  # 4月5日 is 清明
    assert got["reply_by"] == "2023-04-11" and got["within"] == 3
    task = got["units"][0]["tasks"][0]
    assert task["kind"] == "overdue" and task["workdays"] == 3 and task["reminders"] == 0
    assert set(task) == {
        "id",
        "title",
        "leaders",
        "assignees",
        "status",
        "due",
        "kind",
        "workdays",
        "reminders",
    }


def test_unit_and_leader_narrow_and_bad_input_is_one_sentence(xjc):
    got = rows(xjc, "--as-of", "2023-04-06", "--unit", "gbk")
    assert {r[0] for r in got} == {"干部科"}
    got = rows(xjc, "--as-of", "2023-04-06", "--leader", "许静")
    assert all("许静" in r[3] for r in got) and got
    assert_refused(xjc("remind", "--unit", "宣传科"), 2, "宣传科")
    assert_refused(xjc("remind", "--within", "三"), 2, "--within")
    assert_refused(xjc("remind", "--within", "367"), 2, "366")
    assert_refused(xjc("remind", "--json", "--text"), 2, "--json", "--text")
    assert_refused(xjc("remind", "--split"), 2, "-o")
    assert_refused(xjc("remind", "-o", "a.xlsx"), 2, "a.xlsx")
    assert_refused(xjc("remind", "--dry-run"), 2, "--record")


def test_record_journals_once_a_day_and_counts(xjc, journal_file):
    res = xjc.ok("remind", "--as-of", "2023-04-06", "--unit", "干部科", "--record", "--dry-run")
    assert "将记录：1.2 到期催办（4月6日，王办事）" in res.stdout and not journal_file.exists()
    res = xjc.ok("remind", "--as-of", "2023-04-06", "--unit", "干部科", "--record")
    assert res.stdout.count("已记录") == 4  # 1.2, 1.3, 3.1, 4.3
    again = xjc.ok("remind", "--as-of", "2023-04-06", "--record", "--unit", "干部科").stdout
    assert again.count("不再重复记录") == 4 and "已记录" not in again
    xjc.ok("remind", "--as-of", "2023-04-07", "--record", "--unit", "干部科")
    lines = [json.loads(x) for x in journal_file.read_text("utf-8").splitlines()]
    assert [(e["op"], e["value"]) for e in lines] == [("remind", "overdue")] * 8
    assert rows(xjc, "--as-of", "2023-04-10", "--unit", "干部科")[0][-1] == "2"
    assert rows(xjc, "--as-of", "2023-04-06", "--unit", "干部科")[0][-1] == "1"  # as of then
    assert "到期催办" in xjc.ok("show", "1.2").stdout


def test_record_refuses_a_future_day_and_writes_nothing(xjc, journal_file):
    res = xjc("remind", "--as-of", "2024-01-02", "--within", "366", "--record")
    assert res.code == 2 and "--record" in res.stderr and not journal_file.exists()


def test_office_reminds_across_plans_into_each_plans_journal(xjc, tmp_path, monkeypatch):
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(BUSINESS, encoding="utf-8")
    monkeypatch.chdir(folder)
    got = xjc.ok("remind", "--as-of", "2023-04-06", "--json").json()
    units = {u["unit"]: u for u in got["units"]}
    assert units["发改局"]["tasks"][0]["ref"] == "营商环境:1.2"
    assert "下基层:1.2" in {t["ref"] for t in units["组织科"]["tasks"]}
    assert got["issuer"] == "组织部办公室"  # the plans' issuers differ
    xjc.ok("remind", "--as-of", "2023-04-06", "--record")
    business = (folder / "plans" / "营商环境.journal.jsonl").read_text("utf-8")
    assert '"task":"1.2"' in business.replace(" ", "") and "下基层" not in business
    seed = next((folder / "plans").glob("2023*.journal.jsonl")).read_text("utf-8")
    assert seed.count('"remind"') == 12


def test_nothing_due_is_one_sentence_and_no_file(xjc, tmp_path):
    target = tmp_path / "催办.docx"
    res = xjc.ok("remind", "--as-of", "2023-02-06", "-o", str(target))
    assert res.stdout == "截至 2月6日，没有逾期或 3 个工作日内到期的未完成任务。\n"
    assert not target.exists()


def test_parse_within_and_reply_date():
    assert parse_within(None) == 3 and parse_within("5天") == 5 and parse_within("0") == 0
    for bad in ("-1", "367", "1e3", "", "9" * 40):
        with pytest.raises(Exception, match="--within"):
            parse_within(bad)
    assert add_workdays(date(2023, 4, 3), 3) == date(2023, 4, 7)  # 4月5日 清明
    assert add_workdays(date(2023, 4, 28), 1) == date(2023, 5, 4)  # 劳动节
    assert add_workdays(date(2023, 4, 28), 0) == date(2023, 4, 28)


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("组织科", "组织科.docx"),
        ("../../etc/passwd", "etc_passwd.docx"),
        ("..", "单位.docx"),
        ("a/b\\c:d*e", "a_b_c_d_e.docx"),
        ("CON", "_CON.docx"),
        ("nul.txt", "_nul.txt.docx"),
        ("科\u202e室", "科_室.docx"),
        (".hidden", "hidden.docx"),
        ("长" * 100, "长" * 60 + ".docx"),
    ],
)
def test_safe_file_names_stay_in_their_folder(unit, name):
    assert safe_file_name(unit, set()) == name


def test_safe_file_names_never_collide():
    taken: set[str] = set()
    assert [safe_file_name(u, taken) for u in ("a/b", "a:b", "A_b")] == [
        "a_b.docx",
        "a_b-2.docx",
        "A_b-3.docx",
    ]
