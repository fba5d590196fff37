"""The outline of a document: its reports, headings, sections and section roles.

Chinese official reports number their headings 一、 → （一） → 1. → （1） (GB/T 9704), write
paragraph-internal enumerations as 一是…二是…, and are often pasted several to a file.
Recognition is deliberately conservative: a wrong heading or a wrong report boundary
costs more (misplaced findings, hidden elements) than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from compliance.document import Block, Document

HeadingFamily = Literal["cn", "cn-paren", "arabic", "arabic-paren"]
# GB/T 9704 order: decides whether a family not yet open nests below or closes the open ones.
RANK: dict[HeadingFamily, int] = {"cn": 1, "cn-paren": 2, "arabic": 3, "arabic-paren": 4}
PLAN_ROLE = "plan"  # a second 一、 after this role's section begins a new report
MAX_TITLE = 60
MAX_STANDALONE_HEADING = 40
_CLAUSE_END = re.compile(r"[，,；;]")

_CN = "一二三四五六七八九十"
_DIGIT = {c: i for i, c in enumerate(_CN[:9], start=1)}

# Leading whitespace and copy-paste residue: a quote marker ">", markdown "#", "*" bullets,
# a BOM or zero-width space. `\s` already covers U+3000 and NBSP.
_RESIDUE = re.compile(r"[\s>＞#*\ufeff\u200b]*")
_LABELS: tuple[tuple[HeadingFamily, re.Pattern[str]], ...] = (
    # "一、一岗双责…" is a heading, "一、二季度…" and "一、二、三等奖" are prose.
    ("cn", re.compile(rf"([{_CN}]{{1,3}})(?:、(?![{_CN}]+[、季])|[.．](?![{_CN}\d]))")),
    ("cn", re.compile(rf"第([{_CN}]{{1,3}})(?:部分|章)[、，,\s]?")),
    ("cn-paren", re.compile(rf"[（(]([{_CN}]{{1,3}})[）)]")),
    # A label, not a decimal ("1.5万元") nor a year ("2024年").
    ("arabic", re.compile(r"(\d{1,2})[、.．](?!\d)")),
    ("arabic-paren", re.compile(r"[（(](\d{1,2})[）)]")),
)
# A label glued after the end of a sentence: "…落实。(三)巩固…". Not after "；", where
# "（一）…；（二）…" is a list inside one paragraph.
_EMBEDDED = re.compile(
    rf"(?<=[。！？!?])[ \u3000]*(?:[（(](?P<paren>[{_CN}]{{1,3}})[）)]|(?P<cn>[{_CN}]{{1,3}})、)"
)
_ENUMERATION = re.compile(
    rf"(?:^|(?<=[\s。；;！？!?：:，,、>＞]))(?:([{_CN}]{{1,3}})是|第([{_CN}]{{1,3}})(?=[，,、]))"
)
_TITLE_END = re.compile(r"[。！？!?：:]")
_INTERIOR_STOP = re.compile(r"[。！？；;!?]")
_BODY_STOP = re.compile(r"[。！？；;!?，,]")
_NOT_TITLE = re.compile(r"[。！？；;!?，,：:]")
# A report title ends with its kind of document, perhaps followed by a remark: "（草稿）".
_REPORT_WORD = re.compile(r"(总结|报告|汇报|述职|工作要点|情况)(?:[（(][^（()）]*[）)])?$")
_YEAR = re.compile(r"\d{4}年|[〇零一二三四五六七八九]{4}年|年度|半年")
_CLOSING = ("特此", "以上", "现将")


def parse_cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; None if `text` is not such a numeral."""
    if len(text) == 1:
        return 10 if text == "十" else _DIGIT.get(text)
    tens, sep, ones = text.partition("十")
    if not sep or len(tens) > 1 or len(ones) > 1:
        return None
    ten = _DIGIT.get(tens) if tens else 1
    one = _DIGIT.get(ones) if ones else 0
    return None if ten is None or one is None else ten * 10 + one


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else parse_cn_number(raw)


@dataclass(frozen=True, slots=True)
class Heading:
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
    heading: Heading
    start: int  # the heading's block
    end: int  # exclusive; the next heading of the same or a higher level, or the report's end
    roles: frozenset[str]  # recognised in this heading's title, not inherited
    parent: int | None  # index into Report.sections


@dataclass(frozen=True, slots=True)
class EmbeddedHeading:
    block: int
    offset: int  # index in Block.text where the label starts
    label: str
    family: HeadingFamily
    number: int


@dataclass(frozen=True, slots=True)
class Enumeration:
    block: int
    offset: int
    marker: str  # "一是", "第二"
    number: int


