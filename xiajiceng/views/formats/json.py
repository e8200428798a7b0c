"""The ledger as JSON: exactly the keys of `xjc list --json` (views/jsonout.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...safetext import json_safe
from ..jsonout import list_result
from .base import Format

if TYPE_CHECKING:
    from ...exchange import Ledger


class Json(Format):
    name = "json"

    def ledger(self, ledger: Ledger) -> bytes:
        return json_safe(list_result(ledger.listing)).encode("utf-8")


FORMAT = Json()
