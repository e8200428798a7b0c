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


def test_a_pdf_page_whose_content_expands_too_far_is_refused_before_layout(tmp_path):
    """A few kilobytes of deflated spaces claiming 20 MB of drawing instructions."""
    import zlib

    content = zlib.compress(b" " * (20 * 1024 * 1024), 9)
    body = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(content)).encode() + b" /Filter /FlateDecode >>\n"
        b"stream\n" + content + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )
    doc = tmp_path / "炸弹.pdf"
    doc.write_bytes(body)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="第 1 页的内容超过上限"):
        read_document(doc)
    assert time.perf_counter() - started < 2


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
