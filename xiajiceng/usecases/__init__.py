"""What xjc does, as plain functions over a workspace, one module per command family.
Nothing here prints: each use case returns a result that a view renders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiajiceng.store import Workspace  # what every use case works on

if TYPE_CHECKING:
    from xiajiceng.env import Env


def workspace(plan_arg: str | None, env: Env) -> Workspace:
    """The plan and the journal a command works on: --plan, $XJC_PLAN, the plan folder, else
    the bundled plan."""
    from xiajiceng.store import open_workspace

    return open_workspace(plan_arg, env)


__all__ = ["Workspace", "workspace"]
