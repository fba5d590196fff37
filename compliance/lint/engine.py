"""The engine: a rule set, and its evaluation on one document. Nothing else.

Reading files, the process pool, the cache and per-path ignores belong to the runner
(compliance.lint.runner); the engine takes a Document and returns findings.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.config import Config, is_enabled
from compliance.constants import RULE_SECONDS
from compliance.digests import sha256
from compliance.kinds import KINDS
from compliance.kinds.base import Context, Rule
from compliance.match.matchers import DEADLINE, MatchTimeout
from compliance.match.pagenumbers import page_numbers_of
from compliance.match.script import simplified_twin
from compliance.match.terms import TermIndex
from compliance.model.document import Block, Document, block_starts
from compliance.model.findings import Finding
from compliance.model.outline import Outline, build_outline
from compliance.packs.rulefile import Pack

if TYPE_CHECKING:
    from compliance.match.lexicon import WordList  # imports the automata: type only


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules, with config applied, and the section-role synonyms of all packs."""

    rules: tuple[Rule, ...]
    roles: Mapping[str, tuple[str, ...]]
    period: str | None = None
    # Applied by the runner after linting (and after the cache), so they never change
    # what is cached.
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = None  # the folder per-path patterns are relative to
    exclude: tuple[str, ...] = ()  # what folder walks skip (readers.collection.anchor)
    allow: tuple[str, ...] = ()  # words findings never report (config `allow`)
    # Every code the packs define, enabled or not: a directive naming another is wrong.
    known: frozenset[str] = frozenset()

    @functools.cached_property
    def words(self) -> WordList | None:
        """jieba's word list as a compiled rule carries it (ST209's page numbers, from
        the pack cache): page numbers are told without reading the dictionary."""
        for rule in self.rules:
            words: WordList | None = rule.options.get("words")
            if words is not None:
                return words
        return None

    @functools.cached_property
    def terms(self) -> TermIndex:
        """Every exact term the rules look up, for one automaton pass per text."""
        # Each rule's terms as its pack keeps them, each once, in the rules' order.
        terms = dict.fromkeys(itertools.chain.from_iterable(r.literals for r in self.rules))
        return TermIndex(terms, distinct=True)

    @classmethod
    def from_packs(cls, packs: Sequence[Pack], config: Config | None = None) -> RuleSet:
        config = config or Config()
        roles: dict[str, tuple[str, ...]] = {}
        for pack in packs:
            for role, phrases in pack.roles.items():
                roles[role] = roles.get(role, ()) + phrases
        severity = config.severity
        rules = tuple(
            # A copy only where the config changes the severity: 60 copies of a rule's
            # 21 fields cost a one-file lint about 2 million instructions.
            dataclasses.replace(rule, severity=severity[rule.code])
            if rule.code in severity and severity[rule.code] != rule.severity
            else rule
            for pack in packs
            for rule in pack.rules
            if is_enabled(rule.code, config.select, config.ignore)
        )
        return cls(
            rules=rules,
            roles=roles,
            period=config.period,
            per_path_ignores=config.per_path_ignores,
            root=config.source.parent if config.source is not None else None,
            exclude=config.exclude,
            allow=config.allow,
            known=frozenset(rule.code for pack in packs for rule in pack.rules),
        )


class RuleTimeout(MatchTimeout):
    """A MatchTimeout that names the rule whose regular expression ran too long."""

    def __init__(self, code: str, cause: MatchTimeout) -> None:
        super().__init__(cause.pattern)
        self.code = code
        self.args = (f"rule {code}: {cause}",)


@dataclass(frozen=True)
class Limits:
    """Time limits of one file: each rule's budget per million characters of text, at
    least this much per file (a rule past it is skipped and named in the file's error;
    a rule needs about 0.1 s per million characters, so only a runaway one is stopped),
    and the whole file's (`--timeout`; the file is then that error)."""

    rule_seconds: float | None = RULE_SECONDS
    file_seconds: float | None = None


DEFAULT_LIMITS = Limits()


def read_through(document: Document, ruleset: RuleSet) -> tuple[Document, Outline]:
    """The document the rules read (its simplified twin when it is written in
    traditional characters as a whole) and its outline, page and chunk numbers told."""
    twin = simplified_twin(document)
    return twin, build_outline(twin, ruleset.roles, page_numbers_of(twin, ruleset.words))


