"""The one front door: complint as a library (docs/api.md), and what every shell calls.

The `complint` command and the pytest plugin are thin shells over this module (they
import nothing else of complint but `compliance.output` and `compliance.config`). It
never prints and never exits: problems with the caller's input are exceptions from
`compliance.errors`, and a report that cannot be read is a value — `Result.error`.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias, overload

# First: the modules below build their dataclasses and patterns from kept code.
import compliance.codecache  # noqa: F401
from compliance import config as config_module
from compliance.atomic import write_atomically
from compliance.config import Config
from compliance.constants import CACHE_DIR
from compliance.errors import (
    BaselineError,
    ComplintError,
    ConfigError,
    ReadError,
    RuleError,
    RuleFileError,
    UsageError,
)
from compliance.lifecycle import run_command  # the command's Ctrl-C and TERM handling
from compliance.lint.engine import DEFAULT_LIMITS, Limits, RuleSet
from compliance.lint.runner import (
    Options,
    Progress,
    default_jobs,
    ignore_per_path,
    lint_source,
    run,
)
from compliance.model.document import Block, Document
from compliance.model.findings import RANK, SEVERITIES, Finding, Severity
from compliance.model.period import parse_period, setting_problem
from compliance.output.result import (
    DetectedReport,
    OutlineHeading,
    Packed,
    Result,
    severity_named,
)
from compliance.packcache import cache_key
from compliance.packs import selection
from compliance.packs.rulefile import (
    Pack,
    RuleFileDeprecation,
    default_rules_dir,
    load_packs,
    rule_files,
    warnings_to_show,
)
from compliance.readers import SUPPORTED_SUFFIXES
from compliance.readers.collection import anchor as anchor_patterns
from compliance.version import __version__

if TYPE_CHECKING:
    from collections import Counter
    from concurrent.futures import Executor

    from compliance.kinds.base import Rule
    from compliance.lint.checkrules import ExampleFailure
    from compliance.lint.fixes import FileFix

StrPath: TypeAlias = str | os.PathLike[str]
Source: TypeAlias = StrPath | bytes
ConfigLike: TypeAlias = Config | StrPath


def load_config(path: StrPath) -> Config:
    """Read a `complint.toml`, or the `[tool.complint]` table of a `pyproject.toml`."""
    return config_module.load_config(Path(path))


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


def load_packs_of(paths: Iterable[StrPath] = (), *, bundled: bool = True) -> list[Pack]:
    """The rule packs, uncompiled by configuration: bundled (unless not) and `paths`."""
    sources = [*([default_rules_dir()] if bundled else []), *(Path(p) for p in paths)]
    return load_packs(sources)


def load_rules(
    paths: Iterable[StrPath] = (), *, config: ConfigLike | None = None, bundled: bool = True
) -> RuleSet:
    """Compile the rule packs once; the RuleSet is immutable, reusable and thread safe.

    `paths` are extra rule files or folders, after the bundled packs (unless
    `bundled=False`) and the config's `rules`; `config` applies select, ignore,
    severity and period, as on the command line.
    """
    settings = _config(config)
    use_bundled = bundled and settings.bundled
    sources = [*settings.rules, *(Path(p) for p in paths)]
    if not use_bundled and not sources:
        raise UsageError("no rules to load: bundled packs are off and no rule file is given")
    packs = load_packs_of(sources, bundled=use_bundled)
    # As on the command line, a code that names no rule, or a period that is not one, is
    # an error rather than a selection that silently checks nothing.
    known = {r.code for p in packs for r in p.rules}
    if settings.source is not None and settings.source.is_file():
        # The file's own settings are reported at their place in it; what a caller (or a
        # pytest marker) put on top is reported by name below.
        config_module.check_codes(config_module.load_config(settings.source), known)
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


def _with_rules(result: Result, ruleset: RuleSet) -> Result:
    return replace(result, rules=ruleset.rules)


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
    when it contains a line break or `filename` is given, otherwise a path. Bytes and
    text are read in memory: nothing is written.
    `rules` is a RuleSet from `load_rules` (reuse it for many files); otherwise the rules
    are loaded with `config` (a Config or a path to a config file; default: none).
    """
    ruleset = _ruleset(config, rules)
    read: Path | bytes | str
    if isinstance(source, bytes):
        if filename is None:
            raise UsageError("check(bytes) needs filename= (its suffix selects the reader)")
        read, shown = source, filename
    elif isinstance(source, str) and (filename is not None or "\n" in source or "\r" in source):
        read, shown = source, filename if filename is not None else "<text>"
    else:
        if filename is not None:
            raise UsageError("filename= is only for bytes or text sources")
        if not isinstance(source, str | os.PathLike):
            raise UsageError(f"cannot check a {type(source).__name__}: pass a path, bytes or text")
        read, shown = Path(source), os.fspath(source)
        if read.is_dir():
            raise UsageError(f"{shown} is a folder: use check_many()")
    return check_source(read, shown, ruleset)


