"""Safe fixes as Word tracked changes: a copy of the .docx the writer reviews in Word or WPS.

Each change is a `w:del` of the original runs (their w:t turned w:delText) followed by a
`w:ins` of the new text in a run with the same w:rPr, both authored "complint" and
dated, so accepting every change gives the text `--fix` gives a .txt, and rejecting
every change gives the original back. Runs are split where a change begins and ends,
so only the changed characters are marked and every run keeps its formatting.

The changes are computed per paragraph, as the character difference between the
paragraph's text and its fixed text (compliance.fixes), so a fix of one character in
a term marks one character. The original file is never written; the copy is saved
atomically. Findings without a safe fix become Word comments (compliance.word_comments).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from compliance.findings import Finding
from compliance.readers.docx import WordBody, text_runs
from compliance.readers.ooxml import local
from compliance.word_comments import (
    AUTHOR,
    XML_SPACE,
    _split,
    add_comments,
    open_copy,
    save_copy,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class _Marks:
    """Makes w:ins / w:del elements with ids unused in the document."""

    def __init__(self, root: Any, date: str) -> None:
        ids = [root.get(_w("id")) for root in root.iter() if root.get(_w("id")) is not None]
        numbers = [int(i) for i in ids if str(i).isdigit()]
        self.next = max(numbers, default=0) + 1000
        self.date = date

    def make(self, name: str) -> Any:
        from lxml import etree

        element = etree.Element(_w(name))
        element.set(_w("id"), str(self.next))
        element.set(_w("author"), AUTHOR)
        element.set(_w("date"), self.date)
        self.next += 1
        return element


def _runs_in(paragraph: Any, start: int, end: int) -> list[Any]:
    """The w:r elements holding characters [start, end), split at both ends."""
    _split(paragraph, start)
    _split(paragraph, end)
    runs: list[Any] = []
    for item in text_runs(paragraph):
        length = len(item.element.text or "")
        if length and start <= item.start and item.start + length <= end:
            run = item.element.getparent()
            if local(run) == "r" and run not in runs:
                runs.append(run)
    return runs


def _run_ending_at(paragraph: Any, offset: int) -> tuple[Any, bool] | None:
    """A run to insert beside at `offset`: (run, True) to insert after it, False before."""
    _split(paragraph, offset)
    items = text_runs(paragraph)
    for item in items:
        if item.start + len(item.element.text or "") == offset and item.element.text:
            return item.element.getparent(), True
    for item in items:
        if item.start == offset:
            return item.element.getparent(), False
    return None


def _deleted(run: Any) -> None:
    """The run's text as deleted text, as Word writes it inside w:del."""
    for element in run.iter():
        if element.tag == _w("t"):
            element.tag = _w("delText")
            element.set(XML_SPACE, "preserve")
        elif element.tag == _w("instrText"):
            element.tag = _w("delInstrText")


def _inserted_run(model: Any | None, text: str) -> Any:
    from lxml import etree

    run = etree.Element(_w("r"))
    properties = None if model is None else next((c for c in model if local(c) == "rPr"), None)
    if properties is not None:
        run.append(copy.deepcopy(properties))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _change(paragraph: Any, start: int, end: int, text: str, marks: _Marks) -> bool:
    """Mark characters [start, end) of the paragraph replaced by `text`; False if it cannot."""
    if end > start:
        runs = _runs_in(paragraph, start, end)
        covered = sum(len(t.text or "") for r in runs for t in r.iter(_w("t")))
        if not runs or covered != end - start:
            return False  # characters outside plain runs (a field, a symbol): leave them be
        model = runs[0]
        for run in runs:
            deletion = marks.make("del")
            run.addprevious(deletion)
            deletion.append(run)
            _deleted(run)
        if text:
            insertion = marks.make("ins")
            insertion.append(_inserted_run(model, text))
            runs[-1].getparent().addnext(insertion)
        return True
    if not text:
        return True
    beside = _run_ending_at(paragraph, start)
    insertion = marks.make("ins")
    if beside is None:
        insertion.append(_inserted_run(None, text))
        paragraph.append(insertion)
        return True
    run, after = beside
    insertion.append(_inserted_run(run, text))
    if after:
        run.addnext(insertion)
    else:
        run.addprevious(insertion)
    return True


def changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """(start, end, new text) turning `before` into `after`, character by character."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        (i1, i2, after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def mark_changes(root: Any, body: WordBody, fixed: Mapping[int, str], date: str) -> int:
    """Tracked changes in the body turning each paragraph's text into `fixed[line]`."""
    marks = _Marks(root, date)
    count = 0
    for block, element in zip(body.document.blocks, body.elements, strict=False):
        after = fixed.get(block.line)
        if after is None or after == block.text:
            continue
        # Last change first: the characters before it keep their offsets.
        for start, end, text in reversed(changes(block.text, after)):
            count += _change(element, start, end, text, marks)
    return count


def write_fixed(
    source: Path,
    out: Path,
    fixed: Mapping[int, str],
    comments: Sequence[Finding],
    option: str = "--fix-to",
) -> int:
    """Save a copy of `source` at `out`: `fixed` (paragraph line → its fixed text) as
    tracked changes, `comments` as Word comments. Returns the number of changes."""
    document, body = open_copy(source, out, option)
    add_comments(document, body, comments)  # first: they anchor on the original offsets
    date = datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    count = mark_changes(document.element, body, fixed, date)
    save_copy(document, out)
    return count
