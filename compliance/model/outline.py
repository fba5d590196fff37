"""The outline of a document: its reports, headings, sections and section roles.

Chinese official reports number their headings 一、 → （一） → 1. → （1） (GB/T 9704), write
paragraph-internal enumerations as 一是…二是…, and are often pasted several to a file.
Recognition is deliberately conservative: a wrong heading or a wrong report boundary
costs more (misplaced findings, hidden elements) than a missed one.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from compliance.lazyre import lazy
from compliance.model.document import Block, Document
from compliance.model.numerals import NUMERALS as _CN
from compliance.model.numerals import parse_chinese as parse_cn_number
from compliance.model.pinyin import TONED

HeadingFamily = Literal["part", "unnumbered", "cn", "cn-paren", "arabic", "decimal", "arabic-paren"]
# GB/T 9704 order: decides whether a family not yet open nests below or closes the open ones.
# A speech or a long report may group its 一、 under parts (第一部分, 第一个方面): above them.
# 1.1 / 1.2 (a report numbered in the decimal way: 1. → 1.1) nests under 1.
# A part named without a number on a line of its own (存在的问题和不足) holds the 一、 under it.
RANK: dict[HeadingFamily, int] = {
    "part": 0,
    "unnumbered": 1,
    "cn": 2,
    "cn-paren": 3,
    "arabic": 4,
    "decimal": 5,
    "arabic-paren": 6,
}
# The family written with the same brackets in the other numerals.
_TWIN: dict[HeadingFamily, HeadingFamily] = {
    "part": "part",
    "cn": "arabic",
    "arabic": "cn",
    "cn-paren": "arabic-paren",
    "arabic-paren": "cn-paren",
    "decimal": "decimal",
    "unnumbered": "unnumbered",
}
# Digits with a dot and digits in brackets: 1. 2. … 5. （6） is one sequence, the last in
# another style (ST202), not a new level starting at 6 (ST201); so is （一）（二）3.
_DIGIT_TWIN: dict[HeadingFamily, tuple[HeadingFamily, ...]] = {
    "arabic": ("arabic-paren", "cn-paren"),
    "arabic-paren": ("arabic",),
}
PLAN_ROLE = "plan"  # a second 一、 after this role's section begins a new report
DRAFTED_ROLE = "drafted"  # a plan drafted (制定, 提出了): see _section_roles
MAX_TITLE = 60
MAX_STANDALONE_HEADING = 40
TITLE_SEARCH = 8  # blocks at a report's start where its title may stand
MIN_OUTLINE = 4  # headings alone in a row that open a file: an outline, not the report
MIN_HEADLINE = 10  # Chinese characters of a first line taken as a title without a report word
HEADLINE_FIELDS = 8  # short lines (a byline, a site's fields) between a headline and its text
SECTION_WINDOW = 5000  # characters searched for the second heading of a flattened level
_CLAUSE_END = lazy(r"[，,；;]")
# The first and second numbers of a level as labels write them, financial numerals too
# (壹、 贰、, （壹）): what tells a glued label that opens a level from a list item.
_ONE = "[一壹]"
_TWO = "[二贰貳]"


# Leading whitespace and copy-paste residue: a quote marker ">", markdown "#", "*" bullets,
# a BOM or zero-width space. `\s` already covers U+3000 and NBSP.
_RESIDUE = re.compile(r"[\s>＞#*\ufeff\u200b]*")
# What follows a date that is an item's time limit: 3月前, 10月底前, 年内, 6月15日前.
_DEADLINE = r"(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:[上中下]旬|底|末|初)?(?:前|以前|之前|内|起)[，,、]"
# After a decimal label: a title, not a figure's unit or a third part (1.1.2, 1.5%).
_DECIMAL_AFTER = (
    r"(?![\d.．%])(?=[ \u3000]*[\u4e00-\u9fff])"
    # a continuous quantity's unit (counts of people or items are whole numbers; 年度,
    # 月度, 日常 open titles: 1.1 年度目标完成情况)
    r"(?![ \u3000]*(?:[万亿倍岁米吨亩秒斤余多%‰]|年(?!度)|月(?!度)|日(?!常)|元(?!旦)"
    r"|小时|公里|平方|公斤|千[米克瓦]))"
)
_LABELS: tuple[tuple[HeadingFamily, re.Pattern[str]], ...] = (
    # "一、一岗双责…" is a heading, "一、二季度…" and "一、二、三等奖" are prose.
    ("cn", re.compile(rf"([{_CN}]{{1,3}})(?:、(?![{_CN}]+[、季])|[.．](?![{_CN}\d]))")),
    ("part", re.compile(rf"第([{_CN}]{{1,3}})(?:(?:部分|章)[、，,\s]?|个?方面(?:[、：:\s]|$))")),
    # A PDF copy may space the numeral out: "( 二 )". A label that lost its opening bracket
    # ("二）") or carries a 、 after it ("（一）、") is still the level's heading; ST202
    # reports its form.
    ("cn-paren", re.compile(rf"(?:[（(] ?([{_CN}]{{1,3}}) ?[）)]|([{_CN}]{{1,3}})[）)])、?")),
    # A label, not a decimal ("1.5万元") nor a year ("2024年"); a label glued to the year
    # its heading opens with ("1.2023年工作总结", an outline's item) is one when nothing
    # but that title follows: a site's chunk number before a glued title and its news
    # ("1、2024年…简报县委召开…，…") is not.
    # A plan's item may open with its deadline ("1.2026年3月前，…", "2.10月底前，…"):
    # a year, month or day that ends in 前, 底, 内 or 起 is a time limit, not a decimal.
    # After 、 only with a year: "3、4月底前" is two months.
    (
        "arabic",
        re.compile(
            r"(\d{1,2})(?:[、.．](?:(?!\d)|(?=(?:19|20)\d{2}年[^。！？；;!?，,\n]*$)"
            r"|(?=(?:19|20)\d{2}年" + _DEADLINE + r"))|[.．](?=\d{1,2}[月日号]" + _DEADLINE + r"))"
        ),
    ),
    ("arabic-paren", re.compile(r"[（(](\d{1,2})[）)]、?")),
    # 1.1 提升… (the number is the second part), not a decimal figure (1.5万元, 2.3倍).
    ("decimal", re.compile(rf"\d{{1,2}}[.．](\d{{1,2}}){_DECIMAL_AFTER}")),
)
# 一是 / 第一， at the start or after a break. "At the start or after one of these" is
# looked at after the first character ("not after anything else"), so that each
# alternative opens with a character class re skips ahead by.
_ENUMERATION_AFTER = r"\s。；;！？!?：:，,、>＞"
_ENUMERATION = re.compile(
    rf"(?:([{_CN}](?<![^{_ENUMERATION_AFTER}][{_CN}])[{_CN}]{{0,2}})是"
    rf"|第(?<![^{_ENUMERATION_AFTER}]第)([{_CN}]{{1,3}})(?=[，,、]))"
)
_TITLE_END = re.compile(r"[。！？!?：:]")
_INTERIOR_STOP = re.compile(r"[。！？；;!?]")
_BODY_STOP = re.compile(r"[。！？；;!?，,]")
_NOT_TITLE = re.compile(r"[。！？；;!?，,：:]")
# A report title ends with its kind of document, perhaps followed by a remark: "（草稿）".
# Splitting a file into reports trusts only the first group; a lone title may end in any.
_REPORT_WORD = re.compile(
    # …工作总结及工作打算: a review with its plan, titled by the plan's word.
    # A year's work plan may be titled 安排 (2024年工作安排, …总结2024安排), after 工作 or a year.
    r"(总结[及和与暨][\u4e00-\u9fff\d]{0,10}打算|总结|报告|汇报|述职|工作要点|情况|方案|计划|细则|制度|要点|材料|思路|发言|讲话|讲稿|党课|通知|提纲|简报|致辞"
    r"|(?<=工作|\d年|\d\d)安排)"
    r"(?:[（(][^（()）]*[）)])?$"
)
_SPLITTING_WORDS = frozenset({"总结", "报告", "汇报", "述职", "工作要点", "情况"})
_N = r"[0-9０-９一二三四五六七八九十]{1,3}"
# What a template site adds to a title: 篇2, 第二篇, 范文二, (五篇), (全文完整), 全文3000字,
# .docx. A line holding such a marker starts another report of the site's collection.
_MARKER = re.compile(rf"篇\s*{_N}|第\s*{_N}\s*篇|范文\s*{_N}")
_DECORATION = re.compile(
    rf"[【\[]?(?:篇\s*{_N}|第\s*{_N}\s*篇|范文\s*{_N})[】\]]?[：:、.．\s]*"
    rf"|[（(](?:{_N}篇|全文完整|精选|通用|范文)[）)]|{_N}篇(?=$|\.|[（(])|全文共?\s*\d+\s*字"
    r"|\.docx?$|范文(?:精选|大全|稿)?$|(?:精选|通用|优秀)范文"
    r"|^标题[：:]\s*|\s*[\[【]打印本页[\]】]$"  # a forum's title field
    r"|\s*[\[【（(]?本文共\d+字[\]】）)]?$|(?<=[\u4e00-\u9fff])\s*20\d{2}年?$"  # 总结2020
    r"|^(?:VIP|vip)[ \t]*(?=[\u4e00-\u9fff])"  # a paid document's badge
    r"|^\[[\u4e00-\u9fff]{2,8}\][ \t]*"  # a forum's category: [计划总结] …
)
_YEAR = lazy(r"\d{4}年|[〇零一二三四五六七八九]{4}年|年度|半年")
_CLOSING = ("特此", "以上", "现将")


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else parse_cn_number(raw)


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading of a report."""

    block: int  # index into Document.blocks
    family: HeadingFamily
    label: str  # exactly as written or as Word numbering draws it
    number: int
    level: int  # 1-based depth in its report, from nesting as it appears
    title: str
    column: int  # 1-based column of the label's first character
    inline: bool  # body text follows the title in the same block
    embedded: bool = False  # glued mid-paragraph (ST206): the block starts in the previous section


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks it governs."""

    heading: Heading
    start: int  # the heading's block
    end: int  # exclusive; the next heading of the same or a higher level, or the report's end
    roles: frozenset[str]  # recognised in this heading's title, not inherited
    parent: int | None  # index into Report.sections


@dataclass(frozen=True, slots=True)
class EmbeddedHeading:
    """A heading's label inside a paragraph's text."""

    block: int
    offset: int  # index in Block.text where the label starts
    label: str
    family: HeadingFamily
    number: int


@dataclass(frozen=True, slots=True)
class Enumeration:
    """An enumeration marker in a paragraph (一是, 第二 …)."""

    block: int
    offset: int
    marker: str  # "一是", "第二"
    number: int


@dataclass(frozen=True)
class Report:
    """One report of a document: its blocks, title and sections."""

    start: int  # block range [start, end) within the document
    end: int
    title: int | None
    sections: tuple[Section, ...]
    embedded: tuple[EmbeddedHeading, ...]
    enumerations: tuple[Enumeration, ...]
    # Characters of the title block that are the title, when the body runs on after it in
    # the same block (a flattened copy: "…工作总结2024年上半年，我局…"); None: all of it.
    title_end: int | None = None
    # A web page's preface or a table of contents before the first report, a cover notice,
    # or an attachment the report announced: not a report, so no element, title or
    # section is required of it.
    front_matter: bool = False

    def title_text(self, blocks: Sequence[Block]) -> str:
        if self.title is None:
            return ""
        return blocks[self.title].text[: self.title_end].strip()

    def section_path(self, block: int) -> tuple[Section, ...]:
        """The sections holding `block`, outermost first; () before the first heading."""
        if not self.start <= block < self.end:
            return ()
        return tuple(self.sections[i] for i in self._paths[block - self.start])

    def path_text(self, block: int) -> str:
        return " / ".join(
            s.heading.label + s.heading.title.rstrip("。：:") for s in self.section_path(block)
        )

    def roles_at(self, block: int) -> frozenset[str]:
        if not self.start <= block < self.end:
            return frozenset()
        return self._roles[block - self.start]

    @cached_property
    def _roles(self) -> tuple[frozenset[str], ...]:
        # Asked for every block by every rule: computed once per report.
        of_path: dict[tuple[int, ...], frozenset[str]] = {}  # a few distinct paths
        for path in self._paths:
            if path not in of_path:
                of_path[path] = roles_set(r for i in path for r in self.sections[i].roles)
        return tuple(of_path[path] for path in self._paths)

    def sections_with_role(self, role: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if role in s.roles)

    def forget(self) -> None:
        """Drop what is cached per block (computed again if asked): the engine calls it
        once the rules are done with the report, so an archive holds one report's."""
        self.__dict__.pop("_paths", None)
        self.__dict__.pop("_roles", None)

    @cached_property
    def _paths(self) -> tuple[tuple[int, ...], ...]:
        return _paths(self.sections, self.start, self.end)


@dataclass(frozen=True)
class Outline:
    """The reports a document holds and their structure."""

    reports: tuple[Report, ...]
    # Block → span of a PDF's page number or a site's chunk number opening it, as the
    # caller found them (compliance.match.pagenumbers); None: not looked for.
    page_numbers: Mapping[int, tuple[int, int]] | None = None
    # The block of a site's related-links heading under the text (相关推荐, 小编精心推荐):
    # the lines after it are the titles of the site's other pages, not the report's.
    links: int | None = None


