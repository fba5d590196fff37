"""The runner: any concurrent.futures.Executor as the pool, and each file read once."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import compliance
from compliance import readers
from compliance.cli import main

SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def rules() -> compliance.RuleSet:
    return compliance.load_rules()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How often each file was read: every reader goes through readers._read."""
    counts: Counter[str] = Counter()
    real = readers._read

    def counting(file: Any, suffix: str, shown: str) -> Any:
        counts[shown] += 1
        return real(file, suffix, shown)

    monkeypatch.setattr(readers, "_read", counting)
    yield counts


@pytest.mark.parametrize(
    "options",
    [["--format", "html"], ["--show-source"], ["--format", "sarif"], []],
    ids=["html", "show-source", "sarif", "text"],
)
def test_every_format_reads_each_file_once(
    options: list[str], reads: Counter[str], tmp_path: Path
) -> None:
    files = [SAMPLES / "text-defects.txt", SAMPLES / "ideology-report-2024h1.docx"]
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--no-config", "--no-cache", "-j", "1", *options, *map(str, files)])
    assert code == 1  # the samples have errors on purpose
    assert reads == Counter({str(f): 1 for f in files})
    if options == ["--show-source"]:
        assert "^" in out.getvalue()  # the source lines came from the documents read once
    if options == ["--format", "html"]:
        assert "第四卷，引导党员干部" in out.getvalue()  # text-defects.txt's text, in place


def test_check_of_bytes_and_text_reads_in_memory(
    rules: compliance.RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def no_temporary_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was made")

    monkeypatch.setattr(tempfile, "mkstemp", no_temporary_files)
    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_temporary_files)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_temporary_files)
    docx = (SAMPLES / "ideology-report-2024h1.docx").read_bytes()
    from_bytes = compliance.check(docx, filename="上报/2024.docx", rules=rules)
    from_path = compliance.check(SAMPLES / "ideology-report-2024h1.docx", rules=rules)
    assert from_bytes.error is None and from_bytes.findings
    assert [(f.line, f.rule, f.text) for f in from_bytes.findings] == [
        (f.line, f.rule, f.text) for f in from_path.findings
    ]
    # A lone surrogate has no UTF-8 form: read in memory, it becomes U+FFFD and lints.
    text = compliance.check("示范局工作总结\n加强意认形态\udc80工作。\n", rules=rules)
    assert text.error is None
    assert ("TX302", "意认形态") in {(f.rule, f.text) for f in text.findings}


def test_a_dask_cluster_is_a_pool(rules: compliance.RuleSet) -> None:
    """Users who outgrow one machine hand complint their cluster's executor."""
    distributed = pytest.importorskip("distributed")
    serial = compliance.check_many([SAMPLES], rules=rules)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = compliance.check_many([SAMPLES], rules=rules, executor=client.get_executor())
    assert on_dask == serial
    assert any(r.findings for r in on_dask)


@pytest.mark.parametrize("jobs", [1, 2])
def test_packed_results_are_the_results(rules: compliance.RuleSet, jobs: int) -> None:
    """The CLI holds a run's results packed (output.result.Packed): read back, they are the
    results a plain run returns, and the counts kept beside them are those of the results."""
    from compliance import api
    from compliance.output.result import Packed, read_errors, tally
    from compliance.output.summary import Summary, fails

    paths = [str(SAMPLES), str(SAMPLES / "absent.txt")]
    plain = api.run_files(paths, rules, jobs=jobs, sources=True)
    packed = api.run_files(paths, rules, jobs=jobs, sources=True, packed=True)
    assert isinstance(packed, Packed) and not isinstance(plain, Packed)
    assert list(packed) == list(plain) and len(packed) == len(plain)
    assert packed[1] == plain[1] and list(packed[1:3]) == list(plain[1:3])
    assert [r.source for r in packed] == [r.source for r in plain]
    assert tally(packed) == tally(plain)
    assert Summary.of(packed) == Summary.of(plain)
    assert read_errors(packed) == read_errors(plain) != []
    for threshold in ("error", "warning", "info"):
        assert fails(packed, threshold) == fails(plain, threshold)  # type: ignore[arg-type]


def test_a_run_of_one_file_holds_its_result_as_it_is(rules: compliance.RuleSet) -> None:
    # Packing the only result would be undone at once: it is kept (Packed.kept), and
    # reads as the plain run's, its counts beside it as for a packed one.
    from compliance import api
    from compliance.output.result import Packed, read_errors, tally

    for path in (SAMPLES / "clean-report.txt", SAMPLES / "absent.txt"):
        plain = api.run_files([str(path)], rules, sources=True)
        packed = api.run_files([str(path)], rules, sources=True, packed=True)
        assert isinstance(packed, Packed) and len(packed) == len(plain) == 1
        assert not isinstance(packed._packed[0], bytes)  # not pickled
        assert list(packed) == plain and packed[0] is packed[0]
        assert tally(packed) == tally(plain) and read_errors(packed) == read_errors(plain)
    two = api.run_files([str(SAMPLES)], rules, packed=True)
    assert isinstance(two, Packed) and all(isinstance(p, bytes) for p in two._packed)
