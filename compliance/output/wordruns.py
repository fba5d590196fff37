"""A Word paragraph's runs as the reader found them, cut where a comment or a change
begins: what --annotate's comments and --fix-to's tracked changes both write through.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass

from compliance.model.document import Block
from compliance.readers.ooxml import local
from compliance.readers.wordplaces import Location, TextRun

AUTHOR = "complint"  # the author of every comment and change complint writes
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Place:
    """A block of the body with its runs, split further as comments and changes land."""

    location: Location
    block: Block
    pieces: list[TextRun]


def split_run(pieces: list[TextRun], offset: int) -> None:
    """Make `offset` fall on a run boundary, splitting the w:r whose w:t straddles it."""
    at = bisect.bisect_right([p.start for p in pieces], offset) - 1
    if at < 0:
        return
    piece = pieces[at]
    if not piece.start < offset < piece.start + piece.length or local(piece.element) != "t":
        return
    text = piece.element.text or ""
    cut = offset - piece.start
    run = piece.element.getparent()
    tail = copy.deepcopy(run)
    children, copies = list(run), list(tail)
    position = children.index(piece.element)
    # What followed the w:t moves to the tail run: its pieces follow their copies there.
    moved = {id(children[i]): copies[i] for i in range(position + 1, len(children))}
    for extra in children[position + 1 :]:
        run.remove(extra)
    for extra in copies[:position]:
        if local(extra) != "rPr":
            tail.remove(extra)
    head_t, tail_t = piece.element, copies[position]
    head_t.text, tail_t.text = text[:cut], text[cut:]
    head_t.set(XML_SPACE, "preserve")
    tail_t.set(XML_SPACE, "preserve")
    run.addnext(tail)
    pieces[at : at + 1] = [
        TextRun(head_t, piece.start, cut, piece.field),
        TextRun(tail_t, offset, piece.length - cut, piece.field),
    ]
    for k in range(at + 2, len(pieces)):
        later = pieces[k]
        if id(later.element) in moved:
            pieces[k] = TextRun(moved[id(later.element)], later.start, later.length, later.field)
