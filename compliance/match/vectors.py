"""numpy for the passes that vectorise, loaded only once a process has read enough text.

Importing numpy costs about 0.09 s: more than a one-file lint spends in the passes it
speeds up. Below NUMPY_AFTER characters in the process those passes run in plain
Python; past it numpy loads once and they run at C speed. Both give the same result.
"""

from __future__ import annotations

from types import ModuleType

NUMPY_AFTER = 100_000
_characters_seen = 0


def numpy_after(characters: int) -> ModuleType | None:
    """numpy, once the process has asked for `characters` more than NUMPY_AFTER in all;
    None before, or when numpy cannot load (a host that dropped it from sys.modules, as
    pytester does, cannot import its core twice)."""
    global _characters_seen
    _characters_seen += characters
    if _characters_seen <= NUMPY_AFTER:
        return None
    try:
        import numpy
    except ImportError:
        return None
    return numpy
