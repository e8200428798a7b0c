"""xjc import on the formats offices receive, as a clerk sees it: what it read, at 80 columns,
each doubtful point with its place, and --dry-run writing nothing."""

from __future__ import annotations

import pytest

from tests.helpers import assert_refused, loaded_by
from tests.store.test_document_formats import FORMATS, PAGE, PDF, make_task_table
from xiajiceng.errors import ExitCode
from xiajiceng.store.plans import read_plan
from xiajiceng.text import display_width


def fits(stdout: str, width: int = 80) -> bool:
    """The table and the doubtful points fit the terminal (the closing sentences, which hold
    a path, are left to the terminal to wrap)."""
    body = stdout.split("\n\n已写入")[0]
    return all(display_width(line.rstrip()) <= width for line in body.splitlines())


def owners(plan, task_id):
    t = plan.task(task_id)
    return ("、".join(t.leaders), "、".join(t.lead), "、".join(t.support), t.due_text)


def test_pdf_import_shows_every_task_and_its_owners(xjc, tmp_path):
    out = tmp_path / "方案.yaml"
    res = xjc.ok("import", str(PDF), "-o", str(out))
    plan = read_plan(out)
    assert plan.title == "2024年优化营商环境重点任务分工方案"
    assert owners(plan, "1.1") == ("", "市工信局", "市商务局、各区县政府", None)
    assert plan.task("2.10").title == "落实第10项改革举措，形成可复制经验"  # cut by a page
    assert owners(plan, "2.2") == ("", "市住建局", "市自然资源局、市发改委", "9月底前")
    assert len(plan.tasks) == 41  # 1 + 40 in the table: its caption （二）任务分解 is no task
    lines = res.stdout.splitlines()
    assert fits(res.stdout), res.stdout
    # lead and supporting units each on a line of their own, named by role
    at = next(i for i, line in enumerate(lines) if line.startswith("1.1 "))
    assert "牵头：市工信局" in lines[at] and "配合：市商务局、各区县政府" in lines[at + 1]
    assert "责任领导" not in lines[2]  # no leader column for a plan without leaders
    # each doubtful point with where it is in the PDF
    assert "第 1 页表 1 第 5 行：任务 2.4 的时限“长期坚持”" in res.stdout


def test_xlsx_import_with_leaders_lead_and_support(xjc, tmp_path):
    doc = make_task_table(tmp_path / "任务分解表.xlsx")
    out = tmp_path / "任务.yaml"
    res = xjc.ok("import", str(doc), "-o", str(out))
    plan = read_plan(out)
    assert plan.title == "2024年安全生产重点任务分解表"
    assert [t.title for t in plan.tasks] == [
        "开展隐患排查",
        "加强执法检查",
        "强化宣传培训",
        "完善应急预案",
    ]
    first = plan.tasks[0]
    assert (first.leaders, first.lead, first.support) == (
        ("王建国",),
        ("县应急局",),
        ("县消防救援大队",),
    )
    assert first.due is not None and first.due.isoformat() == "2024-05-31"
    assert plan.tasks[1].lead == ("县应急局",)  # from the cell merged over two rows
    assert "责任领导" in res.stdout.splitlines()[2]
    assert fits(res.stdout), res.stdout


def test_html_import(xjc, tmp_path):
    doc = tmp_path / "方案.html"
    doc.write_bytes(PAGE.format().encode("gbk"))
    out = tmp_path / "方案.yaml"
    xjc.ok("import", str(doc), "-o", str(out))
    plan = read_plan(out)
    assert plan.title == "2024年农村人居环境整治任务分工方案"
    titles = {t.title: (t.lead, t.support, t.due_text) for t in plan.tasks}
    assert titles["推进农村厕所改造"] == (("县农业农村局",), ("县卫健局",), "6月底前")
    assert titles["健全收运体系"] == (("县城管局",), ("各乡镇",), "年底前")


def test_dry_run_writes_nothing_and_says_so(xjc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "分工方案.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    res = xjc.ok("import", str(PDF), "--dry-run")  # an existing output is no obstacle
    assert "试运行：没有写入任何文件" in res.stdout and "分工方案.yaml" in res.stdout
    assert "已写入" not in res.stdout
    assert "牵头：市市场监管局" in res.stdout and "请核对以下" in res.stdout
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "分工方案.yaml"]
    # and a failing document still fails
    assert_refused(
        xjc("import", str(FORMATS / "扫描件.pdf"), "--dry-run"), ExitCode.ERROR, "扫描件"
    )


@pytest.mark.parametrize(
    ("name", "raw", "fragment"),
    [
        ("坏.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 64, "PDF"),
        ("坏.xlsx", b"PK\x03\x04" + bytes(range(256)) * 64, ".xlsx"),
        ("坏.html", bytes(range(256)) * 64, "坏.html"),
        ("坏.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "LibreOffice"),
        ("空.pdf", b"", "空的"),
    ],
)
def test_hostile_bytes_are_one_sentence_and_nothing_is_written(xjc, tmp_path, name, raw, fragment):
    doc = tmp_path / name
    doc.write_bytes(raw)
    out = tmp_path / "out.yaml"
    res = xjc("import", str(doc), "-o", str(out), PATH=str(tmp_path))  # (no LibreOffice)
    assert res.code != 0 and res.stdout == "" and "Traceback" not in res.stderr
    assert len(res.stderr.splitlines()) == 1 and fragment in res.stderr, res.stderr
    assert not out.exists()


def test_scanned_and_encrypted_pdfs(xjc, tmp_path):
    for name, fragment in (("扫描件.pdf", "OCR"), ("加密.pdf", "密码")):
        out = tmp_path / "out.yaml"
        assert_refused(xjc("import", str(FORMATS / name), "-o", str(out)), ExitCode.ERROR, fragment)
        assert not out.exists()


def test_doc_without_libreoffice(xjc, tmp_path):
    res = xjc("import", str(FORMATS / "分工方案.doc"), "-o", str(tmp_path / "o.yaml"), PATH="")
    assert_refused(res, ExitCode.ERROR, "没有安装 LibreOffice", "另存为 .docx")


def test_start_up_loads_no_pdf_or_html_reader(tmp_path):
    """The readers' libraries are paid only by an import of their format."""
    heavy = ("pdfplumber", "pdfminer", "pypdfium2", "PIL", "html.parser", "openpyxl")
    _, loaded = loaded_by(["import", "--help"], heavy, tmp_path)
    assert loaded == []
    _, loaded = loaded_by(["import", str(FORMATS / "扫描件.pdf"), "--dry-run"], heavy, tmp_path)
    assert "pdfminer" in loaded and "openpyxl" not in loaded and "html.parser" not in loaded
