"""The exported workbook, cell by cell and format by format, as openpyxl reads it, against
golden files: a change in how the ledger is written (for speed) must leave what Excel, WPS
and LibreOffice show exactly as it was. After an intended change of layout, regenerate with
XJC_REGEN_GOLDEN=1 and read the diff before committing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.helpers import golden
from tests.views.formats.test_xlsx import _benchmark_plan


def _colour(c) -> str | None:
    if c is None:
        return None
    return f"{c.type}:{c.rgb if c.type == 'rgb' else c.theme if c.type == 'theme' else c.indexed}"


def _style(cell) -> tuple:
    f, fill, b, a = cell.font, cell.fill, cell.border, cell.alignment
    return (
        ("font", f.name, f.sz, f.b, f.i, f.u, _colour(f.color)),
        ("fill", fill.fill_type, _colour(fill.fgColor) if fill.fill_type else None),
        ("border", *((s.style, _colour(s.color)) for s in (b.left, b.right, b.top, b.bottom))),
        ("align", a.horizontal, a.vertical, a.wrap_text),
        ("format", cell.number_format),
        ("protection", cell.protection.locked, cell.protection.hidden),
    )


def dump(path: Path) -> str:
    """Everything a person sees of the workbook, and what collect reads, as lines of text:
    the sheets and their state, page setup, widths, heights, merged ranges, validations,
    and every cell that has a value or a style (styles listed once, at the end)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    styles: dict[tuple, str] = {}
    props = wb.properties
    lines = [f"workbook title={props.title!r} creator={props.creator!r}", f"sheets {wb.sheetnames}"]
    for ws in wb.worksheets:
        ps, po = ws.page_setup, ws.print_options
        m = ws.page_margins
        fit = ws.sheet_properties.pageSetUpPr
        lines += [
            f"== {ws.title} state={ws.sheet_state} dimensions={ws.dimensions}"
            f" freeze={ws.freeze_panes}",
            f"page orientation={ps.orientation} paper={ps.paperSize} fitToWidth={ps.fitToWidth}"
            f" fitToHeight={ps.fitToHeight} fitToPage={fit.fitToPage if fit else None}",
            f"print titles={ws.print_title_rows} area={ws.print_area}"
            f" centred={po.horizontalCentered} margins={(m.left, m.right, m.top, m.bottom)}"
            f" footer={ws.oddFooter.center.text!r}",
        ]
        for key, dim in sorted(ws.column_dimensions.items()):
            lines.append(f"column {key} {dim.min}-{dim.max} width={dim.width} hidden={dim.hidden}")
        for key, dim in sorted(ws.row_dimensions.items()):
            if dim.height is not None or dim.hidden:
                lines.append(f"row {key} height={dim.height} hidden={dim.hidden}")
        lines += [f"merged {r}" for r in sorted(str(r) for r in ws.merged_cells.ranges)]
        for dv in ws.data_validations.dataValidation:
            lines.append(
                f"validation {dv.sqref} {dv.type} {dv.formula1!r} blank={dv.allow_blank}"
                f" input={dv.showInputMessage} {dv.promptTitle!r} {dv.prompt!r}"
                f" error={dv.showErrorMessage} {dv.errorTitle!r} {dv.error!r}"
            )
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                key = _style(c)
                name = styles.setdefault(key, f"S{len(styles) + 1}")
                lines.append(f"{c.coordinate} {c.data_type} {c.value!r} {name}")
    lines += [f"{name} {key}" for key, name in styles.items()]
    return "\n".join(lines) + "\n"


def test_the_bundled_ledger_is_as_it_was(history, tmp_path):
    """Every state a row can be in (done, done late, overdue, due soon, paused, untouched),
    reminders, notes with line breaks, a formula, XlsxWriter's own XML, an escape, a long
    text; and a ledger narrowed by filters."""
    history.ok("done", "2.3", "--date", "2023-04-04", "--note", "第一行\n第二行\n第三行")
    history.ok("mark", "3.2", "暂缓", "--date", "2023-03-01", "--note", "=1+1")
    history.ok("mark", "4.1", "doing", "--date", "2023-03-02", "--note", "<r><t>伪造</t></r>")
    history.ok("mark", "4.2", "doing", "--date", "2023-03-03", "--note", "_x0041_ 与 x005F_")
    history.ok("mark", "4.3", "doing", "--date", "2023-03-04", "--note", "长" * 300)
    history.ok("remind", "--record", "--as-of", "2023-04-03")
    for as_of in ("2023-03-27", "2023-04-06"):
        out = tmp_path / f"台账{as_of}.xlsx"
        history.ok("export", str(out), "--as-of", as_of)
        golden(f"ledger-bundled-{as_of}.txt", dump(out))
    narrow = tmp_path / "组织科.xlsx"
    history.ok(
        "export", str(narrow), "--section", "zzk", "--status", "open", "--as-of", "2023-04-06"
    )
    golden("ledger-filtered.txt", dump(narrow))


def test_the_office_ledger_is_as_it_was(xjc, tmp_path, monkeypatch):
    """汇总, a sheet per plan (one with 佐证材料), their identity sheets."""
    from tests.usecases.test_office import BUSINESS

    folder = tmp_path / "组织部办公室"
    xjc.ok("init", str(folder))
    (folder / "plans" / "营商环境.yaml").write_text(BUSINESS, encoding="utf-8")
    monkeypatch.chdir(folder)
    (tmp_path / "总结.docx").write_bytes(b"summary " * 100)
    xjc.ok("done", "下基层:1.1", "--date", "2023-02-20", "--note", "完成调研")
    xjc.ok("mark", "营商环境:1.2", "推进中", "--date", "2023-02-01")
    xjc.ok("attach", "下基层:2.1", str(tmp_path / "总结.docx"), "--date", "2023-03-01")
    xjc.ok("export", "台账.xlsx", "--as-of", "2023-03-10")
    golden("ledger-office.txt", dump(Path("台账.xlsx")))


def test_a_1000_task_ledger_is_as_it_was(xjc, tmp_path):
    plan = _benchmark_plan(tmp_path, 1000, 5000)
    out = tmp_path / "t.xlsx"
    xjc.ok("export", str(out), "--plan", str(plan), "--as-of", "2023-06-30")
    text = dump(out)
    assert text.count("\n") > 15_000
    golden("ledger-1000.sha256", hashlib.sha256(text.encode()).hexdigest())
