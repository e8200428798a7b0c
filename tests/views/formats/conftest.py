"""The records that every exported ledger and report of this folder's tests shows: the
`history` fixture, defined with the .xlsx tests (where it has always been)."""

from tests.views.formats.test_xlsx import history  # noqa: F401
