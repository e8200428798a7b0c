"""No cache may ever change an answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiajiceng.store import cache as cache_mod
from xiajiceng.store.plans import bundled_plan_path

READS = [
    ["list", "--json", "--as-of", "2023-04-01"],
    ["show", "2.3", "--json", "--as-of", "2023-04-01"],
    ["log", "--json"],
    ["report", "--month", "3", "--json"],
]


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "方案.yaml"
    path.write_bytes(bundled_plan_path().read_bytes())
    return path


def answers(xjc, plan: Path, **env: str) -> list[str]:
    return [xjc.ok(*args, "--plan", str(plan), **env).stdout for args in READS]


def cache_files(home: Path) -> list[Path]:
    root = home / ".cache" / "xjc"
    return sorted(p for p in root.rglob("*.pickle")) if root.exists() else []


def record(xjc, plan: Path) -> None:
    p = ["--plan", str(plan)]
    xjc.ok("assign", "2.3", "张三", "--date", "2023-02-10", *p)
    xjc.ok("mark", "2.3", "doing", "--note", "部署检查", "--date", "2023-03-02", *p)
    xjc.ok("done", "1.1", "--date", "2023-03-10", *p)


def test_cached_answers_equal_uncached(xjc, plan, isolated):
    record(xjc, plan)
    cold = answers(xjc, plan, XJC_NO_CACHE="1")
    first = answers(xjc, plan)  # fills the cache
    assert cache_files(isolated), "the cache was not written"
    warm = answers(xjc, plan)  # served from it
    assert cold == first == warm


def test_plan_edit_is_seen(xjc, plan):
    answers(xjc, plan)
    text = plan.read_text(encoding="utf-8").replace("标题: 严格监督检查", "标题: 严格督查")
    plan.write_text(text, encoding="utf-8")
    shown = xjc.ok("show", "2.3", "--json", "--plan", str(plan)).json()
    assert shown["title"] == "严格督查"


def test_append_by_another_process_is_seen(xjc, plan):
    record(xjc, plan)
    answers(xjc, plan)
    journal = plan.with_name("方案.journal.jsonl")
    line = json.loads(journal.read_text(encoding="utf-8").splitlines()[-1])
    line |= {"id": "feedfacefeedface", "task": "3.2", "date": "2023-03-11"}
    with journal.open("a", encoding="utf-8") as f:  # as another copy of xjc would
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    done = xjc.ok("list", "--status", "done", "--json", "--plan", str(plan)).json()
    assert [r["id"] for r in done] == ["1.1", "3.2"]


def test_journal_rewritten_in_the_middle_is_seen(xjc, plan):
    """A merge may insert lines before the end; the cached prefix no longer matches."""
    record(xjc, plan)
    answers(xjc, plan)
    journal = plan.with_name("方案.journal.jsonl")
    lines = journal.read_text(encoding="utf-8").splitlines()
    inserted = json.loads(lines[0]) | {"id": "0123456789abcdef", "task": "4.4"}
    lines.insert(1, json.dumps(inserted, ensure_ascii=False))
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert answers(xjc, plan) == answers(xjc, plan, XJC_NO_CACHE="1")
    assert xjc.ok("show", "4.4", "--json", "--plan", str(plan)).json()["assignees"] == ["张三"]


def test_truncated_and_garbage_cache_files_are_ignored(xjc, plan, isolated):
    record(xjc, plan)
    expected = answers(xjc, plan)
    files = cache_files(isolated)
    assert files
    for n, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if n % 2 else b"garbage")
    assert answers(xjc, plan) == expected


def test_other_code_version_is_not_trusted(xjc, plan, monkeypatch):
    record(xjc, plan)
    expected = answers(xjc, plan)
    monkeypatch.setattr(cache_mod, "_stamp", "some-other-version")
    assert answers(xjc, plan) == expected


def test_unusable_cache_folder_costs_nothing_but_speed(xjc, plan, isolated):
    root = isolated / ".cache"
    root.mkdir(exist_ok=True)
    (root / "xjc").write_text("not a folder", encoding="utf-8")  # even root cannot write in it
    record(xjc, plan)
    assert answers(xjc, plan) == answers(xjc, plan, XJC_NO_CACHE="1")


def test_cache_is_refreshed_after_many_new_lines(xjc, plan, isolated, monkeypatch):
    from xiajiceng.store import replay

    monkeypatch.setattr(replay, "REFRESH_LINES", 2)
    record(xjc, plan)
    answers(xjc, plan)
    before = {p: p.stat().st_mtime_ns for p in cache_files(isolated)}
    for task in ("3.1", "3.2", "4.1"):
        xjc.ok("mark", task, "--note", "进展", "--date", "2023-03-20", "--plan", str(plan))
    assert answers(xjc, plan) == answers(xjc, plan, XJC_NO_CACHE="1")
    after = {p: p.stat().st_mtime_ns for p in cache_files(isolated)}
    assert any(after.get(p) != t for p, t in before.items())


def test_state_cache_after_back_dated_records_and_undo(xjc, plan):
    """Appends that replay before cached events, and undos, make the state fold again."""
    p = ["--plan", str(plan)]
    record(xjc, plan)
    now = ["list", "--json", *p]
    xjc.ok(*now)  # caches the folded state
    xjc.ok("mark", "1.1", "doing", "--date", "2023-02-01", *p)  # before the cached done
    assert xjc.ok(*now).stdout == xjc.ok(*now, XJC_NO_CACHE="1").stdout
    assert xjc.ok("show", "1.1", "--json", *p).json()["status"] == "done"
    xjc.ok("undo", *p)
    xjc.ok("undo", *p)  # the done of 1.1 is gone too
    assert xjc.ok(*now).stdout == xjc.ok(*now, XJC_NO_CACHE="1").stdout
    rows = {r["id"]: r for r in xjc.ok(*now).json()}
    assert rows["1.1"]["status"] == "todo" and rows["2.3"]["status"] == "doing"
    # a record for a later day than any cached: replayed on top of the cache
    xjc.ok("done", "2.3", "--date", "2023-11-30", *p)
    assert xjc.ok(*now).stdout == xjc.ok(*now, XJC_NO_CACHE="1").stdout
    # and an as-of date before the latest record is folded, not served from the cache
    early = ["list", "--json", "--as-of", "2023-03-05", *p]
    assert xjc.ok(*early).stdout == xjc.ok(*early, XJC_NO_CACHE="1").stdout


def test_past_month_state_cache(xjc, plan):
    """A report for a past month is cached, and stays right when later records arrive."""
    p = ["--plan", str(plan)]
    record(xjc, plan)
    march = ["report", "--month", "3", "--json", *p]
    first = xjc.ok(*march).stdout  # folds and caches the state as of 3月31日
    assert xjc.ok(*march).stdout == first == xjc.ok(*march, XJC_NO_CACHE="1").stdout
    xjc.ok("done", "3.1", "--date", "2023-05-02", *p)  # after March: March unchanged
    assert xjc.ok(*march).stdout == first
    xjc.ok("done", "3.2", "--date", "2023-03-15", *p)  # back in March: March changes
    changed = xjc.ok(*march).stdout
    assert changed != first and changed == xjc.ok(*march, XJC_NO_CACHE="1").stdout
    assert "3.2" in json.loads(changed)["done_in_month"]


def test_damaged_line_after_the_cached_part_is_named_by_its_real_number(xjc, plan):
    record(xjc, plan)  # three lines
    xjc.ok("list", "--json", "--plan", str(plan))  # caches the state of those three
    journal = plan.with_name("方案.journal.jsonl")
    with journal.open("ab") as f:
        f.write(b"{broken\n")
    res = xjc("list", "--plan", str(plan))
    assert res.code == 1 and "第 4 行" in res.stderr


def test_check_answers_alike_with_and_without_caches(xjc, plan):
    """check takes the lines the event cache holds (unchanged, by CRC) as checked."""
    record(xjc, plan)
    xjc.ok("log", "--plan", str(plan))  # the event cache now holds the three lines
    journal = plan.with_name("方案.journal.jsonl")
    with journal.open("ab") as f:
        f.write(b"{broken\n")
    p = ["check", "--json", "--plan", str(plan)]
    cached, uncached = xjc(*p), xjc(*p, XJC_NO_CACHE="1")
    assert cached.code == uncached.code == 1
    assert cached.stdout == uncached.stdout
    assert [b["line"] for b in cached.json()["bad_lines"]] == [4]
    # a byte changed inside the cached lines: the cache no longer answers for them
    data = journal.read_bytes()
    journal.write_bytes(data.replace(b'"by":"', b'"by":"X', 1))
    assert xjc(*p).stdout == xjc(*p, XJC_NO_CACHE="1").stdout


def _hostile_line(ident: str, op: str, day: int, note: str) -> bytes:
    value = {"status": "doing", "assign": {"add": ["张三"], "remove": []}}.get(op)
    obj = {
        "id": ident,
        "op": op,
        "task": "2.3",
        "value": value,
        "date": f"2023-03-{day:02d}",
        "recorded": f"2023-03-{day:02d}T09:00:00+08:00",
        "by": "某人",
        "note": note,
    }
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


_line = st.builds(
    _hostile_line,
    st.sampled_from(["a", "b", "c", "d"]),  # few ids: repeats, same or different
    st.sampled_from(["note", "status", "done", "reopen", "assign"]),
    st.integers(1, 28),
    st.sampled_from(["甲", "乙"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=st.lists(_line, max_size=4), later=st.lists(_line, max_size=4), cut=st.booleans())
def test_warm_and_cold_agree_on_any_journal(xjc, tmp_path_factory, first, later, cut):
    """Repeated ids, different records under one id, a last line without its newline:
    whatever the journal holds, the cached answer is the uncached one."""
    folder = tmp_path_factory.mktemp("plan")
    plan = folder / "方案.yaml"
    plan.write_bytes(bundled_plan_path().read_bytes())
    journal = folder / "方案.journal.jsonl"
    cache = {"XDG_CACHE_HOME": str(folder / "cache")}

    def answer(**env: str) -> list[tuple[int, str, str]]:
        results = [xjc(*args, "--plan", str(plan), **env) for args in READS]
        return [(r.code, r.stdout, r.stderr) for r in results]

    journal.write_bytes(b"".join(first))
    answer(**cache)  # warm the caches on the first part
    data = b"".join(first) + b"".join(later)
    journal.write_bytes(data.rstrip(b"\n") if cut else data)
    assert answer(**cache) == answer(XJC_NO_CACHE="1")


OFFICE_READS = [
    ["list", "--json", "--as-of", "2023-04-01"],
    ["list", "--leader", "沈伟强", "--json", "--as-of", "2023-04-01"],
    ["overview", "--json", "--as-of", "2023-04-01"],
    ["report", "--month", "3", "--json"],
    ["log", "--json"],
]


def test_office_answers_alike_with_and_without_caches(xjc, tmp_path, monkeypatch, isolated):
    """An office folder's joined views: the same with caches cold, warm, after records in
    one plan, an edit of another and a merge into a journal."""
    folder = tmp_path / "办公室"
    xjc.ok("init", str(folder))
    second = folder / "plans" / "第二方案.yaml"
    text = bundled_plan_path().read_text(encoding="utf-8")
    second.write_text("简称: 第二\n" + text.replace("简称: 下基层\n", ""), encoding="utf-8")
    monkeypatch.chdir(folder)

    def answers() -> list[str]:
        return [xjc.ok(*args).stdout for args in OFFICE_READS]

    def uncached() -> list[str]:
        return [xjc.ok(*args, XJC_NO_CACHE="1").stdout for args in OFFICE_READS]

    xjc.ok("done", "下基层:1.1", "--date", "2023-02-20")
    xjc.ok("mark", "第二:2.3", "doing", "--note", "部署", "--date", "2023-03-02")
    first = answers()  # fills the caches
    assert cache_files(isolated), "the cache was not written"
    assert first == answers() == uncached()
    xjc.ok("assign", "第二:1.2", "张三", "--date", "2023-03-05")  # one plan's journal grows
    assert answers() == uncached()
    second.write_text(second.read_text("utf-8").replace("标题: 严格监督检查", "标题: 严格督查"))
    assert answers() == uncached() and "严格督查" in answers()[0]
    journal = second.with_name("第二方案.journal.jsonl")
    lines = journal.read_bytes().splitlines(keepends=True)
    moved = json.loads(lines[-1]) | {"id": "0123456789abcdef", "task": "3.1", "note": "并入"}
    line = json.dumps(moved, ensure_ascii=False).encode("utf-8") + b"\n"
    journal.write_bytes(b"".join(lines[:1]) + line + b"".join(lines[1:]))  # a union merge
    assert answers() == uncached()


_ids = st.text(st.sampled_from("ab\0"), min_size=1, max_size=3) | st.text(min_size=1)


@given(st.lists(_ids, max_size=40), st.lists(_ids, max_size=80), st.data())
def test_appended_ids_are_told_from_cached_ones_exactly(cached, fresh, data):
    """The cached state replays appended lines only when none repeats an id, of the cache or
    of another appended line; whatever the ids hold (NULs too), a repeat is never missed."""
    from datetime import date

    from xiajiceng.model import Event, Op
    from xiajiceng.store import replay

    if cached and data.draw(st.booleans()):
        fresh.insert(data.draw(st.integers(0, len(fresh))), data.draw(st.sampled_from(cached)))
    events = [Event(i, Op.NOTE, "1.1", None, date(2023, 1, 1), "", "") for i in fresh]
    few = replay._FEW
    try:
        for replay._FEW in (0, 1000):  # each id looked for, or the ids made a set
            ok = replay._fresh_ok(events, replay._id_list(cached))
            if len(set(fresh)) < len(fresh) or set(fresh) & set(cached):
                assert not ok
            elif not any("\0" in i for i in fresh + cached):  # a NUL may give a false alarm
                assert ok
    finally:
        replay._FEW = few
