"""What the page shows of one checked file: its text cut into highlighted segments.

Overlapping findings are not nested: the text of a block is cut at every finding's start
and end, and each piece lists the findings covering it, so the page can filter findings
without rebuilding the markup. A finding with no text (a missing element) is shown as a
notice above the line where the element belongs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from compliance import Finding, Result
from compliance.api import RANK, Block, Document, Severity, parse_period


@dataclass(frozen=True)
class Segment:
    """A piece of a line with the findings on it."""

    text: str
    findings: tuple[int, ...]  # indexes into Result.findings; empty: plain text
    severity: str  # the most severe of them (the page recomputes it when filtering)


@dataclass(frozen=True)
class Line:
    """A line of the report as the page shows it."""

    number: int  # as findings report it: the physical line, or the paragraph of a Word file
    kind: str  # "title", "heading", or the block's kind ("paragraph", "table-cell" …)
    level: int  # heading level (1 for 一、), 0 otherwise
    label: str  # Word's automatic numbering, drawn before the text
    segments: tuple[Segment, ...]
    missing: tuple[int, ...]  # findings without text that belong here


@dataclass(frozen=True)
class Group:
    """The findings of one part of the report."""

    section: str  # the heading path, "" before the first heading
    findings: tuple[int, ...]


@dataclass(frozen=True)
class View:
    """What the page shows of a result."""

    lines: tuple[Line, ...]
    unplaced: tuple[int, ...]  # findings on no line of the text (shown at the top)
    groups: tuple[Group, ...]  # the findings by part, in reading order
    lacks_period: bool  # a report's title does not say which period it covers


def _block_of(blocks: Sequence[Block], candidates: Sequence[int], finding: Finding) -> int:
    """The block holding the finding's text (several blocks can share a line)."""
    for index in candidates:
        block = blocks[index]
        start = finding.column - block.column
        if start >= 0 and block.text.startswith(finding.text, start):
            return index
    return candidates[0]


def _segments(
    text: str, spans: Sequence[tuple[int, int, int]], severities: Sequence[Severity]
) -> tuple[Segment, ...]:
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(i for s, e, i in spans if s <= start and end <= e)
        if pieces and pieces[-1].findings == covering:
            last = pieces[-1]
            pieces[-1] = Segment(last.text + text[start:end], covering, last.severity)
        else:
            severity = max((severities[i] for i in covering), key=RANK.__getitem__, default="")
            pieces.append(Segment(text[start:end], covering, severity))
    return tuple(pieces) or (Segment("", (), ""),)


def build(result: Result, document: Document) -> View:
    blocks = document.blocks
    severities = [f.severity for f in result.findings]
    by_line: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        by_line.setdefault(block.line, []).append(index)
    spans: dict[int, list[tuple[int, int, int]]] = {}
    missing: dict[int, list[int]] = {}
    unplaced: list[int] = []
    for number, finding in enumerate(result.findings):
        candidates = by_line.get(finding.line)
        if not candidates:
            unplaced.append(number)
            continue
        index = _block_of(blocks, candidates, finding)
        block = blocks[index]
        start = min(max(0, finding.column - block.column), len(block.text))
        end = min(start + len(finding.text), len(block.text))
        if end > start:
            spans.setdefault(index, []).append((start, end, number))
        else:
            missing.setdefault(index, []).append(number)
    headings = {h.line: h.level for r in result.reports for h in r.headings}
    titles = {r.line for r in result.reports if r.title is not None}
    lines = tuple(
        Line(
            number=block.line,
            kind="title"
            if block.line in titles and block.text.strip()
            else "heading"
            if block.line in headings
            else block.kind,
            level=headings.get(block.line, 0),
            label=block.label,
            segments=_segments(block.text, spans.get(index, ()), severities),
            missing=tuple(missing.get(index, ())),
        )
        for index, block in enumerate(blocks)
    )
    sections: dict[str, list[int]] = {}
    for number, finding in enumerate(result.findings):
        sections.setdefault(finding.section, []).append(number)
    groups = tuple(Group(section, tuple(found)) for section, found in sections.items())
    lacks_period = not result.reports or any(
        r.title is None or parse_period(r.title) is None for r in result.reports
    )
    return View(lines, tuple(unplaced), groups, lacks_period)