def _paths(sections: Sequence[Section], start: int, end: int) -> tuple[tuple[int, ...], ...]:
    """_path of every block of [start, end), in one sweep over the sections' ranges
    instead of every section for every block."""
    # A block shared by two sections (an embedded heading) starts in the earlier one.
    innermost: list[int | None] = [None] * (end - start)
    for k, section in enumerate(sections):
        level, heading = section.heading.level, section.heading
        for block in range(max(section.start, start), min(section.end, end)):
            if heading.embedded and heading.block == block:
                continue
            # The deepest section holding the block; the later one at equal depth.
            held = innermost[block - start]
            if held is None or level >= sections[held].heading.level:
                innermost[block - start] = k
    chains: dict[int | None, tuple[int, ...]] = {None: ()}
    for held in innermost:
        if held not in chains:
            chain: list[int] = []
            at = held
            while at is not None:
                chain.append(at)
                at = sections[at].parent
            chains[held] = tuple(reversed(chain))
    return tuple(chains[held] for held in innermost)


# -- recognising one block -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Label:
    """A heading label read from a block."""

    family: HeadingFamily
    label: str
    number: int
    offset: int  # where the label starts in Block.text; -1 when the text does not hold it
    title: str
    inline: bool


def _sole_cell(text: str) -> str:
    """A flattened table's row whose one filled cell is all it says (a portal's title row
    under its metadata rows: `2025年…工作要点 | ||`, `| 标题 |`): that cell."""
    if "|" not in text and "｜" not in text:
        return text
    cells = [c for c in _CELL_BAR().split(text) if c.strip()]
    return cells[0].strip() if len(cells) == 1 else text


_CELL_BAR = lazy(r"[|｜]")


def _strip_residue(text: str) -> tuple[str, int]:
    skipped = _RESIDUE.match(text)
    offset = skipped.end() if skipped else 0
    return text[offset:], offset


def _label(block: Block) -> _Label | None:
    """The heading label a block starts with, if any."""
    if block.kind != "paragraph":
        return None
    body, offset = _strip_residue(block.text)
    if block.label:
        # Drawn by Word automatic numbering (readers put it at the start of the text): the
        # heading's label even with no title after it.
        found = _match_label(block.label.strip(), bare=True)
        drawn = block.text.startswith(block.label)
        rest = _strip_residue(block.text[len(block.label) :])[0] if drawn else body
        return None if found is None else _with_title(found[:3], 0 if drawn else -1, rest)
    found = _match_label(body)
    return None if found is None else _with_title(found[:3], offset, body[found[3] :])


def typed_label(text: str) -> str | None:
    """The heading label `text` starts with ("一、", "（二）"), if any."""
    found = _match_label(_strip_residue(text)[0], bare=True)
    return found[1] if found else None


_NO_TITLE_START = ("，", "。", "；", "、", ",", ";")


def _match_label(text: str, bare: bool = False) -> tuple[HeadingFamily, str, int, int] | None:
    """(family, label, number, label length) of the label at the start of `text`."""
    for family, pattern in _LABELS:
        m = pattern.match(text)
        if m is None:
            continue
        number = _number(next(g for g in m.groups() if g))
        rest = text[m.end() :].strip()
        # A label with nothing after it is no heading (unless Word numbering supplies it),
        # nor is one a comma or a full stop follows: a document site's chunk number cut
        # into a sentence (3、，重点对…).
        if number is None or not (bare or rest) or rest.startswith(_NO_TITLE_START):
            return None
        # Interned: an archive has tens of thousands of headings with a few labels.
        return family, sys.intern(m.group(0).strip()), number, m.end()
    return None


def _with_title(found: tuple[HeadingFamily, str, int], offset: int, rest: str) -> _Label:
    family, label, number = found
    rest = rest.strip()
    if len(rest) <= MAX_STANDALONE_HEADING and not _INTERIOR_STOP.search(rest.rstrip("。")):
        return _Label(family, label, number, offset, rest.rstrip("*# \u3000"), False)
    end = _TITLE_END.search(rest)
    if end is None or end.end() > MAX_STANDALONE_HEADING:
        # A numbered paragraph with no early sentence end: its lead-in clause names it
        # ("2、加强舆论宣传引导，不断增强……"), not the whole paragraph.
        clause = _CLAUSE_END().search(rest, 0, MAX_STANDALONE_HEADING)
        title = rest[: clause.start()] if clause else rest[:MAX_STANDALONE_HEADING]
    else:
        title = rest[: end.end()]
    return _Label(family, label, number, offset, title, len(title) < len(rest))


# Every alternative of _DECORATION holds one of these strings, or ends the text with a
# year: a line without any (nearly every paragraph) has nothing to remove but its spaces.
_DECORATION_HINT = re.compile(r"篇|范文|全文|精选|通用|\.doc|标题|打印本页|本文共|VIP|vip|\[")
_YEAR_AT_END = re.compile(r"20\d{2}年?$")


def undecorated(text: str) -> str:
    """A title without what a template site added to it (篇2, （五篇）, .docx …)."""
    stripped = text.strip()
    if not _DECORATION_HINT.search(stripped) and not _YEAR_AT_END.search(
        stripped, max(0, len(stripped) - 6)
    ):
        return stripped  # what the loop below gives when no decoration is there
    while True:  # 范文（三篇）: each removal can bare another decoration at the end
        stripped = _DECORATION.sub("", text).strip()
        if stripped == text:
            return text
        text = stripped


_ADDRESSEE = re.compile(r"[ \u3000]+[^\s，,。：:]{2,20}[：:]$")


def _is_title(block: Block, label: _Label | None, strict: bool = False) -> bool:
    """A report title: short, unpunctuated, ending with a report word.

    `strict` is for splitting a file into reports, where "…情况" alone may be an unnumbered
    sub-heading: it then needs a year or half-year ("2024年", "上半年") to count, and a
    plan or a scheme ("2025年工作计划") may be a part of the report, not another one.
    """
    if block.kind != "paragraph" or label is not None:
        return False
    raw = _sole_cell(_strip_residue(block.text)[0].strip())
    if len(raw) > MAX_TITLE + 20:
        return False  # a paragraph: not worth undecorating
    if not strict:
        # The addressee run onto the title's line: "…情况汇报 中共示范市委："
        raw = _ADDRESSEE.sub("", raw)
    text = undecorated(raw)
    found = _REPORT_WORD.search(text)
    return (
        0 < len(text) <= MAX_TITLE
        and found is not None
        # A remark after the kind may hold marks (…工作总结（覆盖18个村，参选率89%）).
        and not _NOT_TITLE.search(text[: found.end(1)])
        and "。" not in text[found.end(1) :]
        and not text.startswith(_CLOSING)
        and not (strict and found.group(1) not in _SPLITTING_WORDS and not _MARKER.search(raw))
        and not (strict and found.group(1) == "情况" and not _YEAR().search(text))
    )


def _is_headline(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    i: int,
    end: int,
    two_phrases: bool = False,
) -> bool:
    """A first line set apart as a title whatever its last word (a news headline "…召开
    专题会"): short, unnumbered, unpunctuated, with body text right after it or after a
    byline or an addressee line. `two_phrases`: a headline under a site's line may join
    two phrases with a comma (抓重点促提升，进一步发挥…功能)."""
    # (a page's headline in a table's row: | 标题 |, 标题 | ||)
    text = _sole_cell(_strip_residue(blocks[i].text)[0].strip())
    bare = _HEADLINE_COLON().sub("", text, count=1)
    if _QUESTION_HEADLINE().match(text):
        bare = _QUESTION_MARKS().sub("", text)  # a repost's question and its answer's tease
    if bare == text:
        bare = _HEADLINE_EXCLAIMED().sub("", text, count=1)  # 处罚百人！示范委通报…
    if (
        two_phrases
        and (bare == text or _HEADLINE_UNIT().match(text))
        and not _PREFACE().search(text)
    ):
        # after a colon only when a short unit's name leads (示范航空：强化引领，确保安全),
        # never in a site's notice (版权说明：本文档…上传，收益归属…)
        bare = _HEADLINE_COMMA().sub("", bare, count=1)
    if not (
        blocks[i].kind == "paragraph"
        and labels[i] is None
        and len(_HAN().findall(text)) >= MIN_HEADLINE
        and len(text) <= MAX_TITLE
        and not _NOT_TITLE.search(bare)
        and not _CRUMB().search(text)
    ):
        return False
    # Body text next, perhaps after a byline, a site's fields or an addressee ("作者：…
    # 时间：…", "发布日期 2024-02-22", "各单位："): short lines without a sentence.
    # A portal's list of metadata fields (• 索引号： / its value / • 发文字号： …) may run longer
    # than a byline: a field's label and the value under it do not count toward the lines
    # passed over.
    counted = 0
    for k in range(i + 1, end):
        if counted >= HEADLINE_FIELDS:
            break
        if _is_body(blocks[k], labels[k]):
            return True
        # (read without a copy's pinyin: 来源：示范网（wǎng） is a field line as it stands)
        line = TONED().sub("", blocks[k].text).strip()
        if not (
            _LISTED_FIELD().match(line)
            or (k > i + 1 and _LISTED_FIELD().match(blocks[k - 1].text.strip()))
        ):
            counted += 1
        if _ADOPTED().match(line):
            continue  # a regulation's dates of adoption and issue under its title
        if _FULL_STOP().search(line) or (
            len(line) > MAX_STANDALONE_HEADING
            and not _is_fields(_CLOCK().sub("0", line))
            and not (len(line) <= MAX_TITLE and _DATED_SOURCE().search(line))
        ):
            return False
    return False


# A news page's line of its address, date and clock time and source (http://… 2019-11-12
# 11:51:50 来源：示范网): one field named, the others told by their shape.
_DATED_SOURCE = lazy(
    r"\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:来源|作者|编辑)[：:]"
)
# A metadata list's field label on a line of its own, bulleted or not: • 索引号：, 发文字号:
_LISTED_FIELD = lazy(r"^[•·●▪■◆\-*]?[ \t\u3000]*[\u4e00-\u9fff]{2,6}[ \t\u3000]*[：:]$")


def _is_fields(line: str) -> bool:
    """A site's field line: three fields, or two set apart by a bar and perhaps followed by
    its buttons (点击数：203│更新时间：2024-03-28│【加入收藏】【打印此文】)."""
    if _FIELDS().match(line):
        return True
    return _FIELD_BAR().search(line) is not None and len(_FIELD_LABEL().findall(line)) >= 2


# A site's field line, however long: 作者：… 发布时间：2025-02-26 点击数： 字体：A- A+
# (a clock time's colons, 17:25:00, are not the fields' own: they are set aside first).
_CLOCK = lazy(r"\d{1,2}:\d{2}(?::\d{2})?")
# (a label may stand a space off its colon: 发布时间 : 2024-09-27)
_FIELDS = lazy(r"^(?:[^：:\n]{0,20}?[\u4e00-\u9fff]{2,4}[ \t]*[：:][^：:\n]{0,30}){3,}$")
_FIELD_BAR = lazy(r"[│|｜]")
_FIELD_LABEL = lazy(r"(?:^|[│|｜\s])[\u4e00-\u9fff]{2,5}[ \t]*[：:]")


def _is_marker(block: Block, label: _Label | None) -> bool:
    """A site's collection marker on a short line of its own: 篇二, 【范文2】, 第3篇：…"""
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and label is None
        and len(text) <= MAX_TITLE + 20
        and _MARKER.search(text) is not None
        and not _INTERIOR_STOP.search(text)
    )


def _is_teaser(block: Block) -> bool:
    """A web page's summary line: the title and opening again, cut off."""
    text = block.text.rstrip()
    return len(text) > MAX_TITLE and text.endswith(("...", "…"))


SUMMARY_PREFIX = 30  # characters a page's summary shares with the text it opens again
_TEASER_FINISHED = "。！？!?…；;”’」』）)"  # a sentence or a quotation finished, not cut


def _summary_again(blocks: Sequence[Block], k: int, end: int) -> bool:
    """Whether block `k`, a paragraph over the title, is a page's summary: the text's own
    opening printed again under the headline (…收官。一年来… / 首页 > … / headline / the
    same opening). A short one counts when the page cut it mid-sentence (…而党建，则是 /
    headline / the same opening, whole): a finished short sentence may be the text's own."""
    text = blocks[k].text.strip()
    if len(text) <= MAX_TITLE and (len(text) < SUMMARY_PREFIX or text[-1] in _TEASER_FINISHED):
        return False
    head = text[:SUMMARY_PREFIX]
    return any(blocks[j].text.strip().startswith(head) for j in range(k + 1, end))


def _repeats(blocks: Sequence[Block], i: int) -> bool:
    """Whether block `i` only repeats the start of the block before it (a teaser's title)."""
    title = _strip_residue(blocks[i].text)[0].strip()
    return i > 0 and _strip_residue(blocks[i - 1].text)[0].startswith(title)


def _is_body(block: Block, label: _Label | None) -> bool:
    if label is not None:
        return True
    if block.kind not in ("paragraph", "table-cell") or _is_teaser(block):
        return False
    text = block.text.strip()
    if len(text) <= MAX_TITLE and not _HAN().search(text):
        return False  # no Chinese: a page's leftover markup (![]() |, a table's bar)
    return len(text) > MAX_TITLE or bool(_BODY_STOP.search(text))


