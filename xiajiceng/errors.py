"""Errors a person sees. Each class carries its exit code; the CLI's one boundary prints them."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # the plan, the journal or the state refused the command
    USAGE = 2  # the command line itself was wrong


class XjcError(Exception):
    """A failure explained in one Chinese sentence (the exception's message)."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(XjcError):
    """Bad command-line input: an unknown id, name, status, date or month."""

    exit_code = ExitCode.USAGE


class PlanError(XjcError):
    """The plan file is missing or does not load."""


class JournalError(XjcError):
    """The journal cannot be read or written."""


class LinkRefused(JournalError):
    """A plan folder's file is a symbolic link that xjc must not follow."""


class LockTimeout(JournalError):
    """Somebody else held the journal's lock for too long."""


class RefusedError(XjcError):
    """The command is valid but the task's state does not allow it (done twice, …)."""


class OutputError(XjcError):
    """An exported file or report cannot be written."""


class SheetError(XjcError):
    """A ledger sheet handed back for collect is not one xjc can read into this plan."""


class DocumentError(XjcError):
    """A document to import is missing, unreadable, of an unknown kind or holds no plan."""


class OutputExists(XjcError):
    """The file to write is already there (and --force was not given)."""
