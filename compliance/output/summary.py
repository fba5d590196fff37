"""Counts shared by every output format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compliance.engine import FileResult


@dataclass(frozen=True)
class Summary:
    files: int
    findings: int
    errors: int
    warnings: int
    infos: int
    unreadable: int

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        severities = [f.severity for r in results for f in r.findings]
        return cls(
            files=len(results),
            findings=len(severities),
            errors=severities.count("error"),
            warnings=severities.count("warning"),
            infos=severities.count("info"),
            unreadable=sum(1 for r in results if r.error is not None),
        )
