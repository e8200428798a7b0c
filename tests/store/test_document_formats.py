"""Reading the formats offices receive: .pdf, .html, .xlsx, .doc/.wps (store/documents.py and
the readers beside it). Fixtures: tests/fixtures/formats/README.md says how each was made."""

from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import TESTS
from xiajiceng.errors import DocumentError
from xiajiceng.model.document import Paragraph, TableBlock
from xiajiceng.store.documents import read_document

FORMATS = TESTS / "fixtures" / "formats"
PDF = FORMATS / "分工方案.pdf"
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")


def paragraphs(blocks) -> list[tuple[str, str]]:
    return [(b.where, b.text) for b in blocks if isinstance(b, Paragraph)]


def tables(blocks) -> list[TableBlock]:
    return [b for b in blocks if isinstance(b, TableBlock)]


# -- PDF -----------------------------------------------------------------------------------------


def test_pdf_paragraphs_are_rejoined_and_tables_read_across_pages():
    doc = read_document(PDF)
    assert doc.encoding == "pdf"
    texts = paragraphs(doc.blocks)
    assert texts[0] == ("第 1 页第 1 行", "2024年优化营商环境重点任务分工方案")
    # a paragraph broken into three lines by the page width is one paragraph again
    assert texts[1][1].startswith("为深入贯彻落实") and texts[1][1].endswith("确保按期完成。")
    assert (
        "第 1 页第 6 行",
        "（一）开展“清单式”服务行动。建立重点企业服务清单，定期走访，及时协调解决企业生产"
        "经营中遇到的困难和问题。（牵头单位：市工信局，配合单位：市商务局、各区县政府）",
    ) in texts
    assert texts[-1][1] == "各单位要加强组织领导，明确专人负责，每月底前报送工作进展。"
    [table] = tables(doc.blocks)  # four pages of one table are one table
    assert table.rows[0] == ("序号", "工作任务", "牵头单位", "配合单位", "完成时限")
    assert len(table.rows) == 41
    assert table.rows[1] == (
        "1",
        "推行企业开办“一网通办”，全流程压缩至1个工作日内",
        "市市场监管局",
        "市政务服务局",
        "6月底前",
    )
    assert table.rows[2][3] == "市自然资源局、市发改委"  # a cell's lines joined
    # every row cut by a page break is whole again, and where each row is says its page
    assert [r[:2] for r in table.rows[10:12]] == [
        ("10", "落实第10项改革举措，形成可复制经验"),
        ("11", "落实第11项改革举措，形成可复制经验"),
    ]
    assert [r[0] for r in table.rows[1:]] == [str(n) for n in range(1, 41)]
    assert table.row_where[1] == "第 1 页表 1 第 2 行"
    assert table.row_where[11] == "第 2 页表 1 第 12 行"
    # the heading after the table comes after it
    order = [b.text if isinstance(b, Paragraph) else "TABLE" for b in doc.blocks]
    assert order.index("TABLE") == order.index("（二）任务分解") + 1
    assert order[order.index("TABLE") + 1] == "二、保障措施"


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("加密.pdf", ["设有打开密码", ".docx"]),
        ("扫描件.pdf", ["扫描件", "OCR", ".docx"]),
    ],
)
def test_pdfs_that_cannot_be_read_are_refused_in_one_sentence(name, fragments):
    with pytest.raises(DocumentError) as err:
        read_document(FORMATS / name)
    message = str(err.value)
    assert len(message.splitlines()) == 1
    for f in fragments:
        assert f in message


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw[:2000] + bytes(range(256)) * 40 + raw[12000:],  # scribbled over
        lambda raw: b"%PDF-1.7\n" + b"[" * 200_000,  # nested to exhaust a recursive parser
        lambda raw: b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n%%EOF",
    ],
)
def test_hostile_pdfs_are_one_sentence(tmp_path, mangle):
    doc = tmp_path / "坏.pdf"
    doc.write_bytes(mangle(PDF.read_bytes()))
    try:
        blocks = read_document(doc).blocks
    except DocumentError as exc:
        assert len(str(exc).splitlines()) == 1 and "坏.pdf" in str(exc)
    else:  # pdfminer copes with some damage: then what it read is still text
        assert all(isinstance(b, Paragraph | TableBlock) for b in blocks)


