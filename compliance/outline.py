"""The outline of a document: its reports, headings, sections and section roles.

Chinese official reports number their headings 一、 → （一） → 1. → （1） (GB/T 9704), write
paragraph-internal enumerations as 一是…二是…, and are often pasted several to a file.
Recognition is deliberately conservative: a wrong heading or a wrong report boundary
costs more (misplaced findings, hidden elements) than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from compliance.document import Block, Document

HeadingFamily = Literal["cn", "cn-paren", "arabic", "arabic-paren"]
RANK: dict[HeadingFamily, int] = {"cn": 1, "cn-paren": 2, "arabic": 3, "arabic-paren": 4}

CN_DIGITS = "〇零一二三四五六七八九十百"
_NUM = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Leading whitespace and copy-paste residue (a quote marker ">", markdown "#", bullets).
_RESIDUE = re.compile(r"[\s\u3000\xa0>＞#*]*")
_LABELS: tuple[tuple[HeadingFamily, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"([{CN_DIGITS}]{{1,3}})[、.．](?![{CN_DIGITS}\d])")),
    ("cn", re.compile(rf"第([{CN_DIGITS}]{{1,3}})(?:部分|章)[、，,：:\s\u3000]?")),
    ("cn-paren", re.compile(rf"[（(]([{CN_DIGITS}]{{1,3}})[）)]")),
    ("arabic", re.compile(r"(\d{1,2})(?:[、．]|\.(?!\d))")),
    ("arabic-paren", re.compile(r"[（(](\d{1,2})[）)]")),
)
# A label glued after the end of a sentence: "…落实。(三)巩固…"
_EMBEDDED = re.compile(
    rf"(?<=[。！？；;])[\s\u3000]*([（(]([{CN_DIGITS}]{{1,3}})[）)]|([{CN_DIGITS}]{{1,3}})、)"
)
_ENUMERATION = re.compile(
    rf"(?:(?<=^)|(?<=[\s\u3000。；;！？：:，,、>]))(?:([{CN_DIGITS}]{{1,3}})是|第([{CN_DIGITS}]{{1,3}})[，,、])"
)
_SENTENCE_END = re.compile(r"[。！？!?：:]")
_INTERIOR_STOP = re.compile(r"[。！？；;!?]")
_TITLE_WORDS = re.compile(r"总结|报告|汇报|述职|工作要点|情况")
_SPLIT_TITLE_WORDS = re.compile(r"总结|报告|汇报|述职")
_TITLE_STOPS = re.compile(r"[。！？；，,;!?]")
MAX_TITLE = 60
MAX_STANDALONE_HEADING = 40


def parse_cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百 → 100; None if `text` is not such a numeral."""
    if not text or any(c not in CN_DIGITS for c in text):
        return None
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        head = _NUM.get(hundreds, -1) if hundreds else 1
        tail = parse_cn_number(rest.lstrip("零〇")) if rest else 0
        return None if head < 0 or tail is None else head * 100 + tail
    if "十" in text:
        tens, _, ones = text.partition("十")
        ten = _NUM.get(tens, -1) if tens else 1
        one = _NUM.get(ones, -1) if ones else 0
        return None if ten < 0 or one < 0 or text.count("十") > 1 else ten * 10 + one
    if len(text) == 1:
        return _NUM[text]
    return None


def _number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else parse_cn_number(raw)


@dataclass(frozen=True)
class Heading:
    block: int
    family: HeadingFamily
    label: str
    number: int
    level: int
    title: str
    column: int
    inline: bool
    embedded: bool = False


@dataclass(frozen=True)
class Section:
    heading: Heading
    start: int
    end: int
    roles: frozenset[str]
    parent: int | None


@dataclass(frozen=True)
class EmbeddedHeading:
    block: int
    offset: int
    label: str
    family: HeadingFamily
    number: int


@dataclass(frozen=True)
class Enumeration:
    block: int
    offset: int
    marker: str
    number: int


