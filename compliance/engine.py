"""The engine: run every enabled rule of the loaded packs over a document's reports."""

from __future__ import annotations

import dataclasses
import functools
import glob
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from compliance import suppress
from compliance.collection import excluded, glob_base, walk
from compliance.config import Config, is_enabled, path_ignores
from compliance.constants import RULE_SECONDS
from compliance.document import Document, ReadError, Suppression
from compliance.findings import Finding
from compliance.kinds import KINDS
from compliance.kinds.base import Context, Rule
from compliance.matchers import DEADLINE, MatchTimeout
from compliance.outline import Outline, build_outline
from compliance.readers import SUPPORTED_SUFFIXES, read_document
from compliance.rulefile import Pack
from compliance.script import simplified_twin
from compliance.terms import TermIndex, literals_of

if TYPE_CHECKING:
    from concurrent.futures import Future

    from compliance.cache import Cache


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules, with config applied, and the section-role synonyms of all packs."""

    rules: tuple[Rule, ...]
    roles: Mapping[str, tuple[str, ...]]
    period: str | None = None
    # Applied after linting (and after the cache), so they never change what is cached.
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = None  # the folder per-path patterns are relative to
    exclude: tuple[str, ...] = ()  # what folder walks skip (compliance.collection.anchor)
    allow: tuple[str, ...] = ()  # words findings never report (config `allow`)
    # Every code the packs define, enabled or not: a directive naming another is wrong.
    known: frozenset[str] = frozenset()

    @functools.cached_property
    def terms(self) -> TermIndex:
        """Every exact term the rules look up, for one automaton pass per text."""
        return TermIndex(literals_of(m for r in self.rules for m in r.matchers()))

    @classmethod
    def from_packs(cls, packs: Sequence[Pack], config: Config | None = None) -> RuleSet:
        config = config or Config()
        roles: dict[str, tuple[str, ...]] = {}
        for pack in packs:
            for role, phrases in pack.roles.items():
                roles[role] = roles.get(role, ()) + phrases
        rules = tuple(
            dataclasses.replace(rule, severity=config.severity.get(rule.code, rule.severity))
            for pack in packs
            for rule in pack.rules
            if is_enabled(rule.code, config.select, config.ignore)
        )
        return cls(
            rules=rules,
            roles=roles,
            period=config.period,
            per_path_ignores=config.per_path_ignores,
            root=config.source.parent if config.source is not None else None,
            exclude=config.exclude,
            allow=config.allow,
            known=frozenset(rule.code for pack in packs for rule in pack.rules),
        )


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a finding sits beyond line and column: what SARIF and the baseline need."""

    offset: int  # characters from the start of the file's text (reading-order text for .docx)
    fingerprint: str  # rule, text and its surroundings: survives edits elsewhere in the file


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    # One per finding when the engine made the result; empty for results built elsewhere.
    anchors: tuple[Anchor, ...] = ()
    # What reviewers accepted (compliance.suppress): counted, not reported.
    suppressed: tuple[Finding, ...] = ()

    def anchor(self, index: int) -> Anchor | None:
        return self.anchors[index] if len(self.anchors) == len(self.findings) else None

    def keep(self, wanted: Callable[[Finding], bool]) -> FileResult:
        """The result with only the findings `wanted` accepts, anchors kept in step."""
        return self.select([wanted(f) for f in self.findings])

    def select(self, flags: Sequence[bool]) -> FileResult:
        """The result with the findings whose flag is true (one flag per finding)."""
        anchored = len(self.anchors) == len(self.findings)
        chosen = [i for i, flag in enumerate(flags) if flag]
        return dataclasses.replace(
            self,
            findings=tuple(self.findings[i] for i in chosen),
            anchors=tuple(self.anchors[i] for i in chosen) if anchored else (),
        )


class RuleTimeout(MatchTimeout):
    """A MatchTimeout that names the rule whose regular expression ran too long."""

    def __init__(self, code: str, cause: MatchTimeout) -> None:
        super().__init__(cause.pattern)
        self.code = code
        self.args = (f"rule {code}: {cause}",)


@dataclass(frozen=True)
class Limits:
    """Time limits of one file: each rule's budget per million characters of text, at
    least this much per file (a rule past it is skipped and named in the file's error;
    a rule needs about 0.1 s per million characters, so only a runaway one is stopped),
    and the whole file's (`--timeout`; the file is then that error)."""

    rule_seconds: float | None = RULE_SECONDS
    file_seconds: float | None = None


