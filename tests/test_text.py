"""Hostile text: control characters never reach a terminal or break a file, and no exported
cell or Markdown line runs as a formula or as HTML.

Input refuses control characters (arguments, --by, plan files, collected sheets); records
that already hold them (a colleague can push any journal line) come out escaped, as \\x1b
or \\u202e, in every output.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from dataclasses import replace
from html import unescape as html_unescape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import edit
from xiajiceng.store.plans import bundled_plan_path
from xiajiceng.text import CONTROL, CONTROL_IN_LINES, json_safe, markup, neutralise

ESC = "\x1b"
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes the clipboard
OSC8 = "\x1b]8;;https://example.com\x1b\\点这里\x1b]8;;\x1b\\"  # a disguised link
CSI = "\x1b[2J\x1b[31m"  # clears the screen, turns red
HOSTILE_NOTE = f"前{OSC52}中{OSC8}后{CSI}红\u202egnp.exe\x0b软回车\x00空\x9b2J\x7f完"
HOSTILE_BY = "王\x1b]0;窗口标题\x07办事"
HOSTILE_NAME = "李\u202e明"


def assert_clean(text: str, where: str) -> None:
    """No control character a terminal or a file could take (tab and line feed are text)."""
    found = CONTROL_IN_LINES.search(text)
    assert found is None, f"{where}: {found.group()!r} at {found.start()}: {text!r}"


def _append(journal: Path, **fields: object) -> str:
    """A record as a colleague's commit could bring it, appended by hand."""
    first = json.loads(journal.read_text(encoding="utf-8").splitlines()[0])
    record = {**first, "id": uuid.uuid4().hex[:16], **fields}
    with journal.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record["id"]


@pytest.fixture
def hostile(xjc, journal_file):
    """Task 2.1 holds a hostile note by a hostile name, and a hostile assignee."""
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    _append(
        journal_file,
        op="assign",
        value={"add": [HOSTILE_NAME], "remove": []},
        note=None,
        by=HOSTILE_BY,
        date="2023-02-09",
    )
    xjc.hostile_note = _append(
        journal_file, op="note", value=None, note=HOSTILE_NOTE, by=HOSTILE_BY, date="2023-02-10"
    )
    return xjc


# -- every output of recorded hostile text ------------------------------------------------------


COMMANDS = [
    ("list",),
    ("list", "--section", "组织科"),
    ("show", "2.1"),
    ("log",),
    ("log", "2.1"),
    ("report", "--month", "2"),
    ("overview",),
    ("timeline",),
]


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_recorded_control_characters_are_escaped_in_every_output(hostile, args, tty):
    res = hostile.ok(*args, tty=tty)
    assert_clean(res.stdout, " ".join(args))
    assert_clean(res.stderr, " ".join(args))


@pytest.mark.parametrize("args", [("list",), ("show", "2.1"), ("log",), ("report", "-m", "2")])
def test_escapes_are_shown_not_dropped(hostile, args):
    """A person sees that something was there: \\x1b, \\u202e. (In a table, rich itself
    drops BEL, BS, VT, FF and CR from the text it is given; the rest show escaped.)"""
    table = hostile.ok(*args).stdout
    for visible in ("\\x1b", "\\u202e", "\\x9b"):
        assert visible in table, (args, visible)
    if args[0] == "show":  # (no rows for a pipe: the same table)
        return
    rows = hostile.ok(*args, tty=False).stdout
    for visible in ("\\x1b]52;c;", "\\u202egnp.exe", "\\x9b2J", "\\x07"):
        assert visible in rows, (args, visible)


def test_colour_is_still_colour(hostile):
    """Escaping happens to the text, not to the colours xjc itself asks for."""
    out = hostile.ok("list", FORCE_COLOR="1").stdout
    assert "\x1b[" in out  # xjc's own styles
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\u202e" not in out


def test_json_keeps_the_text_and_escapes_it(hostile):
    """JSON is for scripts: the data is whole, and written with \\u escapes only."""
    for args in (("show", "2.1", "--json"), ("log", "--json"), ("list", "--json")):
        assert CONTROL.search(hostile.ok(*args).stdout.replace("\n", "")) is None, args
    records = hostile.ok("log", "--json").json()
    assert HOSTILE_NOTE in [e["note"] for e in records]
    assert HOSTILE_BY in [e["by"] for e in records]