def lint_document(
    document: Document,
    ruleset: RuleSet,
    outline: Outline | None = None,
    *,
    fingerprints: bool = False,
    budget: float | None = None,
    skipped: dict[str, str] | None = None,
) -> list[Finding]:
    """Every enabled rule on every report of `document`, sorted by place.

    Each finding carries its block and offset; with `fingerprints` also its baseline
    fingerprint (only SARIF, baselines and the result cache need them, and a big file
    has many findings). With `skipped`, a rule whose regular expression times out, or
    that uses more than `budget` seconds on this document in all, is left out (its
    findings dropped) and recorded there as code → reason; without, it raises
    RuleTimeout.
    """
    if outline is None:  # else the caller built it with read_through
        document, outline = read_through(document, ruleset)
    several = sum(not r.front_matter for r in outline.reports) > 1
    starts = block_starts(document)
    findings: list[Finding] = []
    spent: dict[str, float] = {}
    if budget is not None:  # per million characters: a big file is not a slow rule
        budget *= max(1.0, sum(len(b.text) for b in document.blocks) / 1_000_000)
    dropped: dict[str, str] = {} if skipped is None else skipped
    for position, report in enumerate(outline.reports, 1):
        found_here: list[Finding] = []
        prefix = ""
        if several and report.title is not None:
            prefix = report.title_text(document.blocks)
        context = Context(
            document,
            outline,
            report,
            prefix,
            ruleset.period,
            ruleset.terms,
            starts,
            position=position,
        )
        for rule in ruleset.rules:
            if report.front_matter and KINDS[rule.kind].whole_report:
                continue  # a preface or a table of contents owes no report's parts
            if rule.code in dropped:
                continue
            start = time.monotonic()
            used = spent.get(rule.code, 0.0)
            deadline = None if budget is None else start + budget - used
            token = DEADLINE.set(deadline)
            try:
                found = list(KINDS[rule.kind].check(rule, context))
            except RuleTimeout:
                raise
            except MatchTimeout as err:
                if skipped is None:
                    raise RuleTimeout(rule.code, err) from None
                over = deadline is not None and time.monotonic() >= deadline
                dropped[rule.code] = _over_budget(budget) if over else str(err)
                continue
            finally:
                DEADLINE.reset(token)
            spent[rule.code] = used + time.monotonic() - start
            if budget is not None and skipped is not None and spent[rule.code] > budget:
                dropped[rule.code] = _over_budget(budget)
                continue
            found_here.extend(found)
        kept = without_silenced(found_here, ruleset.rules, document)
        if outline.links is not None:
            kept = without_site_links(kept, ruleset.rules, outline.links)
        findings.extend(without_deferred(kept, ruleset.rules))
        report.forget()  # its per-block caches: memory follows one report, not the file
    if dropped:
        findings = [f for f in findings if f.rule not in dropped]
    # dict.fromkeys, not set: findings at the same place keep the order the rules gave
    # them, the same in every process (a set's order follows the per-process str hash).
    ordered = sorted(dict.fromkeys(findings), key=Finding.sort_key)
    if fingerprints:
        ordered = [with_fingerprint(document, f) for f in ordered]
    return ordered


# A copy's number after its title or before it (篇1, （三篇）, 第2篇, 篇二, 范文3): the site's
# numbering of the copies it holds, on a line whose title is the report's own.
_COPY_NUMBER = re.compile(
    r"[（(【\[]?(?:第?(?:\d{1,2}|[一二两三四五六七八九十]{1,3})篇|篇[ \t]*(?:\d{1,2}|"
    r"[一二三四五六七八九十]{1,3})|范文(?:\d{1,2}|[一二三四五六七八九十]{1,3}))[）)】\]]?"
    r"(?:范文|精选|合集|大全)?\d{0,2}"
)

# Characters: a site's notice, button or field line is short; a paragraph of the report
# with a page number or an annotation left inside is not silenced.
SILENCED_LINE = 80


def without_silenced(
    found: Sequence[Finding], rules: Sequence[Rule], document: Document
) -> list[Finding]:
    """`found` without what a short line's residue silences: a line a rule with
    `silences` reports (ST209: a site's notice, button or field line) is deleted as a
    whole, so the spacing and punctuation the silenced codes would report on it are
    noise (a notice's straight quotes, a menu's spaces)."""
    silencing = {r.code: frozenset(r.options.get("silences", ())) for r in rules}
    keeping = {r.code: frozenset(r.options.get("numbering_keeps", ())) for r in rules}
    wholly = {r.code: frozenset(r.options.get("silences_whole_line", ())) for r in rules}
    quiet: dict[int, frozenset[str]] = {}
    spans: list[tuple[int, Span, frozenset[str]]] = []
    inside: list[tuple[int, Span, frozenset[str]]] = []
    for f in found:
        codes = silencing.get(f.rule)
        if not codes or not 0 <= f.block < len(document.blocks):
            continue
        if f.text.strip().isdigit():
            continue  # a page number opening a line of the report's text: only it is residue
        if _COPY_NUMBER.fullmatch(f.text.strip()):
            codes = codes - keeping[f.rule]  # 街道街道…总结篇1: the title is the report's
        block = document.blocks[f.block]
        line = block.text.strip()
        if _PINYIN.fullmatch(f.text):
            # A text annotated throughout (意識(shí)形態(tài)): ST209 reports the paragraph's
            # first annotation; what the other codes read across any of them is noise.
            spans.extend((f.block, s, codes) for s in _annotations(block))
            if _annotated(line):
                continue  # a short line annotated throughout is text, not a site's line
        if len(line) <= SILENCED_LINE:
            if f.text.strip() == line:  # the whole line is residue (a file name ….docx)
                codes = codes | wholly[f.rule]
            else:  # what lies inside the residue goes with it (…小编为您推荐20xx年度…范文)
                inside.append((f.block, _span(f), wholly[f.rule]))
            quiet[f.block] = quiet.get(f.block, frozenset()) | codes
        else:  # in a paragraph of the text, only what touches the residue is noise
            spans.append((f.block, _span(f), codes))
    if not quiet and not spans:
        return list(found)
    return [
        f
        for f in found
        if f.rule not in quiet.get(f.block, frozenset())
        and not any(
            block == f.block and f.rule in codes and _overlap(span, _span(f))
            for block, span, codes in spans
            if not _doubled_across(f.text)
        )
        and not any(
            block == f.block
            and f.rule in codes
            and span[0] <= _span(f)[0] <= _span(f)[1] <= span[1]
            for block, span, codes in inside
        )
    ]


