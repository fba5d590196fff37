"""The library API: complint without the command line (docs/api.md).

It runs exactly what the CLI runs — the same readers, `lint_document` and rule packs — but
never prints and never exits: problems with the caller's input are exceptions from
`compliance.errors`, and a report that cannot be read is recorded in `Result.errors`.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from compliance import config as config_module
from compliance import document as document_module
from compliance import selection
from compliance.config import Config
from compliance.engine import (
    FileResult,
    RuleSet,
    collect,
    ignore_per_path,
    lint_file_outlined,
)
from compliance.errors import ConfigError, ReadError, RuleError, UsageError
from compliance.findings import SEVERITIES, Finding, Severity
from compliance.lifecycle import private_folder
from compliance.outline import Outline
from compliance.period import setting_problem
from compliance.rulefile import (
    RuleFileDeprecation,
    RuleFileError,
    default_rules_dir,
    load_packs,
    warnings_to_show,
)

StrPath: TypeAlias = str | os.PathLike[str]
Source: TypeAlias = StrPath | bytes
ConfigLike: TypeAlias = Config | StrPath

_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


def _check_severity(fail_on: str) -> Severity:
    for severity in SEVERITIES:
        if severity == fail_on:
            return severity
    raise UsageError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")


@dataclass(frozen=True)
class OutlineHeading:
    """A heading as the outline recognised it; `line`/`column` as findings report them."""

    line: int
    column: int
    level: int
    label: str  # "一、", "（二）" …
    title: str
    roles: frozenset[str]  # section roles named by the title: "problems", "plan" …


@dataclass(frozen=True)
class DetectedReport:
    """One report of a file (a file may hold several), with its headings in order."""

    title: str | None
    line: int  # the report's first line
    end_line: int  # its last line
    headings: tuple[OutlineHeading, ...]


@dataclass(frozen=True)
class Result:
    """What complint found in one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[ReadError, ...] = ()
    reports: tuple[DetectedReport, ...] = ()
    # The rules that ran (SARIF's rule table) and the engine's own result (the findings'
    # anchors): means of rendering, not part of a result's value.
    rules: RuleSet | None = field(default=None, repr=False, compare=False)
    engine_result: FileResult | None = field(default=None, repr=False, compare=False)
    # Findings a reviewer accepted (`complint: ignore`, config `allow`): not reported.
    suppressed: tuple[Finding, ...] = ()

    def at_or_above(self, fail_on: Severity = "error") -> tuple[Finding, ...]:
        rank = _RANK[_check_severity(fail_on)]
        return tuple(f for f in self.findings if _RANK[f.severity] >= rank)

    def passed(self, fail_on: Severity = "error") -> bool:
        """Readable, and no finding at or above `fail_on` — the CLI's exit-code rule."""
        return not self.errors and not self.at_or_above(fail_on)

    def assert_clean(self, fail_on: Severity = "error") -> None:
        """Raise AssertionError listing the findings (CLI text format) unless `passed`."""
        __tracebackhide__ = True  # pytest shows the caller's line, not this one
        if not self.passed(fail_on):
            raise AssertionError(
                f"complint: {self.path} has findings at or above {fail_on}:\n{self.to_text()}"
            )

    def file_result(self) -> FileResult:
        """The engine's form, which the output formats take."""
        engine = self.engine_result
        if engine is not None and (engine.path, engine.findings) == (self.path, self.findings):
            return engine
        error = "; ".join(str(e) for e in self.errors) or None
        return FileResult(self.path, self.findings, error)

    def to_text(self) -> str:
        """The CLI's default output: one line per finding (read errors first), a summary."""
        from compliance.output import text

        lines = [str(e) for e in self.errors]
        return "".join(line + "\n" for line in lines) + text.render([self.file_result()])

    def to_json(self) -> str:
        """The JSON contract of `--format json` (docs/json-output.md) for this file."""
        from compliance.output import json

        return json.render([self.file_result()])

    def to_sarif(self) -> str:
        """SARIF 2.1.0 for this file."""
        from compliance.output import sarif

        if self.rules is None:
            raise UsageError("to_sarif needs the rules: use a Result returned by check()")
        return sarif.render([self.file_result()], self.rules.rules)


