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


# -- the pager -----------------------------------------------------------------------------------


class _Terminal:
    """A stream that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "less"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "XJC_PAGER": "less -S"}, "less -S"),
        ({"PAGER": "more", "XJC_PAGER": ""}, None),  # paging off
        ({"XJC_PAGER": "cat"}, None),
        ({"XJC_PAGER": "no-such-pager-here"}, None),
        ({"XJC_PAGER": "'unclosed"}, None),
    ],
)
def test_which_pager(environ, expected, monkeypatch):
    import shutil

    from xiajiceng.env import Env

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda n: n if n in {"less", "more"} else real_which(n))
    pager = Env(stdout=_Terminal(), environ=environ).pager()  # type: ignore[arg-type]
    assert (" ".join(pager) if pager else None) == expected


def test_no_pager_unless_stdout_really_is_a_terminal(xjc):
    import io

    from xiajiceng.env import Env

    assert Env(stdout=io.StringIO(), environ={}, isatty=True).pager() is None


def _run_in_a_terminal(tmp_path, *args: str, lines: int) -> tuple[str, str]:
    """xjc on a pseudo-terminal of `lines` lines, its pager a script that keeps what it gets."""
    import os
    import pty
    import subprocess
    import sys

    got = tmp_path / "paged.txt"
    keeper = tmp_path / "keeper.py"
    keeper.write_text(
        f"import os, sys\nopen({str(got)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"open({str(got)!r} + '.env', 'w').write(os.environ.get('LESS', '') + '|' "
        "+ os.environ.get('LESSCHARSET', ''))\n",
        encoding="utf-8",
    )
    environ = {
        **os.environ,
        "XJC_PAGER": f"{sys.executable} {keeper}",
        "LINES": str(lines),
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }
    main, secondary = pty.openpty()
    code = "from xiajiceng.cli.boundary import run; run()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=secondary, env=environ, cwd=tmp_path
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait() == 0
    os.close(main)
    paged = got.read_text(encoding="utf-8") if got.exists() else ""
    if got.exists():
        assert (tmp_path / "paged.txt.env").read_text() == "FRX|utf-8"
    return shown.decode("utf-8"), paged


def test_a_long_table_goes_through_the_pager(tmp_path):
    shown, paged = _run_in_a_terminal(tmp_path, "list", lines=10)
    assert shown == ""
    assert "1.1" in paged and "4.5" in paged and "共 13 项任务" in paged


def test_a_table_that_fits_is_printed(tmp_path):
    shown, paged = _run_in_a_terminal(tmp_path, "list", "--limit", "2", lines=60)
    assert paged == ""
    assert "1.1" in shown and "1.3" not in shown
