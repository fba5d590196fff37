"""Readers: one module per file format, each producing the same Document."""

from __future__ import annotations

import os
from pathlib import Path

from compliance.document import Document, ReadError
from compliance.readers.docx import read_docx
from compliance.readers.text import read_text

WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md"}) | WORD_SUFFIXES
_ADVICE = {
    ".doc": "an old binary Word .doc file; open it in Word or WPS and save as .docx",
    ".wps": "a WPS .wps file; open it in WPS and save as .docx",
    ".pdf": "a PDF file; lint the .docx it was made from",
}


def read_document(path: str | os.PathLike[str], display_path: str | None = None) -> Document:
    """Read a report; every failure is a ReadError naming the file and the cause."""
    file = Path(path)
    shown = display_path if display_path is not None else str(path)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        reason = _ADVICE.get(suffix, f"unsupported file type '{suffix or file.name}'")
        raise ReadError(shown, f"{reason} (complint reads .txt, .md and .docx)")
    if not file.is_file():
        raise ReadError(shown, "no such file")
    if suffix in WORD_SUFFIXES:
        return read_docx(file, shown)
    return read_text(file, shown)
