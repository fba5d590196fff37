"""Suppression directives in Word comments: `complint: ignore TX301 理由`, anchored on text.

Reviewers accept a finding in Word itself: they select the text, add a comment that
starts with `complint: ignore CODES reason`, and the acceptance travels with the file.
The comment's range (w:commentRangeStart … w:commentRangeEnd) is what it covers, in the
lines and columns findings use; a comment with no range covers its paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from compliance.directives import NOWHERE, comment_directive
from compliance.document import Block, Suppression
from compliance.readers.ooxml import attr, local

# What the reader never reads (compliance.readers.docx), except the comment marks.
_SKIP = frozenset(
    {"del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr", "rt",
     "Fallback", "txbxContent"}
)  # fmt: skip
_MARKS = frozenset({"commentRangeStart", "commentRangeEnd", "commentReference"})


def _comment_text(comment: Any) -> str:
    paragraphs = [
        "".join(t.text or "" for t in p.iter() if local(t) == "t")
        for p in comment.iter()
        if local(p) == "p"
    ]
    return "\n".join(paragraphs).strip()


def _marks(paragraph: Any) -> list[tuple[str, str, int]]:
    """(mark, comment id, offset in the block's text) of each comment mark."""
    found: list[tuple[str, str, int]] = []
    offset = 0

    def walk(element: Any) -> None:
        nonlocal offset
        for item in element:
            name = local(item)
            if name in _MARKS:
                found.append((name, attr(item, "id") or "", offset))
            elif name in _SKIP:
                continue
            elif name == "t":
                offset += len(item.text or "")
            elif name in ("tab", "br", "cr", "noBreakHyphen"):
                offset += 1
            else:
                walk(item)

    walk(paragraph)
    return found


def word_suppressions(
    comments: Any, blocks: Sequence[Block], elements: Sequence[Any]
) -> tuple[Suppression, ...]:
    """The directives among the comments, placed by their marks in the body's paragraphs."""
    if comments is None:
        return ()
    directives = {}
    for comment in comments:
        if local(comment) == "comment":
            text = _comment_text(comment)
            directive = comment_directive(text)
            if directive is not None:
                directives[attr(comment, "id") or ""] = (directive, text)
    if not directives:
        return ()
    places: dict[tuple[str, str], tuple[int, int]] = {}
    spans: dict[str, tuple[int, int]] = {}  # a comment's paragraph: (line, last column)
    for block, element in zip(blocks, elements, strict=False):
        for mark, cid, offset in _marks(element):
            if cid in directives:
                places.setdefault((mark, cid), (block.line, block.column + offset))
                spans.setdefault(cid, (block.line, block.column + len(block.text)))
    found: list[Suppression] = []
    for cid, (directive, text) in directives.items():
        start = places.get(("commentRangeStart", cid))
        end = places.get(("commentRangeEnd", cid))
        covers = NOWHERE
        if start is not None and end is not None and start < end:
            covers = (*start, *end)
        elif cid in spans:  # no range, or an empty one: the paragraph of its mark
            line, last = spans[cid]
            covers = (line, 1, line, last)
        line, column = start or (covers[0], covers[1])
        end_column = end[1] if end is not None and end[0] == line else column
        found.append(
            Suppression(directive.codes, directive.reason, line, column, end_column, covers, text)
        )
    return tuple(found)
