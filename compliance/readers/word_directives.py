"""Suppression directives in Word comments: `complint: ignore TX301 理由`, anchored on text.

Reviewers accept a finding in Word itself: they select the text, add a comment that
starts with `complint: ignore CODES reason`, and the acceptance travels with the file.
The comment's range (w:commentRangeStart … w:commentRangeEnd) is what it covers, in the
lines and columns findings use; a comment with no range covers its paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from compliance.directives import NOWHERE, comment_directive
from compliance.document import Block, Suppression
from compliance.readers.ooxml import attr, local

if TYPE_CHECKING:
    from compliance.readers.docx import Location

_MARKS = frozenset({"commentRangeStart", "commentRangeEnd", "commentReference"})


def _comment_text(comment: Any) -> str:
    paragraphs = [
        "".join(t.text or "" for t in p.iter() if local(t) == "t")
        for p in comment.iter()
        if local(p) == "p"
    ]
    return "\n".join(paragraphs).strip()


def _marks(location: Location) -> list[tuple[str, str, int]]:
    """(mark, comment id, offset in the block's text) of each comment mark of a block.

    A mark sits between pieces of text: its offset is where the piece before it ends
    (the reader's own pieces, so labels and hidden text count as the reader counts).
    """
    pieces = {id(p.element): p for p in location.pieces}
    offset = location.pieces[0].start if location.pieces else 0
    found: list[tuple[str, str, int]] = []
    for paragraph in location.paragraphs:
        for element in paragraph.iter():
            piece = pieces.get(id(element))
            if piece is not None:
                offset = piece.start + piece.length
            elif isinstance(element.tag, str) and local(element) in _MARKS:
                found.append((local(element), attr(element, "id") or "", offset))
    return found


def word_suppressions(
    comments: Any, blocks: Sequence[Block], locations: Sequence[Location]
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
    for block, location in zip(blocks, locations, strict=False):
        for mark, cid, offset in _marks(location):
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
