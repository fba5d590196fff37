"""A require rule's `slips`: a key term typed wrong, as TX302 finds it, still establishes
the element; what is no slip of it, or is excluded once put right, does not."""

from __future__ import annotations

from pathlib import Path

from compliance.api import check, load_rules

PACK = """
[pack]
name = "mine"

[roles]
achievements = ["工作情况"]

[[rule]]
code = "ZZ105"
name = "commentators"
kind = "require"
severity = "warning"
title = "No online commentators"
message = "未体现网评员队伍"
match = '"网评员" | "第一责任人"'
exclude = '/未(?:组建|明确)[^，。]{0,6}(?:网评员|第一责任人)/'
slips = ["网评员", "第一责任人"]
examples.bad = ["一、工作情况\\n社区网格员每日巡查。"]
examples.good = ["一、工作情况\\n组建网评圆队伍。"]
"""


def _codes(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "mine.toml").write_text(PACK, encoding="utf-8")
    rules = load_rules([tmp_path], bundled=False)
    return [f.rule for f in check(text, rules=rules).findings]


def test_a_slip_of_a_key_term_establishes_the_element(tmp_path: Path) -> None:
    # A character typed by sound (圆 for 员) and one of like shape (贵 for 责).
    assert _codes(tmp_path, "一、工作情况\n组建网评圆队伍，及时发声。") == []
    assert _codes(tmp_path, "一、工作情况\n书记履行第一贵任人职责。") == []


def test_words_of_their_own_are_no_slips(tmp_path: Path) -> None:
    # 网格员 and 考评员 are words the dictionary knows, not 网评员 mistyped.
    assert _codes(tmp_path, "一、工作情况\n社区网格员每日巡查，聘请考评员测评。") == ["ZZ105"]


def test_a_slip_put_right_is_still_excluded(tmp_path: Path) -> None:
    # The text read again is judged as the text: 未组建网评员 says the element is absent.
    assert _codes(tmp_path, "一、工作情况\n目前未组建网评圆队伍。") == ["ZZ105"]


def test_a_slip_that_changes_the_length_is_not_read(tmp_path: Path) -> None:
    # A character dropped (第一责人) would move every offset after it: not put right.
    assert _codes(tmp_path, "一、工作情况\n书记履行第一责人职责。") == ["ZZ105"]


def test_rules_from_the_pack_cache_read_slips(tmp_path: Path) -> None:
    # The second load unpickles the pack, whose slip index is built at its first search.
    (tmp_path / "mine.toml").write_text(PACK, encoding="utf-8")
    load_rules([tmp_path], bundled=False)
    rules = load_rules([tmp_path], bundled=False)
    texts = ("一、工作情况\n组建网评圆队伍。", "一、工作情况\n社区网格员巡查。")
    found = [check(text, rules=rules).findings for text in texts]
    assert [[f.rule for f in findings] for findings in found] == [[], ["ZZ105"]]
