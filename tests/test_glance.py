"""The overview (bare `xjc`) and the timeline, at fixed widths and dates, against golden files.

The golden files are what a person sees, compared as text. After an intended change of
layout, regenerate them and read the diff before committing:

    XJC_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_glance.py
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if os.environ.get("XJC_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.fixture
def history(xjc):
    """A plan some way along: done on time, done late, in progress, paused, untouched."""
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    xjc.ok("mark", "2.1", "doing", "--date", "2023-02-08")
    xjc.ok("done", "2.1", "--date", "2023-04-03")  # three days after its time limit
    xjc.ok("mark", "2.2", "doing", "--date", "2023-03-01")
    xjc.ok("mark", "3.1", "paused", "--date", "2023-03-01")
    xjc.ok("mark", "4.1", "doing", "--date", "2023-03-10")
    return xjc


# -- overview ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("as_of", ["2023-03-15", "2023-04-10"])
def test_overview_golden(history, width, as_of):
    out = history.ok("overview", "--as-of", as_of, COLUMNS=str(width)).stdout
    lines = out.splitlines()
    assert len(lines) <= 24
    assert all(cell_len(line) <= width for line in lines)
    golden(f"overview-{as_of}-{width}.txt", out)


def test_bare_xjc_is_the_overview_and_help_is_still_help(history, capsys):
    bare = history.ok().stdout
    assert bare == history.ok("overview").stdout
    assert "完成率" in bare and "最需要关注" in bare
    assert (
        history.ok("--as-of", "2023-03-15").stdout
        == history.ok("overview", "--as-of", "2023-03-15").stdout
    )
    capsys.readouterr()
    history.ok("--help")  # click prints help to the real stdout
    helped = capsys.readouterr().out
    assert (
        "Usage" in helped
        and "活动期间" not in helped
        and "timeline" in helped
        and "--install-completion" in helped
    )


def test_root_option_before_a_command_is_refused(xjc):
    res = xjc("--as-of", "2023-03-15", "list")
    assert res.code == 2 and "xjc list --as-of" in res.stderr and not res.stdout


def test_overview_order_overdue_first_then_due_soonest(history):
    data = history.ok("overview", "--as-of", "2023-04-10", "--json").json()
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


def test_overview_colour_only_when_asked_or_on_a_terminal(history):
    plain = history.ok("overview", "--as-of", "2023-04-10").stdout
    assert "\x1b[" not in plain
    coloured = history.ok("overview", "--as-of", "2023-04-10", FORCE_COLOR="1").stdout
    assert "\x1b[" in coloured
    none = history.ok("overview", "--as-of", "2023-04-10", FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in none


# -- timeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
def test_timeline_golden(history, width):
    out = history.ok("timeline", "--as-of", "2023-04-10", COLUMNS=str(width)).stdout
    assert all(cell_len(line) <= width for line in out.splitlines())
    golden(f"timeline-{width}.txt", out)


@pytest.mark.parametrize("width", [80, 120])
def test_timeline_month_golden(history, width):
    out = history.ok("timeline", "--month", "4", "--as-of", "2023-04-10", COLUMNS=str(width))
    assert all(cell_len(line) <= width for line in out.stdout.splitlines())
    golden(f"timeline-month4-{width}.txt", out.stdout)


def row(out: str, task_id: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(task_id + " "))


def cells(line: str) -> str:
    """One character per terminal cell (a wide character doubled), to index by column."""
    return "".join(ch * cell_len(ch) for ch in line)


def test_timeline_marks(history):
    out = history.ok("timeline", "--as-of", "2023-04-10", COLUMNS="120").stdout
    assert "#" in row(out, "1.1") and "*" in row(out, "1.1") and "已完成" in row(out, "1.1")
    assert "!" in row(out, "2.1")  # done three days late
    assert "=" in row(out, "2.2") and "逾期 5 个工作日" in row(out, "2.2")
    assert "~" in row(out, "3.1")
    assert "-" in row(out, "1.2") and "!" in row(out, "1.2")
    assert "!" not in row(out, "4.1")  # due 6月30日
    # the as-of marker is in the same column on every row
    columns = {cells(row(out, t)).index("|") for t in ("1.2", "2.2", "4.1", "4.5")}
    assert len(columns) == 1
    for ch in "─│━┃•●…→①":
        assert ch not in out


def test_timeline_month_marks_rest_days_and_make_up_days(history):
    out = history.ok("timeline", "--month", "4", "--as-of", "2023-04-10", COLUMNS="80").stdout
    header = out.splitlines()[1]
    start = header.index("1")  # the chart starts under day 1, one cell a day at 80 columns
    line = row(out, "4.1")  # in progress all month: only as-of mark within its bar
    april = cells(row(out, "1.1"))[start : start + 30]  # done in February: rest days only
    assert april[0] == "." and april[1] == "."  # 4月1、2日, a weekend
    assert april[4] == "."  # 4月5日 清明
    assert april[2] == " " and april[9] == "|"  # a working Monday; the as-of date
    assert april[22] == " "  # 4月23日, a Sunday, was a 调休 working day
    assert april[21] == "."  # 4月22日, Saturday
    assert april[28] == "." and april[29] == "."  # 4月29、30日 劳动节
    assert "=" in line


def test_timeline_filters_like_list(history):
    out = history.ok("timeline", "--section", "zzk", "--as-of", "2023-04-10").stdout
    ids = [line.split()[0] for line in out.splitlines()[2:] if line[:1].isdigit()]
    listed = history.ok("list", "--section", "组织科", "--as-of", "2023-04-10", "--json").json()
    assert ids == [t["id"] for t in listed] and "1.1" not in ids and "2.1" in ids
    data = history.ok("timeline", "--leader", "swq", "--status", "overdue", "--json").json()
    assert {t["id"] for t in data["tasks"]} >= {"1.2", "2.2"}
    assert all(t["overdue"] for t in data["tasks"])


def test_timeline_svg(history, tmp_path):
    out = tmp_path / "时间线.svg"
    res = history.ok("timeline", "-o", str(out), "--as-of", "2023-04-10")
    assert "已生成时间线" in res.stdout and "13 项任务" in res.stdout
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "1.2 蹲点基层展开调研" in texts and "逾期 5 个工作日" in texts
    assert not any(el.tag.endswith("script") for el in root.iter())


def test_timeline_png(history, tmp_path):
    import struct

    out = tmp_path / "时间线.png"
    res = history.ok("timeline", "-o", str(out), "--as-of", "2023-04-10")
    assert "已生成时间线" in res.stdout
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width > 1000 and height > 400  # drawn at twice the SVG's size


def test_timeline_bad_output_refused_before_anything(history, tmp_path):
    out = tmp_path / "时间线.gif"
    res = history("timeline", "-o", str(out))
    assert res.code == 2 and ".gif" in res.stderr and ".png" in res.stderr
    assert not out.exists()
    res = history("timeline", "--month", "13")
    assert res.code == 2 and "13" in res.stderr