def load_config(path: StrPath) -> Config:
    """Read a `complint.toml`, or the `[tool.complint]` table of a `pyproject.toml`."""
    try:
        return config_module.load_config(Path(path))
    except RuleFileError as err:
        raise ConfigError(err.path, err.line, err.column, err.message) from None


def discover_config(start: StrPath | None = None) -> Config:
    """The configuration the CLI would use in `start` (default: the current directory).

    Walks up to the first `complint.toml` or `pyproject.toml` with `[tool.complint]`;
    the defaults when there is none.
    """
    found = config_module.find_config(Path.cwd() if start is None else Path(start))
    return Config() if found is None else load_config(found)


def _config(config: ConfigLike | None) -> Config:
    if config is None:
        return Config()
    return config if isinstance(config, Config) else load_config(config)


def load_rules(
    paths: Iterable[StrPath] = (), *, config: ConfigLike | None = None, bundled: bool = True
) -> RuleSet:
    """Compile the rule packs once; the RuleSet is immutable, reusable and thread safe.

    `paths` are extra rule files or folders, after the bundled packs (unless
    `bundled=False`) and the config's `rules`; `config` applies select, ignore,
    severity and period, as on the command line.
    """
    settings = _config(config)
    sources = [*([default_rules_dir()] if bundled and settings.bundled else []), *settings.rules]
    sources += [Path(p) for p in paths]
    if not sources:
        raise UsageError("no rules to load: bundled packs are off and no rule file is given")
    try:
        packs = load_packs(sources)
    except RuleFileError as err:
        raise RuleError(err.path, err.line, err.column, err.message) from None
    # As on the command line, a code that names no rule, or a period that is not one, is
    # an error rather than a selection that silently checks nothing.
    known = {r.code for p in packs for r in p.rules}
    if settings.source is not None and settings.source.is_file():
        # The file's own settings are reported at their place in it; what a caller (or a
        # pytest marker) put on top is reported by name below.
        try:
            config_module.check_codes(config_module.load_config(settings.source), known)
        except RuleFileError as err:
            raise ConfigError(err.path, err.line, err.column, err.message) from None
    problems = [
        selection.problem(key, codes, known, whole=whole)
        for key, codes, whole in (
            ("select", settings.select, False),
            ("ignore", settings.ignore, False),
            ("severity", tuple(settings.severity), True),
        )
    ]
    problems.append(setting_problem("period", settings.period))
    for problem in problems:
        if problem is not None:
            raise UsageError(problem)
    for message in warnings_to_show(packs):
        warnings.warn(message, RuleFileDeprecation, stacklevel=2)
    return RuleSet.from_packs(packs, settings)


def _ruleset(config: ConfigLike | None, rules: RuleSet | None) -> RuleSet:
    if rules is None:
        return load_rules(config=config)
    if config is not None:
        # A RuleSet already has its configuration applied; two sources would conflict.
        raise UsageError("pass either config= or rules=, not both")
    return rules


def _reports(document: document_module.Document, outline: Outline) -> tuple[DetectedReport, ...]:
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


def _check_file(file: Path, shown: str, ruleset: RuleSet) -> Result:
    # lint_file and the per-path ignores are exactly what the CLI runs on each file.
    linted, document, outline = lint_file_outlined(file, ruleset, shown)
    linted = ignore_per_path(linted, ruleset)
    reason = (linted.error or "").removeprefix(f"{shown}: ")
    if document is None or outline is None:
        return Result(shown, errors=(ReadError(shown, reason),), rules=ruleset)
    # Read, but a rule ran out of time: the other rules' findings and that error.
    errors = () if linted.error is None else (ReadError(shown, reason),)
    reports = _reports(document, outline)
    return Result(shown, linted.findings, errors, reports, ruleset, linted, linted.suppressed)


