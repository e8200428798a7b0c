"""What a cold `xjc list` cannot skip under issue 17's rules, and nothing else: start Python,
import the CLI stack (typer, rich), read the plan with xjc's YAML reader and validate it with
xjc's pydantic models; with a journal, also read and decode every line of it (msgspec). No
fold, no cache, no output.

Time it against the same yardstick as xjc, pair by pair, for example:

    hyperfine -N --warmup 1 -r 15 \\
        'python benchmarks/lower_bound.py plan.yaml' \\
        'python -c "import typer, rich.table, pydantic, yaml"'

The README's Performance section quotes such pairs: the lower bound, not xjc, is what stands
between the cold-path goals and the rule that plans are validated with pydantic models.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rich.table  # noqa: F401  (what every command's start-up imports)
import typer  # noqa: F401

from xiajiceng.store import yamlsafe
from xiajiceng.store.cache import Cache
from xiajiceng.store.journal import Journal
from xiajiceng.store.schema import own_words, validate


def main(argv: list[str]) -> None:
    plan = Path(argv[0])
    data = yamlsafe.load_data(plan.read_text(encoding="utf-8"))
    data, _words, _problems, _renamed = own_words(data)
    validate(data)
    if len(argv) > 1:
        journal = Path(argv[1])
        Journal(journal, Cache(None)).replayable(journal.read_bytes())


if __name__ == "__main__":
    main(sys.argv[1:])
