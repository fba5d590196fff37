"""The `complint` command: a thin shell over the engine."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from compliance import __version__, baseline, progress
from compliance.cache import CACHE_DIR, Cache
from compliance.checkrules import check_examples
from compliance.config import Config, find_config, load_config, split_codes
from compliance.document import Document, ReadError
from compliance.engine import FileResult, RuleSet, default_jobs, lint_paths
from compliance.explain import explain
from compliance.findings import SEVERITIES
from compliance.output import concise, github, jsonlines, junit, sarif, statistics, write_atomically
from compliance.output import json as json_output
from compliance.output import text as text_output
from compliance.output.summary import Summary, fails
from compliance.progress import Bar
from compliance.readers import read_document
from compliance.rulefile import (
    Pack,
    RuleFileError,
    default_rules_dir,
    load_packs,
    rule_files,
    warnings_to_show,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


FORMATS = ("text", "concise", "json", "json-lines", "sarif", "junit", "github", "html")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complint",
        description="Lint Chinese official reports (意识形态工作总结 …) against rule packs.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".txt, .md or .docx files, folders, or glob patterns (quoted: 'reports/**/*.docx')",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
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
        default=default_jobs(),
        metavar="N",
        help="files linted in parallel processes (default: the CPU count)",
    )
    runs.add_argument("--no-cache", action="store_true", help="check every file again")
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
    parser.add_argument("--version", action="version", version=f"complint {__version__}")
    return parser


def _config(args: argparse.Namespace) -> Config:
    config = Config()
    if not args.no_config:
        found = find_config(Path.cwd())
        if found is not None:
            config = load_config(found)
    select = split_codes(args.select) or config.select
    ignore = config.ignore + split_codes(args.ignore)
    return replace(
        config,
        select=select,
        ignore=ignore,
        rules=config.rules + tuple(args.rules),
        period=args.period or config.period,
    )


def _colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _cache(args: argparse.Namespace, config: Config, ruleset: RuleSet) -> Cache | None:
    if args.no_cache:
        return None
    folder = args.cache_dir or (
        Path(os.environ["COMPLINT_CACHE_DIR"])
        if os.environ.get("COMPLINT_CACHE_DIR")
        else (config.source.parent if config.source else Path.cwd()) / CACHE_DIR
    )
    return Cache.open(folder, ruleset)


def _documents(results: Sequence[FileResult], every: bool) -> dict[str, Document]:
    """The documents behind `results` (those with findings unless `every`), read again."""
    documents: dict[str, Document] = {}
    for result in results:
        if result.error is None and (every or result.findings):
            try:
                documents[result.path] = read_document(Path(result.path), result.path)
            except (ReadError, OSError):
                continue  # changed since it was linted: shown without its source
    return documents


def _render(
    args: argparse.Namespace, results: Sequence[FileResult], ruleset: RuleSet, colour: bool
) -> str | Iterable[str]:
    fmt: str = args.format
    if fmt == "json":
        return json_output.chunks(results)  # written as it is made: an archive's JSON is big
    if fmt == "json-lines":
        return jsonlines.render(results)
    if fmt == "sarif":
        return sarif.render(results, ruleset.rules)
    if fmt == "junit":
        return junit.render(results, args.fail_on)
    if fmt == "github":
        return github.render(results)
    if fmt == "html":
        from compliance.output import html

        return html.render(results, _documents(results, every=True), ruleset.rules)
    if args.statistics:
        return statistics.render(results)
    if fmt == "concise":
        return concise.render(results, summary=not args.quiet)
    sources = _documents(results, every=False) if args.show_source else None
    return text_output.render(results, colour=colour, sources=sources, summary=not args.quiet)


def _annotate_usage(args: argparse.Namespace) -> str | None:
    if args.annotate is None:
        return None
    if len(args.paths) != 1 or Path(args.paths[0]).suffix.lower() != ".docx":
        return "--annotate needs exactly one .docx file to lint"
    if not Path(args.paths[0]).is_file():
        return f"{args.paths[0]}: no such file"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in COMMANDS:
        return COMMANDS[arguments[0]](arguments[1:])
    parser = _parser()
    args = parser.parse_args(arguments)
    problem = _annotate_usage(args)
    if problem is not None:
        parser.error(problem)
    try:
        config = _config(args)
        packs = load_packs([default_rules_dir(), *config.rules])
        known = baseline.load(args.baseline) if args.baseline is not None else None
    except (RuleFileError, baseline.BaselineError) as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    _warn(packs)
    ruleset = RuleSet.from_packs(packs, config)
    bar = Bar(sys.stderr) if progress.wanted(sys.stderr, args.quiet) else None
    try:
        results = lint_paths(
            args.paths,
            ruleset,
            jobs=args.jobs,
            cache=_cache(args, config, ruleset),
            progress=bar,
            anchors=args.format == "sarif" or known is not None or args.write_baseline is not None,
        )
    finally:
        if bar is not None:
            bar.close()
    for result in results:
        if result.error is not None:
            print(result.error, file=sys.stderr)
    if args.write_baseline is not None:
        count = baseline.write(args.write_baseline, results)
        if not args.quiet:
            print(f"complint: recorded {count} findings in {args.write_baseline}", file=sys.stderr)
        # Everything found is recorded now, so nothing is new.
        results = [r.select([False] * len(r.findings)) for r in results]
    if known is not None:
        results = baseline.subtract(results, known, args.baseline)
    if args.annotate is not None and results and results[0].error is None:
        from compliance.word_comments import write_annotated  # only --annotate needs it

        write_annotated(Path(args.paths[0]), results[0].findings, args.annotate)
    colour = args.output is None and _colour(sys.stdout)
    rendered = _render(args, results, ruleset, colour)
    if args.output is not None:
        write_atomically(args.output, rendered)
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        sys.stdout.writelines(rendered)
    if args.statistics and args.format not in {"text", "concise"}:
        sys.stderr.write(statistics.render(results))  # the machine output stays parseable
    summary = Summary.of(results)
    if summary.unreadable == summary.files:  # nothing could be read, or nothing found
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if fails(results, args.fail_on) else EXIT_OK


def _warn(packs: Sequence[Pack]) -> None:
    """Deprecated spellings in rule files: one line each on stderr; the run goes on."""
    for warning in warnings_to_show(packs):
        print(f"complint: warning: {warning}", file=sys.stderr)


def _packs(extra: Sequence[Path] = ()) -> list[Pack] | None:
    try:
        packs = load_packs([default_rules_dir(), *extra])
    except RuleFileError as err:
        print(f"complint: {err}", file=sys.stderr)
        return None
    _warn(packs)
    return packs


def check_rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="complint check-rules",
        description="Check that every rule's bad examples fire it and its good ones do not.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="rule files or folders")
    args = parser.parse_args(argv)
    packs = _packs(args.paths)
    if packs is None:
        return EXIT_USAGE
    if args.paths:
        # Bundled packs still provide the section roles; only the given rules are checked.
        given = {str(f) for p in args.paths for f in rule_files(p)}
        packs = [p for p in packs if p.path in given] + [
            replace(p, rules=()) for p in packs if p.path not in given
        ]
    checked, failures = check_examples(packs)
    for failure in failures:
        print(failure)
    rules = sum(len(p.rules) for p in packs)
    if failures:
        print(f"{len(failures)} of {checked} examples of {rules} rules failed.")
        return EXIT_FINDINGS
    print(f"All {checked} examples of {rules} rules behave as stated.")
    return EXIT_OK


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="complint rules", description="List the rules.")
    parser.add_argument("--rules", action="append", default=[], type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    packs = _packs(args.rules)
    if packs is None:
        return EXIT_USAGE
    listed: set[str] = set()
    for pack in packs:
        for r in pack.rules:
            if r.code not in listed:  # a rule's facets share one line
                listed.add(r.code)
                print(f"{r.code:<7} {r.severity:<8} {pack.name:<16} {r.name:<28} {r.title}")
    return EXIT_OK


def rule_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="complint rule", description="Explain one rule.")
    parser.add_argument("code")
    parser.add_argument("--rules", action="append", default=[], type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    packs = _packs(args.rules)
    if packs is None:
        return EXIT_USAGE
    found = [r for p in packs for r in p.rules if r.code == args.code.upper()]
    if not found:
        print(f"complint: no rule {args.code}; `complint rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain(found))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check-rules": check_rules_command,
    "rules": rules_command,
    "rule": rule_command,
}


def run() -> None:
    sys.exit(main())