@dataclass(frozen=True)
class Report:
    start: int
    end: int
    title: int | None
    sections: tuple[Section, ...]
    embedded: tuple[EmbeddedHeading, ...]
    enumerations: tuple[Enumeration, ...]
    paths: tuple[tuple[int, ...], ...]  # per block of the report: indices into sections

    def section_path(self, block: int) -> tuple[Section, ...]:
        if not self.start <= block < self.end:
            return ()
        return tuple(self.sections[i] for i in self.paths[block - self.start])

    def path_text(self, block: int) -> str:
        return " / ".join(
            s.heading.label + s.heading.title.rstrip("。：:") for s in self.section_path(block)
        )

    def roles_at(self, block: int) -> frozenset[str]:
        return frozenset(role for s in self.section_path(block) for role in s.roles)

    def sections_with_role(self, role: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if role in s.roles)


@dataclass(frozen=True)
class Outline:
    reports: tuple[Report, ...]


# -- recognising one block -----------------------------------------------------------------


@dataclass(frozen=True)
class _Label:
    family: HeadingFamily
    label: str
    number: int
    offset: int  # where the label starts in Block.text
    title: str
    inline: bool


def _strip_residue(text: str) -> tuple[str, int]:
    skipped = _RESIDUE.match(text)
    offset = skipped.end() if skipped else 0
    return text[offset:], offset


def _label(block: Block) -> _Label | None:
    if block.label:  # Word automatic numbering: the label is not part of the text
        body, offset = _strip_residue(block.text)
        found = _match_label(block.label.strip(), bare=True)
        if found is None:
            return None
        family, label, number, _ = found
        return _with_title(family, label, number, -1, body)
    body, offset = _strip_residue(block.text)
    found = _match_label(body)
    if found is None:
        return None
    family, label, number, length = found
    return _with_title(family, label, number, offset, body[length:])


def _match_label(text: str, bare: bool = False) -> tuple[HeadingFamily, str, int, int] | None:
    for family, pattern in _LABELS:
        m = pattern.match(text)
        if m:
            number = _number(m.group(1))
            rest = text[m.end() :]
            # "一是" after a label-like start is an enumeration, and a bare label is not a heading.
            if number is None or rest.startswith("是") or not (bare or rest.strip()):
                return None
            return family, m.group(0).strip(), number, m.end()
    return None


def _with_title(family: HeadingFamily, label: str, number: int, offset: int, rest: str) -> _Label:
    rest = rest.strip()
    standalone = len(rest) <= MAX_STANDALONE_HEADING and not _INTERIOR_STOP.search(
        rest.rstrip("。")
    )
    if standalone:
        return _Label(family, label, number, offset, rest, False)
    end = _SENTENCE_END.search(rest)
    title = rest[: end.end()] if end else rest
    return _Label(family, label, number, offset, title, len(title) < len(rest))


def _is_title(block: Block, words: re.Pattern[str] = _TITLE_WORDS) -> bool:
    body, _ = _strip_residue(block.text)
    body = body.strip()
    return (
        0 < len(body) <= MAX_TITLE
        and not _TITLE_STOPS.search(body)
        and _label(block) is None
        and bool(words.search(body))
    )


# -- the whole document --------------------------------------------------------------------


def build_outline(doc: Document, roles: Mapping[str, Sequence[str]]) -> Outline:
    blocks = doc.blocks
    labels = [_label(b) for b in blocks]
    role_of = _role_finder(roles)
    starts = _report_starts(blocks, labels, role_of)
    bounds = [*starts, len(blocks)]
    reports = tuple(
        _report(blocks, labels, role_of, bounds[i], bounds[i + 1]) for i in range(len(starts))
    )
    return Outline(reports)


def _role_finder(roles: Mapping[str, Sequence[str]]) -> _RoleFinder:
    return _RoleFinder({role: tuple(phrases) for role, phrases in roles.items()})


@dataclass(frozen=True)
class _RoleFinder:
    phrases: Mapping[str, tuple[str, ...]]

    def __call__(self, title: str) -> frozenset[str]:
        return frozenset(r for r, ps in self.phrases.items() if any(p in title for p in ps))


