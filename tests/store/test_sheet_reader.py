"""collect's streaming reader of a filled-in ledger (store.xlsxread, store.sheets) against the
openpyxl reader it replaced (tests/store/openpyxl_ledger.py): every workbook read the same,
ledger for ledger, or refused by both, in the same words unless the file is damaged.

The workbooks are an exported ledger rewritten as Excel, WPS and LibreOffice write theirs:
inline strings and rich text runs with phonetic guides, shared formulas with cached values,
dates and times as numbers in date formats (1900 and 1904 calendars), booleans and errors,
prefixed namespaces, rows and cells without numbers, rows out of order, repeated or moved,
columns moved, comments, CDATA, character references and line breaks."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import edit, loaded_by
from tests.store.openpyxl_ledger import read_ledger_book_openpyxl
from xiajiceng.errors import SheetError
from xiajiceng.store.sheets import read_ledger_book

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TASKS, IDENT, STRINGS, STYLES, BOOK = (
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
)


def q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def outcome(path: Path):
    try:
        return ("read", read_ledger_book_openpyxl(path))
    except SheetError as exc:
        return ("refused", str(exc))


def assert_same(path: Path) -> str:
    """The new reader reads `path` as the old one did; what they did ("read"/"refused")."""
    kind, old = outcome(path)
    try:
        new = ("read", read_ledger_book(path))
    except SheetError as exc:
        new = ("refused", str(exc))
    if kind == "refused" and "已损坏" in old:  # damaged: any refusal will do
        assert new[0] == "refused", new
    else:
        assert new == (kind, old)
    return kind


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The bundled plan's ledger with notes, assignees and states, exported once."""
    import os

    from tests.conftest import Runner

    folder = tmp_path_factory.mktemp("exported")
    home = folder / "home"
    environ = dict(os.environ)
    environ.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XJC_USER="王办事",
    )
    environ.pop("XJC_PLAN", None)
    xjc = Runner(environ)
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    xjc.ok("mark", "3.1", "doing", "--date", "2023-03-06", "--note", "约谈 5 人\n下周再谈")
    path = folder / "台账.xlsx"
    xjc.ok("export", str(path), "--as-of", "2023-03-27")
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def build(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return target


def serialise(root: ET.Element, prefix: str = "") -> bytes:
    ET.register_namespace(prefix, MAIN)
    try:
        return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    finally:
        ET.register_namespace("", MAIN)


def strings_of(members: dict[str, bytes]) -> list[str]:
    root = ET.fromstring(members[STRINGS])
    return ["".join(t.text or "" for t in si.iter(q("t"))) for si in root.iter(q("si"))]


def rewrite(
    exported: Path,
    target: Path,
    cell: Callable[[ET.Element, list[str]], None] | None = None,
    row: Callable[[ET.Element], None] | None = None,
    sheets: tuple[str, ...] = (TASKS, IDENT),
    prefix: str = "",
    after: Callable[[bytes], bytes] | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """The exported ledger with each cell and row of `sheets` changed in place."""
    members = parts(exported)
    shared = strings_of(members)
    for name in sheets:
        root = ET.fromstring(members[name])
        for r in list(root.iter(q("row"))):
            if row:
                row(r)
            for c in list(r):
                if cell:
                    cell(c, shared)
        data = serialise(root, prefix)
        members[name] = after(data) if after else data
    members.update(extra or {})
    return build(target, members)


def to_inline(c: ET.Element, shared: list[str], rich: bool = False) -> None:
    if c.get("t") != "s":
        return
    text = shared[int(c.findtext(q("v")) or 0)]
    for v in c.findall(q("v")):
        c.remove(v)
    c.set("t", "inlineStr")
    inline = ET.SubElement(c, q("is"))
    if rich and len(text) > 1:
        first = ET.SubElement(inline, q("r"))
        props = ET.SubElement(first, q("rPr"))
        ET.SubElement(props, q("b"))
        ET.SubElement(props, q("sz"), val="10")
        ET.SubElement(props, q("rFont"), val="宋体")
        ET.SubElement(first, q("t")).text = text[:1]
        second = ET.SubElement(inline, q("r"))
        t = ET.SubElement(second, q("t"))
        t.text = text[1:]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        guide = ET.SubElement(inline, q("rPh"), sb="0", eb="1")
        ET.SubElement(guide, q("t")).text = "ふりがな"
        ET.SubElement(inline, q("phoneticPr"), fontId="1", type="noConversion")
    else:
        ET.SubElement(inline, q("t")).text = text


def test_collecting_an_exported_ledger_imports_no_openpyxl(exported, tmp_path):
    """openpyxl (half a second) is imported only to judge a date typed into a sheet."""
    printed, heavy = loaded_by(["collect", str(exported), "--dry-run"], ("openpyxl",), tmp_path)
    assert heavy == [] and "无需记录" in printed, printed


# -- the variants --------------------------------------------------------------------------


def test_the_export_itself(exported):
    assert assert_same(exported) == "read"
    (ledger,) = read_ledger_book(exported)
    assert len(ledger.rows) == 13 and ledger.base["3.1"].note == "约谈 5 人\n下周再谈"


@pytest.mark.parametrize("rich", [False, True])
def test_inline_strings_and_rich_text(exported, tmp_path, rich):
    path = rewrite(exported, tmp_path / "t.xlsx", cell=lambda c, s: to_inline(c, s, rich))
    assert assert_same(path) == "read"


def test_rich_shared_strings_with_phonetic_guides(exported, tmp_path):
    members = parts(exported)
    root = ET.fromstring(members[STRINGS])
    for si in root.iter(q("si")):
        t = si.find(q("t"))
        text = t.text or "" if t is not None else ""
        if len(text) > 1:
            si.remove(t)
            for piece in (text[:1], text[1:]):
                run = ET.SubElement(si, q("r"))
                ET.SubElement(ET.SubElement(run, q("rPr")), q("sz"), val="11")
                ET.SubElement(run, q("t")).text = piece
            guide = ET.SubElement(si, q("rPh"), sb="0", eb="1")
            ET.SubElement(guide, q("t")).text = "ぴん"
    members[STRINGS] = serialise(root)
    assert assert_same(build(tmp_path / "t.xlsx", members)) == "read"


def test_a_prefixed_namespace(exported, tmp_path):
    path = rewrite(exported, tmp_path / "t.xlsx", prefix="x")
    assert b"<x:row" in parts(path)[TASKS]
    assert assert_same(path) == "read"


def test_rows_and_cells_without_numbers(exported, tmp_path):
    def bare(c: ET.Element, shared: list[str]) -> None:
        c.attrib.pop("r", None)

    path = rewrite(exported, tmp_path / "t.xlsx", cell=bare, row=lambda r: r.attrib.pop("r"))
    assert assert_same(path) == "read"


def test_comments_cdata_references_and_line_breaks(exported, tmp_path):
    def noisy(data: bytes) -> bytes:
        text = data.decode("utf-8")
        text = re.sub(r"(<row [^>]*>)", r"\1<!-- 注释 -->\n  ", text)
        text = re.sub(r"<v>(\d+)</v>", r"<v><![CDATA[\1]]></v>", text, count=40)
        text = text.replace("</c>", "</c>\r\n", 30).replace("<c ", "<?pi x?><c ", 5)
        return text.encode("utf-8")

    def refs(c: ET.Element, shared: list[str]) -> None:
        to_inline(c, shared)

    members = parts(rewrite(exported, tmp_path / "a.xlsx", cell=refs, after=noisy))
    # the texts of inline strings as character references and with \r\n (which XML reads
    # as \n) and &#13; (which it keeps)
    sheet = members[TASKS].decode("utf-8")
    sheet = sheet.replace("指导组已组建", "&#x6307;导组已组建&#13;\r\n第二行", 1)
    sheet = sheet.replace("约谈 5 人", "约谈\t5 人  ", 1)
    members[TASKS] = sheet.encode("utf-8")
    assert assert_same(build(tmp_path / "t.xlsx", members)) == "read"


def test_formulas_with_cached_values(exported, tmp_path):
    """A 科室 pastes formulas: collect reads what they showed when saved."""
    done = []

    def formula(c: ET.Element, shared: list[str]) -> None:
        ref = c.get("r", "")
        if ref.startswith("I") and c.get("t") == "s":
            text = shared[int(c.findtext(q("v")) or 0)]
            for v in c.findall(q("v")):
                c.remove(v)
            c.set("t", "str")
            f = ET.SubElement(c, q("f"))
            if not done:
                f.set("t", "shared")
                f.set("ref", "I4:I16")
                f.set("si", "0")
                f.text = 'TRIM(" "&J4)'
            else:
                f.set("t", "shared")
                f.set("si", "0")
            ET.SubElement(c, q("v")).text = text
            done.append(ref)
        elif ref.startswith("A") and c.findtext(q("v")):
            c.insert(0, ET.Element(q("f")))
            c[0].text = "ROW()-3"

    path = rewrite(exported, tmp_path / "t.xlsx", cell=formula, sheets=(TASKS,))
    assert done and assert_same(path) == "read"


def _numbers_in_notes(kind: str, value: str, style: str | None):
    def change(c: ET.Element, shared: list[str]) -> None:
        if c.get("r", "").startswith("I") and c.get("r") != "I3":
            for child in list(c):
                c.remove(child)
            c.attrib.pop("t", None)
            if kind != "n":
                c.set("t", kind)
            if style is not None:
                c.set("s", style)
            else:
                c.attrib.pop("s", None)
            ET.SubElement(c, q("v")).text = value

    return change


def _with_style(members: dict[str, bytes], code: int | str) -> tuple[bytes, str]:
    """styles.xml with one more cell format, of number format `code` (a built-in's number,
    or a custom format code); and that format's index."""
    root = ET.fromstring(members[STYLES])
    xfs = root.find(q("cellXfs"))
    assert xfs is not None
    if isinstance(code, str):
        fmts = root.find(q("numFmts"))
        if fmts is None:
            fmts = ET.Element(q("numFmts"))
            root.insert(0, fmts)
        ET.SubElement(fmts, q("numFmt"), numFmtId="200", formatCode=code)
        code = 200
    ET.SubElement(xfs, q("xf"), numFmtId=str(code), fontId="0", fillId="0", borderId="0")
    return serialise(root), str(len(xfs) - 1)


@pytest.mark.parametrize(
    "code, value",
    [
        (14, "45016"),  # m/d/yyyy: 2023-03-31
        ('yyyy"年"m"月"d"日"', "45016.5"),
        ("[h]:mm", "1.25"),  # a duration
        ("h:mm AM/PM", "0.75"),
        (14, "3000000"),  # a date past year 9999: an error cell in openpyxl
        ("0.00", "3.5"),  # a number format, not a date
    ],
)
@pytest.mark.parametrize("date1904", [False, True])
@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")  # (openpyxl's, for 3000000)
def test_dates_and_times_typed_into_a_cell(exported, tmp_path, code, value, date1904):
    members = parts(exported)
    styles, style = _with_style(members, code)
    book = members[BOOK].decode("utf-8")
    if date1904:
        book = re.sub(r"<workbookPr", '<workbookPr date1904="1"', book)
    path = rewrite(
        exported,
        tmp_path / "t.xlsx",
        cell=_numbers_in_notes("n", value, style),
        sheets=(TASKS,),
        extra={STYLES: styles, BOOK: book.encode("utf-8")},
    )
    assert assert_same(path) == "read"


def test_a_number_without_a_style_in_a_workbook_whose_first_format_is_a_date(exported, tmp_path):
    """(A cell without s has style 0, which may be a date's.)"""
    members = parts(exported)
    styles = members[STYLES].decode("utf-8")
    styles = re.sub(r'(<cellXfs[^>]*><xf )numFmtId="0"', r'\1numFmtId="14"', styles)
    assert 'numFmtId="14"' in styles
    path = rewrite(
        exported,
        tmp_path / "t.xlsx",
        cell=_numbers_in_notes("n", "45000", None),
        sheets=(TASKS,),
        extra={STYLES: styles.encode("utf-8")},
    )
    assert assert_same(path) == "read"


def test_escapes_and_two_values_in_a_cell(exported, tmp_path):
    """openpyxl takes a cell's first <v>, and removes x005F_ from shared strings only."""
    members = parts(exported)
    strings = members[STRINGS].decode("utf-8")
    strings = strings.replace("指导组已组建", "_x005F_x0041_ 与 x005F_ 组建", 1)
    members[STRINGS] = strings.encode("utf-8")
    members = parts(build(tmp_path / "a.xlsx", members))

    def twice(c: ET.Element, shared: list[str]) -> None:
        if c.get("r", "").startswith("I") and c.get("t") == "s":
            ET.SubElement(c, q("v")).text = "0"
        elif c.get("r", "").startswith("J") and c.get("t") == "s":
            to_inline(c, shared)
            ET.SubElement(c.find(q("is")), q("t")).text = "_x005F_x0042_"  # the last <t>

    path = rewrite(tmp_path / "a.xlsx", tmp_path / "t.xlsx", cell=twice, sheets=(TASKS,))
    assert assert_same(path) == "read"
    (ledger,) = read_ledger_book(path)
    assert {r.task: r.cells.note for r in ledger.rows}["2.1"] == "_x0041_ 与  组建"


@pytest.mark.parametrize(
    "kind, value, style",
    [
        ("b", "1", None),
        ("b", "0", None),
        ("e", "#N/A", None),
        ("n", "1.0", None),
        ("n", "1E3", None),
        ("n", " 12 ", None),
        ("n", "12", "0"),  # style 0, General
        ("d", "2023-03-31T00:00:00Z", None),
        ("s", "0", None),
        ("str", "  公式的结果  ", None),
        ("n", "", None),  # an empty <v>
    ],
)
def test_values_of_every_type(exported, tmp_path, kind, value, style):
    path = rewrite(
        exported, tmp_path / "t.xlsx", cell=_numbers_in_notes(kind, value, style), sheets=(TASKS,)
    )
    assert_same(path)


def test_rows_out_of_order_repeated_and_far_apart(exported, tmp_path):
    """openpyxl leaves out a row numbered at or below one it gave, and fills the gaps."""
    members = parts(exported)
    for name, order in ((TASKS, [0, 1, 2, 3, 5, 4, 6, 7, 7, 9, 8, 10, 12, 11]), (IDENT, None)):
        root = ET.fromstring(members[name])
        data = root.find(q("sheetData"))
        assert data is not None
        rows = list(data)
        if order:
            for r in rows:
                data.remove(r)
            for i in order:
                data.append(rows[i])
        else:  # the identity's values far down, after a gap
            for r in rows[7:]:
                number = int(r.get("r", "0")) + 500
                r.set("r", str(number))
                for c in r:
                    c.set("r", re.sub(r"\d+", str(number), c.get("r", "")))
        members[name] = serialise(root)
    path = build(tmp_path / "t.xlsx", members)
    assert assert_same(path) == "read"


def test_rows_above_the_header_and_columns_moved(exported, tmp_path):
    """A title row inserted, the columns re-ordered, a column added after 编号 (by openpyxl,
    as the tests' `edit` does)."""
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    shutil.copy(exported, path)
    wb = load_workbook(path)
    ws = wb["台账"]
    ws.insert_rows(1, 2)
    ws["A1"] = "某某科 填报"
    ws.move_range("F5:F18", cols=7)  # 承办人 to the right of 编号
    ws.move_range("H5:H18", cols=-2)  # 状态 where 承办人 was
    ws["N5"] = "备用列"
    wb.save(path)
    assert assert_same(path) == "read"


def test_a_cell_written_twice_and_cells_out_of_order(exported, tmp_path):
    def twice(r: ET.Element) -> None:
        cells = list(r)
        if len(cells) > 9:
            r.append(cells[7])  # 状态 again, last: it counts
            r.remove(cells[2])
            r.insert(0, cells[2])  # 任务 first

    path = rewrite(exported, tmp_path / "t.xlsx", row=twice, sheets=(TASKS,))
    assert assert_same(path) == "read"


@pytest.mark.parametrize(
    "change",
    [
        {"2.2": {"编号": None}},  # a row without a task id
        {"2.2": {"编号": "1.1"}},  # a task twice
        {"2.2": {"编号": None, "序号": None, "任务": None, "专项行动": None}},
    ],
)
def test_refusals_name_the_same_row(exported, tmp_path, change):
    path = tmp_path / "t.xlsx"
    shutil.copy(exported, path)
    edit(path, change)
    assert_same(path)


@pytest.mark.parametrize(
    "where, old, new",
    [
        (TASKS, "<v>12</v>", "<v>12</v></c><c r='Q5' t='s'><v>99999</v>"),  # no such string
        (TASKS, 'r="B5"', 'r="5B"'),  # a cell reference that is none
        (TASKS, '<row r="5"', '<row r="5.5"'),
        (STRINGS, "<si>", "<si><t>x</t><r><t>y</t></r></si><si>"),  # a string more: shifted
        (BOOK, 'r:id="rId1"', 'r:id="rId9"'),  # a sheet without its part
    ],
)
def test_damage_is_refused_by_both(exported, tmp_path, where, old, new):
    members = parts(exported)
    text = members[where].decode("utf-8")
    assert old in text
    members[where] = text.replace(old, new, 1).encode("utf-8")
    assert_same(build(tmp_path / "t.xlsx", members))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1.1", "1.2", "2.1", "2.3", "3.1", "4.5"]),
            st.sampled_from(["状态", "承办人", "进展情况", "备注", "序号"]),
            st.one_of(
                st.none(),
                st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8),
                st.sampled_from([" 推进中 ", "已完成", "done", "张三、李四", "a\r\nb", "  "]),
                st.integers(-5, 10**6),
                st.floats(allow_nan=False, allow_infinity=False, width=32),
                st.booleans(),
            ),
        ),
        max_size=8,
    )
)
def test_any_cells_typed_in_with_openpyxl(exported, tmp_path_factory, cells):
    path = tmp_path_factory.mktemp("typed") / "t.xlsx"
    shutil.copy(exported, path)
    changes: dict[str, dict[str, object]] = {}
    for task, column, value in cells:
        changes.setdefault(task, {})[column] = value
    edit(path, changes)
    assert_same(path)


def test_a_ledger_saved_again_by_libreoffice(exported, tmp_path):
    """LibreOffice writes shared strings with runs and fonts, its own styles, dates as
    numbers: each variant above, saved again by it, reads the same."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    members = parts(exported)
    styles, style = _with_style(members, 14)
    sources = {
        "rich.xlsx": rewrite(
            exported, tmp_path / "rich.xlsx", cell=lambda c, s: to_inline(c, s, True)
        ),
        "dates.xlsx": rewrite(
            exported,
            tmp_path / "dates.xlsx",
            cell=_numbers_in_notes("n", "45016", style),
            sheets=(TASKS,),
            extra={STYLES: styles},
        ),
    }
    out = tmp_path / "saved"
    try:
        subprocess.run(
            [office, "--headless", "--convert-to", "xlsx", "--outdir", str(out)]
            + [str(p) for p in sources.values()],
            capture_output=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish")
    saved = [out / name for name in sources if (out / name).exists()]
    if not saved:
        pytest.skip("LibreOffice did not convert the ledgers")
    for path in saved:
        assert b"<si><r>" in parts(path)[STRINGS] or path.name != "rich.xlsx"
        assert assert_same(path) == "read", path.name
