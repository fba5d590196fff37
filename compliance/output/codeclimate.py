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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from compliance.model.findings import Severity
from compliance.output.json import ITEMS, indented
from compliance.output.result import Run

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
    counts: Counter[str] = Counter()
    for result in run.results:
        if result.error is not None:
            identity = f"{result.path}\0unreadable"
            yield _issue(
                "complint/unreadable",
                str(result.error),
                UNREADABLE,
                result.path,
                {"begin": 1},
                identity,
                counts,
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
                counts,
            )
