"""Several people, one plan: `xjc init` makes a plan folder, `xjc sync` shares it through git.

Journals need no server: every line is a self-contained event with a unique id, replay
never depends on line order, so git's `merge=union` of two journals is always a journal.
Use cases here return what happened; the views say it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from xiajiceng import messages as M
from xiajiceng.env import Env
from xiajiceng.errors import JournalError, OutputError, UsageError, XjcError
from xiajiceng.store import git, journal_of
from xiajiceng.store.evidence import STORE
from xiajiceng.store.journal import Journal
from xiajiceng.store.office import SETTINGS, locate, office_of, plan_files
from xiajiceng.store.paths import check_inside, read_regular, refuse_link
from xiajiceng.store.plans import MARKER, PlanSource, read_plan, read_plan_bytes

# -- init --------------------------------------------------------------------------------------


@dataclass
class InitResult:
    folder: Path
    plan: Path
    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    journal_copied: int = 0  # records carried over from the journal the plan had before
    git: str = "none"  # "new" (git init + first commit), "inside" (already a repo), "none"
    repo: Path | None = None


_MAX_TEXT_BYTES = 1 << 20  # a .gitattributes, .gitignore or README of a plan folder


def _write_new(path: Path, data: bytes) -> None:
    """Write a file of the folder, never through a link (a clone may have planted one)."""
    from xiajiceng.store.files import write_atomic

    refuse_link(path)
    write_atomic(path, data)


def _ensure_lines(path: Path, text: str, result: InitResult) -> None:
    """Create path with text, or add the lines of text it lacks (never remove any)."""
    refuse_link(path)
    try:
        current = read_regular(path, _MAX_TEXT_BYTES).decode("utf-8", errors="replace")
    except FileNotFoundError:
        _write_new(path, text.encode("utf-8"))
        result.created.append(path)
        return
    except OSError as exc:
        raise OutputError(M.ERR_OUTPUT_UNWRITABLE.format(path=path, reason=exc.strerror)) from None
    have = {line.strip() for line in current.splitlines()}
    missing = [ln for ln in text.splitlines() if ln.strip() and ln.strip() not in have]
    if not missing:
        result.existing.append(path)
        return
    sep = "" if current.endswith("\n") or not current else "\n"
    _write_new(path, (current + sep + "\n".join(missing) + "\n").encode("utf-8"))
    result.updated.append(path)


def init(folder: Path, plan_arg: str | None, env: Env) -> InitResult:
    """Make folder a plan folder: plans/, merge rules, a README, a marker, and git."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(M.ERR_INIT_NOT_DIR.format(path=folder))
    # the plan to put in: --plan, $XJC_PLAN or the bundled plan (never the folder's own)
    source = locate(plan_arg, env, folder=False)
    raw_plan = read_plan_bytes(source.path, source.root)
    plan = read_plan(source.path, root=source.root)  # refuse a plan that does not load
    old_journal = journal_of(source, env)
    old_events = old_journal.read()  # and a damaged journal

    plans = folder / "plans"
    try:
        plans.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(M.ERR_OUTPUT_UNWRITABLE.format(path=plans, reason=exc.strerror)) from None
    target = plans / source.path.name
    check_inside(target, folder)
    result = InitResult(folder=folder, plan=target)
    if target.exists() or target.is_symlink():
        refuse_link(target)
        result.existing.append(target)
    else:
        _write_new(target, raw_plan)
        result.created.append(target)
    new_journal = journal_of(PlanSource(target, bundled=False, root=folder), env)
    new_path = new_journal.path
    if old_events and not new_path.exists() and new_path != old_journal.path:
        _write_new(new_path, old_journal.raw())
        result.journal_copied = len(old_events)
        result.created.append(new_path)

    _ensure_lines(folder / ".gitattributes", M.GITATTRIBUTES, result)
    _ensure_lines(folder / ".gitignore", M.GITIGNORE, result)
    marker = folder / MARKER
    if marker.exists() or marker.is_symlink():
        refuse_link(marker)
        result.existing.append(marker)
    else:
        _write_new(marker, M.MARKER.format(plans="plans/").encode("utf-8"))
        result.created.append(marker)
    readme = folder / "README.md"
    if readme.exists() or readme.is_symlink():
        refuse_link(readme)
        result.existing.append(readme)
    else:
        text = M.FOLDER_README.format(
            title=plan.title,
            plan=f"plans/{target.name}",
            journal=f"plans/{new_path.name}",
        )
        _write_new(readme, text.encode("utf-8"))
        result.created.append(readme)

    if not git.available():
        return result
    repo = git.toplevel(folder)
    if repo is not None:
        result.git, result.repo = "inside", repo
        return result
    identity = None if git.user_name(folder) else env.user()
    for step in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", M.INIT_COMMIT)):
        res = git.run(folder, *step, identity=identity)
        if not res.ok:
            raise XjcError(M.ERR_SYNC_GIT.format(step=step[0], detail=_first_line(res.err)))
    result.git, result.repo = "new", folder.resolve()
    return result


