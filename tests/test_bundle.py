"""The offline install bundle (bundle/): its installer's decisions, checked anywhere, and
(marker `bundle`, skipped when no package registry answers) real bundles built, installed
with every index disabled, used, and upgraded."""

from __future__ import annotations

import ast
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import BUNDLE, ROOT, bundle_script

build = bundle_script("build")
install = bundle_script("install")
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
HERE_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"


# --- the builder's and the installer's decisions, offline -------------------------------


def test_installer_reads_on_old_pythons():
    """An office PC's old Python (3.7+) must reach the version check, not a SyntaxError."""
    ast.parse((BUNDLE / "install.py").read_text(encoding="utf-8"), feature_version=(3, 7))


def test_download_failures_become_one_sentence():
    pip_said = (
        "ERROR: Could not find a version that satisfies the requirement lxml>=3.1.0 "
        "(from python-docx) (from versions: none)\n"
        "ERROR: No matching distribution found for lxml>=3.1.0\n"
    )
    sentence = build.explain_download_failure(pip_said, "manylinux_aarch64", "3.13")
    assert sentence.startswith("依赖 lxml 没有适用于 manylinux_aarch64、Python 3.13 的 wheel")
    offline = "WARNING: Retrying ... NewConnectionError(...Failed to establish a new connection"
    assert "无法连接" in build.explain_download_failure(offline + pip_said, "win_amd64", "3.11")


def test_user_path_on_windows():
    env = {"LOCALAPPDATA": r"C:\Users\张三\AppData\Local"}
    entry = r"C:\Users\张三\AppData\Local\Programs\xjc\bin"
    assert install.path_with(entry, "", env) == entry
    assert install.path_with(entry, r"C:\a;C:\b;", env) == rf"C:\a;C:\b;{entry}"
    assert install.path_with(entry, rf"C:\a;{entry.upper()}\;C:\b", env) is None
    assert install.path_with(entry, r"%LOCALAPPDATA%\Programs\xjc\bin;C:\a", env) is None


def test_wrong_python_or_platform_is_one_sentence():
    manifest = {"pythons": ["3.10", "3.11"], "platform": "win_amd64"}
    manifest |= {"system": "windows", "machine": "amd64"}
    install.check_python(manifest, (3, 11))
    with pytest.raises(install.InstallError, match=r"3\.10–3\.11，当前运行的是 Python 3\.9"):
        install.check_python(manifest, (3, 9))
    install.check_platform(manifest, "win32", "AMD64", 64)
    with pytest.raises(install.InstallError, match="64 位"):
        install.check_platform(manifest, "win32", "AMD64", 32)
    with pytest.raises(install.InstallError, match="linux x86_64"):
        install.check_platform(manifest, "linux", "x86_64", 64)
    arm = {**manifest, "platform": "manylinux_aarch64", "system": "linux", "machine": "aarch64"}
    install.check_platform(arm, "linux", "aarch64", 64)
    install.check_platform(arm, "linux", "arm64", 64)


def test_existing_command_of_another_install_is_left_alone(tmp_path):
    script = tmp_path / "venv" / "bin" / "xjc"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    bin_dir = tmp_path / "bin"
    assert install.link_linux(script, bin_dir).resolve() == script
    assert install.link_linux(script, bin_dir).resolve() == script  # again: replaced
    (bin_dir / "xjc").unlink()
    (bin_dir / "xjc").write_text("pip --user's xjc")
    with pytest.raises(install.InstallError, match="未覆盖"):
        install.link_linux(script, bin_dir)
    assert (bin_dir / "xjc").read_text() == "pip --user's xjc"


def test_only_environments_of_the_installer_are_removed(tmp_path):
    ours = tmp_path / "venv-0.1.0"
    (ours / "bin").mkdir(parents=True)
    (ours / "pyvenv.cfg").write_text("home = /usr/bin\n")
    install.remove_venv(ours)
    assert not ours.exists()
    other = tmp_path / "venv-0.2.0"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(install.InstallError, match="不是 xjc 的安装环境"):
        install.remove_venv(other)
    assert (other / "notes.txt").exists()


