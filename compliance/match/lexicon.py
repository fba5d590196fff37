"""A term lexicon as an index: misspelt terms found in one pass over a text.

What a careful reader catches in a term such as 意识形态 or 一岗双责:
- one character substituted, dropped, added or two swapped, at any position (意认形态,
  意形态, 识形态, 意识形形态, 意形识态), found from the places where one half of a term
  occurs unchanged (compliance.match.automata.NearMissIndex);
- a homophone typed through a pinyin input method (一岗双则, 中心祖, 研盼): the text is
  coded by toneless pinyin (pypinyin's tables, one code character per syllable), and one
  Aho-Corasick automaton over the coded terms finds every window that sounds like one.

A near miss is often a word of its own (具体责任 beside 主体责任, 网络舆论 beside 网络舆情,
权利 beside 权力). A dictionary (jieba's, reduced to 2–4 character words) decides: a
window that is a word, or whose changed character forms a word with its neighbours
(从严判处 holds 严判, which sounds like 研判), is not a typo.

A character replaced by one of like shape (正能星 for 正能量, 量 and 星 alike in the
four-corner code) is a slip of the eye or of a handwriting or shape-based input method:
the term's first or last character replaced by a common character of the same four-corner
code (four_corner_method's table) is looked up as a literal variant; in the middle any
replacement is measured already.

Building the index needs pypinyin, four_corner_method and jieba's dictionary (about a
second); it is built
when a rule file is compiled, and the compiled pack cache keeps it (a few megabytes that
unpickle in milliseconds), so a run never imports either.
"""

from __future__ import annotations

import bisect
import importlib.util
import itertools
import operator
import pickle
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import Any

from ahocorasick_rs import AhoCorasick

from compliance.digests import sha256
from compliance.match.automata import WHOLE_AFTER, automaton_for_one_text, find_all, held_by
from compliance.match.vectors import numpy_after

# A digit before a date's unit (2025年, 3月, 15日): the unit belongs to the date.
_DATE_DIGIT = re.compile(r"[0-9０-９XＸxｘ〇零一二三四五六七八九十]")

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# Anything but the block _rare tests.
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
# Marks a slip may leave inside a term (意、识形态): not where a misspelling is.
_STRAY_MARKS = frozenset("、，,·.．")
# Private-use code points stand for pinyin syllables in a coded text.
_SOUND_BASE = 0xE000
# A single character this frequent in jieba's dictionary is a word of its own (的, 和,
# 在, 是, 对): one inserted or put in a term's place is ordinary text, unless it sounds
# like the character it replaces.
_FUNCTION_CHARS = 120
# Numerals are frequent but not function words: one put in a term's place is a slip of
# the hand (守一有责), unless it forms a word there (第二议题), which the dictionary tells.
_NUMERALS = frozenset("一二三四五六七八九十两")
# Numerals the dictionary pairs with a character before it is a counted one (四大, 五大, 十大).
_COUNTED = 3
# Particles a phrase may hold or leave out alike (存在问题 / 存在的问题, 初心与使命).
_PARTICLES = frozenset("的之和与及并地得了而或")
# Administrative levels: 县级 and the bare 县 before a name are both right.
_LEVEL_HEADS = frozenset("省市县区乡镇村")


def _level_without_grade(window: str, term: str) -> bool:
    """Whether the window is the term with the 级 after its level left out (县融媒体中心
    for 县级融媒体中心): the bare level names that level's own unit, both are right."""
    return any(
        term[at] in _LEVEL_HEADS
        and term[at + 1] == "级"
        and window == term[: at + 1] + term[at + 2 :]
        for at in range(len(term) - 1)
    )


# Particles and prepositions a term may begin or end with (以习近平同志为核心的党中央):
# the rest of the term without one is a phrase of its own (与习近平同志为核心的党中央).
_EDGE_PARTICLES = _PARTICLES | frozenset("以为在对把于从向将")
# The verbs and prepositions among this many most frequent single characters (作, 做,
# 对, 把, 开): one before a word is a verb and its object (作总结).
_VERB_CHARS = 300
# jieba's dictionary holds rare segments (两维, 新发) that would explain away real typos
# (两维护, 新发布); words seen fewer times than this are left out.
_MIN_FREQUENCY = 10
# A particle, preposition or conjunction seen at least this often (的, 地, 在, 和, 与):
# one standing alone beside a word that ends or begins with it is ordinary text (目的的).
_PARTICLE_FREQUENCY = 10000
# A character that opens (总: 总书记, 总路线, 总目标) or ends (制: 责任制, 承包制) at least
# this many of jieba's three-character words made of it and a word is a productive
# prefix or suffix: beside a word it forms words jieba has never seen (总思路, 总分馆制).
# 意, 识, 形 make three or fewer each, so 意形态 and the like stay typos.
_PRODUCTIVE = 30


# Characters that join two words or phrases (领导加部门, 党员和群众, 学校同社区, 会议暨培训):
# between two words of the text they are the sentence's, not a term's character replaced.
_JOINING = frozenset("加和与及或同并兼跟连带暨")


