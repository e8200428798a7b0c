"""Shell completion: the functions directly, and that a Tab stays light."""

from __future__ import annotations

from types import SimpleNamespace

from tests.helpers import loaded_by
from xiajiceng.cli import completion as C


def ctx(**params):
    return SimpleNamespace(params=params)


def test_task_ids_with_titles_and_owners():
    items = C.complete_task(ctx(), "2")
    assert [i for i, _ in items] == ["2.1", "2.2", "2.3"]
    assert items[0][1] == "加强业务指导（沈伟强；组织科）"
    assert len(C.complete_task(ctx(), "")) == 13
    assert C.complete_task(ctx(), "9") == []


def test_leaders_and_sections_from_the_plan_named_on_the_command_line(tmp_path):
    assert [n for n, _ in C.complete_leader(ctx(), "")] == ["曹国良", "许静", "沈伟强"]
    assert C.complete_leader(ctx(), "沈") == [("沈伟强", "")]
    assert [n for n, _ in C.complete_section(ctx(), "")] == ["办公室", "组织科", "干部科"]
    from xiajiceng.store.plans import bundled_plan_path

    plan = tmp_path / "p.yaml"
    text = bundled_plan_path().read_text(encoding="utf-8")
    plan.write_text(text.replace("曹国良", "王一").replace("许静", "王二"), encoding="utf-8")
    assert [n for n, _ in C.complete_leader(ctx(plan=str(plan)), "王")] == ["王一", "王二"]
    assert [i for i, _ in C.complete_task(ctx(plan=str(plan)), "4.")][-1] == "4.5"


def test_a_broken_or_missing_plan_completes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("标题: [unclosed\n", encoding="utf-8")
    assert C.complete_leader(ctx(plan=str(bad)), "") == []
    assert C.complete_task(ctx(plan=str(tmp_path / "none.yaml")), "") == []


def test_status_words():
    assert ("推进中", "doing") in C.complete_status("")
    assert [v for v, _ in C.complete_status("d")] == ["doing", "done"]
    assert [v for v, _ in C.complete_list_status("o")] == ["open", "overdue"]
    assert ("逾期", "overdue") in C.complete_list_status("逾")


def test_plan_files(tmp_path, monkeypatch):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2024年方案.yaml").write_text("", encoding="utf-8")
    (tmp_path / "plans" / "notes.txt").write_text("", encoding="utf-8")
    (tmp_path / "a.yml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert ("a.yml", "") in C.complete_plan(None, "") and ("plans/", "") in C.complete_plan(
        None, ""
    )
    assert C.complete_plan(None, "p") == [("plans/", "")]
    assert C.complete_plan(None, "plans/") == [("plans/2024年方案.yaml", "")]
    assert C.complete_plan(None, "nowhere/") == []


def run_completion(words: str, tmp_path, monkeypatch) -> tuple[str, list[str]]:
    monkeypatch.setenv("_XJC_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
    return loaded_by([], ("pydantic", "xiajiceng.views", "xiajiceng.usecases.report"), tmp_path)


def test_completing_through_the_shell_protocol_stays_light(tmp_path, monkeypatch):
    run_completion(
        "xjc show 1", tmp_path, monkeypatch
    )  # the first Tab validates the plan and caches it
    out, heavy = run_completion("xjc show 1", tmp_path, monkeypatch)
    assert '"1.2":"蹲点基层展开调研（曹国良、许静、沈伟强；各科室）"' in out
    # no views and no pydantic once the plan is cached (rich is typer's: it renders the help
    # beside zsh's and fish's candidates)
    assert heavy == []
    out, heavy = run_completion("xjc list --leader 曹", tmp_path, monkeypatch)
    assert "曹国良" in out and heavy == []


def test_help_shows_completion_options_in_chinese(xjc, capsys):
    xjc.ok("--help")
    out = capsys.readouterr().out
    assert "--install-completion" in out and "安装命令补全" in out
    assert "Install completion" not in out
