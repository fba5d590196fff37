"""The `complint` command: a thin shell over compliance.api and the output registry."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from compliance import api
from compliance.config import Config, split_codes
from compliance.output import FORMATS, progress, renderer
from compliance.output.result import Run
from compliance.output.summary import Summary, fails

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


# --statistics is a flag, not a --format: it replaces the text listing.
CHOICES = tuple(name for name in FORMATS if name != "statistics")


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
        help="report files (.txt .md .docx .docm .dotx .dotm .pdf, .doc/.wps through LibreOffice),"
        " folders, or glob patterns (quoted: 'reports/**/*.docx')",
    )
    parser.add_argument("--format", choices=CHOICES, default="text", help="output format")
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
        choices=api.SEVERITIES,
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
        default=api.default_jobs(),
        metavar="N",
        help="files linted in parallel processes (default: the CPU count)",
    )
    runs.add_argument("--no-cache", action="store_true", help="check every file again")
    runs.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help=f"where results are cached (default: {api.CACHE_DIR} beside the config, else here)",
    )
    parser.add_argument(
        "--annotate",
        type=Path,
        metavar="OUT.docx",
        help="write a copy of the single .docx input with the findings as Word comments",
    )
    parser.add_argument("--version", action="version", version=f"complint {api.__version__}")
    return parser


def _config(args: argparse.Namespace) -> Config:
    config = Config() if args.no_config else api.discover_config(Path.cwd())
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


def _cache_dir(args: argparse.Namespace, config: Config) -> Path | None:
    if args.no_cache:
        return None
    return args.cache_dir or (
        Path(os.environ["COMPLINT_CACHE_DIR"])
        if os.environ.get("COMPLINT_CACHE_DIR")
        else (config.source.parent if config.source else Path.cwd()) / api.CACHE_DIR
    )


def _render(args: argparse.Namespace, run: Run) -> str | Iterable[str]:
    fmt: str = args.format
    if args.statistics and fmt in {"text", "concise"}:
        fmt = "statistics"
    return renderer(fmt)(run)


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
        ruleset = api.load_rules(config=config)
        known = api.load_baseline(args.baseline) if args.baseline is not None else None
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    bar = progress.Bar(sys.stderr) if progress.wanted(sys.stderr, args.quiet) else None
    fingerprints = args.format == "sarif" or known is not None or args.write_baseline is not None
    try:
        results = api.run_files(
            args.paths,
            ruleset,
            jobs=args.jobs,
            cache_dir=_cache_dir(args, config),
            progress=bar,
            fingerprints=fingerprints,
            # The formats that show the source get the documents the run read.
            documents=args.format == "html" or (args.format == "text" and args.show_source),
        )
    finally:
        if bar is not None:
            bar.close()
    for result in results:
        if result.error is not None:
            print(result.error, file=sys.stderr)
    if args.write_baseline is not None:
        count = api.write_baseline(args.write_baseline, results)
        if not args.quiet:
            print(f"complint: recorded {count} findings in {args.write_baseline}", file=sys.stderr)
        # Everything found is recorded now, so nothing is new.
        results = [r.select([False] * len(r.findings)) for r in results]
    if known is not None:
        results = api.subtract_baseline(results, known, args.baseline)
    if args.annotate is not None and results and results[0].error is None:
        try:
            api.write_comments(Path(args.paths[0]), results[0].findings, args.annotate)
        except api.UsageError as err:
            print(f"complint: {err}", file=sys.stderr)
            return EXIT_USAGE
    colour = args.output is None and _colour(sys.stdout)
    run = Run(
        results,
        ruleset.rules,
        fail_on=args.fail_on,
        colour=colour,
        summary=not args.quiet,
        show_source=args.show_source,
    )
    rendered = _render(args, run)
    if args.output is not None:
        api.write_atomically(args.output, rendered)
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        sys.stdout.writelines(rendered)
    if args.statistics and args.format not in {"text", "concise"}:
        sys.stderr.write(_statistics(run))  # the machine output stays parseable
    summary = Summary.of(results)
    if summary.unreadable == summary.files:  # nothing could be read, or nothing found
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if fails(results, args.fail_on) else EXIT_OK


def _statistics(run: Run) -> str:
    rendered = renderer("statistics")(run)
    return rendered if isinstance(rendered, str) else "".join(rendered)


def check_rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="complint check-rules",
        description="Check that every rule's bad examples fire it and its good ones do not.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="rule files or folders")
    args = parser.parse_args(argv)
    try:
        checked, failures, rules = api.check_rule_examples(args.paths)
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    for failure in failures:
        print(failure)
    if failures:
        print(f"{len(failures)} of {checked} examples of {rules} rules failed.")
        return EXIT_FINDINGS
    print(f"All {checked} examples of {rules} rules behave as stated.")
    return EXIT_OK


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="complint rules", description="List the rules.")
    parser.add_argument("--rules", action="append", default=[], type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    try:
        rules = api.rules_of(args.rules)
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    listed: set[str] = set()
    for r in rules:
        if r.code not in listed:  # a rule's facets share one line
            listed.add(r.code)
            print(f"{r.code:<7} {r.severity:<8} {r.pack:<16} {r.name:<28} {r.title}")
    return EXIT_OK


def rule_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="complint rule", description="Explain one rule.")
    parser.add_argument("code")
    parser.add_argument("--rules", action="append", default=[], type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    try:
        page = api.explain_rule(args.code, args.rules)
    except api.ComplintError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    if page is None:
        print(f"complint: no rule {args.code}; `complint rules` lists them", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(page)
    return EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check-rules": check_rules_command,
    "rules": rules_command,
    "rule": rule_command,
}


def run() -> None:
    sys.exit(main())
