"""Evidence (佐证材料): files attached to tasks, kept in the plan folder's store under their
SHA-256 (store/evidence.py). Here: the checks of a file to attach, copying it in, checking
every recorded file against its hash (for `check`), and the ledger bundled with its evidence
(`export 台账.zip`). Nothing here prints."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from xiajiceng import messages as M
from xiajiceng.errors import OutputError, UsageError, XjcError
from xiajiceng.model import Evidence, Task
from xiajiceng.store import Workspace, paths
from xiajiceng.store import evidence as store
from xiajiceng.store.bounded import printable
from xiajiceng.store.office import OfficeJournal
from xiajiceng.text import escape_char, first_control, size_text
from xiajiceng.usecases.record import AttachResult, Incoming, Stamp, attach

if TYPE_CHECKING:
    from xiajiceng.usecases.ledger import Ledger, OfficeLedger
    from xiajiceng.usecases.tasks import Query

MAX_EVIDENCE_BYTES = store.MAX_EVIDENCE_BYTES


# -- a file to attach -------------------------------------------------------------------------


def check_name(path: Path) -> None:
    """The name a file is recorded under: printable text, UTF-8 (it goes into the journal)."""
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a name in another encoding: surrogate escapes
        shown = name.encode("utf-8", "replace").decode("utf-8")
        raise UsageError(M.ERR_EVIDENCE_NAME_BYTES.format(name=printable(shown))) from None
    ch = first_control(name, lines=False)
    if ch is not None:
        raise UsageError(M.ERR_EVIDENCE_NAME.format(name=printable(name), char=escape_char(ch)))


@contextmanager
def _refusals(path: Path) -> Iterator[None]:
    """A file that cannot be attached, as one sentence naming it."""
    what = M.WHAT_EVIDENCE
    try:
        yield
    except (FileNotFoundError, ValueError):  # ValueError: a NUL in the name
        raise UsageError(M.ERR_INPUT_MISSING.format(what=what, path=path)) from None
    except paths.NotRegular as exc:
        kind = store.kind_word(exc.mode)
        raise UsageError(M.ERR_INPUT_NOT_REGULAR.format(what=what, path=path, kind=kind)) from None
    except paths.TooBig as exc:
        size, limit = size_text(exc.size), size_text(MAX_EVIDENCE_BYTES)
        raise UsageError(M.ERR_EVIDENCE_TOO_BIG.format(path=path, size=size, limit=limit)) from None
    except PermissionError as exc:
        raise UsageError(
            M.ERR_INPUT_UNREADABLE.format(what=what, path=path, reason=exc.strerror)
        ) from None


def check_input(path: Path) -> None:
    """Refuse, before anything is copied, a file that is missing, a link, a folder, a named
    pipe or a device, or larger than the limit."""
    import os

    with _refusals(path):
        os.close(store.open_regular(path, MAX_EVIDENCE_BYTES))


def _journals(ws: Workspace) -> dict[str, Path]:
    """Each plan's journal by the prefix of its tasks' ids ("" for a single plan)."""
    journal = ws.journal
    if isinstance(journal, OfficeJournal):
        return {f"{short}:": j.path for short, j in journal.parts}
    return {"": journal.path}


def store_of(ws: Workspace, task_id: str = "") -> Path:
    """The evidence store of the plan a task is in."""
    journals = _journals(ws)
    for prefix, path in journals.items():
        if prefix and task_id.startswith(prefix):
            return store.store_folder(path)
    return store.store_folder(next(iter(journals.values())))


def store_file(ws: Workspace, path: Path) -> store.Stored:
    """Copy a file into the store of the workspace's plan (a content there already is kept)."""
    folder = store_of(ws)
    with _refusals(path):
        try:
            return store.copy_in(path, folder, ws.source.root, MAX_EVIDENCE_BYTES)
        except store.Damaged as exc:
            raise XjcError(M.ERR_EVIDENCE_DAMAGED.format(path=exc.path)) from None
        except (FileNotFoundError, paths.NotRegular, paths.TooBig, XjcError):
            raise
        except OSError as exc:
            raise OutputError(
                M.ERR_EVIDENCE_STORE.format(path=folder, reason=exc.strerror)
            ) from None


MAX_ATTACH_FILES = 100  # files in one attach (README: Limits)


def attach_files(
    ws: Workspace, task_id: str, files: Sequence[Path], note: str | None, stamp: Stamp
) -> AttachResult:
    """xjc attach: every file checked (name, kind, size) before any is copied; then each
    copied into the store, and all recorded in one append (record.attach)."""
    if len(files) > MAX_ATTACH_FILES:
        raise UsageError(M.ERR_EVIDENCE_TOO_MANY.format(limit=MAX_ATTACH_FILES, n=len(files)))
    for path in files:
        check_name(path)
        check_input(path)
    stored = [(path, store_file(ws, path)) for path in files]
    incoming = [Incoming(path, s.size, s.sha256, s.added) for path, s in stored]
    return attach(ws, task_id, incoming, note, stamp)


# -- check: every recorded file against its hash ------------------------------------------------


@dataclass(frozen=True)
class EvidenceProblem:
    """A file recorded as evidence that the store does not hold as recorded."""

    task: str
    evidence: Evidence
    path: Path
    kind: str  # "missing", "changed" or "unreadable"
    message: str  # the sentence that says it


