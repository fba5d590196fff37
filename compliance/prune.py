"""Caches are pruned, not left to grow: entries are never invalidated (a new complint,
new rules or a changed file simply use new keys), so old ones pile up.

At most once a day (a stamp file records the last time) a cache drops the entries not
used for MAX_AGE_DAYS — an entry's modification time is refreshed when it is used — and
then the least recently used ones until it holds at most its byte limit. Failures are
ignored: a cache is an optimisation only.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

MAX_AGE_DAYS = 30
STAMP = ".last-prune"
_DAY = 24 * 3600


def touch(entry: Path) -> None:
    """Mark `entry` as used now (an entry's mtime is when it was last used)."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def maybe_prune(folder: Path, pattern: str, max_bytes: int, *, now: float | None = None) -> bool:
    """Prune `folder` (entries matching `pattern`) unless that was done today."""
    now = time.time() if now is None else now
    stamp = folder / STAMP
    try:
        if now - stamp.stat().st_mtime < _DAY:
            return False
    except OSError:
        pass  # never pruned (or no cache yet)
    if not folder.is_dir():
        return False
    with contextlib.suppress(OSError):
        stamp.touch()
        os.utime(stamp, (now, now))
    prune(folder, pattern, max_bytes, now=now)
    return True


def prune(folder: Path, pattern: str, max_bytes: int, *, now: float | None = None) -> int:
    """Remove stale entries, then the oldest beyond `max_bytes`; returns how many went."""
    now = time.time() if now is None else now
    entries: list[tuple[float, int, Path]] = []
    for entry in folder.glob(pattern):
        with contextlib.suppress(OSError):
            status = entry.stat()
            entries.append((status.st_mtime, status.st_size, entry))
    entries.sort(reverse=True)  # most recently used first
    kept_bytes = removed = 0
    for mtime, size, entry in entries:
        if now - mtime > MAX_AGE_DAYS * _DAY or kept_bytes + size > max_bytes:
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
            continue
        kept_bytes += size
    return removed
