"""TX309 by syntax: a bare level opening a clause before a predicate (forbid's `subject`).

Our own sentences, in the shapes real reports leave when a unit's name is cut out.
"""

from __future__ import annotations

import pickle

import pytest

from compliance import api
from compliance.kinds import substitute
from compliance.lint.engine import RuleSet
from compliance.match import lexicon
from compliance.packs.rulefile import default_rules_dir, load_packs

TITLE = "示范区2024年意识形态工作总结\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return api.load_rules()


def bare(rules: RuleSet, line: str) -> list[str]:
    result = api.check(TITLE + line + "\n", filename="r.txt", rules=rules)
    return [f.text for f in result.findings if f.rule == "TX309"]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("2023年，县紧扣中心工作，扎实推进意识形态工作。", "县"),  # a verb no list named
        ("近年来，镇始终把意识形态工作摆在首位。", "镇"),  # an adverb
        ("今年以来，区进一步加强网络阵地建设。", "区"),
        ("2024年，局全面落实意识形态工作责任制。", "局"),  # the list names 全面 (jieba tags it n)
        ("上半年，乡狠抓理论学习。", "乡"),
        ("市以铸牢中华民族共同体意识为主线开展工作。", "市"),  # a preposition
    ],
)
def test_a_bare_level_before_a_predicate_is_reported(rules: RuleSet, line: str, level: str) -> None:
    assert bare(rules, line) == [level]


@pytest.mark.parametrize(
    "line",
    [
        "目前，镇宣传工作共配备宣传委员1名。",  # a verbal noun: a noun phrase
        "市场主体持续增加，县城面貌不断改善，区域化党建深入推进。",  # longer words
        "局部地区仍有问题，镇压邪教活动的成果得到巩固。",
        "乡镇党委认真落实，县乡两级联动推进。",
        "市、县两级联动，县以上领导干部带头。",
        "2024年，我局在县委的领导下认真落实责任制，局党组高度重视。",
        "示范县 xx 镇坚持以习近平新时代中国特色社会主义思想为指导。",  # a placeholder's
    ],
)
def test_a_level_that_begins_a_word_or_a_noun_phrase_is_left_alone(
    rules: RuleSet, line: str
) -> None:
    assert bare(rules, line) == []


def test_one_finding_where_the_list_and_the_syntax_agree(rules: RuleSet) -> None:
    # 在 is in TX309's list of verbs and a preposition by jieba's tags: reported once.
    assert bare(rules, "2024年，局在市委的正确领导下，认真落实责任制。") == ["局"]


def test_the_predicates_come_from_the_pack_and_no_dictionary_is_read_when_linting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = api.load_rules()

    def refuse(*_args: object) -> None:
        raise AssertionError("jieba's dictionary read while linting")

    monkeypatch.setattr(lexicon, "jieba_dictionary", refuse)
    monkeypatch.setattr(lexicon, "jieba_predicates", refuse)
    substitute.dictionary.cache_clear()
    try:
        assert bare(rules, "2023年，县紧扣中心工作。") == ["县"]
    finally:
        substitute.dictionary.cache_clear()


def test_the_predicates_survive_the_pack_cache() -> None:
    pack = next(p for p in load_packs([default_rules_dir()]) if p.name == "text")
    rule = next(r for r in pickle.loads(pickle.dumps(pack)).rules if r.code == "TX309")
    predicates = rule.options["predicates"]
    assert "紧扣" in predicates.words and "在" in predicates.singles
    assert "宣传" not in predicates.words  # a verbal noun (vn) is not a predicate
    assert repr(predicates).startswith("Predicates(a,ad,d,i,p,v,vd,z, ")
