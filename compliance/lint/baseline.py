"""Baselines: record the findings a project accepts today, report only new ones later.

A finding is matched by file, rule code and fingerprint — its text with a few characters
on each side — never by line, so inserting a paragraph above it does not make it new.
Matching counts occurrences: a baseline holding one "X次" with given surroundings hides
one such finding, and a second identical one is reported.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from compliance.atomic import write_atomically
from compliance.errors import BaselineError
from compliance.lint.engine import fingerprint
from compliance.output.result import Result
from compliance.version import __version__

Key = tuple[str, str, str]  # (path relative to the baseline's folder, rule, fingerprint)


def _relative(shown: str, folder: Path) -> str:
    return Path(os.path.relpath(Path(shown).resolve(), folder.resolve())).as_posix()


def _entries(results: Sequence[Result], folder: Path) -> list[tuple[Key, dict[str, Any]]]:
    entries: list[tuple[Key, dict[str, Any]]] = []
    for result in results:
        path = _relative(result.path, folder)
        for f in result.findings:
            mark = f.fingerprint or fingerprint(f.rule, f.text, f.message, "")
            # line and message are for the people reviewing the file; matching ignores them.
            entry = {"path": path, "rule": f.rule, "fingerprint": mark, "line": f.line}
            entry |= {"text": f.text, "message": f.message}
            entries.append(((path, f.rule, mark), entry))
    return entries


def write(target: Path, results: Sequence[Result]) -> int:
    """Record every finding of `results` in `target`; returns how many."""
    entries = [e for _, e in _entries(results, target.parent)]
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    document = {"tool": "complint", "version": __version__, "findings": entries}
    write_atomically(target, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def load(source: Path) -> Counter[Key]:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return Counter(
            (str(e["path"]), str(e["rule"]), str(e["fingerprint"])) for e in data["findings"]
        )
    except OSError as err:
        raise BaselineError(f"{source}: cannot read baseline ({err.strerror or err})") from None
    except (ValueError, KeyError, TypeError) as err:
        raise BaselineError(f"{source}: not a complint baseline ({err})") from None


def subtract(results: Sequence[Result], known: Counter[Key], source: Path) -> list[Result]:
    """`results` without the findings the baseline at `source` records."""
    remaining = Counter(known)
    kept: list[Result] = []
    for result in results:
        new: list[bool] = []
        for key, _ in _entries([result], source.parent):
            new.append(remaining[key] == 0)
            if remaining[key] > 0:
                remaining[key] -= 1
        kept.append(result.select(new))
    return kept
