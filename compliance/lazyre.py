"""Patterns compiled on first use.

A one-file lint of an ordinary report never reaches most of the patterns that only
unusual text needs (a copied web page, a hard-wrapped or spaced-out line, glued
headings); compiling them at import cost tens of milliseconds of every run. A module
names such a pattern ``_NAME = lazy(r"...")`` and calls ``_NAME()`` where it uses it:
the first call compiles it, later calls return the same compiled pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> Callable[[], re.Pattern[str]]:
    """An accessor that compiles `pattern` with `re` on its first call."""

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