def test_echo_lines_are_escaped(hostile):
    res = hostile.ok("undo", hostile.hostile_note[:8], "--date", "2023-02-11")
    assert_clean(res.stdout, "undo")
    assert "\\x1b]52" in res.stdout


def test_error_messages_are_one_clean_line(hostile):
    res = hostile("assign", "2.1", "--remove", "无此人")
    assert res.code != 0
    assert_clean(res.stderr, "error")
    assert res.stderr.count("\n") == 1


def _files(xjc, tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name in ("r.docx", "r.md", "r.html"):
        out[name] = tmp_path / name
        xjc.ok("report", "--month", "2", "-o", str(out[name]))
    for name in ("t.csv", "t.md", "t.xlsx", "t.json"):
        out[name] = tmp_path / name
        xjc.ok("export", str(out[name]))
    for name in ("g.svg", "g.png"):
        out[name] = tmp_path / name
        xjc.ok("timeline", "-o", str(out[name]))
    return out


def _xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_files_hold_escapes_and_stay_valid(hostile, tmp_path):
    files = _files(hostile, tmp_path)
    for name in ("r.md", "r.html", "t.csv", "t.md", "g.svg"):
        text = files[name].read_text(encoding="utf-8-sig")
        assert_clean(text.replace("\r\n", "\n"), name)
    assert "\\x1b]52" in files["r.html"].read_text(encoding="utf-8")
    assert "\\x1b]52" in files["t.csv"].read_text(encoding="utf-8-sig")
    ET.fromstring(files["g.svg"].read_text(encoding="utf-8"))
    assert files["g.png"].read_bytes().startswith(b"\x89PNG")
    for name in ("r.docx", "t.xlsx"):
        for part, xml in _xml_parts(files[name]).items():
            ET.fromstring(xml)  # every part is well-formed XML
            assert_clean(xml, f"{name}:{part}")
    from docx import Document

    body = "\n".join(p.text for p in Document(str(files["r.docx"])).paragraphs)
    tables = Document(str(files["r.docx"])).tables
    cells = "\n".join(c.text for t in tables for row in t.rows for c in row.cells)
    assert "\\x0b软回车" in body + cells  # Word's soft line break: shown, not a crash
    data = json.loads(files["t.json"].read_text(encoding="utf-8"))
    assert any(r["last_note"] and r["last_note"]["text"] == HOSTILE_NOTE for r in data)


def test_a_hostile_note_exported_and_collected_back_unchanged_is_no_change(hostile, tmp_path):
    """The workbook's cell and the value collect compares it with are the same text."""
    sheet = tmp_path / "组织科.xlsx"
    hostile.ok("export", str(sheet), "--section", "组织科")
    res = hostile.ok("collect", str(sheet), "--by", "组织科")
    assert "没有" in res.stdout  # nothing to record


# -- hostile text in the plan (YAML escapes) -------------------------------------------------


def test_plan_text_rendered_by_every_file_format(tmp_path):
    """A plan that holds control characters (one loaded before this check, from a cache)
    still makes valid files: the views escape whatever they are given."""
    from datetime import date

    from xiajiceng.env import Env
    from xiajiceng.store import open_workspace
    from xiajiceng.usecases.report import report
    from xiajiceng.usecases.timeline import timeline
    from xiajiceng.views import timeline as tl_view
    from xiajiceng.views.formats import REPORT_FORMATS

    ws = open_workspace(None, Env(environ={"HOME": str(tmp_path), "XJC_NO_CACHE": "1"}))
    plan = ws.plan
    action = replace(plan.actions[0], name="专题\x1b]0;x\x07调研")
    task = replace(action.tasks[0], title="蹲点\x0b\u202e<script>")
    action = replace(action, tasks=(task, *action.tasks[1:]))
    ws.plan = replace(plan, title="2023年\x1b[2J方案\x00", actions=(action, *plan.actions[1:]))
    rep = report(ws, 2, 2023)
    for module in ("docx", "md", "html"):
        data = REPORT_FORMATS[f".{module}"]().report(rep)
        if module == "docx":
            for part, xml in _xml_parts_bytes(data).items():
                ET.fromstring(xml)
                assert_clean(xml, part)
        else:
            text = data.decode("utf-8")
            assert_clean(text, module)
            assert "<script>" not in text
    tl = timeline(ws, date(2023, 3, 1))
    svg = tl_view.to_svg(tl)
    ET.fromstring(svg)
    assert_clean(svg, "svg")
    assert tl_view.to_png(tl).startswith(b"\x89PNG")


def _xml_parts_bytes(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


# -- refusing control characters on input ----------------------------------------------------


def _lines(journal: Path) -> int:
    return len(journal.read_text(encoding="utf-8").splitlines()) if journal.exists() else 0


@pytest.mark.parametrize(
    "args",
    [
        ("mark", "2.1", "doing", "--note", f"好{OSC52}"),
        ("mark", "2.1", "--note", "进展\u202e"),
        ("done", "2.1", "--note", "完成\x0b了"),
        ("reopen", "2.1", "--note", "\x00"),
        ("mark", "2.1", "doing", "--by", HOSTILE_BY),
        ("assign", "2.1", HOSTILE_NAME),
        ("assign", "2.1", "--remove", "李\x1b明"),
        ("list", "--leader", "沈\x1b"),
        ("list", "--section", "组织科\x9b"),
        ("list", "--assignee", "李\x7f"),
        ("export", "台账\x1b.xlsx"),
        ("report", "-m", "2", "-o", "月报\u2066.docx"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_arguments_with_control_characters_are_refused(xjc, journal_file, args):
    xjc.ok("mark", "2.1", "doing", "--date", "2023-02-01")
    before = _lines(journal_file)
    res = xjc(*args)
    assert res.code == 2, res.stderr
    assert res.stdout == ""
    assert "控制字符" in res.stderr and res.stderr.count("\n") == 1
    assert re.search(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}", res.stderr)  # which one, visibly
    assert_clean(res.stderr, "stderr")
    assert _lines(journal_file) == before  # nothing written


def test_notes_may_have_several_lines_and_tabs(xjc):
    xjc.ok("mark", "2.1", "doing", "--note", "第一行\n第二行\t完")
    assert xjc.ok("show", "2.1", "--json").json()["last_note"]["text"] == "第一行\n第二行\t完"


@pytest.mark.parametrize("who", [{"XJC_USER": "王\x1b[2J"}, {"XJC_USER": "王\n李"}])
def test_a_recorder_name_with_control_characters_is_refused(xjc, journal_file, who):
    res = xjc("mark", "2.1", "doing", **who)
    assert res.code == 2 and "记录人" in res.stderr and "控制字符" in res.stderr
    assert_clean(res.stderr, "stderr")
    assert not journal_file.exists()


def test_by_with_a_line_break_is_refused(xjc, journal_file):
    res = xjc("mark", "2.1", "doing", "--by", "王\n李")
    assert res.code == 2 and "\\x0a" in res.stderr
    assert not journal_file.exists()


PLAN = bundled_plan_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "line_of"),
    [
        ("标题: 2023年干部下基层工作实施方案", '标题: "2023年\\e]0;pwn\\a方案"', '标题: "2023'),
        ("标题: 蹲点基层展开调研", '标题: "蹲点\\u202e基层"', "蹲点"),
        ("标题: 蹲点基层展开调研", "标题: 蹲点\u202e基层", "蹲点"),  # raw, not escaped
        ("标题: 蹲点基层展开调研", '标题: "蹲点\\x9b基层"', "蹲点"),
        ("标题: 蹲点基层展开调研", '标题: "蹲点\\0基层"', "蹲点"),
        ("责任领导: [曹国良, 许静, 沈伟强]", '责任领导: ["曹国良\\e", 许静, 沈伟强]', "曹国良\\e"),
        ("发文单位: 市委组织部", '发文单位: "市委\\v组织部"', "发文单位"),
    ],
    ids=["plan title ESC", "task title RLO", "raw RLO", "C1", "NUL", "leader", "issuer VT"],
)
def test_plan_text_with_control_characters_is_refused_with_its_line(
    xjc, tmp_path, old, new, line_of
):
    assert old in PLAN, old
    text = PLAN.replace(old, new, 1)
    plan = tmp_path / "方案.yaml"
    plan.write_text(text, encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if line_of in x and new[:4] in x)
    for args in (("list",), ("timeline", "-o", str(tmp_path / "t.png")), ("validate",)):
        res = xjc(*args, "--plan", str(plan))
        said = res.stderr + res.stdout  # (validate reports on stdout)
        assert res.code == 1, (args, said)
        assert f"第 {line} 行" in said and "控制字符" in said, said
        assert_clean(said, "message")
    assert not (tmp_path / "t.png").exists()


def test_plan_content_may_have_several_lines(tmp_path, xjc):
    """Tab and line feed are text, not control characters: a plan may hold them."""
    from xiajiceng.store.plans import read_plan

    text = PLAN.replace("发文单位: 市委组织部", '发文单位: "市委\\t组织部"', 1)
    folded = "        内容: >-\n          在广泛征求意见的基础上，"
    assert folded in text
    text = text.replace(
        folded, "        内容: |-\n          在广泛征求意见的基础上，\n          ", 1
    )
    plan = tmp_path / "方案.yaml"
    plan.write_text(text, encoding="utf-8")
    xjc.ok("list", "--plan", str(plan))
    xjc.ok("show", "1.1", "--plan", str(plan))
    loaded = read_plan(plan)
    assert loaded.issuer == "市委\t组织部"
    assert loaded.task("1.1").text.startswith("在广泛征求意见的基础上，\n围绕")


@pytest.mark.parametrize("bad", ["已确定\u202e蹲点村", "进展\x9b2J"])
def test_a_sheet_with_control_characters_is_refused(xjc, tmp_path, journal_file, bad):
    xjc.ok("mark", "2.1", "doing", "--date", "2023-02-01")
    sheet = tmp_path / "组织科.xlsx"
    xjc.ok("export", str(sheet), "--section", "组织科")
    edit(sheet, {"2.2": {"进展情况": bad}})
    before = _lines(journal_file)
    res = xjc("collect", str(sheet), "--by", "组织科")
    assert res.code == 1
    assert "控制字符" in res.stderr and "进展情况" in res.stderr and "第 " in res.stderr
    assert_clean(res.stderr, "stderr")
    assert _lines(journal_file) == before


# -- formulas and Markdown -------------------------------------------------------------------

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", '=HYPERLINK("http://x","点")', "\t=1", "\r=1"]


def test_csv_cells_never_start_a_formula(xjc, tmp_path, journal_file):
    xjc.ok("mark", "2.1", "doing", "--note", "ok", "--date", "2023-02-01")
    for i, formula in enumerate(FORMULAS):
        _append(journal_file, op="note", value=None, note=formula, date=f"2023-02-0{i + 2}")
        out = tmp_path / f"t{i}.csv"
        xjc.ok("export", str(out))
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        header = rows[0]
        row = next(r for r in rows if r[-1] == "2.1")
        note = row[header.index("进展情况")]
        assert note.startswith("'" if formula[0] != "\r" else "\\x0d"), (formula, note)
        for cell in (c for r in rows for c in r):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_formula_guard_is_the_owasp_one():
    from xiajiceng.views.formats.csv import cell

    assert cell("=1+1") == "'=1+1"
    assert cell("@x") == "'@x"
    assert cell("正常") == "正常"
    assert cell("a=1") == "a=1"
    assert cell(3) == 3


def test_xlsx_text_is_never_a_formula(xjc, tmp_path, journal_file):
    from openpyxl import load_workbook

    xjc.ok("mark", "2.1", "doing", "--note", "ok", "--date", "2023-02-01")
    formula = '=HYPERLINK("http://example.com","点击")'
    _append(journal_file, op="note", value=None, note=formula, date="2023-02-02", by="=1+1")
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out))
    for part, xml in _xml_parts(out).items():
        assert "<f>" not in xml and "<f " not in xml, part
    ws = load_workbook(out)["台账"]
    values = [c for row in ws.iter_rows() for c in row if c.value == formula]
    assert values and all(c.data_type == "s" for c in values)


def test_xlsx_title_is_text_too(tmp_path):
    """XlsxWriter would make a formula or a link of a title: the options forbid both."""
    from xiajiceng.views.formats import xlsx

    src = Path(xlsx.__file__).read_text(encoding="utf-8")
    assert '"strings_to_formulas": False' in src and '"strings_to_urls": False' in src


def test_markdown_shows_html_and_pipes_literally(xjc, tmp_path, journal_file):
    from markdown_it import MarkdownIt

    xjc.ok("mark", "2.1", "doing", "--note", "ok", "--date", "2023-02-01")
    note = "<script>alert(1)</script> a|b [x](javascript:alert(1)) *强调*\n# 标题\n- 项"
    _append(journal_file, op="note", value=None, note=note, date="2023-02-02")
    for args, name in ((("export",), "t.md"), (("report", "-m", "2", "-o"), "r.md")):
        out = tmp_path / name
        xjc.ok(*args, str(out))
        html = MarkdownIt("commonmark").enable("table").render(out.read_text(encoding="utf-8"))
        assert "<script" not in html and "<a " not in html and "<em>" not in html, name
        assert "<h1>标题" not in html and "<li>项" not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt; a|b" in html, name
    table = MarkdownIt("commonmark").enable("table").render((tmp_path / "t.md").read_text("utf-8"))
    widths = {
        row.count("<td") for row in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "<td" in row
    }
    assert widths == {10}  # a | in a note does not add a column


# -- the functions themselves ------------------------------------------------------------------

_UNESCAPE = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})")


