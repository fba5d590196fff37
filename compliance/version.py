"""complint's version, and the identity of the running code that every cache key holds.

The version alone does not change while complint is developed or patched in place, so
the keys also hash the package's own source; a changed module never reuses an entry
written before the change. `cache_key` is the one recipe for every cache complint keeps:
the result cache, the compiled-pack cache and the pytest plugin's record of passes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from pathlib import Path

from compliance.constants import __version__ as __version__

_PACKAGE = Path(__file__).resolve().parent


def _sources() -> list[tuple[str, os.stat_result]]:
    """Every module of the package (relative path, stat), in path order."""
    found: list[tuple[str, os.stat_result]] = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders.sort()
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                found.append((Path(os.path.relpath(path, _PACKAGE)).as_posix(), os.stat(path)))
    return sorted(found, key=lambda source: source[0].split("/"))  # as Paths sort


def _content_hash(sources: list[tuple[str, os.stat_result]]) -> str:
    digest = hashlib.sha256(__version__.encode())
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
    from compliance.packcache import folder  # packcache imports this module

    sources = _sources()
    stamp = hashlib.sha256(__version__.encode())
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
            from compliance.atomic import write_atomically

            kept.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(kept, value.encode("ascii"))
            _forget_old(kept)
    return value


KEPT_STAMPS = 16  # code versions whose hash is kept: a few installs sharing the cache


def _forget_old(kept: Path) -> None:
    """Keep the newest KEPT_STAMPS hashes: every edit of a module in a checkout adds one."""
    stamps = []
    for entry in kept.parent.glob("code-*.txt"):
        with contextlib.suppress(OSError):
            stamps.append((entry.stat().st_mtime, entry))
    for _, entry in sorted(stamps, reverse=True)[KEPT_STAMPS:]:
        with contextlib.suppress(OSError):
            entry.unlink()


def cache_key(*parts: str | bytes) -> str:
    """A key for `parts` under this code: each part length-prefixed, so that no two
    different lists of parts can run together into the same bytes."""
    digest = hashlib.sha256()
    for part in (code_hash(), *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