def _check_bytes(data: bytes, filename: str, ruleset: RuleSet) -> Result:
    # The readers take paths (python-docx opens packages by path); the hinted suffix picks
    # the reader, and the hint itself is what findings name.
    suffix = Path(filename).suffix
    with private_folder() as folder:  # named so that a killed run's copy is swept later
        file = Path(folder) / f"report{suffix}"
        file.write_bytes(data)
        return _check_file(file, filename, ruleset)


def check(
    source: Source,
    *,
    filename: str | None = None,
    config: ConfigLike | None = None,
    rules: RuleSet | None = None,
) -> Result:
    """Lint one report.

    `source` is a path (`str` or `os.PathLike`), the file's bytes with `filename` as the
    hint for its format and the path findings name, or a report's text. A `str` is text
    when it contains a line break or `filename` is given, otherwise a path.
    `rules` is a RuleSet from `load_rules` (reuse it for many files); otherwise the rules
    are loaded with `config` (a Config or a path to a config file; default: none).
    """
    ruleset = _ruleset(config, rules)
    if isinstance(source, bytes):
        if filename is None:
            raise UsageError("check(bytes) needs filename= (its suffix selects the reader)")
        return _check_bytes(source, filename, ruleset)
    if isinstance(source, str) and (filename is not None or "\n" in source or "\r" in source):
        shown = filename if filename is not None else "<text>"
        # Text has no format of its own; a Markdown hint is kept, anything else reads as .txt.
        suffix = ".md" if Path(shown).suffix.lower() == ".md" else ".txt"
        with private_folder() as folder:
            file = Path(folder) / f"report{suffix}"
            file.write_text(source, encoding="utf-8")
            return _check_file(file, shown, ruleset)
    if filename is not None:
        raise UsageError("filename= is only for bytes or text sources")
    if not isinstance(source, str | os.PathLike):
        raise UsageError(f"cannot check a {type(source).__name__}: pass a path, bytes or text")
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{os.fspath(source)} is a folder: use check_many()")
    return _check_file(path, os.fspath(source), ruleset)


def annotate(
    source: StrPath,
    out: StrPath,
    *,
    config: ConfigLike | None = None,
    rules: RuleSet | None = None,
    fixes: bool = False,
) -> Result:
    """Lint a Word file and save a copy at `out` with each finding as a Word comment.

    With `fixes` (the CLI's --fix-to), the safe fixes are tracked changes in the copy
    and only the other findings are comments. The source is never written; `out` is
    written atomically. Returns the lint result; when the file cannot be read, nothing
    is written and the Result carries the error.
    """
    path = Path(source)
    if path.suffix.lower() != ".docx":
        raise UsageError(f"{os.fspath(source)}: only a .docx can carry comments")
    result = check(path, config=config, rules=rules)
    if not result.errors:
        from compliance.word_comments import write_annotated  # only when asked

        try:
            if fixes:
                from compliance import fixes as fixing
                from compliance.readers import read_document

                engine = result.file_result()
                ruleset = _ruleset(config, rules) if result.rules is None else result.rules
                keep = functools.partial(ignore_per_path, ruleset=ruleset)
                fixed = fixing.fix_document(read_document(path), engine, ruleset, keep)
                comments = [f for f in result.findings if f.fix is None]
                write_annotated(path, comments, Path(out), fixed.paragraphs)
            else:
                write_annotated(path, result.findings, Path(out))
        except document_module.ReadError as err:
            raise UsageError(str(err)) from None
    return result


@dataclass(frozen=True)
class Fixed:
    """A text file with its safe fixes applied (docs/fixes.md)."""

    path: str
    before: str  # the decoded text
    after: str
    applied: int  # fixes applied, over every pass
    remaining: Result  # what the fixed text still has

    def diff(self) -> str:
        """A unified diff from `before` to `after` (empty when nothing changed)."""
        from compliance.fixes import unified_diff

        return unified_diff(self.path, self.before, self.after)


