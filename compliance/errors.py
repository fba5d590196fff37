"""Every exception the library API raises or reports.

The API raises `UsageError`, `RuleError` and `ConfigError`; a report that cannot be read is
not raised but recorded as a `ReadError` in `Result.errors`, so one bad file never stops a
batch. All derive from `ComplintError`.
"""

from __future__ import annotations

from compliance.model import document
from compliance.packs import rulefile


class ComplintError(Exception):
    """Base class of every complint exception."""


class UsageError(ComplintError, ValueError):
    """The API was called with arguments it cannot accept (e.g. bytes without a filename)."""


class RuleError(ComplintError, rulefile.RuleFileError):
    """A rule file is broken; `str()` is `file:line:column: what was expected`."""

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, int, int, str]]:
        return (type(self), (self.path, self.line, self.column, self.message))


class ConfigError(ComplintError, rulefile.RuleFileError):
    """A `complint.toml` or `[tool.complint]` table is broken; attributes as `RuleError`."""

    def __reduce__(self) -> tuple[type[ConfigError], tuple[str, int, int, str]]:
        return (type(self), (self.path, self.line, self.column, self.message))


class ReadError(ComplintError, document.ReadError):
    """A report could not be read: `path`, `reason`; `str()` is `path: reason`."""

    # Exception pickling replays `args` (the joined message); results cross process
    # boundaries in check_many(jobs > 1), so rebuild from the two fields instead.
    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.path, self.reason))

    # A value, so that Results holding the same failure compare equal.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadError):
            return NotImplemented
        return (self.path, self.reason) == (other.path, other.reason)

    def __hash__(self) -> int:
        return hash((self.path, self.reason))


__all__ = ["ComplintError", "ConfigError", "ReadError", "RuleError", "UsageError"]
