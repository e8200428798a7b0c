"""The ledger as JSON: exactly the keys of `xjc list --json` (views/jsonout.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng.safetext import json_safe
from xiajiceng.views.formats.base import Format
from xiajiceng.views.jsonout import list_result

if TYPE_CHECKING:
    from xiajiceng.exchange import Ledger


class Json(Format):
    name = "json"

    def ledger(self, ledger: Ledger) -> bytes:
        return json_safe(list_result(ledger.listing)).encode("utf-8")


FORMAT = Json()
