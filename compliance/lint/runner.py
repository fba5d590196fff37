"""The runner: the one way files get linted — by the CLI, the library and the plugin.

It owns what lies between paths and results: collecting files (folders, globs), reading
each once, the one pool of workers, the result cache and per-path ignores. The pool is
any `concurrent.futures.Executor`: by default a process pool of `jobs` workers whose
processes die with the run (compliance.lifecycle), or one the caller brings — e.g.
Dask distributed's `client.get_executor()` to lint on a cluster (docs/api.md).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.config import is_enabled, path_ignores
from compliance.errors import ReadError
from compliance.lazyre import lazy
from compliance.lifecycle import FileTimeout, time_limit
from compliance.lint import suppress
from compliance.lint.engine import (
    DEFAULT_LIMITS,
    Limits,
    RuleSet,
    RuleTimeout,
    lint_document,
    read_through,
    skipped_rules,
    with_fingerprint,
)
from compliance.model.document import Document
from compliance.output.result import Packed, PackedResult, Result, Source, reports_of
from compliance.readers import SUPPORTED_SUFFIXES, read_document, read_string
from compliance.readers.collection import excluded, glob_base, walk

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from compliance.lint.cache import Cache

Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass(frozen=True)
class Options:
    """What a result carries beyond its findings."""

    fingerprints: bool = False  # each finding's baseline fingerprint (SARIF, baselines)
    documents: bool = False  # the Document itself (--fix-to, the library)
    # Its compact Source (compliance.output.result): what HTML, rdjson and --show-source
    # show, kept by a run over an archive until the output is written.
    sources: bool = False
    # Results held packed until read (compliance.output.result.Packed): the CLI keeps a
    # whole run's results until its output is written.
    packed: bool = False


def lint_source(
    source: Path | bytes | str,
    shown: str,
    ruleset: RuleSet,
    options: Options = Options(),
    suffix: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Result:
    """Read `source` once — a path, a file's bytes (the suffix of `shown`, else
    `suffix`, picks the reader) or a report's text — and lint it. Never raises for a
    file that cannot be read or a rule that runs too long on it: that is the Result's
    error. A rule past its budget (`limits`) is left out and named in the error, beside
    the other rules' findings; a file past `limits.file_seconds` is that error alone."""
    skipped: dict[str, str] = {}
    try:
        with time_limit(limits.file_seconds):
            if isinstance(source, str):
                read = read_string(source, shown)
            else:
                read = read_document(source, shown, suffix)
            if not has_chinese(read):
                raise ReadError(shown, NO_CHINESE)
            # A file in traditional characters as a whole is read through its simplified
            # twin.
            document, outline = read_through(read, ruleset)
            found = lint_document(
                document, ruleset, outline, budget=limits.rule_seconds, skipped=skipped
            )
            # What reviewers accepted is set apart; stale directives become findings.
            accepted = suppress.split(document, found, ruleset.rules, ruleset.allow, ruleset.known)
            findings = accepted.kept
            if options.fingerprints:
                findings = tuple(with_fingerprint(document, f) for f in findings)
    except FileTimeout as err:
        return Result(shown, error=ReadError(shown, str(err)))
    except ReadError as err:
        return Result(shown, error=err)
    except OSError as err:  # e.g. permission denied between listing and reading
        return Result(shown, error=ReadError(shown, f"cannot read file ({err.strerror or err})"))
    except RuleTimeout as err:
        return Result(shown, error=ReadError(shown, str(err)))
    return Result(
        shown,
        tuple(findings),
        error=ReadError(shown, skipped_rules(skipped)) if skipped else None,
        suppressed=accepted.suppressed,
        reports=reports_of(document, outline),
        warnings=document.warnings,
        document=read if options.documents else None,  # as the file has it, for showing
        source=Source.of(read) if options.sources else None,
    )


