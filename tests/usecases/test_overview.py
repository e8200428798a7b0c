"""The overview (bare `xjc`), at fixed widths and dates, against golden files.

The golden files are what a person sees, compared as text. After an intended change of
layout, regenerate them and read the diff before committing:

    XJC_REGEN_GOLDEN=1 .venv/bin/pytest tests/usecases -k golden
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.helpers import golden

# -- overview ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("as_of", ["2023-03-15", "2023-04-10"])
def test_overview_golden(along, width, as_of):
    out = along.ok("overview", "--as-of", as_of, COLUMNS=str(width)).stdout
    lines = out.splitlines()
    assert len(lines) <= 24
    assert all(cell_len(line) <= width for line in lines)
    golden(f"overview-{as_of}-{width}.txt", out)


def test_bare_xjc_is_the_overview_and_help_is_still_help(along, capsys):
    bare = along.ok().stdout
    assert bare == along.ok("overview").stdout
    assert "完成率" in bare and "最需要关注" in bare
    assert (
        along.ok("--as-of", "2023-03-15").stdout
        == along.ok("overview", "--as-of", "2023-03-15").stdout
    )
    capsys.readouterr()
    along.ok("--help")  # click prints help to the real stdout
    helped = capsys.readouterr().out
    assert (
        "用法" in helped
        and "活动期间" not in helped
        and "timeline" in helped
        and "--install-completion" in helped
    )


def test_root_option_before_a_command_is_refused(xjc):
    res = xjc("--as-of", "2023-03-15", "list")
    assert res.code == 2 and "xjc list --as-of" in res.stderr and not res.stdout


def test_overview_order_overdue_first_then_due_soonest(along):
    data = along.ok("overview", "--as-of", "2023-04-10", "--json").json()
    ids = [t["id"] for t in data["attention"]]
    assert "1.1" not in ids and "2.1" not in ids  # done
    assert ids[-1] == "4.1"  # the only task not yet due, due 6月30日
    assert all(t["overdue"] for t in data["attention"][:-1])
    # 3月31日 → 4月10日: 4月3、4、6、7、10日 (4月5日 is 清明)
    assert data["attention"][0]["workdays_late"] == 5
    assert data["counts"] == {"todo": 8, "doing": 2, "done": 2, "paused": 1}
    assert data["completion_rate"] == round(2 / 13, 4)


def test_overview_when_everything_is_done(xjc):
    for task in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2"):
        xjc.ok("done", task, "--date", "2023-03-01")
    for task in ("4.1", "4.2", "4.3", "4.4", "4.5"):
        xjc.ok("done", task, "--date", "2023-03-01")
    out = xjc.ok("overview", "--as-of", "2023-03-02").stdout
    assert "全部任务均已完成" in out and "100%" in out


def test_overview_colour_only_when_asked_or_on_a_terminal(along):
    plain = along.ok("overview", "--as-of", "2023-04-10").stdout
    assert "\x1b[" not in plain
    coloured = along.ok("overview", "--as-of", "2023-04-10", FORCE_COLOR="1").stdout
    assert "\x1b[" in coloured
    none = along.ok("overview", "--as-of", "2023-04-10", FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in none


# -- timeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("as_of", ["2023-01-15", "2023-03-15", "2023-03-31", "2026-12-01"])
def test_overview_fits_one_screen_at_any_date_without_folding_titles(along, width, as_of):
    out = along.ok("overview", "--as-of", as_of, COLUMNS=str(width)).stdout
    # the pager starts at a screenful, and the prompt needs the 24th line
    assert out.count("\n") <= 23
    lines = out.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    rule = next(i for i, line in enumerate(lines) if line.startswith("----"))
    rows = [line for line in lines[rule + 1 :] if not line.startswith(("另有", "xjc "))]
    assert rows and all(
        line[:3] in {f"{a}.{b}" for a in range(1, 5) for b in range(1, 6)} for line in rows
    ), rows  # one line a task: nothing folded
