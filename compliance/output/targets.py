"""Where complint writes, checked before any linting: a report or baseline that cannot be
written must be one clear line and exit 2, not a traceback after a long run (and not
exit 1, which CI reads as "findings")."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def output_problem(option: str, target: Path, inputs: Iterable[str] = ()) -> str | None:
    """Why `target` cannot receive a file written by `option`, or None.

    `inputs` are the paths given to lint: writing over one of them is refused.
    """
    if target.is_dir():
        return f"{option} {target}: is a folder; name a file inside it"
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        if parent.exists():
            return f"{option} {target}: {parent} is not a folder"
        return f"{option} {target}: the folder {parent} does not exist"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{option} {target}: the folder {parent} is not writable"
    if target.exists() and any(_same(target, Path(given)) for given in inputs):
        return f"{option} {target}: is an input; name a new file (inputs are never written)"
    return None


def _same(one: Path, other: Path) -> bool:
    try:
        return other.is_file() and os.path.samefile(one, other)
    except OSError:
        return False


def annotate_problem(source: Path, target: Path, option: str = "--annotate") -> str | None:
    """Why `option target` (a Word copy) cannot be written for `source`, or None."""
    problem = output_problem(option, target)
    if problem is not None:
        return problem
    if target.exists() and source.exists() and os.path.samefile(source, target):
        return f"{option} {target}: is the input itself; name a new file (inputs are never written)"
    return None
