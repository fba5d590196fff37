"""The one result of linting a file, and a run's worth of them as formatters take it.

The runner makes a `Result` per file; the library returns it, the pytest plugin judges
it, and every formatter renders a `Run` of them. The document a result was made from
travels with it when asked (`--format html`, `--show-source`), so nothing reads a file
twice.
"""

from __future__ import annotations

import dataclasses
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from compliance import output
from compliance.errors import ReadError, UsageError
from compliance.kinds.base import Rule
from compliance.model.document import Block, Document
from compliance.model.findings import RANK, SEVERITIES, Finding, Severity
from compliance.model.outline import Outline


def severity_named(name: str) -> Severity:
    """`name` as a Severity, or a UsageError listing the valid ones."""
    for severity in SEVERITIES:
        if severity == name:
            return severity
    raise UsageError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {name!r}")


@dataclass(frozen=True, slots=True)  # an archive has tens of thousands
class OutlineHeading:
    """A heading as the outline recognised it; `line`/`column` as findings report them."""

    line: int
    column: int
    level: int
    label: str  # "一、", "（二）" …
    title: str
    roles: frozenset[str]  # section roles named by the title: "problems", "plan" …


@dataclass(frozen=True, slots=True)
class DetectedReport:
    """One report of a file (a file may hold several), with its headings in order."""

    title: str | None
    line: int  # the report's first line
    end_line: int  # its last line
    headings: tuple[OutlineHeading, ...]


def reports_of(document: Document, outline: Outline) -> tuple[DetectedReport, ...]:
    blocks = document.blocks
    return tuple(
        DetectedReport(
            title=None if r.title is None else r.title_text(blocks),
            line=blocks[r.start].line,
            end_line=blocks[r.end - 1].line,
            headings=tuple(
                OutlineHeading(
                    line=blocks[s.heading.block].line,
                    column=s.heading.column,
                    level=s.heading.level,
                    label=s.heading.label,
                    title=s.heading.title,
                    roles=s.roles,
                )
                for s in r.sections
            ),
        )
        for r in outline.reports
        if r.end > r.start and not r.front_matter
    )


@dataclass(frozen=True, slots=True)
class Source:
    """A document as the formats that show a report's text need it (HTML's page,
    reviewdog's byte columns, --show-source): each block's text, line and column.

    A run over an archive keeps one per file until its output is written. The texts are
    one compressed string of bytes and the numbers three arrays, where a Document holds
    a Block object and a string per paragraph: over the 1,000 reports of the benchmark
    (6.1 M characters), 8 MiB instead of 28 (12 as one str, two bytes a character).
    Compressing costs about 0.06 s per million characters, once per file.
    """

    path: str
    packed: bytes  # the blocks' texts one after another: UTF-8, zlib-compressed
    ends: array[int]  # where each block's text ends in `text`
    lines: array[int]
    columns: array[int]

    @classmethod
    def of(cls, document: Document) -> Source:
        blocks = document.blocks
        ends: list[int] = []
        end = 0
        for block in blocks:
            end += len(block.text)
            ends.append(end)
        text = "".join(b.text for b in blocks).encode("utf-8", "surrogatepass")
        return cls(
            document.path,
            zlib.compress(text, 1),  # level 1: most of the gain, a third of the time of 6
            _ints(ends),
            _ints([b.line for b in blocks]),
            _ints([b.column for b in blocks]),
        )

    @property
    def text(self) -> str:
        """The blocks' texts, one after another."""
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")

    def document(self) -> Document:
        """The blocks again (text, line and column; nothing else is kept), made when a
        format shows this file and dropped after."""
        text = self.text
        blocks = []
        start = 0
        for end, line, column in zip(self.ends, self.lines, self.columns, strict=True):
            blocks.append(Block(text[start:end], line, column))
            start = end
        return Document(self.path, tuple(blocks))


def _ints(values: list[int]) -> array[int]:
    try:
        return array("i", values)  # 4 bytes each: any text under the 32 MB ceiling
    except OverflowError:
        return array("q", values)


@dataclass(frozen=True)
class Result:
    """What complint found in one file: its findings, or why it could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: ReadError | None = None
    reports: tuple[DetectedReport, ...] = ()
    warnings: tuple[str, ...] = ()  # what the reader could not represent (Document.warnings)
    # What reviewers accepted (compliance.lint.suppress): counted, not reported.
    suppressed: tuple[Finding, ...] = ()
    # Means of rendering, not part of a result's value: the document the findings were
    # made from (kept when asked: --fix-to, the library), or the compact Source of it the
    # formats that show the text need, and the rules that ran (SARIF's rule table).
    document: Document | None = field(default=None, repr=False, compare=False)
    rules: tuple[Rule, ...] = field(default=(), repr=False, compare=False)
    source: Source | None = field(default=None, repr=False, compare=False)

    def shown(self) -> Document | None:
        """The document to show: the one kept, else the one `source` gives back."""
        if self.document is not None:
            return self.document
        return None if self.source is None else self.source.document()

    @property
    def errors(self) -> tuple[ReadError, ...]:
        """The read error as a tuple: empty when the file was read."""
        return () if self.error is None else (self.error,)

    def at_or_above(self, fail_on: Severity = "error") -> tuple[Finding, ...]:
        rank = RANK[severity_named(fail_on)]
        return tuple(f for f in self.findings if RANK[f.severity] >= rank)

    def passed(self, fail_on: Severity = "error") -> bool:
        """Readable, and no finding at or above `fail_on` — the CLI's exit-code rule."""
        return self.error is None and not self.at_or_above(fail_on)

    def assert_clean(self, fail_on: Severity = "error") -> None:
        """Raise AssertionError listing the findings (CLI text format) unless `passed`."""
        __tracebackhide__ = True  # pytest shows the caller's line, not this one
        if not self.passed(fail_on):
            raise AssertionError(
                f"complint: {self.path} has findings at or above {fail_on}:\n{self.to_text()}"
            )

    def keep(self, wanted: Callable[[Finding], bool]) -> Result:
        """The result with only the findings `wanted` accepts."""
        return dataclasses.replace(self, findings=tuple(f for f in self.findings if wanted(f)))

    def select(self, flags: Sequence[bool]) -> Result:
        """The result with the findings whose flag is true (one flag per finding)."""
        chosen = tuple(f for f, flag in zip(self.findings, flags, strict=True) if flag)
        return dataclasses.replace(self, findings=chosen)

    def to_text(self) -> str:
        """The CLI's default output: one line per finding (read errors first), a summary."""
        lines = [str(e) for e in self.errors]
        return "".join(line + "\n" for line in lines) + output.render("text", Run((self,)))

    def to_json(self) -> str:
        """The JSON contract of `--format json` (docs/json-output.md) for this file."""
        return output.render("json", Run((self,)))

    def to_sarif(self) -> str:
        """SARIF 2.1.0 for this file."""
        if not self.rules:
            raise UsageError("to_sarif needs the rules: use a Result returned by check()")
        return output.render("sarif", Run((self,), self.rules))