def check_source(
    source: Path | bytes | str,
    shown: str,
    ruleset: RuleSet,
    *,
    suffix: str | None = None,
    fingerprints: bool = True,
    documents: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    sources: bool = False,
) -> Result:
    """One report — a path, a file's bytes or a report's text — named `shown`: the
    runner's steps for one file, per-path ignores included, as the CLI runs them.
    `suffix` picks the reader when `shown` has none (stdin); `limits` bound the time a
    rule and the whole file may take (a rule past its budget is named in the error).
    `documents` keeps the Document on the Result, `sources` its compact Source (what
    the formats that show the text need)."""
    options = Options(fingerprints=fingerprints, documents=documents, sources=sources)
    result = lint_source(source, shown, ruleset, options, suffix, limits=limits)
    return _with_rules(ignore_per_path(result, ruleset), ruleset)


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
    ruleset = _ruleset(config, rules)
    result = check_source(path, os.fspath(source), ruleset, documents=fixes)
    if result.error is None:
        if fixes:
            keep = functools.partial(ignore_per_path, ruleset=ruleset)
            write_fixes_to(path, result, ruleset, keep, Path(out))
        else:
            write_comments(path, result.findings, Path(out))
    return dataclasses.replace(result, document=None)


Keep: TypeAlias = Callable[[Result], Result]


def write_fixes_to(
    source: Path, result: Result, ruleset: RuleSet, keep: Keep, out: Path
) -> tuple[int, int]:
    """Save a copy of the .docx `source` at `out` with the safe fixes of `result` as
    tracked changes and its other findings as comments; (changes, comments) written.

    `keep` is what the run did to the first findings (per-path ignores, a baseline): each
    pass of fixing sees the same. The document is the one `result` was read from, when
    it kept it."""
    from compliance.lint import fixes as fixing
    from compliance.output.word_comments import write_annotated  # python-docx, when asked
    from compliance.readers import read_document

    try:
        document = result.document or read_document(source, result.path)
        fixed = fixing.fix_document(document, result, ruleset, keep)
        comments = [f for f in result.findings if f.fix is None]
        changes = write_annotated(source, comments, out, fixed.paragraphs)
    except ReadError as err:
        raise UsageError(str(err)) from None
    return changes, len(comments)


def fix_results(
    results: Sequence[Result], ruleset: RuleSet, keep: Keep
) -> tuple[list[Result], list[FileFix], list[str]]:
    """--fix and --diff over a run's results: each readable .txt/.md file with safe fixes
    fixed in memory (nothing written: each FileFix has `write()` and `patch()`). Returns
    the results as they would remain, the fixes, and a line per file left as it is."""
    from compliance.lint import fixes as fixing

    return fixing.fix_results(results, ruleset, keep)


def write_comments(
    source: Path,
    findings: Sequence[Finding],
    out: Path,
    changes: Mapping[int, str] | None = None,
) -> None:
    """Save a copy of the .docx `source` at `out` with `findings` as Word comments, and
    `changes` (a body paragraph's fixed text, by its line) as tracked changes."""
    from compliance.output.word_comments import write_annotated  # python-docx, when asked

    try:
        write_annotated(source, findings, out, changes)
    except ReadError as err:
        raise UsageError(str(err)) from None


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
        from compliance.lint.fixes import unified_diff

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
    from compliance.lint import fixes as fixing

    path = Path(source)
    if path.suffix.lower() not in fixing.FIXABLE_SUFFIXES:
        raise UsageError(
            f"{os.fspath(source)}: only .txt and .md are fixed in place; "
            "for a .docx use annotate(source, out, fixes=True)"
        )
    ruleset = _ruleset(config, rules)
    result = check(path, rules=ruleset)
    if result.error is not None:
        raise result.error
    keep = functools.partial(ignore_per_path, ruleset=ruleset)
    fixed = fixing.fix_text_file(path, result, ruleset, keep)
    if write and fixed.after != fixed.before and fixed.file is not None:
        fixing.write_keeping_mode(path, fixed.file.encode(fixed.after))
    return Fixed(
        os.fspath(source),
        fixed.before,
        fixed.after,
        fixed.applied,
        _with_rules(fixed.result, ruleset),
    )


