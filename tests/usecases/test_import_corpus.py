"""The importer's scoreboard over real public plan documents (tests/fixtures/import/corpus).

Each `<name>.txt` is a real government 分工方案 (an excerpt, or the whole document) as a stored
copy of its web page has it; its `<name>.expected.yaml` says where it came from and lists,
labelled by hand from reading the document, every task it holds: a fragment of its title, its
leaders, responsible, lead and supporting units, and its deadline. The documents are split into
a development set (the parser was tuned on it) and a held-out set (expectations written before
the parser ever ran on them, never tuned on).

The test parses every document, matches its tasks with the expected ones, prints a table of
shares per document and per set, and fails when a share falls below the floor recorded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from xiajiceng.model.plan import K
from xiajiceng.store.documents import read_document
from xiajiceng.store.schema import own_words
from xiajiceng.usecases.importing.parse import parse_blocks

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "corpus"
TODAY = date(2026, 12, 1)  # far from every document's year: a deadline must not take today's

# The floors: shares reached when they were last raised, rounded down. Raise, never lower
# (exceptions, 2026-12-01: the held-out floors below, lowered to an honest measurement, and
# dev's deadlines and owners when documents joined it with judgement calls left as labelled).
FLOORS = {
    # dev holds the first held-out set too (guangdong-2021 … xianan-2023): tuned on since.
    # Raised after the fixes of issue 14's misses (importfix): found and deadlines 100% (the
    # items of guangzhou-2006 whose numbers a reprint damaged are found). Its sidecar spelt
    # units with the reprint's pinyin (市經(jīng)貿(mào)委), which an owner now leaves out:
    # relabelled (市經貿委, the unit's name), owners 100%
    # Then the fixes of the held-out misses below (branch misses) moved hebei-2018,
    # changxing-2023, nanling-2024, qingdao-2023 and yunyang-2023 here: their misses prompted
    # the fixes and they were opened to make them, so they are held out no longer. Dev
    # before: 61 tasks, all 100%, 0 false tasks; after, with them: 101 tasks, found, owners
    # and deadlines 100%, 0 false tasks (floors stay at 100%, which is what is measured).
    "dev": {"owners": 0.99, "deadlines": 0.98, "found": 1.00, "false_tasks": 0},
    # held-out (cangnan-2023, wucheng-2025, yuncheng-2017, yunyang-2023), labelled by hand
    # before the parser ever ran on them; first run: found 20%, owners 0%, deadlines 20%,
    # 6 false tasks (5 tasks). Never tuned on; after the work on the structures (with
    # the dev set and synthetic tests): found 80%, owners 80%, deadlines 80%, 0 false tasks.
    # 2026-12-01: six more held-out documents (changxing-2023, nanling-2024, qingdao-2023,
    # sichuan-2022, tongxin-2023, wuhu-2024; 9 tasks), labelled by hand before the parser ran
    # on them, no parser change. First run on the 14 held-out tasks: found 86% (12), owners
    # 57% (8), deadlines 86% (12), 1 false task; on the six new ones alone: found 8/9, owners
    # 4/9, deadlines 8/9 (every expected deadline there is none), 1 false task. The floors are
    # set to that measurement, rounded down: owners and false tasks LOWERED from 80% and 0,
    # so the number is honest rather than the floor green. The target stays owners and
    # deadlines >= 90%, no false tasks, on documents never developed on.
    # Then two general fixes prompted by two of those misses (so changxing-2023 and
    # sichuan-2022 are no longer untouched): a leader's title after the name is not part of
    # it (朱伟县长 → 朱伟), and an owner label's value ends at its sentence (what follows
    # "。" is a remark). Held-out after them: owners 71% (10 of 14). Then tasks pasted as
    # records, a label line then its value line (prompted by tongxin-2023, no longer
    # untouched either): owners 79% (11 of 14), found 93%.
    # 2026-12-01: two whole documents (hebei-2018, hebei-2023: 54 tasks, ~5,300 characters
    # each, from a crawler's CSV of the Hebei education department's site), labelled by hand
    # and committed before the importer ran on them. First run (parser of main 50e5541), on
    # them alone: found 52/54, owners 52/54, deadlines 48/54, 1 false task. hebei-2023 all
    # right; hebei-2018: items "1.2018年…" and "2.2019-2022年…" not seen as items but read
    # into their heading (二), which became a false task with item 1's owners; three time
    # limits written as a year in the task's text (到2020年停止…, 2020年启动…, 2022年达到85%)
    # not read; an annual window (将11-12月确定为…服务月) read as a deadline. The whole
    # held-out set, 68 tasks: found 96% (65), owners 93% (63), deadlines 88% (60), 2 false
    # tasks. The floors are that measurement rounded down: found, owners and deadlines
    # raised; false tasks LOWERED from 1 to 2 (the new one is hebei-2018's (二) heading), so
    # the floor is the measurement, not a wish.
    # Then the fixes of issue 14's earlier misses (importfix: names padded in a cell, pinyin
    # in names, damaged or missing numbers, no year in the document, worksheet names, PDF
    # tables without lines), made on the dev set and synthetic tests by someone who never
    # opened hebei-2018/2023 (nor any held-out document). Held-out with them, 68 tasks:
    # found 99% (67), owners 96% (65), deadlines 61/68 = 89.7%, 1 false task (changxing-2023).
    # hebei-2018's "1.2018年" items are found now (an item with its own owners after a sibling
    # that has them); its four time limits written in the text remain. Floors: that, rounded
    # down. Target (owners and deadlines >= 90%, no false task): owners met, deadlines just
    # under, one false task.
    # Then general rules for those misses (branch misses), each with synthetic tests: a year
    # the task's text sets for doing it is its time limit (到2025年…, a clause that starts
    # with the year, a span's last year), never a baseline (比2017年, 与2022年相比, 截至…), a
    # start, a year looked back on, a month of it, or a year of a recurring clause; a span of
    # months named as a window each year (将11-12月确定为…月) is no deadline; a document that
    # breaks off inside a name of its last owner line ends with a fragment; padded names run
    # together (陆 明俞 悦) are read in pairs; 参与单位 takes the default word 配合单位; a
    # table row cut between cells after its task and lead unit is a task with what it shows,
    # and a date an attachment follows is not the plan's end. On the 68 held-out tasks before:
    # found 99% (67), owners 96% (65), deadlines 61/68 (90%), 1 false task; after: all 68
    # found, owners and deadlines right, 0 false tasks. Every miss fixed was in hebei-2018,
    # changxing-2023, nanling-2024, qingdao-2023 or yunyang-2023, opened to fix it: those
    # five moved to dev (see above). What remains held out (cangnan-2023, hebei-2023,
    # sichuan-2022, tongxin-2023, wucheng-2025, wuhu-2024, yuncheng-2017; 28 tasks) was 100%
    # before these fixes and is 100% after them: found, owners, deadlines, 0 false tasks.
    # sichuan-2022 and tongxin-2023 had prompted earlier fixes (see above), so that set is not
    # wholly untouched. The floors are set to that measurement, rounded down (all four
    # raised: owners, deadlines and found to 100%, false tasks to 0); the next held-out
    # documents are what will tell how the rules hold on text never read.
    # 2026-12-01, later: five more documents (hebei-2019, hebei-2019b, hebei-2024,
    # hebei-2024b, kejibu-2020; 52 tasks), national and provincial, reprinted by three Hebei
    # sites (crawler CSVs), labelled by hand and committed before the importer ran on them
    # (hebei-2019's eight 保障措施 items relabelled as no tasks, by issue 14's rule, also
    # before). FIRST RUN, parser of main 0afca4e: found 0 of 52, owners 0, deadlines 0, 0
    # false tasks: all five hold their whole text on ONE line (the crawler lost the breaks),
    # four with the paragraphs' indents ("　　") left, three with not even those. A rule for
    # the indents, written on a synthetic text once that layout was known and before the first
    # run: found 26/52 (hebei-2019 and kejibu-2020), 12 false tasks. Then, with their misses
    # in view (so these five are DEV now, not held out), general rules with synthetic tests:
    # a one-line document is parted by its item numbers in sequence (一、 二、, （一）, 1.); a
    # covering notice's 现将《X》印发给你们 names the title, and a numbered heading is never
    # the title (it had made 一、工作思路 the title and flattened the outline); 全年 opening
    # a clause is the year's end (全年新建…10家); a 各 before lone places covers them with the
    # organ after (各市、县政府 is one owner). Dev after them (16 + 5 documents, 153 tasks):
    # found 100%, owners 100%, deadlines 151/153 (98.7%), 0 false tasks. The two deadline
    # misses are judgements left as labelled: hebei-2019b's 每年12月31日前 (a yearly date in
    # the text, read as the year's), hebei-2024b's 政策延续至2024年底 (how long a policy runs,
    # read as a time limit). Dev's deadline floor LOWERED to 0.98 accordingly (the second
    # exception). Held-out (the 28 tasks above, unchanged): 100%.
    # 2026-12-01, later still: five more (hebei-2017, hebei-2018b, hebei-2020, hebei-2023b,
    # hebei-2024c; 134 tasks), from the same crawler's other CSV rows, labelled by hand and
    # committed before the importer ran on them. FIRST RUN, parser of main d712712 (with the
    # one-line rules above): found 95/134 (71%), owners 79/134 (59%), deadlines 84/134
    # (63%), 1 false task. Nearly all misses in one layout, hebei-2017 (52 tasks): an item
    # holding two to six measures, each ending in its own owner bracket, labelled a task each
    # (found 13, owners 1). Without it (82 tasks, four documents): found 100%, owners 78/82
    # (95%), deadlines 71/82 (87%), 0 false tasks. The misses there: a scope remark in a
    # unit's name (各市（含定州、辛集市，下同）), a group heading's own time limit ((一)开展风险
    # 摸排…（7月中旬前）) not given to the items under it, a year in a 专栏 box's text read as a
    # task's deadline, and 责任单位 read as responsible where the labeller read the plan's
    # word for supporting units. Then, with those misses in view (so these five are DEV
    # now), general rules with synthetic tests: a paragraph is parted after each owner
    # bracket that more measures follow; owner brackets side by side are one measure's
    # (（牵头单位：A）（配合单位：B）: only the last was read before); a 组织领导/工作要求 part is
    # told by its title, not by a phrase in a task's text (提出工作要求 had hidden three of
    # hebei-2017's tasks); a group heading's own time limit is its tasks'; a scope remark in
    # brackets is no part of a name; X及其他… is two owners. Dev after them (26 documents,
    # 287 tasks): found 100%, owners 285/287, deadlines 284/287, 0 false tasks. Left as
    # labelled: hebei-2023b's 责任单位 (two tasks' owners, a judgement on the plan's words)
    # and hebei-2020's year in a 专栏 box. Dev's owners floor LOWERED to 0.99 for those two
    # (the third exception). Held-out (the 28 tasks above, unchanged): 100%.
    # Then a third batch (hebei-2020b, hebei-2021, hebei-2021b, hebei-2022; 73 tasks, the
    # same crawler's rows no one had opened), labelled by hand and committed before the
    # importer ran on them. FIRST RUN, parser of main f8debd9: found 73/73 (100%), owners
    # 12/73 (16%), deadlines 66/73 (90.4%), 0 false tasks. The owners missed by two
    # conventions each document states once: "列在第一位的为牵头部门，下同" (the first unit a
    # bracket lists leads, the others support; hebei-2020b, hebei-2022) and "以下均需各市
    # 政府、雄安新区管委会落实，不再列出" (units every later task has too; hebei-2021). The
    # deadlines missed: a group heading's 到2025年 (heading years had been left out, lest
    # 2024年重点任务 date every task) and “十四五”期间 (a five-year plan's period by its number).
    # With those misses in view (so these four are DEV now), general rules with synthetic
    # tests for each. Dev after them (30 documents, 360 tasks): found 100%, owners 358/360,
    # deadlines 357/360, 0 false tasks. Held-out (the 28 tasks above, unchanged): 100%.
    # A fourth batch (hebei-2021c, hebei-2021d, hebei-2023c, hebei-2024d; 89 tasks), labelled
    # by hand and committed before the importer ran on them. FIRST RUN, parser of main
    # f35fbb1: found 84/89 (94%), owners 63/89 (71%), deadlines 79/89 (89%), 0 false tasks.
    # The misses: hebei-2023c writes the first-unit convention in figures (排名第1为牵头单位,
    # 21 tasks' owners); hebei-2021c has no title line, and a 关于…的通知 named inside one of
    # its items was taken for the title, so the outline began after its first part (5 tasks
    # lost); 年内 opening a clause; 三季度前 (a quarter without 第); 石家庄、邢台、廊坊市政府
    # (bare places before the organ they share) split into three; three dates labelled as
    # how long a policy runs, not a time limit (judgements, left). With those misses in view
    # (so these four are DEV now), general rules with synthetic tests. Dev after them (34
    # documents, 449 tasks): found 100%, owners 447/449, deadlines 443/449, 0 false tasks.
    # Four fresh batches, four first runs (52, 134, 73, 89 tasks): each met a layout or a
    # convention the importer had not seen (a text on one line; several owner brackets in an
    # item; a convention stated once; the same convention in figures), read well once that
    # was mended. The target, owners and deadlines >= 90% with no false task on documents
    # never developed on, is met by none of the four first runs (the fourth came closest:
    # deadlines 89%, owners 71%, 0 false); the floors guard what is now read.
    # A fifth batch (hebei-2018c, hebei-2021e, hebei-2022b, hebei-2023d; 77 tasks; provincial
    # documents of four issuers, three on one line, one with its owner bracket after a
    # heading's sub-items), labelled by hand and committed before the importer ran on them.
    # FIRST RUN, parser of main 1032c59 (unchanged since): found 77/77 (100%), owners 74/77
    # (96%), deadlines 77/77 (100%), 0 false tasks: the target met on documents never
    # developed on. The three owners missed, all in hebei-2021e, left as they are (the batch
    # stays held out): an abbreviation remark kept in a name (各市政府（以下简称各市政府）), two
    # units joined by 会同 read as one (省科技厅会同省体育局), and a bracket of units with no
    # label (（各市政府、雄安新区管委会）) not read as owners. Held-out now (the 28 tasks above
    # and these 77): found 100%, owners 102/105 (97%), deadlines 100%, 0 false tasks. Floors:
    # that, rounded down (owners LOWERED from 1.00 to 0.97: the new batch's measurement).
    "heldout": {"owners": 0.97, "deadlines": 1.00, "found": 1.00, "false_tasks": 0},
}

ROLES = ("leaders", "responsible", "lead", "support")
# a sidecar's roles as the plan's (its "responsible" units are the plan's sections); its
# `words` names the word the plan must use where the document's own word is not the first
# (default) one of K.ROLE_WORDS. The plan file's keys are read as the schema reads them
# (store.schema.own_words: 责任单位 is a supporting word beside 牵头单位, else a sections one)
PLAN_ROLE = {"leaders": "leaders", "responsible": "sections", "lead": "lead", "support": "support"}


@dataclass
class Score:
    name: str
    split: str
    expected: int = 0
    found: int = 0
    owners: int = 0
    deadlines: int = 0
    false_tasks: int = 0
    problems: tuple[str, ...] = ()


def _owners(task: dict[str, Any]) -> dict[str, set[str]]:
    """The task's owners by the sidecar's roles (task: with the schema's default keys)."""
    out: dict[str, set[str]] = {}
    for role, plan_role in PLAN_ROLE.items():
        value = task.get(K.ROLE_WORDS[plan_role][0]) or ()
        out[role] = {value} if isinstance(value, str) else set(value)
    return out


def _wrong_words(
    task: dict[str, Any], plan_words: dict[str, str], words: dict[str, str]
) -> list[str]:
    """The words the plan uses for the task's roles that are not the document's."""
    wrong = []
    for role, plan_role in PLAN_ROLE.items():
        default = K.ROLE_WORDS[plan_role][0]
        used = plan_words.get(plan_role, default)
        if task.get(default) and used != words.get(role, default):
            wrong.append(used)
    return wrong


def _expected_owners(item: dict[str, Any]) -> dict[str, set[str]]:
    return {role: set(item.get(role) or ()) for role in ROLES}


def score(name: str) -> Score:
    expected = yaml.safe_load((CORPUS / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    doc = read_document(CORPUS / f"{name}.txt")
    try:
        draft = parse_blocks(doc.blocks, name, TODAY)
        data, own, refused, _ = own_words(draft.data)
        assert not refused, refused
        plan_words = dict(own)
        parsed = [t for a in data[K.ACTIONS] for t in a[K.TASKS]]
    except LookupError:
        parsed, plan_words = [], {}
    result = Score(name, expected["split"], expected=len(expected["tasks"]))
    used: set[int] = set()
    problems: list[str] = []
    for item in expected["tasks"]:
        fragment = item["title"]
        match = next(
            (
                i
                for i, t in enumerate(parsed)
                if i not in used
                and fragment in f"{t.get(K.TITLE, '')}。{str(t.get(K.TEXT, ''))[:60]}"
            ),
            None,
        )
        if match is None:
            problems.append(f"missed {fragment}")
            continue
        used.add(match)
        result.found += 1
        task = parsed[match]
        got, want = _owners(task), _expected_owners(item)
        wrong = _wrong_words(task, plan_words, expected.get("words") or {})
        if got == want and not wrong:
            result.owners += 1
        elif got != want:
            diff = {r: (sorted(got[r]), sorted(want[r])) for r in ROLES if got[r] != want[r]}
            problems.append(f"owners of {fragment}: got/want {diff}")
        else:
            problems.append(f"owners of {fragment}: not in the document's words: {wrong}")
        due = task.get(K.DUE)
        if due == item.get("due"):
            result.deadlines += 1
        else:
            problems.append(f"due of {fragment}: got {due}, want {item.get('due')}")
    for i, t in enumerate(parsed):
        if i not in used:
            result.false_tasks += 1
            problems.append(f"not a task: {t.get(K.TITLE)}")
    result.problems = tuple(problems)
    return result


def _names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.yaml") for p in CORPUS.glob("*.expected.yaml"))


def _share(n: int, d: int) -> float:
    return n / d if d else 1.0


def _table(scores: list[Score]) -> str:
    lines = [
        f"{'document':<16} {'set':<8} {'tasks':>5} {'found':>6} {'owners':>7} "
        f"{'deadlines':>9} {'false':>5}"
    ]
    for split in ("dev", "heldout"):
        group = [s for s in scores if s.split == split]
        for s in group:
            lines.append(
                f"{s.name:<16} {split:<8} {s.expected:>5} {_share(s.found, s.expected):>6.0%} "
                f"{_share(s.owners, s.expected):>7.0%} {_share(s.deadlines, s.expected):>9.0%} "
                f"{s.false_tasks:>5}"
            )
        total = sum(s.expected for s in group)
        lines.append(
            f"{'= ' + split:<16} {split:<8} {total:>5} "
            f"{_share(sum(s.found for s in group), total):>6.0%} "
            f"{_share(sum(s.owners for s in group), total):>7.0%} "
            f"{_share(sum(s.deadlines for s in group), total):>9.0%} "
            f"{sum(s.false_tasks for s in group):>5}"
        )
    return "\n".join(lines)


def test_corpus_is_split_honestly():
    splits: dict[str, int] = {}
    for name in _names():
        expected = yaml.safe_load((CORPUS / f"{name}.expected.yaml").read_text(encoding="utf-8"))
        assert expected["split"] in ("dev", "heldout"), name
        assert expected["source"]["url"].startswith("http"), name
        assert (CORPUS / f"{name}.txt").exists(), name
        splits[expected["split"]] = splits.get(expected["split"], 0) + 1
    assert splits.get("dev", 0) >= 6
    assert splits.get("heldout", 0) >= 4


def test_scoreboard(capsys):
    scores = [score(name) for name in _names()]
    table = _table(scores)
    details = "\n".join(f"{s.name}: {p}" for s in scores for p in s.problems)
    with capsys.disabled():
        print("\n" + table)
    failures = []
    for split, floor in FLOORS.items():
        group = [s for s in scores if s.split == split]
        total = sum(s.expected for s in group)
        shares = {
            "owners": _share(sum(s.owners for s in group), total),
            "deadlines": _share(sum(s.deadlines for s in group), total),
            "found": _share(sum(s.found for s in group), total),
        }
        for key, value in shares.items():
            if value < floor[key]:
                failures.append(f"{split} {key} {value:.0%} < floor {floor[key]:.0%}")
        false_tasks = sum(s.false_tasks for s in group)
        if false_tasks > floor["false_tasks"]:
            failures.append(f"{split} false tasks {false_tasks} > {floor['false_tasks']}")
    assert not failures, "\n".join([*failures, table, details])


@pytest.mark.parametrize("name", _names())
def test_every_corpus_document_imports(name):
    """Each document reads and parses without a crash, whatever its score: a plan with a title,
    or LookupError, the parser's word for "no tasks found" (import refuses it in one sentence)."""
    doc = read_document(CORPUS / f"{name}.txt")
    try:
        draft = parse_blocks(doc.blocks, name, TODAY)
    except LookupError:
        return
    assert draft.data[K.TITLE]
