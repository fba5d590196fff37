"""repetition: a character, word or punctuation mark written twice by accident.

Found: 的的, 开开展, 总书记总书记, 工作工作, 责任责任制, 理论论学习, 202X年年, 。。 — one
finding per run (的的的 is one), suggesting the single form.

A doubled character is judged by the most probable reading of the words around it, the
way jieba segments (its dictionary's frequencies, every path through the words it holds,
the most probable kept; jieba's segmenter itself is never loaded): one word holding both
copies is a reduplication (常常, 人人, 原原本本); two words of two or more characters
meeting are right (现在在线, 学习习近平); a copy standing alone is a slip (开 开展, 理论 论
学习) unless it is a particle, preposition or conjunction (目的的手段) or a reading with
the pair as one word is nearly as probable (有时时放心). Most doubled pairs are words no
neighbour can take (牢牢, 层层): those need no reading. A word of two characters written
twice is a slip unless the first copy ends a longer word (党组织组织开展); three or four
characters twice always are. Years written digit by digit (二〇二二年) are right; an
ordinal twice (一一是), a number read out twice (二十十届, 十九十九届) and a unit or measure
word after a number (2024年年, 16篇篇) are slips. A name's end before a word opening with
the same character (某镇镇长, 张村村委会; 李飞飞 after a surname) is right, from the rule's
`name_ends`, `surnames` and `given_names`; so is a character doubled where a cut-off copy
stops (以学习习: the word the second copy opens is missing).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from compliance.kinds.base import DEFERS_TO, FIX, SCOPE, Context, Kind, Rule
from compliance.lazyre import lazy
from compliance.match.matchers import Matcher, Span
from compliance.match.vectors import numpy_after
from compliance.model.findings import Finding
from compliance.model.pinyin import without_annotations
from compliance.schema import ListOf, Number, Option, Text

_CJK = re.compile(r"[\u4e00-\u9fff]")
_GAP = lazy(r"[ \t\u3000]")
# A Party congress by its number (党的二十大, 党的XX大): its 大 is the congress.
_CONGRESS = lazy(r"党的(?:[二三]?十[一二三四五六七八九]?|[XＸxｘ]{2})大$")
_NUMBER_UNIT = lazy(r"[0-9０-９XＸ×][ \t\u3000]?[年月日]$")
# Masking marks a site puts for a name's other characters (习***, 王XX, 张某某 is a word).
_MASK = lazy(r"[*＊×XＸxｘ_]{2,}")
# A measure word after a number (16篇篇, 3次次), unless the second copy begins a word
# (两个个人 reads 个人) that is not a measure itself (3000余人人次: a number takes one).
_NUMBER_MEASURE = lazy(
    r"[0-9０-９XＸ×][余多]?[ \t\u3000]?[次篇项条场期件名个家所户块批支份本位期轮人]$"
)
_MEASURES = frozenset({"人次", "场次", "批次", "户次", "架次", "车次", "班次", "课时"})
# A time word's unit (上半年, 今年, 本月) written again where no word begins with it
# (上半年年对…; 今年年底, 每年年初 and the reduplication 年年 are left alone).
_TIME_WORD = lazy(r"(?:[半今去明全本当每近往]|上个|下个)[年月]$")


@dataclass(frozen=True)
class Names:
    """The characters that end a place's or unit's name, surnames, and the characters of
    given names written twice (TX306's options)."""

    suffixes: str = ""
    surnames: str = ""
    given: str = ""
    # Words a name stands before (高速, 铁路: a route's name joins two places' names,
    # 阳阳高速), and formulations that open with a name (习近平新时代…).
    routes: tuple[str, ...] = ()
    formulations: tuple[str, ...] = ()
    # Measure words: 一 and one said twice is "one after another" (一张张笑脸, 一棵棵树);
    # so is a noun jieba tags n or q borrowed as one (一桌桌), unless 一 and it make a word
    # of another class (一心, 一样: `one_words`). Both from jieba's dictionary, at load.
    measures: str = ""
    borrowed: str = ""
    one_words: frozenset[str] = frozenset()
    # Units whose own words are where a slip doubles their character (组织, 社区, 部署,
    # 队伍, 班子): their name's end only before a post (党小组组长, 工作队队员, 177班班主任).
    post_ends: str = ""
    posts: tuple[str, ...] = ()
    # Credit labels (记者, 通讯员, 校对): the names after them are people's (盛媛媛, 徐程程).
    bylines: tuple[str, ...] = ()
    # The productive endings of jieba's ABB descriptive words (乎乎, 腾腾), at load.
    abb_endings: frozenset[str] = frozenset()
    # What may follow an AABB descriptive word whose AB jieba lacks (甜甜糯糯的: 的, marks).
    aabb_ends: str = ""
    # jieba's one-character verbs and its nouns, at load: a verb said twice before the
    # noun of its verb-object word is the word's tentative form (拉拉家常: 拉家常).
    verbs: str = ""
    nouns: Any = None
    # jieba's verbs said twice, at any frequency (晒晒 3, below the floor its reading keeps).
    doubled_verbs: frozenset[str] = frozenset()
    # jieba's words of one character said twice that describe, count, tell how or when, or
    # act, at any frequency (稳稳 3, 两两 30, 走走): the pair, though each copy stands
    # alone in the most probable reading (稳 / 稳 / 接住), is that word.
    said_twice: frozenset[str] = frozenset()


# Where a repeat can start: a unit of up to four characters written twice (the regex
# engine finds these in C; only they get a closer look).
_REPEAT = re.compile(r"(.{1,4}?)\1", re.DOTALL)


def repeat_starts(np: ModuleType, texts: Sequence[str]) -> list[list[int]]:
    """Per text, every offset where _REPEAT matches (a unit of one to four characters
    written twice), from arrays over the texts joined: text[i + j] == text[i + k + j]
    for every j < k, for some k with i + 2k inside the text."""
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    size = len(codes)
    # Where each text ends, for every offset: a repeat must fit inside its own text.
    ends = np.repeat(np.cumsum([len(t) + 1 for t in texts]) - 1, [len(t) + 1 for t in texts])[:size]
    at = np.arange(size)
    found = np.zeros(size, dtype=bool)
    for k in range(1, 5):
        if 2 * k > size:
            break
        same = codes[:-k] == codes[k:]  # same[i]: text[i] == text[i + k]
        whole = same[: len(same) - k + 1].copy()  # every j < k, from i on
        for j in range(1, k):
            whole &= same[j : j + len(whole)]
        fits = at[: len(whole)] + 2 * k <= ends[: len(whole)]
        found[: len(whole)] |= whole & fits
    offsets = np.flatnonzero(found).tolist()
    starts: list[list[int]] = []
    begin = 0
    for text in texts:
        low = bisect.bisect_left(offsets, begin)
        high = bisect.bisect_left(offsets, begin + len(text))
        starts.append([o - begin for o in offsets[low:high]])
        begin += len(text) + 1
    return starts


def runs(
    text: str,
    dictionary: Any,
    allow: frozenset[str],
    marks: str,
    longest: int,
    starts: Sequence[int] | None = None,
    known: Mapping[str, int] | None = None,
    names: Names = Names(),
) -> Iterator[tuple[Span, str]]:
    """(span of the run, the single unit) of every accidental repeat in `text`; `starts`:
    where _REPEAT matches in it (repeat_starts), when already known; `known`: words
    jieba's dictionary lacks, with their frequency; `names`: what ends a name."""
    position = 0
    while True:
        if starts is None:
            candidate = _REPEAT.search(text, position)
            if candidate is None:
                return
            i = candidate.start()
        else:
            at = bisect.bisect_left(starts, position)
            if at == len(starts):
                return
            i = starts[at]
        found = None
        for size in range(longest, 0, -1):
            unit = text[i : i + size]
            if len(unit) < size or text[i + size : i + 2 * size] != unit:
                continue
            if size == 1 and unit in marks:
                if unit in _QUESTION_MARKS and not _asks(text, i):
                    break  # characters a copy lost (需求？？当前), not a question's mark
                found = size
                break
            if not all(_CJK.match(c) for c in unit):
                continue
            if size == 2 and unit not in dictionary.words:
                continue  # 一次一次 needs 一次 to be a word; 学习习 is not a repeat of 学习
            if _slip(text, i, size, dictionary, allow, known or {}, names):
                found = size
                break
        if found is None:
            position = i + 1
            continue
        unit = text[i : i + found]
        end = i + 2 * found
        while text[end : end + found] == unit:
            end += found
        yield Span(i, end), unit
        position = end


# A question mark written twice is a slip only after a question (是什么？？): elsewhere a
# run of them stands for characters a copy could not encode (需求？？当前, ????日报讯).
_QUESTION_MARKS = frozenset("？?")
_QUESTION_WORDS = re.compile(r"[吗呢么谁哪岂]|什么|怎|为何|为什么|几|多少|是否|难道|如何")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _asks(text: str, at: int) -> bool:
    """Does the sentence before `at` ask a question (a question word since its start)?"""
    start = max(0, at - 40)
    ends = list(_SENTENCE_END.finditer(text, start, at))
    if ends:
        start = ends[-1].end()
    return _QUESTION_WORDS.search(text, start, at) is not None


# A word `known` to the rule though jieba's dictionary lacks it counts as this frequent.
KNOWN_FREQUENCY = 10000
# Characters read on either side of a doubled unit: words are at most four characters.
_SIDE = 5
# A reading this much less probable (natural log: 7 times) is still a fair reading.
CLOSE_READING = 2.0
_NUMERALS = "〇零一二三四五六七八九十百千万两"
# Quotation marks around a name (“三三”工作法, “双双”): the opening and the closing ones.
_OPEN_QUOTES = frozenset("“‘「『\"'")
_CLOSE_QUOTES = frozenset("”’」』\"'")
_DIGITS = "〇零一二三四五六七八九"
_TENS = "十百千"
# An enumeration's ordinal written twice where a clause begins (一一是, 二二要).
_ORDINAL = lazy(r"(?:^|[，。；：！？、\s（(“])$")


# Per dictionary, the log-probability of every piece looked up so far: the same words
# come back in window after window (学习习近平 in most reports).
_WEIGHTS: dict[str, dict[str, float]] = {}


def _weights(dictionary: Any) -> dict[str, float]:
    weights = _WEIGHTS.get(dictionary.version)
    if weights is None or len(weights) > 200_000:
        weights = _WEIGHTS[dictionary.version] = {}
    return weights


def _weight(
    weights: dict[str, float], dictionary: Any, piece: str, known: Mapping[str, int]
) -> float:
    """log P(piece) as one word (-inf for a piece of two or more characters that is no
    word); a single character always counts, at least once."""
    weight = weights.get(piece)
    if weight is None:
        if len(piece) == 1:
            frequency = dictionary.singles.get(piece, 0) or 1
        else:
            frequency = dictionary.words.frequency(piece)
        weight = math.log(frequency) - math.log(dictionary.total) if frequency else -math.inf
        weights[piece] = weight
    if piece in known:
        weight = max(weight, math.log(known[piece]) - math.log(dictionary.total))
    return weight


def _routes(text: str, dictionary: Any, known: Mapping[str, int]) -> list[tuple[float, int]]:
    """Per offset, the log-probability of the best reading of the rest of `text` and
    where its first word ends (jieba's own method on its own dictionary: every path
    through the words it holds, each word weighed by its frequency)."""
    weights = _weights(dictionary)
    size = len(text)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for i in range(size - 1, -1, -1):
        choice = (_weight(weights, dictionary, text[i], known) + best[i + 1][0], i + 1)
        for j in range(i + 2, min(i + 4, size) + 1):
            weight = _weight(weights, dictionary, text[i:j], known)
            if weight > -math.inf:
                score = weight + best[j][0]
                if score > choice[0]:
                    choice = (score, j)
        best[i] = choice
    return best


def segment(text: str, dictionary: Any, known: Mapping[str, int] | None = None) -> list[str]:
    """The most probable reading of `text` as words; `known`: words jieba lacks."""
    best = _routes(text, dictionary, known or {})
    tokens: list[str] = []
    i = 0
    while i < len(text):
        tokens.append(text[i : best[i][1]])
        i = best[i][1]
    return tokens


def _margin(text: str, i: int, dictionary: Any, known: Mapping[str, int]) -> float:
    """How much more probable (log) the best reading around the character doubled at i
    is than the best one that reads the doubled pair as one word (时时 in 有时时放心)."""
    left = _GAP().sub("", text[max(i - 10, 0) : i])[-_SIDE:]
    right = _GAP().sub("", text[i + 2 : i + 12])[:_SIDE]
    pair = text[i : i + 2]
    frequency = max(dictionary.words.frequency(pair), known.get(pair, 0))
    if not frequency:
        return math.inf
    whole = _routes(left + pair + right, dictionary, known)[0][0]
    held = (
        _routes(left, dictionary, known)[0][0]
        + math.log(frequency)
        - math.log(dictionary.total)
        + _routes(right, dictionary, known)[0][0]
    )
    return whole - held


def _reading(
    text: str, i: int, size: int, dictionary: Any, known: Mapping[str, int]
) -> tuple[list[tuple[int, int, int]], int]:
    """The most probable reading around the unit doubled at i, five characters either
    side (across spaces): per character (word number, word start, word end), and where
    the first copy begins."""
    left = _GAP().sub("", text[max(i - 10, 0) : i])[-_SIDE:]
    right = _GAP().sub("", text[i + 2 * size : i + 2 * size + 10])[:_SIDE]
    holding: list[tuple[int, int, int]] = []
    at = 0
    for number, token in enumerate(
        segment(left + text[i : i + 2 * size] + right, dictionary, known)
    ):
        holding += [(number, at, at + len(token))] * len(token)
        at += len(token)
    return holding, len(left)


def _embedded(holding: list[tuple[int, int, int]], start: int, size: int) -> bool:
    """Whether the copy at `start` is part of a longer word (学习 in 学习班), not a word
    or words of its own."""
    return any(s < start or e > start + size for _, s, e in holding[start : start + size])


def _reduplication(text: str, i: int, dictionary: Any, known: Mapping[str, int]) -> bool:
    """The doubled pair is a word (牢牢, 层层) that neither copy can leave for a word
    with its neighbours, and more probable than the two characters apart: every reading
    holds it as one word, so none needs to be made (most doubled pairs are such)."""
    weights = _weights(dictionary)
    pair = text[i : i + 2]
    whole = _weight(weights, dictionary, pair, known)
    if whole <= 2 * _weight(weights, dictionary, pair[0], known):
        return False
    words = dictionary.words
    left = _GAP().sub("", text[max(i - 6, 0) : i])[-3:]
    for a in range(len(left)):
        if left[a:] + pair[0] in words or left[a:] + pair[0] in known:
            return False
    right = _GAP().sub("", text[i + 2 : i + 8])[:3]
    for b in range(1, len(right) + 1):
        if pair[1] + right[:b] in words or pair[1] + right[:b] in known:
            return False
    return True


def _ends_known_term(text: str, i: int, known: Mapping[str, int]) -> bool:
    """Whether the character at i ends a `known` word of three to five characters (a term
    of the genre jieba lacks: 第一责任人, 一岗双责)."""
    return any(text[a : i + 1] in known for a in range(max(i - 4, 0), i - 1))


def _opens_word(text: str, at: int, words: Any, known: Mapping[str, int]) -> bool:
    """Whether a word of two to four characters (dictionary or `known`) begins at `at`."""
    return any(
        text[at:b] in words or text[at:b] in known
        for b in range(at + 2, min(at + 4, len(text)) + 1)
    )


def _names(text: str, i: int, words: Any, known: Mapping[str, int], names: Names) -> bool:
    """Whether the character doubled at i is a name's end beside a word: a place's or
    unit's last character before a word that opens with it (某镇镇长, 张村村委会, 二股股长,
    X矿矿区), or a given name written twice after a surname (李飞飞, 王婷婷): a character
    of such names, after a surname that is no word's end (敢于亮亮剑 is a slip), with
    neither copy making a word with its other neighbour."""
    unit = text[i]
    if any(text.startswith(route, i + 2) for route in names.routes):
        return True  # 阳阳高速: a route named after two places (…阳 and 阳…)
    if _name_cut(text, i, known, names.formulations):
        return True  # 学习习新时代: 习近平 cut short (PF402's), not a doubled 习
    before = text[i - 1] if i else ""
    if not before or text[i + 2 : i + 3] == unit:
        return False  # 某村村村: a name's end is written once
    # A name is written out or held by a placeholder (X矿, ＊镇, ++路, ___县).
    if unit in names.suffixes and (before.isalnum() or before in "*＊×+＋_＿"):
        return _opens_word(text, i + 1, words, known)
    # A unit's post after its name (党小组组长, 宣传部部长, 177班班主任): only before a post,
    # as 加强组组织 and 领导班班子 are slips.
    if (
        unit in names.post_ends
        and (before.isalnum() or before in "*＊×+＋_＿")
        and any(text.startswith(post, i + 2) for post in names.posts)
    ):
        return True
    # A level listed alone before a word opening with it: 省、市市场监管局 (市, then 市场).
    if unit in names.suffixes and before in "、和及与":
        return _opens_word(text, i + 1, words, known)
    return (
        unit in names.given
        and before in names.surnames
        and before + unit not in words
        and not any(text[a:i] in words for a in range(max(i - 4, 0), i - 1))
        and not _opens_word(text, i + 1, words, known)
    )


# A name of two to four characters standing alone (between marks, spaces or the line's
# ends), and the separators between a credit and its names (记者 史超 通讯员 蔡花滨).
_NAME_TOKEN = lazy(r"[\u4e00-\u9fff]{2,4}[ \t\u3000、，,/：:]+$")
_CREDIT_GAP = lazy(r"[ \t\u3000：:（(]*$")


def _byline(text: str, i: int, labels: Sequence[str]) -> bool:
    """Whether the character doubled at i is inside a name of three or four characters
    after a credit label, with other names between or not (校对 盛媛媛; 特约记者：徐程程; 通讯员
    张松林 陈朗 …): a person's name, whatever its characters."""
    if not labels:
        return False
    start, end = i, i + 2
    while start > 0 and _CJK.match(text[start - 1]):
        start -= 1
    while end < len(text) and _CJK.match(text[end]):
        end += 1
    if not 3 <= end - start <= 4:
        return False
    before = text[max(start - 60, 0) : start]
    for _ in range(6):  # a credit's names, one after another
        gap = _CREDIT_GAP().search(before)
        head = before[: gap.start()] if gap else before
        if any(head.endswith(label) for label in labels):
            return bool(gap and gap.group())  # 记者 史超, not 记者史超超
        token = _NAME_TOKEN().search(before)
        if token is None:
            return False
        before = before[: token.start()]
    return False


def _abb(text: str, i: int, words: Any, known: Mapping[str, int], endings: frozenset[str]) -> bool:
    """Whether the doubled pair at i is a productive ABB ending (乎乎, 腾腾, 洋洋) after a
    head character that stands alone, no word ending with it (心里暖乎乎的, 热腾腾的饺子;
    回答答题 is 回答 and 答题, read as words)."""
    if i < 1 or text[i : i + 2] not in endings or not _CJK.match(text[i - 1]):
        return False
    if text[i - 1] == text[i] or text[i + 2 : i + 3] == text[i]:
        return False  # 乎乎乎: a run, read as one
    return not any(text[a:i] in words or text[a:i] in known for a in range(max(i - 4, 0), i - 1))


# (id of the known words, formulations) → (those words, each formulation with the longest
# known word opening it): the rule's, the same for every doubled character of every report.
_CUT_NAMES: dict[
    tuple[int, tuple[str, ...]], tuple[Mapping[str, int], tuple[tuple[str, str], ...]]
] = {}


def _cut_names(
    known: Mapping[str, int], formulations: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """Each formulation with the longest `known` word it opens with ("" when none): found
    once per rule, where every doubled character searched all the known words again."""
    if not known:  # runs() without the rule's words: nothing to keep
        return tuple((f, "") for f in formulations)
    key = (id(known), tuple(formulations))
    kept = _CUT_NAMES.get(key)
    if kept is None or kept[0] is not known:  # an id is reused only once its words are gone
        names = tuple(
            (f, max((w for w in known if f.startswith(w)), key=len, default=""))
            for f in formulations
        )
        kept = _CUT_NAMES[key] = (known, names)
    return kept[1]


def _aabb(text: str, i: int, ends: str) -> bool:
    """Whether the character doubled at i makes, with another character doubled beside it,
    an AABB descriptive word that a particle or a mark closes (甜甜糯糯的, 欢欢喜喜地,
    平平淡淡。): jieba holds few of them (甜糯 is no word), and a slip doubling the character
    after a reduplication goes on with the word it breaks (层层落落实)."""
    if not ends:
        return False
    unit = text[i]
    if i >= 2 and text[i - 2] == text[i - 1] != unit and _CJK.match(text[i - 1]):
        after = text[i + 2 : i + 3]
        return bool(after) and after in ends
    pair = text[i + 2 : i + 3]
    if pair and pair == text[i + 3 : i + 4] and pair != unit and _CJK.match(pair):
        after = text[i + 4 : i + 5]
        return bool(after) and after in ends and text[i - 1 : i] != unit
    return False


def _tentative(text: str, i: int, words: Any, known: Mapping[str, int], names: Names) -> bool:
    """Whether the character doubled at i is a verb said twice before a noun it takes: the
    tentative "do a little", not a slip — the noun of a verb-object word of the dictionary
    (拉拉家常: 拉家常 and 家常), or any noun after a verb jieba holds said twice, however rare
    (晒晒儿孙: 晒晒 3). The noun must be a word of two characters or more: 开开展 (开展, then
    展), 党党组织 (党 no verb) and 网评评员 (评评, then 员) are still slips, and so is a verb
    whose first copy ends a word (学习习形式, 开展展保密: the verb is the word's end)."""
    unit = text[i]
    if names.nouns is None or unit not in names.verbs:
        return False
    if any(text[a : i + 1] in words or text[a : i + 1] in known for a in range(max(i - 3, 0), i)):
        return False  # 学习习形式, 开展展保密: the first copy ends a word, the second is a slip
    doubled = text[i : i + 2] in names.doubled_verbs
    for end in range(i + 4, min(i + 5, len(text)) + 1):
        whole, noun = text[i + 1 : end], text[i + 2 : end]
        if noun in names.nouns and (doubled or whole in words or whole in known):
            return True
    return False


def _said_thrice(text: str, i: int, words: Any, known: Mapping[str, int]) -> bool:
    """The run of `text[i]` around `i` stands alone: three copies or more, and no word
    opens with its last copies or ends with its first (某镇镇镇长 is 某镇 and 镇长 with a
    copy too many, 家家家户户 家家户户 with one; 的的的 is the particle typed over)."""
    unit = text[i]
    if not _CJK.match(unit) or unit in "的地得":
        return False
    start, end = i, i
    while start > 0 and text[start - 1] == unit:
        start -= 1
    while end < len(text) and text[end] == unit:
        end += 1
    if end - start < 3:
        return False
    # A word reaching out of the run from its last copies (家家家户户: 家家户户) or into it
    # from before (镇镇镇长 after 某: 某镇) makes the run a word and a copy too many.
    opens = any(
        text[at:b] in words or text[at:b] in known
        for at in (end - 2, end - 1)
        for b in range(end + 1, end + 4)
    )
    ends = any(
        text[a:b] in words or text[a:b] in known
        for b in (start + 1, start + 2)
        for a in range(max(start - 3, 0), start)
    )
    return not opens and not ends


def _said_twice(
    text: str,
    i: int,
    dictionary: Any,
    names: Names,
    holding: list[tuple[int, int, int]],
    start: int,
) -> bool:
    """Whether the pair at i, each copy standing alone in the most probable reading, is a
    word of jieba's said twice (`Names.said_twice`: 稳稳 a 3, 两两 m 30, 走走 v), however
    rare, after a word of two characters or more, one of jieba's most frequent characters, a
    mark or nothing (老少两两结对, 他稳稳接住) — after another lone character the first copy
    ends a word jieba lacks (网评评员, 办结结率, 习近近平 are slips) — and not a particle's,
    preposition's or conjunction's (了了, 对对: their doubling is the slip) nor a digit's
    (二二, 十十: a number's, decided before)."""
    unit = text[i]
    if start > 0:
        _, left, end = holding[start - 1]
        before = text[i - 1 : i]
        if end - left < 2 and _CJK.match(before or " ") and before not in dictionary.function_chars:
            return False
    return (
        text[i : i + 2] in names.said_twice
        and unit not in dictionary.particles
        and unit not in _DIGITS + _TENS
    )


def _one_by_one(text: str, i: int, words: Any, known: Mapping[str, int]) -> bool:
    """一 right before a measure word said twice (一张张, 一棵棵), the 一 not part of a word
    before it: 进一步步 is 进一步 with 步 doubled, 统一张张贴 统一 with 张 doubled."""
    if i < 1 or text[i - 1] != "一":
        return False
    for a in range(max(i - 4, 0), i - 1):
        with_unit, before = text[a : i + 1], text[a:i]
        if with_unit in words or with_unit in known:
            return False
        if (before in words or before in known) and text[a] not in _DEMONSTRATIVES:
            return False
    return True


# Before 一, a demonstrative keeps it a numeral (这一张张照片, 每一棵棵树).
_DEMONSTRATIVES = frozenset("这那每哪")


def _name_cut(text: str, i: int, known: Mapping[str, int], formulations: Sequence[str]) -> bool:
    """Whether the character doubled at i opens a formulation's name (a `known` word) of
    which only that character is written, the formulation going on after it (学习习新时代…:
    习近平新时代… with 近平 left out)."""
    for formulation, name in _cut_names(known, formulations):
        if (
            len(name) >= 2
            and name[0] == text[i]
            and text.startswith(formulation[len(name) :], i + 2)
        ):
            return True
    return False


def _slip(
    text: str,
    i: int,
    size: int,
    dictionary: Any,
    allow: frozenset[str],
    known: Mapping[str, int],
    names: Names = Names(),
) -> bool:
    words = dictionary.words
    unit = text[i : i + size]
    if size == 1 and _NUMBER_UNIT().search(text[max(i - 3, 0) : i + 1]):
        # 2024年年, 2025 年年 are slips; 2025年年度考核, 2025年年底 a date and a word that
        # opens with its unit (年度, 年底, 月度).
        return text[i + 2 : i + 3] == unit or not any(
            text[i + 1 : b] in words for b in range(i + 3, min(i + 5, len(text)) + 1)
        )
    if size == 1 and _NUMBER_MEASURE().search(text[max(i - 4, 0) : i + 1]):
        # 16篇篇 is a slip, 2个个人 (两个个人事项) a measure word and a word; 3000人人次 a
        # slip, the word the second copy opens being a measure of its own.
        return not any(
            text[i + 1 : b] in words and text[i + 1 : b] not in _MEASURES
            for b in range(i + 3, min(i + 5, len(text)) + 1)
        )
    if size == 1 and _CONGRESS().search(text[max(i - 6, 0) : i + 1]):
        return True  # 党的二十大大: a congress's 大 written twice (大大 is a word elsewhere)
    if (
        size == 1
        and _TIME_WORD().search(text[max(i - 2, 0) : i + 1])
        and text[i + 2 : i + 3] != unit
        and not any(text[i + 1 : b] in words for b in range(i + 3, min(i + 5, len(text)) + 1))
    ):
        return True  # 上半年年对
    if size == 1 and _names(text, i, words, known, names):
        return False  # 某镇镇长, 李飞飞: a name, then a word
    if size == 1 and _byline(text, i, names.bylines):
        return False  # 校对 盛媛媛, 记者：徐程程: a person's name after a credit
    if size == 1 and _abb(text, i, words, known, names.abb_endings):
        return False  # 暖乎乎, 热腾腾: a descriptive word's doubled ending after its head
    if size == 1 and _aabb(text, i, names.aabb_ends):
        return False  # 甜甜糯糯的, 干干净净。: an AABB descriptive word jieba lacks
    if size == 1 and _tentative(text, i, words, known, names):
        return False  # 拉拉家常: a verb said twice before its object (拉家常)
    if (
        size == 1
        and _one_by_one(text, i, words, known)
        and (
            unit in names.measures
            or (unit in names.borrowed and text[i - 1 : i + 1] not in names.one_words)
        )
    ):
        # 一张张笑脸, 一颗颗星: 一 and a measure word said twice; so is a noun borrowed as
        # one (一桌桌宴席, 一盘盘菜, 一箱箱药品) unless 一 and it make an adverb, pronoun or
        # adjective (一心心, 一样样, 一般般 are 一心, 一样, 一般 with a copy too many).
        return False
    if (
        size == 1
        and unit in (text[i + 2 : i + 3], text[i - 1 : i])
        and _said_thrice(text, i, words, known)
    ):
        # 买买买, 哈哈哈, 对对对: a character said three times or more is emphasis or a
        # sound, not the one extra keystroke of a slip.
        return False
    if (
        size == 1
        and _MASK().match(text, i + 2)
        and any(
            text[a : i + 1] in words or text[a : i + 1] in known for a in range(max(i - 3, 0), i)
        )
    ):
        return False  # 学习习***: a word's end, then a name masked after its first character
    if text[i - 1 : i] in _OPEN_QUOTES and text[i + 2 * size : i + 2 * size + 1] in _CLOSE_QUOTES:
        return False  # “三三”工作法: the doubled unit is all the quote holds, a name
    if size == 1 and _parallel_verbs(text, i):
        return False  # 红红脸、出出汗; 找找差距、议议措施: a verb said twice, item after item
    for phrase in allow:  # 不了了之, 研究研究: an allowed phrase covering the repeat
        at = text.find(phrase, max(i - len(phrase) + 1, 0), i + 2 * size + len(phrase))
        if at != -1 and at <= i and i + 2 * size <= at + len(phrase):
            return False
    if _work_title(text, i, size):
        return False  # 《小鸡小鸡》, 《一双小手手》: a song's, a dance's or a play's own name
    if size == 2 and _called_out(text, i):
        return False  # 合唱“夏天夏天…”, 喊着“妈妈妈妈…”: a song's or a call's own repeat
    if size > 2:
        return True  # 高度重视高度重视: three or more characters twice are never a word
    if size == 2:
        if unit * 2 in words:
            return False  # 研究研究 is in allow; a dictionary's ABAB word
        # The first copy read as a word of its own is a slip (总书记总书记, 责任责任制);
        # the tail of a longer word is not (党组织组织开展: 党组织, then 组织 the verb).
        if all(c in _NUMERALS for c in unit):
            # 十九十九届: a number read out is never written twice; digits written one
            # by one are a year (一九一九年, 二〇二〇年).
            return any(c in _TENS for c in unit) or not all(c in _DIGITS for c in unit)
        holding, start = _reading(text, i, size, dictionary, known)
        return not _embedded(holding, start, 2)
    # AABB: 扎扎实实 (扎实), 的的确确 (的确), 千千万万, and its second pair.
    pair = text[i + 2 : i + 3]
    if pair and pair == text[i + 3 : i + 4] and unit + pair in words:
        return False
    if i >= 2 and text[i - 2] == text[i - 1] and text[i - 2] + unit in words:
        return False
    if unit in _NUMERALS:
        if text[i + 2 : i + 3] in ("是", "要", "、", "）", ")") and _ORDINAL().search(
            text[max(i - 1, 0) : i]
        ):
            return True  # 一一是: an ordinal written twice
        if unit in _TENS:
            return True  # 二十十届, 第十十次: 十, 百, 千 are never doubled in a number
        if unit in _DIGITS and (text[i - 1 : i] in _DIGITS or text[i + 2 : i + 3] in _DIGITS):
            return False  # a year written digit by digit: 二〇二二年, 二〇一一年
    # The most probable reading decides: one word holding both copies is a
    # reduplication (常常, 人人, 层层落实); two words of two or more characters meet
    # (现在在线, 学习习近平); a copy standing alone is a slip (理论论学习, 开开展) unless
    # it is a particle, preposition or conjunction beside a word (目的的手段, 耕地地力).
    if _reduplication(text, i, dictionary, known):
        return False
    holding, start = _reading(text, i, 1, dictionary, known)
    if holding[start][0] == holding[start + 1][0]:
        return False
    first, second = _embedded(holding, start, 1), _embedded(holding, start + 1, 1)
    if first and second:
        return False
    if not first and not second and _said_twice(text, i, dictionary, names, holding, start):
        return False  # 稳稳接住, 两两结对: each copy alone, the pair a word of jieba's
    if first or second:
        if first and _ends_known_term(text, i, known):
            # 第一责任人人职责: the copy ends a term of the genre (`known`), the other stands
            # alone; the pair's own word (人人) reads the term broken, so it is no reading.
            return True
        if unit in dictionary.particles:
            # A verb that already ends in the preposition, then the preposition alone
            # again (作为为落脚点): the verb's own 为 written twice — unless the second
            # 为 opens a word (列为为民办实事, 为期, 作为为人民服务).
            return (
                not second
                and text[i - 1 : i + 1] in _ENDS_IN_PREPOSITION
                and holding[start][1] < start
                and not any(text[i + 1 : b] in words for b in range(i + 3, i + 5))
                and text[i + 2 : i + 3] != "人"  # 为人民, 为人称道: 为人 is not in the list
            )
        # A doubled pair that is a word of its own and a reading with it nearly as
        # probable is left alone (有时时放心: 有 and 时时 as well as 有时 and 时).
        return _margin(text, i, dictionary, known) > CLOSE_READING
    return True


# A work's name in 《》 (a song, a dance, a play, a picture book): short, and no document's
# (条例, 办法, 通知 …) nor a name of the genre's, where a doubling is a slip to report.
_WORK_TITLE = 10
_DOCUMENT_END = lazy(
    r"(?:条例|办法|通知|意见|规定|决定|方案|规划|纲要|制度|细则|准则|报告|讲话|法|规则|守则|标准|决议|章程|"
    r"纪要|公报|批复|要点|计划|总结|清单|指南|论述|读本|选编|文选|摘编|问答)$"
)


def _work_title(text: str, i: int, size: int) -> bool:
    """Whether the unit doubled at i lies inside a short title in 《》 that names a work,
    not a document (《小鸡小鸡》, 《童年叮叮当》, 《勇敢的小兵兵》: the work's own words)."""
    opened = text.rfind("《", max(i - _WORK_TITLE, 0), i + 1)
    if opened == -1 or "》" in text[opened:i]:
        return False
    closed = text.find("》", i + 2 * size, opened + _WORK_TITLE + 2)
    if closed == -1 or "《" in text[i:closed]:
        return False
    # Judged as mended (《习近近平谈…》 is the leader's book with a slip, not a work's name).
    title = text[opened + 1 : i] + text[i + size : closed]
    return "习近平" not in title and not _DOCUMENT_END().search(title)


# Verbs of singing and calling out (合唱, 哼着, 喊着, 叫道): the words they quote are sung or
# called, where a word said twice at the start is the song's or the call's (夏天夏天, 妈妈妈妈).
_SUNG = frozenset("唱哼喊叫呼吟")
_SUNG_GAP = lazy(r"[着了道起][ \t\u3000：:]*$|[ \t\u3000：:]*$")


def _called_out(text: str, i: int) -> bool:
    """Whether a word doubled at i opens a quotation that a verb of singing or calling
    out introduces (大家合唱“夏天夏天悄悄过去…”), the quotation going on after it."""
    if text[i - 1 : i] not in _OPEN_QUOTES or not _CJK.match(text[i + 4 : i + 5]):
        return False
    before = text[max(i - 6, 0) : i - 1]
    gap = _SUNG_GAP().search(before)
    head = before[: gap.start()] if gap else before
    return head[-1:] in _SUNG


# A list item that ends in a character said twice and a short object (红红脸, 扯扯袖子,
# 找找差距): the tentative verb of the genre's criticism and self-review phrases.
_VV_ITEM = lazy(r"([\u4e00-\u9fff])\1[\u4e00-\u9fff]{1,3}[”’」』\"']?$")
_VV_NEXT = lazy(
    r"[“‘「『\"']?[\u4e00-\u9fff]{0,2}([\u4e00-\u9fff])\1[\u4e00-\u9fff]{1,3}"
    r"(?=[、，,；;。！？”’」』\"'\n]|$)"
)
_ITEM_MARKS = "、"
_CLAUSE_ENDS = "、，,；;。！？：:\n"


def _parallel_verbs(text: str, i: int) -> bool:
    """The doubled character ends its item with a short object, and the item before or
    after (across 、) does the same: 红红脸、出出汗, 照照镜子、正正衣冠. A slip is written
    once; a reduplicated verb repeated item after item is the phrase's form."""
    end = i + 2
    while end < len(text) and end - i < 6 and text[end] not in _CLAUSE_ENDS:
        end += 1
    if not _VV_ITEM().match(text[i:end]):
        return False
    if end < len(text) and text[end] in _ITEM_MARKS and _VV_NEXT().match(text, end + 1):
        return True
    start = i
    while start > 0 and i - start < 6 and text[start - 1] not in _CLAUSE_ENDS:
        start -= 1
    if start == 0 or text[start - 1] not in _ITEM_MARKS or i - start > 3:
        return False
    before = start - 1
    head = before
    while head > 0 and before - head < 8 and text[head - 1] not in _CLAUSE_ENDS:
        head -= 1
    return bool(_VV_ITEM().search(text[head:before]))


# Verbs whose last character is the preposition they take (作为 X 为…): that preposition
# alone right after them is the verb's character written twice (作为为落脚点), not the
# preposition of a passive after a noun (行为为法律所禁止).
_ENDS_IN_PREPOSITION = frozenset(
    {"作为", "成为", "视为", "列为", "称为", "定为", "转为", "变为", "化为"}
)


# An item of an enumeration listed twice in a row (党委、党委、总支): the second copy ends
# the item (a mark, 等, 和, 及 or the line's end follows). A slogan that goes on with 再 or
# 又 (学习、学习、再学习) is rhetoric, not a slip.
_LISTED_TWICE = re.compile(
    r"([\u4e00-\u9fff]{2,8})、\1(?=[，。、；：！？）”等和及]|$)(?!、[再又])", re.MULTILINE
)
_MASKS = frozenset("某×Ｘ")  # a name masked by 某 or ×: each copy stands for another name
# A mark written twice with a space or two between (认真学习， ，深刻领会); a form's blank
# between two colons (签名：        日期：) is a field, and a wide gap is layout.
_GAPPED_MARK = "([{marks}])[ \t\u3000]{{1,2}}\\1"


def listed_twice(
    text: str, words: Any, nouns: Any, allow: frozenset[str]
) -> Iterator[tuple[Span, str]]:
    """An enumeration's item written twice across its 、 (党委、党委), unless the first
    copy is the tail of a longer word before it (教育工委、工委 is not read as one)."""
    if "、" not in text:
        return  # most blocks: no enumeration, and the pattern backtracks at every character
    for m in _LISTED_TWICE.finditer(text):
        unit = m.group(1)
        if unit[0] in _MASKS:
            continue  # two names masked alike (建设提升某村、某村等示范点): two places
        if any(phrase in text[max(m.start() - 4, 0) : m.end() + 4] for phrase in allow):
            continue
        left = _GAP().sub("", text[max(m.start() - 4, 0) : m.start()])
        if any(left[a:] + unit in words for a in range(len(left))):
            continue  # the first copy ends a longer word: 基层党委、党委? left to a reader
        if len(left) >= 2 and left[-2:] in nouns:
            # A kind of the item, then the item itself (形势报告会、报告会、讲座): a noun
            # before the first copy makes it a longer item, not the same one twice.
            continue
        yield Span(m.start(), m.end()), unit


# A paragraph, not a heading, a date or a signature: only a paragraph is cut off mid-way.
_PARAGRAPH = 30


def _cut_short(text: str, end: int, unit: str) -> bool:
    """Whether a doubled character ends the last paragraph of a copy cut off mid-sentence
    (a preview that stops at 以学习习: the second copy may open a word, 习近平, left out)."""
    return (
        len(unit) == 1
        and end == len(text.rstrip())
        and len(text) >= _PARAGRAPH
        and _CJK.match(unit) is not None
    )


@functools.lru_cache(maxsize=8)
def _gapped_mark(marks: str) -> re.Pattern[str]:
    return re.compile(_GAPPED_MARK.format(marks=re.escape(marks.replace("：", ""))))


def gapped_marks(text: str, marks: str) -> Iterator[tuple[Span, str]]:
    """A punctuation mark doubled with spaces between (，  ，): one finding per pair."""
    if not marks or not _GAP().search(text):
        return
    for m in _gapped_mark(marks).finditer(text):
        yield Span(m.start(), m.end()), m.group(1)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    dictionary = rule.options["dictionary"]
    allow = frozenset(rule.options.get("allow", ()))
    marks = rule.options.get("marks", "")
    longest = rule.options.get("longest", 4)
    indices = list(ctx.blocks(rule.scope))
    texts: list[str] = []
    carries: list[int] = []
    previous = ""
    for index in indices:
        text = ctx.document.blocks[index].text
        # A line ending mid-sentence (a PDF's hard line end) lends its last characters:
        # 中国共产 / 党党员 is 共产党 and 党员, not a doubled 党.
        carry = previous[-3:] if previous and _CJK.match(previous[-1]) else ""
        previous = text
        texts.append(carry + text)
        carries.append(len(carry))
    last = len(ctx.document.blocks) - 1
    # Built here, of the options' strings: a pack holds only plain values (a class of this
    # module in it would load the module with any pack, and its repr is a cache key).
    names = Names(
        rule.options.get("name_ends", ""),
        rule.options.get("surnames", ""),
        rule.options.get("given_names", ""),
        tuple(rule.options.get("routes", ())),
        tuple(rule.options.get("cut_names", ())),
        rule.options.get("measures", ""),
        rule.options.get("borrowed_measures", ""),
        frozenset(rule.options.get("one_words", ())),
        rule.options.get("post_ends", ""),
        tuple(rule.options.get("posts", ())),
        tuple(rule.options.get("bylines", ())),
        frozenset(rule.options.get("abb_endings", ())),
        rule.options.get("aabb_ends", ""),
        rule.options.get("verbs", ""),
        rule.options.get("listed_nouns"),
        frozenset(rule.options.get("doubled_verbs", ())),
        frozenset(rule.options.get("said_twice", ())),
    )
    # A document site's chunk numbers (2、 before the text's own 、: 2、、方法…).
    chunks = ctx.outline.page_numbers or {}
    np = numpy_after(sum(map(len, texts)))
    starts: Sequence[Sequence[int] | None] = (
        [None] * len(texts) if np is None else repeat_starts(np, texts)
    )
    for index, text, lent, where in zip(indices, texts, carries, starts, strict=True):
        excluded = rule.exclude.find(ctx.block_haystack(index)) if rule.exclude else []
        own = text[lent:]  # the block's own text, without what the line before lends
        read = without_annotations(text)
        found = runs(
            text if read is None else read[0],
            dictionary,
            allow,
            marks,
            longest,
            where if read is None else None,
            rule.options["known_words"],
            names,
        )
        if read is not None:  # back to the text's own offsets, the first copy as written
            kept = read[1]
            found = (
                (
                    Span(kept[span.start], kept[span.end - 1] + 1),
                    text[kept[span.start] : kept[span.start + len(unit) - 1] + 1],
                )
                for span, unit in list(found)
            )
        shifted = [
            (Span(span.start - lent, span.end - lent), unit)
            for span, unit in found
            if span.start >= lent  # else it begins on the line before
            and not (index == last and _cut_short(own, span.end - lent, unit))
        ]
        shifted += [
            (span, unit)
            for span, unit in (
                *listed_twice(own, dictionary.words, rule.options["listed_nouns"], allow),
                *gapped_marks(own, marks),
            )
            if not any(s.start < span.end and span.start < s.end for s, _ in shifted)
        ]
        for span, unit in sorted(shifted, key=lambda pair: pair[0].start):
            if any(e.start < span.end and span.start < e.end for e in excluded):
                continue
            if index in chunks and span.start == chunks[index][1] and unit in marks:
                continue  # 2、、方法: the site's chunk number's 、, then the text's own
            yield ctx.finding_at(rule, index, span, suggestion=unit)


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    from compliance.kinds.substitute import dictionary
    from compliance.match.lexicon import jieba_one_by_one, jieba_predicates

    # Read here, once, into the pack cache: at lint time the first 一桌桌 of a process
    # would read jieba's 349,000 lines again (about a second).
    borrowed, one_words, endings, verbs, doubled, said_twice = (
        jieba_one_by_one() if options.get("measures") else ("", (), (), "", (), ())
    )
    known = {word: KNOWN_FREQUENCY for word in options.get("known", ())}
    return {
        **options,
        "dictionary": dictionary(),
        "known_words": known,
        "verbs": verbs,
        "doubled_verbs": doubled,
        "said_twice": said_twice,
        "borrowed_measures": borrowed,
        "one_words": one_words,
        "abb_endings": endings,
        # jieba's nouns (形势, 专题, 工作) for an item listed twice after a kind of it
        # (形势报告会、报告会), read here for the same reason.
        "listed_nouns": jieba_predicates(("n", "vn", "nz")).words,
    }


KIND = Kind(
    name="repetition",
    check=check,
    summary="a character, word or mark written twice in a row (reduplications left alone)",
    options=(
        FIX,
        Option("allow", ListOf(Text()), "doubled forms that are right (常常, 看看)", default=[]),
        Option("marks", Text(), "the punctuation marks whose doubling is reported"),
        Option(
            "known",
            ListOf(Text(nonempty=True)),
            "words jieba's dictionary lacks, for reading a doubled character (习近平, 十四五)",
            default=[],
        ),
        Option(
            "name_ends",
            Text(),
            "characters that end a place's or unit's name (镇, 村, 局): 某镇镇长 is a name "
            "and a word",
            default="",
        ),
        Option(
            "surnames",
            Text(),
            "surnames, before which a doubled character of `given_names` is a name (李飞飞)",
            default="",
        ),
        Option(
            "given_names",
            Text(),
            "characters of given names written twice (婷婷, 飞飞)",
            default="",
        ),
        Option(
            "routes",
            ListOf(Text(nonempty=True)),
            "words a route's name stands before (高速, 铁路): a character doubled right before"
            " one joins two places' names (阳阳高速)",
            default=[],
        ),
        Option(
            "cut_names",
            ListOf(Text(nonempty=True)),
            "formulations opening with a `known` name (习近平新时代): the name's first character"
            " before the rest (学习习新时代) is the name cut, not a doubling",
            default=[],
        ),
        Option(
            "measures",
            Text(),
            "measure words: after 一, one said twice is a reduplication (一张张, 一棵棵)",
            default="",
        ),
        Option(
            "post_ends",
            Text(),
            "characters that end a unit's name only before a post (组, 队, 班): 党小组组长, "
            "工作队队员, where 加强组组织 is a slip",
            default="",
        ),
        Option(
            "posts",
            ListOf(Text(nonempty=True)),
            "what follows a `post_ends` character to make a post (长, 员, 主任: 组长, 队员)",
            default=[],
        ),
        Option(
            "bylines",
            ListOf(Text(nonempty=True)),
            "credit labels (记者, 通讯员, 校对): a character doubled in a name after one is the"
            " name's (校对 盛媛媛)",
            default=[],
        ),
        Option(
            "aabb_ends",
            Text(),
            "what may close an AABB descriptive word (的, marks): 甜甜糯糯的 is one word, though"
            " jieba lacks 甜糯",
            default="",
        ),
        Option(
            "longest",
            Number(integer=True, minimum=1, maximum=8),
            "the longest repeated piece, in characters (1 to 8)",
            default=4,
        ),
        SCOPE,
        DEFERS_TO,
    ),
    prepare=prepare,
)