# A PDF written by hand, for what no fixture shows: pages of text drawn where a test says, in
# a font without glyphs (a CID font whose codes are the characters' Unicode, 1 em wide, a
# space half of it): pdfminer reads its text and positions as from any PDF made from Word.
A4_HEIGHT = 842
_TO_UNICODE = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
    b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
    b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
    b"1 beginbfrange <0000> <FFFF> <0000> endbfrange "
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def text_page(items: list[tuple[float, float, str]], size: float = 10.5) -> bytes:
    """A page's drawing instructions: each (x, y from the top, text) in the font F1."""
    ops = []
    for x, y, text in items:
        code = "".join(f"{ord(c):04X}" for c in text).encode()
        ops.append(
            b"BT /F1 %.2f Tf %.2f %.2f Td <%s> Tj ET" % (size, x, A4_HEIGHT - y - size, code)
        )
    return b"\n".join(ops)


def minimal_pdf(contents: list[bytes], flate: bool = False) -> bytes:
    """A PDF of A4 pages, one a content stream (`flate`: the streams are deflated)."""

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)

    pages = 3 + 4  # objects 1-2: catalog and pages, 3-6: the font; then a page and its content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (pages + 2 * i) for i in range(len(contents))), len(contents)),
        stream(_TO_UNICODE),
        b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Song /CIDSystemInfo << /Registry "
        b"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 4 0 R /DW 1000 "
        b"/W [32 [500]] >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] /ToUnicode 3 0 R >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 6 0 R >> >> >>" % (A4_HEIGHT, pages + 2 * i + 1)
        )
        objects.append(stream(content, b" /Filter /FlateDecode" if flate else b""))
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_a_pdf_page_whose_content_expands_too_far_is_refused_before_layout(tmp_path):
    """A few kilobytes of deflated spaces claiming 20 MB of drawing instructions."""
    import zlib

    content = zlib.compress(b" " * (20 * 1024 * 1024), 9)
    doc = tmp_path / "炸弹.pdf"
    doc.write_bytes(minimal_pdf([content], flate=True))
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="第 1 页的内容超过上限"):
        read_document(doc)
    assert time.perf_counter() - started < 2


def rows_at(rows: list[tuple[str, ...]], xs: list[float], top: float, step: float = 18):
    """Drawing items for rows of cells at the columns' x (an empty cell draws nothing)."""
    items = []
    for n, row in enumerate(rows):
        items += [(x, top + n * step, cell) for x, cell in zip(xs, row) if cell]
    return items


UNRULED_X = [78, 110, 310, 470]  # 序号 (numbers centred under it), 工作任务, 牵头单位, 完成时限


def unruled_pdf(path: Path) -> Path:
    """A task table drawn without ruling lines over two pages: headings centred above their
    columns, 序 号 spaced out, a group heading across the table, a task over two lines, the
    header not repeated on page 2; prose before and after."""
    headings = [
        (74, 120, "序 号"),
        (180, 120, "工作任务"),
        (320, 120, "牵头单位"),
        (470, 120, "完成时限"),
    ]
    page1 = [
        (72, 72, "2024年营商环境重点任务分工方案"),
        (72, 96, "为抓好落实，制定本方案。各单位要明确专人负责，确保按期完成。"),
        *headings,
        *rows_at([("1", "推行企业开办一网通办", "市市场监管局", "6月底前")], UNRULED_X, 140),
        (72, 158, "二、优化市场准入环境"),
        *rows_at(
            [
                ("2", "推进工程建设项目审批", "市住建局", "9月底前"),
                ("", "制度改革", "", ""),
                ("3", "优化纳税服务", "市税务局", "年底前"),
            ],
            UNRULED_X,
            176,
        ),
    ]
    page2 = [
        *rows_at([("4", "完善信用体系", "市发改委", "长期坚持")], UNRULED_X, 60),
        (72, 110, "三、保障措施"),
        (72, 130, "各单位要加强组织领导，每月底前报送工作进展。"),
    ]
    path.write_bytes(minimal_pdf([text_page(page1), text_page(page2)]))
    return path