@dataclass(frozen=True)
class Report:
    start: int  # block range [start, end) within the document
    end: int
    title: int | None
    sections: tuple[Section, ...]
    embedded: tuple[EmbeddedHeading, ...]
    enumerations: tuple[Enumeration, ...]

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
        return tuple(
            roles_set(r for i in path for r in self.sections[i].roles) for path in self._paths
        )

    def sections_with_role(self, role: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if role in s.roles)

    @cached_property
    def _paths(self) -> tuple[tuple[int, ...], ...]:
        return tuple(_path(self.sections, b) for b in range(self.start, self.end))


@dataclass(frozen=True)
class Outline:
    reports: tuple[Report, ...]


def _path(sections: Sequence[Section], block: int) -> tuple[int, ...]:
    # A block shared by two sections (an embedded heading) starts in the earlier one.
    holding = [
        k
        for k, s in enumerate(sections)
        if s.start <= block < s.end and not (s.heading.embedded and s.heading.block == block)
    ]
    if not holding:
        return ()
    chain: list[int] = []
    k: int | None = max(holding, key=lambda h: (sections[h].heading.level, h))
    while k is not None:
        chain.append(k)
        k = sections[k].parent
    return tuple(reversed(chain))


# -- recognising one block -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Label:
    family: HeadingFamily
    label: str
    number: int
    offset: int  # where the label starts in Block.text; -1 when the text does not hold it
    title: str
    inline: bool


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


def _match_label(text: str, bare: bool = False) -> tuple[HeadingFamily, str, int, int] | None:
    """(family, label, number, label length) of the label at the start of `text`."""
    for family, pattern in _LABELS:
        m = pattern.match(text)
        if m is None:
            continue
        number = _number(m.group(1))
        rest = text[m.end() :].strip()
        # A label with nothing after it is no heading (unless Word numbering supplies it).
        if number is None or not (bare or rest):
            return None
        return family, m.group(0).strip(), number, m.end()
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
        clause = _CLAUSE_END.search(rest, 0, MAX_STANDALONE_HEADING)
        title = rest[: clause.start()] if clause else rest[:MAX_STANDALONE_HEADING]
    else:
        title = rest[: end.end()]
    return _Label(family, label, number, offset, title, len(title) < len(rest))


def _is_title(block: Block, label: _Label | None, strict: bool = False) -> bool:
    """A report title: short, unpunctuated, ending with a report word.

    `strict` is for splitting a file into reports, where "…情况" alone may be an unnumbered
    sub-heading: it then needs a year or half-year ("2024年", "上半年") to count.
    """
    text = _strip_residue(block.text)[0].strip()
    found = _REPORT_WORD.search(text)
    return (
        block.kind == "paragraph"
        and label is None
        and 0 < len(text) <= MAX_TITLE
        and found is not None
        and not _NOT_TITLE.search(text)
        and not text.startswith(_CLOSING)
        and not (strict and found.group(1) == "情况" and not _YEAR.search(text))
    )


def _is_teaser(block: Block) -> bool:
    """A web page's summary line: the title and opening again, cut off."""
    text = block.text.rstrip()
    return len(text) > MAX_TITLE and text.endswith(("...", "…"))


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
    return len(text) > MAX_TITLE or bool(_BODY_STOP.search(text))


def _is_opening(block: Block, label: _Label | None) -> bool:
    """An opening that ends "…报告如下：", the last line before a report's first heading."""
    return label is None and block.text.rstrip().endswith(("如下：", "如下:"))


# -- the whole document --------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleFinder:
    phrases: Mapping[str, tuple[str, ...]]

    def __call__(self, title: str) -> frozenset[str]:
        return roles_set(r for r, ps in self.phrases.items() if any(p and p in title for p in ps))


# The few distinct sets of roles, each held once: a long file has tens of thousands of
# sections and blocks that each carry one.
_ROLE_SETS: dict[frozenset[str], frozenset[str]] = {}


def roles_set(roles: Iterable[str]) -> frozenset[str]:
    found = frozenset(roles)
    return _ROLE_SETS.setdefault(found, found)


def build_outline(doc: Document, roles: Mapping[str, Sequence[str]]) -> Outline:
    blocks = doc.blocks
    labels = [_label(b) for b in blocks]
    role_of = _RoleFinder({role: tuple(phrases) for role, phrases in roles.items()})
    bounds = [*_report_starts(blocks, labels, role_of), len(blocks)]
    return Outline(
        tuple(
            _report(blocks, labels, role_of, bounds[i], bounds[i + 1])
            for i in range(len(bounds) - 1)
        )
    )


