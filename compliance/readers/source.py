"""What a reader reads from: a file's path, or its bytes already in memory.

The library lints bytes (an upload, a database field) without writing a temporary file:
the readers take either, through these few accessors.
"""

from __future__ import annotations

import io
from pathlib import Path

Source = Path | bytes


def size(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def head(source: Source, count: int) -> bytes:
    """The first `count` bytes."""
    if isinstance(source, bytes):
        return source[:count]
    with source.open("rb") as handle:
        return handle.read(count)


def content(source: Source) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def suffix(source: Source, shown: str) -> str:
    """The lower-case suffix that names the format: the file's, or the shown name's."""
    return (Path(shown) if isinstance(source, bytes) else source).suffix.lower()


def opened(source: Source) -> Path | io.BytesIO:
    """Something zipfile and pdfminer open: the path itself, or the bytes as a file."""
    return io.BytesIO(source) if isinstance(source, bytes) else source
