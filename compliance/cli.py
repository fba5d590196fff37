"""The `complint` command: a thin shell over compliance.api and the output registry."""

from __future__ import annotations

import argparse
import os
import sys
import typing
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# Only what the parser shows is imported here: `--version` and `--help` load argparse,
# compliance.constants and the output registry's names, nothing else. Each path imports
# what it uses when it runs — the front door (compliance.api) included.
from compliance.constants import (
    CACHE_DIR,
    RULE_SECONDS,
    SEVERITIES,
    SUPPORTED_SUFFIXES,
    __version__,
)
from compliance.output import FORMATS

if typing.TYPE_CHECKING:
    from collections import Counter

    from compliance import api
    from compliance.config import Config
    from compliance.output.result import Result, Run

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

# --statistics is a flag, not a --format: it replaces the text listing.
CHOICES = tuple(name for name in FORMATS if name != "statistics")
# Written as UTF-8 bytes whatever the console's encoding: their consumers expect it.
MACHINE_FORMATS = frozenset(CHOICES) - {"text", "concise"}
# The formats that show a report's text: the run keeps the documents it read for them.
SOURCE_FORMATS = frozenset({"html", "rdjson"})
_SUFFIXES = ", ".join(sorted(SUPPORTED_SUFFIXES))


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the option and what is wrong) and exit 2."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds above 0")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="complint",
        description="Lint Chinese official reports (意识形态工作总结 …) against rule packs.",
        epilog=(
            "subcommands: `complint rules` lists the rules, `complint rule CODE` explains one, "
            "`complint check-rules [PATH]` checks rule files against their examples, "
            "`complint serve` serves a web page to check reports (the web extra). "
            f"Report files: {_SUFFIXES} (.doc and .wps need LibreOffice). "
            "Exit codes: 0 clean, 1 findings at or above --fail-on (or an unreadable file), "
            "2 usage or configuration error."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"report files ({_SUFFIXES}), folders, glob patterns (quoted: "
        "'reports/**/*.docx'), or - to read one report from stdin",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name findings give the report read from stdin (its suffix picks the reader)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="skip files and folders matching PATTERN in folder walks and globs (repeatable)",
    )
    parser.add_argument("--format", choices=CHOICES, default="text", help="output format")
    parser.add_argument(
        "--lang",
        choices=("zh-CN", "en"),
        default="zh-CN",
        help="the language of the --format html page (default: zh-CN)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report to FILE (atomically)"
    )
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="only these codes or prefixes, comma-separated (e.g. IW,TX301); replaces the config's",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="skip these codes or prefixes, comma-separated; adds to the config's",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        type=Path,
        help="an extra rule file or folder of rule files (repeatable)",
    )
    parser.add_argument(
        "--no-bundled-rules",
        action="store_true",
        help="load only the rules of --rules and the config's rules, not the bundled packs",
    )
    parser.add_argument(
        "--period", help="the report period when the title does not give it, e.g. 2024年上半年"
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore complint.toml / [tool.complint]"
    )
    gate = parser.add_argument_group("gate")
    gate.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="error",
        help="the lowest severity that makes the exit code 1 (default: error)",
    )
    gate.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail")
    gate.add_argument(
        "--statistics", action="store_true", help="count the findings per rule instead of listing"
    )
    gate.add_argument(
        "-q", "--quiet", action="store_true", help="only the findings: no summary, no progress"
    )
    gate.add_argument(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="print the source line under each finding (text format)",
    )
    gate.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not recorded in FILE"
    )
    gate.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record the current findings in FILE"
    )
    runs = parser.add_argument_group("many files")
    runs.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,  # api.default_jobs(), without importing the engine
        metavar="N",
        help="files linted in parallel processes (default: the CPU count)",
    )
    runs.add_argument("--no-cache", action="store_true", help="check every file again")
    runs.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="give up on a file after this long; it is reported as that file's error",
    )
    runs.add_argument(
        "--rule-timeout",
        type=_seconds,
        default=RULE_SECONDS,
        metavar="SECONDS",
        help="a rule's time budget per million characters of a file, and at least per file; "
        "a rule past it is skipped and named in the file's error (default: 30)",
    )
    runs.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help=f"where results are cached (default: {CACHE_DIR} beside the config, else here)",
    )
    parser.add_argument(
        "--annotate",
        type=Path,
        metavar="OUT.docx",
        help="write a copy of the single .docx input with the findings as Word comments",
    )
    fixing = parser.add_argument_group("fixes")
    fixing.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to .txt and .md files in place (encoding and line "
        "endings kept); the findings that remain are reported",
    )
    fixing.add_argument(
        "--diff",
        action="store_true",
        help="print the safe fixes as a unified diff (patch -p0 applies it); change nothing",
    )
    fixing.add_argument(
        "--fix-to",
        type=Path,
        metavar="OUT.docx",
        help="write a copy of the single .docx input with the safe fixes as tracked changes "
        "and the other findings as comments (with --annotate, name the same file)",
    )
    parser.add_argument("--version", action="version", version=f"complint {__version__}")
    return parser


