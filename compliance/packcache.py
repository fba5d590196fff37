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

import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any, BinaryIO

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
            value: object = _Unpickler(handle, entry.parent).load()
    except Exception:  # absent, truncated, or from an incompatible build: compile again
        return None
    touch(entry)
    return value


# Objects several packs hold (jieba's word list: in text.toml's rules and in ST209's, 0.9
# MB pickled) are kept once, in their own entry named by their pickled bytes' digest, and
# loaded once per process: every pack that holds one gets the same object. A class says
# so with a true `shared_in_pack_cache` attribute.
_shared: dict[str, object] = {}


def _is_shared(value: object) -> bool:
    return getattr(type(value), "shared_in_pack_cache", False) is True


class _Unpickler(pickle.Unpickler):
    """pickle.load, with `regex` patterns made by the engine alone (compliance.match.
    regexengine): loading the rules does not import the regex package's parser; and
    shared objects taken from their own entries."""

    def __init__(self, handle: BinaryIO, base: Path) -> None:
        super().__init__(handle)
        self.base = base

    def persistent_load(self, pid: Any) -> object:
        if not (isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "shared"):
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        digest = str(pid[1])
        value = _shared.get(digest)
        if value is None:
            entry = self.base / f"shared-{digest}.pickle"
            with entry.open("rb") as handle:  # gone (pruned): the caller compiles again
                value = _Unpickler(handle, self.base).load()
            touch(entry)
            _shared[digest] = value
        return value

    def find_class(self, module: str, name: str, /) -> Any:
        if module == "regex._regex" and name == "compile":
            from compliance.match import regexengine

            return regexengine.compile
        return super().find_class(module, name)


def store(shown: str, source: str, value: object) -> None:
    """Keep `value` (picklable) for load."""
    entry = _entry(shown, source)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, _dumps(value, entry.parent))
        maybe_prune(entry.parent, "*.pickle", MAX_BYTES)
    except Exception:  # a read-only cache folder, an unpicklable option: compile next time
        return


class _Pickler(pickle.Pickler):
    """pickle.dumps, with each shared object written to its own entry (once) and named."""

    def __init__(self, handle: BinaryIO, base: Path) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.base = base
        self.named: dict[int, tuple[str, str]] = {}

    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        if not _is_shared(obj):
            return None
        known = self.named.get(id(obj))
        if known is not None:
            return known
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(data).hexdigest()
        entry = self.base / f"shared-{digest}.pickle"
        if not entry.is_file():
            write_atomically(entry, data)
        self.named[id(obj)] = ("shared", digest)
        return self.named[id(obj)]


def _dumps(value: object, base: Path) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, base).dump(value)
    return buffer.getvalue()
