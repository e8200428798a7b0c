"""Build an offline install bundle of xjc for one target platform.

    python bundle/build.py --platform win_amd64
    python bundle/build.py --platform manylinux_x86_64 --python 3.11

Run on any machine that reaches the package registry. The result, dist/xjc-<version>-<platform>
.zip (with -cpXY when built for one Python only), holds the xjc wheel, a wheel of every
dependency for that platform and Python 3.10-3.13 (or the one Python asked for), pip's own
wheel, the installer (install.py with install.bat or install.sh to start it) and 安装说明.txt.
Nothing in the bundle is downloaded when it is installed.

If a dependency has no wheel for the target, the build names it and stops: no bundle is
better than one that breaks on the office PC. Before zipping, every Python of the bundle is
resolved again from the bundle's own wheels with every index disabled (pip install --dry-run
--no-index), so what is zipped installs.

This script uses the standard library and pip only, and does not import xiajiceng.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    name: str
    system: str  # "windows" or "linux": which installer goes in
    machine: str  # platform.machine() of a PC it installs on, lower case
    tags: tuple[str, ...]  # pip --platform values, the preferred first


# Linux wheels for glibc 2.17 and later (manylinux2014): the oldest glibc a supported
# Linux desktop may still have, so a bundle installs on older and newer systems alike.
TARGETS = {
    t.name: t
    for t in (
        Target("win_amd64", "windows", "amd64", ("win_amd64",)),
        Target(
            "manylinux_x86_64",
            "linux",
            "x86_64",
            (
                "manylinux_2_17_x86_64",
                "manylinux2014_x86_64",
                "manylinux_2_12_x86_64",
                "manylinux2010_x86_64",
                "manylinux_2_5_x86_64",
                "manylinux1_x86_64",
            ),
        ),
        Target(
            "manylinux_aarch64",
            "linux",
            "aarch64",
            ("manylinux_2_17_aarch64", "manylinux2014_aarch64"),
        ),
    )
}
ALIASES = {
    "windows": "win_amd64",
    "win64": "win_amd64",
    "linux_x86_64": "manylinux_x86_64",
    "manylinux2014_x86_64": "manylinux_x86_64",
    "linux_aarch64": "manylinux_aarch64",
    "linux_arm64": "manylinux_aarch64",
    "manylinux2014_aarch64": "manylinux_aarch64",
}


class BuildError(Exception):
    """A sentence for the person building; the build stops and writes no bundle."""


def say(text: str) -> None:
    print(text, flush=True)


def project_version(source: Path) -> str:
    init = (source / "xiajiceng" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", init, re.MULTILINE)
    if not found:
        raise BuildError(f"在 {source} 中找不到 xjc 的版本号（xiajiceng/__init__.py）。")
    return found.group(1)


def _pip(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        env=env,
    )


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


_NO_MATCH = re.compile(r"No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)")
_NETWORK = re.compile(
    r"NewConnectionError|Failed to establish|Temporary failure in name resolution"
    r"|Name or service not known|ConnectTimeout|ReadTimeout|Network is unreachable"
    r"|SSLError|ProxyError"
)


def explain_download_failure(output: str, target: str, python: str) -> str:
    """One sentence from what pip said: which package has no wheel, or that the registry
    could not be reached, or (else) pip's own last lines."""
    if _NETWORK.search(output):
        return "无法连接软件包仓库，不能下载依赖；请在能访问仓库的电脑上构建安装包。"
    missing = _NO_MATCH.search(output)
    if missing:
        name = missing.group(1)
        return (
            f"依赖 {name} 没有适用于 {target}、Python {python} 的 wheel 安装文件，"
            "无法生成离线安装包（没有生成任何文件）。"
        )
    return f"下载 {target}、Python {python} 的依赖失败：\n{_tail(output)}"


def build_xjc_wheel(source: Path, into: Path, version: str) -> Path:
    say(f"构建 xjc {version} 的 wheel……")
    res = _pip(["wheel", "--no-deps", "--quiet", "--wheel-dir", str(into), str(source)])
    wheels = sorted(into.glob("xiajiceng-*.whl"))
    if res.returncode != 0 or len(wheels) != 1:
        raise BuildError(f"构建 xjc 的 wheel 失败：\n{_tail(res.stdout + res.stderr)}")
    if not wheels[0].name.startswith(f"xiajiceng-{version}-"):
        raise BuildError(f"构建出的 {wheels[0].name} 与源码的版本 {version} 不符。")
    return wheels[0]