@pytest.mark.parametrize("platform_name", list(build.TARGETS))
def test_installer_files_and_zip(tmp_path, platform_name):
    target = build.TARGETS[platform_name]
    folder = tmp_path / f"xjc-9.9-{platform_name}"
    (folder / "wheels").mkdir(parents=True)
    (folder / "wheels" / "xiajiceng-9.9-py3-none-any.whl").write_bytes(b"wheel")
    build.write_installer(folder, target, ["3.10", "3.11", "3.12", "3.13"], "9.9")
    manifest = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "9.9" and manifest["pythons"][0] == "3.10"
    install.verify_wheels(folder, manifest)
    readme = (folder / "安装说明.txt").read_bytes()
    if target.system == "windows":
        assert readme.startswith(b"\xef\xbb\xbf") and b"\r\n" in readme
        bat = (folder / "install.bat").read_bytes()
        text = bat.decode("gbk")  # cmd reads a .bat in the console's code page
        assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
        assert "for %%V in (3.13 3.12 3.11 3.10)" in text and "Python 3.10–3.13" in text
        assert not PLACEHOLDER.search(text)
        assert not (folder / "install.sh").exists()
    else:
        assert b"\r" not in readme
        sh = (folder / "install.sh").read_text(encoding="utf-8")
        assert sh.startswith("#!/bin/sh\n") and "for version in 3.13 3.12 3.11 3.10" in sh
        assert not PLACEHOLDER.search(sh)
        assert not (folder / "install.bat").exists()
    text = readme.decode("utf-8-sig")
    assert "xjc 9.9 离线安装包" in text and not PLACEHOLDER.search(text) and "3.10–3.13" in text
    zip_path = tmp_path / "out.zip"
    build.make_zip(folder, zip_path)
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert all(n.startswith(f"{folder.name}/") for n in names)
        assert f"{folder.name}/安装说明.txt" in names
        for info in zf.infolist():
            mode = (info.external_attr >> 16) & 0o777
            assert mode == (0o755 if info.filename.endswith(".sh") else 0o644)
    (folder / "wheels" / "xiajiceng-9.9-py3-none-any.whl").write_bytes(b"damaged")
    with pytest.raises(install.InstallError, match="缺失或已损坏"):
        install.verify_wheels(folder, manifest)


# --- real bundles: needs the package registry --------------------------------------------


