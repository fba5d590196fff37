"""Readers: one module per file format, each producing the same Document.

`read_document(source, name)` takes a path or a file's bytes; `read_string` a report's
text. Word files are read from their XML parts (readers/ooxml, numbering, styles,
docx), PDF through pdfminer, .doc and .wps converted by LibreOffice first.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from pathlib import Path

from compliance.constants import CONVERTED_SUFFIXES, SUPPORTED_SUFFIXES, WORD_SUFFIXES
from compliance.errors import ReadError
from compliance.model.document import Document
from compliance.readers import source as sources
from compliance.readers.magic import ZIP
from compliance.readers.source import Source
from compliance.readers.text import read_text, text_document

__all__ = ["CONVERTED_SUFFIXES", "SUPPORTED_SUFFIXES", "WORD_SUFFIXES", "read_document"]


def read_document(
    source: str | os.PathLike[str] | bytes, name: str | None = None, suffix: str | None = None
) -> Document:
    """Read a report from its path or its bytes; every failure is a ReadError naming the
    file and the cause. `name` is what findings call the file (default: the path); the
    suffix of the path (for bytes: of `name`, else `suffix`) chooses the reader."""
    if isinstance(source, bytes):
        data: Source = source
        shown = name if name is not None else "<bytes>"
    else:
        data = Path(source)
        shown = name if name is not None else os.fspath(source)
    if isinstance(data, Path):
        _check_regular(data, shown)
    suffix = sources.suffix(data, shown) or (suffix or "").lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            shown,
            f"unsupported file type '{suffix or Path(shown).name}' "
            "(complint reads .txt, .md, .docx, .pdf, and .doc/.dot/.wps through LibreOffice)",
        )
    try:
        return _without_surrogates(_read(data, suffix, shown))
    except OSError as err:  # unreadable (permissions, a vanished network share …)
        raise ReadError(shown, f"cannot read file ({err.strerror or err})") from None


def read_string(text: str, name: str | None = None) -> Document:
    """A report given as text: Markdown when `name` ends in .md, else plain text."""
    shown = name if name is not None else "<text>"
    if Path(shown).suffix.lower() == ".md":
        from compliance.readers.markdown import markdown_document

        return _without_surrogates(markdown_document(text, shown))
    return _without_surrogates(text_document(text, shown, "txt"))


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _check_regular(file: Path, shown: str) -> None:
    """Only regular files are read: a FIFO would block the run and /dev/zero never ends,
    so they are named and skipped without being opened."""
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        raise ReadError(shown, "no such file") from None
    except OSError as err:
        raise ReadError(shown, f"cannot read file ({err.strerror or err})") from None
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _SPECIAL if test(mode)), "a special file")
        raise ReadError(shown, f"not a regular file ({what}); not read")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(document: Document) -> Document:
    """The document with any lone surrogate (a damaged PDF's ToUnicode map can give one)
    replaced by U+FFFD. It has no UTF-8 form, so OpenCC and the term automaton would
    fail on it; one character for one keeps every column."""
    if not any(_SURROGATE.search(block.text) for block in document.blocks):
        return document
    blocks = tuple(
        dataclasses.replace(block, text=_SURROGATE.sub("\ufffd", block.text))
        for block in document.blocks
    )
    return dataclasses.replace(document, blocks=blocks)


def _read(file: Source, suffix: str, shown: str) -> Document:
    # Each format's reader is imported when a file needs it: a run over .txt files does
    # not load lxml, and only PDF input loads pdfminer.
    if suffix == ".txt":
        return read_text(file, shown)
    if suffix == ".md":
        from compliance.readers.markdown import read_markdown

        return read_markdown(file, shown)
    from compliance.readers.docx import read_docx

    if suffix in WORD_SUFFIXES:
        return read_docx(file, shown)
    if suffix in CONVERTED_SUFFIXES:
        if sources.head(file, 4) == ZIP:  # a .docx saved under an old name
            return read_docx(file, shown)
        from compliance.readers.convert import check_binary_word, with_docx

        if isinstance(file, bytes):
            return _converted_bytes(file, suffix, shown)
        check_binary_word(file, shown)
        return with_docx(file, shown, lambda converted: read_docx(converted, shown))
    from compliance.readers.pdf import read_pdf

    return read_pdf(file, shown)


def _converted_bytes(data: bytes, suffix: str, shown: str) -> Document:
    # LibreOffice reads files: the one case where bytes go to a temporary file, in a
    # folder named for this process, so that a copy a killed run left is swept later.
    from compliance.lifecycle import private_folder
    from compliance.readers.convert import check_binary_word, with_docx
    from compliance.readers.docx import read_docx

    with private_folder() as folder:
        file = Path(folder) / f"input{suffix}"
        file.write_bytes(data)
        check_binary_word(file, shown)
        return with_docx(file, shown, lambda converted: read_docx(converted, shown))
