"""Shell completion: the functions directly, and that a Tab stays light."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from xiajiceng import completion as C


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
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "标题: 测试\n人员: {责任领导: 王一、王二, 科室: [秘书科]}\n专项行动: []\n", encoding="utf-8"
    )
    assert [n for n, _ in C.complete_leader(ctx(plan=str(plan)), "王")] == ["王一", "王二"]
    assert C.complete_task(ctx(plan=str(plan)), "") == []


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
    assert ("a.yml", "") in C.complete_plan("") and ("plans/", "") in C.complete_plan("")
    assert C.complete_plan("p") == [("plans/", "")]
    assert C.complete_plan("plans/") == [("plans/2024年方案.yaml", "")]
    assert C.complete_plan("nowhere/") == []


def run_completion(words: str, tmp_path) -> tuple[str, str]:
    code = (
        "import os, sys\n"
        "os.environ['_XJC_COMPLETE'] = 'complete_zsh'\n"
        f"os.environ['_TYPER_COMPLETE_ARGS'] = {words!r}\n"
        "from xiajiceng.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('rich', 'xiajiceng.model', 'xiajiceng.usecases')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    return out, out.strip().splitlines()[-1]


def test_completing_through_the_shell_protocol_stays_light(tmp_path):
    out, heavy = run_completion("xjc show 1", tmp_path)
    assert '"1.2":"蹲点基层展开调研（曹国良、许静、沈伟强；各科室）"' in out
    assert heavy == "HEAVY:"  # (typer itself brings pydantic for parsing; we add nothing)
    out, heavy = run_completion("xjc list --leader 曹", tmp_path)
    assert "曹国良" in out and heavy == "HEAVY:"


def test_help_shows_completion_options_in_chinese(xjc, capsys):
    xjc.ok("--help")
    out = capsys.readouterr().out
    assert "--install-completion" in out and "安装命令补全" in out
    assert "Install completion" not in out


# -- the fast path answers as typer would ------------------------------------------------------

SHELLS = ["bash", "zsh", "fish:get-args", "fish:is-args", "powershell"]

# fragments typed after a command (the command name is put in front of each)
AFTER_COMMAND = [
    "",
    "-",
    "--",
    "--p",
    "--pl",
    "--json -",
    "--json --j",
    "1",
    "2.",
    "１",
    "1.1 ",
    "1.1 2",
    "1.1 --note ",
    "1.1 --note x ",
    "1.1 -n x -",
    "--leader ",
    "--leader 沈",
    "--leader=",
    "--leader=曹",
    "-l ",
    "-l 许 --l",
    "-s ",
    "--section 组",
    "--status ",
    "--status d",
    "--status=o",
    "--plan ",
    "--plan p",
    "--plan=plans/",
    "--plan mine.yaml --leader ",
    "--plan nowhere.yaml 1",
    "--by 王 ",
    "--date 2023-03-01 1.",
    "推进中 ",
    "1.1 d",
    "1.1 推",
    "--as-of ",
    "-m ",
    "--month 3 -",
    "-o ",
    "=",
    "- ",
    "1.1 1.2 ",
]
AT_ROOT = ["", "l", "re", "-", "--", "--v", "--plan=", "--plan=pl", "--as-of=", "="]
# what the fast path leaves to typer: options before the command, unknown words, "--"
LEFT_TO_TYPER = [
    "--plan mine.yaml list --leader ",
    "--as-of 2023-03-01 ",
    "nosuch ",
    "list -- ",
    "list --nosuch ",
    "list -l沈 ",
    "list -l=沈 ",
    "done 1.1 -- -",
    "list --json=1 ",
    "mark 1.1 --note -- -",
    "mark 1.1 --note -- --d",
    "mark 1.1 --=-",
]


def lines() -> list[str]:
    out = list(AT_ROOT)
    for name in C.load_spec()["commands"]:
        out += [f"{name} {rest}" for rest in AFTER_COMMAND]
    return out


def has_unknown_option(line: str) -> bool:
    name, *words = line.split()
    before = words if line.endswith(" ") else words[:-1]  # the words before the cursor's
    known = {o for p in C.load_spec()["commands"][name] for o in p["opts"]}
    return any(w.startswith("-") and w.split("=")[0] not in known for w in before)


def completion_env(shell: str, line: str) -> dict[str, str]:
    """The variables typer's completion script for `shell` sets when Tab is pressed."""
    shell, _, action = shell.partition(":")
    full = "xjc " + line
    env = {"_XJC_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": full}
    words = C._split_words(full)
    if shell == "bash":
        env["COMP_WORDS"] = full
        env["COMP_CWORD"] = str(len(words) if full.endswith(" ") else len(words) - 1)
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = action
    if shell == "powershell":
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = "" if full.endswith(" ") else words[-1]
    return env


def through_typer(environ, capsys) -> tuple[str, int]:
    from xiajiceng.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:
        main([])
    return capsys.readouterr().out, int(stop.value.code or 0)