def test_a_pdf_table_drawn_without_lines_is_read_under_its_headings(tmp_path):
    doc = read_document(unruled_pdf(tmp_path / "无框线.pdf"))
    assert paragraphs(doc.blocks) == [
        ("第 1 页第 1 行", "2024年营商环境重点任务分工方案"),
        ("第 1 页第 2 行", "为抓好落实，制定本方案。各单位要明确专人负责，确保按期完成。"),
        ("第 2 页第 2 行", "三、保障措施"),
        ("第 2 页第 3 行", "各单位要加强组织领导，每月底前报送工作进展。"),
    ]
    [table] = tables(doc.blocks)  # one table over two pages
    group = "二、优化市场准入环境"
    assert table.rows == (
        ("序号", "工作任务", "牵头单位", "完成时限"),
        ("1", "推行企业开办一网通办", "市市场监管局", "6月底前"),
        (group, group, group, group),  # across the table: a group row, as a merged one
        ("2", "推进工程建设项目审批制度改革", "市住建局", "9月底前"),
        ("3", "优化纳税服务", "市税务局", "年底前"),
        ("4", "完善信用体系", "市发改委", "长期坚持"),
    )
    assert table.row_where[3] == "第 1 页表 1 第 4 行"
    assert table.row_where[5] == "第 2 页表 1 第 6 行"


def test_a_header_repeated_on_the_next_page_is_one_table_and_widths_of_gaps_are_kept(tmp_path):
    header = ("序号", "任务", "责任领导", "牵头单位", "完成时限")
    xs = [72, 110, 230, 400, 480]
    pages = [
        rows_at([header, ("1", "编制规划", "陆  明    俞  悦", "县发改局", "9月底前")], xs, 100),
        rows_at([header, ("2", "建设平台", "张三丰", "县数据局", "上半年")], xs, 60),
    ]
    path = tmp_path / "两页.pdf"
    path.write_bytes(minimal_pdf([text_page(p) for p in pages]))
    [table] = tables(read_document(path).blocks)
    assert table.rows == (
        header,
        ("1", "编制规划", "陆  明    俞  悦", "县发改局", "9月底前"),
        ("2", "建设平台", "张三丰", "县数据局", "上半年"),
    )


@pytest.mark.parametrize(
    "lines",
    [
        # prose that names the labels is no header
        [
            "请各牵头单位按照工作任务和完成时限抓好落实。",
            "序号 任务 责任单位 完成时限 写在一行里的说明。",
        ],
        # columns without a header of a task table
        ["姓名      电话          单位", "王伟      12345678      县政府办"],
        # a header with prose right under it: no rows
        [
            "序号      工作任务      牵头单位      完成时限",
            "各单位要加强组织领导，明确专人负责，确保按期完成。",
        ],
    ],
    ids=["prose", "not-a-task-table", "header-alone"],
)
def test_prose_and_other_columns_are_not_taken_for_a_table(tmp_path, lines):
    path = tmp_path / "文字.pdf"
    path.write_bytes(minimal_pdf([text_page([(72, 100 + 20 * n, t) for n, t in enumerate(lines)])]))
    doc = read_document(path)
    assert tables(doc.blocks) == []
    text = "".join(t for _, t in paragraphs(doc.blocks)).replace(" ", "")
    assert text == "".join(lines).replace(" ", "")


