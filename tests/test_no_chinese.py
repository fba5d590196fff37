"""A file with not one Chinese character is one read error, as an empty file is.

Every rule reads Chinese: an English or Russian document used to get every element and
the title reported missing (about fourteen findings that say nothing). The check sits in
the runner's one step per file, so the CLI, the library, workers, the cache and the
pytest plugin all give the same line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from test_cli import complint

import compliance

REASON = "no Chinese text: complint checks Chinese official reports"
ENGLISH = "Annual Report 2024\nThe committee met four times.\nЕжегодный отчёт: всё хорошо.\n"


def english_docx(path: Path, chinese_cell: str = "") -> Path:
    """A Word file of English paragraphs and a table; `chinese_cell` in its last cell."""
    document = docx.Document()
    document.add_heading("Annual Report 2024", 1)
    document.add_paragraph("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Meetings"
    table.cell(0, 1).text = chinese_cell or "4"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def rules() -> compliance.RuleSet:
    return compliance.load_rules()


def test_an_english_text_file_gets_one_error_line_like_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    cache = str(tmp_path / "cache")
    for _ in range(2):  # the second run meets the cache: an error is never stored
        run = complint("--no-config", "--cache-dir", cache, "en.txt", cwd=tmp_path)
        assert run.returncode == 2  # as for an empty file: nothing could be read
        assert run.stderr.splitlines() == [f"en.txt: {REASON}"]
        assert "IW101" not in run.stdout
        assert "1 could not be read" in run.stdout
    both = complint("--no-config", "--format", "json", "empty.txt", "en.txt", cwd=tmp_path)
    assert both.returncode == 2
    data = json.loads(both.stdout)
    assert [f["error"] for f in data["files"]] == ["empty.txt: empty file", f"en.txt: {REASON}"]
    assert data["findings"] == []


def test_stdin_english_markdown_is_the_same_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "--no-config", "-", "--stdin-filename", "报告.md"],
        input=ENGLISH,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"报告.md: {REASON}"]


def test_an_english_docx_is_the_error_by_path_bytes_and_in_workers(
    tmp_path: Path, rules: compliance.RuleSet
) -> None:
    path = english_docx(tmp_path / "en.docx")
    by_path = compliance.check(path, rules=rules)
    assert by_path.findings == ()
    assert by_path.error == compliance.ReadError(str(path), REASON)
    by_bytes = compliance.check(path.read_bytes(), filename="en.docx", rules=rules)
    assert by_bytes.error == compliance.ReadError("en.docx", REASON)
    chinese = tmp_path / "cn.txt"
    chinese.write_text("某局2024年意识形态工作总结\n", encoding="utf-8")
    results = compliance.check_many([path, chinese], rules=rules, jobs=2)
    assert [r.error for r in results] == [compliance.ReadError(str(path), REASON), None]
    assert results[1].findings


def test_a_little_chinese_anywhere_is_linted_as_before(
    tmp_path: Path, rules: compliance.RuleSet
) -> None:
    text = compliance.check(ENGLISH + "某局2024年意识形态工作总结\n", filename="a.txt", rules=rules)
    assert text.error is None
    assert {"IW101", "IW110"} <= {f.rule for f in text.findings}
    # One Chinese table cell in an English Word file: it is a report to check.
    cell = compliance.check(english_docx(tmp_path / "cell.docx", "某某单位"), rules=rules)
    assert cell.error is None
    assert "TX301" in {f.rule for f in cell.findings}  # the cell's placeholder 某某
