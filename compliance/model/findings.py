"""A finding: what a rule says about one place of one file."""

from __future__ import annotations

from dataclasses import dataclass, field

from compliance import constants
from compliance.constants import Severity as Severity

SEVERITIES: tuple[Severity, ...] = constants.SEVERITIES
RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


def at_least(severity: Severity, threshold: Severity) -> bool:
    """Whether a finding of `severity` counts under a `--fail-on threshold` gate."""
    return RANK[severity] >= RANK[threshold]


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
    """One problem a rule found at a place in a file."""

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
    # Not part of a finding's value: its block in the Document (-1: none), characters
    # from the start of the file's text to `text`, what baselines match, and the safe
    # fix (two findings at one place with one message are one, fixable or not).
    block: int = field(default=-1, compare=False)
    offset: int = field(default=-1, compare=False)
    fingerprint: str = field(default="", compare=False)
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
