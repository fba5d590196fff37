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

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from compliance.document import ReadError

MB = 1024 * 1024
# All the parts read from one package together, and one part. Memory while reading is
# about ten times the XML (lxml's tree), so these bound the reader's memory too; see
# docs/performance.md for the ceiling this gives.
MAX_UNPACKED = 160 * MB
MAX_PART = 128 * MB
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


def open_zip(path: Path, shown: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except ZIP_ERRORS as err:
        raise ReadError(shown, f"not a valid .docx (corrupt zip: {_reason(err)})") from None


def _reason(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


class Reader:
    """Reads members of one archive under one shared budget of inflated bytes."""

    def __init__(self, archive: zipfile.ZipFile, shown: str) -> None:
        self.archive = archive
        self.shown = shown
        self.left = MAX_UNPACKED

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.stream(info))

    def stream(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's bytes in pieces as they inflate; a ReadError past a cap."""
        name = info.filename
        cap = min(MAX_PART, self.left)
        total = 0
        try:
            with self.archive.open(info) as stream:
                while True:
                    piece = stream.read(CHUNK)
                    if not piece:
                        break
                    total += len(piece)
                    if total > cap:
                        raise ReadError(self.shown, self._too_big(name, cap))
                    if total > RATIO_FLOOR and total > MAX_RATIO * max(info.compress_size, 1):
                        ratio = total // max(info.compress_size, 1)
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

    def _too_big(self, name: str, cap: int) -> str:
        if cap == MAX_PART:
            return f"{name} unpacks to over {MAX_PART // MB} MB; a zip bomb, or too large to lint"
        return (
            f"its parts unpack to over {MAX_UNPACKED // MB} MB in all; "
            "a zip bomb, or too large to lint"
        )