@dataclass(frozen=True)
class Run:
    """What every formatter renders: the results of a run and how they are to be shown."""

    results: Sequence[Result]
    rules: Sequence[Rule] = ()  # the rules that ran (SARIF, HTML titles)
    fail_on: Severity = "error"  # the gate (JUnit failures follow it)
    colour: bool = False
    summary: bool = True  # the closing summary line (text, concise)
    show_source: bool = False  # the source line under each finding (text)
    lang: str = "zh-CN"  # the language of the html page: "zh-CN" or "en"


@dataclass
class Tally:
    """What the summary line and the exit code need of a run's results: counts kept as
    results are packed, so that neither has to make the results again."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    suppressed: int = 0
    fixable: int = 0

    def add(self, row: tuple[int, ...]) -> None:
        self.files += 1
        self.errors += row[0]
        self.warnings += row[1]
        self.infos += row[2]
        self.unreadable += row[3]
        self.suppressed += row[4]
        self.fixable += row[5]


def tally_row(result: Result) -> tuple[int, int, int, int, int, int]:
    """One result's counts as Tally.add takes them."""
    errors = warnings = infos = fixable = 0
    for f in result.findings:
        if f.severity == "error":
            errors += 1
        elif f.severity == "warning":
            warnings += 1
        else:
            infos += 1
        if f.fix is not None:
            fixable += 1
    return errors, warnings, infos, int(result.error is not None), len(result.suppressed), fixable


def tally(results: Sequence[Result]) -> Tally:
    """The counts of `results`: kept by a Packed sequence, else counted."""
    if isinstance(results, Packed):
        return results.tally
    counts = Tally()
    for result in results:
        counts.add(tally_row(result))
    return counts


class Packed(Sequence[Result]):
    """Results held compactly: each pickled and compressed (`pack`) as it arrives, and
    made again when read, one at a time; their counts (`tally`) kept beside.

    A run over an archive keeps every file's result until its output is written. Over
    the benchmark's 1,000 reports, their findings (with their fixes and offsets) and the
    outline's headings as objects grew the process by about 20 MiB; packed they take
    5 MiB. Packing a report's result costs about 0.3 ms and each pass that makes it
    again about 0.25 ms (a --jobs worker packs its own); the summary line and the exit
    code read the counts instead.
    """

    def __init__(self) -> None:
        self._packed: list[bytes | Result] = []
        self.tally = Tally()
        self.errors: list[ReadError] = []  # the results' read errors, in order

    @staticmethod
    def pack(result: Result) -> PackedResult:
        """The result packed, with what is kept beside it."""
        import pickle

        packed = zlib.compress(pickle.dumps(result, pickle.HIGHEST_PROTOCOL), 1)
        return packed, tally_row(result), result.error

    @staticmethod
    def kept(result: Result) -> PackedResult:
        """The result held as it is, with what is kept beside it: for a run of one file,
        whose result would be packed only to be made again (1 % of a one-file lint)."""
        return result, tally_row(result), result.error

    def append(self, packed: PackedResult) -> None:
        """Add a result as `pack` gave it."""
        self._packed.append(packed[0])
        self.tally.add(packed[1])
        if packed[2] is not None:
            self.errors.append(packed[2])

    @staticmethod
    def _unpack(packed: bytes | Result) -> Result:
        if not isinstance(packed, bytes):
            return packed  # kept as it is
        import pickle

        result: Result = pickle.loads(zlib.decompress(packed))
        return result

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Result]: ...
    def __getitem__(self, index: int | slice) -> Result | Sequence[Result]:
        if isinstance(index, slice):
            return [self._unpack(p) for p in self._packed[index]]
        return self._unpack(self._packed[index])

    def __iter__(self) -> Iterator[Result]:
        for packed in self._packed:
            yield self._unpack(packed)


# A result as Packed.pack gives it: the pickled and compressed Result (or, from
# Packed.kept, the Result itself), its counts (tally_row) and its read error.
PackedResult = tuple[bytes | Result, tuple[int, ...], ReadError | None]


def read_errors(results: Sequence[Result]) -> list[ReadError]:
    """The results' read errors, in order: kept by a Packed sequence, else collected."""
    if isinstance(results, Packed):
        return results.errors
    return [r.error for r in results if r.error is not None]
