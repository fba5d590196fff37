"""A damaged .docx is one error line, never a traceback or a hang (issue 19).

Hypothesis corrupts random bytes of a valid package and random fields of its zip
directory entries (sizes, offsets, flags, compression method, CRC); the engine must then
return a result, findings or an error, within the time limit. In-process, for speed:
every member read is capped (compliance.readers.safezip), so memory is bounded too.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_file
from compliance.packs.rulefile import default_rules_dir, load_packs

VALID = (ROOT / "samples" / "clean-report.docx").read_bytes()
TIME_LIMIT = 20.0  # seconds per damaged file; a clean one takes well under one
CENTRAL = b"PK\x01\x02"
# Offsets in a central directory entry: flags, method, time, date, crc, sizes, name
# length, extra length, comment length, disk, attributes, local header offset.
FIELDS = [(8, "<H"), (10, "<H"), (16, "<I"), (20, "<I"), (24, "<I"), (28, "<H"),
          (30, "<H"), (42, "<I")]  # fmt: skip
ENTRIES = [i for i in range(len(VALID)) if VALID.startswith(CENTRAL, i)]


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def _check(tmp_path: Path, data: bytes, ruleset: RuleSet) -> None:
    path = tmp_path / "damaged.docx"
    path.write_bytes(data)
    start = time.monotonic()
    result = lint_file(path, ruleset)  # raises if a failure escapes the readers
    assert time.monotonic() - start < TIME_LIMIT
    if result.error is not None:
        error = str(result.error)
        assert error.startswith(f"{path}: ") and "\n" not in error


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=8))
def test_random_bytes_of_a_docx(
    tmp_path: Path, ruleset: RuleSet, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(VALID)
    for at, value in flips:
        data[at] = value
    _check(tmp_path, bytes(data), ruleset)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(ENTRIES),
            st.sampled_from(FIELDS),
            st.one_of(
                st.integers(0, 0xFFFF), st.sampled_from([0, 1, 8, 9, 12, 14, 99, 0xFFFFFFFF])
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_zip_directory_entries(
    tmp_path: Path, ruleset: RuleSet, changes: list[tuple[int, tuple[int, str], int]]
) -> None:
    data = bytearray(VALID)
    for entry, (offset, fmt), value in changes:
        struct.pack_into(fmt, data, entry + offset, value & (0xFFFF if fmt == "<H" else 0xFFFFFFFF))
    _check(tmp_path, bytes(data), ruleset)