def _target_options(target: Target, python: str) -> list[str]:
    nodot = python.replace(".", "")
    options = ["--only-binary=:all:", "--implementation", "cp"]
    options += ["--python-version", python, "--abi", f"cp{nodot}"]
    for tag in target.tags:
        options += ["--platform", tag]
    return options


def _each(work: Callable[[str], T], pythons: list[str]) -> list[T]:
    """work(python) for every Python at once; the first BuildError (in the order of
    `pythons`) is raised once all have finished."""
    with ThreadPoolExecutor(max_workers=len(pythons)) as pool:
        futures = [pool.submit(work, python) for python in pythons]
        return [f.result() for f in futures]


def merge_wheels(source: Path, wheels: Path) -> None:
    """Move the wheels of one Python's download into the bundle; a pure-Python wheel that
    two Pythons both downloaded is the same file, kept once."""
    for path in sorted(source.glob("*.whl")):
        there = wheels / path.name
        if not there.exists():
            shutil.move(str(path), there)
        elif _sha256(there) != _sha256(path):
            raise BuildError(f"两次下载的 {path.name} 内容不同；请重新构建。")


def download_dependencies(xjc_wheel: Path, target: Target, python: str, into: Path) -> None:
    res = _pip(
        ["download", "--quiet", "--dest", str(into), *_target_options(target, python)]
        + [str(xjc_wheel)]
    )
    if res.returncode != 0:
        raise BuildError(explain_download_failure(res.stdout + res.stderr, target.name, python))


def download_pip(pythons: list[str], into: Path) -> None:
    """pip's own wheel: the installer runs pip from it, so a Python without pip or
    ensurepip (some Linux systems leave them out) can still install the bundle."""
    oldest = min(pythons, key=lambda v: tuple(int(p) for p in v.split(".")))
    res = _pip(
        ["download", "--quiet", "--no-deps", "--only-binary=:all:", "--dest", str(into)]
        + ["--python-version", oldest, "pip"]
    )
    if res.returncode != 0:
        raise BuildError(explain_download_failure(res.stdout + res.stderr, "pip", oldest))


def offline_env() -> dict[str, str]:
    """The environment for a pip that must see nothing but the bundle: no configuration
    file, no index, no extra places to look."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def check_offline(wheels: Path, target: Target, python: str, version: str) -> None:
    """Resolve xjc for one Python of the bundle from the bundle's wheels alone."""
    with tempfile.TemporaryDirectory() as scratch:
        res = _pip(
            ["install", "--dry-run", "--ignore-installed", "--no-index"]
            + ["--find-links", str(wheels), "--target", scratch]
            + _target_options(target, python)
            + [f"xiajiceng=={version}"],
            env=offline_env(),
        )
    if res.returncode != 0:
        raise BuildError(
            f"安装包自检失败：{target.name}、Python {python} 不能只用包内文件安装。\n"
            + _tail(res.stdout + res.stderr)
        )


