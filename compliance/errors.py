"""Every exception complint raises or reports, in one place.

The API raises `UsageError`, `RuleError` and `ConfigError`; a report that cannot be read
is not raised but recorded as a `ReadError` in `Result.error`, so one bad file never
stops a batch. All derive from `ComplintError`. The readers raise `ReadError`, the rule
loader `RuleError`, the configuration loader `ConfigError`: nothing is converted on the
way up, and no message is parsed back.
"""

from __future__ import annotations


class ComplintError(Exception):
    """Base class of every complint exception."""


class UsageError(ComplintError, ValueError):
    """The API was called with arguments it cannot accept (e.g. bytes without a filename)."""


class RuleFileError(ComplintError):
    """A broken rule or configuration file; `str()` is `file:line:column: what was expected`."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message

    def __reduce__(self) -> tuple[type[RuleFileError], tuple[str, int, int, str]]:
        return (type(self), (self.path, self.line, self.column, self.message))


class RuleError(RuleFileError):
    """A rule file is broken; attributes `path`, `line`, `column`, `message`."""


class ConfigError(RuleFileError):
    """A `complint.toml` or `[tool.complint]` table is broken; attributes as `RuleError`."""


class ReadError(ComplintError):
    """A report could not be read: `path`, `reason`; `str()` is `path: reason`, one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    # Exception pickling replays `args` (the joined message); results cross process
    # boundaries in a pool, so rebuild from the two fields instead.
    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.path, self.reason))

    # A value, so that Results holding the same failure compare equal.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadError):
            return NotImplemented
        return (self.path, self.reason) == (other.path, other.reason)

    def __hash__(self) -> int:
        return hash((self.path, self.reason))


class BaselineError(ComplintError):
    """A baseline file that cannot be read; `str()` is one line naming the file."""


__all__ = [
    "BaselineError",
    "ComplintError",
    "ConfigError",
    "ReadError",
    "RuleError",
    "RuleFileError",
    "UsageError",
]
