"""The terminal report breaks its own long lines where Chinese typesetting allows."""

from __future__ import annotations

import itertools

import pytest

from xiajiceng.text import display_width, wrap
from xiajiceng.views.report import fit

NOTE = "收集意见43条，已经汇总成文，报部领导审阅后印发各镇街。"
CLOSING = "。，、；：？！）》”"
UNITS = "条个项人天月日%％"


def _bad_breaks(lines: list[str]) -> list[tuple[str, str]]:
    bad = []
    for a, b in itertools.pairwise(lines):
        a, b = a.rstrip(), b.lstrip()
        if (b and b[0] in CLOSING) or (a[-1:].isdigit() and (b[:1].isdigit() or b[:1] in UNITS)):
            bad.append((a, b))
    return bad


@pytest.mark.parametrize("width", [40, 44, 70, 80])
def test_terminal_report_keeps_numbers_with_units_and_punctuation_off_line_starts(xjc, width):
    xjc.ok("mark", "3.1", "--note", NOTE, "--date", "2023-03-25")
    out = xjc.ok("report", "--month", "3", COLUMNS=str(width)).stdout
    assert all(display_width(line) <= width for line in out.splitlines())
    progress = out.split("本月进展")[1].split("月底逾期")[0]
    assert "43条" in progress.replace("\n", "").replace(" ", "")
    assert not _bad_breaks(progress.splitlines())
    assert "截至 3月31日" in out.replace("\n", "").replace(" ", "").replace("截至", "截至 ")


@pytest.mark.parametrize("width", range(12, 60))
def test_wrap_breaks_only_where_allowed(width):
    text = "  3月25日 3.1 开展部长约谈活动：" + NOTE + "“三个一批”（王办事）"
    lines = wrap(text, width, indent=4)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(x) <= width for x in lines[:1])
    assert all(display_width(x) <= width - 4 for x in lines[1:])
    assert not _bad_breaks(lines)
    assert not [x for x in lines[:-1] if x.rstrip()[-1:] in "（“"]


def test_fit_keeps_styles_and_indents_continuations():
    line = [("  ", ""), ("3.1 开展部长约谈活动：", "bold"), (NOTE, ""), ("（王办事）", "dim")]
    parts = fit(line, 40)
    assert len(parts) > 1
    assert all(p[0][0] == "    " for p in parts[1:])
    assert "".join(t for p in parts for t, _ in p).replace(" ", "") == "".join(
        t for t, _ in line
    ).replace(" ", "")
    assert ("（王办事）", "dim") in parts[-1]
