"""PDF paragraphs rebuilt from the page layout: the GB/T 9704 report printed to PDF by
LibreOffice at 20, 24, 28 and 29 pt line spacing reads as the .docx it came from, and
gives the same IW and ST findings (issue 14)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_file
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import read_document

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_word_fixtures as fixtures
import word_raw as raw

pytestmark = [
    pytest.mark.slow,  # every case is a LibreOffice conversion to PDF
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]
SPACINGS = (20, 24, 28, 29)
NORMAL_PPR = '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'


def _styles(spacing: int) -> str:
    """Exact line spacing and a two-character first-line indent, as GB/T templates set."""
    ppr = (
        '<w:pPr><w:widowControl w:val="0"/>'
        f'<w:spacing w:line="{spacing * 20}" w:lineRule="exact"/>'
        '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>'
    )
    styles = raw.styles()
    assert NORMAL_PPR in styles
    return styles.replace(NORMAL_PPR, ppr)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Path]:
    """Each report variant at each spacing, as .docx and as the PDF LibreOffice prints."""
    folder = tmp_path_factory.mktemp("pdf")
    variants = {
        "clean": fixtures.gbt_report_body(),
        # no problems section: IW109 and IW111 must come out of the PDF too
        "defective": fixtures.gbt_report_body().replace("存在的问题", "其他情况"),
    }
    docx: list[Path] = []
    for name, body in variants.items():
        for spacing in SPACINGS:
            path = folder / f"{name}-{spacing}.docx"
            raw.write_package(path, body, raw.standard_parts(styles_xml=_styles(spacing)))
            docx.append(path)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {(p.stem.split("-")[0], int(p.stem.split("-")[1])): p for p in docx}


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def _words(text: str) -> str:
    # LibreOffice may leave out a full-width mark it hangs past the margin.
    return re.sub(r"\W", "", text)


@pytest.mark.parametrize("spacing", SPACINGS)
def test_pdf_paragraphs_are_the_documents(printed: dict, spacing: int) -> None:
    source = printed[("clean", spacing)]
    pdf = read_document(source.with_suffix(".pdf"))
    docx = read_document(source)
    assert [_words(b.text) for b in pdf.blocks] == [_words(b.text) for b in docx.blocks]
    assert pdf.blocks[0].text == "中共示范县文化旅游局党组2024年上半年意识形态工作总结"
    assert not [b for b in pdf.blocks if "……" in b.text or "...." in b.text]  # no TOC


@pytest.mark.parametrize("spacing", SPACINGS)
@pytest.mark.parametrize("variant", ["clean", "defective"])
def test_pdf_gives_the_docx_iw_and_st_findings(
    printed: dict, ruleset: RuleSet, variant: str, spacing: int
) -> None:
    source = printed[(variant, spacing)]

    def structure(path: Path) -> list[tuple[str, str]]:
        findings = lint_file(path, ruleset).findings
        return sorted((f.rule, f.text) for f in findings if f.rule[:2] in ("IW", "ST"))

    expected = structure(source)
    assert structure(source.with_suffix(".pdf")) == expected
    assert bool(expected) == (variant == "defective")
