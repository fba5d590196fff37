"""Output formats: each a pure function from results to text."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from compliance.lifecycle import remove_stale_files, temporary_name


def write_atomically(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write `content` (text as UTF-8; pieces of text as they come) to `path` so readers
    see the old file or the new one, never a part.

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
