"""The timeline, at fixed widths and dates, against golden files (see tests.helpers.golden):
its marks, filters, and the .svg and .png files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from rich.cells import cell_len

from tests.helpers import golden


@pytest.mark.parametrize("width", [80, 120])
def test_timeline_golden(along, width):
    out = along.ok("timeline", "--as-of", "2023-04-10", COLUMNS=str(width)).stdout
    assert all(cell_len(line) <= width for line in out.splitlines())
    golden(f"timeline-{width}.txt", out)


@pytest.mark.parametrize("width", [80, 120])
def test_timeline_month_golden(along, width):
    out = along.ok("timeline", "--month", "4", "--as-of", "2023-04-10", COLUMNS=str(width))
    assert all(cell_len(line) <= width for line in out.stdout.splitlines())
    golden(f"timeline-month4-{width}.txt", out.stdout)


def row(out: str, task_id: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(task_id + " "))


def cells(line: str) -> str:
    """One character per terminal cell (a wide character doubled), to index by column."""
    return "".join(ch * cell_len(ch) for ch in line)


def test_timeline_marks(along):
    out = along.ok("timeline", "--as-of", "2023-04-10", COLUMNS="120").stdout
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


def test_timeline_month_marks_rest_days_and_make_up_days(along):
    out = along.ok("timeline", "--month", "4", "--as-of", "2023-04-10", COLUMNS="80").stdout
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


def test_timeline_filters_like_list(along):
    out = along.ok("timeline", "--section", "zzk", "--as-of", "2023-04-10").stdout
    ids = [line.split()[0] for line in out.splitlines()[2:] if line[:1].isdigit()]
    listed = along.ok("list", "--section", "组织科", "--as-of", "2023-04-10", "--json").json()
    assert ids == [t["id"] for t in listed] and "1.1" not in ids and "2.1" in ids
    data = along.ok("timeline", "--leader", "swq", "--status", "overdue", "--json").json()
    assert {t["id"] for t in data["tasks"]} >= {"1.2", "2.2"}
    assert all(t["overdue"] for t in data["tasks"])


def test_timeline_svg(along, tmp_path):
    out = tmp_path / "时间线.svg"
    res = along.ok("timeline", "-o", str(out), "--as-of", "2023-04-10")
    assert "已生成时间线" in res.stdout and "13 项任务" in res.stdout
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "1.2 蹲点基层展开调研" in texts and "逾期 5 个工作日" in texts
    assert not any(el.tag.endswith("script") for el in root.iter())


def test_timeline_png(along, tmp_path):
    import struct

    out = tmp_path / "时间线.png"
    res = along.ok("timeline", "-o", str(out), "--as-of", "2023-04-10")
    assert "已生成时间线" in res.stdout
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width > 1000 and height > 400  # drawn at twice the SVG's size


def test_timeline_bad_output_refused_before_anything(along, tmp_path):
    out = tmp_path / "时间线.gif"
    res = along("timeline", "-o", str(out))
    assert res.code == 2 and ".gif" in res.stderr and ".png" in res.stderr
    assert not out.exists()
    res = along("timeline", "--month", "13")
    assert res.code == 2 and "13" in res.stderr


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("as_of", ["2023-03-15", "2023-06-30", "2026-12-01"])
def test_timeline_labels_every_month_at_any_width(along, width, as_of):
    out = along.ok("timeline", "--as-of", as_of, COLUMNS=str(width)).stdout
    head = out.splitlines()[1].split()
    assert [w.removesuffix("月") for w in head if w != ":"] == ["2", "3", "4", "5", "6"]


def test_timeline_far_past_the_plan_shows_lateness_at_the_edge(along):
    out = along.ok("timeline", "--as-of", "2026-12-01").stdout
    rows = {line.split()[0]: line for line in out.splitlines() if line[:1].isdigit()}
    assert ":! 逾期 851" in rows["4.1"]  # due on the chart's last day, still open
    assert ":  已完成" in rows["1.1"]
    assert "“:”处省略" in out
