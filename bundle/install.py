"""Install xjc from this offline bundle: no network, no registry, nothing downloaded.

    python install.py [--prefix DIR] [--bin DIR]

install.bat (Windows) and install.sh (Linux) find a suitable Python and run this file.
xjc goes into a virtual environment of its own, PREFIX/venv-<version>:

    Windows  PREFIX = %LOCALAPPDATA%\\Programs\\xjc   xjc.exe in PREFIX\\bin, added to the user PATH
    Linux    PREFIX = ~/.local/lib/xjc               a symlink ~/.local/bin/xjc

The new environment is made and checked (xjc --version) before the command is switched to
it; then the environments of older versions are removed. Nothing else is touched: the
plans, journals and cache that xjc keeps in the user's data folders stay as they are, and
the installer refuses a PREFIX that would overlap them.

Standard library only. Python 3.7 can still read this file, so that an old Python is told
which version is needed instead of failing on syntax.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = "xjc"


class InstallError(Exception):
    """A sentence for the person installing; nothing of the installed xjc was changed."""


def say(text: str) -> None:
    print(text, flush=True)


def is_windows() -> bool:
    return sys.platform == "win32"


def load_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InstallError(
            f"安装包不完整：{folder} 中缺少 bundle.json。请重新解压完整的安装包。"
        ) from None


def check_python(manifest: dict, version: tuple = tuple(sys.version_info[:2])) -> None:
    have = f"{version[0]}.{version[1]}"
    wanted = manifest["pythons"]
    if have not in wanted:
        span = wanted[0] if len(wanted) == 1 else f"{wanted[0]}–{wanted[-1]}"
        raise InstallError(
            f"本安装包需要 Python {span}，当前运行的是 Python {have}（{sys.executable}）。"
            "请安装合适版本的 Python 后再运行安装程序。"
        )


def machine_name(machine: str) -> str:
    m = machine.lower()
    return {"x64": "amd64", "arm64": "aarch64"}.get(m, m)


def check_platform(
    manifest: dict,
    system: str = sys.platform,
    machine: str = platform.machine(),
    pointer_bits: int = struct.calcsize("P") * 8,
) -> None:
    here = "windows" if system == "win32" else "linux" if system.startswith("linux") else system
    wanted = manifest["system"], manifest["machine"]
    have = machine_name(machine)
    if system == "win32" and have == "x86_64":
        have = "amd64"
    if system.startswith("linux") and have == "amd64":
        have = "x86_64"
    if (here, have) != wanted:
        raise InstallError(
            f"本安装包适用于 {manifest['platform']}，这台电脑是 {here} {have}；"
            "请使用对应平台的安装包。"
        )
    if pointer_bits != 64:
        raise InstallError(
            f"当前的 Python 是 {pointer_bits} 位的（{sys.executable}），本安装包需要 64 位 Python。"
        )


def home(environ: dict) -> Path:
    given = environ.get("USERPROFILE" if is_windows() else "HOME")
    return Path(given) if given else Path.home()


def local_appdata(environ: dict) -> Path:
    given = environ.get("LOCALAPPDATA")
    return Path(given) if given else home(environ) / "AppData" / "Local"


def default_prefix(environ: dict, windows: bool) -> Path:
    if windows:
        return local_appdata(environ) / "Programs" / APP
    return home(environ) / ".local" / "lib" / APP


def default_bin(environ: dict, windows: bool, prefix: Path) -> Path:
    return prefix / "bin" if windows else home(environ) / ".local" / "bin"


def data_dirs(environ: dict, windows: bool) -> list[Path]:
    """Where xjc keeps journals and its cache (the rules of xiajiceng/env.py)."""
    found = []
    for variable, linux_default in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        if environ.get(variable):
            found.append(Path(environ[variable]) / APP)
        elif windows:
            found.append(local_appdata(environ) / APP)  # (its cache is a folder inside)
        else:
            found.append(home(environ) / linux_default / APP)
    return found


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_prefix(prefix: Path, data: list[Path]) -> None:
    for folder in data:
        a, b = prefix.absolute(), folder.absolute()
        if _inside(a, b) or _inside(b, a):
            raise InstallError(
                f"安装位置 {prefix} 与 xjc 的数据文件夹 {folder} 重叠；为保护数据，"
                "请用 --prefix 另选一个安装位置。"
            )


def verify_wheels(folder: Path, manifest: dict) -> None:
    for name, expected in manifest["wheels"].items():
        path = folder / "wheels" / name
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        if digest != expected:
            raise InstallError(
                f"安装包中的文件 wheels/{name} 缺失或已损坏；请重新复制并解压安装包。"
            )


def venv_python(venv: Path, windows: bool) -> Path:
    return venv / "Scripts" / "python.exe" if windows else venv / "bin" / "python"


def venv_script(venv: Path, windows: bool) -> Path:
    return venv / "Scripts" / "xjc.exe" if windows else venv / "bin" / "xjc"


def remove_venv(venv: Path) -> None:
    """Remove an environment this installer made, and nothing else."""
    if not venv.exists():
        return
    if not (venv / "pyvenv.cfg").is_file():
        raise InstallError(f"{venv} 已存在，但不是 xjc 的安装环境；未作改动，请检查后再安装。")
    shutil.rmtree(venv)


def pip_wheel(folder: Path) -> Path:
    def key(p: Path) -> tuple:
        return tuple(int(x) for x in re.findall(r"\d+", p.name.split("-")[1]))

    found = sorted((folder / "wheels").glob("pip-*.whl"), key=key)
    if not found:
        raise InstallError("安装包不完整：缺少 pip 的安装文件；请重新解压完整的安装包。")
    return found[-1]


def offline_env(environ: dict) -> dict:
    """pip sees the bundle and nothing else: no index, no configuration, no extra links."""
    env = {k: v for k, v in environ.items() if not k.upper().startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    return env


def run_logged(argv: list, env: dict, log: Path) -> int:
    with log.open("a", encoding="utf-8", errors="replace") as f:
        f.write("$ " + " ".join(str(a) for a in argv) + "\n")
        f.flush()
        res = subprocess.run(
            [str(a) for a in argv], stdout=f, stderr=subprocess.STDOUT, env=env, check=False
        )
    return res.returncode


def log_tail(log: Path, lines: int = 12) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def create_and_install(folder: Path, manifest: dict, venv: Path, environ: dict, log: Path) -> None:
    import venv as venv_module

    windows = is_windows()
    remove_venv(venv)
    say(f"创建运行环境 {venv} ……")
    try:
        # no pip in it: pip runs from its wheel in the bundle, so a Python without
        # ensurepip (left out on some Linux systems) installs all the same
        venv_module.EnvBuilder(with_pip=False, symlinks=not windows).create(str(venv))
    except (OSError, subprocess.CalledProcessError) as exc:
        raise InstallError(f"无法创建运行环境 {venv}：{exc}") from None
    say("从安装包安装 xjc 及其依赖（不联网）……")
    code = run_logged(
        [venv_python(venv, windows), pip_wheel(folder) / "pip", "install"]
        + ["--no-index", "--find-links", folder / "wheels", "--only-binary=:all:"]
        + ["--no-cache-dir", "--no-warn-script-location", "--disable-pip-version-check"]
        + ["xiajiceng==" + manifest["version"]],
        offline_env(environ),
        log,
    )
    if code != 0:
        raise InstallError(f"安装失败（详见 {log}）：\n{log_tail(log)}")
    script = venv_script(venv, windows)
    try:
        out = subprocess.run(
            [str(script), "--version"], capture_output=True, env=offline_env(environ)
        ).stdout.decode("utf-8", "replace")
    except OSError:
        out = ""
    if out.strip() != f"xjc {manifest['version']}":
        raise InstallError(f"安装后的 xjc 不能运行（{script} --version 输出：{out.strip()!r}）。")


def link_linux(script: Path, bin_dir: Path) -> Path:
    """~/.local/bin/xjc -> the environment's xjc; an existing file that is not a symlink
    (xjc installed some other way) is left alone."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    link = bin_dir / APP
    if link.exists() and not link.is_symlink():
        raise InstallError(
            f"{link} 已存在且不是本安装程序建立的链接（可能是用别的方式安装的 xjc）；"
            f"未覆盖。可删除它后重新安装，或直接运行 {script}。"
        )
    tmp = bin_dir / f".{APP}.new"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(script, tmp)
    os.replace(tmp, link)
    return link