def test_a_page_of_headings_and_prose_lines_is_read_in_bounded_time(tmp_path):
    """Hostile: every other line a header of a task table, the others prose, at the most lines
    a page can hold; the search for tables without lines stays a small part of the reading."""
    import xiajiceng.store.pdf as pdf

    head = " ".join(["序号", "任务", "牵头单位", "完成时限"] * 5)
    items = []
    for n in range(265):
        text = head if n % 2 == 0 else "乙甲丙丁戊己庚辛壬癸" * 4
        items.append((5, 5 + 3.15 * n, text))
    path = tmp_path / "敌意.pdf"
    path.write_bytes(minimal_pdf([text_page(items, size=3)]))
    spent = []
    original = pdf._unruled_tables

    def timed(*args):
        started = time.perf_counter()
        try:
            return original(*args)
        finally:
            spent.append(time.perf_counter() - started)

    pdf._unruled_tables = timed
    try:
        read_document(path)
    finally:
        pdf._unruled_tables = original
    assert sum(spent) < 2


# -- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发方案的通知_某县人民政府</title>
<style>p {{ color: red }}</style><script>var 菜单 = "首页";</script></head>
<body>
<div class="nav-bar"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开</div>
<table width="100%"><tr><td>
  <h1>2024年农村人居环境整治任务分工方案</h1>
  <p>为持续改善农村人居环境，&nbsp;制定本方案。</p>
  <p>一、重点任务</p>
  <table border="1">
    <tr><th>序号</th><th>任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
    <tr><td rowspan="2">1</td><td>推进农村厕所改造</td><td rowspan="2">县农业农村局</td>
        <td>县卫健局</td><td>6月底前</td></tr>
    <tr><td>完善粪污处理<br>设施</td><td>县生态环境分局</td><td>9月底前</td></tr>
    <tr><td colspan="5">二、生活垃圾治理</td></tr>
    <tr><td>2</td><td>健全收运体系</td><td>县城管局</td><td>各乡镇</td><td>年底前</td></tr>
  </table>
  <p>二、保障措施</p><p>各乡镇要落实属地责任。</p>