# -- sync --------------------------------------------------------------------------------------


@dataclass
class SyncResult:
    dry_run: bool
    repo: Path
    journals: list[Path]  # journals with records not yet committed
    to_commit: int  # how many new records they hold
    remote: str | None
    committed: bool = False
    received: int = 0  # records that came in with the pull
    pulled: bool = False
    pushed: bool = False
    restored: int = 0  # records a merge had lost, put back


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for ln in lines:  # git's "fatal:" line says most
        if ln.startswith(("fatal:", "error:")):
            return ln
    return lines[0] if lines else ""


def _count_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())


def _shared(name: str) -> bool:
    """The files sync shares besides journals: an office's plans and its settings, and the
    evidence store's files (佐证材料/ab/ab…, named by their SHA-256)."""
    *_, store, fan, digest = ("", "", "", *name.split("/"))
    if store == STORE and len(digest) == 64 and digest.startswith(fan) and len(fan) == 2:
        return all(c in "0123456789abcdef" for c in digest)
    return name.endswith((".yaml", ".yml")) and (
        name.startswith("plans/") or "/plans/" in name or name.endswith(SETTINGS)
    )


def _uncommitted(repo: Path) -> tuple[list[Path], int]:
    """Journals (and plan files, 设置.yaml) with changes, and how many records were added to
    the journals since the last commit."""
    res = git.run(repo, "status", "--porcelain", "-z", "--untracked-files=all")
    changed = []
    for entry in res.out.split("\0"):
        name = entry[3:]
        if len(entry) > 3 and (name.endswith(".journal.jsonl") or _shared(name)):
            changed.append(repo / name)
    journals = [p for p in changed if p.name.endswith(".journal.jsonl")]
    added = 0
    for path in journals:
        now = _count_lines(Journal(path, root=repo).raw()) if path.exists() else 0
        rel = path.relative_to(repo).as_posix()
        before = git.run(repo, "show", f"HEAD:{rel}")
        added += now - (_count_lines(before.out.encode()) if before.ok else 0)
    return changed, max(added, 0)


