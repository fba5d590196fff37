"""The rule packs ship inside the wheel, so a non-editable install finds them."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT


def test_installed_distribution_carries_the_rule_packs() -> None:
    try:
        files = metadata.files("complint") or []
    except metadata.PackageNotFoundError:
        pytest.skip("complint is not installed")
    shipped = {Path(str(f)).name for f in files if str(f).startswith("compliance/rules/")}
    if not shipped:
        pytest.skip("an editable install reads rules/ from the source tree")
    assert {p.name for p in (ROOT / "rules").glob("*.toml")} <= shipped
