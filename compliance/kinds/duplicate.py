"""duplicate: a passage of `min_chars`+ characters written twice in one report.

A web-page teaser (the title and opening again, cut off with … or ...; or the opening
printed over the headline) is reported at the teaser; any other repeat at its second
occurrence. Not a defect: the standard formulas a report repeats on purpose (`formulas`:
坚持以习近平新时代中国特色社会主义思想为指导), a regulation's articles restating their
subject (第三条 …), and the title said once more in the opening
("现将示范局2024年上半年意识形态工作总结如下"). A line of eight or more Chinese
characters said again within six lines (the title printed twice)
is a repeat too (not a unit's name, an issuer said again as the signature), also where
the first copy ends a web page's preface split off as front matter, and so is
such a line again at the head of a paragraph, a space before the body; a repeat under
24 characters with no sentence end in it is a name said again (a meeting's, a list of
offices), not a passage; nor is a phrase said twice, apart, inside one sentence (the
object of two verbs), or inside two sentences, words before it each time (the opening's
object named again by a later sentence).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any

from compliance.kinds.base import UNIT_END, Context, Kind, Rule, cut_off
from compliance.lazyre import lazy
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.model.outline import undecorated
from compliance.schema import ListOf, Number, Option, Text

# Names in quotes or title marks (an event, a book) recur legitimately; so does space, and
# so does a standard formula naming the General Secretary's thought on a field
# (习近平总书记关于做好新时代党的统一战线工作的重要思想), whatever the field.
_NOT_PASSAGE = re.compile(
    r"“[^”\n]*”|《[^》\n]*》|\s+"
    r"|(?:习近平)?总书记关于[^，。；：、\n]{2,30}?的重要(?:思想|论述|讲话精神|讲话|指示精神|指示)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SHORTEST_LINE = 8  # Chinese characters: a title, not a site's button
_NEARBY = 6
_TITLE_LENGTH = 80  # a title line said again at a paragraph's head is no longer
# A repeat this short without a sentence end is a name (a meeting's, a list of offices).
_NAME_LENGTH = 24
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CLAUSE = re.compile(r"[，、：,:]")
_SENTENCE_REACH = 300  # characters back to look for a passage's first place in its sentence
_TITLE_END = lazy(r"(?:总结|报告|汇报|方案|计划|要点|材料|细则|思路|体会|提纲)$")
_LABELLED = lazy(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])"
)
# A unit's name alone on its line (示范市示范区人民政府, 中共示范县委员会): an issuer.
_UNIT = lazy(r"[\u4e00-\u9fff（）()]{2,30}" + UNIT_END)
_ARTICLE = lazy(r"^[\s\u3000]*第[一二三四五六七八九十百零〇\d]+条")


def _opens_with(text: str, recent: Sequence[str]) -> str | None:
    """A recent line (of a title's length, unpunctuated) that opens `text`, then a space."""
    for line in recent:
        if (  # the cheap tests first: a paragraph seldom opens with a recent line
            text.startswith(line)
            and text[len(line) : len(line) + 1] in (" ", "\u3000", "\t")
            and len(line) <= _TITLE_LENGTH
            and "，" not in line
            and len(_CJK.findall(line)) >= _SHORTEST_LINE
            and not _SENTENCE_END.search(line)
            and not _LABELLED().match(line)
        ):
            return line
    return None


def _within_one_sentence(text: str, passage: str, span: Span) -> bool:
    """Whether `passage`, again at `span`, stands twice in one sentence apart, with no
    sentence end in it: the object of two verbs (传达… / 学习贯彻… the same documents),
    not a sentence pasted twice."""
    if _SENTENCE_END.search(passage) or _TITLE_END().search(passage.strip()):
        return False  # a sentence, or a title printed again in a flattened copy
    first = text.find(passage, max(0, span.start - _SENTENCE_REACH), span.start)
    if first < 0 or first + len(passage) >= span.start:
        return False  # not found near, or right after itself (a paste)
    return _SENTENCE_END.search(text, first + len(passage), span.start) is None


def _restated_phrase(source_text: str, text: str, passage: str, span: Span) -> bool:
    """Whether `passage`, one phrase (no sentence end, no clause mark), stands inside a
    sentence at both places, words of the sentence before it each time: a phrase the text
    names again in a later sentence (认真学习贯彻… the documents the opening named), not a
    pasted sentence or paragraph, whose repeat starts where a sentence or the paragraph
    starts, or holds its clauses."""
    if (
        len(passage) > _TITLE_LENGTH
        or _SENTENCE_END.search(passage)
        or _CLAUSE.search(passage.rstrip("，、：,:"))
    ):
        return False  # clauses, not a phrase: an opening pasted again (…为指导，…报告如下：)
    if _TITLE_END().search(passage.strip()):
        return False  # a title printed again in a flattened copy
    first = source_text.find(passage)
    return _inside_sentence(source_text, first) and _inside_sentence(text, span.start)


def _inside_sentence(text: str, start: int) -> bool:
    return start > 0 and _CJK.match(text, start - 1) is not None


def _blank_out(text: str) -> str:
    """The text with quoted names and whitespace replaced by NUL, which no shingle holds."""
    return _NOT_PASSAGE.sub(lambda m: "\0" * len(m.group()), text)


@functools.cache
def _formulas(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))


