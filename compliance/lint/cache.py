"""A cache of lint results, like ruff's: a file whose bytes have not changed is not read,
outlined and checked again.

An entry's key is a hash of the file's bytes, the path it is shown as, and a salt made of
complint's version, its own source code and the enabled rules (with their severities,
the section roles and the configured period). Anything that could change a finding
changes the key, so entries are never invalidated, only left behind.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.atomic import write_atomically
from compliance.lint.engine import RuleSet
from compliance.model.findings import finding_from_dict
from compliance.output.result import DetectedReport, OutlineHeading, Result
from compliance.packcache import cache_key
from compliance.prune import maybe_prune, touch

MAX_BYTES = 256 * 1024 * 1024  # far beyond a large archive's results; see compliance.prune


def salt_of(ruleset: RuleSet) -> str:
    # The rules' repr holds every compiled matcher and option; an unstable repr would
    # only cost cache misses, never a stale result.
    described = (
        ruleset.rules,
        sorted(ruleset.roles.items()),
        ruleset.period,
        ruleset.allow,
        sorted(ruleset.known),
    )
    return cache_key(repr(described))


def _encode(result: Result) -> str:
    reports = [
        {
            **dataclasses.asdict(r),
            "headings": [{**dataclasses.asdict(h), "roles": sorted(h.roles)} for h in r.headings],
        }
        for r in result.reports
    ]
    return json.dumps(
        {
            "findings": [dataclasses.asdict(f) for f in result.findings],
            "reports": reports,
            "warnings": list(result.warnings),
            "suppressed": [dataclasses.asdict(f) for f in result.suppressed],
        },
        ensure_ascii=False,
    )


def _decode(path: str, text: str) -> Result:
    data: dict[str, Any] = json.loads(text)
    reports = tuple(
        DetectedReport(
            r["title"],
            r["line"],
            r["end_line"],
            tuple(OutlineHeading(**{**h, "roles": frozenset(h["roles"])}) for h in r["headings"]),
        )
        for r in data["reports"]
    )
    return Result(
        path,
        tuple(finding_from_dict(f) for f in data["findings"]),
        reports=reports,
        warnings=tuple(data["warnings"]),
        suppressed=tuple(finding_from_dict(f) for f in data["suppressed"]),
    )


@dataclass
class Cache:
    """The result cache in one folder: a file's findings kept under its bytes' key."""

    folder: Path
    salt: str
    _keys: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path, ruleset: RuleSet) -> Cache:
        maybe_prune(folder, "*/*.json", MAX_BYTES)
        return cls(folder, salt_of(ruleset))

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, path: Path, shown: str) -> Result | None:
        """The cached result for the file as it is now, or None (and remember its key)."""
        if not path.is_file():
            return None  # a FIFO or device is never read; lint_file names it
        try:
            data = path.read_bytes()
        except OSError:
            return None  # the runner reads it and reports why
        key = cache_key(self.salt, shown, data)
        self._keys[path] = key
        entry = self._entry(key)
        try:
            result = _decode(shown, entry.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: check the file again
        touch(entry)  # used: kept by the pruning
        return result

    def put(self, path: Path, result: Result) -> None:
        key = self._keys.get(path)
        if key is None:
            return
        entry = self._entry(key)
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
                # Like ruff's cache: never committed, skipped by backup tools.
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
                (self.folder / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8"
                )
            entry.parent.mkdir(exist_ok=True)
            write_atomically(entry, _encode(result))
        except OSError:
            pass  # a read-only checkout still lints, only without a cache