def _is_opening(block: Block, label: _Label | None) -> bool:
    """An opening that ends "…报告如下：", the last line before a report's first heading."""
    return label is None and block.text.rstrip().endswith(("如下：", "如下:"))


# -- the whole document --------------------------------------------------------------------


# A report's part named without a number, on a line of its own: a few words ending in the
# name of a part (存在的问题和不足, 下半年工作思路：, 主要做法及成效). A lead-in sentence ending
# in a colon (具体如下：, 会议强调：, 同时，指出…存在的不足：) is none: it is longer, carries a
# clause's comma or a verb's object that is no part's name.
_UNNUMBERED = lazy(
    r"[\u4e00-\u9fff\d]{0,8}?"
    r"(?:存在的?(?:主要)?(?:问题|不足)(?:[和与及](?:不足|原因分析|原因|差距))?|(?:主要)?问题[和与及]不足"
    r"|不足之处|(?:下一步|下步|今后|下半年|明年|来年|\d{4}年)(?:的)?(?:工作)?"
    r"(?:思路|打算|计划|安排|重点|措施|努力方向)|(?:整改|改进)措施|努力方向"
    r"|主要(?:工作|做法|成效|成绩|措施)(?:[和及与]成效)?|(?:工作)?(?:开展|完成|落实)?情况"
    r"|基本情况|工作成效|取得的成效|经验做法|主要经验)"
    r"[ \u3000]*[：:]?[ \u3000]*"
)
MAX_UNNUMBERED = 16  # characters of such a heading, its colon aside
# Words that make a short line a sentence's lead-in, not a part's name.
_NOT_A_PART = lazy(r"如下|以下|强调|指出|要求|认为|表示|就是|包括|关于|对于|针对")


def _unnumbered(block: Block) -> str | None:
    """The title of an unnumbered part heading the block is, if it is one."""
    if block.kind != "paragraph" or block.label:
        return None
    text = _strip_residue(block.text)[0].strip()
    m = _UNNUMBERED().fullmatch(text)
    if m is None:
        return None
    title = text.rstrip("：: \u3000")
    if not 2 <= len(title) <= MAX_UNNUMBERED or _NOT_A_PART().search(title):
        return None
    # 工作情况 alone names a part; a longer …情况 line (县委2024年意识形态工作情况) is a title
    if title.endswith("情况") and len(title) > 8:
        return None
    return title


@dataclass(frozen=True)
class _RoleFinder:
    """Finds the roles a heading's title names."""

    phrases: Mapping[str, tuple[str, ...]]
    # Titles met so far (存在的问题, 下一步打算 … recur in every report), kept bounded.
    _seen: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, title: str) -> frozenset[str]:
        roles = self._seen.get(title)
        if roles is None:
            if len(self._seen) >= _TITLES_KEPT:
                self._seen.clear()
            roles = roles_set(
                r for r, ps in self.phrases.items() if any(p and p in title for p in ps)
            )
            self._seen[title] = roles
        return roles


_TITLES_KEPT = 4096


@functools.lru_cache(maxsize=8)
def _role_finder(roles: tuple[tuple[str, tuple[str, ...]], ...]) -> _RoleFinder:
    """One finder per rule set's roles, so that its titles met are kept across files."""
    return _RoleFinder(dict(roles))


# The few distinct sets of roles, each held once: a long file has tens of thousands of
# sections and blocks that each carry one.
_ROLE_SETS: dict[frozenset[str], frozenset[str]] = {}


def roles_set(roles: Iterable[str]) -> frozenset[str]:
    found = frozenset(roles)
    return _ROLE_SETS.setdefault(found, found)


def build_outline(
    doc: Document,
    roles: Mapping[str, Sequence[str]],
    page_numbers: Mapping[int, tuple[int, int]] | None = None,
) -> Outline:
    blocks = doc.blocks
    # A site's chunk number (2、步完善了…) is residue, not a heading's label.
    numbers = page_numbers or {}
    labels, outline = _without_lists(
        blocks,
        _misread_ones(blocks, [None if i in numbers else _label(b) for i, b in enumerate(blocks)]),
    )
    role_of = _role_finder(tuple((role, tuple(phrases)) for role, phrases in roles.items()))
    links = _links_at(blocks, labels, outline)
    end = len(blocks) if links is None else links
    covers: set[int] = set()
    attachments: set[int] = set()
    bounds = [
        *_report_starts(blocks[:end], labels[:end], role_of, outline, covers, attachments),
        len(blocks),
    ]
    reports = [
        _report(blocks, labels, role_of, bounds[i], bounds[i + 1], outline)
        for i in range(len(bounds) - 1)
    ]
    if len(reports) > 1 and _is_front_matter(blocks, reports[0]):
        reports[0] = dataclasses.replace(reports[0], front_matter=True)
    # A cover notice (关于印发…的通知 … 现将《…》印发给你们) over the document it issues: the
    # notice's requests to the units below are not the document's text.
    for i in range(len(reports) - 1):
        if bounds[i + 1] in covers:
            reports[i] = dataclasses.replace(reports[i], front_matter=True)
    # An attachment the report announced (附件：…) is no report of its own either.
    for i in range(1, len(reports)):
        if bounds[i] in attachments:
            reports[i] = dataclasses.replace(reports[i], front_matter=True)
    return Outline(tuple(reports), page_numbers, links)


# A template site's own words around the reports it collects.
_PREFACE = lazy(
    r"小编|整理了|为大家|供大家|为您分享|供您参考|仅供参考|欢迎阅读|希望对|范文网|文档网|温馨提示|下载|浏览|"
    r"网友投稿|更新时间|发布时间|本文档|阅读全文|相关推荐|精选\d*篇|【提纲】|内容提要|内容摘要|给大家|"
    r"一起来看|范文|模板|写作|怎么写|如何写|欢迎(?:来到|访问|光临|您)|免费阅读|已阅读|由会员分享|在线阅读"
)
_FULL_STOP = lazy(r"[。！？!?]")
_HAN = lazy(r"[\u4e00-\u9fff]")
_ATTACHMENT = re.compile(r"^[\s\u3000]*附件[0-9一二三四五六七八九十]*[：:\s]*")
# An attachment's own line (附件：… / 附件2), which numbers its parts anew: ST201 and ST202
# compare its labels with each other, not with the report's.
ATTACHMENT_LINE = re.compile(r"^[\s\u3000]*附件[0-9一二三四五六七八九十]*(?:[：:\s\u3000]|$)")
# A site's notice over its numbered terms (温馨提示：1. 部分包含…请放心下载。2. …).
_NOTICE = re.compile(
    r"^[\s\u3000]*(?:温馨提示|友情提示|特别提示|申明敬告|免责声明|下载须知)[：:]\s*$"
)


# A document site's own terms (1、本文档由用户上传… 4. 网站客服QQ：…), numbered like headings.
_SITE_TERM = lazy(r"本文档|文档由用户|网站客服|客服QQ|版权归属|付费之前|下载前请|仅部分预览")


def _is_front_matter(blocks: Sequence[Block], report: Report) -> bool:
    """A first part that is a site's preface (perhaps under the collection's title) or a
    bare list of headings."""
    text = "".join(blocks[i].text for i in range(report.start, report.end))
    if report.title is not None:
        # A collection's title over the site's preface: no heading, a site's words.
        return not report.sections and len(text) < 600 and _PREFACE().search(text) is not None
    headings = {s.heading.block for s in report.sections}
    body = sum(
        len(blocks[i].text.strip()) for i in range(report.start, report.end) if i not in headings
    )
    if _PREFACE().search(text) and len(text) < 1500:
        return True
    if len(text) < 1500 and not _FULL_STOP().search(text):
        return True  # not one sentence: a portal's fields, a site's menu, a list of links
    # A table of contents: headings only, with next to nothing between them.
    return bool(headings) and body < 40


_CONTENTS_HEAD = lazy(
    r"^[\s\u3000]*(?:目[\s\u3000]*录|(?i:table\s+of\s+contents|contents))[\s\u3000]*$"
)
# A page number closing a contents entry, after dot leaders, a tab or glued: 3, 4-4, 3–27.
_PAGE_AT_END = lazy(r"(?:^|[^\d.．])\d{1,3}(?:[-–]\d{1,3})?$")
_FULL_STOP_CN = lazy(r"[。！？]")
MAX_CONTENTS_ENTRY = 100  # characters: a longer block is text, the contents have ended


# An item's 1 read as a letter by OCR or typed so (I.坚持正确方向, l、…): a letter, its
# mark and the item's title.
_LETTER_ONE = lazy(r"([Il])([.．、])(?=[\u4e00-\u9fff])")
MISREAD_SEARCH = 8  # blocks between a misread 1 and its item 2
# A first part opened as a point (一是要…。 then 二、要…): the item 一、 written as 一是.
_POINT_ONE = lazy(r"一是(?=[\u4e00-\u9fff])")
_POINT_TWO = lazy(r"^[\s\u3000]*二是")


def _misread_ones(blocks: Sequence[Block], labels: list[_Label | None]) -> list[_Label | None]:
    """Labels for items whose 1 is written as a letter (I., l、): the item 1, when the next
    label within a few blocks is 2 of the digits' family with the same mark (I. … 2.). A
    Roman I. goes on with II., and a lone I. is left as it stands. Likewise a paragraph
    opening with 一是 before the report's first 二、 (no 一、 and no 二是 between): the
    first part's 一、 written as a point."""
    cn_seen = False
    for i, block in enumerate(blocks):
        current = labels[i]
        cn_seen = cn_seen or (current is not None and current.family == "cn")
        head = block.text[:MISREAD_SEARCH]
        if labels[i] is None and block.kind == "paragraph" and "一是" in head and not cn_seen:
            labels[i] = _point_one(blocks, labels, i)
            continue
        if (
            labels[i] is not None
            or block.kind != "paragraph"
            or ("I" not in head and "l" not in head)
        ):
            continue
        body, offset = _strip_residue(block.text)
        letter = _LETTER_ONE().match(body)
        if letter is None:
            continue
        following = next(
            (
                labels[k]
                for k in range(i + 1, min(len(blocks), i + 1 + MISREAD_SEARCH))
                if labels[k]
            ),
            None,
        )
        if (
            following is not None
            and following.family == "arabic"
            and following.number == 2
            and following.label.endswith(letter.group(2))
        ):
            labels[i] = _with_title(("arabic", letter.group(0), 1), offset, body[letter.end() :])
    return labels


def _point_one(blocks: Sequence[Block], labels: list[_Label | None], i: int) -> _Label | None:
    """The label of 一是 opening block i when the next label within a few blocks is 二、
    and no paragraph between opens with 二是; else None."""
    body, offset = _strip_residue(blocks[i].text)
    point = _POINT_ONE().match(body)
    if point is None:
        return None
    for k in range(i + 1, min(len(blocks), i + 1 + MISREAD_SEARCH)):
        if _POINT_TWO().match(blocks[k].text):
            return None
        following = labels[k]
        if following is not None:
            if (
                following.family == "cn"
                and following.number == 2
                and following.label.endswith("、")
            ):
                return _with_title(("cn", point.group(0), 1), offset, body[point.end() :])
            return None
    return None


def _without_lists(
    blocks: Sequence[Block], labels: list[_Label | None]
) -> tuple[list[_Label | None], frozenset[int]]:
    """Labels that number a list rather than a heading: an attachment list (附件：1.… 2.…)
    and a table of contents (一、… 二、… 三、… with no text between, the same headings
    following with their text); and the blocks of such an outline."""
    after_attachment = after_notice = in_contents = False
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        # A table of contents typed out (no TOC field for the reader to leave out): under
        # its heading, an entry ending in its page number (1. GENERAL4-4, 一、总体情况……3),
        # also on its next line, is no heading, until the first sentence or long paragraph.
        if _CONTENTS_HEAD().match(block.text):
            in_contents = True
            continue
        if in_contents:
            text = block.text.strip()
            if len(text) > MAX_CONTENTS_ENTRY or _FULL_STOP_CN().search(text):
                in_contents = False
            elif label is not None and (
                _PAGE_AT_END().search(text)
                or (  # an entry wrapped onto the next line, which ends in the page
                    i + 1 < len(blocks)
                    and labels[i + 1] is None
                    and _PAGE_AT_END().search(blocks[i + 1].text.strip())
                )
            ):
                labels[i] = None
                continue
        if _ATTACHMENT.match(block.text) and label is None:
            after_attachment = True
            continue
        if _NOTICE.match(block.text):
            after_notice = True
            continue
        if after_notice and label is not None and label.family.startswith("arabic"):
            labels[i] = None  # the notice's terms are sentences, of any length
            continue
        after_notice = False
        if (
            label is not None
            and label.family.startswith("arabic")
            and _SITE_TERM().search(block.text)
        ):
            labels[i] = None  # a document site's numbered terms with no notice over them
            continue
        if (
            after_attachment
            and label is not None
            and label.family.startswith("arabic")
            and not label.inline
            and len(block.text.strip()) <= MAX_STANDALONE_HEADING
        ):
            labels[i] = None
            continue
        after_attachment = False
    # A run of bare headings with nothing between them — two or more level-one headings
    # 一、二、… in order, perhaps with their sub-headings （一）（二） between — whose 一、
    # comes back later with text under it, is an outline of the report (a table of
    # contents, a site's list of the headings). A site may set its outline after a label
    # (提纲：一、…) and end its items with a full stop (一、提高政治站位。); such a run
    # counts only when the text's 一、 comes back with the outline's own title.
    outline: set[int] = set()
    i = 0
    while i < len(labels):
        run, top, loose = i, 0, False
        first: str | None = None  # the outline's 一、 title
        head: HeadingFamily = "cn"  # its top family: 一、, or 第一章 over them
        while run < len(labels):
            label = labels[run]
            text = blocks[run].text
            room = MAX_STANDALONE_HEADING
            if label is None and run == i:
                label = _outline_opening(blocks[run])
                loose = loose or label is not None
                room += max(label.offset, 0) if label is not None else 0
            stops = _FULL_STOP().findall(text)
            if run == i and label is not None and label.family == "part":
                head = "part"
            if (
                label is None
                or label.inline
                or len(text.strip()) > room + len(stops)  # the item's own full stop
                or (label.family == head and label.number != top + 1)
                or (run == i and label.family != head)
            ):
                break
            if stops and not (len(stops) == 1 and text.rstrip().endswith(tuple(stops))):
                break
            loose = loose or bool(stops)
            if label.family == head and label.number == 1:
                first = label.title
            top += label.family == head
            run += 1
        if top >= 2 and (
            any(
                (later := labels[k]) is not None
                and later.family == head
                and later.number == 1
                and (not loose or _same_heading(first, later.title))
                for k in range(run, len(labels))
            )
            or _glued_again(blocks, run, first)
        ):
            for k in range(i, run):
                labels[k] = None
            outline.update(range(i, run))
            i = run
        else:
            i = max(run, i + 1)
    return labels, frozenset(outline)