def _file_config(no_config: bool) -> Config:
    from compliance.config import Config, find_config, load_config

    found = None if no_config else find_config(Path.cwd())
    return Config() if found is None else load_config(found)


def _config(args: argparse.Namespace, config: Config) -> Config:
    """The file's settings with the command line's applied."""
    from dataclasses import replace

    from compliance import api
    from compliance.config import split_codes

    select = split_codes(args.select) or config.select
    ignore = config.ignore + split_codes(args.ignore)
    return replace(
        config,
        select=select,
        ignore=ignore,
        rules=config.rules + tuple(args.rules),
        period=args.period or config.period,
        exclude=config.exclude + api.anchor_patterns(args.exclude, Path.cwd()),
        bundled=config.bundled and not args.no_bundled_rules,
    )


def _load(config: Config, file_config: Config, args: argparse.Namespace | None) -> list[api.Pack]:
    """The packs `config` names, with every code the settings name checked against them.

    Raises RuleFileError (a broken rule or config file, or a code no rule has) or
    UsageError (the same on the command line).
    """
    from compliance import api
    from compliance.config import check_codes, split_codes

    if not config.bundled and not config.rules:
        raise api.UsageError("no rules to run: without the bundled packs, name rule files "
                         "with --rules or rules = [...]")  # fmt: skip
    packs = api.load_packs_of(config.rules, bundled=config.bundled)
    known = {r.code for p in packs for r in p.rules}
    check_codes(file_config, known)
    if args is not None:
        for option, values in (("--select", args.select), ("--ignore", args.ignore)):
            problem = api.selection.problem(option, split_codes(values), known)
            if problem is not None:
                raise api.UsageError(problem)
    return packs


def _colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _cache_dir(args: argparse.Namespace, config: Config) -> Path | None:
    if args.no_cache:
        return None
    return args.cache_dir or (
        Path(os.environ["COMPLINT_CACHE_DIR"])
        if os.environ.get("COMPLINT_CACHE_DIR")
        else (config.source.parent if config.source else Path.cwd()) / CACHE_DIR
    )


def _documents(args: argparse.Namespace) -> bool:
    """Whether the run keeps what it read: for --fix-to, which marks the fixes in the
    document it read."""
    return args.fix_to is not None


def _sources(args: argparse.Namespace) -> bool:
    """Whether the run keeps each file's text (a compact Source, not the Document): for a
    format that shows the reports' text."""
    return args.format in SOURCE_FORMATS or (args.format == "text" and args.show_source)


def _render(args: argparse.Namespace, run: Run) -> str | Iterable[str]:
    from compliance.output import renderer

    fmt: str = args.format
    if args.statistics and fmt in {"text", "concise"}:
        fmt = "statistics"
    return renderer(fmt)(run)


