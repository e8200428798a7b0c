"""Evidence (佐证材料): attach copies files into the plan folder's store under their SHA-256
and journals name, size and hash; show lists them, undo detaches, check verifies every hash,
sync carries the store, export 台账.zip bundles the ledger with a folder a task."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import assert_refused, git


@pytest.fixture
def office(tmp_path, xjc, monkeypatch):
    """An office folder with the bundled plan; files to attach in 材料/."""
    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    monkeypatch.chdir(folder)
    files = tmp_path / "材料"
    files.mkdir()
    (files / "总结.docx").write_bytes(b"summary " * 100)
    (files / "照片.jpg").write_bytes(b"\xff\xd8photo" * 50)
    return folder


STORE = Path("plans") / "佐证材料"


def _blob(data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()
    return STORE / digest[:2] / digest


def _journal_lines(folder: Path) -> int:
    journals = list((folder / "plans").glob("*.journal.jsonl"))
    return sum(len(j.read_bytes().splitlines()) for j in journals)


def test_attach_keeps_one_copy_per_content_and_journals_it(xjc, office, tmp_path):
    a, b = tmp_path / "材料" / "总结.docx", tmp_path / "材料" / "照片.jpg"
    out = xjc.ok("attach", "2.1", str(a), str(b), "--note", "换届指导总结", "--date", "2023-03-20")
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and all("已存入佐证材料库" in line for line in lines)
    assert "附佐证材料 总结.docx（800 字节）；换届指导总结" in lines[0]
    assert _blob(a.read_bytes()).read_bytes() == a.read_bytes()
    # the same content for another task, under another name: no second copy
    renamed = tmp_path / "材料" / "另存.docx"
    shutil.copy(a, renamed)
    again = xjc.ok("attach", "2.2", str(renamed), "--date", "2023-03-21").stdout
    assert "佐证材料库已有同样内容" in again
    assert len([p for p in STORE.rglob("*") if p.is_file()]) == 2
    row = xjc.ok("show", "2.1", "--json").json()
    assert [(x["name"], x["size"], x["date"]) for x in row["evidence"]] == [
        ("总结.docx", 800, "2023-03-20"),
        ("照片.jpg", 350, "2023-03-20"),
    ]
    assert row["evidence"][0]["sha256"] == hashlib.sha256(a.read_bytes()).hexdigest()
    shown = xjc.ok("show", "2.1").stdout
    assert "佐证材料  总结.docx（800 字节，3月20日）" in shown
    assert "照片.jpg（350 字节，3月20日）" in shown


def test_attach_is_all_or_nothing(xjc, office, tmp_path):
    a = tmp_path / "材料" / "总结.docx"
    before = _journal_lines(office)
    assert_refused(xjc("attach", "2.1", str(a), str(tmp_path / "没有.pdf")), 2, "没有.pdf")
    assert _journal_lines(office) == before and not STORE.exists()  # nothing copied either
    assert_refused(xjc("attach", "2.1", str(a), str(a)), 2, "内容相同")
    assert _journal_lines(office) == before
    xjc.ok("attach", "2.1", str(a))
    assert_refused(xjc("attach", "2.1", str(a)), 1, "已附有同样内容的材料 总结.docx")


def test_refuses_links_pipes_folders_and_large_files(xjc, office, tmp_path, monkeypatch):
    a = tmp_path / "材料" / "总结.docx"
    link = tmp_path / "材料" / "链接.docx"
    link.symlink_to(a)
    assert_refused(xjc("attach", "2.1", str(link)), 1, "符号链接")
    assert_refused(xjc("attach", "2.1", str(tmp_path / "材料")), 2, "是文件夹")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "管道"
        os.mkfifo(fifo)
        assert_refused(xjc("attach", "2.1", str(fifo)), 2, "是命名管道")  # and did not hang
    monkeypatch.setattr("xiajiceng.usecases.evidence.MAX_EVIDENCE_BYTES", 512)
    res = xjc("attach", "2.1", str(a))
    assert_refused(res, 2, "总结.docx", "800 字节", "512 字节", "上限")
    assert not STORE.exists()


def test_a_name_with_control_characters_is_refused(office, tmp_path):
    from xiajiceng.errors import UsageError
    from xiajiceng.usecases.evidence import check_name

    with pytest.raises(UsageError, match=r"\\x1b"):
        check_name(tmp_path / "a\x1b[2Jb.pdf")
    with pytest.raises(UsageError, match="UTF-8"):
        check_name(Path(os.fsdecode(b"\xb1\xa8\xb8\xe6.pdf")))  # GBK bytes on a UTF-8 system


def test_the_store_never_replaces_a_different_content(xjc, office, tmp_path):
    a = tmp_path / "材料" / "总结.docx"
    planted = _blob(a.read_bytes())
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"something else")
    assert_refused(xjc("attach", "2.1", str(a)), 1, "内容与它的名称（SHA-256）不符")
    assert planted.read_bytes() == b"something else"
    assert [p.name for p in STORE.rglob("*.tmp")] == []


def test_undo_detaches_and_the_file_stays(xjc, office, tmp_path):
    a = tmp_path / "材料" / "总结.docx"
    xjc.ok("attach", "2.1", str(a))
    assert "已撤销" in xjc.ok("undo").stdout
    assert xjc.ok("show", "2.1", "--json").json()["evidence"] == []
    assert _blob(a.read_bytes()).is_file()  # an undo may itself be undone
    assert "（已撤销）" in xjc.ok("show", "2.1").stdout


def test_verify_evidence_reads_every_hash(xjc, office, tmp_path):
    from xiajiceng.env import Env
    from xiajiceng.usecases.evidence import verify_evidence
    from xiajiceng.usecases.office import scope

    a, b = tmp_path / "材料" / "总结.docx", tmp_path / "材料" / "照片.jpg"
    xjc.ok("attach", "2.1", str(a), str(b))
    xjc.ok("attach", "2.2", str(a), "--plan", "plans/2023年干部下基层工作实施方案.yaml")

    def problems():
        return verify_evidence(scope(None, Env(environ=xjc.environ, cwd=lambda: office)))

    assert problems() == []
    _blob(a.read_bytes()).write_bytes(b"edited")
    _blob(b.read_bytes()).unlink()
    found = problems()
    assert sorted((p.task, p.evidence.name, p.kind) for p in found) == [
        ("2.1", "总结.docx", "changed"),
        ("2.1", "照片.jpg", "missing"),
        ("2.2", "总结.docx", "changed"),
    ]
    assert all("xjc" not in p.message and p.message.endswith("。") for p in found)


def test_export_zip_bundles_the_ledger_and_a_folder_a_task(xjc, office, tmp_path):
    a, b = tmp_path / "材料" / "总结.docx", tmp_path / "材料" / "照片.jpg"
    xjc.ok("attach", "2.1", str(a), str(b), "--date", "2023-03-20")
    hostile = tmp_path / "材料" / "..：报告?.docx"
    hostile.write_bytes(b"report")
    xjc.ok("attach", "1.1", str(hostile), "--date", "2023-03-20")
    out = xjc.ok("export", "台账.zip", "--as-of", "2023-03-31").stdout
    assert "13 项任务，3 份材料" in out
    with zipfile.ZipFile("台账.zip") as z:
        names = z.namelist()
        assert names == [
            "台账.xlsx",
            "佐证材料/1.1 带着问题深入基层/：报告_.docx",
            "佐证材料/2.1 加强业务指导/总结.docx",
            "佐证材料/2.1 加强业务指导/照片.jpg",
        ], names
        assert z.read("佐证材料/2.1 加强业务指导/总结.docx") == a.read_bytes()
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(z.read("台账.xlsx")))
        assert "台账" in wb.sheetnames
    assert [p.name for p in Path(".").glob(".台账.zip.*")] == []
    # a damaged file refuses the export, and the archive already there stays as it was
    before = Path("台账.zip").read_bytes()
    _blob(b.read_bytes()).write_bytes(b"x")
    assert_refused(xjc("export", "台账.zip"), 1, "照片.jpg", "已被改动或损坏", "xjc check")
    assert Path("台账.zip").read_bytes() == before
    assert [p.name for p in Path(".").glob(".台账.zip.*")] == []


def test_safe_names():
    from xiajiceng.usecases.evidence import safe_name

    assert safe_name("2.1 加强业务指导") == "2.1 加强业务指导"
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("a\x1bb:c*?.pdf") == "a_x1bb_c__.pdf"
    assert safe_name("CON.txt") == "_CON.txt"
    assert safe_name(" . ") == "_"
    long = safe_name("长" * 200 + ".pdf")
    assert len(long) == 80 and long.endswith(".pdf")


def test_sync_shares_the_store_files():
    from xiajiceng.usecases.sharing import _shared

    digest = "ab" + "0" * 62
    assert _shared(f"plans/佐证材料/ab/{digest}")
    assert _shared(f"office/plans/佐证材料/ab/{digest}")
    assert not _shared(f"plans/佐证材料/cd/{digest}")
    assert not _shared("plans/佐证材料/ab/notes.txt")
    assert not _shared(f"佐证材料/{digest}")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_sync_carries_the_evidence(xjc, office, tmp_path, monkeypatch):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(office, "remote", "add", "origin", str(remote))
    a = tmp_path / "材料" / "总结.docx"
    xjc.ok("attach", "2.1", str(a))
    xjc.ok("sync")
    other = tmp_path / "同事"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    assert (other / _blob(a.read_bytes())).read_bytes() == a.read_bytes()
