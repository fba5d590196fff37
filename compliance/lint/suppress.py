"""Suppressions: what reviewers accepted, set apart from what remains to be done.

Two sources, applied after every rule ran on a document:
- the report's own directives (compliance.model.directives): a reviewer's `complint: ignore
  CODES 理由` for one paragraph, a Word comment's range, or the whole file;
- the configuration's `allow` words: names and terms a unit accepts (its own place
  names, 市直), which no finding on them reports.
A suppressed finding is not dropped silently: results count it (`--statistics`, the JSON
summary). A directive that suppresses nothing, or gives no reason, is itself a finding
(the rules of kind `suppression`, like Ruff's RUF100), so stale ones do not pile up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from compliance.kinds.base import Rule, render_message
from compliance.model.document import Block, Document, Suppression
from compliance.model.findings import Finding

UNUSED = "unused"  # a directive code that suppressed nothing
NO_REASON = "no-reason"  # a directive without a reason, or one that cannot be read


@dataclass(frozen=True)
class Split:
    """Findings split into those reported and those suppressed."""

    kept: tuple[Finding, ...]  # what is reported: findings not accepted, and meta findings
    suppressed: tuple[Finding, ...]


def _covers(suppression: Suppression, f: Finding) -> bool:
    if suppression.covers is None:
        return True
    line, column, end_line, end_column = suppression.covers
    start, end = (f.line, f.column), (f.end_line, f.end_column)
    if start == end:  # a document-level finding, or an empty one: its point must lie inside
        return (line, column) <= start <= (end_line, end_column)
    return start < (end_line, end_column) and (line, column) < end


def _allowed(f: Finding, allow: Sequence[str], blocks: Mapping[int, list[Block]]) -> bool:
    """Whether the finding's characters lie inside an allowed word of its paragraph."""
    if not f.text:
        return False
    if f.text in allow:
        return True
    for block in blocks.get(f.line, ()):
        index = f.column - block.column
        if index < 0 or not block.text.startswith(f.text, index):
            continue
        for word in allow:
            at = block.text.find(word, max(0, index + len(f.text) - len(word)))
            while 0 <= at <= index:
                if index + len(f.text) <= at + len(word):
                    return True
                at = block.text.find(word, at + 1)
    return False


def split(
    document: Document,
    findings: Iterable[Finding],
    rules: Sequence[Rule],
    allow: Sequence[str] = (),
    known: Collection[str] = (),
) -> Split:
    """The findings reviewers did not accept, the meta findings, and those they did."""
    suppressions = document.suppressions
    if not suppressions and not allow:  # the usual file: nothing to set apart
        return Split(tuple(findings), ())
    by_line: dict[int, list[Block]] = {}
    if allow:
        for block in document.blocks:
            by_line.setdefault(block.line, []).append(block)
    used: list[set[str]] = [set() for _ in suppressions]
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in findings:
        hit = False
        for number, s in enumerate(suppressions):
            if f.rule in s.codes and _covers(s, f):
                used[number].add(f.rule)
                hit = True
        if hit or (allow and _allowed(f, allow, by_line)):
            suppressed.append(f)
        else:
            kept.append(f)
    kept.extend(_meta(document, rules, used, known))
    kept.sort(key=Finding.sort_key)
    return Split(tuple(kept), tuple(suppressed))


def _meta(
    document: Document, rules: Sequence[Rule], used: Sequence[set[str]], known: Collection[str]
) -> list[Finding]:
    """Findings about the directives themselves, from the enabled `suppression` rules.

    A code is unused when its rule ran and suppressed nothing, or when no loaded pack
    defines it (`known`, when given); a rule left out by --select cannot be judged.
    """
    meta = {str(r.options.get("problem")): r for r in rules if r.kind == "suppression"}
    ran = {r.code for r in rules}
    found: list[Finding] = []
    for s, codes in zip(document.suppressions, used, strict=True):
        problem = meta.get(NO_REASON)
        if problem is not None and (not s.codes or not s.reason):
            found.append(_finding(document, problem, s, s.text, 0))
        unused = meta.get(UNUSED)
        if unused is None:
            continue
        for code in s.codes:
            if (code in ran and code not in codes) or (known and code not in known):
                found.append(_finding(document, unused, s, code, s.text.upper().find(code)))
    return found


def _finding(document: Document, rule: Rule, s: Suppression, text: str, at: int) -> Finding:
    """A finding on `text`, found at index `at` of the directive's text (-1: the whole)."""
    column, end_column = s.column, s.end_column
    if at >= 0 and column + at + len(text) <= end_column:
        column, end_column = column + at, column + at + len(text)
    return Finding(
        path=document.path,
        line=s.line,
        column=column,
        end_line=s.line,
        end_column=end_column,
        rule=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=render_message(rule.message, text=text, suggestion=None),
        text=text,
        section="",
        # The directive is no block of the document, but has its place in the text.
        offset=s.offset + column - s.column if s.offset >= 0 else -1,
    )
