"""Where each block's text sits in a Word package, as the .docx reader found it.

The reader records it for what writes back into the package or reads marks beside the
text: --annotate's comments, --fix-to's tracked changes, and reviewers' directive
comments (word_directives). Kept apart from the reader so that those need not import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Field:
    """A complex field (w:fldChar begin … separate … end) open at a point of the walk.
    Its code (between begin and separate) is not shown; its result is."""

    begin: Any  # the w:r holding the begin fldChar
    code: list[str] = field(default_factory=list)
    result: bool = False
    end: Any = None  # the w:r holding the end fldChar, once seen
    toc: bool = False  # a table of contents, known once its code is complete


@dataclass
class TextRun:
    """A piece of a block's text as stored in the XML, for --annotate.

    `element` is the w:t, or the element drawing one character (w:tab, w:sym …);
    `start` its offset in Block.text; `field` the outermost field whose result holds it.
    """

    element: Any
    start: int
    length: int
    field: Field | None = None


@dataclass(frozen=True)
class Location:
    """Where a block sits in the package, for --annotate."""

    part: str  # the part's name in the zip
    paragraphs: tuple[Any, ...]  # its w:p elements (two or more when a deleted mark joins)
    pieces: tuple[TextRun, ...]