def render(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("@" + key + "@", value)
    leftover = re.search(r"@[A-Z_]+@", template)
    assert leftover is None, f"unfilled placeholder {leftover.group(0)}"
    return template


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_installer(folder: Path, target: Target, pythons: list[str], version: str) -> None:
    wheels = folder / "wheels"
    manifest = {
        "name": "xjc",
        "version": version,
        "platform": target.name,
        "system": target.system,
        "machine": target.machine,
        "pythons": pythons,
        "wheels": {p.name: _sha256(p) for p in sorted(wheels.glob("*.whl"))},
    }
    (folder / "bundle.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    shutil.copyfile(HERE / "install.py", folder / "install.py")
    newest_first = sorted(pythons, key=lambda v: tuple(int(p) for p in v.split(".")))[::-1]
    values = {
        "VERSION": version,
        "PLATFORM": target.name,
        "PYTHONS": " ".join(newest_first),
        "PYTHON_RANGE": pythons[0] if len(pythons) == 1 else f"{pythons[0]}–{pythons[-1]}",
    }
    steps = (HERE / f"steps-{target.system}.txt").read_text(encoding="utf-8")
    values["STEPS"] = render(steps, values).rstrip("\n")
    readme = render((HERE / "安装说明.txt").read_text(encoding="utf-8"), values)
    if target.system == "windows":
        # Notepad and cmd: CRLF; the text with a byte-order mark, the batch file in the
        # code page of a Chinese Windows console (cmd reads .bat files in it)
        readme_bytes = b"\xef\xbb\xbf" + readme.replace("\n", "\r\n").encode("utf-8")
        bat = render((HERE / "install.bat").read_text(encoding="utf-8"), values)
        (folder / "install.bat").write_bytes(bat.replace("\n", "\r\n").encode("gbk"))
    else:
        readme_bytes = readme.encode("utf-8")
        sh = render((HERE / "install.sh").read_text(encoding="utf-8"), values)
        (folder / "install.sh").write_bytes(sh.encode("utf-8"))
    (folder / "安装说明.txt").write_bytes(readme_bytes)


def make_zip(folder: Path, zip_path: Path) -> None:
    """Files in a stable order, each under the bundle's own top folder; install.sh
    executable (Unix permissions recorded whatever system builds the zip)."""
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            arcname = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.create_system = 3
            mode = 0o755 if path.suffix == ".sh" else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    os.replace(tmp, zip_path)


def build(
    platform: str, pythons: list[str], out: Path, source: Path = ROOT, keep: Path | None = None
) -> Path:
    """Build the bundle and return the zip's path. `keep`: also leave the unzipped folder
    there (tests install from it)."""
    target = TARGETS[platform]
    version = project_version(source)
    suffix = "" if len(pythons) != 1 else "-cp" + pythons[0].replace(".", "")
    name = f"xjc-{version}-{target.name}{suffix}"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="xjc-bundle-") as scratch:
        folder = Path(scratch) / name
        wheels = folder / "wheels"
        wheels.mkdir(parents=True)
        xjc_wheel = build_xjc_wheel(source, wheels, version)
        say(f"下载 {target.name}、Python {'、'.join(pythons)} 的依赖……")
        parts = Path(scratch) / "downloads"

        def download(python: str) -> Path:
            into = parts / python
            download_dependencies(xjc_wheel, target, python, into)
            return into

        # one pip per Python, side by side: most of the time is spent waiting for the
        # registry, so the four take little longer than one
        for into in _each(download, pythons):
            merge_wheels(into, wheels)
        download_pip(pythons, wheels)
        say("检查安装包能否离线安装……")
        list(_each(lambda python: check_offline(wheels, target, python, version), pythons))
        write_installer(folder, target, pythons, version)
        out.mkdir(parents=True, exist_ok=True)
        zip_path = out / f"{name}.zip"
        make_zip(folder, zip_path)
        if keep is not None:
            shutil.copytree(folder, keep / name, dirs_exist_ok=True)
    count = len(list(zipfile.ZipFile(zip_path).namelist()))
    size = zip_path.stat().st_size / 1e6
    seconds = time.monotonic() - started
    say(f"已生成 {zip_path}（{count} 个文件，{size:.1f} MB，用时 {seconds:.0f} 秒）。")
    return zip_path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bundle/build.py",
        description="构建 xjc 的离线安装包（内网电脑用）。",
    )
    parser.add_argument(
        "--platform",
        required=True,
        help="目标平台：" + "、".join(TARGETS) + "。",
    )
    parser.add_argument(
        "--python",
        action="append",
        metavar="X.Y",
        help="目标 Python 版本，可重复；默认 " + "、".join(PYTHONS) + " 全部放进一个安装包。",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="输出文件夹；默认 dist/。")
    parser.add_argument("--source", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    platform = ALIASES.get(args.platform.lower(), args.platform.lower())
    if platform not in TARGETS:
        say(f"不支持的平台 {args.platform}；可选：{'、'.join(TARGETS)}。")
        return 2
    pythons = sorted(set(args.python or PYTHONS), key=lambda v: tuple(map(int, v.split("."))))
    unknown = [p for p in pythons if p not in PYTHONS]
    if unknown:
        say(f"不支持的 Python 版本 {'、'.join(unknown)}；可选：{'、'.join(PYTHONS)}。")
        return 2
    try:
        build(platform, pythons, args.out.resolve(), args.source.resolve(), args.keep)
    except BuildError as exc:
        say(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):  # a console that cannot show a character: "?"
        sys.stdout.reconfigure(errors="replace")
    raise SystemExit(main())