@overload
def run_files(
    paths: Iterable[StrPath],
    ruleset: RuleSet,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    cache_dir: StrPath | None = None,
    progress: Progress | None = None,
    fingerprints: bool = True,
    documents: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    sources: bool = False,
    packed: Literal[False] = False,
) -> list[Result]: ...
@overload
def run_files(
    paths: Iterable[StrPath],
    ruleset: RuleSet,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    cache_dir: StrPath | None = None,
    progress: Progress | None = None,
    fingerprints: bool = True,
    documents: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    sources: bool = False,
    packed: Literal[True],
) -> Packed: ...
def run_files(
    paths: Iterable[StrPath],
    ruleset: RuleSet,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    cache_dir: StrPath | None = None,
    progress: Progress | None = None,
    fingerprints: bool = True,
    documents: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    sources: bool = False,
    packed: bool = False,
) -> list[Result] | Packed:
    """The runner as the shells use it: `check_many` with every knob, rules compiled.

    `cache_dir` keeps results of unchanged files there; `fingerprints=False` skips the
    baseline fingerprints (only SARIF and baselines need them); `documents` keeps each
    file's Document on its Result; `sources` keeps instead a compact Source of it, all
    the formats that show the text need (a fraction of the memory over many files).
    `packed` returns the results as a `compliance.output.result.Packed` sequence, each
    held pickled and compressed until read (what the command keeps over an archive);
    otherwise a list.
    """
    cache = None
    if cache_dir is not None:
        from compliance.lint.cache import Cache  # a run without a cache never loads it

        cache = Cache.open(Path(cache_dir), ruleset)
    options = Options(
        fingerprints=fingerprints, documents=documents, sources=sources, packed=packed
    )
    return run(
        (os.fspath(p) for p in paths),
        ruleset,
        jobs=jobs,
        executor=executor,
        cache=cache,
        progress=progress,
        options=options,
        limits=limits,
    )


def check_many(
    paths: Iterable[StrPath],
    *,
    config: ConfigLike | None = None,
    rules: RuleSet | None = None,
    jobs: int | None = 1,
    executor: Executor | None = None,
) -> list[Result]:
    """Lint files and folders (folders recurse over the supported suffixes) like the CLI.

    One Result per file, in the order given (folders in name order). A path that does not
    exist gives a Result with a ReadError. `jobs` > 1 lints in that many processes;
    `None` uses every CPU. `executor` runs the work in a pool of the caller's instead —
    any `concurrent.futures.Executor`, e.g. Dask distributed's `client.get_executor()`.
    """
    ruleset = _ruleset(config, rules)
    workers = default_jobs() if jobs is None else jobs
    if workers < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    results = run_files(paths, ruleset, jobs=workers, executor=executor)
    return [_with_rules(r, ruleset) for r in results]


# Baselines: record the findings a project accepts today, report only new ones later.
# Imported when used, as are the rule checks and explanations below: a one-file lint
# loads none of them.
def load_baseline(source: StrPath) -> Counter[tuple[str, str, str]]:
    """The findings a baseline file records; raises BaselineError when it cannot be read."""
    from compliance.lint import baseline

    return baseline.load(Path(source))


def write_baseline(target: StrPath, results: Sequence[Result]) -> int:
    """Record the findings of `results` in `target` (atomically); returns how many."""
    from compliance.lint import baseline

    return baseline.write(Path(target), results)


def subtract_baseline(
    results: Sequence[Result], known: Counter[tuple[str, str, str]], source: StrPath
) -> list[Result]:
    """`results` without the findings recorded in the baseline `source` (as loaded)."""
    from compliance.lint import baseline

    return baseline.subtract(results, known, Path(source))


def check_examples(
    packs: Sequence[Pack], loaded: Sequence[Pack] = ()
) -> tuple[int, list[ExampleFailure]]:
    """Run each rule alone on its examples: (examples checked, failures), as check-rules."""
    from compliance.lint import checkrules

    return checkrules.check_examples(packs, loaded)


def explain(facets: Sequence[Rule], lang: str = "en") -> str:
    """A rule explained, as `complint rule CODE` prints it."""
    from compliance.packs.explain import explain as explained

    return explained(facets, lang)


def rules_fingerprint(settings: Config, *parts: str) -> str:
    """A key for everything a verdict depends on besides the file: complint's code, the
    rule files, the configuration, and `parts` (the pytest plugin's threshold)."""
    sources = [settings.source] if settings.source is not None else []
    for folder in (default_rules_dir(), *settings.rules):
        sources += rule_files(folder)
    contents: list[str | bytes] = []
    for source in sources:
        contents += [str(source), source.read_bytes() if source.is_file() else b""]
    return cache_key(*parts, *contents)


__all__ = [
    "CACHE_DIR",
    "RANK",
    "SEVERITIES",
    "SUPPORTED_SUFFIXES",
    "BaselineError",
    "Block",
    "ComplintError",
    "Config",
    "ConfigError",
    "DetectedReport",
    "Document",
    "Finding",
    "Fixed",
    "Limits",
    "OutlineHeading",
    "Pack",
    "ReadError",
    "Result",
    "RuleError",
    "RuleFileDeprecation",
    "RuleFileError",
    "RuleSet",
    "Severity",
    "UsageError",
    "__version__",
    "anchor_patterns",
    "annotate",
    "cache_key",
    "check",
    "check_examples",
    "check_many",
    "check_source",
    "default_jobs",
    "discover_config",
    "explain",
    "fix",
    "fix_results",
    "ignore_per_path",
    "load_baseline",
    "load_config",
    "load_rules",
    "parse_period",
    "rule_files",
    "rules_fingerprint",
    "run_command",
    "run_files",
    "selection",
    "setting_problem",
    "severity_named",
    "subtract_baseline",
    "warnings_to_show",
    "write_atomically",
    "write_baseline",
    "write_comments",
    "write_fixes_to",
]