@cache
def registry_answers() -> bool:
    """Does the package registry answer? A Windows wheel of a small package, which no
    local cache of this machine can stand in for."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            res = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir"]
                + ["--retries", "1", "--timeout", "20", "--dest", scratch]
                + ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11"]
                + ["--implementation", "cp", "--abi", "cp311", "pyyaml"],
                capture_output=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            return False
    return res.returncode == 0


@pytest.fixture
def registry():
    if not registry_answers():
        pytest.skip("no package registry answers: offline bundles cannot be built here")


def build_bundle(platform_name: str, out: Path, pythons: list[str], source: Path = ROOT) -> Path:
    """The documented command: python bundle/build.py --platform … [--python X.Y]."""
    argv = [sys.executable, str(BUNDLE / "build.py"), "--platform", platform_name]
    for python in pythons:
        argv += ["--python", python]
    res = subprocess.run(
        [*argv, "--out", str(out), "--source", str(source)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stdout + res.stderr
    (zip_path,) = out.glob("*.zip")
    return zip_path


@cache
def netns_prefix() -> tuple[str, ...]:
    """Run the install with no network at all where a network namespace can be made."""
    if shutil.which("unshare") is None:
        return ()
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return ("unshare", "-n") if ok.returncode == 0 else ()


def offline(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> str:
    res = subprocess.run(
        [*netns_prefix(), *argv], capture_output=True, text=True, env=env, cwd=cwd, timeout=600
    )
    assert res.returncode == 0, f"{argv}: {res.stdout}{res.stderr}"
    return res.stdout


def unzip(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(into)  # (as a file manager would: permissions not restored)
    return into / zip_path.stem


def source_copy(dest: Path, version: str) -> Path:
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("xiajiceng", "plans"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    init = dest / "xiajiceng" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    old = build.project_version(ROOT)
    init.write_text(text.replace(f'"{old}"', f'"{version}"'), encoding="utf-8")
    return dest


@pytest.mark.bundle
@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and platform.machine() == "x86_64"),
    reason="installs the manylinux x86_64 bundle, so runs on Linux x86_64 only",
)
def test_linux_bundle_installs_offline_and_an_upgrade_keeps_the_data(registry, tmp_path):
    version = build.project_version(ROOT)
    first = build_bundle("manylinux_x86_64", tmp_path / "dist1", [HERE_PYTHON])
    assert first.name == f"xjc-{version}-manylinux_x86_64-cp{HERE_PYTHON.replace('.', '')}.zip"
    home = tmp_path / "张 三"
    home.mkdir()
    base_python = Path(getattr(sys, "_base_executable", sys.executable)).parent
    env = {
        "HOME": str(home),
        "PATH": f"{home}/.local/bin:{base_python}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "COLUMNS": "80",
        "PIP_NO_INDEX": "1",
        "XJC_USER": "王秘书",
    }
    unpacked = unzip(first, tmp_path / "解压 到这里")
    said = offline(["sh", str(unpacked / "install.sh")], env)
    assert "已安装" in said and "方案和日志不在程序文件夹里" in said
    xjc = str(home / ".local" / "bin" / "xjc")
    assert offline([xjc, "--version"], env).strip() == f"xjc {version}"
    rows = offline([xjc, "list"], env, cwd=home).splitlines()
    assert len(rows) == 13 and rows[3].split("\t")[:2] == ["2.1", "加强业务指导"]
    report = offline([xjc, "report", "--month", "3"], env, cwd=home)
    assert "2023年3月工作进展" in report and "共 13 项任务" in report

    # records in the bundled plan's journal, and in a plan folder of the office
    offline([xjc, "assign", "2.1", "李明", "--date", "2023-02-06"], env, cwd=home)
    offline([xjc, "done", "1.1", "--date", "2023-03-10"], env, cwd=home)
    office = home / "办公室 督办"
    office.mkdir()
    plan = office / "下基层 方案.yaml"
    shutil.copy(ROOT / "plans" / "2023年干部下基层工作实施方案.yaml", plan)
    offline([xjc, "mark", "3.1", "doing", "--plan", str(plan), "--date", "2023-03-06"], env)
    files = [*home.glob(".local/share/**/*"), *office.iterdir()]
    data = {p: p.read_bytes() for p in files if p.is_file()}
    assert sum(p.suffix == ".jsonl" for p in data) == 2
    assert any(home.glob(".cache/xjc/**/*.pickle"))

    newer = f"{version}.post1"
    source = source_copy(tmp_path / "newer source", newer)
    second = build_bundle("manylinux_x86_64", tmp_path / "dist2", [HERE_PYTHON], source)
    said = offline(["sh", str(unzip(second, tmp_path / "新版本") / "install.sh")], env)
    assert offline([xjc, "--version"], env).strip() == f"xjc {newer}"
    assert {p: p.read_bytes() for p in data} == data  # every journal and plan, unchanged
    assert [p.name for p in (home / ".local" / "lib" / "xjc").glob("venv-*")] == [f"venv-{newer}"]
    shown = json.loads(offline([xjc, "show", "2.1", "--json"], env, cwd=home))
    assert shown["assignees"] == ["李明"]
    report = offline([xjc, "report", "--month", "3"], env, cwd=home)
    assert "1.1 带着问题深入基层" in report
    listed = offline([xjc, "list", "--plan", str(plan), "--status", "doing"], env)
    assert listed.startswith("3.1\t")


@pytest.mark.bundle
@pytest.mark.parametrize("platform_name", ["win_amd64", "manylinux_aarch64"])
def test_bundle_for_every_python_of_another_platform(registry, tmp_path, platform_name):
    """Every dependency has a wheel for this platform and Python 3.10–3.13: the bundle
    builds (pip download --only-binary=:all: --platform …) and resolves offline."""
    zip_path = build_bundle(platform_name, tmp_path, [])
    version = build.project_version(ROOT)
    assert zip_path.name == f"xjc-{version}-{platform_name}.zip"
    with zipfile.ZipFile(zip_path) as zf:
        names = [n.split("/", 1)[1] for n in zf.namelist()]
        manifest = json.loads(zf.read(f"{zip_path.stem}/bundle.json"))
        if platform_name == "win_amd64":
            bat = zf.read(f"{zip_path.stem}/install.bat").decode("gbk")
            assert '"%PYEXE%" "%~dp0install.py" %*' in bat
    assert manifest["pythons"] == list(build.PYTHONS)
    wheels = [n.removeprefix("wheels/") for n in names if n.startswith("wheels/")]
    tag = "win_amd64" if platform_name == "win_amd64" else "aarch64"
    for python in build.PYTHONS:
        cp = "cp" + python.replace(".", "")
        binary = {w.split("-")[0].lower() for w in wheels if f"-{cp}-{cp}-" in w and tag in w}
        assert {"lxml", "pydantic_core", "pyyaml"} <= binary, (python, binary)
    assert any(w.startswith("pip-") for w in wheels)
    assert f"xiajiceng-{version}-py3-none-any.whl" in wheels
