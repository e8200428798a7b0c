"""Hostile input of every size and kind is refused early, in one sentence, with nothing written:
zip bombs and damaged XML in sheets and documents, pipes and devices, huge text, huge notes,
dates and numbers out of range. No test times anything: a guard only turns a hang into a
failure."""

from __future__ import annotations

import json
import os
import re
import signal
import struct
import sys
import zipfile
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.helpers import assert_refused
from xiajiceng.cli import completion as C
from xiajiceng.errors import SheetError
from xiajiceng.model import MAX_NOTE_CHARS
from xiajiceng.store import bounded as B
from xiajiceng.store.documents import MAX_PARAGRAPH_CHARS
from xiajiceng.store.sheets import MAX_SHEET_CELLS, MAX_SHEET_ROWS

TASK_SHEET = "xl/worksheets/sheet1.xml"
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


@contextmanager
def no_hang(seconds: int = 20):
    """Fail, instead of hanging the run, if the body blocks (a pipe opened or read)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(signum, frame):
        raise AssertionError("blocked: the input was read as if it would end")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- building hostile Office files ---------------------------------------------------------------


def zeros(total: int, chunk: bytes = b"\0" * (1 << 20)):
    while total > 0:
        yield chunk[: min(total, len(chunk))]
        total -= len(chunk)


def rezip(source: Path, target: Path, replace: dict[str, object]) -> Path:
    """A copy of an Office file with some members replaced: bytes, or an iterable of chunks
    written through ZipFile.open(mode='w') (so a large member is never held in memory)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names + [n for n in replace if n not in names]:
            value = replace.get(name, src.read(name) if name in names else None)
            if value is None:
                continue
            if isinstance(value, bytes):
                dst.writestr(name, value)
            else:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(info, "w", force_zip64=True) as out:
                    for chunk in value:
                        out.write(chunk)
    return target


