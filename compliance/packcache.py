"""Compiled rule packs cached on disk, keyed by the rule file's content.

Compiling a pack means importing pyparsing, building the grammar and parsing every
expression: most of the start-up of a one-file run. The compiled pack is a tree of plain
dataclasses, so it is pickled once per distinct rule file and complint code
(compliance.codehash) and loaded from then on. The cache is an optimisation only: any
failure to read or write it is ignored and the pack is compiled as before.

Location: $COMPLINT_PACK_CACHE, else $XDG_CACHE_HOME/complint/packs, else
~/.cache/complint/packs; COMPLINT_PACK_CACHE=off disables it. Pruned as compliance.prune
says (entries unused for 30 days, and beyond 64 MB the least recently used).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.codehash import code_hash
from compliance.output import write_atomically
from compliance.prune import maybe_prune, touch

MAX_BYTES = 64 * 1024 * 1024  # a compiled pack is tens of kilobytes to a few megabytes

if TYPE_CHECKING:
    from compliance.rulefile import Pack


def _folder() -> Path | None:
    configured = os.environ.get("COMPLINT_PACK_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "complint" / "packs"


def _entry(shown: str, source: str) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    key = hashlib.sha256(f"{code_hash()}\0{shown}\0{source}".encode()).hexdigest()
    return folder / f"{key}.pickle"


def load(shown: str, source: str) -> Pack | None:
    pack: Pack | None = load_object(shown, source)
    return pack


def store(shown: str, source: str, pack: Pack) -> None:
    store_object(shown, source, pack)


def load_object(shown: str, source: str) -> Any:
    """What store_object kept under (shown, source) with this code, or None."""
    entry = _entry(shown, source)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            value = pickle.load(handle)
    except Exception:  # absent, truncated, or from an incompatible build: compile again
        return None
    touch(entry)
    return value


def store_object(shown: str, source: str, value: object) -> None:
    """Keep `value` (picklable) for load_object; other derived tables use it too."""
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
