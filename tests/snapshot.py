"""The findings snapshot: every field of every finding on every input we have.

`tests/snapshots/<group>.json` records, for each file of the samples, the shared reports
and the shared real Word files, its findings (all fields, with their offset and baseline
fingerprint) or its one-line read error. tests/test_snapshot.py compares a fresh run
with it, so a change that moves a single finding shows up as a diff.

A change that alters findings on purpose regenerates it, and the diff is part of the
review:

    .venv/bin/python -m tests.snapshot --update

(`--update GROUP...` redoes only those groups; `--check` compares without writing.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

from compliance.lint.engine import RuleSet
from compliance.lint.runner import Options, lint_source
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
# COMPLINT_SHARED as the rest of the suite reads it (tests/conftest.py); else beside the
# checkout (/work/main → /work/shared), or beside a worktree's parent folder.
SHARED = (
    Path(os.environ["COMPLINT_SHARED"])
    if os.environ.get("COMPLINT_SHARED")
    else next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
)
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

FIELDS = (
    "line", "column", "end_line", "end_column", "rule", "name", "severity", "message",
    "text", "section", "suggestion",
)  # fmt: skip


def groups() -> dict[str, tuple[Path, Path]]:
    """Group name → (folder whose files it holds, folder the shown paths are relative to).

    The real Word files come in one group per source repository, so that pytest-xdist
    spreads them over workers.
    """
    found = {"samples": (ROOT / "samples", ROOT), "reports": (SHARED / "reports", SHARED)}
    realdocx = SHARED / "realdocx" / "files"
    if realdocx.is_dir():
        for folder in sorted(p for p in realdocx.iterdir() if p.is_dir()):
            found[f"realdocx-{folder.name}"] = (folder, SHARED)
    return found


def files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def record(group: str, rules: RuleSet) -> str:
    """The snapshot text of one group: one JSON object per file, one line per finding.

    Always as if LibreOffice were absent: whether a machine has it must not change the
    snapshot, and a conversion takes seconds. Binary .doc/.wps files then record the
    error that says so; a .docx saved under an old name is still read.
    """
    with mock.patch("compliance.readers.convert.libreoffice", return_value=None):
        return _record(group, rules)


def _record(group: str, rules: RuleSet) -> str:
    folder, base = groups()[group]
    lines = ["["]
    entries: list[str] = []
    for path in files(folder):
        shown = path.relative_to(base).as_posix()
        result = lint_source(path, shown, rules, Options(fingerprints=True))
        if result.error is not None:
            error = str(result.error)
            entries.append(json.dumps({"file": shown, "error": error}, ensure_ascii=False))
            continue
        findings = []
        for finding in result.findings:
            entry = {name: getattr(finding, name) for name in FIELDS}
            assert finding.path == shown
            entry["offset"], entry["fingerprint"] = finding.offset, finding.fingerprint
            findings.append("  " + json.dumps(entry, ensure_ascii=False))
        head = json.dumps({"file": shown}, ensure_ascii=False)[:-1]
        body = "\n" + ",\n".join(findings) + "\n" if findings else ""
        entries.append(f'{head}, "findings": [{body}]}}')
    lines.append(",\n".join(entries))
    lines.append("]")
    return "\n".join(lines) + "\n"


def snapshot_path(group: str) -> Path:
    return SNAPSHOTS / f"{group}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.snapshot", description=__doc__)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--update", action="store_true", help="rewrite the snapshot files")
    action.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("groups", nargs="*", help="only these groups (default: all)")
    args = parser.parse_args(argv)
    wanted = args.groups or list(groups())
    rules = ruleset()
    differ = []
    if args.update and not args.groups:
        for stale in SNAPSHOTS.glob("*.json"):  # a group whose folder is gone
            if stale.stem not in wanted:
                stale.unlink()
    for group in wanted:
        text = record(group, rules)
        target = snapshot_path(group)
        if args.update:
            SNAPSHOTS.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
        elif not target.is_file() or target.read_text(encoding="utf-8") != text:
            differ.append(group)
    for group in differ:
        print(f"snapshot differs: {snapshot_path(group)}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
