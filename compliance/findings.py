"""A finding: what a rule says about one place of one file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance import constants

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = constants.SEVERITIES


@dataclass(frozen=True, order=True, slots=True)  # slots: a big file has 100,000 of them
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    severity: Severity
    message: str
    text: str = ""
    section: str = ""
    suggestion: str | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # Rebuilt from its fields: findings cross from --jobs workers by the tens of
        # thousands, and the default pickling of a slotted class goes through a dict.
        return (Finding, tuple(getattr(self, f) for f in self.__slots__))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)
