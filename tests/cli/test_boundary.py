"""Bad input: one Chinese sentence on stderr, a non-zero exit, nothing written."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import assert_refused


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (["show", "9.9"], 2, ["9.9", "1.1–1.3、2.1–2.3、3.1–3.2、4.1–4.5"]),
        (["done", "1.4"], 2, ["1.4", "4.1–4.5"]),
        (["show", "abc"], 2, ["abc", "2.3"]),
        (["list", "--leader", "王"], 2, ["王", "曹国良", "许静", "沈伟强"]),
        (["list", "--section", "宣传科"], 2, ["宣传科", "办公室", "组织科", "干部科"]),
        (["list", "--leader", "zhangsan"], 2, ["zhangsan", "许静（xujing/xj）"]),
        (["list", "--status", "finished"], 2, ["finished", "已完成/done", "open"]),
        (["mark", "1.1", "finished"], 2, ["finished", "推进中/doing"]),
        (["list", "--as-of", "2023-02-30"], 2, ["2023-02-30", "年-月-日"]),
        (["done", "1.1", "--date", "yesterday"], 2, ["yesterday"]),
        (["done", "1.1", "--date", "2024-01-01"], 2, ["今天"]),
        (["report", "--month", "0"], 2, ["0", "1 到 12"]),
        (["report", "--month", "13"], 2, ["13", "1 到 12"]),
        (["report", "--month", "三"], 2, ["三"]),
        (["report"], 2, ["--month"]),
        (["report", "--month", "3", "--year", "23"], 2, ["23"]),
        (["list", "--action", "9"], 2, ["9", "1、2、3、4"]),
        (["list", "--frobnicate"], 2, ["--frobnicate", "xjc list --help"]),
        (["frobnicate"], 2, ["frobnicate", "list"]),
        (["show"], 2, ["TASK", "xjc show --help"]),
        (["show", "1.1", "1.2"], 2, ["1.2"]),
        (["mark", "1.1"], 2, ["--note"]),
        (["mark", "1.1", "--note", "  "], 2, ["--note"]),
        (["assign", "1.1"], 2, ["张三"]),
        (["undo"], 1, ["没有可撤销"]),
        (["list", "--plan", "nowhere.yaml"], 1, ["nowhere.yaml", "--plan"]),
        # bytes that are not UTF-8 (a GBK terminal) arrive as lone surrogates
        (["mark", "1.1", "--note", "进展\udcb6\udcd4"], 2, ["\\xb6\\xd4", "UTF-8"]),
        (["list", "--leader", "\udcc9\udcf2"], 2, ["\\xc9\\xf2", "UTF-8"]),
        (["list", "--plan", "方案\ud800.yaml"], 2, ["\\ud800", "UTF-8"]),
    ],
)
def test_refused(xjc, journal_file, args, code, fragments):
    assert_refused(xjc(*args), code, *fragments)
    assert not journal_file.exists()


def test_refusals_write_nothing(xjc, journal_file):
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    before = journal_file.read_bytes()
    assert_refused(xjc("done", "1.1"), 1, "1.1", "2023-03-01", "reopen")
    assert_refused(xjc("reopen", "1.2"), 1, "1.2", "未启动")
    assert_refused(xjc("mark", "1.1", "已完成"), 1, "1.1")
    assert journal_file.read_bytes() == before


def test_plan_that_does_not_load(xjc, tmp_path):
    plan = tmp_path / "坏方案.yaml"
    plan.write_text("标题: 坏\n活动期间: {开始: 2023-02-01, 结束: 2023-03-31}\n", encoding="utf-8")
    res = xjc("list", "--plan", str(plan))
    assert_refused(res, 1, "坏方案.yaml", "第 1 行", "缺少「人员」")


def test_damaged_journal_stops_with_line_number(xjc, journal_file):
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    with journal_file.open("ab") as f:
        f.write(b"{not json}\n")
    before = journal_file.read_bytes()
    assert_refused(xjc("list"), 1, "第 2 行", str(journal_file))
    assert_refused(xjc("done", "1.2"), 1, "第 2 行")
    assert journal_file.read_bytes() == before


def test_half_a_character_in_the_journal_is_damage_not_a_crash(xjc, journal_file, tmp_path):
    """A \\ud800 escape written by another tool: no file or screen can take it."""
    xjc.ok("done", "1.1", "--date", "2023-03-01")

    def note_line(ident: str, note: str) -> bytes:
        return (
            f'{{"id":"{ident}","op":"note","task":"1.2","value":null,"date":"2023-03-02",'
            f'"recorded":"2023-03-02T09:00:00+08:00","by":"某工具","note":"{note}"}}\n'
        ).encode()

    with journal_file.open("ab") as f:  # a whole surrogate pair (an emoji) is fine
        f.write(note_line("e1", "\\ud83d\\ude00"))
    assert xjc.ok("show", "1.2", "--json").json()["history"][0]["note"] == "\U0001f600"
    with journal_file.open("ab") as f:
        f.write(note_line("e2", "x\\ud800y"))
    before = journal_file.read_bytes()
    assert_refused(xjc("list"), 1, "第 3 行", "\\ud800")
    assert_refused(xjc("export", str(tmp_path / "t.xlsx")), 1, "第 3 行")
    assert journal_file.read_bytes() == before and not (tmp_path / "t.xlsx").exists()


def test_torn_last_line_is_moved_aside(xjc, journal_file):
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    with journal_file.open("ab") as f:
        f.write(b'{"id":"torn')
    assert xjc.ok("list", "--status", "done", "--json").json()[0]["id"] == "1.1"
    res = xjc.ok("done", "1.2", "--date", "2023-03-02")
    assert "不完整" in res.stderr
    torn = journal_file.with_name(journal_file.name + ".torn")
    assert torn.read_bytes() == b'{"id":"torn\n'
    assert len(journal_file.read_bytes().splitlines()) == 2
    assert [r["id"] for r in xjc.ok("list", "--status", "done", "--json").json()] == ["1.1", "1.2"]


def test_ambiguous_name_lists_candidates(xjc, tmp_path):
    from xiajiceng.store.plans import bundled_plan_path

    text = bundled_plan_path().read_text(encoding="utf-8")
    text = text.replace(
        "责任领导: [曹国良, 许静, 沈伟强]", "责任领导: [曹国良, 许静, 沈伟强, 沈静]"
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    assert_refused(
        xjc("list", "--plan", str(plan), "--leader", "沈"), 2, "沈伟强", "沈静", "不明确"
    )


WORDS = [
    "list", "show", "assign", "mark", "done", "reopen", "undo", "log", "report", "check",
    "--leader", "--section", "--action", "--status", "--assignee", "--as-of", "--json",
    "--plan", "--date", "--by", "--note", "--remove", "--month", "--year", "--help",
    "-l", "-s", "-a", "-m", "-n", "-r", "-y", "2.3", "1.1", "9.9", "2-3", "0", "13", "3",
    "沈伟强", "swq", "组织科", "doing", "已完成", "open", "overdue", "2023-03-01",
    "2023-02-30", "2099-01-01", "", " ", "--", "-", "\x00", "[bold]", "nowhere.yaml",
]  # fmt: skip


tokens = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(tokens, max_size=7))
def test_any_argv_exits_0_1_or_2_without_traceback(xjc, capsys, argv):
    res = xjc(*argv)
    captured = capsys.readouterr()  # typer's own help and usage text go to sys.stdout
    assert res.code in (0, 1, 2), (argv, res)
    for stream in (res.stdout, res.stderr, captured.out, captured.err):
        assert "Traceback" not in stream, (argv, stream)
    if res.code:
        assert res.stderr.strip() and len(res.stderr.strip().splitlines()) == 1, (argv, res)