def _report_starts(
    blocks: Sequence[Block], labels: Sequence[_Label | None], role_of: _RoleFinder
) -> list[int]:
    """Where each report begins: a new title after body text, or 一、 again after a plan."""
    if not blocks:
        return [0]
    starts = [0]
    seen_plan = has_body = False
    for i in range(1, len(blocks)):
        label = labels[i]
        has_body = has_body or (labels[i - 1] is None and not _is_title(blocks[i - 1]))
        if has_body and i - starts[-1] >= 3 and _is_title(blocks[i], _SPLIT_TITLE_WORDS):
            starts.append(i)
            seen_plan = has_body = False
            continue
        if label is not None and label.family == "cn" and label.number == 1 and seen_plan:
            titled = i - 1 > starts[-1] and _is_title(blocks[i - 1], _SPLIT_TITLE_WORDS)
            starts.append(i - 1 if titled else i)
            seen_plan = has_body = False
            continue
        if label is not None and "plan" in role_of(label.title):
            seen_plan = True
    return starts


def _report(
    blocks: Sequence[Block],
    labels: Sequence[_Label | None],
    role_of: _RoleFinder,
    start: int,
    end: int,
) -> Report:
    title = next(
        (
            i
            for i in range(start, min(start + 3, end))
            if labels[i] is None and _is_title(blocks[i])
        ),
        None,
    )
    headings: list[Heading] = []
    stack: list[HeadingFamily] = []
    last_number: dict[tuple[int, HeadingFamily], int] = {}  # (parent heading, family) → number
    parents: list[int] = []  # indices into headings, parallel to stack
    paths: list[tuple[int, ...]] = []
    embedded: list[EmbeddedHeading] = []
    enumerations: list[Enumeration] = []

    def push(block: int, label: _Label, column: int, is_embedded: bool) -> None:
        family = label.family
        if family in stack:
            del stack[stack.index(family) + 1 :]
            del parents[len(stack) - 1 :]
        else:
            while stack and RANK[stack[-1]] > RANK[family]:
                stack.pop()
                parents.pop()
            stack.append(family)
        parent = parents[-1] if parents else -1
        last_number[(parent, family)] = label.number
        headings.append(
            Heading(
                block=block,
                family=family,
                label=label.label,
                number=label.number,
                level=len(stack),
                title=label.title,
                column=column,
                inline=label.inline,
                embedded=is_embedded,
            )
        )
        parents.append(len(headings) - 1)

    for i in range(start, end):
        block = blocks[i]
        label = labels[i]
        if label is not None and i != title:
            column = block.column + label.offset if label.offset >= 0 else block.column
            push(i, label, column, False)
        paths.append(tuple(parents))
        for found in _EMBEDDED.finditer(block.text):
            family: HeadingFamily = "cn-paren" if found.group(2) else "cn"
            number = parse_cn_number(found.group(2) or found.group(3))
            if family not in stack or number is None:
                continue
            depth = stack.index(family)
            parent = parents[depth - 1] if depth > 0 else -1
            if last_number.get((parent, family)) != number - 1:
                continue
            rest = block.text[found.end() :]
            label_text = found.group(1)
            embedded.append(EmbeddedHeading(i, found.start(1), label_text, family, number))
            push(
                i,
                _with_title(family, label_text, number, found.start(1), rest),
                block.column + found.start(1),
                True,
            )
        for found in _ENUMERATION.finditer(block.text):
            raw = found.group(1) or found.group(2)
            number = parse_cn_number(raw)
            if number is not None:
                marker = found.group(0)
                enumerations.append(Enumeration(i, found.start(), marker, number))

    sections = _sections(headings, role_of, start, end)
    return Report(
        start=start,
        end=end,
        title=title,
        sections=sections,
        embedded=tuple(embedded),
        enumerations=tuple(enumerations),
        paths=tuple(paths),
    )


def _sections(
    headings: Sequence[Heading], role_of: _RoleFinder, start: int, end: int
) -> tuple[Section, ...]:
    sections: list[Section] = []
    open_at_level: list[int] = []  # indices of sections on the current path
    for k, heading in enumerate(headings):
        following = next((h for h in headings[k + 1 :] if h.level <= heading.level), None)
        if following is None:
            stop = end
        else:
            stop = following.block + 1 if following.embedded else following.block
        del open_at_level[heading.level - 1 :]
        parent = open_at_level[-1] if open_at_level else None
        sections.append(Section(heading, heading.block, stop, role_of(heading.title), parent))
        open_at_level.append(k)
    return tuple(sections)
