"""What `xjc init` and `xjc sync` say."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from xiajiceng import messages as M
from xiajiceng.usecases.sharing import InitResult, SyncResult


def _say(console: Console, text: str, style: str = "") -> None:
    console.print(Text(text, style=style), soft_wrap=True)


def _rel(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def show_init(console: Console, res: InitResult) -> None:
    base = res.folder
    for path in res.created:
        _say(console, M.INIT_CREATED.format(path=_rel(path, base)), "green")
    for path in res.updated:
        _say(console, M.INIT_UPDATED.format(path=_rel(path, base)), "green")
    for path in res.existing:
        _say(console, M.INIT_EXISTS.format(path=_rel(path, base)), "dim")
    if res.journal_copied:
        journal = next((p for p in res.created if p.name.endswith(".journal.jsonl")), res.plan)
        _say(console, M.INIT_JOURNAL_COPIED.format(n=res.journal_copied, path=_rel(journal, base)))
    if res.git == "new":
        _say(console, M.INIT_GIT_NEW.format(folder=res.folder))
    elif res.git == "inside":
        _say(console, M.INIT_GIT_INSIDE.format(folder=res.folder, repo=res.repo))
    else:
        _say(console, M.INIT_NO_GIT, "yellow")
    _say(console, M.INIT_NEXT.format(folder=res.folder), "bold")


def show_sync(console: Console, res: SyncResult) -> None:
    if res.dry_run:
        if res.journals:
            files = "、".join(_rel(p, res.repo) for p in res.journals)
            _say(console, M.SYNC_DRY_COMMIT.format(n=res.to_commit, files=files))
        else:
            _say(console, M.SYNC_DRY_NOTHING)
        if res.remote:
            _say(console, M.SYNC_DRY_PULL.format(remote=res.remote))
        else:
            _say(console, M.SYNC_DRY_NO_REMOTE, "yellow")
        return
    if res.committed:
        _say(console, M.SYNC_COMMITTED.format(n=res.to_commit), "green")
    else:
        _say(console, M.SYNC_NOTHING, "dim")
    if res.remote is None:
        _say(console, M.SYNC_NO_REMOTE, "yellow")
        return
    if res.pulled and res.received:
        _say(console, M.SYNC_PULLED.format(n=res.received), "green")
    else:
        _say(console, M.SYNC_UP_TO_DATE, "dim")
    if res.restored:
        _say(console, M.SYNC_RESTORED.format(n=res.restored), "bold yellow")
    if res.pushed:
        _say(console, M.SYNC_PUSHED.format(remote=res.remote), "green")
