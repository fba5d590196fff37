"""Zip members read without trusting what the archive says about them.

A zip's directory states each member's sizes, and a bomb lies there: it claims a small
part and inflates to gigabytes, or hides behind a plausible ratio. So every member is
inflated in pieces, the bytes are counted as they come, and reading stops at a hard cap
whatever the headers say. The compression ratio is judged on the XML actually inflated:
media parts are never read (an embedded bitmap or EMF really can compress 268:1), and a
damaged member (bad CRC, encrypted flag, unknown compression method, truncated data) is a
ReadError naming the file, like every other reader failure.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from compliance.errors import ReadError
from compliance.readers.source import Source, opened

MB = 1024 * 1024
# Inflated bytes: all the parts read from one package together; one part streamed (the
# main part, whose memory follows its text, not its XML: readers/bodystream.py); one part
# parsed whole (styles, numbering, notes, headers: lxml's tree costs about ten times the
# XML, so this bounds their memory). These bound time too; docs/performance.md.
MAX_UNPACKED = 320 * MB
MAX_PART = 256 * MB
MAX_PARSED_PART = 32 * MB
# Deflate rarely beats 100:1 on real WordprocessingML; bombs reach thousands. Judged only
# once a part has inflated past RATIO_FLOOR, so a small, repetitive part is fine.
MAX_RATIO = 200
RATIO_FLOOR = 1 * MB
CHUNK = 256 * 1024

# What zipfile and zlib raise on a damaged archive or member.
ZIP_ERRORS = (
    zipfile.BadZipFile,  # bad CRC, bad local header, truncated directory
    zipfile.LargeZipFile,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # an unknown compression method
    zlib.error,
    EOFError,
    ValueError,
    struct.error,
    OSError,
    KeyError,
    UnicodeDecodeError,
)


def open_zip(path: Source, shown: str) -> zipfile.ZipFile:
    """The archive at `path`, or in bytes: the caps below hold for either."""
    try:
        return zipfile.ZipFile(opened(path))
    except ZIP_ERRORS as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {_reason(err)})") from None


def _size(archive: zipfile.ZipFile) -> int:
    """The archive's own size: of its file, or of the bytes it was opened from."""
    try:
        handle = archive.fp
        if handle is not None and hasattr(handle, "getbuffer"):  # io.BytesIO: bytes input
            return len(handle.getbuffer())
        return os.stat(archive.filename).st_size if archive.filename else 1 << 62
    except OSError:
        return 1 << 62


def _consumed(stream: Any) -> int:
    """The packed bytes inflated so far: what zipfile read, less what zlib has not used.

    A header's packed size can lie larger than the deflate stream (the bytes after it
    belong to other members), so a bomb's real ratio shows only here. zipfile keeps these
    counts in private fields (stable since Python 3.7); without them, the header's."""
    try:
        read = stream._orig_compress_size - stream._compress_left
        decompressor = stream._decompressor
        unused = len(getattr(decompressor, "unconsumed_tail", b""))
        unused += len(getattr(decompressor, "unused_data", b""))
    except AttributeError:
        return 1 << 62
    return int(read - unused)


def _reason(err: BaseException) -> str:
    if isinstance(err, EOFError):
        return "truncated data"
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


class Reader:
    """Reads members of one archive under one shared budget of inflated bytes."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        self.left = MAX_UNPACKED
        # A member's packed size as its header states it can lie too (a bomb claims a
        # large one to look plausible); it cannot be larger than the file itself.
        self.file_size = _size(archive)

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The whole member, for a part parsed into one tree."""
        return b"".join(self.stream(info, MAX_PARSED_PART))

    def stream(self, info: zipfile.ZipInfo, limit: int = MAX_PART) -> Iterator[bytes]:
        """The member's bytes in pieces as they inflate; a ReadError past a cap."""
        name = info.filename
        cap = min(limit, self.left)
        stated = max(1, min(info.compress_size, self.file_size))
        packed = stated
        total = 0
        try:
            with self.archive.open(info) as stream:
                while True:
                    piece = stream.read(CHUNK)
                    if not piece:
                        break
                    total += len(piece)
                    if total > cap:
                        raise ReadError(self.shown, self._too_big(name, cap, limit))
                    if total > RATIO_FLOOR:
                        packed = max(1, min(stated, _consumed(stream)))
                    if total > RATIO_FLOOR and total > MAX_RATIO * packed:
                        ratio = total // packed
                        raise ReadError(
                            self.shown,
                            f"{name} unpacks to over {ratio}× its packed size; a zip bomb?",
                        )
                    yield piece
        except ZIP_ERRORS as err:
            raise ReadError(
                self.shown, f"not a valid .docx (damaged part {name}: {_reason(err)})"
            ) from None
        finally:
            self.left -= total

    def _too_big(self, name: str, cap: int, limit: int) -> str:
        if cap == limit:
            return f"{name} unpacks to over {limit // MB} MB; a zip bomb, or too large to lint"
        return (
            f"its parts unpack to over {MAX_UNPACKED // MB} MB in all; "
            "a zip bomb, or too large to lint"
        )