@settings(max_examples=500, deadline=None)
@given(st.text(), st.booleans())
def test_neutralise_leaves_no_control_and_hides_nothing(text, lines):
    out = neutralise(text, lines=lines)
    assert (CONTROL_IN_LINES if lines else CONTROL).search(out) is None
    out.encode("utf-8")  # no lone surrogate left: every stream can take it
    ET.fromstring(f"<a>{markup(text)}</a>")  # and every XML file
    if "\\" not in text:  # reversible: each character has its own visible escape
        back = _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), out)
        assert back == text
    if CONTROL.search(text) is None:
        assert out == text
    assert neutralise(out, lines=lines) == out


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_json_safe_is_the_same_json(text):
    raw = json.dumps({"t": text}, ensure_ascii=False)
    safe = json_safe(raw)
    assert json.loads(safe) == {"t": text}
    assert CONTROL.search(safe) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 中|*_`[]()<>&#-+=!\\~1.)\n\x1b"))))
def test_markdown_text_renders_literally(text):
    from markdown_it import MarkdownIt

    from xiajiceng.views.formats.md import text as md_text

    html = MarkdownIt("commonmark").render(md_text(text))
    assert not re.search(r"<(?!/?p>|br />|br>)", html), html  # only paragraphs and breaks
    shown = html_unescape(re.sub(r"</?p>\n?|<br />\n?|<br>\n?", "", html))
    expected = "".join(line.strip() for line in neutralise(text).split("\n"))
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", expected)


def test_display_width_is_unicodes_east_asian_width():
    """The one measure of width agrees with unicodedata for every assigned character (that is
    not a control character), so tables, the plain report, the timeline and the ledger line
    up alike."""
    import unicodedata

    from xiajiceng.text import display_width

    ranges = [range(0x20, 0xD800), range(0xE000, 0xFFFE), range(0x10000, 0x40000)]
    wrong = [
        hex(cp)
        for r in ranges
        for cp in r
        if chr(cp).isprintable()
        and display_width(chr(cp)) != (2 if unicodedata.east_asian_width(chr(cp)) in "WF" else 1)
    ]
    assert wrong == []
    assert display_width("带着“问题”深入 abc") == 4 + 1 + 4 + 1 + 4 + 1 + 3