def fix(
    source: StrPath,
    *,
    config: ConfigLike | None = None,
    rules: RuleSet | None = None,
    write: bool = False,
) -> Fixed:
    """Apply the safe fixes to a .txt or .md report, linting again until stable.

    With `write` the file is replaced atomically (encoding, BOM, line endings and mode
    kept) — as `complint --fix`; without, nothing is written — as `--diff`. A Word file
    is never fixed in place: use `annotate(source, out, fixes=True)`.
    """
    from compliance import fixes as fixing

    path = Path(source)
    if path.suffix.lower() not in fixing.FIXABLE_SUFFIXES:
        raise UsageError(
            f"{os.fspath(source)}: only .txt and .md are fixed in place; "
            "for a .docx use annotate(source, out, fixes=True)"
        )
    ruleset = _ruleset(config, rules)
    result = check(path, rules=ruleset)
    if result.errors:
        raise result.errors[0]
    keep = functools.partial(ignore_per_path, ruleset=ruleset)
    fixed = fixing.fix_text_file(path, result.file_result(), ruleset, keep)
    if write and fixed.after != fixed.before and fixed.file is not None:
        fixing.write_keeping_mode(path, fixed.file.encode(fixed.after))
    remaining = fixed.result
    return Fixed(
        os.fspath(source),
        fixed.before,
        fixed.after,
        fixed.applied,
        Result(
            remaining.path,
            remaining.findings,
            rules=ruleset,
            engine_result=remaining,
            suppressed=remaining.suppressed,
        ),
    )


# Each worker process holds the rules it was started with, sent once rather than per file.
_WORKER_RULES: RuleSet | None = None


def _init_worker(ruleset: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = ruleset


def _work(item: tuple[Path, str]) -> Result:
    assert _WORKER_RULES is not None
    # The parent re-attaches its own RuleSet; sending it back per file would be waste.
    return dataclasses.replace(_check_file(item[0], item[1], _WORKER_RULES), rules=None)


def check_many(
    paths: Iterable[StrPath],
    *,
    config: ConfigLike | None = None,
    rules: RuleSet | None = None,
    jobs: int | None = 1,
) -> list[Result]:
    """Lint files and folders (folders recurse over .txt, .md and .docx) like the CLI.

    One Result per file, in the order given (folders in name order). A path that does not
    exist gives a Result with a ReadError. `jobs` > 1 lints in that many processes;
    `None` uses every CPU.
    """
    ruleset = _ruleset(config, rules)
    workers = (os.cpu_count() or 1) if jobs is None else jobs
    if workers < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    items = collect((os.fspath(p) for p in paths), ruleset.exclude)
    files = [item for item in items if not isinstance(item, FileResult)]
    if workers > 1 and len(files) > 1:
        with ProcessPoolExecutor(
            min(workers, len(files)), initializer=_init_worker, initargs=(ruleset,)
        ) as pool:
            # map() yields in input order whatever order the workers finish in.
            linted = [dataclasses.replace(r, rules=ruleset) for r in pool.map(_work, files)]
    else:
        linted = [_check_file(path, shown, ruleset) for path, shown in files]
    in_order = iter(linted)
    return [
        _missing(item, ruleset) if isinstance(item, FileResult) else next(in_order)
        for item in items
    ]


def _missing(item: FileResult, ruleset: RuleSet) -> Result:
    reason = (item.error or "").removeprefix(f"{item.path}: ")
    return Result(item.path, errors=(ReadError(item.path, reason),), rules=ruleset)


__all__ = [
    "Config",
    "DetectedReport",
    "Fixed",
    "OutlineHeading",
    "Result",
    "RuleSet",
    "annotate",
    "check",
    "check_many",
    "discover_config",
    "fix",
    "load_config",
    "load_rules",
]