def in_any_help_order(answer: tuple[str, int]) -> tuple[list[str], list[str], int]:
    """click lists -h and --help in the order of a set, which changes from run to run."""
    text, code = answer

    def value(line: str) -> str:
        return line.lstrip('"').split('"')[0].split(":")[0].split("\t")[0]

    lines = text.removeprefix("_arguments '*: :((").removesuffix("))'\n").split("\n")
    helps = sorted(x for x in lines if value(x) in {"-h", "--help"})
    return [x for x in lines if value(x) not in {"-h", "--help"}], helps, code


def fast(environ) -> tuple[str, int] | None:
    answer = C.fast_complete(environ)
    if answer is None:
        return None
    text, code = answer
    return ("" if text is None else text + "\n"), code


@pytest.fixture
def completion_dir(tmp_path, monkeypatch):
    """A folder with plans to complete, and a plan of its own named mine.yaml."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2024年方案.yaml").write_text("", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(
        "标题: 测试\n人员: {责任领导: 王一、许二, 科室: [秘书科]}\n"
        "专项行动: [{编号: 1, 名称: 甲, 任务: [{编号: 1, 标题: 乙,"
        " 责任领导: 王一, 责任科室: 秘书科}]}]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("shell", SHELLS)
def test_the_fast_path_answers_every_tab_as_typer_does(shell, completion_dir, monkeypatch, capsys):
    answered = 0
    for line in lines():
        environ = completion_env(shell, line)
        for key, value in environ.items():
            monkeypatch.setenv(key, value)
        mine = fast(environ)
        if mine is None:  # only for an option the command does not have: typer's error
            assert has_unknown_option(line), f"the fast path left {line!r} to typer"
            continue
        assert in_any_help_order(mine) == in_any_help_order(through_typer(environ, capsys)), (
            f"{shell}: xjc {line}"
        )
        answered += 1
    assert answered > 400


@pytest.mark.parametrize("line", LEFT_TO_TYPER)
def test_what_the_fast_path_is_unsure_of_is_left_to_typer(line, completion_dir):
    assert fast(completion_env("bash", line)) is None


def test_the_fast_path_gives_real_answers():
    """Not only empty lists that happen to agree."""
    out = fast(completion_env("zsh", "show 2"))
    assert out is not None and '"2.3":"' in out[0]
    assert fast(completion_env("bash", "list --leader 沈")) == ("沈伟强\n", 0)
    assert fast(completion_env("bash", "rep")) == ("report\n", 0)
    assert fast(completion_env("fish:is-args", "done 9")) == ("", 1)


def test_the_spec_matches_the_typer_app():
    assert C.build_spec() == C.load_spec(), "run: python -m xiajiceng.completion"


@pytest.mark.parametrize("command", ["", *C.load_spec()["commands"]])
@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_without_typer_is_typers_help(command, option, monkeypatch, capsys):
    from xiajiceng.cli import main

    argv = [command, option] if command else [option]
    monkeypatch.setenv("COLUMNS", "120")  # click wraps at 78 on any terminal this wide
    fast = C.fast_help(argv)
    main(argv)
    assert fast == capsys.readouterr().out
    assert fast is not None and "Usage: xjc" in fast


def run_entry(tmp_path, argv: list[str], **environ: str) -> str:
    """The xjc script's output, then LIGHT if typer was never imported (else TYPER)."""
    code = (
        "import sys\n"
        f"sys.argv = {['xjc', *argv]!r}\n"
        "from xiajiceng.entry import run\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('TYPER' if 'typer' in sys.modules else 'LIGHT')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, **environ},
    ).stdout


def test_help_does_not_import_typer(tmp_path):
    out = run_entry(tmp_path, ["list", "--help"], COLUMNS="100")
    assert out.startswith("Usage: xjc list [OPTIONS]") and out.endswith("LIGHT\n")


def test_another_typer_answers_for_itself(monkeypatch):
    """The spec was written from one typer; another may word help or completion otherwise."""
    monkeypatch.setenv("COLUMNS", "80")
    assert C.fast_help(["--help"]) is not None
    monkeypatch.setattr(C, "installed_typer", lambda: "0.0.1")
    assert C.fast_help(["--help"]) is None
    assert C.fast_complete(completion_env("bash", "show 1")) is None
    monkeypatch.setattr(C, "installed_typer", lambda: None)
    assert C.fast_help(["--help"]) is None


def test_help_on_a_narrow_terminal_or_with_more_words_is_typers(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert C.fast_help(["--help"]) is None
    monkeypatch.setenv("COLUMNS", "80")
    assert C.fast_help(["--help"]) is not None
    assert C.fast_help(["list", "--leader", "--help"]) is None
    assert C.fast_help(["nosuch", "--help"]) is None
    assert C.fast_help(["list", "-x"]) is None


def test_a_tab_does_not_import_typer(tmp_path):
    words = {"_XJC_COMPLETE": "complete_bash", "COMP_WORDS": "xjc show 1", "COMP_CWORD": "2"}
    out = run_entry(tmp_path, [], **words)
    assert out.splitlines() == ["1.1", "1.2", "1.3", "LIGHT"]
