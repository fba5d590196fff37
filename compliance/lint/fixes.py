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

import bisect
import codecs
import dataclasses
import difflib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compliance.errors import ReadError
from compliance.lint import suppress
from compliance.lint.engine import RuleSet, lint_document
from compliance.lint.runner import lint_source
from compliance.model.document import Document
from compliance.model.findings import Edit, Finding
from compliance.output.result import Result

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


def edits_of(
    findings: Iterable[Finding], text: str | None = None, lines: bool = False
) -> list[Edit]:
    """The findings' fixes; with `text`, only those whose characters in `text` are the
    finding's own (a reader that joined lines or converted characters moved them), and
    with `lines` (a text file's own text) only those inside the physical line and
    columns the finding names."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)] if text is not None and lines else []
    found: list[Edit] = []
    for f in findings:
        fix = f.fix
        if fix is None:
            continue
        if text is not None and text[fix.start : fix.end] != f.text:
            continue
        if starts:
            if not 0 < f.line <= len(starts):
                continue
            line_start = starts[f.line - 1]
            line_end = starts[f.line] if f.line < len(starts) else len(text or "")
            if (line_start + f.column - 1, line_start + f.end_column - 1) != (fix.start, fix.end):
                continue
            if fix.end > line_end:
                continue
        found.append(fix)
    return found


_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Fixed:
    """A text after its fixes: how many were applied, and the findings that remain."""

    text: str
    applied: int
    remaining: tuple[Finding, ...]


# Lints a text as the file it came from; returns its findings (None: it cannot be read).
Relint = Callable[[str], Sequence[Finding] | None]


def fix_text(text: str, findings: Sequence[Finding], relint: Relint) -> Fixed:
    """Apply the safe fixes of `findings` to a text file's `text`, re-linting until
    nothing changes."""
    applied = 0
    current: Sequence[Finding] = findings
    for _ in range(MAX_PASSES):
        edits = edits_of(current, text, lines=True)
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


# What the run does to a linted file's result after the engine (per-path ignores, the
# baseline): later passes see only what the first did.
Keep = Callable[[Result], Result]


@dataclass(frozen=True)
class FileFix:
    """One file's fixes: the text before and after, and the result that remains."""

    path: str
    before: str
    after: str
    applied: int
    result: Result
    file: TextFile | None = None  # a text file: how its bytes are written back
    # A Word file: each body paragraph's fixed text, by its line (paragraph number).
    paragraphs: Mapping[int, str] = field(default_factory=dict)

    def patch(self) -> bytes:
        """A text file's fixes as a unified diff in its own bytes (BOM included), so that
        `patch -p0` finds its lines."""
        assert self.file is not None
        bom = "\ufeff" if self.file.bom else ""
        diff = unified_diff(self.path, bom + self.before, bom + self.after)
        return diff.encode(self.file.encoding, "backslashreplace")

    def write(self) -> None:
        """Replace the text file with its fixed text, atomically, its mode kept."""
        assert self.file is not None
        write_keeping_mode(Path(self.path), self.file.encode(self.after))


def fix_text_file(source: Path, result: Result, ruleset: RuleSet, keep: Keep) -> FileFix:
    """The safe fixes of `result` applied to the text file `source`, until stable."""
    file = load_text(source, result.path)
    last = [result]

    def relint(text: str) -> Sequence[Finding] | None:
        # Linted as the file's bytes would be once written: no temporary file.
        linted = lint_source(file.encode(text), result.path, ruleset, suffix=source.suffix)
        if linted.error is not None:
            return None
        last.append(keep(linted))
        return last[-1].findings

    fixed = fix_text(file.text, result.findings, relint)
    return FileFix(result.path, file.text, fixed.text, fixed.applied, last[-1], file)


def apply_block_edits(
    document: Document, edits: Iterable[Edit], *, body_only: bool = False
) -> tuple[Document, int]:
    """`document` with the edits applied block by block (offsets as Edit says).

    `body_only`: leave notes, headers and footers alone (a Word copy marks changes in
    the body's paragraphs only).
    """
    starts: list[int] = []
    offset = 0
    for block in document.blocks:
        starts.append(block.offset if block.offset >= 0 else offset)
        offset += len(block.text) + 1
    per_block: dict[int, list[Edit]] = {}
    for edit in edits:
        index = bisect.bisect_right(starts, edit.start) - 1
        if index < 0:
            continue
        start = starts[index]
        if body_only and document.blocks[index].kind not in ("paragraph", "table-cell"):
            continue
        if edit.end <= start + len(document.blocks[index].text):
            per_block.setdefault(index, []).append(
                Edit(edit.start - start, edit.end - start, edit.replacement)
            )
    blocks = list(document.blocks)
    applied = 0
    for index, local_edits in per_block.items():
        text, count = apply_edits(blocks[index].text, local_edits)
        blocks[index] = dataclasses.replace(blocks[index], text=text)
        applied += count
    return dataclasses.replace(document, blocks=tuple(blocks)), applied


def fix_document(document: Document, result: Result, ruleset: RuleSet, keep: Keep) -> FileFix:
    """The safe fixes of `result` applied to a read document (a Word file), until stable.

    Each pass lints the fixed document in memory, as the file would read once fixed.
    """
    current, remaining, applied = document, result, 0
    for _ in range(MAX_PASSES):
        edits = edits_of(remaining.findings, "\n".join(b.text for b in current.blocks))
        if not edits:
            break
        changed, count = apply_block_edits(current, edits, body_only=True)
        if count == 0:
            break
        found = lint_document(changed, ruleset)
        accepted = suppress.split(changed, found, ruleset.rules, ruleset.allow, ruleset.known)
        relinted = Result(result.path, accepted.kept, suppressed=accepted.suppressed)
        current, remaining, applied = changed, keep(relinted), applied + count
    fixed = {
        block.line: after.text
        for block, after in zip(document.blocks, current.blocks, strict=True)
        if block.text != after.text
    }
    before = "\n".join(b.text for b in document.blocks)
    after_text = "\n".join(b.text for b in current.blocks)
    return FileFix(result.path, before, after_text, applied, remaining, paragraphs=fixed)


def fix_results(
    results: Sequence[Result], ruleset: RuleSet, keep: Keep
) -> tuple[list[Result], list[FileFix], list[str]]:
    """Each readable .txt/.md result with safe fixes, fixed in memory (nothing written).

    Returns the results as they would remain, the fixes, and one line per file that
    cannot be fixed in place (a Word file: --fix-to writes a copy).
    """
    remaining: list[Result] = []
    fixes: list[FileFix] = []
    notes: list[str] = []
    for result in results:
        if result.error is not None or not edits_of(result.findings):
            remaining.append(result)
            continue
        source = Path(result.path)  # a file's result is named by its path
        if source.suffix.lower() not in FIXABLE_SUFFIXES:
            notes.append(
                f"{result.path}: not changed (only .txt and .md are fixed in place; "
                "for a .docx, --fix-to OUT.docx writes a copy with tracked changes)"
            )
            remaining.append(result)
            continue
        try:
            fixed = fix_text_file(source, result, ruleset, keep)
        except ReadError as err:
            notes.append(f"{err} (not fixed)")
            remaining.append(result)
            continue
        remaining.append(fixed.result)
        if fixed.after != fixed.before:
            fixes.append(fixed)
    return remaining, fixes, notes