</td></tr></table>
<div id="footer">版权所有：某县人民政府</div>
<script>document.write("统计")</script>
</body></html>
"""


def test_html_page_saved_from_a_government_site(tmp_path):
    doc = tmp_path / "方案.html"
    doc.write_bytes(PAGE.format().encode("gbk"))
    got = read_document(doc)
    assert got.encoding == "html"
    assert paragraphs(got.blocks) == [
        ("第 1 段", "2024年农村人居环境整治任务分工方案"),
        ("第 2 段", "为持续改善农村人居环境， 制定本方案。"),
        ("第 3 段", "一、重点任务"),
        ("第 4 段", "二、保障措施"),
        ("第 5 段", "各乡镇要落实属地责任。"),
    ]
    [table] = tables(got.blocks)
    assert table.rows == (
        ("序号", "任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "推进农村厕所改造", "县农业农村局", "县卫健局", "6月底前"),
        ("1", "完善粪污处理\n设施", "县农业农村局", "县生态环境分局", "9月底前"),
        ("二、生活垃圾治理",) * 5,
        ("2", "健全收运体系", "县城管局", "各乡镇", "年底前"),
    )
    assert table.row_where[2] == "表 1 第 3 行"
    # a table is in order between the paragraphs around it
    kinds = ["T" if isinstance(b, TableBlock) else b.text[:2] for b in got.blocks]
    assert kinds == ["20", "为持", "一、", "T", "二、", "各乡"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeff<p>一、总体要求</p>".encode(), "一、总体要求"),  # UTF-8 with BOM
        ("<meta charset='GBK'><p>一、总体要求</p>".encode("gbk"), "一、总体要求"),
        ("<p>一、总体要求</p>".encode("gb18030"), "一、总体要求"),  # no charset: not UTF-8
        ("<meta charset='utf-8'><p>一、总体要求</p>".encode(), "一、总体要求"),
        ("<meta charset='x-nonsense'><p>一、总体要求</p>".encode(), "一、总体要求"),
    ],
)
def test_html_encodings(tmp_path, raw, expected):
    doc = tmp_path / "页.htm"
    doc.write_bytes(raw)
    assert paragraphs(read_document(doc).blocks) == [("第 1 段", expected)]


def test_hostile_html_is_bounded(tmp_path):
    doc = tmp_path / "深.html"
    doc.write_bytes(b"<div>" * 200_000 + "一、总体要求".encode() + b"<table>" * 5000)
    started = time.perf_counter()
    assert paragraphs(read_document(doc).blocks)[0][1] == "一、总体要求"
    spans = tmp_path / "合并.html"
    cell = b'<td rowspan="999999" colspan="999999">x</td>'
    spans.write_bytes(b"<table>" + (b"<tr>" + cell * 20 + b"</tr>") * 50 + b"</table>")
    with pytest.raises(DocumentError, match="单元格"):
        read_document(spans)
    assert time.perf_counter() - started < 10


def test_a_doc_that_is_really_a_web_page_is_read_as_one(tmp_path):
    """Government sites often offer a “.doc” that is an HTML page Word can open."""
    doc = tmp_path / "附件.doc"
    doc.write_bytes("<html><body><p>一、总体要求</p></body></html>".encode())
    assert paragraphs(read_document(doc, environ={"PATH": ""}).blocks) == [
        ("第 1 段", "一、总体要求")
    ]


# -- XLSX ----------------------------------------------------------------------------------------


def make_task_table(path: Path) -> Path:
    """An Excel 任务分解表 as offices keep it: a merged title row, an empty first column,
    a lead unit merged over two rows, a real date, a hidden list sheet, a second sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws["B1"] = "2024年安全生产重点任务分解表"
    ws.merge_cells("B1:G1")
    ws.append([None, "序号", "任务", "责任领导", "牵头单位", "配合单位", "完成时限"])
    ws.append(
        [None, 1, "开展隐患排查", "王建国", "县应急局", "县消防救援大队", datetime(2024, 5, 31)]
    )
    ws.append([None, 2, "加强执法检查", "王建国", None, "各乡镇", "9月底前"])
    ws.merge_cells("E3:E4")
    ws.append([None, 3, "强化宣传培训", "李红", "县应急局", "县教育局、县融媒体中心", "全年"])
    hidden = wb.create_sheet("下拉")
    hidden.append(["未启动"])
    hidden.sheet_state = "hidden"
    other = wb.create_sheet("第二部分")
    other.append(["序号", "任务", "牵头单位", "完成时限"])
    other.append([4, "完善应急预案", "县应急局", "6月底前"])
    wb.save(path)
    return path


def test_xlsx_task_table(tmp_path):
    got = read_document(make_task_table(tmp_path / "任务分解表.xlsx"))
    assert got.encoding == "xlsx"
    assert paragraphs(got.blocks) == [("工作表“任务分解表”第 1 行", "2024年安全生产重点任务分解表")]
    first, second = tables(got.blocks)
    assert first.rows == (
        ("序号", "任务", "责任领导", "牵头单位", "配合单位", "完成时限"),
        ("1", "开展隐患排查", "王建国", "县应急局", "县消防救援大队", "2024年5月31日"),
        ("2", "加强执法检查", "王建国", "县应急局", "各乡镇", "9月底前"),
        ("3", "强化宣传培训", "李红", "县应急局", "县教育局、县融媒体中心", "全年"),
    )
    assert first.row_where == tuple(f"工作表“任务分解表”第 {n} 行" for n in (2, 3, 4, 5))
    assert second.rows[1] == ("4", "完善应急预案", "县应急局", "6月底前")
    assert (first.name, second.name) == ("任务分解表", "第二部分")  # each table its sheet's name