def lint_document(
    document: Document,
    ruleset: RuleSet,
    outline: Outline | None = None,
    *,
    budget: float | None = None,
    skipped: dict[str, str] | None = None,
) -> list[Finding]:
    """The findings of every rule. With `skipped`, a rule whose regular expression times
    out, or that uses more than `budget` seconds on this document in all, is left out
    (its findings dropped) and recorded there as code → reason; without, it raises
    RuleTimeout."""
    if outline is None:  # else the caller built it, from the simplified twin
        document = simplified_twin(document)
        outline = build_outline(document, ruleset.roles)
    several = sum(not r.front_matter for r in outline.reports) > 1
    findings: list[Finding] = []
    spent: dict[str, float] = {}
    if budget is not None:  # per million characters: a big file is not a slow rule
        budget *= max(1.0, sum(len(b.text) for b in document.blocks) / 1_000_000)
    dropped: dict[str, str] = {} if skipped is None else skipped
    for position, report in enumerate(outline.reports, 1):
        prefix = ""
        if several and report.title is not None:
            prefix = report.title_text(document.blocks)
        context = Context(
            document, outline, report, prefix, ruleset.period, ruleset.terms, position=position
        )
        for rule in ruleset.rules:
            if report.front_matter and KINDS[rule.kind].whole_report:
                continue  # a preface or a table of contents owes no report's parts
            if rule.code in dropped:
                continue
            start = time.monotonic()
            used = spent.get(rule.code, 0.0)
            deadline = None if budget is None else start + budget - used
            token = DEADLINE.set(deadline)
            try:
                found = list(KINDS[rule.kind].check(rule, context))
            except RuleTimeout:
                raise
            except MatchTimeout as err:
                if skipped is None:
                    raise RuleTimeout(rule.code, err) from None
                over = deadline is not None and time.monotonic() >= deadline
                dropped[rule.code] = _over_budget(budget) if over else str(err)
                continue
            finally:
                DEADLINE.reset(token)
            spent[rule.code] = used + time.monotonic() - start
            if budget is not None and skipped is not None and spent[rule.code] > budget:
                dropped[rule.code] = _over_budget(budget)
                continue
            findings.extend(found)
    if dropped:
        findings = [f for f in findings if f.rule not in dropped]
    # dict.fromkeys, not set: findings at the same place keep the order the rules gave
    # them, the same in every process (a set's order follows the per-process str hash).
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)


def _over_budget(budget: float | None) -> str:
    return f"it ran over its {budget:.0f} s budget on this file (--rule-timeout)"


def skipped_rules(shown: str, skipped: Mapping[str, str]) -> str:
    """The file's error line naming the rules left out, and why."""
    reasons = "; ".join(f"rule {code} skipped: {why}" for code, why in skipped.items())
    return f"{shown}: {reasons}; the other rules' findings are reported"