# What a site sets before its outline of the headings on the first heading's line.
_OUTLINE_LABEL = re.compile(
    r"^[\s\u3000]*(?:【(?:提纲|目录)】|(?:提纲|目录|内容提要)[：:])[\s\u3000]*"
)


def _outline_opening(block: Block) -> _Label | None:
    """The 一、 a site's outline label opens with on its line (提纲：一、提高政治站位)."""
    if block.kind != "paragraph":
        return None
    prefix = _OUTLINE_LABEL.match(block.text)
    if prefix is None:
        return None
    rest = block.text[prefix.end() :]
    found = _match_label(rest)
    if found is None or found[0] != "cn":
        return None
    return _with_title(found[:3], prefix.end(), rest[found[3] :])


def _glued_again(blocks: Sequence[Block], start: int, first: str | None) -> bool:
    """Whether the outline's 一、 and its title come back inside a later block: a
    flattened copy's text (…情况如下：一、提高政治站位 …)."""
    title = re.sub(r"[。，,.；;：:\s]+$", "", first or "")
    if len(title) < 2:
        return False
    return any("一、" + title in blocks[k].text for k in range(start, len(blocks)))


def _same_heading(outline: str | None, text: str) -> bool:
    """Whether an outline's heading and the text's name the same part: one title begins
    the other, full stops and commas aside (一、提高政治站位。 / 一、提高政治站位，增强…)."""
    if not outline:
        return False
    a, b = (re.sub(r"[。，,.；;：:\s]", "", t) for t in (outline, text))
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


SAME_TITLE_REACH = 1000  # characters of text (a heading counts 1000) before a title again


def _report_starts(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    role_of: _RoleFinder,
    outline_blocks: frozenset[int] = frozenset(),
    covers: set[int] | None = None,
    attachments: set[int] | None = None,
) -> list[int]:
    """Where each report begins: a title after body text, or 一、 again after a plan.
    An outline of the headings (`outline_blocks`) is neither text nor headings here. The
    title of a document a notice issued by name starts the document, and its block goes
    into `covers`: what stands before it is the cover notice."""
    starts = [0]
    has_body = seen_plan = False
    # The current report's title said again under a site's byline ("admin 分享 共计…字"),
    # with no heading and little text between, is the same report.
    titles: set[str] = set()
    issued: set[str] = set()  # documents a notice issued by name (现将《…》印发给你们)
    annexes: set[str] = set()  # attachments the report announced (附件：…范本)
    since_title = 0  # characters since the last title, or many once a heading was seen
    outline = 0  # headings alone in a row at the start: a site's outline of the report
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        if i in outline_blocks:
            continue
        if outline >= MIN_OUTLINE and label is None and _is_body(block, label):
            starts.append(i)  # the text after an outline of headings: the report proper
            has_body = seen_plan = False
            outline = -1
        elif outline >= 0 and (not has_body or label is not None):
            short = label is not None and len(block.text.strip()) <= MAX_STANDALONE_HEADING
            outline = outline + 1 if short and not _FULL_STOP().search(block.text) else -1
        boundary = _is_title(block, label, strict=True) or _is_marker(block, label)
        text = _strip_residue(block.text)[0].strip() if boundary else ""
        # The same title again, perhaps with a placeholder for the unit before it (a site's
        # 街道…报告, then the text's own XX街道…报告).
        # Or the very title again after an opening paragraph, no heading between: a site
        # that prints its title over the text and once more inside it.
        again = (since_title < 200 and any(text.endswith(t) for t in titles if t)) or (
            since_title < SAME_TITLE_REACH and text in titles
        )
        # A notice's attachment under it: the document the notice issued by name
        # (现将《2024年工作要点》印发给你们 … 2024年工作要点) is the notice's, not another report
        # (ST204), but the notice before it is its cover: front matter.
        attached = text in issued
        # An attachment the report announced (附件：政府采购投诉书范本) under its own title
        # (投诉书范本) is the report's, not a second report: it goes into `attachments`.
        if has_body and boundary and not _repeats(blocks, i) and not again:
            starts.append(i)
            if _annexed(text, annexes) and attachments is not None:
                attachments.add(i)
            if attached and covers is not None:
                covers.add(i)
            has_body = seen_plan = False
            titles, since_title, issued, annexes = _names(text), 0, set(), set()
            outline = -1  # a site's outline, if any, ended at this title: its text follows
            continue
        if boundary and not has_body:
            titles |= _names(text)
        if block.text.lstrip(" \t\u3000").startswith("附件"):
            named = _ATTACHMENT.sub("", block.text, count=1).strip(" \t\u3000《》")
            if len(named) >= MIN_ANNEX:
                annexes.add(named)
        if _ISSUING().search(block.text):  # 现将《…》印发 / 下发 / 转发给你们
            issued.update(_NAMED().findall(block.text))
        since_title += len(block.text) if label is None else 1000
        if seen_plan and label is not None and label.family == "cn" and label.number == 1:
            opening = i > starts[-1] + 1 and _is_opening(blocks[i - 1], labels[i - 1])
            starts.append(i - 1 if opening else i)
            if _annexed(blocks[i - 1].text.strip(), annexes) and attachments is not None:
                attachments.add(starts[-1])
            seen_plan = False
        has_body = has_body or _is_body(block, label)
        # (a plan that is a part of the report, 第二部分 工作计划, holds its own 一、)
        seen_plan = seen_plan or (
            label is not None and label.family != "part" and PLAN_ROLE in role_of(label.title)
        )
    return starts


MIN_ANNEX = 4  # characters of an attachment's name: 附件：范本 names no document


def _annexed(title: str, annexes: set[str]) -> bool:
    """Whether a title is that of an attachment the report announced (附件：…投诉书范本)."""
    return len(title) >= MIN_ANNEX and any(
        name.endswith(title) or title.endswith(name) for name in annexes
    )


# A site's heading over its related links, alone on its line (小编精心推荐, 热门关注).
_LINKS = lazy(
    r"^[\s\u3000]*(?:小编)?(?:精心推荐|热门关注|相关推荐|猜你喜欢|相关文章|相关阅读|推荐阅读|热门推荐|"
    r"延伸阅读)[\s\u3000：:]*$"
)
_NAMED = lazy(r"《([^》\n]{2,60})》")
# A notice's words issuing a document by name: 印发, or 下发 / 转发 (…下发给你们).
_ISSUING = lazy(r"印发|下发|转发")


def _links_at(
    blocks: Sequence[Block], labels: Sequence[_Label | None], outline_blocks: frozenset[int]
) -> int | None:
    """The block of a site's related-links heading after the text, if any: the titles
    under it start no report (ST204) and are not the report's text."""
    has_body = False
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        if i in outline_blocks:
            continue
        if has_body and _LINKS().match(block.text):
            return i
        has_body = has_body or _is_body(block, label)
    return None


def _names(text: str) -> set[str]:
    """A title line and the title a collection's marker names (篇一：《…工作总结》): the
    same title printed under the marker is the same report."""
    return {text, *_NAMED().findall(text)}


def _choose_title(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    start: int,
    end: int,
    outline_blocks: frozenset[int] = frozenset(),
) -> int | None:
    """The title among a report's first three blocks; nothing comes before it but short lines
    (an issuer, a category) and a teaser."""
    marker = None  # a collection's 篇二 stands for a title when no title follows it
    # Short lines before the title (an issuer, a site's list of links) are passed over;
    # a site's dated list of other documents (- 2024-08-28 08:57:57 …) does not count
    # toward the blocks searched, however long.
    looked = 0
    for i in range(start, end):
        if looked >= TITLE_SEARCH:
            break
        if i in outline_blocks:
            continue  # a site's outline of the headings over the title: passed over
        if not (_STAMPED().match(blocks[i].text) or _CONTACT().match(blocks[i].text)):
            looked += 1
        if len(blocks[i].text.strip()) > MAX_TITLE:
            continue
        if _is_title(blocks[i], labels[i]):
            return i
        under_site = all(
            k in outline_blocks  # a site's outline of the headings over the headline
            or _SITE_LINE().search(TONED().sub("", blocks[k].text))
            or _CONTACT().match(blocks[k].text)
            or _PREFACE().search(blocks[k].text)
            or _summary_again(blocks, k, end)
            for k in range(start, i)
        )
        if under_site and _is_headline(blocks, labels, i, end, two_phrases=i > start):
            return i  # first, or under a site's breadcrumb, menu or greeting
        if marker is None and _is_marker(blocks[i], labels[i]):
            marker = i
            continue
        # A site's copy of the title may hold a comma (…意识形态，工作责任制情况汇报):
        # a short line ending in a report word is passed over, not taken for the text.
        # So is a site's greeting or notice over the title (欢迎来到…文档网！).
        short = blocks[i].text.strip()
        if _is_body(blocks[i], labels[i]) and not (
            (len(short) <= MAX_STANDALONE_HEADING and _REPORT_WORD.search(short))
            or (len(short) <= MAX_TITLE + 20 and _CRUMB().search(short))  # 首页 > 范文 > …
            or (len(short) <= MAX_STANDALONE_HEADING and _PREFACE().search(short))
            or _SPAM().search(short)  # a spam line injected over the page
            or _summary_again(blocks, i, end)  # a page's teaser, cut, over its headline
        ):
            return marker
    return marker


# A line of a site's dated list (- 2024-08-28 08:57:57 某某研讨材料): a date and a clock time.
_STAMPED = lazy(r"^[\s\u3000\-·•]*\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d{2}")
# A regulation's dates in brackets under its title: （2019年11月29日…审议批准 2019年12月30日
# …发布）, in simplified or traditional characters.
_ADOPTED = lazy(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[^（()）。\n]{0,80}[）)]$")
# A portal's contact lines over its page: a telephone number alone (0471-6920251), its
# opening hours (周一至周五：上午 8:00-12:00 下午 2:30-5:30): no more a block searched than
# a dated list's line.
_CONTACT = lazy(
    r"^[\s\u3000]*(?:[0-9（）()\-—]{7,20}[\s\u3000]*$"
    r"|[^\n。]{0,20}\d{1,2}[:：]\d{2}[ \t]*[-—–~～至][ \t]*\d{1,2}[:：]\d{2})"
)
_SPAM_WORDS = "无码|人妻"  # an adult site's keywords injected over a page: never a report's
_SPAM = lazy(_SPAM_WORDS)
# A site's breadcrumb, menu, fields or button over a news headline: 首页 > 新闻中心,
# a | b | c, 作者：…, APP下载
# (a short line naming the site's home page or menu: 德育素材网 首页; its buttons of a few
# words: 网站无障碍 长者助手).
_SITE_LINE = lazy(
    r"[>|｜»＞]|[：:]|"
    + _SPAM_WORDS
    + r"|^\s*\S{1,8}(?:[ \t\u3000]+\S{1,8}){0,3}\s*$|^(?=.{0,20}$).*(?:首页|导航)"
    # (a menu of many items: 首页 产品中心 新闻中心 政策法规 … 关于我们)
    r"|^\s*[\u4e00-\u9fff]{2,6}(?:[ \t\u3000]+[\u4e00-\u9fff]{2,6}){4,}\s*$"
)
# A breadcrumb or a menu is never a headline; some crumbs join their steps with a spaced
# dash or slash (新闻动态 首页 - 新闻动态).
_CRUMB = lazy(r"[>|｜»＞]|首页[ \t\u3000]*[-—/／]|[ \t\u3000][-—/／][ \t\u3000]")
# A news headline's "unit：subject" (示范供电公司：明确监督重点 护航电力保供).
_HEADLINE_COLON = lazy(r"(?<=[\u4e00-\u9fff])[：:](?=[\u4e00-\u9fff]{2})")
# A repost's question headline, perhaps with a short tease after it (为什么…难写？读完这篇，
# 你就懂了！): one question, no sentence's full stop; its marks are the headline's own.
_QUESTION_HEADLINE = lazy(
    r"^[^。；;，,！!？?：:]{6,30}[？?]"
    r"(?:[^。；;！!？?：:，,]{2,16}(?:[，,][^。；;！!？?：:，,]{2,12})?[！!]?)?$"
)
_QUESTION_MARKS = lazy(r"[？?，,！!]")
# A news headline's exclaimed lead (重磅！…, 处罚百人！示范委通报整改进展): one short phrase
# and its mark before a headline that holds no other mark.
_HEADLINE_EXCLAIMED = lazy(r"^[^。；;，,！!？?：:]{2,12}[！!](?=[^。；;，,！!？?：:]{6,}$)")
# A news headline's two phrases joined by a comma (抓重点促提升，进一步发挥…).
_HEADLINE_COMMA = lazy(r"(?<=[\u4e00-\u9fff]{4})[，,](?=[\u4e00-\u9fff]{2}[^，,]{2,}$)")
# A headline's unit before its colon and its two phrases (示范航空：强化思想引领，确保运行安全).
_HEADLINE_UNIT = lazy(r"^[\u4e00-\u9fff]{2,10}[：:][\u4e00-\u9fff]{4,}[，,][\u4e00-\u9fff]{4,}$")


