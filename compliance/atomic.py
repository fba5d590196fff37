"""Atomic writes: whoever reads the file sees the old content or the new, never a part.

Everything complint writes goes through here: reports (-o), baselines, caches, Word
copies with comments. A temporary file a killed run left (SIGKILL: no `finally` ran) is
named for its process, so the next write beside it can tell it is stale and remove it;
compliance.lifecycle uses the same test for its temporary folders.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

RUN_STARTED = time.time()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Dead but not reaped. A worker orphaned by a killed run is reparented to PID 1,
    and a container's PID 1 often never reaps: the pid answers kill(0) for good."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False  # no /proc (not Linux), or gone since: kill(0) decides
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] in (b"Z", b"X")


def is_stale(path: Path, pid_text: str) -> bool:
    """Left by a process of ours that is gone, before this run began."""
    if not pid_text.isdigit() or int(pid_text) == os.getpid() or alive(int(pid_text)):
        return False
    try:
        info = path.lstat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and info.st_mtime < RUN_STARTED


def temporary_name(target: Path) -> str:
    """The prefix of a temporary file written beside `target`: .<name>.<pid>."""
    return f".{target.name}.{os.getpid()}."


def remove_stale_files(target: Path) -> None:
    """Remove .<name>.<pid>.*.tmp beside `target` left by a killed run."""
    start = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if name.startswith(start) and name.endswith(".tmp"):
                pid = name[len(start) :].split(".", 1)[0]
                if is_stale(Path(entry.path), pid):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def write_atomically(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write `content` (text as UTF-8; pieces of text as they come) to `path`.

    The temporary file is removed on every exit Python sees (an exception, Ctrl-C, TERM
    through compliance.lifecycle); one a SIGKILL left is removed by the next write here.
    """
    remove_stale_files(path)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=temporary_name(path), suffix=".tmp"
    )
    try:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as raw:
                raw.write(content)
        else:
            # A path that is not valid Unicode (a lone surrogate from the file system)
            # is written as \udcxx: still UTF-8, and a valid escape inside JSON strings.
            with os.fdopen(
                handle, "w", encoding="utf-8", errors="backslashreplace", newline=""
            ) as out:
                if isinstance(content, str):
                    out.write(content)
                else:
                    out.writelines(content)
        # mkstemp makes the file private; give it the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