def _report_starts(
    blocks: Sequence[Block], labels: Sequence[_Label | None], role_of: _RoleFinder
) -> list[int]:
    """Where each report begins: a title after body text, or 一、 again after a plan."""
    starts = [0]
    has_body = seen_plan = False
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        if has_body and _is_title(block, label, strict=True) and not _repeats(blocks, i):
            starts.append(i)
            has_body = seen_plan = False
            continue
        if seen_plan and label is not None and label.family == "cn" and label.number == 1:
            opening = i > starts[-1] + 1 and _is_opening(blocks[i - 1], labels[i - 1])
            starts.append(i - 1 if opening else i)
            seen_plan = False
        has_body = has_body or _is_body(block, label)
        seen_plan = seen_plan or (label is not None and PLAN_ROLE in role_of(label.title))
    return starts


def _choose_title(
    blocks: Sequence[Block], labels: Sequence[_Label | None], start: int, end: int
) -> int | None:
    """The title among a report's first three blocks; nothing comes before it but short lines
    (an issuer, a category) and a teaser."""
    for i in range(start, min(start + 3, end)):
        if len(blocks[i].text.strip()) > MAX_TITLE:
            continue
        if _is_title(blocks[i], labels[i]):
            return i
        if _is_body(blocks[i], labels[i]):
            return None
    return None


@dataclass
class _Nesting:
    """The headings open at the current point of a report, innermost last."""

    families: list[HeadingFamily] = field(default_factory=list)
    openers: list[int] = field(default_factory=list)  # index of the heading opening each family
    # (parent heading or -1, family) → the number last opened there
    last: dict[tuple[int, HeadingFamily], int] = field(default_factory=dict)

    def open(self, family: HeadingFamily, number: int, index: int) -> tuple[int, int | None]:
        """Opens heading `index`; returns its level and the index of its parent heading."""
        if family in self.families:
            keep = self.families.index(family)
        else:
            keep = len(self.families)
            while keep and RANK[self.families[keep - 1]] > RANK[family]:
                keep -= 1
        del self.families[keep:], self.openers[keep:]
        parent = self.openers[-1] if self.openers else None
        self.last[(-1 if parent is None else parent, family)] = number
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
) -> Report:
    title = _choose_title(blocks, labels, start, end)
    nesting = _Nesting()
    sections: list[Section] = []
    embedded: list[EmbeddedHeading] = []
    enumerations: list[Enumeration] = []

    def add(block: int, label: _Label, is_embedded: bool) -> None:
        level, parent = nesting.open(label.family, label.number, len(sections))
        heading = Heading(
            block=block,
            family=label.family,
            label=label.label,
            number=label.number,
            level=level,
            title=label.title,
            column=blocks[block].column + max(label.offset, 0),
            inline=label.inline,
            embedded=is_embedded,
        )
        sections.append(Section(heading, block, end, role_of(label.title), parent))

    for i in range(start, end):
        label = labels[i]
        if label is not None:
            add(i, label, False)
        if i != title and blocks[i].kind == "paragraph":
            for glued in _glued_labels(blocks[i].text):
                if nesting.continues(glued.family, glued.number):
                    embedded.append(
                        EmbeddedHeading(i, glued.offset, glued.label, glued.family, glued.number)
                    )
                    add(i, glued, True)
        enumerations.extend(_enumerations(i, blocks[i].text))
    return Report(start, end, title, _close(sections), tuple(embedded), tuple(enumerations))


def _glued_labels(text: str) -> list[_Label]:
    """Heading labels right after a sentence end inside `text`. Whether one is a heading
    depends on the sequence open at that point, which the caller knows."""
    found: list[_Label] = []
    for m in _EMBEDDED.finditer(text):
        family: HeadingFamily = "cn-paren" if m.group("paren") else "cn"
        number = parse_cn_number(m.group("paren") or m.group("cn"))
        offset = m.end() - len(m.group(0).lstrip(" \u3000"))
        # A window, not the rest of the block: a title is short, and slicing to the end
        # at every match made a long block quadratic.
        rest = text[m.end() : m.end() + 4 * MAX_STANDALONE_HEADING]
        if number is not None and rest.strip():
            found.append(_with_title((family, text[offset : m.end()], number), offset, rest))
    return found


def _enumerations(block: int, text: str) -> list[Enumeration]:
    items: list[Enumeration] = []
    for m in _ENUMERATION.finditer(text):
        raw = m.group(1) or m.group(2)
        number = parse_cn_number(raw)
        if number is not None:
            items.append(Enumeration(block, m.start(), m.group(0), number))
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
