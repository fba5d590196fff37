"""The `complint` command: a thin shell over the engine."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from compliance import __version__
from compliance.checkrules import check_examples
from compliance.config import Config, find_config, load_config, split_codes
from compliance.engine import RuleSet, lint_paths
from compliance.explain import explain
from compliance.output import json as json_output
from compliance.output import text as text_output
from compliance.output.summary import Summary
from compliance.rulefile import Pack, RuleFileError, default_rules_dir, load_packs, rule_files

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complint",
        description="Lint Chinese official reports (意识形态工作总结 …) against rule packs.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt, .md or .docx files or folders"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
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
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when errors are found"
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


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in COMMANDS:
        return COMMANDS[arguments[0]](arguments[1:])
    args = _parser().parse_args(arguments)
    try:
        config = _config(args)
        packs = load_packs([default_rules_dir(), *config.rules])
    except RuleFileError as err:
        print(f"complint: {err}", file=sys.stderr)
        return EXIT_USAGE
    ruleset = RuleSet.from_packs(packs, config)
    results = lint_paths(args.paths, ruleset)
    for result in results:
        if result.error is not None:
            print(result.error, file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(json_output.render(results))
    else:
        sys.stdout.write(text_output.render(results, colour=_colour(sys.stdout)))
    summary = Summary.of(results)
    if summary.unreadable == summary.files:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if summary.errors or summary.unreadable else EXIT_OK


def _packs(extra: Sequence[Path] = ()) -> list[Pack] | None:
    try:
        return load_packs([default_rules_dir(), *extra])
    except RuleFileError as err:
        print(f"complint: {err}", file=sys.stderr)
        return None


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
