"""Every help screen fits the terminal by display width (Chinese takes two cells), speaks
Chinese in its headings, and says what each option does."""

from __future__ import annotations

import re

import pytest

from xiajiceng import messages as M
from xiajiceng.cli.app import command_names
from xiajiceng.cli.group import wrap_cells
from xiajiceng.text import display_width

CLOSING = "。，、；：）」』】》！？"
WIDTHS = [80, 60]


def _help(xjc, capsys, monkeypatch, columns: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    res = xjc(*args)
    out = capsys.readouterr().out
    assert res.code == 0, res.stderr
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("command", [None, *command_names()])
def test_every_help_screen_fits_and_speaks_chinese(
    xjc, capsys, monkeypatch, command, flag, columns
):
    args = [flag] if command is None else [command, flag]
    out = _help(xjc, capsys, monkeypatch, columns, *args)
    lines = out.splitlines()
    wide = [(display_width(line), line) for line in lines if display_width(line) > columns]
    assert not wide
    assert lines[0].startswith(M.HELP_HEADING.format(heading=M.HELP_HEADING_USAGE) + "xjc")
    assert M.HELP_HEADING.format(heading=M.HELP_HEADING_OPTIONS) in lines
    if command is None:
        assert M.HELP_HEADING.format(heading=M.HELP_HEADING_COMMANDS) in lines
    for english in ("Usage", "Options:", "Commands:", "Arguments:", "[required]", "default:"):
        assert english not in out
    assert "{" not in lines[0]  # a required argument is TASK, not typer's {TASK}
    for line in lines:
        assert line == line.rstrip()
        assert line.strip()[:1] not in set(CLOSING), line


def test_arguments_heading_and_required_in_chinese(xjc, capsys, monkeypatch):
    out = _help(xjc, capsys, monkeypatch, 80, "mark", "--help")
    assert M.HELP_HEADING.format(heading=M.HELP_HEADING_ARGUMENTS) in out.splitlines()
    assert f"[{M.HELP_REQUIRED}]" in out
    assert out.splitlines()[0] == "用法：xjc mark [OPTIONS] TASK [STATUS]"


@pytest.mark.parametrize("columns", WIDTHS)
def test_report_output_option_is_the_reports_own(xjc, capsys, monkeypatch, columns):
    out = _flat(_help(xjc, capsys, monkeypatch, columns, "report", "--help"))
    assert _flat(M.HELP_OPT_REPORT_OUTPUT) in out
    assert _flat(M.HELP_OPT_OUTPUT) not in out


@pytest.mark.parametrize("command", ["assign", "mark", "done", "reopen", "undo", "collect"])
def test_by_help_gives_the_whole_order(xjc, capsys, monkeypatch, command):
    out = _flat(_help(xjc, capsys, monkeypatch, 60, command, "--help"))
    assert _flat(M.HELP_OPT_BY) in out
    order = [out.index(word) for word in ("XJC_USER", "git的user.name", "登录名")]
    assert order == sorted(order)


@pytest.mark.parametrize("command", ["list", "log"])
def test_limit_is_offered_where_there_are_lists(xjc, capsys, monkeypatch, command):
    out = _help(xjc, capsys, monkeypatch, 80, command, "--help")
    assert "--limit N" in out
    text = M.HELP_OPT_LOG_LIMIT if command == "log" else M.HELP_OPT_LIMIT
    assert _flat(text) in _flat(out)


def test_root_commands_one_line_each_cut_by_cells(xjc, capsys, monkeypatch):
    out = _help(xjc, capsys, monkeypatch, 60, "--help")
    listed = out.split(M.HELP_HEADING.format(heading=M.HELP_HEADING_COMMANDS))[1].splitlines()[1:]
    assert [line.split()[0] for line in listed] == command_names()
    assert any(line.endswith("...") for line in listed)  # cut, not wrapped onto column 0


def test_help_narrower_than_typers_floor(xjc, capsys, monkeypatch):
    """typer never lays help out narrower than 50 columns; xjc follows the terminal."""
    out = _help(xjc, capsys, monkeypatch, 40, "mark", "--help")
    assert max(display_width(line) for line in out.splitlines()) <= 40


# -- the wrapping itself ---------------------------------------------------------------------


def test_wrap_keeps_words_numbers_and_punctuation():
    assert wrap_cells("默认依次取环境变量 XJC_PLAN、所在方案文件夹", 22) == [
        "默认依次取环境变量",
        "XJC_PLAN、所在方案文件",
        "夹",
    ]
    assert wrap_cells("收集意见4条，共3条。", 9) == ["收集意见", "4条，共", "3条。"]
    assert wrap_cells("一二三四五六七八九。", 9) == ["一二三四", "五六七八", "九。"]
    assert wrap_cells("截至日期，如 2023-03-15；默认今天。", 20) == [
        "截至日期，如",
        "2023-03-15；默认今",
        "天。",
    ]
    assert wrap_cells("状态：已完成/done、暂缓/paused", 16) == [
        "状态：",
        "已完成/done、",
        "暂缓/paused",
    ]
    assert wrap_cells("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
    assert wrap_cells("", 10) == [""]


def _help_texts() -> list[str]:
    return [v for k, v in vars(M).items() if k.startswith("HELP_") and isinstance(v, str)]


@pytest.mark.parametrize("cells", [12, 20, 33, 50, 76])
def test_wrap_every_help_text(cells):
    """No line wider than asked, none starting with closing punctuation, nothing lost, and
    no ASCII word broken unless it is wider than the line."""
    for text in _help_texts():
        lines = wrap_cells(text, cells)
        assert _flat("".join(lines)) == _flat(text)
        words = set(re.findall(r"[!-~]+", text))
        for line in lines:
            assert display_width(line) <= cells, (text, line)
            assert line[:1] not in set(CLOSING), (text, lines)
            for word in re.findall(r"[!-~]+", line):
                fits = any(display_width(w) > cells - 2 for w in words if word in w)
                assert word in words or fits, (word, lines)