def sync(plan_arg: str | None, env: Env, by: str | None, dry_run: bool = False) -> SyncResult:
    """Commit the journals' new records, merge the colleagues' ones, push.

    The journal's lock is held from the commit to the end of the merge, so a record written
    meanwhile can neither be left out of the commit nor be overwritten by the merge. After the
    merge every record that was there before must still be there: journals are append-only,
    so a merge can only add, and a record that a colleague's commit deleted is put back as it
    was, committed, and said.
    """
    from xiajiceng.usecases.record import actor

    here = None if plan_arg or env.plan_setting() else office_of(env.cwd())
    if here is None:
        source = locate(plan_arg, env)
        if source.bundled:
            raise UsageError(M.ERR_SYNC_BUNDLED)
        folder = source.path.parent
    else:
        folder = here.folder
    # every plan's journal in an office folder; the one plan's elsewhere
    office = office_of(folder)
    if office is not None:
        sources = [PlanSource(p, False, office.folder) for p in plan_files(office)]
    else:
        sources = [source]
    for s in sources:
        read_plan(s.path, root=s.root)
    if not git.available():
        raise XjcError(M.ERR_NO_GIT)
    repo = git.toplevel(folder)
    if repo is None:
        raise XjcError(M.ERR_NOT_REPO.format(folder=folder))
    all_journals = [journal_of(s, env) for s in sources]
    for journal in all_journals:
        rel = journal.path.resolve().relative_to(repo.resolve()).as_posix()
        attr = git.run(repo, "check-attr", "merge", "--", rel)
        if not attr.out.strip().endswith(": union"):
            raise XjcError(M.ERR_NO_UNION.format(journal=rel))
        journal.records()  # a damaged journal stops here, untouched

    remotes = git.run(repo, "remote").out.split()
    remote = "origin" if "origin" in remotes else (remotes[0] if remotes else None)
    journals, count = _uncommitted(repo)
    result = SyncResult(dry_run, repo, journals, count, remote)
    if dry_run:
        return result

    who = actor(by, env, folder)
    identity = None if git.user_name(repo) else who
    branch = git.run(repo, "rev-parse", "--abbrev-ref", "HEAD").out.strip() or "HEAD"
    upstream = git.run(repo, "rev-parse", "--abbrev-ref", "@{u}")
    remote_ref = upstream.out.strip() if upstream.ok else f"{remote}/{branch}"

    def message(n: int) -> str:
        return M.SYNC_COMMIT.format(by=who, n=n)

    with _locked(all_journals):  # the records so far are safe in a commit, whatever the network
        if journals:
            journals, result.to_commit = _uncommitted(repo)
            _commit(repo, journals, message(result.to_commit), identity)
            result.committed = True
    if remote is None:
        return result
    fetch = git.run(repo, "fetch", "-q", remote)  # the network, outside the lock
    if not fetch.ok:
        raise XjcError(M.ERR_SYNC_NETWORK.format(remote=remote, detail=_first_line(fetch.err)))

    with _locked(all_journals):  # from the last commit to the end of the merge
        before = [journal.records() for journal in all_journals]
        late, count = _uncommitted(repo)  # written while the network was asked
        if late:
            _commit(repo, late, message(count), identity)
            result.journals += [p for p in late if p not in result.journals]
            result.to_commit += count
            result.committed = True
        if git.run(repo, "rev-parse", "-q", "--verify", remote_ref).ok:
            merge = git.run(repo, "merge", "-q", "--no-edit", remote_ref, identity=identity)
            if not merge.ok:
                _abort_merge(repo, merge)
            result.pulled = True
            try:
                after = [journal.records() for journal in all_journals]
            except JournalError:
                git.run(repo, "reset", "-q", "--merge", "ORIG_HEAD")
                raise
            result.received = sum(len(a.keys() - b.keys()) for a, b in zip(after, before))
            for journal, was, now in zip(all_journals, before, after):
                lost = [line for ident, line in was.items() if ident not in now]
                if lost:
                    journal.restore(lost)
                    message_ = M.SYNC_RESTORE_COMMIT.format(n=len(lost))
                    _commit(repo, [journal.path], message_, identity)
                    result.restored += len(lost)

    push_args = ["push", "-q", remote, f"HEAD:{branch}"]
    if not upstream.ok:
        push_args.insert(2, "-u")
    push = git.run(repo, *push_args)
    if not push.ok:
        raise XjcError(M.ERR_SYNC_PUSH.format(remote=remote, detail=_first_line(push.err)))
    result.pushed = True
    return result


@contextmanager
def _locked(journals: list[Journal]) -> Iterator[None]:
    """Every journal's lock, taken in one order (by path) so two syncs cannot deadlock."""
    with ExitStack() as stack:
        for journal in sorted(journals, key=lambda j: str(j.path)):
            stack.enter_context(journal.locked())
        yield


def _commit(repo: Path, files: list[Path], message: str, identity: str | None) -> None:
    paths = [
        p.resolve().relative_to(repo.resolve()).as_posix() if p.is_absolute() else p.as_posix()
        for p in files
    ]
    git.run(repo, "add", "--", *paths)
    res = git.run(repo, "commit", "-q", "-m", message, "--", *paths, identity=identity)
    if not res.ok:
        raise XjcError(M.ERR_SYNC_GIT.format(step="commit", detail=_first_line(res.err)))


def _abort_merge(repo: Path, merge: git.GitResult) -> None:
    conflicted = git.run(repo, "diff", "--name-only", "--diff-filter=U").out.split()
    if conflicted:
        git.run(repo, "merge", "--abort")
        raise XjcError(M.ERR_SYNC_CONFLICT.format(files="、".join(conflicted)))
    text = merge.err + merge.out
    if "overwritten" in text or "uncommitted" in text.lower():
        files = [ln.strip() for ln in text.splitlines() if ln.startswith(("\t", "    "))]
        raise XjcError(M.ERR_SYNC_DIRTY.format(files="、".join(files) or _first_line(text)))
    raise XjcError(M.ERR_SYNC_GIT.format(step="merge", detail=_first_line(text)))


__all__ = ["InitResult", "SyncResult", "init", "sync"]
