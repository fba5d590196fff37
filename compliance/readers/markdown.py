"""Markdown: read with a real parser (markdown-it-py, CommonMark plus tables).

Headings, paragraphs (one block per line, as a Chinese report keeps them), list items
and table cells become blocks; emphasis, heading marks,
bullets and quote markers are structure, so no rule sees them as residue. An ordered
list's number becomes the block's label, the way Word numbering does. Two stars that
stand for a number (集中学习**次，走访**户) are a blank left in a template, not emphasis:
CommonMark would read them as bold, so they are given back as text for TX301.
"""

from __future__ import annotations

import dataclasses
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from compliance.errors import ReadError
from compliance.model.directives import TextDirectives, text_directive
from compliance.model.document import Block, BlockKind, Document, Suppression
from compliance.readers.source import Source
from compliance.readers.text import read_decoded

# What follows a star placeholder: a measure word or a unit, or a clause break inside
# the span. A span that ends at its clause break (**（一）压实责任。** 街道…) is a bold
# run-in heading, and so is one opening its paragraph: a clause break there is its own.
_MEASURE_FIRST = re.compile(r"^[次个人户条篇项件名家所期场余多年月日%％]")
_BREAK_WITHIN = re.compile(r"[，。；、](?=.)")
_CELLS = {"th_open", "td_open"}
_CJK_END = re.compile(r"[\u4e00-\u9fff，。；：、！？）”》]$")
_SPACED_CJK = re.compile(r"^[ \t]+(?=[\u4e00-\u9fff“《（])")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _inline_lines(token: Token) -> list[str]:
    """The inline token's text, one string per source line: a Chinese report keeps one
    paragraph per line, as in a .txt (emphasis and links become their text)."""
    children = token.children or []
    parts: list[str] = []
    literal: set[int] = set()  # indices of emphasis delimiters given back as text
    stack: list[int] = []
    for i, child in enumerate(children):
        if child.type in ("strong_open", "em_open"):
            stack.append(i)
        elif child.type in ("strong_close", "em_close") and stack:
            opened = stack.pop()
            inside = "".join(c.content for c in children[opened + 1 : i] if c.type == "text")
            led = False  # text before the span on its own line
            for before in reversed(children[:opened]):
                if before.type in ("softbreak", "hardbreak"):
                    break
                led = led or bool(before.content.strip())
            if _MEASURE_FIRST.search(inside) or (led and _BREAK_WITHIN.search(inside)):
                literal.update((opened, i))
    text = ""
    closed = False  # the previous child closed an emphasis span
    for i, child in enumerate(children):
        if i in literal:
            text += child.markup
        elif child.type in ("text", "code_inline", "html_inline"):
            content = child.content
            if closed and child.type == "text" and _CJK_END.search(text):
                # **（一）压实责任。** 街道…: CommonMark needs the space after a closing
                # mark that follows punctuation; it is syntax, not a space in the sentence.
                content = _SPACED_CJK.sub("", content)
            text += content
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(text)
            text = ""
        elif child.type == "image":
            text += child.content
        closed = i not in literal and child.type in ("strong_close", "em_close")
    parts.append(text)
    return parts


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    label = ""
    kind: BlockKind = "paragraph"
    line = 1
    for token in _parser().parse(text):
        if token.map is not None:
            line = token.map[0] + 1
        if token.type == "list_item_open":
            label = token.info + token.markup if token.info else ""
        elif token.type in _CELLS:
            kind = "table-cell"
        elif token.type in ("th_close", "td_close"):
            kind = "paragraph"
        elif token.type == "inline":
            for offset, part in enumerate(_inline_lines(token)):
                content = part.strip(" \t")
                if content.strip():
                    blocks.append(Block(content, line + offset, kind=kind, label=label))
                    label = ""
        elif token.type in ("fence", "code_block", "html_block"):
            for offset, raw in enumerate(token.content.splitlines()):
                if raw.strip():
                    blocks.append(Block(raw, line + offset + (token.type == "fence")))
    return blocks


def _placed(blocks: list[Block], text: str) -> tuple[list[Block], tuple[Suppression, ...]]:
    """The blocks without `complint: ignore` lines, each at its place in the source
    when its text stands there verbatim (a plain line: its fixes can be applied), and
    the directives, each applying to the next block."""
    lines: dict[int, tuple[int, str]] = {}  # line number → (offset, text)
    start = 0
    for number, found in enumerate(_LINE.finditer(text), start=1):
        lines[number] = (start, found.group(1))
        start = found.end()
    directives = TextDirectives()
    marked = sorted(n for n, (_, line) in lines.items() if text_directive(line) is not None)
    skip = set(marked)
    kept: list[Block] = []
    fed = 0
    for block in blocks:
        while fed < len(marked) and marked[fed] <= block.line:  # in line order
            at, line = lines[marked[fed]]
            directives.take(line, marked[fed], at)
            fed += 1
        if block.line in skip:
            continue  # the directive's own html block
        at, line = lines.get(block.line, (-1, ""))
        column = line.find(block.text)
        if at >= 0 and column >= 0:
            block = dataclasses.replace(block, column=column + 1, offset=at + column)
        directives.paragraph(block.line, len(block.text))
        kept.append(block)
    for number in marked[fed:]:
        directives.take(lines[number][1], number, lines[number][0])
    return kept, directives.done()


_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")


def read_markdown(path: Source, shown: str) -> Document:
    return markdown_document(read_decoded(path, shown), shown)


def markdown_document(text: str, shown: str) -> Document:
    blocks, suppressions = _placed(markdown_blocks(text), text)
    if not blocks:
        raise ReadError(shown, "empty file")
    return Document(shown, tuple(blocks), format="md", suppressions=suppressions)
