"""Evidence (佐证材料) in files: what `export 台账.zip` says it wrote."""

from __future__ import annotations

from xiajiceng import messages as M
from xiajiceng.usecases.evidence import BundleSaved
from xiajiceng.views.phrases import full_date


def bundle_exported(saved: BundleSaved) -> str:
    """The line `export 台账.zip` says (the CLI prints it)."""
    text = M.ZIP_EXPORTED.format(
        path=saved.path, n=saved.count, files=saved.files, as_of=full_date(saved.as_of)
    )
    return text + "\n"