def _statistics(run: Run) -> str:
    from compliance.output import renderer

    rendered = renderer("statistics")(run)
    return rendered if isinstance(rendered, str) else "".join(rendered)


def _defer_inspect() -> None:
    """Import dataclasses with a stand-in for `inspect`, which loads it when first read.

    dataclasses imports inspect (and with it ast, dis, tokenize …: about 22 million
    instructions, 2 % of a one-file lint) for one use: a docstring made from the
    signature of a class that has none. Every complint dataclass has one
    (tests/test_startup.py), so a lint never reads it. The stand-in is dataclasses' own
    name only, never `sys.modules["inspect"]` once dataclasses is imported: any other
    `import inspect` loads the real module, and so does the stand-in's first attribute
    read. Only the command does this, and only when neither module is loaded yet.
    """
    if "inspect" in sys.modules or "dataclasses" in sys.modules:
        return
    import types

    def load(name: str) -> object:
        import importlib

        return getattr(importlib.import_module("inspect"), name)

    stand_in = types.ModuleType("inspect", "inspect, imported when first read")
    stand_in.__getattr__ = load  # type: ignore[method-assign]
    sys.modules["inspect"] = stand_in
    try:
        import dataclasses  # noqa: F401
    finally:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]


def _usage(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, checked before anything is linted."""
    from compliance import api
    from compliance.output import targets

    stdin = "-" in args.paths
    if stdin and len(args.paths) > 1:
        return "- (stdin) cannot be combined with other paths"
    if args.stdin_filename is not None and not stdin:
        return "--stdin-filename is for a report read from stdin: give - as the path"
    for option, target in (("--output", args.output), ("--write-baseline", args.write_baseline)):
        problem = None if target is None else targets.output_problem(option, target, args.paths)
        if problem is not None:
            return problem
    problem = api.setting_problem("--period", args.period)
    if problem is not None:
        return problem
    if stdin and (args.fix or args.diff or args.fix_to is not None):
        return "--fix, --diff and --fix-to change files: give file paths, not - (stdin)"
    if args.fix_to is not None:
        if len(args.paths) != 1 or Path(args.paths[0]).suffix.lower() != ".docx":
            return "--fix-to needs exactly one .docx file to lint"
        if args.annotate is not None and args.annotate != args.fix_to:
            return "--annotate and --fix-to write one copy: name the same file for both"
        if not Path(args.paths[0]).is_file():
            return f"{args.paths[0]}: no such file"
        return targets.annotate_problem(Path(args.paths[0]), args.fix_to, "--fix-to")
    if args.annotate is None:
        return None
    if (
        stdin
        or len(args.paths) != 1
        or Path(args.paths[0]).suffix.lower()
        not in (
            ".docx",
            ".docm",
        )
    ):
        return "--annotate needs exactly one .docx file to lint"
    if not Path(args.paths[0]).is_file():
        return f"{args.paths[0]}: no such file"
    return targets.annotate_problem(Path(args.paths[0]), args.annotate)


def _lint_stdin(args: argparse.Namespace, ruleset: api.RuleSet, fingerprints: bool) -> Result:
    """The report on stdin, linted in memory as a file named --stdin-filename (default
    <stdin>, read as .txt)."""
    from compliance import api

    shown = args.stdin_filename or "<stdin>"
    return api.check_source(
        sys.stdin.buffer.read(),
        shown,
        ruleset,
        suffix=Path(shown).suffix.lower() or ".txt",
        fingerprints=fingerprints,
        documents=_documents(args),
        sources=_sources(args),
        limits=_limits(args),
    )


def _limits(args: argparse.Namespace) -> api.Limits:
    from compliance import api

    return api.Limits(rule_seconds=args.rule_timeout, file_seconds=args.timeout)


def main(argv: Sequence[str] | None = None) -> int:
    from compliance.lifecycle import release_gc

    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in COMMANDS:
        release_gc()
        return COMMANDS[arguments[0]](arguments[1:])
    parser = _parser()
    args = parser.parse_args(arguments)
    _defer_inspect()
    problem = _usage(args)
    if problem is not None:
        print(f"complint: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from compliance import api

    try:
        file_config = _file_config(args.no_config)
        config = _config(args, file_config)
        packs = _load(config, file_config, args)
        known = api.load_baseline(args.baseline) if args.baseline is not None else None
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    _warn(packs)
    ruleset = api.RuleSet.from_packs(packs, config)
    release_gc()  # started: collect again while linting (compliance.lifecycle.hold_gc)
    _LAST[:] = [packs, ruleset]
    return _run(args, config, ruleset, known)


def _run(
    args: argparse.Namespace,
    config: Config,
    ruleset: api.RuleSet,
    known: Counter[tuple[str, str, str]] | None,
) -> int:
    from compliance import api
    from compliance.output import progress
    from compliance.output.result import Run, read_errors

    fingerprints = (
        args.format in {"sarif", "gitlab"} or known is not None or args.write_baseline is not None
    )
    results: Sequence[Result]
    if args.paths == ["-"]:
        results = [_lint_stdin(args, ruleset, fingerprints)]
    else:
        bar = progress.Bar(sys.stderr) if progress.wanted(sys.stderr, args.quiet) else None
        try:
            results = api.run_files(
                args.paths,
                ruleset,
                jobs=args.jobs,
                cache_dir=_cache_dir(args, config),
                progress=bar,
                fingerprints=fingerprints,
                documents=_documents(args),
                sources=_sources(args),
                limits=_limits(args),
                packed=True,
            )
        finally:
            if bar is not None:
                bar.close()
    for error in read_errors(results):
        print(error, file=sys.stderr)
    if args.write_baseline is not None:
        count = api.write_baseline(args.write_baseline, results)
        if not args.quiet:
            print(f"complint: recorded {count} findings in {args.write_baseline}", file=sys.stderr)
        # Everything found is recorded now, so nothing is new.
        results = [r.select([False] * len(r.findings)) for r in results]
    if known is not None:
        results = api.subtract_baseline(results, known, args.baseline)
    if args.fix or args.diff or args.fix_to is not None:
        try:
            results = _fix(args, results, ruleset, known)
        except api.UsageError as err:  # the file cannot take the changes: says why
            print(err, file=sys.stderr)
            return EXIT_USAGE
        if args.diff:
            return _exit(args, results)
    elif args.annotate is not None and results and results[0].error is None:
        try:
            api.write_comments(Path(args.paths[0]), results[0].findings, args.annotate)
        except api.UsageError as err:  # the file cannot take comments: says which and why
            print(err, file=sys.stderr)
            return EXIT_USAGE
    colour = args.output is None and _colour(sys.stdout)
    run = Run(
        results,
        ruleset.rules,
        fail_on=args.fail_on,
        colour=colour,
        summary=not args.quiet,
        show_source=args.show_source,
        lang=args.lang,
    )
    rendered = _render(args, run)
    if args.output is not None:
        api.write_atomically(args.output, rendered)
    elif args.format in MACHINE_FORMATS:
        _write_utf8(rendered)
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        sys.stdout.writelines(rendered)
    if args.statistics and args.format not in {"text", "concise"}:
        sys.stderr.write(_statistics(run))  # the machine output stays parseable
    _LAST.extend([run, rendered])
    return _exit(args, results)


def _exit(args: argparse.Namespace, results: Sequence[Result]) -> int:
    from compliance.output.summary import Summary, fails

    summary = Summary.of(results)
    if summary.unreadable == summary.files:  # nothing could be read, or nothing found
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if fails(results, args.fail_on) else EXIT_OK


def _warn(packs: Sequence[api.Pack]) -> None:
    """Deprecated spellings in rule files: one line each on stderr; the run goes on."""
    from compliance import api

    for warning in api.warnings_to_show(packs):
        print(f"complint: warning: {warning}", file=sys.stderr)


def _fix(
    args: argparse.Namespace,
    results: Sequence[Result],
    ruleset: api.RuleSet,
    known: Counter[tuple[str, str, str]] | None,
) -> Sequence[Result]:
    """--fix, --diff, --fix-to: the results as they remain (--fix), else as they are."""
    from compliance import api

    def keep(result: Result) -> Result:
        # A fixed text's findings go through what the run's first findings went through.
        result = api.ignore_per_path(result, ruleset)
        if known is not None:
            result = api.subtract_baseline([result], known, args.baseline)[0]
        return result

    if args.fix_to is not None:
        if results and results[0].error is None:
            counts = api.write_fixes_to(Path(args.paths[0]), results[0], ruleset, keep, args.fix_to)
            if not args.quiet:
                changes, comments = counts
                print(
                    f"complint: wrote {args.fix_to}: {_count(changes, 'tracked change')}, "
                    f"{_count(comments, 'comment')}",
                    file=sys.stderr,
                )
        return results
    remaining, fixed_files, notes = api.fix_results(results, ruleset, keep)
    for note in notes:
        print(f"complint: {note}", file=sys.stderr)
    applied = sum(f.applied for f in fixed_files)
    files = _count(len(fixed_files), "file")
    if args.diff:
        for fixed in fixed_files:
            _write_bytes(fixed.patch())
        if not args.quiet:
            fixes = f"{applied} fix" + ("" if applied == 1 else "es")
            print(f"complint: {fixes} in {files} (--fix applies them)", file=sys.stderr)
        return remaining
    for fixed in fixed_files:
        fixed.write()
    if not args.quiet:
        print(f"complint: fixed {_count(applied, 'finding')} in {files}", file=sys.stderr)
    return remaining


def _write_bytes(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", action="append", default=[], type=Path, metavar="PATH",
        help="an extra rule file or folder of rule files (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--no-bundled-rules", action="store_true", help="leave out the bundled packs"
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore complint.toml / [tool.complint]"
    )


def _packs(args: argparse.Namespace) -> tuple[list[api.Pack], Config] | None:
    """The packs and settings the lint command would use here (config and --rules)."""
    from dataclasses import replace

    from compliance import api

    try:
        file_config = _file_config(args.no_config)
        config = replace(
            file_config,
            rules=file_config.rules + tuple(args.rules),
            bundled=file_config.bundled and not args.no_bundled_rules,
        )
        packs = _load(config, file_config, None)
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return None
    _warn(packs)
    return packs, config


def _digest(path: Path) -> bytes | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


def check_rules_command(argv: Sequence[str]) -> int:
    parser = _Parser(
        prog="complint check-rules",
        description="Check that every rule's bad examples fire it and its good ones do not.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="rule files or folders")
    _rule_options(parser)
    args = parser.parse_args(argv)
    from dataclasses import replace

    from compliance import api

    args.rules = [*args.rules, *args.paths]
    loaded = _packs(args)
    if loaded is None:
        return EXIT_USAGE
    packs = loaded[0]
    if args.paths:
        # Bundled packs still provide the section roles; only the given rules are checked.
        # A given file may be a bundled pack (or a copy), loaded once under its first name.
        given = {_digest(f) for p in args.paths for f in api.rule_files(p)}
        packs = [p if _digest(Path(p.path)) in given else replace(p, rules=()) for p in packs]
    checked, failures = api.check_examples(packs, loaded[0])
    for failure in failures:
        print(failure)
    rules = sum(len(p.rules) for p in packs)
    if failures:
        print(f"{len(failures)} of {_count(checked, 'example')} of {_count(rules, 'rule')} failed.")
        return EXIT_FINDINGS
    print(f"All {_count(checked, 'example')} of {_count(rules, 'rule')} behave as stated.")
    return EXIT_OK


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def rules_command(argv: Sequence[str]) -> int:
    parser = _Parser(
        prog="complint rules",
        description="List the rules the project's configuration loads, with its severities.",
    )
    _rule_options(parser)
    args = parser.parse_args(argv)
    loaded = _packs(args)
    if loaded is None:
        return EXIT_USAGE
    packs, config = loaded
    listed: set[str] = set()
    for pack in packs:
        for r in pack.rules:
            if r.code not in listed:  # a rule's facets share one line
                listed.add(r.code)
                severity = config.severity.get(r.code, r.severity)
                print(f"{r.code:<7} {severity:<8} {pack.name:<16} {r.name:<28} {r.title}")
    return EXIT_OK


def rule_command(argv: Sequence[str]) -> int:
    parser = _Parser(prog="complint rule", description="Explain one rule.")
    parser.add_argument("code")
    _rule_options(parser)
    args = parser.parse_args(argv)
    from dataclasses import replace

    from compliance import api

    loaded = _packs(args)
    if loaded is None:
        return EXIT_USAGE
    packs, config = loaded
    found = [
        replace(r, severity=config.severity.get(r.code, r.severity))
        for p in packs
        for r in p.rules
        if r.code == args.code.upper()
    ]
    if not found:
        known = {r.code for p in packs for r in p.rules}
        hint = api.selection.nearest(args.code.upper(), known)
        near = f" (nearest: {', '.join(hint)})" if hint else ""
        print(f"complint: no rule {args.code}{near}; `complint rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(api.explain(found))
    return EXIT_OK


def serve_command(argv: Sequence[str]) -> int:
    """`complint serve`: the web page, from the optional `web` extra (imported only here)."""
    try:
        from compliance.web.serve import main as serve
    except ImportError as err:
        print(
            f"complint serve needs the web extra: pip install 'complint[web]' ({err.name} "
            "is not installed)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return serve(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check-rules": check_rules_command,
    "rules": rules_command,
    "rule": rule_command,
    "serve": serve_command,
}


def _show_deprecation(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    line: str | None = None,
) -> str:
    # A rule file's old spelling is one line naming the file, not a Python warning.
    from compliance.api import RuleFileDeprecation  # only a warning needs it

    if issubclass(category, RuleFileDeprecation):
        return f"complint: warning: {message}\n"
    return _format_warning(message, category, filename, lineno, line)


_format_warning = warnings.formatwarning


def _write_utf8(rendered: str | Iterable[str]) -> None:
    """Machine formats go out as UTF-8 whatever the console's encoding (cp1252, GBK …)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced sys.stdout without bytes underneath
        sys.stdout.writelines([rendered] if isinstance(rendered, str) else rendered)
        return
    sys.stdout.flush()
    for piece in [rendered] if isinstance(rendered, str) else rendered:
        # A path that is not valid Unicode (a lone surrogate) is written escaped.
        buffer.write(piece.encode("utf-8", "backslashreplace"))
    buffer.flush()


# The last run's rules and results, held past main's return: the command's process ends
# without freeing them one by one (compliance.__main__); a caller's next run replaces them.
_LAST: list[object] = []


def run() -> None:
    warnings.formatwarning = _show_deprecation
    # Text on a console that cannot show Chinese (cp1252, or PYTHONIOENCODING=ascii)
    # falls back to escapes instead of a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # Not through compliance.api, which would load the engine before `--version`: the
    # command's signal handling is the process's own (compliance.lifecycle).
    from compliance.lifecycle import run_command

    try:
        code = run_command(main)  # Ctrl-C and TERM: one line, no traceback
        sys.stdout.flush()
    except BrokenPipeError:
        # `complint rules | head`: the reader left. No traceback; stdout goes to devnull
        # so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 128 + 13  # as if killed by SIGPIPE, like other commands in a pipeline
    sys.exit(code)
