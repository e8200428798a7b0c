"""What Windows and the other platforms of an office do differently, checked on any machine:
user folders, a directory that cannot be opened, no pager, a GBK console, line endings,
paths with Chinese characters and spaces, and a cache left by another version."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import datetime

import pytest

from tests.helpers import CST, bundle_script
from xiajiceng.cli import main
from xiajiceng.env import Env, split_command
from xiajiceng.store import cache as cache_mod
from xiajiceng.store.plans import bundled_plan_path

install = bundle_script("install")


def fixed_now() -> datetime:
    return datetime(2023, 12, 1, 9, 0, tzinfo=CST)


def run_gbk(args: list[str], tty: bool = True) -> tuple[int, str, str]:
    """xjc on a Chinese Windows console or a file redirected there: streams in GBK,
    strict as Python opens them."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="gbk", newline="")
    err = io.TextIOWrapper(err_bytes, encoding="gbk", newline="")
    env = Env(stdout=out, stderr=err, environ=dict(os.environ), now=fixed_now, isatty=tty)
    code = main(args, env)
    out.flush()
    err.flush()
    # every byte is GBK: nothing garbled, nothing half-written
    return code, out_bytes.getvalue().decode("gbk"), err_bytes.getvalue().decode("gbk")


NOT_GBK = "✓€𠀀"  # a check mark, the euro sign, a CJK Extension B character


@pytest.mark.parametrize("tty", [True, False], ids=["table", "pipe"])
def test_gbk_console_neither_crashes_nor_garbles(xjc, tty):
    xjc.ok("assign", "2.1", "李明", "--date", "2023-02-06")
    code, out, err = run_gbk(
        ["mark", "2.1", "doing", "--note", f"已完成{NOT_GBK}部署，温度25℃", "--date", "2023-03-02"]
    )
    assert code == 0, err
    assert "已记录" in out and "已完成???部署，温度25℃" in out
    for args in (["list"], ["show", "2.1"], ["log"], ["report", "--month", "3"]):
        code, out, err = run_gbk(args, tty=tty)
        assert code == 0, (args, err)
        assert "加强业务指导" in out or "2.1" in out, args
        assert "李明" in out or args[0] == "report"
        assert "\ufffd" not in out
    code, out, _ = run_gbk(["show", "2.1"], tty=tty)
    assert "已完成???部署" in out  # replaced, not dropped, not mojibake
    # the journal itself keeps every character
    assert NOT_GBK in json.dumps(xjc.ok("log", "--json").json(), ensure_ascii=False)


def test_gbk_console_error_message(xjc):
    code, out, err = run_gbk(["list", "--leader", f"无此人{NOT_GBK}"])
    assert code != 0 and out == ""
    assert "无此人???" in err and "沈伟强" in err


