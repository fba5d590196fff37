"""A program using complint's public API as a user would; `mypy --strict` must accept it.

tests/test_api.py type-checks it from outside the source tree (so through the installed
package and its py.typed marker) and runs it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import compliance
from compliance import Finding, Result, RuleSet, Severity
from compliance.errors import ComplintError, ReadError


def worst(findings: Sequence[Finding]) -> Severity | None:
    order: list[Severity] = ["info", "warning", "error"]
    present = [order.index(f.severity) for f in findings]
    return order[max(present)] if present else None


def summarise(paths: Sequence[str], jobs: int = 1) -> dict[str, Severity | str | None]:
    """Each file's worst severity, or its read error."""
    rules: RuleSet = compliance.load_rules(config=compliance.Config(ignore=("TX304",)))
    results: list[Result] = compliance.check_many(paths, rules=rules, jobs=jobs)
    summary: dict[str, Severity | str | None] = {}
    for result in results:
        errors: tuple[ReadError, ...] = result.errors
        summary[result.path] = errors[0].reason if errors else worst(result.findings)
    return summary


def text_passes(text: str) -> bool:
    result = compliance.check(text, filename="draft.txt")
    titles = [report.title for report in result.reports]
    return result.passed("error") and all(t is None or t.strip() == t for t in titles)


def main(argv: Sequence[str]) -> int:
    try:
        for path, verdict in summarise(argv).items():
            print(f"{path}: {verdict or 'clean'}")
    except ComplintError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [str(Path(__file__).parents[2] / "samples")]))
