"""The rule packs ship inside the wheel, so a non-editable install finds them."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT


def test_installed_distribution_carries_the_rule_packs() -> None:
    try:
        distribution = metadata.distribution("complint")
    except metadata.PackageNotFoundError:
        pytest.skip("complint is not installed")
    if '"editable": true' in (distribution.read_text("direct_url.json") or ""):
        pytest.skip("an editable install reads rules/ from the source tree")
    files = distribution.files or []
    shipped = {Path(str(f)).name for f in files if str(f).startswith("compliance/rules/")}
    assert {p.name for p in (ROOT / "rules").glob("*.toml")} <= shipped


def test_installed_distribution_carries_the_web_page() -> None:
    """`complint serve` needs its templates and static files, which are not Python."""
    try:
        distribution = metadata.distribution("complint")
    except metadata.PackageNotFoundError:
        pytest.skip("complint is not installed")
    if '"editable": true' in (distribution.read_text("direct_url.json") or ""):
        pytest.skip("an editable install reads compliance/web/ from the source tree")
    shipped = {str(f) for f in distribution.files or []}
    web = ROOT / "compliance" / "web"
    page_files = [*web.glob("templates/*"), *web.glob("static/*")]
    assert page_files
    assert {str(p.relative_to(ROOT)) for p in page_files} <= shipped
