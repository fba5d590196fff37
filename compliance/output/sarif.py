"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

The run lists the enabled rules under `tool.driver.rules` (one descriptor per code: a
rule's facets share it) and one result per finding. Columns count code points, declared
by `columnKind`; for a .docx the line is the paragraph number and `charOffset` counts in
the reading-order text (paragraphs joined by newlines), as everywhere else in complint.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from compliance.kinds.base import Rule
from compliance.model.findings import Finding, Severity
from compliance.output.json import ITEMS, indented
from compliance.output.result import Run
from compliance.packs.rulefile import default_rules_dir
from compliance.project import REPOSITORY, rule_help
from compliance.version import __version__

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def repository() -> str:
    from importlib import metadata  # slow to import; only SARIF output needs it

    try:
        urls = metadata.metadata("complint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"repository", "source", "source code"}:
            return url.strip().rstrip("/")
    return REPOSITORY


def _bundled(rule: Rule) -> bool:
    return Path(rule.source).resolve().parent == default_rules_dir().resolve()


def _uri(path: str) -> str:
    given = Path(path)
    if given.is_absolute():
        return given.as_uri()
    return quote(given.as_posix(), safe="/")


def _descriptor(rule: Rule, base: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description.strip() or rule.title},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"pack": rule.pack, "tags": [rule.pack]},
    }
    if _bundled(rule):  # only the bundled packs have pages in docs/rules/
        descriptor["helpUri"] = rule_help(rule.code, base)
    return descriptor


def _result(f: Finding, index: int, offset: int | None, mark: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if offset is not None:
        region["charOffset"] = offset
        region["charLength"] = len(f.text)
    if f.text:
        region["snippet"] = {"text": f.text}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}
        ],
        "properties": {"section": f.section, "suggestion": f.suggestion},
    }
    if f.fix is not None:
        result["fixes"] = [_fix(f)]
    if mark is not None:  # lets code scanning follow a finding across edits
        result["partialFingerprints"] = {"complint/v1": mark}
    return result


def _fix(f: Finding) -> dict[str, Any]:
    """A safe fix as SARIF states it: one replacement of the finding's characters."""
    assert f.fix is not None
    deleted = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.fix.start,
        "charLength": f.fix.end - f.fix.start,
    }
    return {
        "description": {"text": f"“{f.text}” → “{f.fix.replacement}”"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _uri(f.path)},
                "replacements": [
                    {"deletedRegion": deleted, "insertedContent": {"text": f.fix.replacement}}
                ],
            }
        ],
    }


def render(run: Run) -> Iterator[str]:
    """The log in pieces: one result at a time is built and written (output.json)."""
    results, rules = run.results, run.rules
    base = repository()
    descriptors: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    for rule in rules:
        if rule.code not in index_of:
            index_of[rule.code] = len(descriptors)
            descriptors.append(_descriptor(rule, base))
    notifications: list[dict[str, Any]] = []
    for result in results:  # one pass before the results' (each pass makes them again)
        for f in result.findings:
            if f.rule not in index_of:  # a result made with other rules than those given
                index_of[f.rule] = len(descriptors)
                descriptors.append({"id": f.rule, "name": f.name})
        if result.error is not None:
            uri = _uri(result.path)
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": str(result.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
    sarif_results = (
        _result(f, index_of[f.rule], f.offset if f.offset >= 0 else None, f.fingerprint or None)
        for result in results
        for f in result.findings
    )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "complint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": base,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [ITEMS],
            }
        ],
    }
    return indented(log, sarif_results)
