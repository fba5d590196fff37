"""Safe fixes: apply the edits findings carry to a text, and write the text back.

A rule file marks a rule's suggestion `fix = "safe"` when it replaces the finding's
characters as they stand (意认形态 → 意识形态, a half-width comma → ，); such a finding
carries an Edit. Here the edits of one file are applied in one pass — sorted, and any
edit overlapping one already taken is left for the next pass — and the text is linted
again until nothing changes (at most MAX_PASSES), as Ruff's --fix does.

A .txt or .md file keeps its encoding, its byte-order mark and its line endings: edits
are made on the decoded text, whose line breaks no fix touches, and the text is encoded
back the way it came. The file is replaced atomically, with its permissions kept.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.document import ReadError
from compliance.findings import Edit, Finding

MAX_PASSES = 4  # a fix rarely makes another; more passes than this means two rules fight
FIXABLE_SUFFIXES = frozenset({".txt", ".md"})

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """`text` with every edit that overlaps no earlier one applied; (new text, edits applied).

    Edits are taken in order of their start; an edit sharing a character with one
    already taken (or a second insertion at the same point) waits for the next pass.
    """
    taken: list[Edit] = []
    for edit in sorted(set(edits)):
        if not 0 <= edit.start <= edit.end <= len(text):
            continue  # made for another text: never guess where it belongs
        if taken:
            last = taken[-1]
            if edit.start < last.end or (edit.start == last.end and last.start == last.end):
                continue
        taken.append(edit)
    parts: list[str] = []
    position = 0
    for edit in taken:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts), len(taken)


def edits_of(findings: Iterable[Finding]) -> list[Edit]:
    return [f.fix for f in findings if f.fix is not None]


@dataclass(frozen=True)
class Fixed:
    """A text after its fixes: how many were applied, and the findings that remain."""

    text: str
    applied: int
    remaining: tuple[Finding, ...]


# Lints a text as the file it came from; returns its findings (None: it cannot be read).
Relint = Callable[[str], Sequence[Finding] | None]


def fix_text(text: str, findings: Sequence[Finding], relint: Relint) -> Fixed:
    """Apply the safe fixes of `findings` to `text`, re-linting until nothing changes."""
    applied = 0
    current: Sequence[Finding] = findings
    for _ in range(MAX_PASSES):
        edits = edits_of(current)
        if not edits:
            break
        changed, count = apply_edits(text, edits)
        if changed == text:
            break
        relinted = relint(changed)
        if relinted is None:  # the fixed text no longer reads: keep what we had
            break
        text, applied, current = changed, applied + count, relinted
    return Fixed(text, applied, tuple(current))


@dataclass(frozen=True)
class TextFile:
    """A text file's decoded content and how to encode it back byte for byte."""

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def load_text(path: Path, shown: str) -> TextFile:
    """Decode as the text reader does: a BOM decides, else UTF-8, else GB18030."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(shown, f"cannot read file ({err.strerror or err})") from None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return TextFile(data[len(bom) :].decode(encoding), encoding, bom)
            except UnicodeDecodeError:
                raise ReadError(shown, f"cannot decode text (invalid {encoding})") from None
    for encoding in ("utf-8", "gb18030"):
        try:
            return TextFile(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(shown, "cannot decode text (not UTF-8, UTF-16 or GB18030)")


def write_keeping_mode(path: Path, data: bytes) -> None:
    """Replace `path` (the file a symbolic link points to) atomically, its mode kept."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unified_diff(shown: str, before: str, after: str) -> str:
    """A unified diff `patch -p0` applies to the file named `shown`; empty when equal.

    Lines keep their own endings (CRLF stays CRLF); a last line without one is marked
    as diff and patch expect.
    """
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=shown,
        tofile=shown,
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def _lines(text: str) -> list[str]:
    # Lines as patch sees them: ended by \n only (\r\n keeps its \r; no U+2028 splits).
    return _LINE.findall(text)