# Characters on each side of a finding that identify it in a baseline: enough to tell
# two occurrences of the same placeholder apart, few enough to survive nearby edits.
CONTEXT = 8
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def fingerprint(rule: str, text: str, before: str, after: str) -> str:
    data = "\0".join((rule, text, before, after)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def locate(
    document: Document, finding: Finding, by_line: Mapping[int, Sequence[int]] | None = None
) -> int | None:
    """The index of the block `finding` lies in, or None when no block has its line."""
    if by_line is None:
        candidates = [i for i, b in enumerate(document.blocks) if b.line == finding.line]
    else:
        candidates = list(by_line.get(finding.line, ()))
    for index in candidates:
        block = document.blocks[index]
        start = finding.column - block.column
        if start >= 0 and block.text.startswith(finding.text, start):
            return index
    return candidates[0] if candidates else None


def anchors_of(document: Document, findings: Sequence[Finding]) -> tuple[Anchor, ...]:
    """Offsets and fingerprints of `findings` in `document`.

    A text file's blocks carry their offsets in the file's text; a .docx's offsets count
    in the reading-order text (blocks joined by newlines).
    """
    starts: list[int] = []
    offset = 0
    by_line: dict[int, list[int]] = {}
    for index, block in enumerate(document.blocks):
        starts.append(block.offset if block.offset >= 0 else offset)
        offset += len(block.text) + 1
        by_line.setdefault(block.line, []).append(index)
    anchors: list[Anchor] = []
    for f in findings:
        block_index = locate(document, f, by_line)
        directive = _directive_at(document, f) if block_index is None else None
        if directive is not None:  # about a `complint: ignore` line, not report text
            where = directive.offset + f.column - directive.column
            anchors.append(Anchor(where, fingerprint(f.rule, f.text, directive.text, "")))
            continue
        if block_index is None:  # a finding the engine did not place on a block
            following = (i for i, b in enumerate(document.blocks) if b.line >= f.line)
            where = starts[next(following, 0)] if starts else 0
            anchors.append(Anchor(where, fingerprint(f.rule, f.text, f.message, "")))
            continue
        block = document.blocks[block_index]
        start = max(0, f.column - block.column)
        end = start + len(f.text)
        where = starts[block_index] + start
        before = block.text[max(0, start - CONTEXT) : start]
        after = block.text[end : end + CONTEXT]
        anchors.append(Anchor(where, fingerprint(f.rule, f.text, before, after)))
    return tuple(anchors)


def _directive_at(document: Document, f: Finding) -> Suppression | None:
    return next(
        (s for s in document.suppressions if s.line == f.line and s.offset >= 0),
        None,
    )


def lint_file(
    path: Path,
    ruleset: RuleSet,
    display: str | None = None,
    *,
    anchors: bool = True,
    limits: Limits = Limits(),
) -> FileResult:
    """Lint one file. Without `anchors` the result carries no offsets and fingerprints:
    only SARIF, baselines and the result cache need them, and a big file has many."""
    return lint_file_outlined(path, ruleset, display, anchors=anchors, limits=limits)[0]


def lint_file_outlined(
    path: Path,
    ruleset: RuleSet,
    display: str | None = None,
    *,
    anchors: bool = True,
    limits: Limits = Limits(),
) -> tuple[FileResult, Document | None, Outline | None]:
    """lint_file, also returning the document and its outline (None when unreadable).

    A rule past its budget is left out and named in the result's error, beside the other
    rules' findings; a file past `limits.file_seconds` is that error alone."""
    from compliance.lifecycle import FileTimeout, time_limit

    shown = display or str(path)
    skipped: dict[str, str] = {}
    try:
        with time_limit(limits.file_seconds):
            # A file in traditional characters as a whole is read through its simplified twin.
            document = simplified_twin(read_document(path, shown))
            outline = build_outline(document, ruleset.roles)
            found = lint_document(
                document, ruleset, outline, budget=limits.rule_seconds, skipped=skipped
            )
            known = ruleset.known
            accepted = suppress.split(document, found, ruleset.rules, ruleset.allow, known)
            findings = accepted.kept
    except FileTimeout as err:
        return FileResult(shown, error=f"{shown}: {err}"), None, None
    except ReadError as err:
        return FileResult(shown, error=str(err)), None, None
    except OSError as err:  # e.g. permission denied between listing and reading
        error = f"{shown}: cannot read file ({err.strerror or err})"
        return FileResult(shown, error=error), None, None
    except RuleTimeout as err:
        return FileResult(shown, error=f"{shown}: {err}"), None, None
    result = FileResult(
        shown,
        findings,
        error=skipped_rules(shown, skipped) if skipped else None,
        anchors=anchors_of(document, findings) if anchors else (),
        suppressed=accepted.suppressed,
    )
    return result, document, outline


_GLOB_CHARS = re.compile(r"[*?[]")


def _listed(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith(("~$", "."))
    )


def collect(
    paths: Iterable[str], exclude: Sequence[str] = ()
) -> list[tuple[Path, str] | FileResult]:
    """Files to lint, in the order given; folders recurse, globs expand (sorted).

    Walks skip what compliance.collection skips, and `exclude` (patterns anchored by
    collection.anchor). A path that does not exist, or a folder with no report file,
    becomes a FileResult with its error, so the run goes on. A file reached twice (a
    folder and a glob over it) is linted once.
    """
    found: list[tuple[Path, str] | FileResult] = []
    seen: set[Path] = set()

    def add(file: Path, shown: str) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            found.append((file, shown))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = walk(path, SUPPORTED_SUFFIXES, exclude)
            for file in files:
                add(file, str(file))
            if not files:
                found.append(FileResult(given, error=f"{given}: {NO_REPORTS}"))
        elif path.exists():  # a FIFO or device too: the reader names it, unread
            add(path, given)
        elif _GLOB_CHARS.search(given):
            # Quoted patterns reach us unexpanded (CI configs, Windows shells).
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
                found.append(FileResult(given, error=f"{given}: no file matches this pattern"))
        else:
            found.append(FileResult(given, error=f"{given}: no such file or directory"))
    return found


NO_REPORTS = (
    "no report file in this folder (looked for "
    + ", ".join(sorted(SUPPORTED_SUFFIXES))
    + "; hidden, build, virtualenv and git-ignored folders and `exclude` are skipped)"
)


def ignore_per_path(result: FileResult, ruleset: RuleSet) -> FileResult:
    """Drop the findings that `per-path-ignores` switches off for this file."""
    codes = path_ignores(result.path, ruleset.per_path_ignores, ruleset.root)
    if not codes or not result.findings:
        return result
    return result.keep(lambda f: is_enabled(f.rule, (), codes))


# The worker process's rule set: set once by the pool's initializer, so each process
# receives (and compiles) the packs once rather than once per file.
_WORKER_RULESET: RuleSet | None = None


def _init_worker(ruleset: RuleSet) -> None:
    global _WORKER_RULESET
    _WORKER_RULESET = ruleset


def _lint_in_worker(
    files: list[tuple[str, str]], anchors: bool, limits: Limits
) -> list[FileResult]:
    assert _WORKER_RULESET is not None, "the pool initializer sets the rule set"
    return [
        lint_file(Path(p), _WORKER_RULESET, shown, anchors=anchors, limits=limits)
        for p, shown in files
    ]


Progress = Callable[[int, int], None]  # (files done, files in all)


def lint_paths(
    paths: Iterable[str],
    ruleset: RuleSet,
    *,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Progress | None = None,
    anchors: bool = True,
    limits: Limits = Limits(),
) -> list[FileResult]:
    """Lint every file under `paths`; results come in `collect` order whatever `jobs` is.

    `anchors` as for lint_file; results stored in `cache` always carry them.
    """
    anchors = anchors or cache is not None
    items = collect(paths, ruleset.exclude)
    results: list[FileResult | None] = [i if isinstance(i, FileResult) else None for i in items]
    todo: list[tuple[int, Path, str]] = []
    for index, item in enumerate(items):
        if isinstance(item, FileResult):
            continue
        hit = cache.get(item[0], item[1]) if cache is not None else None
        if hit is not None:
            results[index] = hit
        else:
            todo.append((index, item[0], item[1]))
    done = len(items) - len(todo)
    total = len(items)
    if progress is not None:
        progress(done, total)

    def finish(index: int, path: Path, result: FileResult) -> None:
        nonlocal done
        results[index] = result
        if cache is not None and result.error is None:
            cache.put(path, result)
        done += 1
        if progress is not None:
            progress(done, total)

    workers = min(jobs, len(todo))
    if workers <= 1:
        for index, path, shown in todo:
            finish(index, path, lint_file(path, ruleset, shown, anchors=anchors, limits=limits))
    else:
        # Imported here: multiprocessing costs start-up that a one-file run need not pay.
        from concurrent.futures import as_completed

        from compliance.lifecycle import in_worker, process_pool

        # Files go in small batches: one message per file cost the parent, which shares
        # the CPUs with the workers, a tenth of the run.
        size = max(1, min(16, len(todo) // (workers * 4)))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        # Workers die with the run and stop at once on Ctrl-C or TERM (compliance.lifecycle).
        with process_pool(workers, _init_worker, (ruleset,)) as pool:
            futures: dict[Future[list[FileResult]], list[tuple[int, Path, str]]] = {}
            for batch in batches:
                files = [(str(path), shown) for _, path, shown in batch]
                futures[pool.submit(in_worker, _lint_in_worker, files, anchors, limits)] = batch
            # Completion order only moves the progress bar; results land at their index.
            for future in as_completed(futures):
                for (index, path, _), result in zip(futures[future], future.result(), strict=True):
                    finish(index, path, result)
    return [ignore_per_path(r, ruleset) for r in results if r is not None]


def default_jobs() -> int:
    return os.cpu_count() or 1
