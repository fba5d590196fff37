"""Every real Word file from other projects' suites is linted, or refused in one line.

Each file runs through the real command in a subprocess under a time and memory limit.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED, limited_complint

from compliance.errors import ReadError
from compliance.readers import read_document
from compliance.readers.ooxml import Package, local

FOLDER = SHARED / "realdocx" / "files"
FILES = sorted(p for p in FOLDER.rglob("*") if p.is_file()) if FOLDER.is_dir() else []
needs_corpus = pytest.mark.skipif(not FILES, reason="../shared/realdocx is not present")


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_file_lints_or_fails_in_one_line(path: Path) -> None:
    run = limited_complint(str(path), "--format", "concise", "--exit-zero")
    assert "Traceback" not in run.stderr
    if run.returncode == 0:  # linted: every line is a finding on this file, then a summary
        assert run.stderr == ""
        assert all(line.startswith(f"{path}:") for line in run.stdout.splitlines()[:-1])
        return
    assert run.returncode == 2, run.stderr  # the only file could not be read
    [message] = run.stderr.splitlines()
    assert message.startswith(f"{path}: ") and len(message) < 400


def _visible(text: str) -> int:
    return len(re.sub(r"\s", "", text))


_NOT_SHOWN = frozenset({"Fallback", "moveFrom", "del"})


def _raw_text(path: Path) -> int:
    """Characters of every w:t of the main part that Word shows (not deleted, not the
    Fallback copy of a text box)."""
    with zipfile.ZipFile(path) as archive:
        package = Package(archive, str(path))
        root = package.xml(package.main)
    return sum(
        _visible(t.text or "")
        for t in root.iter()
        if local(t) == "t" and not any(local(a) in _NOT_SHOWN for a in t.iterancestors())
    )


@needs_corpus
def test_text_coverage_against_the_raw_runs() -> None:
    """Content controls, text boxes, insertions, smart tags and fields: nothing is lost."""
    raw = read = 0
    for path in FILES:
        if path.suffix.lower() not in (".docx", ".docm", ".dotx", ".dotm"):
            continue
        try:
            document = read_document(path)
        except ReadError:
            continue
        raw += _raw_text(path)
        read += sum(
            _visible(b.text) for b in document.blocks if b.kind in ("paragraph", "table-cell")
        )
    assert raw > 500_000
    assert read / raw >= 0.999, f"read {read} of {raw} characters"
