"""Every real Word file from other projects' suites is read, or refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.document import ReadError
from compliance.readers import read_document

FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "realdocx" / "files"
FILES = sorted(p for p in FOLDER.rglob("*") if p.is_file()) if FOLDER.is_dir() else []


@pytest.mark.skipif(not FILES, reason="../shared/realdocx is not present")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_file_reads_or_fails_in_one_line(path: Path) -> None:
    try:
        document = read_document(path)
    except ReadError as err:
        message = str(err)
        assert message.startswith(f"{path}: ")
        assert "\n" not in message and len(message) < 400
        return
    assert document.blocks
    for block in document.blocks:
        assert block.text.strip() and block.line >= 1