def test_utf8_streams_are_left_strict():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    Env(stdout=stream, stderr=stream)
    assert stream.errors == "strict"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_less_on_the_path_means_no_pager(xjc, tmp_path, monkeypatch):
    """Windows has no less: the table is printed as it is."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    environ = dict(xjc.environ)
    environ.pop("PAGER", None)
    environ.pop("XJC_PAGER", None)
    out = Terminal()
    env = Env(stdout=out, stderr=io.StringIO(), environ=environ, now=fixed_now, isatty=True)
    assert env.pager() is None
    assert main(["list"], env) == 0
    assert "共 13 项任务" in out.getvalue()


def test_windows_pager_setting_with_spaces_and_backslashes():
    setting = r'"C:\Program Files\Git\usr\bin\less.exe" -R'
    assert split_command(setting, windows=True) == [r"C:\Program Files\Git\usr\bin\less.exe", "-R"]
    assert split_command(r"C:\tools\less.exe", windows=True) == [r"C:\tools\less.exe"]
    assert split_command("less -R 'a b'", windows=False) == ["less", "-R", "a b"]


@pytest.fixture
def as_windows(monkeypatch, tmp_path):
    """Env and the installer as they decide on Windows: no XDG variables, platformdirs'
    Windows rules (which read %LOCALAPPDATA% when they cannot ask Windows itself)."""
    import platformdirs
    import platformdirs.windows as pd_windows

    local = tmp_path / "Users" / "张 三" / "AppData" / "Local"
    for key in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setattr(pd_windows, "get_win_folder", pd_windows.get_win_folder_from_env_vars)
    for kind in ("user_data_dir", "user_cache_dir"):

        def windows_dir(*args, _kind=kind, **kwargs):
            return getattr(pd_windows.Windows(*args, **kwargs), _kind)

        monkeypatch.setattr(platformdirs, kind, windows_dir)
    monkeypatch.setattr(sys, "platform", "win32")
    return local


def test_user_folders_on_windows_come_from_platformdirs(as_windows):
    env = Env(environ=dict(os.environ))
    assert env.data_dir() == as_windows / "xjc"
    assert env.cache_dir() == as_windows / "xjc" / "Cache"
    # the installer puts the program elsewhere and knows where the data is
    environ = dict(os.environ)
    prefix = install.default_prefix(environ, windows=True)
    assert prefix == as_windows / "Programs" / "xjc"
    data = install.data_dirs(environ, windows=True)
    assert any(env.data_dir() == d for d in data)
    assert any(install._inside(env.cache_dir(), d) for d in data)
    install.check_prefix(prefix, data)
    with pytest.raises(install.InstallError, match="重叠"):
        install.check_prefix(as_windows / "xjc" / "venv", data)


def test_user_folders_on_linux_match_the_installer(isolated, monkeypatch):
    for key in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(key, raising=False)
    env = Env(environ=dict(os.environ))
    data = install.data_dirs(dict(os.environ), windows=False)
    assert [env.data_dir(), env.cache_dir()] == data
    assert env.data_dir() == isolated / ".local" / "share" / "xjc"
    install.check_prefix(install.default_prefix(dict(os.environ), windows=False), data)
    monkeypatch.setenv("XDG_DATA_HOME", str(isolated / "data"))
    env = Env(environ=dict(os.environ))
    assert env.data_dir() in install.data_dirs(dict(os.environ), windows=False)


def test_journal_written_where_a_directory_cannot_be_opened(xjc, journal_file, monkeypatch):
    """Windows cannot open a directory to fsync it: the write goes through regardless."""
    real_open = os.open

    def no_directories(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_directories)
    assert not journal_file.exists()
    xjc.ok("assign", "2.1", "李明", "--date", "2023-02-06")
    assert journal_file.read_bytes().count(b"\n") == 1


def test_journal_lines_end_in_lf_and_crlf_journals_read_alike(xjc, journal_file):
    xjc.ok("assign", "2.1", "李明", "--date", "2023-02-06")
    xjc.ok("mark", "2.1", "doing", "--note", "第一行\r\n第二行", "--date", "2023-02-08")
    data = journal_file.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    before = [xjc.ok(*a, "--json").stdout for a in (["list"], ["log"], ["show", "2.1"])]
    # as a Windows checkout with core.autocrlf (or a text-mode write) leaves it
    journal_file.write_bytes(data.replace(b"\n", b"\r\n"))
    after = [
        xjc.ok(*a, "--json", XJC_NO_CACHE="1").stdout for a in (["list"], ["log"], ["show", "2.1"])
    ]
    assert after == before
    assert "一切正常" in xjc.ok("check").stdout
    xjc.ok("done", "2.1", "--date", "2023-03-01")
    assert len(xjc.ok("log", "--json").json()) == 3


def test_exports_and_pipes_have_the_same_line_endings_everywhere(xjc, tmp_path):
    xjc.ok("mark", "2.1", "doing", "--note", "甲\r\n乙", "--date", "2023-02-08")
    tsv = xjc.ok("list", tty=False).stdout
    assert "\r" not in tsv  # a pipe gets "\n"; Windows' text mode makes it "\r\n" once
    xjc.ok("export", str(tmp_path / "台账.csv"))
    data = (tmp_path / "台账.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    assert b"\r\r" not in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 14
    assert data.count(b"\r\n") >= 14  # Excel's dialect, whatever os.linesep says
    for name in ("台账.md", "台账.json"):
        xjc.ok("export", str(tmp_path / name))
        assert b"\r\n" not in (tmp_path / name).read_bytes().replace(b"\\r\\n", b"")


def test_plan_folder_with_chinese_and_spaces(xjc, tmp_path):
    folder = tmp_path / "办公室 督办" / "2023 年 方案"
    folder.mkdir(parents=True)
    plan = folder / "下基层 实施方案.yaml"
    plan.write_bytes(bundled_plan_path().read_bytes())
    p = ["--plan", str(plan)]
    xjc.ok("assign", "2.1", "李明", "--date", "2023-02-06", *p)
    xjc.ok("done", "2.1", "--date", "2023-03-20", *p)
    journals = [f for f in folder.iterdir() if f.name.endswith(".jsonl")]
    assert len(journals) == 1 and journals[0].name.startswith("下基层 实施方案")
    assert xjc.ok("show", "2.1", "--json", *p).json()["status"] == "done"
    xjc.ok("report", "--month", "3", "--output", str(folder / "3月 月报.md"), *p)
    assert "2.1" in (folder / "3月 月报.md").read_text(encoding="utf-8")
    xjc.ok("export", str(folder / "台账 3月.xlsx"), *p)
    assert (folder / "台账 3月.xlsx").stat().st_size > 0
    assert "一切正常" in xjc.ok("check", *p).stdout


def test_cache_entries_of_another_version_are_ignored(tmp_path, monkeypatch):
    """An upgrade leaves the old cache folder behind: its entries must never be used."""
    import xiajiceng

    cache = cache_mod.Cache(tmp_path / "cache")
    monkeypatch.setattr(xiajiceng, "__version__", "0.0.9")
    monkeypatch.setattr(cache_mod, "_stamp", None)
    old_stamp = cache_mod.code_stamp()
    cache.put("plans", "k", {"made by": "0.0.9"})
    assert cache.get("plans", "k") == {"made by": "0.0.9"}
    monkeypatch.setattr(xiajiceng, "__version__", "0.1.0")
    monkeypatch.setattr(cache_mod, "_stamp", None)
    assert cache_mod.code_stamp() != old_stamp  # same files, same times: only the version
    assert cache.get("plans", "k") is None


def test_commands_after_an_upgrade_use_no_old_cache_entry(xjc, monkeypatch):
    import xiajiceng

    xjc.ok("assign", "2.1", "李明", "--date", "2023-02-06")
    monkeypatch.setattr(xiajiceng, "__version__", "0.0.9")
    monkeypatch.setattr(cache_mod, "_stamp", None)
    xjc.ok("list", "--json")  # fills the cache as the old version
    monkeypatch.setattr(xiajiceng, "__version__", "0.1.0")
    monkeypatch.setattr(cache_mod, "_stamp", None)
    hits: list[str] = []
    real_get = cache_mod.Cache.get

    def spy(self, kind, key):
        value = real_get(self, kind, key)
        if value is not None:
            hits.append(kind)
        return value

    monkeypatch.setattr(cache_mod.Cache, "get", spy)
    first = xjc.ok("list", "--json").stdout
    assert hits == []
    assert xjc.ok("list", "--json").stdout == first
    assert hits  # the new version's own entries are used again