def _problem(task: str, x: Evidence, path: Path) -> EvidenceProblem | None:
    common = {"task": task, "name": printable(x.name), "event": x.event_id[:8], "path": path}
    try:
        size, sha = store.hash_file(path, max(x.size, MAX_EVIDENCE_BYTES))
    except FileNotFoundError:
        return EvidenceProblem(task, x, path, "missing", M.EVIDENCE_MISSING.format(**common))
    except paths.TooBig as exc:
        size, sha = exc.size, ""
    except (OSError, XjcError) as exc:  # a link, a folder, no permission
        reason = getattr(exc, "strerror", None) or getattr(exc, "message", "") or str(exc)
        text = M.EVIDENCE_UNREADABLE.format(**common, reason=printable(reason))
        return EvidenceProblem(task, x, path, "unreadable", text)
    if sha == x.sha256 and size == x.size:
        return None
    text = M.EVIDENCE_CHANGED.format(**common, size=size_text(size))
    return EvidenceProblem(task, x, path, "changed", text)


def verify_evidence(ws: Workspace, as_of: date = date.max) -> list[EvidenceProblem]:
    """Every file attached (in force) to a task of the workspace, read and hashed: the ones
    missing from the store, changed, or not readable as a file. Each content is read once."""
    states = ws.journal.states([t.id for t in ws.plan.tasks], as_of)
    seen: dict[Path, EvidenceProblem | None] = {}
    problems = []
    for t in ws.plan.tasks:
        for x in states[t.id].evidence:
            path = store.blob_path(store_of(ws, t.id), x.sha256)
            if path not in seen:
                seen[path] = _problem(t.id, x, path)
            found = seen[path]
            if found is not None:
                problems.append(EvidenceProblem(t.id, x, path, found.kind, found.message))
    return problems


# -- export 台账.zip: the ledger and one folder of evidence a task --------------------------------


@dataclass(frozen=True)
class BundleSaved:
    path: Path
    count: int  # tasks in the ledger
    files: int  # evidence files in the archive
    as_of: date


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
MAX_NAME_CHARS = 80  # a file or folder name in the archive (paths stay short for Windows)


def safe_name(text: str, most: int = MAX_NAME_CHARS) -> str:
    """A name any file system takes: no separators, control characters or characters that
    Windows refuses, no leading or trailing dots and spaces, not a device name, not too
    long (the extension kept)."""
    name = _UNSAFE.sub("_", neutral(text)).strip(" .")
    if len(name) > most:
        stem, dot, ext = name.rpartition(".")
        keep = f".{ext}" if dot and stem and len(ext) <= 10 else ""
        name = name[: most - len(keep)].rstrip(" .") + keep
    if not name or _RESERVED.match(name):
        name = "_" + name
    return name


def neutral(text: str) -> str:
    """Text without control characters (bidirectional overrides included)."""
    from xiajiceng.text import neutralise

    return neutralise(text, lines=False)


def _unique(name: str, taken: set[str]) -> str:
    """name, or name (2), name (3) … so that no two files of a folder share a name (in any
    letter case: Windows does not tell them apart)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){'.' + ext if ext else ''}"
    taken.add(candidate.casefold())
    return candidate


def task_folder(t: Task) -> str:
    """编号 任务名, as a folder name: 2.3 加强业务指导 (下基层：2.3 … across an office's plans)."""
    return safe_name(f"{t.id.replace(':', '：')} {t.title}", 60)


def export_bundle(
    ws: Workspace,
    path: Path,
    as_of: date,
    render: Callable[[Ledger], bytes],
    query: Query | None = None,
    office: tuple[Sequence[tuple[str, Workspace]], Callable[[OfficeLedger], bytes]] | None = None,
) -> BundleSaved:
    """台账.zip: the ledger as `export 台账.xlsx` writes it (`render`; across an office's
    plans, `office`: its plans and the workbook with a sheet a plan), and 佐证材料/编号 任务名/
    with the evidence of each task listed, as of the date; written at once (a temporary file,
    then a rename), every file's hash checked as it is copied."""
    from xiajiceng.usecases.ledger import ledger, office_ledger

    if office is not None:
        plans, render_office = office
        whole = office_ledger(ws, plans, as_of, query)
        data, rows = render_office(whole), whole.joined.rows
    else:
        led = ledger(ws, as_of, query)
        data, rows = render(led), led.rows
    ledger_name = safe_name(path.stem) + ".xlsx"
    members = [store.Member(ledger_name, data=data, when=as_of)]
    origin: dict[Path, tuple[str, Evidence]] = {}
    folders: set[str] = set()
    for r in rows:
        if not r.state.evidence:
            continue
        folder = _unique(task_folder(r.task), folders)
        taken: set[str] = set()
        for x in r.state.evidence:
            blob = store.blob_path(store_of(ws, r.task.id), x.sha256)
            origin.setdefault(blob, (r.task.id, x))
            name = f"{M.ZIP_EVIDENCE}/{folder}/{_unique(safe_name(x.name), taken)}"
            members.append(store.Member(name, blob=blob, sha256=x.sha256, when=x.date))
    target = path.parent if str(path.parent) else Path(".")
    if not target.is_dir():
        raise OutputError(M.ERR_OUTPUT_DIR.format(path=path, folder=target))
    try:
        store.write_zip(path, members)
    except (store.Damaged, FileNotFoundError, paths.NotRegular, paths.TooBig) as exc:
        blob = Path(getattr(exc, "path", None) or exc.filename or "")
        found = _problem(*origin[blob], blob) if blob in origin else None
        if found is None:
            reason = exc.strerror or type(exc).__name__
            raise OutputError(M.ERR_OUTPUT_UNWRITABLE.format(path=path, reason=reason)) from None
        raise XjcError(M.ERR_ZIP_EVIDENCE.format(problem=found.message)) from None
    except XjcError:
        raise
    except OSError as exc:
        raise OutputError(M.ERR_OUTPUT_UNWRITABLE.format(path=path, reason=exc.strerror)) from None
    return BundleSaved(path, len(rows), len(members) - 1, as_of)