class WordList:
    """Words grouped by their first character, each group newline-joined, each word with
    its frequency in jieba's dictionary (`rest<TAB>frequency`).

    330,000 words take about 5 MB this way; a lookup is a bisection in the string of
    first characters and a search in a stretch of a few hundred characters. A set of the
    same words would take 25 MB. The groups are kept as one UTF-16 blob and a group is
    decoded when a lookup first reaches it: a one-file lint looks into about 100 of
    jieba's 4,500 groups, and decoding all 560,000 characters at every start was most of
    loading the list.
    """

    # Several packs hold the same list (text.toml's rules, ST209): the pack cache keeps
    # and loads it once (compliance.packcache), one object in memory.
    shared_in_pack_cache = True

    def __init__(self, words: Iterable[str], frequencies: Mapping[str, int] | None = None) -> None:
        groups: dict[str, list[str]] = {}
        known = frequencies or {}
        for word in sorted(set(words)):
            groups.setdefault(word[0], []).append(f"{word[1:]}\t{known.get(word, 0)}")
        blobs = [
            ("\n" + "\n".join(rest) + "\n").encode(_UTF16, "surrogatepass")
            for rest in groups.values()
        ]
        # Each group's end, in UTF-16 code units from the blob's start.
        bounds = array("I", itertools.accumulate((len(b) // 2 for b in blobs), initial=0))
        count = sum(len(rest) for rest in groups.values())
        self._join("".join(groups), bounds.tobytes(), b"".join(blobs), count)

    def _join(self, firsts: str, bounds: bytes, blob: bytes, count: int) -> None:
        self._firsts = firsts  # sorted: every group's first character, in order
        self._bounds = array("I")
        self._bounds.frombytes(bounds)
        self._blob = blob
        self._count = count
        self._groups: dict[int, str] = {}  # decoded so far, by number

    def __getstate__(self) -> tuple[str, bytes, bytes, int]:
        # The groups as UTF-16 (pickle keeps a str as UTF-8, and decoding 560,000 CJK
        # characters was most of loading the list), their bounds as one array.
        return (self._firsts, self._bounds.tobytes(), self._blob, self._count)

    def __setstate__(self, state: tuple[str, bytes, bytes, int]) -> None:
        self._join(*state)

    def _group(self, word: str) -> str | None:
        """The group of words opening with `word`'s first character, decoded, or None."""
        if len(word) < 2:
            return None
        first = word[0]
        at = bisect.bisect_left(self._firsts, first)
        if at == len(self._firsts) or self._firsts[at] != first:
            return None
        group = self._groups.get(at)
        if group is None:
            start, end = self._bounds[at], self._bounds[at + 1]
            group = self._blob[2 * start : 2 * end].decode(_UTF16, "surrogatepass")
            self._groups[at] = group
        return group

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        group = self._group(word)
        return group is not None and f"\n{word[1:]}\t" in group

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary counts the word (0 for a word it lacks)."""
        group = self._group(word)
        if group is None:
            return 0
        at = group.find(f"\n{word[1:]}\t")
        if at == -1:
            return 0
        start = at + len(word) + 1
        return int(group[start : group.index("\n", start)])

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:  # stable: the rules' repr is part of the result-cache key
        return f"WordList({len(self)} words)"


_UTF16 = "utf-16-le"


def _toneless(reading: str) -> str:
    plain = "".join(
        c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)
    )
    return plain.replace("ü", "v")


@dataclass(frozen=True)
class Dictionary:
    """jieba's dictionary as complint uses it: the words and the standalone characters."""

    words: WordList
    function_chars: frozenset[str]
    verbs: frozenset[str]  # frequent single-character verbs and prepositions
    traditional: frozenset[str]  # characters OpenCC's t2s changes
    version: str
    # Every single character's frequency, the sum of all frequencies (a word's
    # probability for a segmentation by jieba's own method) and the closed-class
    # characters: particles, prepositions and conjunctions (的, 在, 和), by jieba's tags.
    singles: Mapping[str, int] = field(default_factory=dict)
    total: int = 1
    particles: frozenset[str] = frozenset()
    # Productive prefixes (总) and suffixes (制, 型, 化): see _PRODUCTIVE.
    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    # The words of 2–4 characters jieba tags as verbs (围绕, 深化): a term after one is
    # its object, not a word's end (围绕党干部 is a slip, 总分馆制建设 is not).
    verb_words: WordList = field(default_factory=lambda: WordList(()))

    def __repr__(self) -> str:
        # Stable and short: the rules' repr is part of the result-cache key, and a
        # frozenset's repr changes with the per-process string hash.
        return f"Dictionary(jieba {self.version}, {len(self.words)} words)"

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        # Its sets of characters as strings and the characters' frequencies as one
        # array: 15,000 one-character strings, each decoded and inserted on its own, were
        # a third of unpickling the dictionary in every process (its word lists apart).
        return _dictionary, (
            self.words,
            _chars(self.function_chars),
            _chars(self.verbs),
            _chars(self.traditional),
            self.version,
            _counts(self.singles),
            self.total,
            _chars(self.particles),
            _chars(self.prefixes),
            _chars(self.suffixes),
            self.verb_words,
            self.version in _JIEBA,
        )


# jieba's dictionary as this process read it from its file or took it from the pack cache,
# by version: a rule that asks for the dictionary at lint time (CS502's word ends, ST209's
# page numbers) takes the one the packs brought, where it read the 349,000 lines again
# (4.4 billion instructions, 0.7 s: a clean one-file lint's whole cost five times over).
_JIEBA: dict[str, Dictionary] = {}


def loaded_dictionary() -> Dictionary | None:
    """jieba's dictionary if this process has it already (read, or from the pack cache)."""
    return next(iter(_JIEBA.values()), None)


def _dictionary(
    words: WordList,
    function_chars: str | frozenset[str],
    verbs: str | frozenset[str],
    traditional: str | frozenset[str],
    version: str,
    singles: tuple[str, bytes] | Mapping[str, int],
    total: int,
    particles: str | frozenset[str],
    prefixes: str | frozenset[str],
    suffixes: str | frozenset[str],
    verb_words: WordList,
    jieba: bool = False,
) -> Dictionary:
    """A Dictionary from what its __reduce__ gives (`jieba`: read from jieba's file)."""
    if jieba and version in _JIEBA:
        # Another pack brought it already (text.toml's rules, ST209, the require rules'
        # slips): the same object, not a second one built from the same data.
        return _JIEBA[version]
    if isinstance(singles, tuple):
        singles = _Frequencies(*singles)
    made = Dictionary(
        words,
        frozenset(function_chars),
        frozenset(verbs),
        frozenset(traditional),
        version,
        singles,
        total,
        frozenset(particles),
        frozenset(prefixes),
        frozenset(suffixes),
        verb_words,
    )
    if jieba:
        _JIEBA.setdefault(version, made)
    return made


def _chars(values: frozenset[str]) -> str | frozenset[str]:
    """A set of single characters as one string (sorted: the same bytes in every
    process), else the set itself."""
    if all(len(v) == 1 for v in values):
        return "".join(sorted(values))
    return values


def _counts(values: Mapping[str, int]) -> tuple[str, bytes] | Mapping[str, int]:
    """A mapping of single characters to numbers as its keys, in order, and an array of
    its values; else the mapping itself."""
    if isinstance(values, _Frequencies):
        return values.keys_and_counts()
    if all(len(k) == 1 for k in values) and all(
        isinstance(v, int) and -(2**63) <= v < 2**63 for v in values.values()
    ):
        return "".join(values), array("q", values.values()).tobytes()
    return values


class _Frequencies(Mapping[str, int]):
    """Single characters' numbers as _counts keeps them, looked up where they are: a dict
    of jieba's 11,580 single characters, built at every unpickling, cost more than a
    lint's lookups (TX306 asks for a few hundred). The keys come by frequency, so a common
    character is found near the start of the string."""

    def __init__(self, keys: str, blob: bytes) -> None:
        self._keys = keys
        self._blob = blob
        self._counts = array("q", blob)

    def __getitem__(self, key: str) -> int:
        at = self._keys.find(key) if len(key) == 1 else -1
        if at < 0:
            raise KeyError(key)
        return self._counts[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def keys_and_counts(self) -> tuple[str, bytes]:
        return self._keys, self._blob


def jieba_dictionary() -> Dictionary:
    """jieba's dict.txt (MIT), read as data: jieba's segmenter itself is never loaded."""
    # Line by line: the whole file as one string and a list of its 349,000 lines took
    # 60 MB for a moment, in the lint of a file that asks (ST209's page numbers).
    words: dict[str, int] = {}
    singles: list[tuple[int, str, str]] = []
    verbs: list[str] = []
    digest = sha256()
    total = 0
    with _jieba_dict().open(encoding="utf-8") as lines:
        for line in lines:
            digest.update(line.encode())
            total += _read_entry(line.rstrip("\n"), words, singles, verbs)
    singles.sort(reverse=True)
    version = digest.hexdigest()[:12]
    made = Dictionary(
        WordList(words, words),
        frozenset(c for _, c, _tag in singles[:_FUNCTION_CHARS]),
        frozenset(c for _, c, tag in singles[:_VERB_CHARS] if tag in ("v", "p")),
        _traditional_chars(),
        version,
        {c: n for n, c, _tag in singles},
        max(total, 1),
        frozenset(
            c for n, c, tag in singles if n >= _PARTICLE_FREQUENCY and tag[:1] in ("u", "p", "c")
        ),
        *_productive(words),
        WordList(verbs),
    )
    _JIEBA.setdefault(version, made)
    return made


def _productive(words: Mapping[str, int]) -> tuple[frozenset[str], frozenset[str]]:
    """The productive prefixes and suffixes of a dictionary's words (_PRODUCTIVE)."""
    opens: dict[str, int] = {}
    ends: dict[str, int] = {}
    for word in words:
        if len(word) == 3:
            if word[1:] in words:
                opens[word[0]] = opens.get(word[0], 0) + 1
            if word[:2] in words:
                ends[word[2]] = ends.get(word[2], 0) + 1
    return (
        frozenset(c for c, n in opens.items() if n >= _PRODUCTIVE),
        frozenset(c for c, n in ends.items() if n >= _PRODUCTIVE),
    )


@dataclass(frozen=True)
class Predicates:
    """jieba's words of some parts of speech (verbs, adverbs, prepositions): what may
    follow a clause's subject. `words` are 2–4 characters, `singles` the frequent single
    characters among them (在, 以, 把)."""

    words: WordList
    singles: frozenset[str]
    tags: tuple[str, ...]

    def __repr__(self) -> str:  # stable: the rules' repr is part of the result-cache key
        return f"Predicates({','.join(self.tags)}, {len(self.words)} words)"


# Single characters stand as a predicate only as a preposition or an adverb (在, 以, 将):
# a single verb after a level is as often the start of a word jieba lacks (局属, 区融).
_SINGLE_TAGS = frozenset({"p", "d"})


def jieba_predicates(tags: Iterable[str]) -> Predicates:
    """The words of jieba's dict.txt tagged with one of `tags`, read as data."""
    wanted = frozenset(tags)
    words: list[str] = []
    singles: list[tuple[int, str]] = []
    with _jieba_dict().open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = _entry(line.rstrip("\n"))
            if tag not in wanted or not _CJK.match(word):
                continue
            if len(word) == 1:
                if tag in _SINGLE_TAGS:
                    singles.append((frequency, word))
            elif len(word) <= 4 and frequency >= _MIN_FREQUENCY:
                words.append(word)
    singles.sort(reverse=True)
    return Predicates(
        WordList(words), frozenset(c for _, c in singles[:_FUNCTION_CHARS]), tuple(sorted(wanted))
    )


@dataclass(frozen=True, slots=True)
class SortedWords:
    """A few thousand words, sorted, looked up by bisection; a short stable repr (the
    rules' repr is part of the result-cache key). Not a WordList: the pack cache shares
    the one jieba WordList among the rules."""

    words: tuple[str, ...]
    digest: str

    def __contains__(self, word: object) -> bool:
        at = bisect.bisect_left(self.words, word) if isinstance(word, str) else 0
        return isinstance(word, str) and at < len(self.words) and self.words[at] == word

    def __repr__(self) -> str:
        return f"SortedWords({len(self.words)} words, {self.digest})"


def jieba_rare_holding(chars: str) -> SortedWords:
    """The words of jieba's dict.txt seen fewer than _MIN_FREQUENCY times that hold one of
    `chars` (TX301's measure words), read as data: rare words name things a report still
    writes (目次, 谋篇布局). Where the character ends the word after a one-character verb
    (写篇: 撰写篇心得 is a count cut out) the word is left out: that is a verb and its
    object, the very place a number went missing."""
    wanted = frozenset(chars)
    rare: list[str] = []
    verbs: set[str] = set()
    with _jieba_dict().open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = _entry(line.rstrip("\n"))
            if not _CJK.match(word):
                continue
            if len(word) == 1:
                if tag == "v":
                    verbs.add(word)
            elif len(word) <= 4 and frequency < _MIN_FREQUENCY and wanted & set(word):
                rare.append(word)
    kept = tuple(sorted(w for w in rare if not (w[-1] in wanted and w[-2] in verbs)))
    return SortedWords(kept, sha256("\n".join(kept).encode()).hexdigest()[:12])


def jieba_single_nouns() -> SortedWords:
    """The single characters jieba's dict.txt tags as common nouns (信, 书, 笔), read as
    data: before TX301's 套 standing alone they make a noun the dictionary lacks (信套,
    an envelope), not a count cut out."""
    nouns: list[str] = []
    with _jieba_dict().open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = _entry(line.rstrip("\n"))
            if len(word) == 1 and tag == "n" and frequency >= _MIN_FREQUENCY and _CJK.match(word):
                nouns.append(word)
    kept = tuple(sorted(nouns))
    return SortedWords(kept, sha256("\n".join(kept).encode()).hexdigest()[:12])


def jieba_one_by_one() -> tuple[
    str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...], tuple[str, ...]
]:
    """For TX306, from one reading of jieba's dict.txt: the single characters it tags as
    nouns or measure words (桌, 车, 张: 一桌桌), the words of 一 and one character it tags
    as adverbs, pronouns, adjectives, verbs, conjunctions or prepositions, common enough
    (一直, 一样, 一般: not 一 and a measure), and the doubled endings of its descriptive
    words (z) of the form ABB that end two or more of them, at any frequency (乎乎 of
    暖乎乎, 热乎乎; 甸甸 of 沉甸甸): a productive ending, not a slip; the single characters
    it tags as verbs (拉, 晒: 拉拉家常 is the tentative form of 拉家常), and its verbs said
    twice at any frequency (晒晒, 擦擦: below the floor the reading keeps, yet words), and
    its words of one character said twice that describe, count or tell how or when (稳稳 a
    3, 两两 m 30, 默默 d, 早早 t) or act (走走, 想想), at any frequency: each copy
    standing alone in a reading is still that word (稳稳接住, 两两结对)."""
    nouns: set[str] = set()
    words: set[str] = set()
    endings: dict[str, int] = {}
    verbs: set[str] = set()
    doubled: set[str] = set()
    said_twice: set[str] = set()
    with _jieba_dict().open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = _entry(line.rstrip("\n"))
            if not _CJK.match(word):
                continue
            if len(word) == 1 and tag in ("n", "q"):
                nouns.add(word)
            elif len(word) == 1 and tag == "v":
                verbs.add(word)
            elif len(word) == 2 and word[0] == word[1] and tag in _SAID_TWICE_TAGS:
                said_twice.add(word)
                if tag in ("v", "vn"):
                    doubled.add(word)
            elif (
                len(word) == 2
                and word[0] == "一"
                and tag in _ONE_WORD_TAGS
                and frequency >= _MIN_FREQUENCY
            ):
                words.add(word)
            elif len(word) == 3 and tag == "z" and word[1] == word[2] != word[0]:
                endings[word[1:]] = endings.get(word[1:], 0) + 1
    productive = (e for e, n in endings.items() if n >= _ABB_WORDS)
    return (
        "".join(sorted(nouns)),
        tuple(sorted(words)),
        tuple(sorted(productive)),
        "".join(sorted(verbs)),
        tuple(sorted(doubled)),
        tuple(sorted(said_twice)),
    )


# The tags of a word of one character said twice that stays that word wherever it stands:
# descriptive, adverbial, numeral, time and verb words (稳稳, 默默, 两两, 早早, 走走). Not
# nouns, pronouns, particles or prepositions (会会 n, 个个 r, 等等 u, 对对 p: where one of
# these is doubled by a slip, the pair's rare word is not what the writer meant).
_SAID_TWICE_TAGS = frozenset(("a", "ad", "an", "d", "z", "m", "b", "t", "v", "vn"))


# An ABB ending is productive once it ends this many of the dictionary's descriptive words.
_ABB_WORDS = 2
_ONE_WORD_TAGS = frozenset(("d", "r", "a", "ad", "v", "c", "p"))


def _jieba_dict() -> Traversable:
    """jieba's dict.txt, found without running jieba's __init__, which loads its
    segmenter's tables and pkg_resources (about 90 ms)."""
    spec = importlib.util.find_spec("jieba")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    path = Path(folders[0]) / "dict.txt" if folders else None
    if path is not None and path.is_file():
        return path
    return resources.files("jieba").joinpath("dict.txt")  # a zipped install


def _entry(line: str) -> tuple[str, int, str]:
    """One line of jieba's dict.txt, `word frequency tag`, as its three fields (0 and ""
    for a field the line lacks)."""
    parts = line.split(" ")
    frequency = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return parts[0], frequency, parts[2] if len(parts) > 2 else ""


def _read_entry(
    line: str,
    words: dict[str, int],
    singles: list[tuple[int, str, str]],
    verbs: list[str] | None = None,
) -> int:
    """One line of jieba's dict.txt into `words` or `singles` (and `verbs`, a verb's);
    returns the frequency."""
    word, frequency, tag = _entry(line)
    if not _CJK.match(word):
        return frequency
    if len(word) == 1:
        singles.append((frequency, word, tag))
    elif len(word) <= 4 and frequency >= _MIN_FREQUENCY:
        words[word] = frequency
        if tag == "v" and verbs is not None:
            verbs.append(word)
    return frequency


def _traditional_chars() -> frozenset[str]:
    import opencc

    chars = "".join(map(chr, range(0x4E00, 0xA000)))
    simple = opencc.OpenCC("t2s").convert(chars)
    if len(simple) != len(chars):  # never seen: OpenCC's character table is 1:1 here
        return frozenset()
    return frozenset(c for c, s in zip(chars, simple, strict=True) if c != s)


class Sounds:
    """Characters coded by their first toneless reading, one code per syllable.

    Built from two tables: code point → code character (`table`, for str.translate),
    and code point → its fuzzy syllable (`near`: in/ing, en/eng, z/zh, c/ch, s/sh told
    apart by no one's input method setting), for the characters that sound nearly like a
    term's. Each is kept as a string indexed by code point (the code characters; the
    fuzzy syllables' numbers, "\0" for none), which str.translate takes as it takes the
    dict and which unpickles as one string: the 31,000 entries of the two dicts, an int
    and a reference each, were 2 % of a one-file lint to unpickle."""

    def __init__(self, table: Mapping[int, str], near: Mapping[int, str] | None = None) -> None:
        near = near or {}
        codes: str | dict[int, str]
        if all(len(code) == 1 for code in table.values()):
            codes = "".join(table.get(p, chr(p)) for p in range(max(table, default=-1) + 1))
        else:  # never made so by build_sounds: a table of other strings stays a dict
            codes = dict(table)
        syllables = tuple(dict.fromkeys(near.values()))
        number = {syllable: chr(n) for n, syllable in enumerate(syllables, 1)}
        self._codes = codes
        self._near = "".join(
            number[near[p]] if p in near else "\0" for p in range(max(near, default=-1) + 1)
        )
        self._syllables = ("", *syllables)

    @property
    def table(self) -> dict[int, str]:
        if isinstance(self._codes, dict):
            return dict(self._codes)
        return {p: c for p, c in enumerate(self._codes) if c != chr(p)}

    @property
    def near(self) -> dict[int, str]:
        syllables = self._syllables
        return {p: syllables[ord(n)] for p, n in enumerate(self._near) if n != "\0"}

    def code(self, text: str) -> str:
        return text.translate(self._codes)

    def nearly(self, a: str, b: str) -> bool:
        """Whether two characters differ only as a fuzzy-pinyin setting confuses them."""
        near, i, j = self._near, ord(a), ord(b)
        fuzzy = near[i] if i < len(near) else "\0"
        return fuzzy != "\0" and fuzzy == (near[j] if j < len(near) else "\0")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sounds):
            return NotImplemented
        return (self._codes, self._near, self._syllables) == (
            other._codes,
            other._near,
            other._syllables,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Sounds({len(self.table)} characters, {len(self._syllables) - 1} fuzzy syllables)"


def build_sounds(terms: Iterable[str]) -> tuple[Sounds, dict[str, str]]:
    """The coding table of every character that sounds like a character of a term, and
    each term's code (read as a phrase, so 银行 is yin-hang)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: dict[str, str] = {}

    def code_of(syllable: str) -> str:
        return syllables.setdefault(syllable, chr(_SOUND_BASE + len(syllables)))

    coded_terms = {
        term: "".join(code_of(s) for s in lazy_pinyin(term, style=Style.NORMAL)) for term in terms
    }
    table: dict[int, str] = {}
    # One string per fuzzy syllable, shared by its 16,000 characters: the pack cache
    # pickles it once and unpickles references to it, not a string per character.
    fuzzy_terms = {f: f for f in map(_fuzzy, syllables)}
    near: dict[int, str] = {}
    for point, readings in pinyin_dict.items():
        first = _toneless(readings.split(",")[0])
        if 0x4E00 <= point <= 0x9FFF:
            if first in syllables:
                table[point] = syllables[first]
            fuzzy = fuzzy_terms.get(_fuzzy(first))
            if fuzzy is not None:
                near[point] = fuzzy
    return Sounds(table, near), coded_terms


def _fuzzy_heads(sounds: Sounds, terms: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each term of four or more characters with its first character replaced by a common
    character of another syllable that a fuzzy-pinyin setting reads alike (民 min, 名
    ming), and the term."""
    alike: dict[str, list[str]] = {}
    for point, fuzzy in sounds.near.items():
        if _common(chr(point)):
            alike.setdefault(fuzzy, []).append(chr(point))
    for term in terms:
        if len(term) < 4:
            continue
        head = term[0]
        own = sounds.code(head)
        for other in alike.get(sounds.near.get(ord(head), ""), ()):
            if sounds.code(other) != own:
                yield other + term[1:], term


def _fuzzy(syllable: str) -> str:
    """A toneless syllable as a fuzzy-pinyin input method reads it: front and back nasals
    (min/ming, zhen/zheng) and flat and retroflex initials (zu/zhu) alike."""
    for retroflex, flat in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(retroflex):
            syllable = flat + syllable[2:]
            break
    if syllable.endswith("ng") and syllable[-3:-2] in ("i", "e"):
        syllable = syllable[:-1]
    return syllable


# Shape-alike replacements are drawn from the common characters only: GB 2312's first
# level (3,755 characters, 0xB0A1–0xD7F9), where a four-corner code is shared by few.
_LEVEL_ONE = (0xB0A1, 0xD7F9)


@dataclass(frozen=True)
class Shapes:
    """Characters alike in shape: the same four-corner code (量 and 星, 60105)."""

    variants: dict[str, str]  # a term with its first or last character so replaced → term
    alike_chars: frozenset[tuple[str, str]]  # (term's character, replacement) pairs

    def alike(self, window: str, term: str, changed: Sequence[int]) -> bool:
        """A same-length window whose changed characters are alike in shape to the term's."""
        return bool(changed) and all((term[i], window[i]) in self.alike_chars for i in changed)


def _common(char: str) -> bool:
    try:
        code = int.from_bytes(char.encode("gb2312"), "big")
    except UnicodeEncodeError:
        return False
    return _LEVEL_ONE[0] <= code <= _LEVEL_ONE[1]


def _rare(char: str) -> bool:
    """A Chinese character outside GB 2312 (仼 for 任): in a term's first or last place it is
    a shape-based input method's or a scan's wrong character, not the next word, which such
    a character hardly begins or ends (主体责仼). Traditional forms are TX303's."""
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _rare_in(characters: Iterable[str], traditional: frozenset[str]) -> frozenset[str]:
    """The rare characters (_rare) among a text's distinct `characters` but the
    traditional forms, whose runs are TX303's (windows at them would only be measured and
    dropped again). Only the text's own characters are tested (a table of the block's
    21,000 was 10–20 ms of every lint), all in one round trip through the codec: one that
    cannot be encoded comes back as "?", one character for one, so the two strings stay
    aligned (a Python call of _rare per character took twice as long)."""
    cjk = _NOT_CJK.sub("", "".join(characters))
    back = cjk.encode("gb2312", "replace").decode("gb2312")
    return frozenset(itertools.compress(cjk, map(operator.ne, cjk, back))).difference(traditional)


def build_shapes(terms: Iterable[str]) -> Shapes:
    """For terms of 3+ characters, each first and last character's common look-alikes by
    four-corner code (four_corner_method, MIT: the code of 74,000 characters)."""
    from four_corner_method import FourCornerMethod

    table: dict[str, str] = FourCornerMethod().data
    by_code: dict[str, list[str]] = {}
    for char, code in table.items():
        if len(char) == 1 and _common(char):
            by_code.setdefault(code, []).append(char)
    variants: dict[str, str] = {}
    pairs: set[tuple[str, str]] = set()
    for term in terms:
        if len(term) < 3:
            continue
        for at in (0, len(term) - 1):
            char = term[at]
            for other in by_code.get(table.get(char, ""), ()):
                if other != char:
                    pairs.add((char, other))
                    variants.setdefault(term[:at] + other + term[at + 1 :], term)
    return Shapes(variants, frozenset(pairs))


@dataclass(frozen=True)
class Miss:
    """A window of the text one edit (or a homophone) away from a lexicon term."""

    start: int
    end: int
    term: str
    homophone: bool


class SpellingIndex:
    """Every term of a lexicon, its near misses and its homophones, in a few automata."""

    def __init__(self, terms: Iterable[str], known: Iterable[str], dictionary: Dictionary) -> None:
        self.terms = tuple(dict.fromkeys(t for t in terms if len(t) >= 2))
        self.known = tuple(dict.fromkeys(known))
        self.dictionary = dictionary
        self.sounds, coded = build_sounds(self.terms)
        self._coded = coded
        self.shapes = build_shapes(self.terms)
        # Worked out once and pickled with the index: reading every character's sound
        # again at each unpickling took a third of a second.
        self._fuzzy_heads = dict(_fuzzy_heads(self.sounds, self.terms))
        self._forks = _forks(self.terms)
        self._build()

    def _build(self) -> None:
        # The terms as a set: does the text before a window end one (全面从严治党暨…)?
        self._term_set = frozenset(self.terms)
        # One-edit windows only for terms of 3+ characters: a two-character word one
        # edit away from another is nearly always a word too.
        # Halves of every term of 3+ characters: a window one edit away keeps one intact.
        # Each distinct half once, with every (term, first half?) it belongs to.
        by_piece: dict[str, list[tuple[str, bool, int, str, str, str, str]]] = {}
        for term in self.terms:
            if len(term) < 3:
                continue
            half = len(term) // 2
            facts = (len(term), term[0], term[1], term[-2], term[-1])
            by_piece.setdefault(term[:half], []).append((term, True, *facts))
            by_piece.setdefault(term[half:], []).append((term, False, *facts))
        self._pieces = tuple(tuple(v) for v in by_piece.values())
        self._piece_automaton = AhoCorasick(list(by_piece))
        self._exact_words = tuple(sorted(set(self.terms) | set(self.known)))
        self._known_words = frozenset(self.known)
        self._exact = AhoCorasick(self._exact_words)
        self._longest_exact = max(map(len, self._exact_words), default=0)
        sound_terms = sorted(self._coded, key=lambda t: self._coded[t])
        self._sound_terms = tuple(sound_terms)
        self._sound = AhoCorasick([self._coded[t] for t in sound_terms])
        # A term's code: its own reading; for swapped halves the near-miss index also
        # finds the window (a swap across the halves changes both).
        # Swaps no half survives: across the halves of a long term, and either swap in a
        # three-character term (whose first half is one character).
        swaps = [(_swap_middle(t), t) for t in self.terms if len(t) >= 4]
        swaps += [(t[1] + t[0] + t[2], t) for t in self.terms if len(t) == 3]
        swaps += [(t[0] + t[2] + t[1], t) for t in self.terms if len(t) == 3]
        self._swapped = {swapped: t for swapped, t in swaps if swapped != t}
        # The first or last character replaced by one of like shape (正能星): literal
        # variants, found with the swaps in the same pass.
        for variant, term in self.shapes.variants.items():
            self._swapped.setdefault(variant, term)
        # A term's first character replaced by a common one a fuzzy-pinyin setting
        # confuses with it (名族团结 for 民族团结: ming for min), in a term of four or more:
        # literal variants too, since the sound automaton matches exact syllables only and
        # the near-miss windows never replace a first character.
        for variant, term in self._fuzzy_heads.items():
            self._swapped.setdefault(variant, term)
        self._swap_automaton: tuple[AhoCorasick, tuple[str, ...]] | None = None  # swaps_in
        self._swaps_seen = 0  # characters searched for them in this process
        self._rank = {t: i for i, t in enumerate(sorted(self.terms, key=len, reverse=True))}
        self._arrays: dict[str, Any] | None = None  # for _near_vectorised, on first use
        self._built = True

    def _ready(self) -> None:
        """Read the tables and build what the searches use, once (an unpickled index does
        both at its first search: see __setstate__)."""
        if not self._built:
            tables = pickle.loads(self._tables)
            for name, value in zip(self._TABLES, tables, strict=True):
                setattr(self, name, value)
            del self._tables
            self._build()

    # What is pickled besides the terms and the dictionary (the pack cache's shared
    # entry): the rest is rebuilt from them (_build). One list for both directions, so a
    # field added to one cannot be missed by the other.
    _TABLES = ("known", "sounds", "_coded", "shapes", "_fuzzy_heads", "_forks")

    def __getstate__(self) -> tuple[object, ...]:
        if self._built:
            tables = pickle.dumps(tuple(getattr(self, name) for name in self._TABLES), 5)
        else:  # unpickled and never searched: its tables as they came
            tables = self._tables
        return (self.terms, self.dictionary, tables)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        terms, dictionary, tables = state
        assert isinstance(terms, tuple) and isinstance(dictionary, Dictionary)
        assert isinstance(tables, bytes)
        self.terms, self.dictionary, self._tables = terms, dictionary, tables
        # The tables are a pickle of their own, read at the first search with the automata
        # built from them: the require rules' slips (IW101, IW102, IW105) are searched only
        # in a report that lacks their element, so most lints need neither (each slip
        # index's sound table alone is two strings of 41,000 characters to decode).
        self._built = False

    def __repr__(self) -> str:  # stable and short: the rules' repr is part of a cache key
        return f"SpellingIndex({len(self.terms)} terms, words {self.dictionary.version})"

    def candidates(
        self,
        text: str,
        exact: Sequence[tuple[str, int, int]] = (),
        numpy: ModuleType | None = None,
    ) -> Iterator[Miss]:
        """Windows one edit away from a term, or sounding like one, before judging.

        Only windows that could pass judgement: none overlapping a correct occurrence
        of its own term (from `exact`), no first or last character replaced (a homophone
        there comes from the sound automaton), no character added at either end.
        With `numpy`, the windows near a term are found in a few array operations over
        all the term halves' occurrences (the same windows, in the same order).
        """
        from rapidfuzz.distance import OSA  # here: a lint without TX302 never needs it

        self._ready()
        characters = set(text)  # for the rare ones and the swaps a text can hold
        rare = _rare_in(characters, self.dictionary.traditional)
        near = (
            self._near(text, exact, rare)
            if numpy is None
            else self._near_vectorised(numpy, text, exact, rare)
        )
        for term, start, end in near:
            if end - start != len(term) and len(term) < 4:
                continue  # never judged a typo: a word of three with a character more or less
            window = text[start:end]
            if window != term and OSA.distance(window, term, score_cutoff=1) == 1:
                yield Miss(start, end, term, False)
        for term, start, end in self.swaps_in(text, characters):
            yield Miss(start, end, term, False)
        coded = self.sounds.code(text) if numpy is None else self._coded_vectorised(numpy, text)
        for number, start, end in find_all(self._sound, coded):
            term = self._sound_terms[number]
            if text[start:end] != term:
                yield Miss(start, end, term, True)

    def swaps_in(self, text: str, characters: set[str] | None = None) -> list[tuple[str, int, int]]:
        """(term, start, end) of every swap or literal variant of a term in `text`,
        overlapping ones included, in the automaton's order (by end, the longest first);
        `characters`: the text's, when the caller has them."""
        self._ready()
        self._swaps_seen += len(text)
        if self._swaps_seen > WHOLE_AFTER:
            if self._swap_automaton is None:
                variants = list(self._swapped)
                terms = tuple(self._swapped.values())
                self._swap_automaton = (AhoCorasick(variants), terms) if variants else None
            if self._swap_automaton is None:
                return []
            automaton, terms = self._swap_automaton
        else:  # a few hundred of 3,200: building all of them was 5 ms of a one-file lint
            variants = held_by(self._swapped, set(text) if characters is None else characters)
            if not variants:
                return []
            automaton = automaton_for_one_text(variants)
            terms = tuple(self._swapped[v] for v in variants)
        return [(terms[n], start, end) for n, start, end in find_all(automaton, text)]

    def _near(
        self, text: str, exact: Sequence[tuple[str, int, int]], rare: frozenset[str]
    ) -> list[tuple[str, int, int]]:
        """(term, start, end) of the windows near a term worth measuring, sorted: those
        whose ends fit an edit the judgement could accept, none overlapping a correct
        occurrence of its own term; `rare`: the text's rare characters (_rare_in)."""
        inside: dict[str, list[tuple[int, int]]] = {}
        # The words written right starting and ending at each place: a half there that
        # is its own term's, written whole, makes only windows that overlap it.
        starting: dict[int, set[str]] = {}
        ending: dict[int, set[str]] = {}
        for word, start, end in exact:
            inside.setdefault(word, []).append((start, end))
            starting.setdefault(start, set()).add(word)
            ending.setdefault(end, set()).add(word)
        size_of_text = len(text)
        found: list[tuple[str, int, int]] = []
        pieces = self._pieces
        for number, piece_start, piece_end in find_all(self._piece_automaton, text):
            # Every window made from a half holds it, so one made where its term is
            # written whole overlaps that occurrence and would be dropped below: such
            # entries are skipped here (most of a report's, since its terms are mostly
            # written right), leaving a few windows to sort and test.
            written_from = starting.get(piece_start)
            written_to = ending.get(piece_end)
            for term, head_piece, size, first, second, before_last, last in pieces[number]:
                # Cheap tests on the characters first: a window is sliced and measured
                # only when its ends fit an edit the judgement could accept (no first
                # or last character replaced by another sound, none added at an end).
                if head_piece:  # windows start here: as long, one longer, one shorter
                    if written_from and term in written_from:
                        continue
                    start = piece_start
                    end = start + size
                    if end <= size_of_text:
                        tail = text[end - 1]
                        if (
                            tail == last
                            or (tail == before_last and text[end - 2] == last)
                            or tail in rare
                        ):
                            found.append((term, start, end))
                        if end < size_of_text and text[end] == last:
                            found.append((term, start, end + 1))
                        if text[end - 2] in (last, before_last):
                            found.append((term, start, end - 1))
                    elif end - 1 == size_of_text and text[end - 2] in (last, before_last):
                        found.append((term, start, end - 1))
                else:  # windows end here
                    if written_to and term in written_to:
                        continue
                    end = piece_end
                    start = end - size
                    if start >= 0:
                        head = text[start]
                        if (
                            head == first
                            or (head == second and text[start + 1] == first)
                            or head in rare
                        ):
                            found.append((term, start, end))
                        if start > 0 and text[start - 1] == first:
                            found.append((term, start - 1, end))
                        if text[start + 1] in (first, second):
                            found.append((term, start + 1, end))
                    elif start == -1 and text[0] in (first, second):
                        found.append((term, 0, end))
        kept: list[tuple[str, int, int]] = []
        covered: dict[str, set[int]] = {}  # the characters of a term's correct occurrences
        for term, start, end in sorted(set(found)):
            spans = inside.get(term)
            if spans:
                taken = covered.get(term)
                if taken is None:
                    taken = covered[term] = {i for s, e in spans for i in range(s, e)}
                if not taken.isdisjoint(range(start, end)):
                    continue
            kept.append((term, start, end))
        return kept

    def _vectors(self, np: ModuleType) -> dict[str, Any]:
        """_pieces as arrays, the first halves' entries apart from the second halves':
        for each, per piece p its entries at [offset[p], offset[p] + count[p]) of one
        column each (term number in sorted order, size, and the code points of the
        term's last but one and last characters for a first half, its first and second
        for a second half); and the sound coding as a lookup array."""
        if self._arrays is None:
            ids = {term: i for i, term in enumerate(sorted(self.terms))}

            def columns(head: bool) -> tuple[Any, Any, tuple[Any, ...]]:
                groups = [
                    [
                        (ids[term], size, *map(ord, (b, c) if head else (first, second)))
                        for term, is_head, size, first, second, b, c in entries
                        if is_head == head
                    ]
                    for entries in self._pieces
                ]
                count = np.array([len(g) for g in groups], dtype=np.int64)
                table = np.array([r for g in groups for r in g], dtype=np.int64).reshape(-1, 4)
                # One contiguous array per column: gathers from them are cheaper than
                # from the rows of a table.
                cols = tuple(np.ascontiguousarray(table[:, i]) for i in range(4))
                return count, np.cumsum(count) - count, cols

            coding = self.sounds.table  # code point → its sound's code character
            sounds = np.arange(max(coding, default=0) + 1, dtype=np.uint32)
            for point, code in coding.items():
                sounds[point] = ord(code)
            self._arrays = {
                "sounds": sounds,
                "terms": tuple(sorted(self.terms)),
                "lengths": np.array([len(t) for t in sorted(self.terms)], dtype=np.int64),
                "longest": max(map(len, self.terms), default=0),
                "ids": ids,
                "heads": columns(True),
                "tails": columns(False),
            }
        return self._arrays

    def _coded_vectorised(self, np: ModuleType, text: str) -> str:
        """sounds.code(text) through a lookup array: str.translate looks every character
        up in a dict."""
        lookup = self._vectors(np)["sounds"]
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        inside = codes < len(lookup)
        coded = np.where(inside, lookup[np.where(inside, codes, 0)], codes).astype("<u4")
        return str(coded.tobytes().decode("utf-32-le", "surrogatepass"))

    def _near_vectorised(
        self,
        np: ModuleType,
        text: str,
        exact: Sequence[tuple[str, int, int]],
        rare: frozenset[str],
    ) -> list[tuple[str, int, int]]:
        """What _near gives, with the character tests done on arrays: one row per
        (occurrence of a half, term of that half), instead of a Python loop over them."""
        hits = find_all(self._piece_automaton, text)
        if not hits:
            return []
        v = self._vectors(np)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        size_of_text = len(codes)
        # -1 (no character) on both sides, so that a window reaching past an end reads it.
        pad: int = v["longest"] + 2
        padded = np.full(size_of_text + 2 * pad, -1, dtype=np.int64)
        padded[pad : pad + size_of_text] = codes

        # Whether each character is rare (_rare), padded alike.
        rare_codes = [ord(c) for c in rare]
        is_rare = np.isin(padded, np.array(rare_codes, dtype=np.int64))

        def at(where: Any) -> Any:
            return padded[where + pad]

        def rare_at(where: Any) -> Any:
            return is_rare[where + pad]

        # Each window as one number, (term × width + start) × spread + length, which
        # sorts as (term, start, end) does.
        width, spread = size_of_text + 1, pad
        keys = []
        lengths = v["lengths"]

        def add(keep: Any, term: Any, start: Any, end: Any) -> None:
            # The few windows that pass first, then the key of each.
            term, start = term[keep], start[keep]
            length = end[keep] - start
            # A term of three with a character more or less is never judged a typo.
            size = lengths[term]
            keep = (size >= 4) | (length == size)
            keys.append((term[keep] * width + start[keep]) * spread + length[keep])

        def entries(found: Any, which: str) -> tuple[Any, tuple[Any, ...]]:
            """Each (occurrence, entry of its piece) of the first or second halves: the
            occurrence's row in `found`, and the entry's columns."""
            count_of, offset_of, cols = v[which]
            piece = found[:, 0]
            count = count_of[piece]
            rows = np.repeat(np.arange(len(found)), count)
            within = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
            at_entry = offset_of[piece[rows]] + within
            return rows, tuple(col[at_entry] for col in cols)

        # In slices of the matches: a long text's rows would take hundreds of megabytes.
        for low in range(0, len(hits), _SLICE):
            found = _rows(np, hits[low : low + _SLICE])
            # Windows starting at a first half: as long, one longer, one shorter.
            rows, (term, size, before_last, last) = entries(found, "heads")
            start = found[rows, 1]
            end = start + size
            fits = end <= size_of_text
            tail = at(end - 1)
            same = fits & (
                (tail == last) | ((tail == before_last) & (at(end - 2) == last)) | rare_at(end - 1)
            )
            add(same, term, start, end)
            add(fits & (end < size_of_text) & (at(end) == last), term, start, end + 1)
            tail = at(end - 2)
            add(
                (end - 1 <= size_of_text) & ((tail == last) | (tail == before_last)),
                term,
                start,
                end - 1,
            )
            # Windows ending at a second half.
            rows, (term, size, first, second) = entries(found, "tails")
            end = found[rows, 2]
            start = end - size
            fits = start >= 0
            lead = at(start)
            same = fits & (
                (lead == first) | ((lead == second) & (at(start + 1) == first)) | rare_at(start)
            )
            add(same, term, start, end)
            add(fits & (start > 0) & (at(start - 1) == first), term, start - 1, end)
            lead = at(start + 1)
            add((start >= -1) & ((lead == first) | (lead == second)), term, start + 1, end)
        unique = np.unique(np.concatenate(keys))  # sorted: by term, start, end
        if not len(unique):
            return []
        rest, length = np.divmod(unique, spread)
        term, start = np.divmod(rest, width)
        end = start + length
        ids: dict[str, int] = v["ids"]
        occurrences = [(ids[w], s, e) for w, s, e in exact if w in ids]
        if occurrences:
            # Covered: an occurrence of the same term overlaps the window. Of a term's
            # occurrences (all as long), the last starting before the window's end
            # reaches furthest.
            seen = _rows(np, occurrences)
            places = seen[:, 0] * width + seen[:, 1]
            order = np.argsort(places, kind="stable")
            places, seen = places[order], seen[order]
            last_before = np.searchsorted(places, term * width + end - 1, "right") - 1
            near = seen[np.maximum(last_before, 0)]
            covered = (last_before >= 0) & (near[:, 0] == term) & (near[:, 2] > start)
            term, start, end = term[~covered], start[~covered], end[~covered]
        table = np.stack((term, start, end), axis=1)
        terms: tuple[str, ...] = v["terms"]
        return [(terms[t], s, e) for t, s, e in table.tolist()]

    def occurrences(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of every term and known word written right in `text`,
        overlapping ones included, by end (what `candidates` takes as `exact`)."""
        self._ready()
        return [(self._exact_words[n], s, e) for n, s, e in find_all(self._exact, text)]

    def misses(self, text: str, document: str = "") -> list[Miss]:
        """The misspelt terms of a text, left to right, at most one per place; `document`
        is the whole report the text belongs to (the text itself if not given)."""
        exact = self.occurrences(text)
        return self._judged(text, exact, self.candidates(text, exact), document or text)

    def misses_in(self, texts: Sequence[str]) -> list[list[Miss]]:
        """misses() of each text, from one pass over them all: the candidates of the
        joined text, cut into each text's (a window never holds the line break between
        two), are each text's own; only texts with a candidate are judged."""
        joined = "\n".join(texts)
        numpy = numpy_after(len(joined))
        exact = self.occurrences(joined)
        starts: list[int] = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        found: list[list[Miss]] = [[] for _ in texts]
        for miss in self.candidates(joined, exact, numpy):
            at = bisect.bisect_right(starts, miss.start) - 1
            begin = starts[at]
            if miss.end <= begin + len(texts[at]):
                shifted = Miss(miss.start - begin, miss.end - begin, miss.term, miss.homophone)
                found[at].append(shifted)
        results: list[list[Miss]] = [[] for _ in texts]
        if not any(found):
            return results
        ends = [end for _, _, end in exact]  # the matches come by end
        for at, candidates in enumerate(found):
            if candidates:  # the text's own exact occurrences, in the same order
                begin, size = starts[at], len(texts[at])
                low = bisect.bisect_right(ends, begin)
                high = bisect.bisect_right(ends, begin + size)
                own = [(w, s - begin, e - begin) for w, s, e in exact[low:high] if s >= begin]
                results[at] = self._judged(texts[at], own, candidates, joined)
        return results

    def without_repeats(self, texts: Sequence[str], results: list[list[Miss]]) -> list[list[Miss]]:
        """The misses of a report's texts (misses_in) less the near misses written the
        same way twice or more in the report: a slip is made once; the same window again
        and again is the writer's word that the dictionary lacks (文化强镇, 团建工作,
        主题团日). A homophone stays: an input method offers the same wrong character
        again, and so does a term short of its first character where that character
        and the next make a word (一责任人 for 第一责任人): no coinage opens inside a word.
        So are terms whose opening the report replaces the same way in two or more misses
        (守水有责、守水尽责 after 守土有责 and 守土尽责: a coinage made in parallel)."""
        self._ready()
        written: dict[str, int] = {}
        for text, misses in zip(texts, results, strict=True):
            for miss in misses:
                window = text[miss.start : miss.end]
                written[window] = written.get(window, 0) + 1
                head = _replaced_head(window, miss.term)
                if head:
                    written[head] = written.get(head, 0) + 1
        if all(count < 2 for count in written.values()):
            return results
        return [
            [
                m
                for m in misses
                if max(
                    written[text[m.start : m.end]],
                    written.get(_replaced_head(text[m.start : m.end], m.term), 0),
                )
                < 2
                or self._sounds_alike(text, m)
                or self._head_cut(text[m.start : m.end], m.term)
            ]
            for text, misses in zip(texts, results, strict=True)
        ]

    def across_breaks(self, texts: Sequence[str], results: list[list[Miss]]) -> list[list[Miss]]:
        """The misses of consecutive texts less a term cut by a line break: a window at
        the end of a text that the next text completes, or at the start of one that the
        text before completes (a PDF's or a web page's hard line breaks: 网络意 / 识形态)."""
        kept: list[list[Miss]] = []
        last = len(texts) - 1
        for at, (text, misses) in enumerate(zip(texts, results, strict=True)):
            before = texts[at - 1] if at > 0 else ""
            after = texts[at + 1] if at < last else ""
            kept.append(
                [
                    m
                    for m in misses
                    if not _cut(text, m, before, after)
                    and not (at == last and _truncated(text, m))
                    and not (at == 0 and _truncated(text, m, head=True))
                ]
            )
        return kept

    def _head_cut(self, window: str, term: str) -> bool:
        return window == term[1:] and len(term) > 2 and term[:2] in self.dictionary.words

    def _sounds_alike(self, text: str, miss: Miss) -> bool:
        window = text[miss.start : miss.end]
        change = _changed(window, miss.term)
        return miss.homophone or (
            change.kind == "substitute" and _same_sound(self.sounds, window, miss.term, change)
        )

    def _judged(
        self,
        text: str,
        exact: Sequence[tuple[str, int, int]],
        candidates: Iterable[Miss],
        document: str = "",
    ) -> list[Miss]:
        """The candidates that are misspellings, at most one per place, left to right;
        `document` is the whole text the text belongs to (its words' other uses)."""
        found = [m for m in candidates if _CJK.match(text[m.start : m.end])]
        exact_at: dict[int, list[tuple[str, int, int]]] = {}
        for occurrence in exact:  # by start, so that a window looks only near itself
            exact_at.setdefault(occurrence[1], []).append(occurrence)
        if not found:
            return []
        # One finding per place: the candidate that keeps most of its term (意识形工态作
        # is 意识形态工作 with two characters swapped, not 意识形 short of 态), a homophone
        # first; then, among those that mend the text alike, the shortest term (意认形态
        # misspells 意识形态, whatever longer term holds it).
        found.sort(
            key=lambda m: (
                not m.homophone,
                -_kept(text[m.start : m.end], m.term),
                abs(m.end - m.start - len(m.term)),  # 贯彻实落 is swapped, not short of 实
                len(m.term),
                m.start,
                self._rank[m.term],
            )
        )
        kept: list[Miss] = []
        occupied: set[int] = set()  # characters of kept findings (windows are short)
        by_start: dict[int, list[Miss]] = {}
        for candidate in found:
            by_start.setdefault(candidate.start, []).append(candidate)
        for miss in found:
            if not occupied.isdisjoint(range(miss.start, miss.end)):
                continue
            if not self._is_typo(text, miss, exact_at, document):
                continue
            shorter = [
                m
                for at in range(miss.start, miss.end)
                for m in by_start.get(at, ())
                if m.end <= miss.end
                and len(m.term) < len(miss.term)
                and text[miss.start : m.start] + m.term + text[m.end : miss.end] == miss.term
                and self._is_typo(text, m, exact_at, document)
            ]
            chosen = min(shorter, key=lambda m: len(m.term)) if shorter else miss
            chosen = self._perseveration(text, chosen)
            kept.append(chosen)
            occupied.update(range(chosen.start, chosen.end))
        kept.sort(key=lambda m: (m.start, m.end))
        return kept

    def _is_typo(
        self,
        text: str,
        miss: Miss,
        exact_at: Mapping[int, list[tuple[str, int, int]]],
        document: str = "",
    ) -> bool:
        window = text[miss.start : miss.end]
        term = miss.term
        words = self.dictionary.words
        if window in words or window in self.known:
            return False
        # A correctly written term or known word overlapping the window explains it
        # (四是意识形态 holds 意识形态, not a misspelt 四个意识), unless it is part of the
        # term itself (网路舆情 still misspells 网络舆情).
        nearby = (
            occurrence
            for at in range(miss.start - self._longest_exact, miss.end)
            for occurrence in exact_at.get(at, ())
        )
        change: _Change | None = None  # worked out only for a window that needs it
        for word, start, end in nearby:
            if start < miss.end and miss.start < end and (word == term or word not in term):
                # A homophone is a slip of the input method whatever correct word shares
                # the term's own characters (主题|责任清单 for 主体责任).
                change = change or _changed(window, term)
                if (
                    change.kind == "substitute"
                    and all(not start <= miss.start + i < end for i in change.chars)
                    and _same_sound(self.sounds, window, term, change)
                ):
                    continue
                # A term that goes on from the gap of a dropped character (学|贯彻落实 after
                # 传达: 学习贯彻 with 习 dropped) explains nothing when the term's own head
                # before the gap stands alone: 学 is 学习 cut short, not a word of the text.
                if change.kind == "drop" and self._cut_head(text, miss, term, change, start):
                    continue
                # One inside the window (党委 in 党委织建设) is judged with the window's
                # other words below: it explains the window only if that reads as well.
                inside = miss.start <= start and end <= miss.end and word != term
                if not inside or word not in self.dictionary.words:
                    return False
        change = change or _changed(window, term)
        if change.kind == "drop" and _level_without_grade(window, term):
            return False
        if change.kind == "add" and change.chars[0] in (0, len(term)):
            return False  # a character "added" before or after a term is the next word
        if (
            change.kind == "add"
            and window[0] in "年月日"
            and miss.start > 0
            and _DATE_DIGIT.match(text, miss.start - 1)
        ):
            # 2025年月度考核: the 年 closes the date before it, 月度考核 follows; not 年度考核
            # with 月 put in.
            return False
        traditional = self.dictionary.traditional
        beside = text[max(miss.start - 1, 0) : miss.end + 1]
        if any(c in traditional for c in beside):
            return False  # 與论 is traditional-char's (TX303) to report
        homophone = change.kind == "substitute" and _same_sound(self.sounds, window, term, change)
        function = self.dictionary.function_chars
        if len(term) == 2 and all(c in function for c in window):
            # 即为 sounds like 纪委, but two of the most frequent single characters side by
            # side (即 + 为: "is") are the sentence's own words, not a short term misspelt.
            return False
        if homophone and len(term) == 2 and len(change.chars) == 2:
            # 当季 sounds like 党籍 in both characters: an input method offers such a pair
            # only as a word of its own lexicon (当季时蔬), one jieba's 2013 dictionary
            # lacks; a slip of the term keeps one of its characters (党纪 for 党籍 is a word).
            return False
        if (
            homophone
            and len(term) == 2
            and change.chars == (0,)
            and window[0] in self.dictionary.function_chars
            and self._kept_reads_out(text, miss, 1)
        ):
            # 思想与情绪 sounds like 舆情, but a function character (与) opens the window and
            # the term's kept character opens a word beyond it (情绪): the sentence's
            # conjunction and its next word, not a two-character term typed by sound. Not
            # the other way round: 乡党为召开 is 乡党委 mistyped, whatever word 乡党 is.
            return False
        if (
            homophone
            and len(term) == 2
            and change.chars == (1,)
            and window[1] in _JOINING
            and self._word_at(text, miss.end) > 0
            and (self._kept_reads_out(text, miss, 0) or self._closes_term(text, miss.start + 1))
        ):
            # 全面从严治党暨意识形态 sounds like 党籍, but the term's kept character closes a
            # word or term before it (全面从严治党), 暨 joins, and a word opens after it
            # (意识): two phrases joined, not 党籍 typed by sound. 开展党及管理 (展党 closes
            # none) is still 党籍 mistyped.
            return False
        sounds = change.kind == "substitute" and (
            homophone
            or self.shapes.alike(window, term, change.chars)
            or all(self.sounds.nearly(window[i], term[i]) for i in change.chars)
            or all(_rare(window[i]) for i in change.chars)
        )
        if not sounds and change.kind != "swap":
            # Without the sound of the term, a short term is too easy to come near by
            # chance (宣传办 beside 宣传栏), a term's first or last character replaced is
            # as likely the next word (意识形态工作责任落细), and a function word is
            # ordinary text.
            middle = change.chars and all(0 < i < len(term) - 1 for i in change.chars)
            if change.kind == "substitute" and not middle:
                return False
            if len(term) < 4 and change.kind != "substitute":
                return False
            if change.kind == "substitute" and any(
                window[i] in self.dictionary.function_chars and window[i] not in _NUMERALS
                for i in change.chars
            ):
                return False
        if self._particle(window, term, change):
            return False  # 存在问题 for 存在的问题, 初心与使命 for 初心使命: both are right
        if not homophone and self._between_words(text, miss, change):
            return False  # 领导|加|部门: a word, a character joining, and the next word
        if (
            change.kind == "substitute"
            and change.chars == (1,)
            and term[0] == "以"
            and len(term) == 4
            and not homophone
        ):
            return False  # 以赛促干, 以文铸魂: 以学促干's series, another means (以 = by)
        if change.kind == "substitute" and len(change.chars) == 1 and not homophone:
            at = change.chars[0]
            if len(window) == 4 and at >= 2 and window[at] == window[at - 2]:
                return False  # 学深学透, 走深走实: the genre's AXAY phrase, not 学深悟透 misspelt
            if _coordinated(text, miss, term, at):
                return False  # 述职述廉报告: the term's word written beside, another one here
        if change.kind == "add" and self._boundary(term, change.chars[0]):
            return False  # 意识形态主阵地: a word put between two words of the term
        edge = change.sides in ((0,), (len(window) - 1,))
        if (
            change.kind == "drop"
            and edge
            and self._segments(window)
            and not (change.sides == (len(window) - 1,) and window in self._forks)
        ):
            # 目标责任 is two words, not 目标责任制 short of 制; but a stem the lexicon goes
            # on from in two ways (社会主义核心价值|观, |体系) is never said bare: cut short.
            return False
        if (
            change.kind == "drop"
            and change.sides == (0,)
            and len(window) == 3
            and window[0] in self.dictionary.verbs
            and window[1:] in words
        ):
            # 作总结, 抓落实: a frequent verb or preposition before a word is that verb and
            # its object, not a four-character term with its first character dropped.
            return False
        if (
            change.kind == "drop"
            and change.sides == (0,)
            and miss.start
            and _CJK.match(text[miss.start - 1])
            and text[miss.start - 1] not in self.dictionary.function_chars
            and not any(
                text[a : miss.start] in words for a in range(max(miss.start - 4, 0), miss.start - 1)
            )
        ):
            return False  # 县情民意: the first character replaced (left alone), not dropped
        if (
            change.kind == "drop"
            and change.sides == (0,)
            and window[0] in _LOCALIZERS
            and any(
                text[a : miss.start] in words
                and text[a : miss.start] not in self.dictionary.verb_words
                for a in range(max(miss.start - 4, 0), miss.start - 1)
            )
            and _PLACE_FRAME.search(text, max(miss.start - 16, 0), miss.start)
        ):
            # 在…环境中学习: the frame 在…中 closed by its localizer, then the verb; not 集中学习
            # short of 集. Without 在 (党员中学习) or after a verb (组织中学习) the term's head
            # is missing.
            return False
        if (
            change.kind == "drop"
            and change.sides == (len(window) - 1,)
            and miss.end < len(text)
            and _CJK.match(text[miss.end])
            and text[miss.end] not in self.dictionary.function_chars
            and text[miss.end] not in term  # 两学一学: the term's own character, a slip
            and not any(text[miss.end : b] in words for b in range(miss.end + 2, miss.end + 5))
        ):
            return False  # 文化强镇: the last character replaced (left alone), not dropped
        if change.kind == "drop" and self._affix(text, miss, window, term, change):
            return False  # 工作总思路, 总分馆制建设: 总 opens the next word, 制 ends the one before
        if change.kind == "drop" and not edge and self._modifier_left_out(window, term, change):
            return False  # 学习型组织: 学习型党组织 without 党, a phrase of its own
        if change.kind == "drop" and edge and self._edge_particle(text, miss, window, term):
            return False  # 与习近平同志为核心…, 基层党的建设: the phrase holds the term
        if change.kind == "drop" and _split_by_space(text, miss, window, term):
            return False  # 意识形态工 作: the term whole, cut by a space (TX305's)
        if change.kind == "drop" and _split_by_mark(text, miss, window, term):
            return False  # 意、识形态: the term whole, cut by a stray mark (no word to mend)
        if change.kind == "drop" and self._drop_explained(text, miss, window, term, edge):
            return False
        if change.kind == "drop" and miss.start and text[miss.start - 1].isascii():
            return False  # X委宣传部: a placeholder's level, not 党委宣传部 short of 党
        return not self._explained(text, miss, change, sounds, homophone, document or text)

    def _closes_term(self, text: str, end: int) -> bool:
        """Whether a term of three to eight characters of the lexicon ends at `end`."""
        return any(text[end - n : end] in self._term_set for n in range(3, min(end, 8) + 1))

    def _kept_reads_out(self, text: str, miss: Miss, kept: int) -> bool:
        """Whether the window's character at `kept` (0 or 1 of a two-character window)
        makes a word of two to four characters with the text on its outer side."""
        words = self.dictionary.words
        at = miss.start + 1  # just after the window's first character
        for size in (2, 3, 4):
            low, high = (at, at + size) if kept else (at - size, at)
            if low >= 0 and high <= len(text) and text[low:high] in words:
                return True
        return False

    def _perseveration(self, text: str, miss: Miss) -> Miss:
        """A term short of its last character where the next character repeats one of the
        term's own (两学一学 for 两学一做): the writer typed the term's character again in
        the last one's place, so the finding covers it and mending it replaces it (两学一做,
        not 两学一做学), unless the text reads better with the character kept, opening a
        longer word than the text after it does (两学一|学习教育: 学习, not 习教)."""
        window, term = text[miss.start : miss.end], miss.term
        if len(window) != len(term) - 1 or not term.startswith(window) or miss.end >= len(text):
            return miss
        if text[miss.end] not in window:
            return miss
        if self._word_at(text, miss.end) > self._word_at(text, miss.end + 1):
            return miss
        return Miss(miss.start, miss.end + 1, term, miss.homophone)

    def _word_at(self, text: str, at: int) -> int:
        """The length of the longest word (two to four characters) the text opens at `at`."""
        words = self.dictionary.words
        return max(
            (n for n in range(2, 5) if at + n <= len(text) and text[at : at + n] in words),
            default=0,
        )

    def _cut_head(self, text: str, miss: Miss, term: str, change: _Change, start: int) -> bool:
        """Whether a window short of an inner character keeps the term's head before the
        gap as a lone character (学 of 学习贯彻) and a correct term begins right after the
        gap (贯彻落实 at 学|贯彻落实): the head makes no word with the text before it."""
        if len(change.sides) != 2 or change.sides[0] != 0 or start != miss.start + 1:
            return False
        head = text[miss.start]
        if head != term[0] or head in self.dictionary.function_chars:
            return False
        words = self.dictionary.words
        return not any(
            text[miss.start - k : miss.start + 1] in words for k in (1, 2, 3) if miss.start >= k
        )

    def _edge_particle(self, text: str, miss: Miss, window: str, term: str) -> bool:
        """Whether a window short of its term's first or last character reads right:
        the character left out is a particle or preposition of the term's own
        (以习近平同志为核心的党中央 after 与, which takes its place), or a particle stands
        between the window and the missing character (基层党的建设 holds 基层党建 with 的)."""
        start, end = miss.start, miss.end
        if window == term[1:]:
            if term[0] in _EDGE_PARTICLES:
                return True
            before = text[max(start - 2, 0) : start]
            return len(before) == 2 and before[1] in _PARTICLES and before[0] == term[0]
        if window == term[:-1]:
            if term[-1] in _EDGE_PARTICLES:
                return True
            after = text[end : end + 2]
            return len(after) == 2 and after[0] in _PARTICLES and after[1] == term[-1]
        return False

    def _particle(self, window: str, term: str, change: _Change) -> bool:
        """Whether the change only adds or drops a function character (的, 与, 和)."""
        if change.kind == "add":
            return window[change.chars[0]] in _PARTICLES
        if change.kind == "drop":
            at = change.sides[-1] if len(change.sides) == 2 else None
            if at is None:  # dropped at an end: the term's own first or last character
                at = 0 if change.sides == (0,) else len(term) - 1
            return term[at] in _PARTICLES
        return False

    def _drop_explained(self, text: str, miss: Miss, window: str, term: str, edge: bool) -> bool:
        """Whether a window short of a character reads right as it is: words from end to
        end without a function word of the term (存在问题 for 存在的问题), or, short at an
        end, its end characters open the next word (工作总基调 is not 工作总结 short of 结,
        微信公众平台 not 微信公众号 short of 号)."""
        words = self.dictionary.words
        at = next((i for i in range(len(window)) if window[i] != term[i]), len(window))
        if not edge and term[at] in self.dictionary.function_chars and self._segments(window):
            return True
        start, end = miss.start, miss.end
        # A function character alone is no next word (精神文明建|和: 建和 is a name).
        alone = self.dictionary.function_chars
        if at == len(window):  # the last character dropped: 公众|平台 after 微信
            return any(
                text[end - i : end + k] in words
                for i in (1, 2)
                for k in (1, 2, 3)
                if end + k <= len(text) and not (k == 1 and text[end] in alone)
            )
        if at == 0:  # the first one
            if start and text[start - 1] in _NUMERALS and self._counted(window[0]):
                return True  # 三大工程: a count (三大, as the dictionary's 四大), not 伟大工程
            return any(
                text[start - k : start + i] in words
                for i in (1, 2)
                for k in (1, 2, 3)
                if start >= k and not (k == 1 and text[start - 1] in alone)
            )
        return False

    def _counted(self, char: str) -> bool:
        """Whether numerals make words with `char` in the dictionary (四大, 五大, 十大): after
        any numeral (三大, which it lacks) the character is counted, not a term's end."""
        words = self.dictionary.words
        return sum(numeral + char in words for numeral in _NUMERALS) >= _COUNTED

    def _boundary(self, term: str, at: int) -> bool:
        """Whether a word of 2+ characters of the term ends at `at`, or a particle after
        one (存在的|问题: 存在的新问题), and another starts; the genre's words jieba lacks
        count (`known`: 初心, as in 践初心担使命, a verb before each word)."""
        words = self.dictionary.words
        known = self._known_words

        def word(piece: str) -> bool:
            return piece in words or piece in known

        # The word before may end on a particle's character (取得|成效: 取得新成效 puts 新
        # between the verb and its object, as 存在的|新问题 does after the particle).
        ends_at = (at - 1, at) if at and term[at - 1] in _PARTICLES else (at,)
        ends = any(word(term[i:end]) for end in ends_at for i in range(max(end - 4, 0), end - 1))
        starts = any(word(term[at:j]) for j in range(at + 2, min(at + 4, len(term)) + 1))
        return ends and starts

    def _affix(self, text: str, miss: Miss, window: str, term: str, change: _Change) -> bool:
        """Whether a window short of a character has, beside the gap, a lone character
        that is a productive prefix or suffix (_PRODUCTIVE) joined to the word beside it
        outside the window: 总 before 思路 (工作总思路, as 总基调) is not 工作总结 short of
        结; 制 after 总分馆 (总分馆制建设, as 河长制) is not 制度建设 short of 度. Not where
        the next character is the term's own (两学一学: a slip)."""
        words = self.dictionary.words
        verbs = self.dictionary.verb_words
        alone = self.dictionary.function_chars
        start, end = miss.start, miss.end
        # A verb on the other side of the lone character makes the term its object or
        # subject (围绕党干部, 下一步打摆在…): then the character is the term's, cut short.
        verb_before = any(text[a:start] in verbs for a in range(max(start - 4, 0), start - 1))
        verb_after = any(text[end:b] in verbs for b in range(end + 2, min(end + 4, len(text)) + 1))
        if change.sides == (len(window) - 1,):  # the last character dropped
            return (
                window[-1] in self.dictionary.prefixes
                and window[-1] not in alone
                and text[end : end + 1] not in term
                and not verb_after
                and any(text[end:b] in words for b in range(end + 2, min(end + 3, len(text)) + 1))
            )
        if change.sides == (0, 1) and start and window[1:] in words:  # 制|建设
            before = text[start - 1]
            return (
                window[0] in self.dictionary.suffixes
                and window[0] not in alone
                and _CJK.match(before) is not None
                and before not in alone
                and not verb_before
            )
        last = len(window) - 1
        if change.sides == (last - 1, last) and end < len(text) and window[:-1] in words:
            after = text[end]
            return (
                window[-1] in self.dictionary.prefixes
                and window[-1] not in alone
                and _CJK.match(after) is not None
                and after not in alone
                and not verb_after
            )
        return False

    def _between_words(self, text: str, miss: Miss, change: _Change) -> bool:
        """Whether a window whose next-to-last character differs from the term's reads
        as a word, a character joining two words (_JOINING), and a word the window's last
        character begins with the text after it (领导加部门负责: 领导 + 加 + 部门, not 领导干部
        with 干 replaced); or the mirror at the window's start."""
        if change.kind != "substitute" or len(change.chars) != 1 or len(miss.term) < 4:
            return False
        words = self.dictionary.words
        window, (at,) = text[miss.start : miss.end], change.chars
        if window[at] not in _JOINING:
            return False  # 任务够单|相关: any other character there is the term's slip
        start, end = miss.start, miss.end
        if at == len(window) - 2 and end < len(text):
            return window[:at] in words and text[end - 1 : end + 1] in words
        if at == 1 and start > 0:
            return window[2:] in words and text[start - 1 : start + 1] in words
        return False

    def _modifier_left_out(self, window: str, term: str, change: _Change) -> bool:
        """Whether a term of five or more characters short of a middle character reads as
        words, the character being a modifier of the word after it (学习型党组织 without
        党: 学习型组织, a phrase of its own, as 基层组织 beside 基层党组织)."""
        if len(term) < 5 or len(change.sides) != 2 or not self._segments(window):
            return False
        at = change.sides[1]  # the dropped character was term[at]
        words = self.dictionary.words
        return term[at : at + 3] in words and term[at + 1 : at + 3] in words

    def _segments(self, text: str) -> bool:
        """Whether the text is a sequence of dictionary words of 2+ characters."""
        return self._singles(text) == 0

    def _singles(self, text: str) -> int:
        """The fewest characters left standing alone when the text is cut into words."""
        words = self.dictionary.words
        best = [0] + [len(text)] * len(text)
        for end in range(1, len(text) + 1):
            best[end] = best[end - 1] + 1
            for start in range(max(end - 4, 0), end - 1):
                if best[start] < best[end] and text[start:end] in words:
                    best[end] = best[start]
        return best[-1]

    def _explained(
        self,
        text: str,
        miss: Miss,
        change: _Change,
        alike: bool = False,
        homophone: bool = False,
        document: str = "",
    ) -> bool:
        """Whether a word of the dictionary accounts for the change: the changed
        character belongs to a word around it (具体责任 is 具体 + 责任, 从严判处 holds
        从严), or a dropped character's neighbour does (工作结合 is not 工作总结 short of 总).
        Words inside the term itself (形态 in 意识形态) account for nothing, and in a
        fixed formulation of six or more characters a character of like sound or shape
        (`alike`) is a slip whatever word it makes inside the window (新世代 for 新时代 in
        the name of the Thought). So is, in a term of four or more, a word of the same
        sound in place of a word of the term (`homophone`), where the `document` writes
        that word nowhere else: the input method's wrong candidate for the syllables
        typed (整治站位 for 政治站位, 主题责任 for 主体责任, 主体教育 for 主题教育); a
        word the report writes again is the writer's own (技术支援 … 技术支援服务)."""
        words = self.dictionary.words
        term, start, end = miss.term, miss.start, miss.end
        for low in range(max(start - 3, 0), end):
            for size in (2, 3, 4):
                high = low + size
                if high <= start or high > len(text):
                    continue
                covered = range(low - start, high - start)  # window offsets of the word
                if change.kind == "drop":
                    # Only a word reaching out of the window: one inside it is made of
                    # the term's own characters, side by side because of the drop
                    # (文思 in 习近平生态文思想).
                    crosses = low < start or high > end
                    hit = crosses and any(i in covered for i in change.sides)
                    # A particle joined to the window's edge makes no word of the
                    # sentence (精神文明建|和: 建和 is a name).
                    outside = text[low] if low < start else text[high - 1]
                    if size == 2 and outside in "的之和与及并或":
                        hit = False
                elif change.kind == "swap":  # the term's own characters, reordered
                    crosses = low < start or high > end
                    hit = crosses and any(i in covered for i in change.chars)
                else:
                    hit = any(i in covered for i in change.chars)
                if hit:
                    word = text[low:high]
                    if word not in term and word in words:
                        inside = start <= low and high <= end
                        if change.kind not in ("substitute", "add") or not inside:
                            return True
                        if alike and len(term) >= 6:
                            continue
                        theirs = term[low - start : high - start]
                        if (
                            homophone
                            and len(term) >= 4
                            and theirs in words
                            and document.count(word) == 1
                        ):
                            continue
                        # The term's own characters there make no word (三会一课: 一课),
                        # so the window's word of the same sound (一棵) is the input
                        # method's candidate for the term's syllables, not another phrase.
                        if homophone and len(term) >= 4 and theirs not in words:
                            continue
                        # A word of its own in place of the term's word, the window all
                        # words (政治|警觉 beside 政治|自觉: 政治警觉性, vigilance), is
                        # another phrase, whatever word the term makes with the next
                        # character (自觉性); a slip of sound or shape was kept above.
                        # Not in a name of seven or more characters (新时代文明实践站):
                        # a name is fixed word for word, so a word in place of one of its
                        # words (新时代文化实践) is the name miswritten, not another phrase;
                        # a number in place of its number counts another one (第一个百年
                        # 奋斗目标 beside 第二个…).
                        if (
                            theirs in words
                            and len(term) >= 7
                            and not any(text[start + i] in _NUMERALS for i in change.chars)
                        ):
                            continue
                        if theirs in words and self._segments(text[start:end]):
                            return True
                        # A word inside the window explains it only when the window reads
                        # as words as well as the term does, with the characters beside
                        # it: 具体|责任 and 谁|分管|谁|负责, 中旬|组织 (not 中心组|织), but not
                        # 伟|答复|兴 for 伟大|复兴.
                        left, right = _beside(text, start, end)
                        if self._singles(left + text[start:end] + right) <= self._singles(
                            left + term + right
                        ):
                            return True
                        # Or when the window's other characters belong to words reaching
                        # out of it: 1月中旬|组织 is two words, not 中心组 misspelt.
                        if self._reads_out(text, start, end):
                            return True
        return False

    def _reads_out(self, text: str, start: int, end: int) -> bool:
        """Whether the window, widened by a character or two on either side, is cut into
        words of 2+ characters with no character left alone."""
        return any(
            self._segments(text[low:high])
            for low in range(max(start - 2, 0), start + 1)
            for high in range(end, min(end + 2, len(text)) + 1)
            if (low, high) != (start, end)
        )


# Matches of halves turned into rows at a time (each becomes a few rows of 7 numbers).
_SLICE = 1 << 16


def _forks(terms: Sequence[str]) -> frozenset[str]:
    """Stems of five or more characters that are no term but from which two or more terms
    go on with different characters (社会主义核心价值: 观, 体系): the genre never writes
    them bare, so one before other text is a term short of its last character."""
    known = frozenset(terms)
    nexts: dict[str, set[str]] = {}
    for term in terms:
        for cut in range(5, len(term)):
            nexts.setdefault(term[:cut], set()).add(term[cut])
    return frozenset(stem for stem, chars in nexts.items() if len(chars) > 1 and stem not in known)


def _rows(np: ModuleType, triples: Sequence[tuple[int, int, int]]) -> Any:
    """Triples of ints as an array of rows (fromiter is twice np.array's speed here)."""
    flat = itertools.chain.from_iterable(triples)
    return np.fromiter(flat, dtype=np.int64, count=3 * len(triples)).reshape(-1, 3)


@dataclass(frozen=True)
class _Change:
    """How a window differs from a term: one edit."""

    kind: str  # substitute, swap, add or drop
    chars: tuple[int, ...] = ()  # window offsets of substituted, swapped or added characters
    sides: tuple[int, ...] = ()  # for a drop: window offsets of the gap's neighbours


def _changed(window: str, term: str) -> _Change:
    if len(window) == len(term):
        diff = tuple(i for i, (a, b) in enumerate(zip(window, term, strict=True)) if a != b)
        swap = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and window[diff[0]] == term[diff[1]]
            and window[diff[1]] == term[diff[0]]
        )
        return _Change("swap" if swap else "substitute", diff)
    if len(window) == len(term) + 1:  # one character added
        at = next((i for i in range(len(term)) if window[i] != term[i]), len(term))
        return _Change("add", (at,))
    at = next((i for i in range(len(window)) if window[i] != term[i]), len(window))
    return _Change("drop", sides=tuple(i for i in (at - 1, at) if 0 <= i < len(window)))


def _replaced_head(window: str, term: str) -> str:
    """For a window that replaces one character of a term inside its opening and keeps
    the rest, the term's opening and the window's, up to the replaced character ("守土>守水"
    for 守水有责); "" for any other edit, or one at the term's last character."""
    if len(window) != len(term):
        return ""
    diff = [i for i, (a, b) in enumerate(zip(window, term, strict=True)) if a != b]
    if len(diff) != 1 or diff[0] == len(term) - 1:
        return ""
    return f"{term[: diff[0] + 1]}>{window[: diff[0] + 1]}"


def _cut(text: str, miss: Miss, before: str, after: str) -> bool:
    """Whether a window at the start or end of a text is its term cut by a line break."""
    window, term = text[miss.start : miss.end], miss.term
    if miss.end == len(text.rstrip()) and term.startswith(window) and len(term) > len(window):
        return after.lstrip().startswith(term[len(window) :])
    if (
        miss.start == len(text) - len(text.lstrip())
        and term.endswith(window)
        and len(term) > len(window)
    ):
        return before.rstrip().endswith(term[: len(term) - len(window)])
    return False


def _truncated(text: str, miss: Miss, head: bool = False) -> bool:
    """Whether a window short of its term's end ends the text, or short of its start
    begins it (`head`): in the last or first text of a document, a cut copy or preview
    (意识形 at the very end), never a slip. (Index arithmetic, no slice of the text: a
    one-line report of megabytes has tens of thousands of misses.)"""
    window, term = text[miss.start : miss.end], miss.term
    if head:
        starts = miss.start == len(text) - len(text.lstrip())
        return starts and term.endswith(window) and window != term
    return miss.end >= len(text.rstrip()) and term.startswith(window) and window != term


# Localizers (方位词) that close a noun phrase (环境中, 会议上, 党内): after a word they are
# its place, not a term's second character left when its first was dropped.
_LOCALIZERS = frozenset("中上下里内外间")
# The preposition that opens the frame a localizer closes (在…中, 于…上), in the same clause.
_PLACE_FRAME = re.compile(r"[在于从][^，。；！？、,;!?\n]*$")


def _split_by_space(text: str, miss: Miss, window: str, term: str) -> bool:
    """Whether a window short of the term's first or last character has it across a space
    (a PDF's line break turned space): 意识形态工 作, 意 识形态工作."""
    if window == term[:-1]:
        return text[miss.end : miss.end + 1].isspace() and text[miss.end :].lstrip().startswith(
            term[-1]
        )
    if window == term[1:]:
        return text[miss.start - 1 : miss.start].isspace() and text[: miss.start].rstrip().endswith(
            term[0]
        )
    return False


def _split_by_mark(text: str, miss: Miss, window: str, term: str) -> bool:
    """Whether a window short of the term's first or last character has it across a stray
    mark (意、识形态, 意识形态工，作): the term is whole; the mark is the slip."""
    if window == term[1:]:
        mark = text[miss.start - 1 : miss.start]
        return mark in _STRAY_MARKS and text[max(miss.start - 2, 0) : miss.start] == term[0] + mark
    if window == term[:-1]:
        return (
            text[miss.end : miss.end + 1] in _STRAY_MARKS
            and text[miss.end + 1 : miss.end + 2] == term[-1]
        )
    return False


def _coordinated(text: str, miss: Miss, term: str, at: int) -> bool:
    """Whether a window with one character replaced (at `at`) follows the term's own word
    it replaces a character of, written out: 述职|述廉报告 is 述职报告 and 述廉报告 with
    one 报告 for both, not 述职报告 misspelt; so with more words of the same shape between
    (述职述廉述学报告: 述职, 述廉, 述学 sharing one 报告), or with words of that shape only
    (述责述廉报告: a series of 述 words sharing the term's tail is the writer's pattern,
    whichever of them the term itself holds)."""
    head = term[: at + 1]
    if len(head) < 2:
        return False
    end = miss.start
    series = 0
    while end >= len(head):
        word = text[end - len(head) : end]
        if word == head:
            return True
        if word[:at] != head[:at] or not _CJK.match(word[at:]):
            break
        series += 1
        end -= len(head)
    return series > 0


def _beside(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to two Chinese characters on each side of a window (the words it touches)."""
    left = text[max(start - 2, 0) : start]
    right = text[end : end + 2]
    while left and not _CJK.match(left[0]):
        left = left[1:]
    while right and not _CJK.match(right[-1]):
        right = right[:-1]
    return (left if _CJK.match(left) else ""), (right if _CJK.match(right) else "")


def _kept(window: str, term: str) -> int:
    """How many of the term's characters the window keeps in order."""
    from rapidfuzz.distance import OSA

    return len(term) - OSA.distance(window, term) + max(len(window) - len(term), 0)


def _same_sound(sounds: Sounds, window: str, term: str, changed: _Change) -> bool:
    """A same-length window whose changed characters sound like the term's."""
    if not changed.chars:
        return False
    return all(sounds.code(window[i]) == sounds.code(term[i]) != term[i] for i in changed.chars)


def _swap_middle(term: str) -> str:
    half = len(term) // 2
    return term[: half - 1] + term[half] + term[half - 1] + term[half + 1 :]
