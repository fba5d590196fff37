"""Readers: one module per file format, each producing the same Document."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from pathlib import Path

from compliance.document import Document, ReadError
from compliance.readers.magic import ZIP
from compliance.readers.text import read_text

WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
# Through LibreOffice; .dot is a Word 97 template, the same binary format as .doc.
CONVERTED_SUFFIXES = frozenset({".doc", ".dot", ".wps"})
SUPPORTED_SUFFIXES: frozenset[str] = (
    frozenset({".txt", ".md", ".pdf"}) | WORD_SUFFIXES | CONVERTED_SUFFIXES
)


def is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == ZIP


def read_document(path: str | os.PathLike[str], display_path: str | None = None) -> Document:
    """Read a report; every failure is a ReadError naming the file and the cause."""
    file = Path(path)
    shown = display_path if display_path is not None else str(path)
    _check_regular(file, shown)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            shown,
            f"unsupported file type '{suffix or file.name}' "
            "(complint reads .txt, .md, .docx, .pdf, and .doc/.dot/.wps through LibreOffice)",
        )
    try:
        return _without_surrogates(_read(file, suffix, shown))
    except OSError as err:  # unreadable (permissions, a vanished network share …)
        raise ReadError(shown, f"cannot read file ({err.strerror or err})") from None


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


def _read(file: Path, suffix: str, shown: str) -> Document:
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
        if is_zip(file):  # a .docx saved under an old name
            return read_docx(file, shown)
        from compliance.readers.convert import check_binary_word, with_docx

        check_binary_word(file, shown)
        return with_docx(file, shown, lambda converted: read_docx(converted, shown))
    from compliance.readers.pdf import read_pdf

    return read_pdf(file, shown)