def test_xlsx_whose_merged_range_covers_the_sheet_is_refused_fast(tmp_path):
    """One <mergeCell> over the whole sheet: openpyxl would make 17 billion cells of it."""
    import zipfile

    from openpyxl import Workbook

    small = tmp_path / "小.xlsx"
    wb = Workbook()
    wb.active["A1"] = "任务"
    wb.save(small)
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge)
            dst.writestr(info, data)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="单元格"):
        read_document(path)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "raw", [b"PK\x03\x04 not a zip", b"not even a zip", b"PK\x05\x06" + bytes(18)]
)
def test_damaged_xlsx_is_one_sentence(tmp_path, raw):
    doc = tmp_path / "坏.xlsx"
    doc.write_bytes(raw)
    with pytest.raises(DocumentError) as err:
        read_document(doc)
    assert len(str(err.value).splitlines()) == 1 and ".xlsx" in str(err.value)


# -- .doc / .wps through LibreOffice ---------------------------------------------------------------


def test_doc_without_libreoffice_says_how_to_convert(tmp_path):
    with pytest.raises(DocumentError) as err:
        read_document(FORMATS / "分工方案.doc", environ={"PATH": str(tmp_path)})
    assert str(err.value).startswith("这台电脑没有安装 LibreOffice")
    assert "另存为 .docx" in str(err.value)


@needs_office
def test_doc_is_converted_by_libreoffice_on_a_copy(tmp_path):
    import os

    source = tmp_path / "分工方案.doc"
    shutil.copy(FORMATS / "分工方案.doc", source)
    before = sorted(tmp_path.iterdir())
    got = read_document(source, environ=dict(os.environ))
    assert got.encoding == "doc"
    assert paragraphs(got.blocks)[0] == ("第 1 段", "2024年优化营商环境重点任务分工方案")
    [table] = tables(got.blocks)
    assert len(table.rows) == 41 and table.rows[4][4] == "长期坚持"
    assert sorted(tmp_path.iterdir()) == before  # nothing left beside the document


def fake_office(folder: Path, script: str) -> dict[str, str]:
    """A PATH whose soffice is a shell script: LibreOffice failing or hanging."""
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return {"PATH": f"{folder}:/usr/bin:/bin"}


posix_only = pytest.mark.skipif(not Path("/bin/sh").exists(), reason="needs /bin/sh")


@posix_only
def test_libreoffice_failing_is_one_sentence(tmp_path):
    environ = fake_office(tmp_path, 'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    with pytest.raises(DocumentError) as err:
        read_document(FORMATS / "分工方案.doc", environ=environ)
    message = str(err.value)
    assert len(message.splitlines()) == 1 and "另存为 .docx" in message
    assert "source file could not be loaded" in message


@posix_only
def test_libreoffice_hanging_is_stopped(tmp_path, monkeypatch):
    from xiajiceng.store import convert

    monkeypatch.setattr(convert, "CONVERT_SECONDS", 1)
    environ = fake_office(tmp_path, "sleep 30 &\nsleep 30\n")  # a helper of its own, too
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="超过 1 秒仍未完成"):
        read_document(FORMATS / "分工方案.doc", environ=environ)
    assert time.perf_counter() - started < 10


# -- a ruled table whose cells list names one per line --------------------------------------

RULED_X = [70, 110, 300, 400, 470]  # borders: 序号 | 工作任务 | 牵头单位 | 完成时限
RULED_Y = [115, 135, 170, 205]  # borders: the header row and two rows of two lines each


def ruled_lines(xs: list[float], ys: list[float]) -> bytes:
    """A grid of ruling lines (y from the top)."""
    ops = [b"%.2f %.2f m %.2f %.2f l S" % (xs[0], A4_HEIGHT - y, xs[-1], A4_HEIGHT - y) for y in ys]
    ops += [
        b"%.2f %.2f m %.2f %.2f l S" % (x, A4_HEIGHT - ys[0], x, A4_HEIGHT - ys[-1]) for x in xs
    ]
    return b"0.5 w\n" + b"\n".join(ops)