def damage(source: Path, target: Path, member: str, content: bytes | None) -> Path:
    """A copy of an Office file with one member replaced by `content`, or left out (None)."""
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if content is None:
        del parts[member]
    else:
        parts[member] = content
    with zipfile.ZipFile(target, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def sheet_xml(rows: str, dimension: str = "A1:L3") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


@pytest.fixture
def ledger(xjc, tmp_path) -> Path:
    xjc.ok("mark", "2.1", "推进中", "--note", "指导组已组建", "--date", "2023-02-08")
    path = tmp_path / "ledger.xlsx"
    xjc.ok("export", str(path), "--as-of", "2023-03-10")
    return path


@pytest.fixture
def journal_before(journal_file):
    return journal_file.read_bytes()


def refused_collect(xjc, path: Path, journal_file: Path, before: bytes, *fragments: str):
    with no_hang():
        res = xjc("collect", str(path))
    assert_refused(res, 1, str(path), *fragments)
    assert journal_file.read_bytes() == before  # nothing written
    return res


def test_a_sheet_that_expands_a_thousandfold_is_refused_unread(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    bomb = rezip(ledger, tmp_path / "bomb.xlsx", {TASK_SHEET: zeros(200 << 20)})
    assert bomb.stat().st_size < 1 << 20
    refused_collect(xjc, bomb, journal_file, journal_before, TASK_SHEET, "200 MB")
    # within the size of a member, but expanding a thousandfold
    small = rezip(ledger, tmp_path / "small.xlsx", {TASK_SHEET: zeros(10 << 20)})
    refused_collect(xjc, small, journal_file, journal_before, TASK_SHEET, "压缩炸弹")


def test_a_member_whose_header_understates_its_size_ends_as_damaged(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    """zipfile reads no more than the declared size, so a lie cannot make it read more."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 20000))
    liar = rezip(ledger, tmp_path / "liar.xlsx", {TASK_SHEET: sheet_xml(rows)})
    data = bytearray(liar.read_bytes())
    name = TASK_SHEET.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature + b"")
        while at != -1:
            name_len = struct.unpack_from("<H", data, at + (26 if offset == 22 else 28))[0]
            start = at + (30 if offset == 22 else 46)
            if data[start : start + name_len] == name:
                struct.pack_into("<I", data, at + offset, 1000)  # "1,000 bytes"
            at = data.find(signature, at + 4)
    liar.write_bytes(bytes(data))
    refused_collect(xjc, liar, journal_file, journal_before, "损坏")


def test_a_sheet_claiming_millions_of_rows_is_refused_at_once(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    with zipfile.ZipFile(ledger) as z:
        real = z.read(TASK_SHEET).decode()
    # the real rows, then one numbered 2,000,000: openpyxl makes up the empty rows between
    far = '<row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData>'
    gap = rezip(
        ledger, tmp_path / "gap.xlsx", {TASK_SHEET: real.replace("</sheetData>", far).encode()}
    )
    refused_collect(xjc, gap, journal_file, journal_before, str(MAX_SHEET_ROWS))
    # a dimension that says so
    claimed = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:L20000000"', real)
    assert claimed != real
    dim = rezip(ledger, tmp_path / "dim.xlsx", {TASK_SHEET: claimed.encode()})
    refused_collect(xjc, dim, journal_file, journal_before, str(MAX_SHEET_ROWS))


def test_a_sheet_of_two_million_real_rows_is_refused(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    head = sheet_xml("<!--rows-->").split(b"<!--rows-->")

    def body():
        yield head[0]
        for start in range(1, 2_000_001, 10_000):
            yield "".join(f'<row r="{i}"/>' for i in range(start, start + 10_000)).encode()
        yield head[1]

    many = rezip(ledger, tmp_path / "many.xlsx", {TASK_SHEET: body()})
    refused_collect(xjc, many, journal_file, journal_before)


def test_a_small_sheet_of_too_many_rows_is_refused_as_it_is_read(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    """However small the sheet, its rows are counted as they stream."""
    with zipfile.ZipFile(ledger) as z:
        real = z.read(TASK_SHEET).decode()
    rows = "".join(f'<row r="{i}"/>' for i in range(100, MAX_SHEET_ROWS + 10))
    many = rezip(
        ledger,
        tmp_path / "many.xlsx",
        {TASK_SHEET: real.replace("</sheetData>", rows + "</sheetData>").encode()},
    )
    assert zipfile.ZipFile(many).getinfo(TASK_SHEET).file_size < 2 << 20
    refused_collect(xjc, many, journal_file, journal_before, str(MAX_SHEET_ROWS))


def test_rows_that_all_claim_one_number_are_counted_one_by_one(
    xjc, ledger, tmp_path, journal_file, journal_before
):
    """(openpyxl would skip each after the first, reading on without end.)"""
    noise = os.urandom(MAX_SHEET_ROWS + 1).hex()  # (or the sheet compresses like a bomb)
    same = sheet_xml(
        "".join(f'<row r="1" n="{noise[2 * i : 2 * i + 2]}"/>' for i in range(MAX_SHEET_ROWS + 1))
    )
    many = rezip(ledger, tmp_path / "same.xlsx", {TASK_SHEET: same})
    refused_collect(xjc, many, journal_file, journal_before, str(MAX_SHEET_ROWS))


def test_a_row_of_too_many_cells_is_refused(xjc, ledger, tmp_path, journal_file, journal_before):
    wide = rezip(
        ledger,
        tmp_path / "wide.xlsx",
        {TASK_SHEET: sheet_xml("<row>" + "<c/>" * 20_000 + "</row>")},
    )
    refused_collect(xjc, wide, journal_file, journal_before, str(MAX_SHEET_CELLS))


@pytest.mark.parametrize(
    "member, content",
    [
        (TASK_SHEET, b"<worksheet><sheetData><row>"),  # cut short
        (TASK_SHEET, b"\xff\xfe not xml at all"),
        ("xl/sharedStrings.xml", b"<sst><si><t>x</si></sst>"),
        ("xl/workbook.xml", b"<workbook><sheets><sheet name='x'"),
        ("xl/styles.xml", b"<styleSheet><<"),
        ("[Content_Types].xml", None),  # a missing part
        ("xl/workbook.xml", None),
    ],
)
def test_damaged_xml_in_a_sheet_is_one_sentence(
    xjc, ledger, tmp_path, journal_file, journal_before, member, content
):
    damaged = damage(ledger, tmp_path / "damaged.xlsx", member, content)
    refused_collect(xjc, damaged, journal_file, journal_before)


def test_not_a_zip_and_a_truncated_zip(xjc, ledger, tmp_path, journal_file, journal_before):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    refused_collect(xjc, junk, journal_file, journal_before)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(ledger.read_bytes()[:-200])
    refused_collect(xjc, cut, journal_file, journal_before)


def test_the_zip_directory_is_checked_against_every_limit(tmp_path):
    source = B.Input(tmp_path / "x.xlsx", "台账文件", SheetError)

    def member(name: str, size: int, packed: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name)
        info.file_size, info.compress_size = size, packed
        return info

    limits = B.SHEET_ZIP
    B.check_zip(source, [member(TASK_SHEET, 5 << 20, 1 << 20)], limits)  # an ordinary ledger
    with pytest.raises(SheetError, match="部件"):
        B.check_zip(source, [member("a", 1, 1)] * (B.MAX_ZIP_MEMBERS + 1), limits)
    with pytest.raises(SheetError, match=re.escape("xl/styles.xml")):
        B.check_zip(source, [member("xl/styles.xml", B.MAX_ZIP_MEMBER_BYTES + 1, 1 << 24)], limits)
    big = B.MAX_ZIP_LARGE_BYTES
    B.check_zip(source, [member(TASK_SHEET, big, big // 4)], limits)
    with pytest.raises(SheetError, match=re.escape(TASK_SHEET)):
        B.check_zip(source, [member(TASK_SHEET, big + 1, big)], limits)
    sheets = [member(f"xl/worksheets/s{i}.xml", big, big // 4) for i in range(5)]
    with pytest.raises(SheetError, match="共有"):
        B.check_zip(source, sheets, limits)
    with pytest.raises(SheetError, match="压缩炸弹"):
        B.check_zip(source, [member(TASK_SHEET, 50 << 20, 100 << 10)], limits)
    # a name from the file is shown without its control characters
    with pytest.raises(SheetError) as caught:
        B.check_zip(source, [member("a\x1b]52;c;x\x07.xml", 50 << 20, 1)], limits)
    assert "\x1b" not in caught.value.message and "\x07" not in caught.value.message


# -- documents to import ---------------------------------------------------------------------------


@pytest.fixture
def docx_file(tmp_path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("2023年测试工作方案")
    document.add_paragraph("一、专项行动")
    document.add_paragraph("（一）整理台账。责任单位：办公室。")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


def refused_import(xjc, path: Path, tmp_path: Path, *fragments: str):
    out = tmp_path / "out.yaml"
    with no_hang():
        res = xjc("import", str(path), "-o", str(out))
    assert_refused(res, 1, str(path), *fragments)
    assert not out.exists()
    return res


def test_the_docx_fixture_imports(xjc, docx_file, tmp_path):
    xjc.ok("import", str(docx_file), "-o", str(tmp_path / "ok.yaml"))


def test_a_docx_bomb_is_refused(xjc, docx_file, tmp_path):
    bomb = rezip(docx_file, tmp_path / "bomb.docx", {"word/document.xml": zeros(200 << 20)})
    refused_import(xjc, bomb, tmp_path, "word/document.xml", "200 MB")
    small = rezip(docx_file, tmp_path / "small.docx", {"word/document.xml": zeros(10 << 20)})
    refused_import(xjc, small, tmp_path, "word/document.xml", "压缩炸弹")


def test_a_docx_of_too_many_parts_is_refused(xjc, docx_file, tmp_path):
    parts = {f"word/media/p{i}.png": b"x" for i in range(B.MAX_ZIP_MEMBERS + 1)}
    crowded = rezip(docx_file, tmp_path / "crowded.docx", parts)
    refused_import(xjc, crowded, tmp_path, str(B.MAX_ZIP_MEMBERS))


@pytest.mark.parametrize(
    "member, content",
    [
        ("word/document.xml", b"<w:document><w:body><w:p>"),
        ("word/document.xml", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'),
        ("[Content_Types].xml", b"<Types"),
        ("[Content_Types].xml", None),
        ("word/_rels/document.xml.rels", b"<Relationships><Relationship"),
    ],
)
def test_damaged_xml_in_a_docx_is_one_sentence(xjc, docx_file, tmp_path, member, content):
    refused_import(xjc, damage(docx_file, tmp_path / "damaged.docx", member, content), tmp_path)


def test_a_huge_text_document_is_refused_before_it_is_read(xjc, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # one line, larger than the limit
        f.write("一、".encode() + "字".encode() * (B.MAX_TEXT_DOC_BYTES // 3 + 10))
    refused_import(xjc, huge, tmp_path, "MB")


def test_a_line_longer_than_any_paragraph_is_refused_by_its_place(xjc, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(
        "2023年测试工作方案\n一、专项行动\n（一）" + "、" * MAX_PARAGRAPH_CHARS + "\n",
        encoding="utf-8",
    )
    refused_import(xjc, long, tmp_path, "第 3 行", str(MAX_PARAGRAPH_CHARS))


def test_a_docx_table_number_of_thousands_of_digits_is_no_crash(xjc, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2023年测试工作方案")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["序号", "任务", "牵头单位"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["9" * 5000, "整理台账", "办公室"]):
        cell.text = text
    path = tmp_path / "digits.docx"
    document.save(str(path))
    res = xjc("import", str(path), "-o", str(tmp_path / "d.yaml"))
    assert res.code in (0, 1) and "Traceback" not in res.stderr


# -- pipes, devices and folders ------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("name", ["ledger.xlsx", "plan.docx", "plan.txt"])
def test_a_named_pipe_is_refused_without_blocking(xjc, tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    command = "collect" if name.endswith(".xlsx") else "import"
    with no_hang():
        res = xjc(
            command, str(fifo), *(["-o", str(tmp_path / "o.yaml")] if command == "import" else [])
        )
    assert_refused(res, 1, str(fifo), "命名管道")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("command", ["collect", "import"])
def test_a_device_that_never_ends_is_refused(xjc, tmp_path, command):
    with no_hang():
        res = xjc(
            command, "/dev/zero", *(["-o", str(tmp_path / "o.yaml")] if command == "import" else [])
        )
    assert_refused(res, 1, "/dev/zero", "设备文件")


def test_a_folder_is_refused_as_a_folder(xjc, tmp_path):
    folder = tmp_path / "box.xlsx"
    folder.mkdir()
    assert_refused(xjc("collect", str(folder)), 1, str(folder), "文件夹")


def test_the_plan_fingerprint_refuses_a_pipe(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    from xiajiceng.errors import PlanError
    from xiajiceng.store.sheets import plan_fingerprint

    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    with no_hang(), pytest.raises(PlanError, match="命名管道"):
        plan_fingerprint(fifo)


@POSIX
def test_tab_completion_never_blocks_on_a_pipe_or_reads_a_device(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    ctx = SimpleNamespace(params={"plan": str(fifo)})
    with no_hang():
        assert C.complete_task(ctx, "") == []
        assert C.complete_leader(SimpleNamespace(params={"plan": "/dev/zero"}), "") == []


def test_tab_completion_through_the_script_with_a_pipe_as_plan(tmp_path):
    """The whole `xjc` script, as the shell runs it on a Tab: it must answer, not hang."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    import subprocess

    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    environ = {
        **os.environ,
        "_XJC_COMPLETE": "complete_bash",
        "COMP_WORDS": f"xjc show --plan {fifo} ",
        "COMP_CWORD": "4",
    }
    proc = subprocess.run(
        [sys.executable, "-c", "from xiajiceng.cli.boundary import run; run()"],
        env=environ,
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr


def test_a_plan_too_large_for_a_tab_completes_nothing(tmp_path):
    from xiajiceng.store.plans import MAX_PLAN_BYTES

    plan = tmp_path / "big.yaml"
    plan.write_bytes(b"# " + b"x" * MAX_PLAN_BYTES + b"\n")
    assert C.complete_task(SimpleNamespace(params={"plan": str(plan)}), "") == []


def test_read_regular_refuses_a_file_that_grows_past_the_limit(tmp_path):
    from xiajiceng.errors import DocumentError

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    source = B.Input(path, "文档", DocumentError)
    assert B.read_regular(source, 100) == b"x" * 100
    with pytest.raises(DocumentError, match="超过上限"):
        B.read_regular(source, 99)
    with pytest.raises(DocumentError, match="找不到"):
        B.read_regular(B.Input(tmp_path / "none", "文档", DocumentError), 100)


# -- notes -----------------------------------------------------------------------------------------


def test_a_note_longer_than_the_limit_is_refused(xjc, journal_file):
    xjc.ok("mark", "1.1", "--note", "长" * MAX_NOTE_CHARS, "--date", "2023-03-01")
    before = journal_file.read_bytes()
    assert_refused(
        xjc("mark", "1.1", "--note", "长" * (MAX_NOTE_CHARS + 1)), 2, str(MAX_NOTE_CHARS)
    )
    assert_refused(xjc("done", "1.2", "--note", "长" * (MAX_NOTE_CHARS + 1)), 2)
    assert journal_file.read_bytes() == before


def test_a_huge_note_already_in_a_journal_is_cut_where_it_is_shown(xjc, journal_file):
    """A colleague may push one; every listing stays readable and whole in --json."""
    xjc.ok("mark", "1.1", "doing", "--note", "short", "--date", "2023-03-01")
    lines = journal_file.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-1])
    huge = "进" * 1_000_000
    record["note"] = huge
    lines[-1] = json.dumps(record, ensure_ascii=False)
    journal_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (["list"], ["show", "1.1"], ["log"], ["report", "--month", "3", "--year", "2023"]):
        for tty in (True, False):
            out = xjc.ok(*args, tty=tty).stdout
            assert "进进进" in out
            assert len(out) < 100_000, (args, tty, len(out))
            assert "…（共" in out
            if not tty and args[0] in {"list", "log"}:  # lines, not tables
                assert "进" * MAX_NOTE_CHARS + "…（共 1000000 字" in out
    shown = xjc.ok("list", "--json").json()
    assert shown[0]["last_note"]["text"] == huge


def test_a_sheet_note_longer_than_the_limit_is_refused(xjc, ledger, journal_file, journal_before):
    from openpyxl import load_workbook

    wb = load_workbook(ledger)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[3]] if ws.max_row >= 3 else []
    for row in ws.iter_rows(min_row=1, max_row=10):
        labels = [c.value for c in row]
        if "进展情况" in labels or "最新进展" in labels:
            header = labels
            header_row = row[0].row
            break
    column = header.index("最新进展") if "最新进展" in header else header.index("进展情况")
    ws.cell(row=header_row + 1, column=column + 1, value="长" * (MAX_NOTE_CHARS + 1))
    wb.save(ledger)
    refused_collect(xjc, ledger, journal_file, journal_before, str(MAX_NOTE_CHARS))


# -- dates and numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["list", "--as-of", "9999-12-31"], ["9999-12-31", "1900-01-01", "2099-12-31"]),
        (["list", "--as-of", "1899-12-31"], ["1899-12-31", "2099-12-31"]),
        (["show", "1.1", "--as-of", "9999-12-31"], ["2099-12-31"]),
        (["--as-of", "9999-12-31"], ["2099-12-31"]),
        (["timeline", "--as-of", "9999-12-31"], ["2099-12-31"]),
        (["export", "x.csv", "--as-of", "9999-12-31"], ["2099-12-31"]),
        (["mark", "1.1", "doing", "--date", "0001-01-01"], ["2099-12-31"]),
        (["list", "--due-within", "99999999"], ["3660"]),
        (["list", "--due-within", "3661"], ["3660"]),
        (["list", "--due-within", "9" * 5000], ["--due-within"]),
        (["report", "--month", "3", "--year", "9999"], ["2099"]),
        (["report", "--month", "9" * 5000], ["月份"]),
        (["list", "--limit", "9" * 5000], ["--limit"]),
        (["show", "9" * 5000 + ".1"], ["任务编号"]),
        (["show", "1." + "9" * 5000], ["任务编号"]),
    ],
)
def test_numbers_and_dates_out_of_range_are_refused(xjc, journal_file, args, fragments):
    assert_refused(xjc(*args), 2, *fragments)
    assert not journal_file.exists()


def test_the_edges_of_the_range_work(xjc):
    xjc.ok("list", "--as-of", "2099-12-31", "--due-within", "3660")
    xjc.ok("list", "--as-of", "1900-01-01")
    xjc.ok("timeline", "--as-of", "2099-12-31")
    xjc.ok("report", "--month", "12", "--year", "2099")


def test_a_plan_date_out_of_range_is_a_plan_error_not_a_crash(xjc, tmp_path):
    from xiajiceng.store.plans import bundled_plan_path

    text = bundled_plan_path().read_text(encoding="utf-8")
    plan = tmp_path / "far.yaml"
    plan.write_text(text.replace("结束: 2023-03-31", "结束: 9999-12-31", 1), encoding="utf-8")
    assert "9999-12-31" in plan.read_text(encoding="utf-8")
    res = xjc("list", "--plan", str(plan))
    assert_refused(res, 1, "9999-12-31", "2099-12-31")


def test_working_days_up_to_the_last_year_of_datetime_do_not_overflow():
    from datetime import date

    from xiajiceng.model.workdays import count_workdays

    assert count_workdays(date(9999, 12, 1), date(9999, 12, 31)).days == 23
