"""pairs: the unbalanced marks of a paragraph, as the plain walk over every mark finds them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.kinds.pairs import unbalanced

PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’"}


def _by_the_plain_walk(text: str, pairs: dict[str, str]) -> list[int]:
    """Every closer closes the nearest matching opener; openers skipped over are unclosed."""
    closers = {close: open_ for open_, close in pairs.items()}
    stack: list[int] = []
    lonely: list[int] = []
    for i, ch in enumerate(text):
        if ch in pairs:
            stack.append(i)
        elif ch in closers:
            match = next(
                (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == closers[ch]), None
            )
            if match is None:
                lonely.append(i)
            else:
                lonely.extend(stack[match + 1 :])
                del stack[match:]
    return sorted(lonely + stack)


def test_examples() -> None:
    assert unbalanced("学习《纲要》和“两个维护”", PAIRS) == []
    assert unbalanced("学习《纲要和“两个维护”", PAIRS) == [2]
    assert unbalanced("（一）抓学习）", PAIRS) == [6]
    assert unbalanced("“《”", PAIRS) == [1]  # the 》 never came: 《 is skipped over


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”《》（）【】‘’学，", max_size=30))
def test_the_same_offsets_as_the_plain_walk(text: str) -> None:
    assert unbalanced(text, PAIRS) == _by_the_plain_walk(text, PAIRS)
    same = {'"': '"', "(": ")"}  # a mark that both opens and closes opens
    plain = text.replace("“", '"').replace("（", "(").replace("）", ")")
    assert unbalanced(plain, same) == _by_the_plain_walk(plain, same)


def test_an_apostrophe_closes_no_quote() -> None:
    # ’ is also the typographic apostrophe: inside a Latin word, or after a plural's s.
    assert unbalanced("赴Xi’an学习，研读the trustee’s handbook。", PAIRS) == []
    assert unbalanced("研读the trustees’ duties一文。", PAIRS) == []
    # A quote still closes on it: ‘…s’ and a lone ’ after Chinese stay as they were.
    assert unbalanced("提出‘Yes’口号，又称‘the others’ 。", PAIRS) == []
    assert unbalanced("落实三会一课’制度", PAIRS) == [6]
    assert unbalanced("落实‘三会一课制度，Xi’an", PAIRS) == [2]


def test_a_quote_closed_at_a_paragraph_end_is_no_apostrophe() -> None:
    # A paragraph that runs on into the next is joined at a line break: its closing ’ is
    # not read against the next paragraph's first letter.
    text = "示范局学习材料\n学习‘three stars’\nApostrophe’s use\n"
    findings = api.check(text, filename="q.txt").findings
    assert [f.text for f in findings if f.rule == "TX307"] == []
