"""Names the command line shows before anything heavy is imported.

`complint --version` and `--help` load only argparse and this module; the readers, the
cache and the findings re-export these values from here.
"""

from __future__ import annotations

# typing is imported when Severity is first imported (`__getattr__` below), not by
# `complint --version`, which reads __version__ alone: where nothing else has loaded
# typing (with re, functools, collections …), it was half of that command's start.
TYPE_CHECKING = False  # mypy reads the name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning", "info"]

__version__ = "0.1.0"  # keep pyproject.toml's version in step

WORD_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
# Through LibreOffice; .dot is a Word 97 template, the same binary format as .doc.
CONVERTED_SUFFIXES = frozenset({".doc", ".dot", ".wps"})
SUPPORTED_SUFFIXES: frozenset[str] = (
    frozenset({".txt", ".md", ".pdf"}) | WORD_SUFFIXES | CONVERTED_SUFFIXES
)
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
CACHE_DIR = ".complint_cache"  # the result cache's folder (compliance.lint.cache)
# A rule's time budget per million characters of a file (compliance.lint.engine.Limits).
RULE_SECONDS = 30.0


def __getattr__(name: str) -> object:
    if name == "Severity":
        from typing import Literal

        severity = Literal["error", "warning", "info"]
        globals()["Severity"] = severity
        return severity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