@dataclass
class _Nesting:
    """The headings open at the current point of a report, innermost last."""

    families: list[HeadingFamily] = field(default_factory=list)
    openers: list[int] = field(default_factory=list)  # index of the heading opening each family
    # (parent heading or -1, family) → the number last opened there
    last: dict[tuple[int, HeadingFamily], int] = field(default_factory=dict)
    latest: dict[HeadingFamily, int] = field(default_factory=dict)  # under any parent
    # family → the families opened right under a heading of it (一、 → {"arabic"})
    below: dict[HeadingFamily, set[HeadingFamily]] = field(default_factory=dict)

    def open(self, family: HeadingFamily, number: int, index: int) -> tuple[int, int | None]:
        """Opens heading `index`; returns its level and the index of its parent heading."""
        if family in self.families:
            keep = self.families.index(family)
        else:
            keep = len(self.families)
            while keep and RANK[self.families[keep - 1]] > RANK[family]:
                keep -= 1
        del self.families[keep:], self.openers[keep:]
        if self.families:
            self.below.setdefault(self.families[-1], set()).add(family)
        parent = self.openers[-1] if self.openers else None
        self.last[(-1 if parent is None else parent, family)] = number
        self.latest[family] = number
        self.families.append(family)
        self.openers.append(index)
        return len(self.families), parent

    def continues(self, family: HeadingFamily, number: int) -> bool:
        """Whether `number` is the next one of an open family's sequence."""
        if family not in self.families:
            return False
        depth = self.families.index(family)
        parent = self.openers[depth - 1] if depth else -1
        return self.last.get((parent, family)) == number - 1


def _report(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    role_of: _RoleFinder,
    start: int,
    end: int,
    outline_blocks: frozenset[int] = frozenset(),
    unnumbered: bool = True,
) -> Report:
    title = _choose_title(blocks, labels, start, end, outline_blocks)
    title_end: int | None = None
    if title is not None:
        # A short title line may still end in the first heading: …工作总结一、总体情况
        body, offset = _strip_residue(blocks[title].text)
        titled = _GLUED_TITLE().match(body)
        if titled is not None and _labelled(body, titled):
            title_end = offset + titled.end()
        elif (headline := _BRACKET_HEADLINE().match(body)) is not None:
            title_end = offset + headline.end()  # 【…是什么意思】一、 (its title on the next line)
        elif _COLLECTION_LINE().search(body) and (
            piece := _glued_title(blocks, labels, title + 1, min(end, title + 2))
        ):
            # A collection's line (…活动总结篇9) over the piece's own title run into its
            # text (…工作总结根据…): the piece's title is the report's, glued.
            title, title_end = piece
    else:
        glued_title = _glued_title(blocks, labels, start, end)
        if glued_title is not None:
            title, title_end = glued_title
        else:
            title = _entry_title(blocks, labels, start, end)
    nesting = _Nesting()
    sections: list[Section] = []
    embedded: list[EmbeddedHeading] = []
    enumerations: list[Enumeration] = []

    def add(block: int, label: _Label, is_embedded: bool) -> None:
        if label.family == "decimal" and not _decimal_fits(nesting, label.label):
            return  # 5.12汶川…: a date or a figure, not a 5.x under 1.
        family = label.family
        twins = [
            twin
            for twin in (_TWIN[family], *_DIGIT_TWIN.get(family, ()))
            if label.number > 1
            and family not in nesting.families
            and nesting.continues(twin, label.number)
            # 一、…1、2、 二、…3、: items numbered on across parts, not 三 in digits
            and nesting.latest.get(family) != label.number - 1
            # 一、…2. 二、: the sequence's own 二、 comes next, so 2. is an item under 一、
            # whose 1. was lost (or misread: I.), not 二 in digits
            and not _next_in_family(labels, block + 1, end, twin, label.number)
            # 一、…。 2.…。 3.…: a 2. spaced off with its 3. after it is a list of its own
            # whose 1. was lost, not 二 in digits
            and not (is_embedded and _spaced_run(blocks[block].text, label))
        ]
        if twins:
            # （一）（二）(3)（四）: a number of the open sequence in digits is a sibling
            # written in another style (ST202), not a new level starting at 3 (ST201);
            # of two open sequences it could go on, the innermost (一、（一）（二）3.).
            family = max(twins, key=nesting.families.index)
        level, parent = nesting.open(family, label.number, len(sections))
        heading = Heading(
            block=block,
            family=family,
            label=label.label,
            number=label.number,
            level=level,
            title=label.title,
            column=blocks[block].column + max(label.offset, 0),
            inline=label.inline,
            embedded=is_embedded,
        )
        sections.append(
            Section(heading, block, end, _section_roles(role_of(label.title), level), parent)
        )

    for i in range(start, end):
        if i in outline_blocks:
            continue  # a site's outline of the headings: no heading is read inside it
        label = labels[i]
        if label is not None:
            add(i, label, False)
        elif (
            unnumbered
            and i != title
            and i + 1 < end
            and _unnumbered_fits(nesting, labels, blocks, i)
        ):
            heading_title = _unnumbered(blocks[i])
            if heading_title is not None:
                number = nesting.latest.get("unnumbered", 0) + 1
                add(i, _Label("unnumbered", "", number, 0, heading_title, False), False)
        text = blocks[i].text
        if _SITE_SUMMARY().match(text):
            continue  # a site's outline of the report in one line (【提纲】一、…（一）…)
        if _cut_copy(blocks, i, end):
            continue  # a page's summary: the next block's start, cut (its headings are there)
        if blocks[i].kind == "paragraph" and (i != title or title_end is not None):
            skip = title_end if i == title and title_end is not None else 0
            last = (
                label.offset + len(label.label) if label is not None and label.offset >= 0 else None
            )
            parts = _glued_parts(text, skip) if unnumbered else []

            def glue_parts(before: int, at: int = i, parts: list[tuple[int, str]] = parts) -> None:
                # …机会很少。下半年工作思路：1、… — the part opens before its glued items.
                while parts and parts[0][0] < before:
                    offset, part = parts.pop(0)
                    if _unnumbered_open(nesting):
                        number = nesting.latest.get("unnumbered", 0) + 1
                        embedded.append(EmbeddedHeading(at, offset, part, "unnumbered", number))
                        add(at, _Label("unnumbered", "", number, offset, part, True), True)

            for glued, context in _glued_labels(text, skip, last):
                glue_parts(glued.offset)
                follows = _next_label(labels, i + 1, end)

                def later(family: HeadingFamily, after: int = i) -> bool:
                    return _second_later(blocks, labels, after + 1, end, family)

                def alone(family: HeadingFamily, after: int = i) -> bool:
                    # only a few blocks left: an excerpt cut short
                    return end - after - 1 <= BLOCKS_TO_SECOND and _alone(
                        blocks[after + 1 : end], labels[after + 1 : end], family
                    )

                if _accepts(nesting, glued, context, text, follows, later, alone):
                    if not _list_on_its_lead_in(text, glued, context):
                        embedded.append(
                            EmbeddedHeading(
                                i, glued.offset, glued.label, glued.family, glued.number
                            )
                        )
                    add(i, glued, True)
            glue_parts(len(text))
        enumerations.extend(_enumerations(i, text))
    if unnumbered and _preamble_only(sections):
        # 基本情况 over 一、主要做法 二、存在问题 …: an unnumbered line before a report numbered
        # 一、 throughout is its preamble's name, not the parent of every part.
        return _report(blocks, labels, role_of, start, end, outline_blocks, unnumbered=False)
    return Report(
        start,
        end,
        title,
        _close(sections),
        tuple(embedded),
        tuple(enumerations),
        title_end=title_end,
    )


def _section_roles(roles: frozenset[str], level: int) -> frozenset[str]:
    """A sub-heading that names a plan it drafted (1、制定工作计划, 1、提出了…工作安排) reports
    work done, not the plan part; the drafting role itself is only this mark."""
    if DRAFTED_ROLE not in roles:
        return roles
    kept = roles - {DRAFTED_ROLE}
    return roles_set(kept - {PLAN_ROLE} if level > 1 else kept)


def _next_in_family(
    labels: Sequence[_Label | None], start: int, end: int, family: HeadingFamily, number: int
) -> bool:
    """Whether the next line label of `family` after `start` carries `number`."""
    for label in labels[start:end]:
        if label is not None and label.family == family:
            return label.number == number
    return False


def _preamble_only(sections: Sequence[Section]) -> bool:
    """Whether the report's unnumbered headings all come before its first 一、 (the 一、 then
    run through the report: its parts are numbered), rather than one part after another
    holding its own 一、 items."""
    families = [s.heading.family for s in sections]
    if "unnumbered" not in families:
        return False
    numbered = next((k for k, f in enumerate(families) if f in ("cn", "part")), None)
    return numbered is not None and "unnumbered" not in families[numbered:]


def _unnumbered_open(nesting: _Nesting) -> bool:
    """Whether no numbered part (一、, 第一部分) is open: an unnumbered part's name inside
    one (一、工作情况 … 存在问题) is its paragraph's lead, not a sibling of 一、. The 一、 under
    an unnumbered part (存在的不足 一、… 下步打算) are its items."""
    families = nesting.families
    if families and families[0] == "unnumbered":
        return True
    return not any(RANK[f] <= RANK["cn"] for f in families)


# The name of a problems, plan or practice part glued after a sentence in a flattened copy,
# with its colon (…机会很少。下半年工作思路：1、…). Narrower than a line of its own: 情况 and
# 主要工作 also lead sentences (具体情况：, 主要工作：) inside a paragraph.
_GLUED_PART = lazy(
    r"(?<=[。！？!?])[ \u3000]*(?P<part>[\u4e00-\u9fff]{0,6}?"
    r"(?:存在的?(?:主要)?(?:问题|不足)(?:[和与及](?:不足|原因分析|原因|差距))?"
    r"|(?:主要)?问题[和与及]不足|不足之处"
    r"|(?:下一步|下步|今后|下半年|明年|来年|\d{4}年)(?:的)?(?:工作)?"
    r"(?:思路|打算|计划|安排|重点|措施|努力方向)"
    r"|(?:整改|改进)措施|主要(?:做法|成效|成绩)(?:[和及与]成效)?))"
    r"[ \u3000]*[：:](?=[ \u3000]*\S)"
)


def _glued_parts(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, name) of the unnumbered parts glued after a sentence of `text`."""
    if "：" not in text and ":" not in text:
        return []
    found = []
    for m in _GLUED_PART().finditer(text, start):
        part = m.group("part")
        if len(part) <= MAX_UNNUMBERED and not _NOT_A_PART().search(part):
            found.append((m.start("part"), part))
    return found


def _unnumbered_fits(
    nesting: _Nesting, labels: Sequence[_Label | None], blocks: Sequence[Block], i: int
) -> bool:
    """Whether an unnumbered part heading may stand here: not inside a numbered part
    (一、工作情况 … 存在问题 would be its paragraph's lead, not a sibling of 一、), and
    followed by text, not by another such line (a list of the parts, a table of contents)."""
    if not _unnumbered_open(nesting):
        return False
    following = blocks[i + 1]
    return labels[i + 1] is not None or (
        following.kind == "paragraph" and _unnumbered(following) is None
    )


# A page's headline in 【】 with the first heading's label glued after it, the heading's title
# and the text on the next line (a question-and-answer site's 【…是什么意思】一、).
_BRACKET_HEADLINE = lazy(
    r"[ \u3000]*【[^】\n]{2,40}】[ \u3000]*(?=[一][、.．][ \u3000]*$|[（(]一[）)][ \u3000]*$)"
)


# A site's summary or outline of the text, set before it on one line.
_SITE_SUMMARY = lazy(r"^[\s\u3000|｜]*【(?:提纲|内容提要|摘要|导读|导语)】")


_SPACES = lazy(r"[\s\u3000]+")
MIN_CUT_COPY = 40  # characters of a summary that the text below it starts with


def _cut_copy(blocks: Sequence[Block], i: int, end: int) -> bool:
    """Whether block `i` is a page's summary cut from the next block's start: a document
    site's preview of a flattened copy (…工作方案一、背景和目的随着… over …工作方案 一、背景和
    目的 随着…), equal but for the spaces where the copy's lines broke."""
    if i + 1 >= end or blocks[i].kind != "paragraph":
        return False
    head = _SPACES().sub("", blocks[i].text)
    if len(head) < MIN_CUT_COPY:
        return False
    below = _SPACES().sub("", blocks[i + 1].text)
    return len(below) > len(head) and below.startswith(head)


