"""Findings as Word comments: a copy of the .docx with one comment per finding.

Writers fix reports in Word, so that is where findings are most useful. Each comment is
anchored on the offending characters (runs are split at the finding's columns), or on
the whole paragraph for a finding about a missing element or a numbering label. The
paragraphs are located by the reader's own walk, so "line 12" here is the paragraph the
reader called 12. The source file is never written; the copy is saved atomically.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from compliance.document import ReadError
from compliance.findings import Finding
from compliance.readers.docx import WordBody, text_runs, walk_body
from compliance.readers.ooxml import local

AUTHOR = "complint"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def comment_text(finding: Finding) -> str:
    text = f"{finding.rule} {finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text


def _split(paragraph: Any, offset: int) -> None:
    """Make `offset` fall on a run boundary, splitting the w:r that straddles it."""
    for item in text_runs(paragraph):
        text = item.element.text or ""
        if not item.start < offset < item.start + len(text):
            continue
        cut = offset - item.start
        run = item.element.getparent()
        tail = copy.deepcopy(run)
        # The head keeps everything up to the w:t's first part; the tail the rest.
        position = list(run).index(item.element)
        for extra in list(run)[position + 1 :]:
            run.remove(extra)
        for extra in list(tail)[:position]:
            if local(extra) != "rPr":
                tail.remove(extra)
        head_t, tail_t = item.element, next(t for t in tail if local(t) == "t")
        head_t.text, tail_t.text = text[:cut], text[cut:]
        head_t.set(XML_SPACE, "preserve")
        tail_t.set(XML_SPACE, "preserve")
        run.addnext(tail)
        return


def _runs_between(paragraph: Any, start: int, end: int) -> list[Any]:
    """The w:r elements holding characters [start, end), after splitting at both ends."""
    _split(paragraph, start)
    _split(paragraph, end)
    runs = []
    for item in text_runs(paragraph):
        length = len(item.element.text or "")
        if length and start <= item.start and item.start + length <= end:
            run = item.element.getparent()
            if run not in runs:
                runs.append(run)
    return runs


def _all_runs(paragraph: Any) -> list[Any]:
    runs = []
    for item in text_runs(paragraph):
        run = item.element.getparent()
        if run not in runs:
            runs.append(run)
    return runs


def write_annotated(source: Path, findings: Sequence[Finding], out: Path) -> None:
    """Save a copy of `source` at `out` with a Word comment on each finding."""
    document, body = open_copy(source, out, "--annotate")
    add_comments(document, body, findings)
    save_copy(document, out)


def open_copy(source: Path, out: Path, option: str) -> tuple[Any, WordBody]:
    """The python-docx document of `source`, and its body as the reader walks it."""
    shown = str(source)
    if out.resolve() == source.resolve():
        raise ReadError(shown, f"{option} would overwrite the input; choose another file name")
    try:
        document = docx.Document(str(source))
    except Exception as err:  # python-docx raises many types for a package it refuses
        raise ReadError(shown, f"cannot add comments to this file ({err})") from None
    return document, walk_body(document.element, None, shown)


def add_comments(document: Any, body: WordBody, findings: Sequence[Finding]) -> None:
    """A Word comment on each finding, anchored on its characters (or its paragraph)."""
    paragraphs = {
        block.line: element
        for block, element in zip(body.document.blocks, body.elements, strict=False)
    }
    first = body.elements[0]
    for finding in findings:
        element = paragraphs.get(finding.line)
        text = comment_text(finding)
        if element is None:  # a footnote, header or footer: say where, on the first paragraph
            element, text = first, f"（第{finding.line}段，脚注或页眉页脚）{text}"
        start, end = finding.column - 1, finding.end_column - 1
        runs = _runs_between(element, start, end) if end > start else []
        runs = runs or _all_runs(element)
        if not runs:
            continue
        paragraph = Paragraph(element, document._body)
        anchored = [Run(run, paragraph) for run in runs]
        document.add_comment(anchored, text=text, author=AUTHOR, initials="CL")


def save_copy(document: Any, out: Path) -> None:
    partial = out.with_name(f".{out.name}.partial")
    try:
        document.save(str(partial))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
