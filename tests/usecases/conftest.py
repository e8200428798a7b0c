"""Fixtures shared by the use-case tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def along(xjc):
    """A plan some way along: done on time, done late, in progress, paused, untouched."""
    xjc.ok("assign", "2.1", "李明", "周芳", "--date", "2023-02-06")
    xjc.ok("done", "1.1", "--date", "2023-02-24", "--note", "确定8个调研课题")
    xjc.ok("mark", "2.1", "doing", "--date", "2023-02-08")
    xjc.ok("done", "2.1", "--date", "2023-04-03")  # three days after its time limit
    xjc.ok("mark", "2.2", "doing", "--date", "2023-03-01")
    xjc.ok("mark", "3.1", "paused", "--date", "2023-03-01")
    xjc.ok("mark", "4.1", "doing", "--date", "2023-03-10")
    return xjc
