"""Which files a folder walk or a glob yields: reports, not a virtualenv's or a build's.

A walk skips version-control, virtualenv, dependency, build and cache folders and every
hidden folder; inside a git work tree it lists what git lists (`git ls-files --cached
--others --exclude-standard`: tracked files and untracked ones that .gitignore does not
exclude), so git's own rules apply — nested .gitignore files, .git/info/exclude, the
global excludes file. `exclude` patterns (config and --exclude) remove more. A file
named on the command line is always linted.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", "env", "node_modules", "build", "dist",
        "__pycache__", "site-packages", ".tox", ".nox", ".complint_cache", ".mypy_cache",
        ".pytest_cache", ".ruff_cache",
    }
)  # fmt: skip


def anchor(patterns: Iterable[str], base: Path) -> tuple[str, ...]:
    """Patterns as the walk matches them: one with a "/" becomes absolute under `base`;
    a bare name (`drafts`, `*.bak.md`) matches a file or folder of that name anywhere."""
    anchored: list[str] = []
    for raw in patterns:
        pattern = raw.replace(os.sep, "/").rstrip("/")
        if not pattern:
            continue
        if "/" in pattern and not pattern.startswith("/"):
            pattern = (PurePosixPath(Path(os.path.abspath(base)).as_posix()) / pattern).as_posix()
        anchored.append(pattern)
    return tuple(anchored)


def excluded(file: Path, inside: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether `file` is skipped. `inside` are its path parts below the walked folder
    (or the glob's literal base): only those are matched by name, never the folders
    above what the user named."""
    if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in inside[:-1]):
        return True
    if not exclude:
        return False
    absolute = Path(os.path.abspath(file)).as_posix()
    for pattern in exclude:
        if "/" in pattern:
            if fnmatch.fnmatchcase(absolute, pattern) or fnmatch.fnmatchcase(
                absolute, pattern + "/*"
            ):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in inside):
            return True
    return False


def _git_listing(folder: Path) -> list[Path] | None:
    """The files git lists below `folder`, or None outside a work tree (or without git)."""
    import subprocess  # only a folder walk needs it: a one-file run starts faster

    try:
        listed = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"],
            capture_output=True,
            timeout=60,
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    names = [os.fsdecode(n).rstrip("/") for n in listed.stdout.split(b"\0") if n]
    if not names:
        # A folder git ignores as a whole, named on purpose: walk it as without git.
        ignored = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "-q", "."],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if ignored.returncode == 0:
            return None
    return [folder / name for name in names]


def walk(folder: Path, suffixes: Iterable[str], exclude: Sequence[str] = ()) -> list[Path]:
    """The report files below `folder`, in name order."""
    wanted = {s.lower() for s in suffixes}
    listing = _git_listing(folder)
    if listing is None:
        listing = []
        for top, folders, files in os.walk(folder):
            # Pruned here rather than filtered later: never descend into node_modules.
            folders[:] = [f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")]
            listing.extend(Path(top) / name for name in files)
    found = []
    for file in listing:
        if file.is_dir():  # a nested git repository, which git lists as one entry
            parts = file.relative_to(folder).parts
            hidden = any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts)
            if not hidden and not excluded(file, parts, exclude):
                found.extend(walk(file, wanted, exclude))
            continue
        inside = file.relative_to(folder).parts
        if (
            file.suffix.lower() in wanted
            and not file.name.startswith(("~$", "."))
            and not excluded(file, inside, exclude)
            and file.is_file()
        ):
            found.append(file)
    return sorted(found)


def glob_base(pattern: str) -> Path:
    """The literal folder a glob pattern starts from (`reports/**/*.docx` → reports)."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return Path(*parts) if parts else Path()
