"""What a person sees: tables rendered at a fixed width, compared as text."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from xiajiceng.model import Event, Op, fold
from xiajiceng.store.plans import bundled_plan_path, read_plan
from xiajiceng.usecases.tasks import Row
from xiajiceng.views.tasks import task_table

PLAN = read_plan(bundled_plan_path())


def render(renderable, width: int = 80) -> str:
    buf = io.StringIO()
    Console(width=width, file=buf, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines())


def test_chinese_row_folds_instead_of_being_cut():
    events = [
        Event("e1", Op.ASSIGN, "4.3", {"add": ["张三", "李四"], "remove": []},
              date(2023, 2, 10), "2023-02-10T09:00:00+08:00", "王"),
        Event("e2", Op.STATUS, "4.3", "doing", date(2023, 3, 2),
              "2023-03-02T09:00:00+08:00", "王", "走访光机电企业12家，解决用工难题3个"),
    ]  # fmt: skip
    state = fold(["4.3"], events)["4.3"]
    table = task_table([Row(PLAN.task("4.3"), state, True)], PLAN)
    assert render(table) == "\n".join(
        [
            "编号  任务           责任领导  责任科室  承办人  状态    时限     最新进展",
            "-" * 80,
            "4.3   协调助推一批   曹国良    干部科    张三    推进中  3月31日  3月2日",
            "      结对企业       许静      组织科    李四    逾期             走访光机电企业",
            "                     沈伟强                                       12家，解决用工",
            "                                                                  难题3个",
        ]
    )


def columns(line: str, start: int, end: int) -> str:
    """The characters of a rendered line that stand in terminal cells start..end-1."""
    from rich.cells import cell_len

    out, at = [], 0
    for ch in line:
        if start <= at < end:
            out.append(ch)
        at += cell_len(ch)
    return "".join(out)


def cells_of_column(lines: list[str], heading: str, next_heading: str) -> dict[str, str]:
    """Each row's text in one column of a table: the lines of a row (its id in the first
    column, then the lines that fold it), cut to the column, joined without the padding."""
    from rich.cells import cell_len

    header = lines[0]
    start = cell_len(header[: header.index(heading)])
    end = cell_len(header[: header.index(next_heading)])
    rows: dict[str, list[str]] = {}
    for line in lines[2:]:
        if not line.strip() or line.startswith("共 "):
            continue
        if line[:1] != " ":
            rows[line.split()[0]] = []
        rows[list(rows)[-1]].append(columns(line, start, end).strip())
    return {task: "".join(parts) for task, parts in rows.items()}


def test_list_at_80_columns_keeps_every_character(xjc):
    out = xjc.ok("list", "--as-of", "2023-03-15").stdout
    lines = out.splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in lines)
    titles = cells_of_column(lines, "任务", "责任领导")
    # every title whole in its own row's cell, folded over lines if need be
    assert titles == {task.id: task.title for task in PLAN.tasks}
    assert lines[-1] == "共 13 项任务（全部 13 项），截至 3月15日"


def test_no_ambiguous_width_characters_in_tables(xjc):
    xjc.ok("mark", "1.1", "doing", "--note", "开始", "--date", "2023-02-01")
    for args in (["list"], ["show", "1.1"], ["log"], ["report", "--month", "2"]):
        out = xjc.ok(*args).stdout
        for ch in "─│━┃┏┓┗┛•●…→①":
            assert ch not in out, (args, ch)


def test_user_text_is_not_markup(xjc):
    xjc.ok("mark", "1.1", "--note", "[bold]要点[/bold] 与 [red]", "--date", "2023-02-01")
    assert "[bold]要点[/bold] 与 [red]" in xjc.ok("show", "1.1").stdout.replace("\n", "")
