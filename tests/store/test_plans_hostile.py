"""Hostile plan files and random command lines: only xjc's own errors come out."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from xiajiceng.errors import PlanError
from xiajiceng.store.plans import bundled_plan_path, parse_plan
from xiajiceng.store.yamlsafe import MAX_DEPTH

BUNDLED = bundled_plan_path().read_text(encoding="utf-8")


def _bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias bomb": (_bomb(), "锚点"),
    "deep sequences": ("[" * 100_000 + "]" * 100_000, "第 1 行"),
    "deep mappings": ("".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200 + "x\n", "嵌套"),
    "python tag": ("标题: !!python/object/apply:os.system ['echo pwned']\n", "标签"),
    "binary tag": ("标题: !!binary aGk=\n", "标签"),
    "custom tag": ("标题: !local x\n", "标签"),
    "set tag": ("标题: !!set {a, b}\n", "标签"),
    "duplicate key": ("标题: 一\n标题: 二\n", "重复"),
    "sequence as key": ("? [a, b]\n: c\n", "键必须是文字"),
    "mapping as key": ("{a: 1}: c\n", "键必须是文字"),
    "two documents": ("标题: 一\n---\n标题: 二\n", "多个"),
    "control character": ("标题: \x07\n", "控制字符"),
    "impossible date": (BUNDLED.replace("结束: 2023-03-31", "结束: 2023-02-30"), "2023-02-30"),
    "unknown key": (
        BUNDLED.replace("发文单位: 市委组织部", "发文单位: 市委组织部\n密级: 秘密"),
        "密级",
    ),
    "tab indentation": ("标题: x\n人员:\n\t责任领导: a\n", "制表符"),
    "empty file": ("", "映射"),
}


# refused only once the whole plan is read (the schema checks a loaded document)
WHOLE_PLAN = {"impossible date", "unknown key"}


def test_hostile_plans_refused_early_in_one_line(tmp_path):
    """Run in a child process, so that a crash or a hang fails the test instead of pytest
    (the timeout only turns a hang into a failure: nothing is timed). "Early" is counted as
    work, not time: the YAML events the loader draws from the parser before it refuses, which
    an alias expanded, nesting followed to its end or a document read whole first would
    multiply. A refused text is read twice, each time up to the refusal: without positions
    (as every plan is read first), then with them, to say where."""
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({k: v[0] for k, v in HOSTILE.items()}), encoding="utf-8")
    script = textwrap.dedent(
        """
        import json, sys, yaml
        from xiajiceng.errors import PlanError
        from xiajiceng.store.plans import parse_plan
        drawn = [0]
        class Counted(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            def get_event(self):
                drawn[0] += 1
                return super().get_event()
        yaml.CSafeLoader = Counted
        out = {}
        for name, text in json.load(open(sys.argv[1], encoding="utf-8")).items():
            drawn[0] = 0
            try:
                parse_plan(text, "hostile.yaml")
                out[name] = ["loaded", drawn[0]]
            except PlanError as exc:
                out[name] = [exc.message, drawn[0]]
        print(json.dumps(out, ensure_ascii=False))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(cases)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for name, (_text, needle) in HOSTILE.items():
        message, events = results[name]
        assert message.startswith("方案文件 hostile.yaml 第 "), (name, message)
        assert "列" in message and "\n" not in message, (name, message)
        assert needle in message, (name, message)
        if name not in WHOLE_PLAN:  # a level or two past the limit of nesting, at most
            assert 0 < events <= 2 * (2 * MAX_DEPTH + 8), (name, events)


def test_yaml11_surprises_stay_text():
    text = BUNDLED.replace("名称: 专题调研、破解难题", "名称: NO").replace(
        "标题: 带着问题深入基层", "标题: '0012'"
    )
    text = text.replace("名称: 联镇联村、助村换届", "名称: 12:30").replace(
        "名称: 谈心谈话、提升满意", "名称: 1.10"
    )
    text = text.replace("标题: 加强业务指导", "标题: 0012")
    plan = parse_plan(text, "p.yaml")
    assert [a.name for a in plan.actions][:3] == ["NO", "12:30", "1.10"]
    assert plan.task("1.1").title == "0012" and plan.task("2.1").title == "0012"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_text_gives_a_plan_or_a_plan_error(text):
    try:
        parse_plan(text, "fuzz.yaml")
    except PlanError as exc:
        assert "\n" not in exc.message


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fuzz_mutated_bundled_plan(data):
    chars = list(BUNDLED)
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(chars) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        ch = data.draw(st.sampled_from(list(":-[]{}&*!|>'\"#\n\t 、，0a中")))
        if action == "delete":
            del chars[i]
        elif action == "insert":
            chars.insert(i, ch)
        else:
            chars[i] = ch
    try:
        parse_plan("".join(chars), "fuzz.yaml")
    except PlanError as exc:
        assert "\n" not in exc.message


# -- any argument vector -------------------------------------------------------------------------
