"""Every real Word file from other projects' suites is linted, or refused in one line.

The files run through the real command in subprocesses under a time and memory limit, a
batch of files per process: one process per file spent most of the time starting Python.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED, TIME_LIMIT, limited_complint

from compliance.errors import ReadError
from compliance.readers import read_document
from compliance.readers.convert import TIMEOUT_SECONDS as CONVERT_LIMIT
from compliance.readers.ooxml import Package, local

FOLDER = SHARED / "realdocx" / "files"
FILES = sorted(p for p in FOLDER.rglob("*") if p.is_file()) if FOLDER.is_dir() else []
needs_corpus = pytest.mark.skipif(not FILES, reason="../shared/realdocx is not present")
# Formats LibreOffice converts take seconds each: fewer of them share a time limit.
CONVERTED = (".doc", ".wps", ".dot", ".rtf")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("realdocx")]


def _batches() -> list[list[Path]]:
    native = [p for p in FILES if p.suffix.lower() not in CONVERTED]
    converted = [p for p in FILES if p.suffix.lower() in CONVERTED]
    return [native[i : i + 60] for i in range(0, len(native), 60)] + [
        converted[i : i + 4] for i in range(0, len(converted), 4)
    ]


Outcome = tuple[list[str], list[str], str]  # the file's stdout lines, stderr lines, trouble


@pytest.fixture(scope="module")
def outcomes() -> dict[Path, Outcome]:
    """Each file's lines of output, and what went wrong with its batch as a whole."""
    found: dict[Path, Outcome] = {}
    for batch in _batches():
        # Two conversions at a time: LibreOffice spends most of its seconds waiting. Each
        # is bounded by complint's own limit; the batch's bound covers them all.
        limit = TIME_LIMIT + CONVERT_LIMIT * sum(p.suffix.lower() in CONVERTED for p in batch)
        try:
            run = limited_complint(
                *map(str, batch), "--format", "concise", "--exit-zero", "--jobs", "2",
                timeout=limit,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            found.update(dict.fromkeys(batch, ([], [], f"no answer within {limit} s")))
            continue
        out, err = run.stdout.splitlines()[:-1], run.stderr.splitlines()  # [-1]: summary
        trouble = ""
        if "Traceback" in run.stderr or run.returncode not in (0, 2):
            trouble = f"exit {run.returncode}: {run.stderr[-2000:]}"
        stray = [
            line for line in out + err if not any(line.startswith(f"{path}:") for path in batch)
        ]
        if stray:
            trouble += f" lines naming no file of the batch: {stray[:3]}"
        for path in batch:
            mine = [line for line in out if line.startswith(f"{path}:")]
            refused = [line for line in err if line.startswith(f"{path}: ")]
            found[path] = (mine, refused, trouble)
    return found


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_file_lints_or_fails_in_one_line(outcomes: dict[Path, Outcome], path: Path) -> None:
    findings, refused, trouble = outcomes[path]
    assert not trouble
    if refused:  # refused: one line naming the file, and no finding
        [message] = refused
        assert len(message) < 400 and not findings


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