# Every rule reads Chinese: a file whose text has not one Chinese character (an English
# or Russian document, Lorem ipsum) would only get every element and the title reported
# missing. Like an empty file, it gets one line saying why it was not checked.
NO_CHINESE = "no Chinese text: complint checks Chinese official reports"
# CJK ideographs: unified (Extension A, the main block) and compatibility, and planes 2-3
# (Extensions B-I, all ideographs). Not kana, hangul, radicals or punctuation alone.
_IDEOGRAPH = lazy(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def has_chinese(document: Document) -> bool:
    """Whether any text the reader took from the file holds a Chinese character: body,
    tables, headers, footers, notes and hidden text alike (a little Chinese anywhere is
    linted as before). A search stops at the first one: a report's first line has it."""
    found = _IDEOGRAPH().search
    return any(found(block.text) for block in document.blocks)


def lint_file(
    path: Path, ruleset: RuleSet, shown: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Result:
    """lint_source for a file, named as its path unless `shown` says otherwise."""
    shown = str(path) if shown is None else shown
    return lint_source(path, shown, ruleset, limits=limits)


_GLOB_CHARS = lazy(r"[*?[]")


def _listed(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith(("~$", "."))
    )


def collect(paths: Iterable[str], exclude: Sequence[str] = ()) -> list[tuple[Path, str] | Result]:
    """Files to lint, in the order given; folders recurse, globs expand (sorted).

    Walks skip what readers.collection skips, and `exclude` (patterns anchored by
    collection.anchor). A path that does not exist, or a folder with no report file,
    becomes a Result with its error, so the run goes on. A file reached twice (a
    folder and a glob over it) is linted once.
    """
    found: list[tuple[Path, str] | Result] = []
    seen: set[Path] = set()

    def add(file: Path, shown: str) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            found.append((file, shown))

    def missing(given: str, reason: str) -> None:
        found.append(Result(given, error=ReadError(given, reason)))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = walk(path, SUPPORTED_SUFFIXES, exclude)
            for file in files:
                add(file, str(file))
            if not files:
                missing(given, NO_REPORTS)
        elif path.exists():  # a FIFO or device too: the reader names it, unread
            add(path, given)
        elif _GLOB_CHARS().search(given):
            # Quoted patterns reach us unexpanded (CI configs, Windows shells).
            import glob  # a pattern to expand is rare: most runs never load it

            base = glob_base(given)
            matches = sorted(glob.glob(given, recursive=True))
            for match in matches:
                if Path(match).is_dir():
                    for file in walk(Path(match), SUPPORTED_SUFFIXES, exclude):
                        add(file, str(file))
                elif _listed(Path(match)) and not excluded(
                    Path(match), Path(os.path.relpath(match, base)).parts, exclude
                ):
                    add(Path(match), match)
            if not matches:
                missing(given, "no file matches this pattern")
        else:
            missing(given, "no such file or directory")
    return found


NO_REPORTS = (
    "no report file in this folder (looked for "
    + ", ".join(sorted(SUPPORTED_SUFFIXES))
    + "; hidden, build, virtualenv and git-ignored folders and `exclude` are skipped)"
)


def ignore_per_path(result: Result, ruleset: RuleSet) -> Result:
    """Drop the findings that `per-path-ignores` switches off for this file."""
    codes = path_ignores(result.path, ruleset.per_path_ignores, ruleset.root)
    if not codes or not result.findings:
        return result
    return result.keep(lambda f: is_enabled(f.rule, (), codes))


# The worker process's rule set: set once by the default pool's initializer, so each
# process receives (and compiles) the packs once rather than once per file.
_WORKER_RULESET: RuleSet | None = None


def _init_worker(ruleset: RuleSet) -> None:
    global _WORKER_RULESET
    _WORKER_RULESET = ruleset


def _lint_batch(
    files: Sequence[tuple[str, str]],
    ruleset: RuleSet | None,
    options: Options,
    limits: Limits,
    pack: bool = False,
) -> Sequence[Result | PackedResult]:
    """Lint a batch in a worker; `ruleset` None: the one the initializer set. With
    `pack`, each result comes per-path ignored and packed (the worker's CPU, not the
    parent's; a packed result crosses to the parent in a fraction of the bytes)."""
    rules = ruleset if ruleset is not None else _WORKER_RULESET
    assert rules is not None, "the pool initializer sets the rule set"
    results = [lint_source(Path(p), shown, rules, options, limits=limits) for p, shown in files]
    if pack:
        return [Packed.pack(ignore_per_path(r, rules)) for r in results]
    return results


def default_jobs() -> int:
    return os.cpu_count() or 1


def run(
    paths: Iterable[str],
    ruleset: RuleSet,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    options: Options = Options(),
    limits: Limits = DEFAULT_LIMITS,
) -> list[Result] | Packed:
    """Lint every file under `paths`; results come in `collect` order whatever the pool.

    `executor`, when given, runs the work (and stays open: it is the caller's);
    otherwise `jobs` > 1 starts a process pool of that many workers for this run.
    Results stored in `cache` always carry fingerprints. A list, or with
    `options.packed` a `Packed` sequence, whose results are packed as they arrive.
    """
    if cache is not None:
        options = dataclasses.replace(options, fingerprints=True)
    items = collect(paths, ruleset.exclude)
    # One result is held as it is: packing it would only be undone (Packed.kept).
    alone = len(items) == 1
    results: list[Result | PackedResult | None] = [
        _held(ignore_per_path(i, ruleset), options, alone) if isinstance(i, Result) else None
        for i in items
    ]
    todo: list[tuple[int, Path, str]] = []
    for index, item in enumerate(items):
        if isinstance(item, Result):
            continue
        hit = cache.get(item[0], item[1]) if cache is not None else None
        if hit is not None and (options.documents or options.sources):
            hit = _with_document(hit, item[0], options)
        if hit is not None:
            results[index] = _held(ignore_per_path(hit, ruleset), options, alone)
        else:
            todo.append((index, item[0], item[1]))
    done = len(items) - len(todo)
    total = len(items)
    if progress is not None:
        progress(done, total)

    def finish(index: int, path: Path, result: Result | PackedResult) -> None:
        nonlocal done
        if isinstance(result, tuple):  # packed by the worker
            results[index] = result
        else:
            if cache is not None and result.error is None:
                cache.put(path, result)
            results[index] = _held(ignore_per_path(result, ruleset), options, alone)
        done += 1
        if progress is not None:
            progress(done, total)

    workers = min(jobs, len(todo))
    if executor is None and workers <= 1:
        for index, path, shown in todo:
            finish(index, path, lint_source(path, shown, ruleset, options, limits=limits))
    elif todo:
        # Imported here: a one-file run need not pay for concurrent.futures.
        from concurrent.futures import as_completed

        from compliance.lifecycle import in_worker, process_pool

        # Files go in small batches: one message per file cost the parent, which shares
        # the CPUs with the workers, a tenth of the run.
        size = max(1, min(16, len(todo) // (max(workers, 1) * 4)))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]

        # The cache stores results as they come: only without one can workers pack them.
        pack = options.packed and cache is None

        def submit(pool: Executor, sent: RuleSet | None) -> None:
            futures: dict[Future[Sequence[Result | PackedResult]], list[tuple[int, Path, str]]]
            futures = {}
            for batch in batches:
                files = [(str(path), shown) for _, path, shown in batch]
                if sent is None:  # our own pool: a worker stops at once on Ctrl-C or TERM
                    job = pool.submit(in_worker, _lint_batch, files, sent, options, limits, pack)
                else:
                    job = pool.submit(_lint_batch, files, sent, options, limits, pack)
                futures[job] = batch
            # Completion order only moves the progress bar; results land at their index.
            for future in as_completed(futures):
                for (index, path, _), result in zip(futures[future], future.result(), strict=True):
                    finish(index, path, result)

        if executor is not None:
            submit(executor, ruleset)  # a foreign pool has no initializer: rules per batch
        else:
            # Workers die with the run and stop at once on Ctrl-C or TERM.
            with process_pool(workers, _init_worker, (ruleset,)) as pool:
                submit(pool, None)
    if options.packed:
        packed = Packed()
        for r in results:
            if isinstance(r, tuple):
                packed.append(r)
        return packed
    return [r for r in results if isinstance(r, Result)]


def _held(result: Result, options: Options, alone: bool = False) -> Result | PackedResult:
    """A finished result as the run holds it until the end: packed, if asked, unless it
    is the run's only one."""
    if not options.packed:
        return result
    return Packed.kept(result) if alone else Packed.pack(result)


def _with_document(result: Result, path: Path, options: Options) -> Result | None:
    """A cached result with its document read (once), or the Source of it, as `options`
    ask; None if it cannot be read now."""
    try:
        document = read_document(path, result.path)
    except (ReadError, OSError):
        return None  # changed or gone since it was cached: lint it again to say why
    return dataclasses.replace(
        result,
        document=document if options.documents else None,
        source=Source.of(document) if options.sources else None,
    )
