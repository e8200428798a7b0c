"""Output that suits where it goes: tables on a terminal, TSV into a pipe, colour rules."""

from __future__ import annotations

import pytest


@pytest.fixture
def worked(xjc):
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "doing", "--note", "指导组已组建\t分5片", "--date", "2023-02-08")
    return xjc


def test_list_into_a_pipe_is_tab_separated(worked):
    out = worked.ok("list", "--as-of", "2023-04-10", tty=False).stdout
    lines = out.splitlines()
    assert len(lines) == 13  # no header, no caption: one task a line
    fields = next(line for line in lines if line.startswith("2.1\t")).split("\t")
    assert fields == [
        "2.1",
        "加强业务指导",
        "沈伟强",
        "组织科",
        "李明、周芳",
        "推进中",
        "2023-03-31",
        "逾期 5 个工作日",
        "2023-02-08",
        "指导组已组建 分5片",  # a tab inside a field becomes a space
    ]
    assert all(line.count("\t") == 9 for line in lines)
    assert "-----" not in out and "\x1b[" not in out


def test_list_table_on_request_and_json_unchanged(worked):
    table = worked.ok("list", "--table", tty=False).stdout
    assert table.splitlines()[0].split()[:2] == ["编号", "任务"]
    assert worked.ok("list", "--json", tty=False).stdout == worked.ok("list", "--json").stdout


def test_list_filters_apply_to_tsv(worked):
    out = worked.ok("list", "--leader", "swq", "--status", "doing", tty=False).stdout
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2.1"]
    assert worked.ok("list", "--status", "done", tty=False).stdout == ""


def test_log_into_a_pipe(worked):
    worked.ok("undo")
    lines = worked.ok("log", tty=False).stdout.splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 4 for line in lines)
    assert lines[0].split("\t")[2] == "2.1" and "撤销记录" in lines[0]
    assert lines[1].endswith("（已撤销）\t王办事")


def test_markup_in_user_text_prints_as_written_everywhere(xjc):
    xjc.ok("mark", "1.1", "--note", "[bold]要点[/bold] 与 [red]", "--date", "2023-02-01")
    assert "[bold]要点[/bold] 与 [red]" in xjc.ok("list", tty=False).stdout
    flat = xjc.ok("list", FORCE_COLOR="1", COLUMNS="200").stdout
    assert "[bold]要点[/bold] 与 [red]" in flat


def test_colour_honours_no_color_and_force_color(xjc):
    assert "\x1b[" not in xjc.ok("list", "--as-of", "2023-04-10").stdout  # StringIO: no tty
    assert "\x1b[" in xjc.ok("list", "--as-of", "2023-04-10", FORCE_COLOR="1").stdout
    assert "\x1b[" not in xjc.ok("timeline", NO_COLOR="1", FORCE_COLOR="1").stdout


def test_no_ambiguous_width_marks_in_new_views(xjc):
    xjc.ok("done", "1.1", "--date", "2023-03-01")
    for args in (
        ["overview", "--as-of", "2023-04-10"],
        ["timeline", "--as-of", "2023-04-10"],
        ["timeline", "--month", "3"],
        ["list", "--status", "overdue", "--as-of", "2023-04-10"],
        ["show", "1.2", "--as-of", "2023-04-10"],
    ):
        out = xjc.ok(*args).stdout
        for ch in "─│━┃•●…→①·":
            assert ch not in out, (args, ch)


def test_env_knows_whether_stdout_is_a_terminal():
    import io

    from xiajiceng.env import Env

    assert Env(stdout=io.StringIO()).stdout_is_terminal() is False
    assert Env(stdout=io.StringIO(), isatty=True).stdout_is_terminal() is True