def is_site_summary(text: str) -> bool:
    """Whether a block is a site's one-line outline or summary of the text (【提纲】一、…)."""
    return _SITE_SUMMARY().match(text) is not None


# A title run into its first paragraph when a copy lost its line breaks:
# "示范局2024年上半年意识形态工作总结2024年上半年，我局……", or into its first heading:
# "示范村2025年意识形态工作总结一、总体情况", "…自查报告精编（一）强化…", or into
# its own repeat (a document site's "…自评报告…自评报告 2022年以来", or a near copy:
# "…实施方案…实行方案 为认真…"), perhaps with a site's category tag between
# ("…总结的报告 -报告 [] 一、…"); a space where the line broke may stand before the body.
_GLUED_TITLE = lazy(
    # (总结 after an adverb is the verb of a sentence: 张某全面总结回顾了…, not a title)
    # A speaker's name and colon may stand before a speech's title (张某：…发言提纲).
    r"(?:[\u4e00-\u9fff·]{2,5}[：:])?"
    # A slogan of two short phrases may lead the title (锐意进取，开拓创新在…上的讲话).
    r"(?:[\u4e00-\u9fff]{4}[，,](?=[\u4e00-\u9fff]{4}[^，,。\n]{4,40}?(?:讲话|发言|报告|总结)))?"
    r"(?P<title>(?P<head>[^。！？；;，,：:\n]{3})[^。！？；;，,：:\n]{1,55}?"
    r"(?:(?<!全面|认真|系统|及时|深入|科学|客观|简要)总结|报告|汇报|方案|计划|要点|材料|细则|思路|体会|提纲"
    r"|简报|讲话|发言|致辞"
    # A review with the next step's plan (…工作总结和下步工作安排), perhaps with a PDF's wrap
    # space in its 总 结: 工作安排 closes a title as 计划 does.
    r"|(?<=工作)安排)"
    # A template site's title of any kind, told by its decoration (…问题及措施范文（精选五篇）).
    r"|[^。！？；;，,：:\n]{4,40}?(?=范文|[（(]精选))"
    r"(?:(?P<decoration>(?:精编|精选|范文|最新|完整版|[（(](?![一二三四五六七八九十\d]{1,3}[）)])[^（）()\n]{1,12}[）)]){1,2})?"
    # A site's category tag and an empty box after it: "…工作总结的报告 -报告 [] 一、…".
    r"(?:[ \u3000]*-[ \u3000]?[\u4e00-\u9fff]{2,6})?(?:[ \u3000]*\[\])?"
    # A collection's number of the piece before its first heading: "…调研报告1 一、…".
    r"(?:篇?\d{1,2}(?=[ \u3000]))?"
    r"[ \u3000]*(?=(?P<label>[（(][一壹][）)]|[一壹][、.．]|第一部分|1[、.．](?![\dA-Za-z])))|"
    # (a template site's decoration may stand between: …措施范文（精选五篇）…措施篇一《…)
    r"(?:范文|精选|[（(](?![一二三四五六七八九十\d]{1,3}[）)])[^（）()\n]{1,12}[）)]){0,2}"
    r"(?=[\s\u3000]*(?P=title))|"
    # The text naming its subject first, as the title did (…专题调研报告妇女思想引导工作看似…,
    # …五年工作总结市残联自…: a unit's short name is three characters).
    r"(?=(?P=head)[^。！？；;\n]{0,40}?[，,])|"
    # A space where the copy kept the title's line break, then a sentence of the text.
    r"(?=[ \u3000]+[\u4e00-\u9fff]{2}[^。！？；;\n]{0,80}?[，,。])|"
    # A subtitle printed twice after the title: "…工作总结经验与思考经验与思考2023年…".
    r"(?=[ \u3000]*(?:——)?(?P<subtitle>[^\s。！？；;，,：:]{4,20}?)[ \u3000]*(?P=subtitle))|"
    # (a copy that spaced its digits off may put a space before 年: …年度总结 2011 年，是…)
    r"(?=[ \u3000]*(?:(?:20\d{2}[ \u3000]?|[〇一二][〇零一二三四五六七八九]{3})年"
    r"|今年|近年|去年|半年来|一年来|回顾|为了?|根据|按照|自|同志们[：:，,]|"
    # An experience paper's opening lesson (…经验交流材料实践使我们深深体会到，…).
    r"实践(?:使我们|证明|告诉我们)|各位(?:领导|代表|委员|同志|来宾|同仁|同事)|尊敬的|"
    # A report's own unnumbered first heading with its colon (…总结报告引言：在当今…).
    r"(?:引言|前言|导语|摘要|内容摘要|概述)[：:]|"
    # A speech's opening words right after its title (…调度会上的讲话刚才各组汇报了…).
    r"(?<=上的讲话|上的发言|上的致辞)(?:刚才|今天|这次|此次)|"
    # A news item's lead: its date, or the unit holding the meeting (…简报市委宣传部召开…).
    r"近日|日前|\d{1,2}月\d{1,2}日|(?:[省市县区州乡镇]委|[省市县区]政府)[^。，,：:\n]{0,12}?(?:召开|举办|举行|组织)|"
    r"在[^，,。]{0,12}(?:领导|指导|部署|要求)|现将|习近平总书记|党的二十|意识形态工作是|"
    r"我(?:局|镇|乡|街道|县|区|市|校|院|委|公司|单位|中心|们)|本(?:局|单位|年度)|年初以来|上半年[，,以])))"
)


def _labelled(body: str, titled: re.Match[str]) -> bool:
    """Whether a glued title (_GLUED_TITLE) runs into a heading: its label and at least a
    short title of the heading's own. A label ending the line is a collection's number of
    the piece (…分析研判报告（一）), not a heading."""
    label = titled.group("label")
    return bool(label) and len(body.rstrip()) >= titled.end() + len(label) + 2


# A yearbook's run-in heading opening a paragraph: 【理论武装工作扎实深入】 一是…
_RUN_IN_HEADING = lazy(r"^[\s\u3000]*【[^】\n]{2,20}】")
MAX_ENTRY_TITLE = 20  # characters of a yearbook entry's bare title (宣传部, 精神文明建设)
ENTRY_SEARCH = 12  # blocks where the entry's first run-in heading may stand


def _entry_title(
    blocks: Sequence[Block], labels: Sequence[_Label | None], start: int, end: int
) -> int | None:
    """A yearbook entry's bare title (宣传部, printed perhaps twice): a short unpunctuated
    first line, over text set in run-in headings 【…】 — a yearbook's, with no report word
    in its title."""
    if start >= end:
        return None
    text = blocks[start].text.strip()
    if (
        labels[start] is not None
        or not 2 <= len(text) <= MAX_ENTRY_TITLE
        or _NOT_TITLE.search(text)
        or not _HAN().search(text)
    ):
        return None
    reach = min(end, start + ENTRY_SEARCH)
    return (
        start if any(_RUN_IN_HEADING().match(blocks[k].text) for k in range(start, reach)) else None
    )


# A flattened notice (a PDF copy that lost its lines): its page number and document
# number (—1—示范院党〔2018〕19号), then its title up to 通知 run into the addressees
# (…关于印发《…》的通知各党总支、直属党支部：); a flattened speech likewise.
_NOTICE_FRONT = lazy(
    r"(?:[—–－]{1,2}\d{1,3}[—–－]{1,2})?(?:[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号)?"
)
_GLUED_NOTICE = lazy(
    r"[^。！？；;，,：:\n]{4,80}?(?:通知|通报|意见|决定)(?=各[^。！？\n：:，,]{1,40}[：:])"
    # A speech's title run into its speaker and salutation (…会议上的讲话市示范局局长同志们：).
    r"|[^。！？；;，,：:\n]{4,60}?(?:讲话|发言|致辞)(?=[^。！？；;，,：:\n]{0,30}?同志们[：:，,])"
    # A document site's flattened copy: the title, then its first page's marker (…考核办法1/6
    # 检察机关…考核办法为进一步…).
    r"|[^。！？；;，,：:\n]{4,60}?(?:办法|细则|制度|规定|方案|总结|报告|要点|计划)"
    r"(?=\d{1,3}/\d{1,3}[\u4e00-\u9fff])"
)
_TITLE_TWICE = lazy(
    r"(?P<title>[^。！？；;，,：:\s\d]{6,40}?)[ \u3000]*(?P=title)[ \u3000]*"
    r"(?=(?P<label>[（(][一壹][）)]|[一壹][、.．]))"
)
# A collection's line: a short title ending in the piece's number (…总结篇9, …范文3).
_COLLECTION_LINE = lazy(rf"^[^。！？；;，,：:\n]{{2,40}}?(?:篇|范文)\s*{_N}\s*$")
_CHUNK_NUMBER = re.compile(r"\d{1,3}(?:、|[ \t\u3000]+)")
# A document site's tag between dashes before a title it shares a line with (-精品推荐- …).
SITE_TAG = re.compile(
    r"[-－—]{1,2}[\u4e00-\u9fff]{2,8}[-－—]{1,2}[ \t\u3000]*(?=[\u4e00-\u9fff\d])"
    # a document site's slogan glued before the title it serves
    r"|精选优质文档[-－—]倾情为你奉上[ \t\u3000]*"
)
GLUED_TITLE_SEARCH = 3  # blocks of the report's own text where a glued title may begin
_SITE_WORD = 8  # characters: a line this short is a site's button or label (文档简介)


def _glued_title(
    blocks: Sequence[Block], labels: Sequence[_Label | None], start: int, end: int
) -> tuple[int, int] | None:
    """The first block and the end of its title, when a report's title begins its body."""
    looked = 0  # blocks of the report's own passed over: a title comes within three
    for i in range(start, min(start + TITLE_SEARCH, end)):
        if looked >= GLUED_TITLE_SEARCH or labels[i] is not None or blocks[i].kind != "paragraph":
            return None
        body, offset = _strip_residue(blocks[i].text)
        # Unlabelled yet opening with a number: a page or a site's chunk number.
        number = _CHUNK_NUMBER.match(body)
        if number is not None:
            body, offset = body[number.end() :], offset + number.end()
        tag = SITE_TAG.match(body)
        if tag is not None:
            body, offset = body[tag.end() :], offset + tag.end()
        m = _GLUED_TITLE().match(body)
        # A heading label after the title needs only its own short title behind it.
        if m is not None and (
            _labelled(body, m) or (not m.group("label") and len(body) > m.end() + 20)
        ):
            return i, offset + m.end()
        # A title of any wording printed twice and run into the first heading (a document
        # site's copy: …制度概述…制度概述一、关于…): the repeat is the title's mark.
        twice = _TITLE_TWICE().match(body)
        if twice is not None and _labelled(body, twice):
            return i, offset + twice.end()
        front = _NOTICE_FRONT().match(body)
        notice = _GLUED_NOTICE().match(body, front.end() if front else 0)
        if notice is not None:
            return i, offset + notice.end()
        # Passed over: a site's greeting, breadcrumb or notice (您好，欢迎访问…, 首页 > …,
        # 版权说明：…) — with no title found, nothing of the report's own comes first. A
        # document site's lines (下载本文档, 文档简介, its pages' names) do not count.
        text = blocks[i].text.strip()
        if len(text) > _SITE_WORD and not _PREFACE().search(text):
            if len(text) > MAX_TITLE and _FULL_STOP().search(text):
                return None  # the report's text has begun: a title comes before it
            looked += 1
    return None


# Any label that may stand inside a paragraph; whether it is a heading depends on what
# precedes it and on the sequence open at that point (see _accepts).
# The arabic label's "no digit or point before" is looked at after its first digit (the
# same test): every alternative then opens with a character class, from which re builds
# a set of first characters to skip ahead by; a lookbehind first was tried everywhere.
_GLUED = re.compile(
    rf"[（(] ?(?P<paren>[{_CN}]{{1,3}}) ?[）)]|(?P<cn>[{_CN}]{{1,3}})、(?![{_CN}]+[、季])"
    rf"|(?P<cndot>[{_CN}]{{1,3}})[.．](?![{_CN}\d])|第(?P<part>[{_CN}]{{1,3}})(?:部分|个?方面|节)[：:]?"
    r"|(?P<arabic>\d(?<![\d.．]\d)\d?)[.．、](?![\dA-Za-z])|[（(](?P<aparen>\d{1,2})[）)]"
    rf"|(?<![\d.．])\d{{1,2}}[.．](?P<decimal>\d{{1,2}}){_DECIMAL_AFTER}"
)
_GLUED_FAMILY: dict[str, HeadingFamily] = {
    "paren": "cn-paren",
    "cn": "cn",
    "cndot": "cn",
    "part": "part",
    "arabic": "arabic",
    "aparen": "arabic-paren",
    "decimal": "decimal",
}
# A glued heading's title ends where an enumeration (一是) or the next label begins: the
# body runs on in the same block.
_GLUED_TITLE_END = lazy(
    rf"[一二三四五六七八九十]是|[（(][{_CN}\d]{{1,3}}[）)]|[{_CN}]{{1,3}}、|(?<![\d.．])\d{{1,2}}[、.．](?!\d)"
    rf"|(?<![\d.．])\d{{1,2}}[.．]\d{{1,2}}{_DECIMAL_AFTER}"
)
# A glued heading's title, ending in a word, then the space where its line broke and a
# sentence of the text (a title's own wrap space, 2021 年, is followed by no such sentence).
_SPACE_ENDS_TITLE = lazy(
    rf"([^。！？；;!?：:，,、\s]{{1,{MAX_STANDALONE_HEADING - 1}}}[\u4e00-\u9fff])[ \u3000]+"
    r"(?=[\u4e00-\u9fff]{2}[^。！？；;\s]{0,80}?[，,。])"
)
_COMMA = lazy(r"[，,]")
_SENTENCE_END = ("。", "！", "？", "!", "?", "…")
# A quotation or a bracket closed after its sentence's end (…守土尽责。”一、 / …（略）。）一、).
_CLOSERS = "”’」』）)】"
_LEAD_IN = ("：", ":", "如下")


