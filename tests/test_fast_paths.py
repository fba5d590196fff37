"""The fast paths give what the plain ones give: the vectorised near-miss windows of
TX302's index against its Python loop, one pass over a report's blocks against one
pass per block, the sparse visit of blocks against visiting every block, and the
converted-character runs against a walk over every character.

Inputs are the samples, the shared real reports and random texts built from the
lexicon's own characters (where near misses are dense).
"""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from compliance.kinds.base import Context
from compliance.lint.engine import RuleSet
from compliance.match import lexicon
from compliance.match.lexicon import SpellingIndex
from compliance.match.matchers import Span
from compliance.match.script import changed, converted_texts, converter
from compliance.model.document import Block, Document
from compliance.model.outline import build_outline
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers.wrap import _width

numpy = pytest.importorskip("numpy")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def default() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


@pytest.fixture(scope="module")
def spelling(default: RuleSet) -> SpellingIndex:
    index: SpellingIndex = next(r for r in default.rules if r.code == "TX302").options["spelling"]
    return index


def real_texts(shared: Path | None) -> Iterator[str]:
    for path in sorted(SAMPLES.glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    if shared is not None:
        for path in sorted(shared.glob("*.txt"))[:40]:
            yield path.read_text(encoding="utf-8", errors="replace")


def random_texts(index: SpellingIndex, count: int, seed: int) -> Iterator[str]:
    """Texts of whole, cut, reversed and doubled terms and their characters: every kind
    of window near a term, at the start and end of lines too."""
    rnd = random.Random(seed)
    characters = sorted(set("".join(index.terms))) + list("的了在是，。\n")
    for _ in range(count):
        pieces = []
        for _ in range(rnd.randint(1, 40)):
            term = rnd.choice(index.terms)
            pieces.append(
                rnd.choice(
                    [
                        term,
                        term[1:],
                        term[:-1],
                        term[::-1],
                        term[: len(term) // 2] + rnd.choice(characters) + term[len(term) // 2 :],
                        rnd.choice(characters) * rnd.randint(1, 3),
                        "\n",
                    ]
                )
            )
        yield "".join(pieces)


@pytest.fixture(scope="module")
def texts(spelling: SpellingIndex, shared_reports: Path) -> list[str]:
    shared = shared_reports if shared_reports.is_dir() else None
    return [*real_texts(shared), *random_texts(spelling, 400, seed=18)]


def test_vectorised_near_misses_are_the_python_loops(
    spelling: SpellingIndex, texts: list[str]
) -> None:
    windows = 0
    for text in texts:
        exact = spelling.occurrences(text)
        plain = list(spelling.candidates(text, exact))
        assert list(spelling.candidates(text, exact, numpy)) == plain, text[:60]
        windows += len(plain)
    assert windows > 1000  # the texts do come near the terms


def test_the_rare_characters_found_together_are_those_found_one_by_one() -> None:
    # _rare_in asks the codec once for all of a text's characters: the same characters
    # as _rare asked for each, over the whole block it tests and characters beside it
    # (ASCII, full-width marks, the extension block, a surrogate-free emoji).
    block = [chr(c) for c in range(0x4E00, 0xA000)]
    beside = [*"ab?，。、“”（）\u3000\n", *map(chr, range(0x3400, 0x3420)), "\U0001f600"]
    traditional = frozenset("與說國門")
    expected = frozenset(c for c in block if lexicon._rare(c)) - traditional
    assert lexicon._rare_in([*beside, *block], traditional) == expected
    assert len(expected) > 10_000  # most of the block is outside GB 2312
    assert lexicon._rare_in(beside, traditional) == frozenset()
    rng = random.Random(18)
    for _ in range(200):
        characters = set(rng.sample(block, 40) + rng.sample(beside, 3))
        assert lexicon._rare_in(characters, traditional) == frozenset(
            c for c in characters if c not in traditional and lexicon._rare(c)
        )


def test_the_variants_a_text_can_hold_match_as_all_of_them_do(
    spelling: SpellingIndex, texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A one-file run searches with an automaton of only the swaps and variants whose
    # characters the text holds; past WHOLE_AFTER characters in the process, with all of
    # them. Same matches, in the same order. Each regime on its own copy of the index.
    rng = random.Random(18)  # and texts holding many swaps, some overlapping
    swaps = [t[1] + t[0] + t[2] for t in spelling.terms if len(t) == 3 and t[0] != t[1]]
    planted = ["".join(rng.sample(swaps, 20)) + text[:200] for text in texts[:100]]
    every = [*texts, *planted]
    monkeypatch.setattr(lexicon, "WHOLE_AFTER", -1)
    whole = pickle.loads(pickle.dumps(spelling))
    expected = [whole.swaps_in(text) for text in every]
    monkeypatch.setattr(lexicon, "WHOLE_AFTER", 10**12)
    subset = pickle.loads(pickle.dumps(spelling))
    for text, found in zip(every, expected, strict=True):
        assert subset.swaps_in(text) == found, text[:60]
    assert sum(map(len, expected)) > 2000
    assert sum(map(len, expected[len(texts) :])) >= 20 * len(planted)  # every planted swap


def test_one_pass_over_the_blocks_finds_each_blocks_misses(
    spelling: SpellingIndex, texts: list[str]
) -> None:
    found = 0
    for text in texts:
        blocks = text.split("\n")
        each = [spelling.misses(block, text) for block in blocks]
        assert spelling.misses_in(blocks) == each, text[:60]
        found += sum(map(len, each))
    assert found > 100


def _changed_by_walking(text: str) -> list[tuple[Span, str]]:
    """changed() as a walk over every character: runs of converted characters, two runs
    one shared Chinese character apart being one."""
    converted = converter().convert(text)
    if converted == text or len(converted) != len(text):
        return list(changed(text))  # the per-character branch is unchanged
    runs = []
    i = 0
    while i < len(text):
        if converted[i] != text[i]:
            j = i
            while j < len(text) and converted[j] != text[j]:
                j += 1
                # one Chinese character both scripts share inside a run (意識形態) keeps it going
                if (
                    j + 1 < len(text)
                    and converted[j] == text[j]
                    and "\u4e00" <= text[j] <= "\u9fff"
                    and converted[j + 1] != text[j + 1]
                ):
                    j += 1
            runs.append((Span(i, j), converted[i:j]))
            i = j
        else:
            i += 1
    return runs


def test_converted_runs_are_found_stretch_by_stretch(texts: list[str]) -> None:
    rnd = random.Random(7)
    traditional = "意識形態責任製落實與論輿情學習會議黨"
    runs = 0
    for text in texts[:60]:
        chars = list(text)
        for _ in range(rnd.randint(0, 30)):  # some traditional characters, some in runs
            at = rnd.randrange(len(chars) + 1)
            chars[at:at] = rnd.choice(traditional) * rnd.randint(1, 3)
        mixed = "".join(chars)
        expected = _changed_by_walking(mixed)
        assert list(changed(mixed)) == expected
        runs += len(expected)
    assert runs > 100


def test_one_conversion_of_the_blocks_finds_the_converted_ones(texts: list[str]) -> None:
    rnd = random.Random(8)
    traditional = "意識形態責任製落實與論輿情學習會議黨"
    converted = 0
    for text in texts[:80]:
        lines = text.split("\n")
        for _ in range(rnd.randint(0, 5)):
            at = rnd.randrange(len(lines))
            cut = rnd.randrange(len(lines[at]) + 1)
            lines[at] = lines[at][:cut] + rnd.choice(traditional) + lines[at][cut:]
        found = converted_texts(lines)
        assert found is not None  # these tables keep every length
        assert found == {i for i, line in enumerate(lines) if list(changed(line))}
        converted += len(found)
    assert converted > 50


def test_blocks_holding_are_the_blocks_a_match_can_find_anything_in(
    default: RuleSet, texts: list[str]
) -> None:
    """For every rule expression (and substitute entry): the blocks skipped are blocks
    where it finds nothing."""
    matchers = [m for r in default.rules for m in r.matchers()]
    for rule in default.rules:
        for formulation in rule.options.get("formulations", ()):
            matchers += [entry.match for entry in formulation["wrong"]]
    skipped = 0
    for text in texts[:30]:
        blocks = tuple(Block(t, n) for n, t in enumerate(text.split("\n"), start=1))
        document = Document("r.txt", blocks)
        outline = build_outline(document, default.roles)
        for report in outline.reports:
            ctx = Context(document, outline, report, "", None, default.terms)
            everything = list(ctx.blocks())
            for matcher in matchers:
                holding = set(ctx.blocks_holding(ctx.needs_of(matcher)))
                for index in everything:
                    if index not in holding or not ctx.may_match(index, matcher):
                        skipped += 1
                        assert not matcher.find(ctx.block_haystack(index)), (matcher, index)
    assert skipped > 1000


def test_the_wrap_width_is_the_one_counting_every_line_for_every_width() -> None:
    def counted(lines: list[str]) -> int:  # _width as it was: quadratic in the lines
        lengths = [len(line.rstrip()) for line in lines]
        candidates = sorted({n for n in lengths if n >= 15})
        if not candidates:
            return 0
        return max(candidates, key=lambda w: (sum(0.9 * w <= n <= w for n in lengths), w))

    rnd = random.Random(3)
    for _ in range(2000):
        lines = [
            "字" * rnd.randint(0, 120) + " " * rnd.randint(0, 3) for _ in range(rnd.randint(0, 80))
        ]
        assert _width(lines) == counted(lines)


def test_repeat_starts_from_arrays_are_where_the_regex_matches(texts: list[str]) -> None:
    from compliance.kinds.repetition import _REPEAT, repeat_starts

    rng = random.Random(306)
    doubled = ["的的", "。。", "工作工作", "责任责任制", "ab\nab", "年年", "\n\n"]
    own = [
        "".join(rng.choice([*doubled, "一", "是", "x", "\n"]) for _ in range(30))
        for _ in range(200)
    ]
    samples = [*texts, *own, "", "a", "aa", "abab"]
    expected = []
    for text in samples:
        found, position = [], 0
        while (match := _REPEAT.search(text, position)) is not None:
            found.append(match.start())
            position = match.start() + 1
        expected.append(found)
    assert repeat_starts(numpy, samples) == expected
    assert sum(map(len, expected)) > 500


def test_a_union_narrowed_to_a_report_finds_what_the_whole_finds(
    default: RuleSet, texts: list[str]
) -> None:
    """Context.narrowed drops the parts of a union that cannot match in the report (ST209's
    letters of other scripts); on every block of it, the rest find what the whole does."""
    matchers = [m for r in default.rules for m in r.matchers()]
    narrowed = 0
    foreign = "示范局工作总结\n加强意识ки形态工作。\n落实责任制。"  # one report with, most without
    for text in [foreign, *texts[:30]]:
        blocks = tuple(Block(t, n) for n, t in enumerate(text.split("\n"), start=1))
        document = Document("r.txt", blocks)
        outline = build_outline(document, default.roles)
        for report in outline.reports:
            ctx = Context(document, outline, report, "", None, default.terms)
            for matcher in matchers:
                fewer = ctx.narrowed(matcher)
                narrowed += fewer is not matcher
                for index in ctx.blocks():
                    hay = ctx.block_haystack(index)
                    assert fewer.find(hay) == matcher.find(hay), (matcher, index)
    assert narrowed > 10


def _contexts(default: RuleSet, texts: list[str]) -> Iterator[Context]:
    """A fresh context per report of each text, a footer line included (outside the scan)."""
    for text in texts:
        lines = text.split("\n")
        blocks = tuple(Block(t, n) for n, t in enumerate(lines, start=1))
        blocks += (Block("学习贯彻党的十九大精神　第1页", len(lines) + 1, kind="footer"),)
        document = Document("r.txt", blocks)
        outline = build_outline(document, default.roles)
        for report in outline.reports:
            yield Context(document, outline, report, "", None, default.terms)


def test_the_entries_tried_in_a_block_are_those_asked_one_by_one(
    default: RuleSet, texts: list[str]
) -> None:
    """substitute._entries_at (a table made once per report and period start) gives, for
    every block, the entries of the period that Context.may_match keeps, in their order."""
    from compliance.kinds.substitute import _entries_at

    lists = [r.options["entries"] for r in default.rules if r.options.get("entries")]
    for rule in default.rules:
        lists += [f["wrong"] for f in rule.options.get("formulations", ())]
    period = "示范局2023年意识形态工作总结\n"  # dated: the entries of 2022 and before apply
    tried = 0
    for ctx in _contexts(default, [period + t for t in texts[:30]]):
        for entries in lists:
            began = ctx.dating_period
            month = (began.year, began.first_month) if began is not None else None
            for index in [*ctx.blocks(), *ctx.blocks("header-footer")]:
                expected = [
                    e
                    for e in entries
                    if (e.since is None or (month is not None and month >= e.since))
                    and (e.until is None or (month is not None and month < e.until))
                    and ctx.may_match(index, e.match)
                ]
                assert _entries_at(entries, ctx, index, month) == expected
                tried += len(expected)
    assert tried > 1000


def test_require_rules_sharing_a_context_find_what_each_finds_alone(
    default: RuleSet, texts: list[str]
) -> None:
    """The require rules' searched text and titles, made once per report and shared
    (Context.shared), give each rule the findings a fresh context gives it."""
    from compliance.kinds.require import check

    rules = [r for r in default.rules if r.kind == "require"]
    pinyin = "示范局工作总结\n落实意识(yì)形(xíng)态工作责任制，成立领导小组。"
    found = 0
    for ctx, *fresh in zip(
        _contexts(default, [pinyin, *texts[:30]]),
        *(_contexts(default, [pinyin, *texts[:30]]) for _ in rules),
        strict=True,
    ):
        for rule, alone in zip(rules, fresh, strict=True):
            shared = list(check(rule, ctx))
            assert shared == list(check(rule, alone)), rule.code
            found += len(shared)
    assert found > 20


def test_an_index_pickled_again_before_any_search_finds_the_same(
    spelling: SpellingIndex, texts: list[str]
) -> None:
    # An unpickled index reads its tables at its first search; pickled before that (a
    # pool's workers receive the rules pickled), it passes them on as they came.
    again = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(spelling))))
    found = [spelling.misses(text) for text in texts[:60]]
    assert [again.misses(text) for text in texts[:60]] == found
    assert sum(map(len, found)) > 20
