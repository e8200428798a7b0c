"""Old Word (.doc) and WPS (.wps) documents, converted to .docx by LibreOffice when it is
installed: on a copy in a fresh temporary folder, with a fresh user profile (a running
LibreOffice of the user's is neither used nor disturbed), no shell, and a time limit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.errors import DocumentError
from xiajiceng.store.bounded import MAX_DOCX_BYTES, Input, printable, read_regular

CONVERT_SECONDS = 120  # a 50-page .doc converts in 3-5 s; the first start of a profile adds ~5 s


def office_program(environ: Mapping[str, str]) -> str | None:
    """LibreOffice's soffice on the PATH of `environ`, else where Windows installs it."""
    import shutil

    path = environ.get("PATH", os.defpath)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=path)
        if found:
            return found
    if sys.platform == "win32":  # (the installer does not put it on the PATH)
        for base in (environ.get("ProgramFiles"), environ.get("ProgramFiles(x86)")):
            if base:
                exe = Path(base) / "LibreOffice" / "program" / "soffice.exe"
                if exe.is_file():
                    return str(exe)
    return None


def convert_to_docx(source: Input, raw: bytes, environ: Mapping[str, str]) -> bytes:
    """The bytes of the .docx LibreOffice makes of `raw`; DocumentError in one sentence when
    LibreOffice is not installed, fails, or takes longer than CONVERT_SECONDS."""
    import tempfile

    path = source.path
    program = office_program(environ)
    if program is None:
        raise DocumentError(M.ERR_DOC_NO_OFFICE.format(suffix=path.suffix.lower(), path=path))
    with tempfile.TemporaryDirectory(prefix="xjc-convert-") as folder:
        work = Path(folder)
        copy = work / ("document" + path.suffix.lower())  # (a plain name: no quoting issues)
        copy.write_bytes(raw)
        out = work / "out"
        argv = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(copy),
        ]
        try:
            proc = subprocess.Popen(
                argv,
                cwd=work,
                env=dict(environ),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=sys.platform != "win32",  # to stop its helpers with it
            )
        except OSError as exc:
            raise DocumentError(
                M.ERR_DOC_CONVERT.format(path=path, reason=printable(str(exc)))
            ) from None
        try:
            _, err = proc.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise DocumentError(
                M.ERR_DOC_CONVERT_TIMEOUT.format(path=path, seconds=CONVERT_SECONDS)
            ) from None
        result = out / "document.docx"
        if not result.is_file():
            lines = err.decode("utf-8", errors="replace").strip().splitlines()
            why = printable(lines[-1]) if lines else f"exit {proc.returncode}"
            raise DocumentError(M.ERR_DOC_CONVERT.format(path=path, reason=why))
        return read_regular(Input(result, source.what, source.error), MAX_DOCX_BYTES)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and the helpers it started (its own process group)."""
    import signal

    try:
        if sys.platform != "win32":
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except OSError:
        pass
    proc.communicate()