# Below this many characters of report text in the process, every window is looked up in
# Python; beyond it numpy is imported (about 0.09 s, once) and hashes all windows at C
# speed, and only the windows whose hash occurs twice are looked up. A one-file run stays
# below it; an archive pays the import within its first reports.
NUMPY_AFTER = 100_000
_BASE = 1_000_003  # of the polynomial window hash (mod 2**64)
_characters_seen = 0


def _all_offsets(texts: Sequence[str], size: int) -> list[Iterable[int]]:
    return [range(len(text) - size + 1) for text in texts]


def _offsets_seen_twice(texts: Sequence[str], size: int) -> list[Iterable[int]]:
    """Per text, the offsets of the windows whose hash occurs more than once in `texts`.

    A window that occurs once can be no part of a repeat, nor the first occurrence of
    one, so leaving it out changes nothing; a hash collision only adds a window that the
    exact lookup then finds unrepeated. Windows holding a NUL (blanked out) are left out.
    """
    import numpy as np

    joined = "\0".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    count = len(codes) - size + 1
    if count <= 0:
        return [() for _ in texts]
    hashes = _window_hashes(np, codes.astype(np.uint64), size)
    nuls = np.concatenate(([0], np.cumsum(codes == 0)))
    clean = np.flatnonzero(nuls[size : size + count] == nuls[:count])
    # The windows whose hash a neighbour in sorted order shares, back in text order.
    order = np.argsort(hashes[clean])
    ranked = hashes[clean][order]
    same = ranked[1:] == ranked[:-1]
    repeated = np.zeros(len(ranked), dtype=bool)
    repeated[1:] |= same
    repeated[:-1] |= same
    twice: list[int] = np.sort(clean[order[repeated]]).tolist()
    offsets: list[Iterable[int]] = []
    start = 0
    for text in texts:  # cut the joined offsets (sorted) at each text's start
        low = bisect.bisect_left(twice, start)
        high = bisect.bisect_left(twice, start + len(text))
        offsets.append([o - start for o in twice[low:high]])
        start += len(text) + 1
    return offsets


def _window_hashes(np: ModuleType, codes: Any, size: int) -> Any:
    """The polynomial hash (mod 2**64) of every window of `size` codes, in a few passes:
    windows of 2k from those of k, then the lengths of `size`'s binary digits joined,
    instead of one pass per character of the window."""
    levels = {1: codes}  # length → hashes of every window of that length
    length = 1
    while length * 2 <= size:  # wraps modulo 2**64, silently for arrays
        shorter = levels[length]
        levels[length * 2] = shorter[:-length] * np.uint64(_BASE**length % 2**64) + shorter[length:]
        length *= 2
    done, hashes = 0, None
    count = len(codes) - size + 1
    for length in sorted(levels, reverse=True):
        if done + length > size:
            continue
        part = levels[length][done : done + count]
        if hashes is None:
            hashes = part[:count]
        else:
            hashes = hashes * np.uint64(_BASE**length % 2**64) + part
        done += length
    return hashes


def _repeats(ctx: Context, size: int) -> list[tuple[int, Span, int]]:
    """(block, span, block of the first occurrence) for every repeated passage."""
    global _characters_seen
    indices = list(ctx.blocks())
    texts = [_blank_out(ctx.document.blocks[i].text) for i in indices]
    _characters_seen += sum(map(len, texts))
    wanted = _all_offsets
    if _characters_seen > NUMPY_AFTER:
        try:
            import numpy  # noqa: F401
        except ImportError:
            # numpy's core cannot be loaded twice in one process (a host that dropped it
            # from sys.modules, as pytester does): the lookup of every window finds the
            # same repeats.
            pass
        else:
            wanted = _offsets_seen_twice
    return _exact_repeats(indices, texts, wanted(texts, size), size)


