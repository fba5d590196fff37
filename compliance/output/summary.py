"""Counts shared by every output format, and the gate they decide."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.model.findings import Severity
from compliance.output.result import Result, tally


@dataclass(frozen=True)
class Summary:
    """The counts a run's last line reports."""

    files: int
    findings: int
    errors: int
    warnings: int
    infos: int
    unreadable: int
    suppressed: int = 0  # accepted by a reviewer's directive or `allow`: not in `findings`

    @classmethod
    def of(cls, results: Sequence[Result]) -> Summary:
        counts = tally(results)
        return cls(
            files=counts.files,
            findings=counts.errors + counts.warnings + counts.infos,
            errors=counts.errors,
            warnings=counts.warnings,
            infos=counts.infos,
            unreadable=counts.unreadable,
            suppressed=counts.suppressed,
        )


def count(number: int, word: str) -> str:
    """ "1 warning", "2 warnings", "0 infos": every summary counts this way."""
    return f"{number} {word}" + ("" if number == 1 else "s")


def fails(results: Sequence[Result], threshold: Severity) -> bool:
    """Whether the run fails the gate: a finding at `threshold` or above, or a bad file."""
    counts = tally(results)
    at_or_above = {
        "error": counts.errors,
        "warning": counts.errors + counts.warnings,
        "info": counts.errors + counts.warnings + counts.infos,
    }
    return counts.unreadable > 0 or at_or_above[threshold] > 0


def per_rule(results: Sequence[Result]) -> list[tuple[str, str, Severity, int]]:
    """(code, name, severity, count) for every rule that fired, most frequent first."""
    return ranked(Counter((f.rule, f.name, f.severity) for r in results for f in r.findings))


def ranked(counts: Counter[tuple[str, str, Severity]]) -> list[tuple[str, str, Severity, int]]:
    """per_rule's rows from counts per (code, name, severity)."""
    return sorted(((c, n, s, k) for (c, n, s), k in counts.items()), key=lambda t: (-t[3], t[0]))


def suppressed_per_rule(results: Sequence[Result]) -> list[tuple[str, str, int]]:
    """(code, name, count) of the suppressed findings, most frequent first."""
    counts = Counter((f.rule, f.name) for r in results for f in r.suppressed)
    return sorted(((c, n, k) for (c, n), k in counts.items()), key=lambda t: (-t[2], t[0]))
