"""Compiled rule packs cached on disk, keyed by the rule file's content.

Compiling a pack means importing pyparsing, building the grammar and parsing every
expression: most of the start-up of a one-file run. The compiled pack is a tree of plain
dataclasses, so it is pickled once per distinct rule file and complint code
(compliance.version) and loaded from then on. The cache is an optimisation only: any
failure to read or write it is ignored and the pack is compiled as before.

Location: $COMPLINT_PACK_CACHE, else $XDG_CACHE_HOME/complint/packs, else
~/.cache/complint/packs; COMPLINT_PACK_CACHE=off disables it. Pruned as compliance.prune
says (entries unused for 30 days, and beyond 64 MB the least recently used).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from compliance.atomic import write_atomically
from compliance.prune import maybe_prune, touch
from compliance.version import cache_key

MAX_BYTES = 64 * 1024 * 1024  # a compiled pack is tens of kilobytes to a few megabytes


def folder() -> Path | None:
    """Where compiled packs (and compliance.classcode's file) are kept; None: nowhere."""
    configured = os.environ.get("COMPLINT_PACK_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "complint" / "packs"


def _entry(shown: str, source: str) -> Path | None:
    base = folder()
    if base is None:
        return None
    return base / f"{cache_key(shown, source)}.pickle"


def load(shown: str, source: str) -> object | None:
    """What store kept under (shown, source) with this code, or None; the caller checks
    its type (a compiled pack, or another table derived from data, like the gazetteer's)."""
    entry = _entry(shown, source)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            value: object = pickle.load(handle)
    except Exception:  # absent, truncated, or from an incompatible build: compile again
        return None
    touch(entry)
    return value


def store(shown: str, source: str, value: object) -> None:
    """Keep `value` (picklable) for load."""
    entry = _entry(shown, source)
    if entry is None:
        return
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, data)
        maybe_prune(entry.parent, "*.pickle", MAX_BYTES)
    except Exception:  # a read-only cache folder, an unpicklable option: compile next time
        return
