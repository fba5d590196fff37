"""Suppression directives in Word comments: `complint: ignore TX301 理由`, anchored on text.

Reviewers accept a finding in Word itself: they select the text, add a comment that
starts with `complint: ignore CODES reason`, and the acceptance travels with the file.
The comment's range (w:commentRangeStart … w:commentRangeEnd) is what it covers, in the
lines and columns findings use; a comment with no range covers its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compliance.model.directives import NOWHERE, Directive, comment_directive
from compliance.model.document import Block, Suppression
from compliance.readers.ooxml import attr, local
from compliance.readers.wordplaces import Location

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


@dataclass
class Directives:
    """The directive comments of a document, and where their marks fall as it is read."""

    comments: dict[str, tuple[Directive, str]]  # comment id → (directive, its text)
    places: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # id → (line, last column)

    @classmethod
    def of(cls, comments: Any) -> Directives | None:
        """None when no comment is a directive (the usual document: nothing to read)."""
        found: dict[str, tuple[Directive, str]] = {}
        for comment in comments if comments is not None else ():
            if local(comment) == "comment":
                text = _comment_text(comment)
                directive = comment_directive(text)
                if directive is not None:
                    found[attr(comment, "id") or ""] = (directive, text)
        return cls(found) if found else None

    def read(self, block: Block, location: Location) -> None:
        """The marks of one block, read while its paragraphs are still in memory."""
        for mark, cid, offset in _marks(location):
            if cid in self.comments:
                self.places.setdefault((mark, cid), (block.line, block.column + offset))
                self.spans.setdefault(cid, (block.line, block.column + len(block.text)))

    def suppressions(self) -> tuple[Suppression, ...]:
        found: list[Suppression] = []
        for cid, (directive, text) in self.comments.items():
            start = self.places.get(("commentRangeStart", cid))
            end = self.places.get(("commentRangeEnd", cid))
            covers = NOWHERE
            if start is not None and end is not None and start < end:
                covers = (*start, *end)
            elif cid in self.spans:  # no range, or an empty one: the paragraph of its mark
                line, last = self.spans[cid]
                covers = (line, 1, line, last)
            line, column = start or (covers[0], covers[1])
            end_column = end[1] if end is not None and end[0] == line else column
            found.append(
                Suppression(
                    directive.codes, directive.reason, line, column, end_column, covers, text
                )
            )
        return tuple(found)