def _annotated(line: str) -> bool:
    """Whether a line carries pinyin annotations after several of its characters (a copy
    annotated throughout: 學(xué)習(xí)黨章), not one annotation a site's line happens to hold."""
    return len(_PINYIN.findall(line)) >= 2


def _doubled_across(text: str) -> bool:
    """Whether `text` is a unit written twice with pinyin annotations between
    (國（guó）國): the text's own doubling, read without them, not a reading broken by one."""
    if not _PINYIN.search(text):
        return False
    bare = _PINYIN.sub("", text)
    half = len(bare) // 2
    return len(bare) > 1 and len(bare) % 2 == 0 and bare[:half] == bare[half:]


Span = tuple[tuple[int, int], tuple[int, int]]


def _span(f: Finding) -> Span:
    return (f.line, f.column), (f.end_line, f.end_column)


def _overlap(a: Span, b: Span) -> bool:
    """Whether two spans share a character, or touch (a misspelling read across a site's
    brand left in a sentence: 示范担保网|意识形态; a term broken by a pinyin annotation:
    鄉(xiāng)|村振興)."""
    return a[0] <= b[1] and b[0] <= a[1]


# A pinyin annotation after a character (the tone mark makes it pinyin, not a bracket).
# An annotation, or one whose opening bracket a copy turned into a question mark with the
# character before it (人民日?qǐng)?bào)社論: 報 lost to a wrong encoding).
_PINYIN = re.compile(r"[(（?？][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def _annotations(block: Block) -> list[Span]:
    """The pinyin annotations on a block's first line, as spans of finding places."""
    first = block.text.split("\n", 1)[0]
    return [
        ((block.line, block.column + m.start()), (block.line, block.column + m.end()))
        for m in _PINYIN.finditer(first)
    ]


def without_site_links(
    found: Sequence[Finding], rules: Sequence[Rule], links: int
) -> list[Finding]:
    """`found` without what rules other than the residue rules (`in_site_links`) report
    under a site's related links (the block `links` heads): the link titles are the
    site's other pages, not the report's text."""
    residue = {r.code for r in rules if r.options.get("in_site_links", False)}
    return [f for f in found if f.block <= links or f.rule in residue]


def without_deferred(found: Sequence[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """`found` without a finding whose rule `defers_to` a code that reports the very same
    characters: PF402 on 四个自性 when TX302 reports it as a misspelling of 四个自信 (a
    spun synonym, 四个自决, only PF402 sees). Only the rules run decide: with `--select
    PF402` alone, PF402 reports it."""
    deferring = {r.code: frozenset(r.options.get("defers_to", ())) for r in rules}
    if not any(deferring.values()):
        return list(found)
    at: dict[tuple[int, int, int, int], set[str]] = {}
    for f in found:
        at.setdefault((f.line, f.column, f.end_line, f.end_column), set()).add(f.rule)
    return [
        f
        for f in found
        if not deferring.get(f.rule)
        or not deferring[f.rule] & at[(f.line, f.column, f.end_line, f.end_column)]
    ]


def _over_budget(budget: float | None) -> str:
    return f"it ran over its {budget:.0f} s budget on this file (--rule-timeout)"


def skipped_rules(skipped: Mapping[str, str]) -> str:
    """The reason of a file's error naming the rules left out, and why."""
    reasons = "; ".join(f"rule {code} skipped: {why}" for code, why in skipped.items())
    return f"{reasons}; the other rules' findings are reported"


# Characters on each side of a finding that identify it in a baseline: enough to tell
# two occurrences of the same placeholder apart, few enough to survive nearby edits.
CONTEXT = 8


def fingerprint(rule: str, text: str, before: str, after: str) -> str:
    data = "\0".join((rule, text, before, after)).encode("utf-8")
    return sha256(data).hexdigest()[:20]


def with_fingerprint(document: Document, f: Finding) -> Finding:
    """`f` with its fingerprint: its rule, text and the characters around it."""
    if not 0 <= f.block < len(document.blocks):  # a finding not placed on a block
        return dataclasses.replace(f, fingerprint=fingerprint(f.rule, f.text, f.message, ""))
    block = document.blocks[f.block]
    start = max(0, f.column - block.column)
    end = start + len(f.text)
    before = block.text[max(0, start - CONTEXT) : start]
    after = block.text[end : end + CONTEXT]
    return dataclasses.replace(f, fingerprint=fingerprint(f.rule, f.text, before, after))
