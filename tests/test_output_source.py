"""The formats that show a report's text render the same from a run's compact Source as
from the Document itself (a run over an archive keeps only the Source)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import ROOT

import compliance
from compliance import api, output
from compliance.model.document import Block, Document
from compliance.output.result import Result, Run, Source

SAMPLES = sorted(
    p for p in (ROOT / "samples").iterdir() if p.suffix in {".txt", ".md", ".docx", ".pdf"}
)


@pytest.fixture(scope="module")
def rules() -> compliance.RuleSet:
    return compliance.load_rules()


def test_a_source_gives_back_each_blocks_text_line_and_column() -> None:
    blocks = (
        Block("第一段", 1, 1),
        Block("", 2, 1),  # an empty block keeps its place
        Block("单元格甲", 3, 1, kind="table-cell"),
        Block("单元格乙\ud800", 3, 6, kind="table-cell"),  # two on one line; a lone surrogate
        Block("\ud83d\ude00😀", 4, 1),  # a pair of surrogates stays two code points
        Block("x" * 3, 2**40, 7),  # past 32-bit numbers: kept all the same
    )
    back = Source.of(Document("a.docx", blocks)).document()
    assert back.path == "a.docx"
    assert [(b.text, b.line, b.column) for b in back.blocks] == [
        (b.text, b.line, b.column) for b in blocks
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_the_formats_that_show_text_render_the_same_from_a_source(
    sample: Path, rules: compliance.RuleSet
) -> None:
    kept = api.check_source(sample, sample.name, rules, documents=True)
    assert kept.document is not None
    compact = dataclasses.replace(kept, document=None, source=Source.of(kept.document))
    for fmt, show_source in (("html", False), ("rdjson", False), ("text", True)):
        before = output.render(fmt, Run((kept,), rules.rules, show_source=show_source))
        after = output.render(fmt, Run((compact,), rules.rules, show_source=show_source))
        assert after == before, fmt
    # Findings were placed and compared (the clean samples have none, by design).
    assert kept.findings or sample.name.startswith("clean-")


def test_a_run_for_such_a_format_keeps_sources_not_documents(
    rules: compliance.RuleSet, tmp_path: Path
) -> None:
    results = api.run_files([str(p) for p in SAMPLES], rules, sources=True)
    assert results and all(r.document is None for r in results)
    readable = [r for r in results if r.error is None]
    assert readable and all(isinstance(r.source, Source) for r in readable)
    # From the result cache too: the text is read again, and only its Source kept.
    cache = tmp_path / "cache"
    api.run_files([str(p) for p in SAMPLES], rules, cache_dir=cache, sources=True)
    again: list[Result] = api.run_files(
        [str(p) for p in SAMPLES], rules, cache_dir=cache, sources=True
    )
    assert [r.source.text if r.source else None for r in again] == [
        r.source.text if r.source else None for r in results
    ]
    assert all(r.document is None for r in again)
