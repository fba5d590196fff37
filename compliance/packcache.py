"""Compiled rule packs cached on disk, keyed by the rule file's content.

Compiling a pack means importing pyparsing, building the grammar and parsing every
expression: most of the start-up of a one-file run. The compiled pack is a tree of plain
dataclasses, so it is pickled once per distinct rule file and complint code (`code_hash`
below) and loaded from then on. The cache is an optimisation only: any
failure to read or write it is ignored and the pack is compiled as before.

Location: $COMPLINT_PACK_CACHE, else $XDG_CACHE_HOME/complint/packs, else
~/.cache/complint/packs; COMPLINT_PACK_CACHE=off disables it. Pruned as compliance.prune
says (entries unused for 30 days, and beyond 64 MB the least recently used).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import pickle
import time
from pathlib import Path
from typing import Any, BinaryIO

from compliance import regexengine
from compliance.atomic import write_atomically
from compliance.digests import blake2b
from compliance.prune import maybe_prune, touch
from compliance.version import __version__

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


# -- the identity of the running code, which every cache key holds -------------------------
# The version alone does not change while complint is developed or patched in place, so
# the keys also hash the package's own source; a changed module never reuses an entry
# written before the change. `cache_key` is the one recipe for every cache complint keeps:
# the result cache, the compiled-pack cache and the pytest plugin's record of passes.

_PACKAGE = Path(__file__).resolve().parent


def _sources() -> list[tuple[str, os.stat_result]]:
    """Every module of the package (relative path, stat), in path order."""
    found: list[tuple[str, os.stat_result]] = []

    def walk(folder: str, prefix: str) -> None:
        # os.scandir, names joined as strings: os.walk with a relative Path per file took
        # a few ms of every command's start.
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):  # as os.walk: no link followed
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".py"):
                    found.append((prefix + entry.name, os.stat(entry.path)))

    walk(str(_PACKAGE), "")
    return sorted(found, key=lambda source: source[0].split("/"))  # as Paths sort


def _content_hash(sources: list[tuple[str, os.stat_result]]) -> str:
    digest = blake2b(__version__.encode())
    for relative, _ in sources:
        digest.update(relative.encode())
        digest.update((_PACKAGE / relative).read_bytes())
    return digest.hexdigest()


@functools.cache
def code_hash() -> str:
    """The hash of the version and every module's source. Reading and hashing the
    package's 0.9 MB of source was 4 % of a one-file lint: the hash is kept in the pack
    cache's folder under the files' sizes, modification times and inodes, and read
    again while none of them changed (a changed module gets a new mtime or size; a new
    install, new inodes: it is then hashed again, to the same value if nothing changed,
    so caches keyed by it survive a reinstall)."""
    sources = _sources()
    stamp = blake2b(__version__.encode())
    for relative, stat in sources:
        stamp.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\n".encode())
    base = folder()
    kept = None if base is None else base / f"code-{stamp.hexdigest()[:32]}.txt"
    if kept is not None:
        try:
            known = kept.read_text(encoding="ascii")
            if len(known) == 64:
                return known
        except (OSError, UnicodeDecodeError):  # not kept yet, or unreadable: hash the files
            pass
    value = _content_hash(sources)
    if kept is not None:
        with contextlib.suppress(OSError):  # a read-only cache: hash again next time
            kept.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(kept, value.encode("ascii"))
            _forget_old(kept)
    return value


KEPT_STAMPS = 16  # code versions whose hash is kept: a few installs sharing the cache
KEPT_FILES = 64  # rule files' digests kept: every edit of one adds one


def _forget_old(kept: Path, pattern: str = "code-*.txt", keep: int = KEPT_STAMPS) -> None:
    """Keep the newest `keep` hashes: every edit of a module in a checkout adds one."""
    stamps = []
    for entry in kept.parent.glob(pattern):
        with contextlib.suppress(OSError):
            stamps.append((entry.stat().st_mtime, entry))
    for _, entry in sorted(stamps, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            entry.unlink()


# -- a rule file's digest, kept under its stamp ----------------------------------------------
# A pack's cache key holds its file's content digest (BLAKE2b): over the bundled files'
# 440 KB, 6 million instructions of every start. The digest is kept in the cache's folder
# under the file's device, inode, size and times, as code_hash keeps the code's, and read
# again while none of them changed. A file changed less than RACY_NS ago is not kept: a
# second change within the same tick of the clock could leave all of them as they were (git
# calls such index entries racy); its digest is computed each time until it is older.
RACY_NS = 2_000_000_000


def content_digest(data: bytes) -> str:
    """The digest a pack's cache entry is keyed by (with its shown name and the code)."""
    return blake2b(data).hexdigest()


def _stamp(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def file_digest(path: Path) -> tuple[str, bytes | None]:
    """content_digest of the file's bytes, and the bytes when they were read (None when
    the digest kept under the file's stamp was taken). OSError when it cannot be read."""
    stat = os.stat(path)
    base = folder()
    kept = None
    if base is not None:
        name = blake2b(repr(_stamp(stat)).encode()).hexdigest()[:32]
        kept = base / f"file-{name}.txt"
        with contextlib.suppress(OSError, UnicodeDecodeError):  # not kept yet: read it
            known = kept.read_text(encoding="ascii")
            if len(known) == 64:
                return known, None
    data = path.read_bytes()
    digest = content_digest(data)
    if kept is not None and time.time_ns() - stat.st_mtime_ns > RACY_NS:
        with contextlib.suppress(OSError):  # a read-only cache: hash again next time
            if _stamp(os.stat(path)) == _stamp(stat):  # not changed while it was read
                kept.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(kept, digest.encode("ascii"))
                _forget_old(kept, "file-*.txt", KEPT_FILES)
    return digest, data


def cache_key(*parts: str | bytes) -> str:
    """A key for `parts` under this code: each part length-prefixed, so that no two
    different lists of parts can run together into the same bytes."""
    digest = blake2b()
    for part in (code_hash(), *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _entry(shown: str, source: str | bytes) -> Path | None:
    base = folder()
    if base is None:
        return None
    return base / f"{cache_key(shown, source)}.pickle"


def load(shown: str, source: str | bytes) -> object | None:
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


class _Unpickler(regexengine.Unpickler):
    """pickle.load, with `regex` patterns made by the engine alone (compliance.
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


def store(shown: str, source: str | bytes, value: object) -> None:
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

    def reducer_override(self, obj: Any) -> Any:
        # A `regex` pattern comes back as a stand-in, made when first used.
        return regexengine.reduction(obj) or NotImplemented

    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        if not _is_shared(obj):
            return None
        known = self.named.get(id(obj))
        if known is not None:
            return known
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        digest = blake2b(data).hexdigest()
        entry = self.base / f"shared-{digest}.pickle"
        if not entry.is_file():
            write_atomically(entry, data)
        self.named[id(obj)] = ("shared", digest)
        return self.named[id(obj)]


def _dumps(value: object, base: Path) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, base).dump(value)
    return buffer.getvalue()