def copy_windows(script: Path, bin_dir: Path) -> Path:
    """PREFIX\\bin\\xjc.exe: a copy of the environment's launcher (which names the
    environment's python.exe by its full path), so that PATH holds no python.exe of ours
    that could shadow the user's own."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    target = bin_dir / f"{APP}.exe"
    tmp = bin_dir / f"{APP}.exe.new"
    shutil.copyfile(script, tmp)
    try:
        os.replace(tmp, target)
    except OSError:
        tmp.unlink()
        raise InstallError(
            f"无法替换 {target}：xjc 是否正在运行？请关闭所有 xjc 窗口后重新安装。"
        ) from None
    return target


def _expand(entry: str, environ: dict) -> str:
    return re.sub(r"%([^%]+)%", lambda m: environ.get(m.group(1), m.group(0)), entry)


def path_with(entry: str, current: str, environ: dict) -> str | None:
    """The user PATH value with `entry` appended, or None if it is there already (as
    Windows compares: case-insensitive, %VARIABLES% expanded, a trailing backslash
    ignored)."""

    def norm(p: str) -> str:
        return _expand(p.strip().strip('"'), environ).rstrip("\\/").casefold()

    parts = [p for p in current.split(";") if p.strip()]
    if norm(entry) in {norm(p) for p in parts}:
        return None
    return ";".join([*parts, entry])


def add_to_user_path(entry: Path, environ: dict) -> bool:  # pragma: no cover - Windows only
    """Add `entry` to the user's PATH in the registry; True if it was added."""
    import winreg

    with winreg.OpenKey(
        winreg.HKEY_CURRENT_USER, "Environment", 0, winreg.KEY_READ | winreg.KEY_WRITE
    ) as key:
        try:
            current, kind = winreg.QueryValueEx(key, "Path")
        except FileNotFoundError:
            current, kind = "", winreg.REG_EXPAND_SZ
        new = path_with(str(entry), str(current), environ)
        if new is None:
            return False
        if kind not in (winreg.REG_SZ, winreg.REG_EXPAND_SZ):
            kind = winreg.REG_EXPAND_SZ
        winreg.SetValueEx(key, "Path", 0, kind, new)
    try:  # tell Explorer, so that new windows see the new PATH
        import ctypes

        result = ctypes.c_ulong()
        ctypes.windll.user32.SendMessageTimeoutW(
            0xFFFF, 0x001A, 0, "Environment", 0x0002, 5000, ctypes.byref(result)
        )
    except Exception:
        pass
    return True


