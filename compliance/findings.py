"""A finding: what a rule says about one place of one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from compliance import constants

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = constants.SEVERITIES


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    """A safe fix: replace characters [start, end) of the document's text by `replacement`.

    Offsets count code points in the file's decoded text (.txt, .md) or in the
    reading-order text, paragraphs joined by newlines (.docx), as SARIF's charOffset.
    """

    start: int
    end: int
    replacement: str


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
    # Not part of a finding's value: two findings at one place with one message are one.
    fix: Edit | None = field(default=None, compare=False)

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # Rebuilt from its fields: findings cross from --jobs workers by the tens of
        # thousands, and the default pickling of a slotted class goes through a dict.
        return (Finding, tuple(getattr(self, f) for f in self.__slots__))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


def finding_from_dict(data: dict[str, object]) -> Finding:
    """A Finding from `dataclasses.asdict` output (the result cache's JSON)."""
    fix = data.get("fix")
    if isinstance(fix, dict):
        data = {**data, "fix": Edit(**fix)}
    return Finding(**data)  # type: ignore[arg-type]
