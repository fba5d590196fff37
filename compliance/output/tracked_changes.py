"""Safe fixes as Word tracked changes: a copy of the .docx the writer reviews in Word or WPS.

Each change is a `w:del` of the original runs (their w:t turned w:delText) followed by a
`w:ins` of the new text in a run with the same w:rPr, both authored "complint" and
dated, so accepting every change gives the text `--fix` gives a .txt, and rejecting
every change gives the original back. Runs are split where a change begins and ends,
so only the changed characters are marked and every run keeps its formatting.

The changes are computed per paragraph, as the character difference between the
paragraph's text and its fixed text (compliance.lint.fixes), so a fix of one character in
a term marks one character. compliance.output.word_comments writes the copy (never the
original), placing the comments for findings without a safe fix first, then calling
mark_changes on the same pieces of text the reader found.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from typing import Any

from lxml import etree

from compliance.output.wordruns import AUTHOR, XML_SPACE, Place, W, split_run
from compliance.readers.ooxml import local
from compliance.readers.wordplaces import TextRun


class _Marks:
    """Makes w:ins / w:del elements with ids no other annotation of the part uses."""

    def __init__(self, root: Any, date: str) -> None:
        ids = (element.get(f"{W}id") for element in root.iter())
        numbers = [int(i) for i in ids if i is not None and i.isdigit()]
        self.next = max(numbers, default=0) + 1
        self.date = date

    def make(self, name: str) -> Any:
        element = etree.Element(f"{W}{name}")
        element.set(f"{W}id", str(self.next))
        element.set(f"{W}author", AUTHOR)
        element.set(f"{W}date", self.date)
        self.next += 1
        return element


def _plain(piece: TextRun) -> bool:
    """A piece of a run's own text: a w:t outside any field (a field's result is rebuilt
    by Word, so a change inside it would not last)."""
    return (
        local(piece.element) == "t"
        and piece.field is None
        and local(piece.element.getparent()) == "r"
    )


def _runs(pieces: list[TextRun], start: int, end: int) -> list[Any] | None:
    """The w:r elements holding exactly characters [start, end), split at both ends;
    None when those characters are not all plain run text, or a run holds more."""
    split_run(pieces, start)
    split_run(pieces, end)
    inside = [p for p in pieces if p.length and start <= p.start and p.start + p.length <= end]
    if sum(p.length for p in inside) != end - start or not all(_plain(p) for p in inside):
        return None
    runs: list[Any] = []
    for piece in inside:
        run = piece.element.getparent()
        if run not in runs:
            runs.append(run)
    for run in runs:  # what else a run holds goes to runs of its own, same formatting
        texts = [p.element for p in inside if p.element.getparent() is run]
        _isolate(run, texts[0], texts[-1])
    return runs


def _isolate(run: Any, first: Any, last: Any) -> None:
    """Move the run's content before `first` and after `last` (children of the run) to
    runs of their own beside it, with a copy of its w:rPr: the run then holds only
    [first … last] and can be marked alone."""
    children = [c for c in run if local(c) != "rPr"]
    head = children[: children.index(first)]
    tail = children[children.index(last) + 1 :]
    for moved, place in ((head, run.addprevious), (tail, run.addnext)):
        if moved:
            other = etree.Element(run.tag, dict(run.attrib))
            properties = run.find(f"{W}rPr")
            if properties is not None:
                other.append(copy.deepcopy(properties))
            for child in moved:
                other.append(child)  # moved, not copied: the reader's pieces still hold it
            place(other)


def _deleted(run: Any) -> None:
    """The run's text as deleted text, as Word writes it inside w:del."""
    for element in run.iter(f"{W}t"):
        element.tag = f"{W}delText"
        element.set(XML_SPACE, "preserve")


def _inserted_run(model: Any | None, text: str) -> Any:
    """A run with `text`, formatted as `model` (its w:rPr copied)."""
    run = etree.Element(f"{W}r")
    properties = None if model is None else model.find(f"{W}rPr")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    t = etree.SubElement(run, f"{W}t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _change(pieces: list[TextRun], start: int, end: int, text: str, marks: _Marks) -> bool:
    """Characters [start, end) marked replaced by `text`; False when they cannot be."""
    if end > start:
        runs = _runs(pieces, start, end)
        if runs is None:
            return False
        deletion = None
        for run in runs:
            deletion = marks.make("del")
            run.addprevious(deletion)
            deletion.append(run)
            _deleted(run)
        if text and deletion is not None:
            insertion = marks.make("ins")
            insertion.append(_inserted_run(runs[0], text))
            deletion.addnext(insertion)
        return True
    split_run(pieces, start)
    before = [p for p in pieces if p.length and p.start + p.length == start and _plain(p)]
    after = [p for p in pieces if p.length and p.start == start and _plain(p)]
    if not before and not after:
        return False
    insertion = marks.make("ins")
    if before:
        run = before[-1].element.getparent()
        _isolate(run, _first(run), before[-1].element)
        insertion.append(_inserted_run(run, text))
        run.addnext(insertion)
    else:
        run = after[0].element.getparent()
        _isolate(run, after[0].element, _last(run))
        insertion.append(_inserted_run(run, text))
        run.addprevious(insertion)
    return True


def _first(run: Any) -> Any:
    return next(c for c in run if local(c) != "rPr")


def _last(run: Any) -> Any:
    return [c for c in run if local(c) != "rPr"][-1]


def changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """(start, end, new text) turning `before` into `after`, character by character."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (i1, i2, after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def mark_changes(
    root: Any, places: Mapping[int, Place], fixed: Mapping[int, str], date: str
) -> int:
    """Tracked changes in the main part turning each block's text into `fixed[line]`.

    Characters a change cannot reach (a label Word numbering draws, a field's result, a
    tab inside the range) are left as they are: accepting then gives less than --fix,
    never something else.
    """
    marks = _Marks(root, date)
    count = 0
    for line, after in fixed.items():
        place = places.get(line)
        if place is None or after == place.block.text:
            continue
        label = len(place.block.label) if place.block.text.startswith(place.block.label) else 0
        # Last change first: the characters before it keep their offsets.
        for start, end, text in reversed(changes(place.block.text, after)):
            if start >= label:
                count += _change(place.pieces, start, end, text, marks)
    return count