def on_path(folder: Path, environ: dict) -> bool:
    entries = environ.get("PATH", "").split(os.pathsep)
    return any(e and Path(e).absolute() == folder.absolute() for e in entries)


def remove_older(prefix: Path, keep: Path) -> None:
    for old in sorted(prefix.glob("venv-*")):
        if old != keep and (old / "pyvenv.cfg").is_file():
            shutil.rmtree(old, ignore_errors=True)


def install(folder: Path, prefix: Path | None, bin_dir: Path | None, environ: dict) -> None:
    windows = is_windows()
    manifest = load_manifest(folder)
    check_python(manifest)
    check_platform(manifest)
    prefix = prefix or default_prefix(environ, windows)
    bin_dir = bin_dir or default_bin(environ, windows, prefix)
    check_prefix(prefix, data_dirs(environ, windows))
    verify_wheels(folder, manifest)
    version = manifest["version"]
    say(f"安装 xjc {version}（{manifest['platform']}，Python {sys.version.split()[0]}）")
    prefix.mkdir(parents=True, exist_ok=True)
    venv = prefix / f"venv-{version}"
    log = prefix / "install.log"
    log.write_text("", encoding="utf-8")
    create_and_install(folder, manifest, venv, environ, log)
    script = venv_script(venv, windows)
    if windows:
        command = copy_windows(script, bin_dir)
        remove_older(prefix, venv)
        added = add_to_user_path(bin_dir, environ)
        say(f"已安装：{command}")
        if added:
            say(f"已把 {bin_dir} 加入当前用户的 PATH。")
        say("请打开一个新的命令提示符或 PowerShell 窗口，输入 xjc list。")
    else:
        command = link_linux(script, bin_dir)
        remove_older(prefix, venv)
        say(f"已安装：{command} -> {script}")
        if on_path(bin_dir, environ):
            say("现在可以输入 xjc list 试试。")
        else:
            say(
                f"{bin_dir} 还不在 PATH 中：重新登录后一般会自动加入；也可以执行\n"
                "  echo 'export PATH=\"$HOME/.local/bin:$PATH\"' >> ~/.bashrc\n"
                "然后打开新的终端，输入 xjc list。"
            )
    say("方案和日志不在程序文件夹里，升级或重新安装都不会改动它们。")


def main(argv: list | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="install.py", description="离线安装 xjc（不联网）。")
    parser.add_argument("--prefix", type=Path, help="安装位置（默认见 安装说明.txt）。")
    parser.add_argument("--bin", type=Path, help="放 xjc 命令的文件夹。")
    args = parser.parse_args(argv)
    try:
        install(HERE, args.prefix, args.bin, dict(os.environ))
    except InstallError as exc:
        say(str(exc))
        return 1
    except KeyboardInterrupt:
        say("安装已取消。")
        return 1
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):  # a console that cannot show a character: "?"
        sys.stdout.reconfigure(errors="replace")
    raise SystemExit(main())
