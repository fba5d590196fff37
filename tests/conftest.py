from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_reports() -> Path:
    folder = SHARED / "reports"
    if not folder.is_dir():
        pytest.skip("../shared/reports is not present")
    return folder
