"""xjc score -o: the workbook (a sheet per kind, the rule under the table, every text as
text) and the Word document (title, a table per kind, the rule)."""

from __future__ import annotations

import json

import pytest

HOSTILE = ['=HYPERLINK("http://x","点")', "<r>假</r>", "_x0041_", "李\x1b[31m明"]


@pytest.fixture
def scored(xjc, journal_file):
    xjc.ok("assign", "2.1", *HOSTILE[:3], "--date", "2023-02-06")
    # a name with a control character, as a hand-edited journal may hold it
    value = {"add": [HOSTILE[3]], "remove": []}
    line = {"id": "feedbeeffeedbeef", "op": "assign", "task": "2.1", "value": value}
    line |= {"date": "2023-02-07", "recorded": "2023-12-01T09:00:00+08:00", "by": "王办事"}
    with journal_file.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    xjc.ok("done", "1.1", "--date", "2023-02-24")
    xjc.ok("done", "2.1", "--date", "2023-04-03")
    return xjc


def test_workbook(scored, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "考评表.xlsx"
    res = scored.ok("score", "-o", str(path), "--as-of", "2023-04-10")
    assert "考评表.xlsx" in res.stdout and "应完成任务 12 项" in res.stdout
    wb = load_workbook(path)
    assert wb.sheetnames == ["责任科室", "责任领导", "承办人"]
    ws = wb["责任科室"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "2023年度干部下基层结果考评表"
    header = next(i for i, row in enumerate(values) if row[0] == "名次")
    assert values[header][:3] == ["名次", "责任科室", "应完成"]
    assert ws.cell(header + 1, 1).fill.fgColor.rgb  # (the header row is filled)
    assert any(str(row[0]).startswith("考评规则") for row in values[header + 1 :])
    names = [row[1] for row in wb["承办人"].iter_rows(values_only=True)]
    assert all(n in names for n in HOSTILE[:3])  # literal, never a formula
    assert "李\\x1b[31m明" in names  # the escape shown, not obeyed
    assert all(cell.data_type != "f" for row in wb["承办人"].iter_rows() for cell in row)
    assert wb["责任科室"].column_dimensions["B"].width >= 8


def test_document(scored, tmp_path):
    from docx import Document

    path = tmp_path / "考评表.docx"
    scored.ok("score", "-o", str(path), "--as-of", "2023-04-10")
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2023年度干部下基层结果考评表"
    assert "一、按责任科室" in texts and "三、按承办人" in texts
    assert any(t.startswith("考评规则") for t in texts)
    assert len(doc.tables) == 3
    assert [c.text for c in doc.tables[0].rows[0].cells][:3] == ["名次", "责任科室", "应完成"]
    cells = [c.text for row in doc.tables[2].rows for c in row.cells]
    assert "李\\x1b[31m明" in cells and HOSTILE[0] in cells