def ruled_pdf(path: Path) -> Path:
    """A ruled task table: in row 1 the lead units listed one per line (市发改委 / 市财政局:
    each line ends with room to spare), in row 2 one unit's name wrapped by the cell's width
    (市发展和改革委员 runs to the border, 会 on the next line), the task's text wrapped too."""
    left = [x + 4 for x in RULED_X]  # each cell's text 4 points in from its left border
    items = [
        (72, 80, "2024年重点任务分工表"),
        *rows_at([("序号", "工作任务", "牵头单位", "完成时限")], left, 119),
        *rows_at(
            [("1", "推进数据共享", "市发改委", "6月底前"), ("", "", "市财政局", "")], left, 139, 14
        ),
        *rows_at(
            [
                ("2", "完善考核评价办法，形成可复制推广的", "市发展和改革委员", "年底前"),
                ("", "经验", "会", ""),
            ],
            left,
            174,
            14,
        ),
    ]
    path.write_bytes(minimal_pdf([text_page(items) + b"\n" + ruled_lines(RULED_X, RULED_Y)]))
    return path


def test_a_ruled_cell_keeps_the_lines_it_lists_and_joins_the_lines_it_wraps(tmp_path):
    [table] = tables(read_document(ruled_pdf(tmp_path / "有框线.pdf")).blocks)
    assert table.rows == (
        ("序号", "工作任务", "牵头单位", "完成时限"),
        ("1", "推进数据共享", "市发改委\n市财政局", "6月底前"),
        ("2", "完善考核评价办法，形成可复制推广的经验", "市发展和改革委员会", "年底前"),
    )


def test_a_table_without_lines_under_traditional_headings_is_read(tmp_path):
    headings = [
        (74, 120, "序號"),
        (180, 120, "工作任務"),
        (320, 120, "牽頭單位"),
        (470, 120, "完成時限"),
    ]
    rows = [
        ("1", "推行企業開辦一網通辦", "市市場監管局", "6月底前"),
        ("2", "優化納稅服務", "市稅務局", "年底前"),
    ]
    path = tmp_path / "繁體.pdf"
    path.write_bytes(minimal_pdf([text_page([*headings, *rows_at(rows, UNRULED_X, 140)])]))
    [table] = tables(read_document(path).blocks)
    assert table.rows == (("序號", "工作任務", "牽頭單位", "完成時限"), *rows)


# -- a plain text whose paragraphs ran together on one line -----------------------------------


def test_paragraphs_run_together_on_one_line_are_parted_at_their_indents(tmp_path):
    doc = tmp_path / "一行.txt"
    doc.write_text(
        "关于印发重点任务分工方案的通知\n"
        "各区县人民政府，市直各部门：　　现将方案印发给你们。　　一、总体要求　　坚持问题导向。"
        "　　二、重点任务　　（一）推行企业开办一网通办。（牵头单位：市市场监管局）"
        "　　1.压缩开办时间。\n"
        "责任领导：陆　明　　俞　悦\n",
        encoding="utf-8",
    )
    assert paragraphs(read_document(doc).blocks) == [
        ("第 1 行", "关于印发重点任务分工方案的通知"),
        ("第 2 行第 1 段", "各区县人民政府，市直各部门："),
        ("第 2 行第 2 段", "现将方案印发给你们。"),
        ("第 2 行第 3 段", "一、总体要求"),
        ("第 2 行第 4 段", "坚持问题导向。"),
        ("第 2 行第 5 段", "二、重点任务"),
        ("第 2 行第 6 段", "（一）推行企业开办一网通办。（牵头单位：市市场监管局）"),
        ("第 2 行第 7 段", "1.压缩开办时间。"),
        # names padded apart with two ideographic spaces: no mark before them, one line
        ("第 3 行", "责任领导：陆　明　　俞　悦"),
    ]