def _exact_repeats(
    indices: Sequence[int], texts: Sequence[str], offsets: Sequence[Iterable[int]], size: int
) -> list[tuple[int, Span, int]]:
    """The repeats among the windows at `offsets` (every window that may repeat)."""
    # Plain ints as values, not (block, offset) tuples: millions of short-lived tuples on
    # a big file kept the garbage collector busy enough to make the time superlinear.
    seen: dict[str, int] = {}  # shingle → the earlier block it first occurs in
    found: list[tuple[int, Span, int]] = []
    for index, text, starts in zip(indices, texts, offsets, strict=True):
        here: dict[str, int] = {}  # shingle new in this block → its first offset
        run: tuple[int, int, int] | None = None  # (start, end, source block)
        for offset in starts:
            shingle = text[offset : offset + size]
            if "\0" in shingle:
                continue
            source = seen.get(shingle)
            if source is None:
                first = here.setdefault(shingle, offset)
                if offset - first < size:  # new, or overlapping its own first occurrence
                    continue
                source = index
            if run is not None and offset <= run[1]:
                run = (run[0], offset + size, run[2])
            else:
                if run is not None:
                    found.append((index, Span(run[0], run[1]), run[2]))
                run = (offset, offset + size, source)
        if run is not None:
            found.append((index, Span(run[0], run[1]), run[2]))
        seen.update(dict.fromkeys(here, index))
    return found


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    size: int = rule.options.get("min_chars", 20)
    formulas = _formulas(tuple(rule.options.get("formulas", ())))
    teasers_reported: set[int] = set()
    blocks = ctx.document.blocks
    title_repeated = False
    reported: set[int] = set()
    # A line said again within a few lines (a site prints the title twice, perhaps with
    # its download button between) is a repeat however short.
    recent: list[str] = []
    bare: list[str] = []  # the recent lines without a site's decoration (第一篇：…, .docx)
    # A web page's preface split off as front matter may hold the first copy of the title
    # (…汇编（全文完整）, a preface, the title again): its last lines count as recent.
    reports = ctx.outline.reports
    if ctx.number == 2 and reports[0].front_matter:
        before = [
            blocks[i].text.strip()
            for i in range(reports[0].start, reports[0].end)
            if blocks[i].kind == "paragraph"
        ][-_NEARBY:]
        recent, bare = before, [undecorated(line) for line in before]
    for index in ctx.blocks():
        text = blocks[index].text.strip()
        if (
            (text in recent or text in bare)
            and len(_CJK.findall(text)) >= _SHORTEST_LINE
            and not _LABELLED().match(text)  # a table of contents' heading, then the heading
            and not _UNIT().fullmatch(text)  # an issuer over a notice, again as its signature
        ):
            start = blocks[index].text.find(text)
            reported.add(index)
            yield ctx.finding_at(rule, index, Span(start, start + len(text)))
        elif (line := _opens_with(text, recent)) is not None:
            # The title line again at the head of the body, a space before its first
            # sentence: a page that prints the title over the document's own.
            start = blocks[index].text.find(line)
            reported.add(index)
            yield ctx.finding_at(rule, index, Span(start, start + len(line)))
        recent = [*recent[-(_NEARBY - 1) :], text]
        bare = [*bare[-(_NEARBY - 1) :], undecorated(text)]
    for index, span, source in _repeats(ctx, size):
        if index in reported:
            continue
        source_text = blocks[source].text
        passage = blocks[index].text[span.start : span.end]
        # Over the headline and said again under it: the page's teaser (its summary, cut
        # anywhere), the residue to delete, not the text's own sentence.
        title = ctx.report.title
        teaser = cut_off(source_text) or (title is not None and source < title < index)
        if not teaser and formulas is not None and len(formulas.sub("", passage)) < size:
            continue  # mostly a standard formula said again
        if _ARTICLE().match(blocks[index].text) and _ARTICLE().match(source_text):
            continue  # a regulation's articles restate their subject
        if not teaser and len(passage) < _NAME_LENGTH and not _SENTENCE_END.search(passage):
            continue  # a long name or a list of names said again, not a passage
        if source == index and _within_one_sentence(blocks[index].text, passage, span):
            continue  # one sentence naming the same thing twice: 传达…部署，并学习贯彻…部署
        if (
            source != index
            and not teaser
            and _restated_phrase(source_text, blocks[index].text, passage, span)
        ):
            continue  # a later sentence naming again what an earlier one named
        if index == ctx.report.title and source < index and not teaser:
            continue  # the headline said first in the page's breadcrumb: the crumb is residue
        if source == ctx.report.title and not title_repeated and not teaser:
            title_repeated = True  # the opening names the report once more
            continue
        if teaser:
            if source not in teasers_reported:
                teasers_reported.add(source)
                stripped = source_text.strip()
                start = source_text.find(stripped)
                yield ctx.finding_at(rule, source, Span(start, start + len(stripped)))
            continue
        yield ctx.finding_at(rule, index, span)


KIND = Kind(
    name="duplicate",
    check=check,
    summary="a passage of `min_chars` characters written twice (reported at the second place),"
    " or a web teaser (reported at the teaser); quoted names, 《titles》, standard `formulas`"
    " and a regulation's articles do not count",
    options=(
        Option(
            "min_chars",
            Number(integer=True, minimum=2),
            "the shortest passage that counts as repeated",
            default=20,
        ),
        Option(
            "formulas",
            ListOf(Text(nonempty=True)),
            "standard phrases that may recur; a passage mostly made of them is not reported",
            default=[],
        ),
    ),
)
