"""Suppression directives as reviewers write them in a report: `complint: ignore CODES 理由`.

In a .txt or .md file, an HTML comment on a line of its own:
    <!-- complint: ignore TX301,CS502 模板示例，保留 -->       the next paragraph
    <!-- complint: ignore-file TX301 模板示例，保留 -->         the whole file
In a .docx, a Word comment whose text starts with `complint: ignore TX301 理由`, anchored
on the text it covers. The readers turn these into Suppression records of the Document;
compliance.lint.suppress applies them after the rules ran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compliance.lazyre import lazy
from compliance.model.document import Suppression

# The whole line: an HTML comment naming complint (a colon of either width: Chinese
# input methods type ：).
TEXT_DIRECTIVE = lazy(r"^\s*<!--\s*complint\s*[:：](?P<body>.*?)-->\s*$", re.IGNORECASE)
COMMENT_DIRECTIVE = lazy(r"^\s*complint\s*[:：](?P<body>.*)$", re.IGNORECASE | re.DOTALL)
_BODY = lazy(
    r"^\s*(?P<verb>ignore-file|ignore)(?![-\w])\s*"
    r"(?P<codes>[A-Za-z]{2,4}[0-9]{3}(?![0-9A-Za-z])"
    r"(?:\s*[,，、]\s*[A-Za-z]{2,4}[0-9]{3}(?![0-9A-Za-z]))*)?"
    r"(?P<reason>.*)$",
    re.DOTALL,
)
_CODE = lazy(r"[A-Za-z]{2,4}[0-9]{3}")


@dataclass(frozen=True)
class Directive:
    """A parsed directive; no codes when it could not be read (reported, never guessed)."""

    whole_file: bool
    codes: tuple[str, ...]
    reason: str
    start: int  # where the codes (or the body, when none) sit in the line, for placing
    end: int


def parse_body(body: str, offset: int = 0) -> Directive:
    """What follows `complint:`; `offset` is where `body` starts in its line."""
    found = _BODY().match(body)
    if found is None:
        stripped = len(body) - len(body.lstrip())
        return Directive(False, (), "", offset + stripped, offset + len(body.rstrip()))
    codes = tuple(c.upper() for c in _CODE().findall(found["codes"] or ""))
    span = found.span("codes") if found["codes"] else found.span("verb")
    reason = found["reason"].strip().strip("：:，,;；-—").strip()
    return Directive(
        found["verb"] == "ignore-file", codes, reason, offset + span[0], offset + span[1]
    )


def text_directive(line: str) -> Directive | None:
    """The directive a text line is, or None for an ordinary line."""
    found = TEXT_DIRECTIVE().match(line)
    if found is None:
        return None
    return parse_body(found["body"], found.start("body"))


def comment_directive(text: str) -> Directive | None:
    """The directive a Word comment's text starts with, or None for an ordinary comment."""
    found = COMMENT_DIRECTIVE().match(text)
    if found is None:
        return None
    return parse_body(found["body"], found.start("body"))


NOWHERE = (0, 0, 0, 0)  # what a directive with no paragraph after it covers
EVERY_COLUMN = 1 << 30


@dataclass
class TextDirectives:
    """Collects the directive lines of a text file as its reader walks the lines.

    A directive line is not a paragraph of the report; an `ignore` applies to the next
    paragraph (several directives in a row to the same one), `ignore-file` to the file.
    """

    found: list[Suppression] = field(default_factory=list)
    waiting: list[tuple[Directive, int, str, int]] = field(default_factory=list)

    def take(self, line: str, number: int, offset: int = -1) -> bool:
        """Whether `line` (physical line `number`, at `offset` in the file's text) is a
        directive; if so, it is kept."""
        if "<!--" not in line:  # the cheap test first: a large file has many lines
            return False
        directive = text_directive(line)
        if directive is None:
            return False
        if directive.whole_file:
            self.found.append(_suppression(directive, number, line, offset, None))
        else:
            self.waiting.append((directive, number, line, offset))
        return True

    def paragraph(self, number: int, length: int) -> None:
        """A paragraph on line `number`: the waiting directives apply to it (to every
        column: hard-wrapped lines joined to it keep its line number)."""
        for directive, line, text, offset in self.waiting:
            covers = (number, 1, number, max(length + 1, EVERY_COLUMN))
            self.found.append(_suppression(directive, line, text, offset, covers))
        self.waiting.clear()

    def done(self) -> tuple[Suppression, ...]:
        for directive, line, text, offset in self.waiting:
            self.found.append(_suppression(directive, line, text, offset, NOWHERE))
        self.waiting.clear()
        return tuple(self.found)


def _suppression(
    directive: Directive,
    line: int,
    text: str,
    offset: int,
    covers: tuple[int, int, int, int] | None,
) -> Suppression:
    lead = len(text) - len(text.lstrip())  # the directive's findings point at its text
    return Suppression(
        codes=directive.codes,
        reason=directive.reason,
        line=line,
        column=lead + 1,
        end_column=len(text.rstrip()) + 1,
        covers=covers,
        text=text.strip(),
        offset=offset + lead if offset >= 0 else -1,
    )
