"""Plain text and Markdown: one block per non-blank physical line.

Encodings are detected, never guessed: a BOM decides; else the bytes must be valid
UTF-8; else valid GB18030 (a superset of GBK and GB2312, which Chinese Windows tools
still write). Anything else is an error, not mojibake.
"""

from __future__ import annotations

import codecs
import re

from compliance.errors import ReadError
from compliance.model.directives import TextDirectives
from compliance.model.document import Block, Document
from compliance.readers import source as sources
from compliance.readers.charset import check_gb18030
from compliance.readers.magic import ENCRYPTION_WRAPPER, WRAPPED
from compliance.readers.source import Source
from compliance.readers.wrap import unwrap

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
MAX_BYTES = 32 * 1024 * 1024  # a report is kilobytes; 32 MB is an archive or a log


def decode(data: bytes, shown: str) -> str:
    if data.startswith(ENCRYPTION_WRAPPER):
        raise ReadError(shown, WRAPPED)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(
                    shown, f"cannot decode text (invalid {encoding} after its BOM)"
                ) from None
    if b"\0" in data:
        raise ReadError(shown, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        check_gb18030(data, text, shown)  # Big5 and Shift-JIS decode too, as gibberish
        return text
    raise ReadError(shown, "cannot decode text (not UTF-8, UTF-16 or GB18030)")


def read_decoded(source: Source, shown: str) -> str:
    """The file's text, decoded as above; a ReadError for a file too large or unreadable."""
    try:
        size = sources.size(source)
        if size > MAX_BYTES:
            raise ReadError(shown, f"too large for a report ({size // 1024 // 1024} MB)")
        data = sources.content(source)
    except OSError as err:
        raise ReadError(shown, f"cannot read file ({err.strerror or err})") from None
    return decode(data, shown)


def read_text(source: Source, shown: str) -> Document:
    text = read_decoded(source, shown)  # a large file is held once, as text, from here on
    return text_document(text, shown, sources.suffix(source, shown).lstrip("."))


def text_document(text: str, shown: str, format: str) -> Document:
    """The blocks of a decoded text: one per non-blank line, with its offset."""
    blocks: list[Block] = []
    directives = TextDirectives()  # `<!-- complint: ignore … -->` lines are not text
    start = 0
    breaks = [m.span() for m in _LINE_BREAK.finditer(text)] + [(len(text), len(text))]
    for number, (end, after) in enumerate(breaks, start=1):
        line = text[start:end]
        if line.strip() and not directives.take(line, number, start):
            blocks.append(Block(line, number, offset=start))
            directives.paragraph(number, len(line))
        start = after
    if not blocks:
        raise ReadError(shown, "empty file")
    # A PDF's or an e-mail's copy: lines joined into the paragraphs they were.
    return Document(shown, tuple(unwrap(blocks)), format=format, suppressions=directives.done())