def _ends_sentence(before: str) -> bool:
    """Whether `before` (the text up to a label) ends a sentence, perhaps closing a quotation
    or a bracket after its full stop; a quotation closed without one (…“三个亲自”一、) does not."""
    if before.endswith(_SENTENCE_END):
        return True
    bare = before.rstrip(_CLOSERS)
    return bare != before and bare.endswith(_SENTENCE_END)


_PUNCTUATION = lazy(r"[，,。；;！？!?：:、“”《》（）()]")
# A heading's title may hold a comma (一、坚持政治引领，压实责任（一）…), nothing more.
_TITLE_PUNCTUATION = lazy(r"[。；;！？!?：:“”《》（）()]")
Context = Literal["sentence", "lead-in", "title", "after-title", "run-on", "semicolon"]
# A copy that lost each heading's line break with the full stop before it runs a paren
# label on after a word: …各项任务（一）认真履行第一责任人职责。今年以来…使用（二）建立…
# The label's title then ends in a full stop of its own (a list inside a sentence goes on
# with a comma or a semicolon); never after 第 or a word that cites a numbered item.
_RUN_ON_BEFORE = lazy(r"(?<![第条款项表图件见])[\u4e00-\u9fff]$")
_RUN_ON_TITLE = lazy(rf"[^。！？；;!?：:，,（()）\n]{{2,{MAX_STANDALONE_HEADING}}}。")
_RUN_ON_SECOND = lazy(
    rf"(?<=[\u4e00-\u9fff。！？])[（(]二[）)][^。！？；;!?：:，,（()）\n]{{2,{MAX_STANDALONE_HEADING}}}。"
)


def _is_title_between(between: str) -> bool:
    """Whether the text between a label and the next is a short title, perhaps ending in a
    colon (一、基本情况：)."""
    title = between.rstrip("：: \u3000")
    return 2 <= len(title) <= MAX_STANDALONE_HEADING and not _TITLE_PUNCTUATION().search(title)


def _glued_labels(
    text: str, skip: int = 0, last: int | None = None
) -> list[tuple[_Label, Context]]:
    """Labels inside `text` (from `skip` on) after a sentence end, after a lead-in ("如下："),
    or right after the short unpunctuated title of the label before (a flattened copy:
    "一、主要做法（一）抓学习，…"). `last` is where the block's own label ends."""
    found: list[tuple[_Label, Context]] = []
    # A block opening with a title and its first heading (…工作总结与计划一、工作背景…)
    # when the report's title was taken from another line (a site's copy of it).
    after_title = skip
    if not skip and last is None:
        body, offset = _strip_residue(text)
        titled = _GLUED_TITLE().match(body)
        if titled is not None and _labelled(body, titled):
            after_title = offset + titled.end()
    for m in _GLUED.finditer(text, skip):
        if m.start() <= skip and skip == 0:
            continue  # the block's own label
        raw = next(g for g in m.groups() if g)
        family = _GLUED_FAMILY[m.lastgroup or ""]
        number = _number(raw)
        # Bounded windows: a flattened block is long, and slicing from its start at every
        # label made it quadratic.
        before = text[max(0, m.start() - 8) : m.start()].rstrip(" \u3000")
        near_last = last is not None and m.start() - last <= MAX_STANDALONE_HEADING + 8
        between = text[last : m.start()].strip(" \u3000") if near_last else ""
        # A heading's title may end in a colon where the copy kept its line break as a
        # space (一、基本情况： （一）…); a colon right before a label opens a list.
        colon_title = (
            near_last
            and between.endswith(("：", ":"))
            and text[m.start() - 1] in " \u3000"
            and _is_title_between(between)
        )
        context: Context
        if after_title and m.start() == after_title:
            context = "after-title"  # the report's title glued before it (see _glued_title)
        elif _ends_sentence(before):
            context = "sentence"
        elif before.endswith(_LEAD_IN) and not colon_title:
            context = "lead-in"
        elif (
            near_last
            and _is_title_between(between)
            # 。一、学习到位，二、责任到位: a sibling after a clause and its comma is the
            # list's next item — unless a space stands for the title's lost line break
            # (2、注重学习，提高素质 3、精心组织，…).
            and not (
                found
                and found[-1][0].family == family
                and _COMMA().search(between)
                and text[m.start() - 1] not in " \u3000"
            )
        ):
            context = "title"
        elif (
            family == "cn-paren"
            and _RUN_ON_BEFORE().search(before)
            and _RUN_ON_TITLE().match(text, m.end())
        ):
            context = "run-on"
        elif (
            family == "cn-paren"
            and before.endswith(("；", ";"))
            and _RUN_ON_TITLE().match(text, m.end())
            and _LAST_ITEM().search(text, max(0, m.start() - 4 * MAX_STANDALONE_HEADING), m.start())
        ):
            # …二是走访困难职工；三是走访困难党员；（四）深入开展了…活动。 the semicolon closes
            # the last item of the heading before's 一是…三是, not a clause of a （一）（二） list:
            # a heading only where it goes on with an open sequence of headings (_accepts)
            context = "semicolon"
        else:
            continue
        # A window, not the rest of the block: a title is short, and slicing to the end
        # at every match made a long block quadratic.
        rest = text[m.end() : m.end() + 4 * MAX_STANDALONE_HEADING]
        offset = m.start()
        # A label left bare at the block's end: a site cut the heading from its title
        # (…的格局。 二、 / 2、加强定期研判…); it still counts in its sequence.
        bare = not rest.strip() and context in ("sentence", "after-title") and family == "cn"
        if number is not None and (rest.strip() or bare):
            label = _with_title((family, m.group(0), number), offset, rest)
            cut = _GLUED_TITLE_END().search(label.title)
            if cut is not None and cut.start() > 0:
                label = dataclasses.replace(label, title=label.title[: cut.start()], inline=True)
            # 三、下一步打算 加强…，每年…。: the space stands for the title's lost line break,
            # the text runs on after it; the title ends there, not at the block's end.
            spaced = _SPACE_ENDS_TITLE().match(rest.lstrip())
            if spaced is not None and len(spaced.group(1)) < len(label.title):
                label = dataclasses.replace(label, title=spaced.group(1), inline=True)
            found.append((label, context))
            last = m.end()
    return found


def _next_label(labels: Sequence[_Label | None], start: int, end: int) -> _Label | None:
    return next((labels[k] for k in range(start, end) if labels[k] is not None), None)


def _accepts(
    nesting: _Nesting,
    glued: _Label,
    context: Context,
    text: str,
    follows: _Label | None,
    later: Callable[[HeadingFamily], bool] = lambda family: False,
    alone: Callable[[HeadingFamily], bool] = lambda family: False,
) -> bool:
    """Whether a glued label is a heading: the next number of an open sequence, or the first
    of a new deeper level whose second number follows (in this block or as the next label).
    After "；" or mid-sentence a label is a list item inside the paragraph, never a heading."""
    if glued.family == "decimal" and not _decimal_fits(nesting, glued.label):
        return False
    if nesting.continues(glued.family, glued.number):
        return True
    if context == "semicolon":
        return False  # …；（四）… only goes on with an open sequence of headings
    if _second_without_first(nesting, glued, context, text):
        return True
    if (
        context == "title"
        and nesting.families
        and RANK[glued.family] > RANK[nesting.families[-1]]
        and nesting.latest.get(glued.family) == glued.number - 1
    ):
        return True  # 二、<title>3、…: sub-headings numbered on across parts, run onto the title
    if (
        glued.family == "arabic"
        and glued.number == 2
        and context == "sentence"
        and "arabic" not in nesting.families
        and _spaced_run(text, glued)
    ):
        return True  # 。 2.园区绿化建设。…。 3.城区…: spaced sub-headings whose 1. was lost
    if glued.number != 1 or glued.family in nesting.families:
        return False
    if (
        context == "title"
        and nesting.families
        and glued.family in nesting.below.get(nesting.families[-1], ())
    ):
        return True  # 二、<title> 1、… as 一、<title> 1、… opened its own: the same sub-level again
    start = glued.offset + len(glued.label)
    if (
        context == "sentence"
        and nesting.families
        and RANK[glued.family] > RANK[nesting.families[-1]]
        and _under_stopped_title(nesting, text, glued.offset)
        and _STOPPED_TITLE().match(text, start, start + SECTION_WINDOW) is not None
    ):
        # 二、项目进展情况。1、…整治（一期）。: a level's first heading right after its
        # parent's short title and full stop, with a short title of its own — a line of
        # its own in the copy before it lost its breaks (an excerpt may end before its 2、).
        return True
    if glued.family == "part" and context in ("sentence", "lead-in"):
        # 。第一部分… / 谈点看法：第一个方面：… / 。第一节：… a part's label with its colon is
        # no list item (第一节 alone after a sentence may be a regulation's cited section)
        return glued.label.endswith(("部分", "：", ":"))
    if context == "run-on":
        # The first of a run-on level, with its second run on the same way after it.
        deeper = not nesting.families or RANK[glued.family] > RANK[nesting.families[-1]]
        return deeper and _RUN_ON_SECOND().search(text, start, start + SECTION_WINDOW) is not None
    if context == "after-title" and not nesting.families:
        # 一、 or （一） right after the report's title opens its body; but a number that the
        # opening sentence follows (…研判报告 （一） 2021 年以来，…) is a collection's
        # number of the piece, not a heading with a title of its own.
        return _OPENING_AFTER_NUMBER().match(text, start, start + SECTION_WINDOW) is None
    if (
        context == "sentence"
        and glued.family == "cn"
        and not nesting.families
        and (
            _SPACED_TITLE().match(text, start, start + SECTION_WINDOW) is not None
            # (spaced off its sentence as well, its title may hold a comma: …前进。 一、基础
            # 设施不断加强，奠定了…基础 由于…)
            or (
                text[glued.offset - 1] in " \u3000"
                and _SPACED_CLAUSE_TITLE().match(text, start, start + SECTION_WINDOW) is not None
            )
        )
    ):
        # "…文化引领。 一、2022年工作总结 聚焦主线…": after the opening, a short title whose
        # line break a flattened copy kept as a space — the report's first heading, with
        # no second one in an excerpt cut short.
        return True
    if nesting.families and RANK[glued.family] <= RANK[nesting.families[-1]]:
        return False
    window = text[start : start + SECTION_WINDOW]
    if glued.family.startswith("arabic") and context == "sentence":
        # "。1." or "。（1）" opens a numbered list as often as a heading; but no list item
        # opens a sub-list at once after a short title (。 1、工作职责 （1）依照…).
        if glued.family != "arabic":
            return False
        if _ARABIC_OPENS_BELOW().match(window) is not None:
            return True
        # 。 1、领导力量到位。…。 2、制度政策到位。: a copy that kept each lost line break as
        # a space after the full stop, its 2、 spaced off the same way (here or in a later
        # block); a list inside a paragraph runs on without the space.
        return text[glued.offset - 1] in " \u3000" and (
            _SPACED_SECOND().search(window) is not None or later(glued.family)
        )
    if _second_follows(glued.family, window):
        return True
    if (
        context == "title"
        and nesting.families
        and nesting.families[-1] == "arabic"
        and glued.family == "decimal"
    ):
        return True  # 1.<title> 1.1 <title>…: the decimal sub-heading run onto its heading's line
    if context == "title" and nesting.families and _BELOW.get(nesting.families[-1]) == glued.family:
        return True  # 一、<title>（一）…: the first sub-heading run onto its heading's line
    # 一、<title>（一）<title>。……（二）: the first heading of a level with its own first
    # sub-heading glued on, in a copy cut before the level's second heading.
    below = _FIRST_BELOW.get(glued.family)
    opened = below().match(window) if below is not None and context != "title" else None
    if opened is not None:
        # After "如下：" or a sentence, 一、<short title>（一）: the pair alone says so (a
        # copy cut before the second heading shows no more).
        return True
    if context == "lead-in" and glued.family == "cn" and _LEAD_IN_OPENS().match(window):
        return True  # 如下：一、主要工作1、强化… / 如下：一、政治建设情况一是…
    if (
        context == "lead-in"
        and glued.family == "cn"
        and not nesting.families
        and _ANNOUNCED().search(text, max(0, glued.offset - 12), glued.offset)
        and _SECOND["cn"]().search(_SENTENCE_STOP().split(window, maxsplit=1)[0]) is None
    ):
        # The report's own announcement of its parts (现将…汇报如下：一、…): its first
        # heading, whatever runs on after the title, unless its sentence lists a 二、 too.
        return True
    if follows is not None and follows.family == glued.family and follows.number == 2:
        return True
    # After a sentence or a lead-in (…汇报如下：一、…), the part's second heading may come
    # glued in a later paragraph, or not at all in an excerpt cut short.
    if context not in ("sentence", "lead-in") or glued.family not in _CROSS_BLOCK:
        return False
    if glued.family == "cn" and _SENTENCE_OPENS().match(window):
        return True  # …文化保障。一、工作情况一是深入…: a short title over its 一是 list
    # 。一、<title>… with its 二、 in a later paragraph (a flattened copy glues each part
    # to the part before): a heading, unless its own sentence runs on to a 二、 (a list).
    sentence = _SENTENCE_STOP().split(window, maxsplit=1)[0]
    second = _SECOND.get(glued.family)
    if second is None or second().search(sentence) is not None:
        return False
    if later(glued.family):
        return True
    # 。一、<short title>，… the report's first heading with no 二、 or 一、 anywhere after it
    # in the few blocks left: an excerpt cut inside its first part. A list item would have
    # its second; one in a list of clauses ends in a semicolon.
    # The same for a part's first sub-heading (…如下：一、<title>… 。（一）<title>，…) when
    # the excerpt is cut before its （二）.
    first_of_level = (glued.family == "cn" and not nesting.families) or (
        glued.family == "cn-paren" and nesting.families[-1:] == ["cn"] and context == "sentence"
    )
    return (
        first_of_level
        and _LONE_TITLE().match(window) is not None
        and not _SEMICOLON().search(sentence)
        and second().search(window) is None
        and _FIRST_OF[glued.family]().search(window) is None
        and alone(glued.family)
    )


