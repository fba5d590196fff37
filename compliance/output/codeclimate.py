"""`--format gitlab`: GitLab Code Quality, the Code Climate issue format GitLab reads.

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
A JSON array of issues: `description`, `check_name`, `fingerprint` (unique in the report:
GitLab matches issues between the base and the merge request by it), `severity` (info,
minor, major, critical, blocker) and `location.path` with `location.lines.begin`. The
fingerprint is the finding's own — rule, text and surroundings — so it
survives edits elsewhere in the file, like SARIF's partialFingerprints.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from compliance.model.findings import Severity
from compliance.output.json import ITEMS, indented
from compliance.output.result import Result, Run

SEVERITY: dict[Severity, str] = {"error": "major", "warning": "minor", "info": "info"}
UNREADABLE = "critical"  # a report that cannot be checked must not look like a nit


def _path(path: str) -> str:
    # GitLab resolves paths from the project's root, where CI jobs run.
    given = Path(path)
    if given.is_absolute():
        with contextlib.suppress(ValueError):
            given = given.relative_to(Path.cwd())
    return given.as_posix()


def _issue(check: str, description: str, severity: str, path: str, lines: dict[str, int],
           identity: str, counts: Counter[str]) -> dict[str, Any]:  # fmt: skip
    counts[identity] += 1  # the same finding twice in a file still needs two fingerprints
    key = f"{identity}\0{counts[identity]}".encode("utf-8", "surrogatepass")
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Style"],
        "severity": severity,
        "fingerprint": hashlib.sha256(key).hexdigest()[:32],
        "location": {"path": _path(path), "lines": lines},
    }


def render(run: Run) -> Iterator[str]:
    """The array in pieces, one issue at a time (output.json.indented)."""
    return indented([ITEMS], _issues(run))


def _issues(run: Run) -> Iterator[dict[str, Any]]:
    # An identity begins with its path: the counts of a path that only one result holds
    # are needed while that result is written, then dropped (an archive's findings
    # would otherwise keep one identity string each until the end).
    shared = _shared_paths(run.results)
    everywhere: Counter[str] = Counter()
    for result in run.results:
        own: Counter[str] = Counter()

        def counts(path: str, own: Counter[str] = own) -> Counter[str]:
            return everywhere if path in shared else own

        if result.error is not None:
            identity = f"{result.path}\0unreadable"
            yield _issue(
                "complint/unreadable",
                str(result.error),
                UNREADABLE,
                result.path,
                {"begin": 1},
                identity,
                counts(result.path),
            )
        for f in result.findings:
            mark = f.fingerprint or f"{f.line}\0{f.column}\0{f.text}"
            description = f"{f.rule} {f.message}"
            if f.text and f.suggestion is not None:
                description += f" ({f.text} → {f.suggestion})"
            lines = {"begin": f.line, "end": max(f.line, f.end_line)}
            yield _issue(
                f.rule,
                description,
                SEVERITY[f.severity],
                f.path,
                lines,
                f"{f.path}\0{f.rule}\0{mark}",
                counts(f.path),
            )


def _shared_paths(results: Sequence[Result]) -> set[str]:
    """The paths more than one result names (e.g. the same missing file given twice), and
    any path holding a NUL, whose identities could run into another path's."""
    seen: set[str] = set()
    shared: set[str] = set()
    for result in results:
        paths = {result.path, *(f.path for f in result.findings)}
        shared.update(p for p in paths if p in seen or "\0" in p)
        seen.update(paths)
    return shared
