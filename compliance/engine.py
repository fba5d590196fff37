"""The engine: run every enabled rule of the loaded packs over a document's reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.config import Config, is_enabled
from compliance.document import Document, ReadError
from compliance.findings import Finding
from compliance.kinds import KINDS
from compliance.kinds.base import Context, Rule
from compliance.outline import build_outline
from compliance.readers import SUPPORTED_SUFFIXES, read_document
from compliance.rulefile import Pack


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules, with config applied, and the section-role synonyms of all packs."""

    rules: tuple[Rule, ...]
    roles: Mapping[str, tuple[str, ...]]
    period: str | None = None

    @classmethod
    def from_packs(cls, packs: Sequence[Pack], config: Config | None = None) -> RuleSet:
        config = config or Config()
        roles: dict[str, tuple[str, ...]] = {}
        for pack in packs:
            for role, phrases in pack.roles.items():
                roles[role] = roles.get(role, ()) + phrases
        rules = tuple(
            dataclasses.replace(rule, severity=config.severity.get(rule.code, rule.severity))
            for pack in packs
            for rule in pack.rules
            if is_enabled(rule.code, config.select, config.ignore)
        )
        return cls(rules=rules, roles=roles, period=config.period)


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None


def lint_document(document: Document, ruleset: RuleSet) -> list[Finding]:
    outline = build_outline(document, ruleset.roles)
    several = len(outline.reports) > 1
    findings: list[Finding] = []
    for report in outline.reports:
        prefix = ""
        if several and report.title is not None:
            prefix = document.blocks[report.title].text.strip()
        context = Context(document, outline, report, prefix, ruleset.period)
        for rule in ruleset.rules:
            findings.extend(KINDS[rule.kind].check(rule, context))
    return sorted(set(findings), key=Finding.sort_key)


def lint_file(path: Path, ruleset: RuleSet, display: str | None = None) -> FileResult:
    shown = display or str(path)
    try:
        document = read_document(path, shown)
    except ReadError as err:
        return FileResult(shown, error=str(err))
    return FileResult(shown, tuple(lint_document(document, ruleset)))


def collect(paths: Iterable[str]) -> list[tuple[Path, str] | FileResult]:
    """Files to lint, in the order given; folders recurse over supported suffixes.

    A path that does not exist becomes a FileResult with its error, so the run goes on.
    """
    found: list[tuple[Path, str] | FileResult] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if (
                    file.is_file()
                    and file.suffix.lower() in SUPPORTED_SUFFIXES
                    and not file.name.startswith(("~$", "."))
                ):
                    found.append((file, str(file)))
        elif path.is_file():
            found.append((path, given))
        else:
            found.append(FileResult(given, error=f"{given}: no such file or directory"))
    return found


def lint_paths(paths: Iterable[str], ruleset: RuleSet) -> list[FileResult]:
    return [
        item if isinstance(item, FileResult) else lint_file(item[0], ruleset, item[1])
        for item in collect(paths)
    ]