_SEMICOLON = lazy(r"[；;]")
# A heading's short title ending in a full stop (一、加强组织领导。), as flattened copies
# print them: the label right before the point looked at, or the title right after it.
_STOPPED_BEFORE = lazy(
    rf"(?P<label>[（(][{_CN}]{{1,3}}[）)]|[{_CN}]{{1,3}}、|(?<![\d.．])\d{{1,2}}[、.．])"
    rf"[^。！？；;!?：:，,\n]{{2,{MAX_STANDALONE_HEADING}}}。$"
)
_STOPPED_TITLE = lazy(rf"[^。！？；;!?：:，,\n]{{2,{MAX_STANDALONE_HEADING}}}。")


def _under_stopped_title(nesting: _Nesting, text: str, offset: int) -> bool:
    """Whether the text before `offset` is the innermost open heading's label and its short
    title with a full stop (二、项目进展情况。): nothing of a paragraph stands between."""
    reach = max(0, offset - MAX_STANDALONE_HEADING - 8)
    before = _STOPPED_BEFORE().search(text, reach, offset)
    if before is None or not nesting.families:
        return False
    label = _GLUED.fullmatch(before.group("label"))
    if label is None:
        return False
    family = _GLUED_FAMILY[label.lastgroup or ""]
    number = _number(next(g for g in label.groups() if g))
    return family == nesting.families[-1] and nesting.latest.get(family) == number


# A 2、 or 2. after a sentence end and the space a flattened copy left for its line break.
_SPACED_SECOND = lazy(r"[。！？!?][”’）)]?[ \u3000]+2[.．、](?!\d)")
# The last item of an enumeration (…；三是走访困难党员；) right before a label.
_LAST_ITEM = lazy(r"[二三四五六七八九十]是[^。！？!?；;]*[；;][ \u3000]*$")
_MAJOR = lazy(r"\d+")


def _decimal_fits(nesting: _Nesting, label: str) -> bool:
    """Whether a decimal label (1.2) sits under the open arabic heading of its first part
    (1.): 5.12 under 1. is a date, 1.5 a figure."""
    major = _MAJOR().match(label)
    return (
        major is not None
        and "arabic" in nesting.families
        and nesting.latest.get("arabic") == int(major.group())
    )


def _list_on_its_lead_in(text: str, glued: _Label, context: Context) -> bool:
    """任务：1、紧密结合…；(2、 on the next line): a list whose author began it on its lead-in's
    line, its items closed by semicolons — in the outline as its first item, but no heading
    that lost its line break (ST206); a report's announcement (汇报如下：) is no such lead-in."""
    start = glued.offset + len(glued.label)
    return (
        context == "lead-in"
        and _LIST_ITEM().match(text, start, start + SECTION_WINDOW) is not None
        and not _ANNOUNCED().search(text, max(0, glued.offset - 12), glued.offset)
    )


# A list item's text up to its first stop, a semicolon (…党员教育学习，…核心作用；).
_LIST_ITEM = lazy(r"[^。！？!?；;：:\n]*[；;]")
# A report's announcement of what follows, ending right before the label.
_ANNOUNCED = lazy(r"(?:汇报|报告|总结|通报)如下[：:]?[ \u3000]*$")
# (a PDF copy may space its words: 一、2021 年上半年工作开展情况 2021 年上半年，…)
_LONE_TITLE = lazy(rf"[^。！？；;!?：:，,、\n]{{2,{MAX_STANDALONE_HEADING}}}?[，,]")


def _alone(rest: Sequence[Block], labels: Sequence[_Label | None], family: HeadingFamily) -> bool:
    """Whether no block of the report's `rest` (its `labels`) holds a label of the family:
    its own, or a first or second one in its text."""
    first = _FIRST_OF.get(family, _NEVER)()
    second = _SECOND[family]()
    return not any(
        (label is not None and label.family == family)
        or first.search(block.text)
        or second.search(block.text)
        for block, label in zip(rest, labels, strict=True)
    )


_CROSS_BLOCK: frozenset[HeadingFamily] = frozenset({"part", "cn", "cn-paren"})
_SENTENCE_STOP = lazy(r"[。！？!?]")
# After a sentence end, 一、 and a short title without a comma, then its first 一是.
# (its title may end in a colon, the 一是 spaced: 一、具体做法和成效： 一 是…)
_SENTENCE_OPENS = lazy(r"[^。！？；;!?：:，,、\n]{2,20}?(?:[：:][ \u3000]*)?一[ \u3000]?是")
BLOCKS_TO_SECOND = 40  # later blocks searched for a glued first heading's second one


def _second_later(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    start: int,
    end: int,
    family: HeadingFamily,
) -> bool:
    """Whether the family's next label in the blocks after `start` is its second one (a
    block's own label, or glued after a sentence end), before a label of a higher level
    closes the part."""
    for k in range(start, min(end, start + BLOCKS_TO_SECOND)):
        label = labels[k]
        if label is not None:
            if label.family == family:
                return label.number == 2
            if RANK[label.family] < RANK[family]:
                return False
        text = blocks[k].text[:SECTION_WINDOW]
        if _second_follows(family, text):
            return True
        if _FIRST_OF.get(family, _NEVER)().search(text):
            return False  # the family starts again at 一: another list, not this one's
    return False


_NEVER = lazy(r"(?!)")
_FIRST_OF: dict[HeadingFamily, Callable[[], re.Pattern[str]]] = {
    "part": lazy(r"第一(?:部分|个?方面|节)"),
    "cn": lazy(rf"(?<![{_CN}第]){_ONE}、"),
    "cn-paren": lazy(rf"[（(]{_ONE}[）)]"),
}


# A report's opening phrase and its comma (2021 年以来，今年以来，): a sentence, never a
# heading's title.
_OPENING_AFTER_NUMBER = lazy(
    r"[ \u3000]*(?:(?:20\d{2}|[〇一二][〇零一二三四五六七八九]{3})"
    r"[ \u3000]*年(?:[ \u3000]*(?:以来|来|上半年|下半年|度))?"
    r"|今年以来|近年来|近年以来|一年来|半年来|年初以来|上半年以来)[，,]"
)
# A heading's short title ended by a space where its line broke, the text running on.
_SPACED_TITLE = lazy(rf"[^。！？；;!?：:，,、\s]{{2,{MAX_STANDALONE_HEADING}}}[ \u3000]+(?=\S)")
_SPACED_CLAUSE_TITLE = lazy(rf"[^。！？；;!?：:、\s]{{2,{MAX_STANDALONE_HEADING}}}[ \u3000]+(?=\S)")
# A top heading's short title with its first sub-heading glued on: 二、下半年工作计划1、继续…
_OPENS_BELOW = lazy(
    rf"[^。！？；;!?：:，,\n]{{2,{MAX_STANDALONE_HEADING}}}?(?:[（(]{_ONE}[）)]|1[、.．](?!\d))"
)


def _second_without_first(nesting: _Nesting, glued: _Label, context: Context, text: str) -> bool:
    """二、 glued after a sentence with no 一、 before it (an excerpt that begins inside the
    first part, or a copy that lost it): a heading when its short title opens a sub-level
    at once (二、下半年工作计划1、…, 二、存在问题（一）…), as no list item does."""
    if glued.family != "cn" or glued.number != 2 or context != "sentence":
        return False
    if "cn" in nesting.families:
        return False
    start = glued.offset + len(glued.label)
    return _OPENS_BELOW().match(text, start, start + SECTION_WINDOW) is not None


# A 3、 or 3. after a sentence end and the space a flattened copy left for its line break.
_SPACED_THIRD = lazy(r"[。！？!?][”’）)]?[ \u3000]+3[.．、](?!\d)")


def _spaced_run(text: str, glued: _Label) -> bool:
    """Whether an arabic 2 glued in `text` is spaced off its sentence with a 3 spaced off
    the same way after it: a copy that kept each lost line break as a space shows its
    sub-headings by their spacing, though the list's 1. was lost (or never printed)."""
    if glued.family != "arabic" or glued.number != 2 or glued.offset < 1:
        return False
    if text[glued.offset - 1] not in " \u3000":
        return False
    start = glued.offset + len(glued.label)
    return _SPACED_THIRD().search(text, start, start + SECTION_WINDOW) is not None


def _second_follows(family: HeadingFamily, window: str) -> bool:
    """The family's second heading after a sentence end in `window`."""
    second = _SECOND.get(family)
    return second is not None and any(
        m.start() > 0
        and _ends_sentence(window[max(0, m.start() - 4) : m.start()].rstrip(" \u3000"))
        for m in second().finditer(window)
    )


_BELOW: dict[HeadingFamily, HeadingFamily] = {
    "part": "cn",
    "cn": "cn-paren",
    "cn-paren": "arabic",
    "arabic": "arabic-paren",
}
# A short title without a comma and its first （1） at once: 1、工作职责 （1）…
_ARABIC_OPENS_BELOW = lazy(
    rf"[^。！？；;!?：:，,、\n]{{2,{MAX_STANDALONE_HEADING}}}?[ \u3000]*[（(]1[）)]"
)
# After "如下：", a short title and any first item below it: 1、, 1., （一） or 一是.
_LEAD_IN_OPENS = lazy(
    rf"[^。！？；;!?：:\n]{{2,{MAX_STANDALONE_HEADING}}}?(?:[（(]{_ONE}[）)]|1[、.．](?!\d)|一是)"
)
_FIRST_BELOW: dict[HeadingFamily, Callable[[], re.Pattern[str]]] = {
    "part": lazy(rf"[^。！？；;!?\n]{{2,{MAX_STANDALONE_HEADING}}}?{_ONE}、"),
    "cn": lazy(rf"[^。！？；;!?：:\n]{{2,{MAX_STANDALONE_HEADING}}}?[（(]{_ONE}[）)]"),
    "cn-paren": lazy(rf"[^。！？；;!?：:\n]{{2,{MAX_STANDALONE_HEADING}}}?1[.．]"),
}


_SECOND: dict[HeadingFamily, Callable[[], re.Pattern[str]]] = {
    "part": lazy(r"第二(?:部分|个?方面|节)"),
    "cn": lazy(rf"{_TWO}、(?![{_CN}]+[、季])|{_TWO}[.．](?![{_CN}\d])"),
    "cn-paren": lazy(rf"[（(]{_TWO}[）)]"),
    "arabic": lazy(r"(?<![\d.．])2[.．、](?!\d)"),
    "arabic-paren": lazy(r"[（(]2[）)]"),
    "decimal": lazy(rf"(?<![\d.．])\d{{1,2}}[.．]2{_DECIMAL_AFTER}"),
}


def _enumerations(block: int, text: str) -> list[Enumeration]:
    items: list[Enumeration] = []
    for m in _ENUMERATION.finditer(text):
        raw = m.group(1) or m.group(2)
        number = parse_cn_number(raw)
        if number is not None:
            items.append(Enumeration(block, m.start(), sys.intern(m.group(0)), number))
    return items


def _close(sections: Sequence[Section]) -> tuple[Section, ...]:
    """Ends each section at the next heading of the same or a higher level."""
    closed: list[Section] = []
    for k, section in enumerate(sections):
        heading = section.heading
        following = next(
            (s.heading for s in sections[k + 1 :] if s.heading.level <= heading.level), None
        )
        end = section.end
        if following is not None:
            # The block of an embedded heading still begins in the section it interrupts.
            end = following.block + 1 if following.embedded else following.block
        closed.append(Section(heading, section.start, end, section.roles, section.parent))
    return tuple(closed)
