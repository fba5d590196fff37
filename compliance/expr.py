"""The match-expression language of rule files, parsed with pyparsing.

    leading_group | near("成立", "领导机构", 20) & !~"意识形态" | in(problems, /X{1,3}次/)

An expression is parsed once, when its pack is loaded, into a tree of small matchers;
documents are then only searched, never re-parsed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pyparsing as pp
from rapidfuzz.distance import Levenshtein

# -- what matchers search ------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Span:
    start: int  # offsets into Haystack.text, end exclusive
    end: int


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    roles: frozenset[str]


@dataclass(frozen=True)
class Haystack:
    text: str
    segments: tuple[Segment, ...] = ()  # sorted, non-overlapping


class Matcher(Protocol):
    def find(self, hay: Haystack) -> list[Span]: ...


def _union(*groups: list[Span]) -> list[Span]:
    return sorted({span for group in groups for span in group})


# -- matchers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """Every non-overlapping occurrence of one or more literal terms (a term list)."""

    pattern: re.Pattern[str]

    @classmethod
    def of(cls, terms: Sequence[str]) -> Literal:
        # Longest first, so 意识形态工作领导小组 is one match rather than 领导小组 inside it.
        ordered = sorted(set(terms), key=len, reverse=True)
        return cls(re.compile("|".join(re.escape(t) for t in ordered)))

    def find(self, hay: Haystack) -> list[Span]:
        return [Span(m.start(), m.end()) for m in self.pattern.finditer(hay.text)]


@dataclass(frozen=True)
class Regex:
    pattern: re.Pattern[str]

    def find(self, hay: Haystack) -> list[Span]:
        return [
            Span(m.start(), m.end()) for m in self.pattern.finditer(hay.text) if m.end() > m.start()
        ]


@dataclass(frozen=True)
class NearMiss:
    """A term exactly or with one character wrong, missing or extra (Levenshtein ≤ 1)."""

    terms: tuple[str, ...]

    def find(self, hay: Haystack) -> list[Span]:
        text = hay.text
        found: list[tuple[int, int, int, int, int]] = []  # (distance, ends, gap, start, end)
        for term in self.terms:
            found.extend(_near_misses(text, term))
        accepted: list[Span] = []
        # Exact matches first, then closer ones, so a near miss never hides an exact term.
        for *_, start, end in sorted(found):
            if all(end <= s.start or s.end <= start for s in accepted):
                accepted.append(Span(start, end))
        return sorted(accepted)


def _near_misses(text: str, term: str) -> list[tuple[int, int, int, int, int]]:
    # A one-edit variant keeps term[0] or term[1] at the window's first or second place,
    # so only windows near those characters need the (cheap) distance computation.
    heads = {term[0], term[1]}
    starts = {j for i, ch in enumerate(text) if ch in heads for j in (i - 1, i) if j >= 0}
    length = len(term)
    results = []
    for start in sorted(starts):
        best: tuple[int, int, int, int, int] | None = None
        for size in (length, length - 1, length + 1):
            end = start + size
            if end > len(text):
                continue
            window = text[start:end]
            if "\n" in window:
                continue
            distance = Levenshtein.distance(window, term, score_cutoff=1)
            if distance <= 1:
                # Of equally close windows, take the one aligned with the term's first
                # and last characters: 意识形形态 is one extra 形, not 意识形形 + 态.
                ends = (window[0] != term[0]) + (window[-1] != term[-1])
                candidate = (distance, ends, abs(size - length), start, end)
                if best is None or candidate < best:
                    best = candidate
        if best is not None:
            results.append(best)
    return results


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Matcher, ...]

    def find(self, hay: Haystack) -> list[Span]:
        return _union(*(p.find(hay) for p in self.parts))


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Matcher, ...]

    def find(self, hay: Haystack) -> list[Span]:
        groups = []
        for part in self.parts:
            spans = part.find(hay)
            if not spans:
                return []
            groups.append(spans)
        return _union(*groups)


@dataclass(frozen=True)
class Not:
    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        return [] if self.part.find(hay) else [Span(0, 0)]


@dataclass(frozen=True)
class Near:
    left: Matcher
    right: Matcher
    distance: int

    def find(self, hay: Haystack) -> list[Span]:
        rights = self.right.find(hay)
        if not rights:
            return []
        found = set()
        for a in self.left.find(hay):
            for b in rights:
                gap = max(b.start - a.end, a.start - b.end, 0)
                if gap <= self.distance:
                    found.add(Span(min(a.start, b.start), max(a.end, b.end)))
        return sorted(found)


@dataclass(frozen=True)
class InRole:
    role: str
    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        starts = [s.start for s in hay.segments]
        kept = []
        for span in self.part.find(hay):
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0:
                segment = hay.segments[i]
                if segment.start <= span.start < segment.end and self.role in segment.roles:
                    kept.append(span)
        return kept


# -- errors --------------------------------------------------------------------------------


class ExprSyntaxError(Exception):
    """A malformed expression: where (offset, line, column) and what was expected."""

    def __init__(self, source: str, offset: int, message: str, expected: str = "") -> None:
        if not source[offset:].strip():
            # At the end of the text, point just after the last token, not at trailing
            # blank lines: that is where the missing piece belongs.
            offset = len(source[:offset].rstrip())
        self.offset = offset
        self.line = source.count("\n", 0, offset) + 1
        self.column = offset - (source.rfind("\n", 0, offset) + 1) + 1
        self.expected = expected
        self.message = f"expected {expected}" if expected else message
        super().__init__(f"{self.line}:{self.column}: {self.message}")


class _Problem(pp.ParseFatalException):
    """Raised inside parse actions. pyparsing re-wraps it past an ErrorStop, so all that
    survives is the message: ours never start with "Expected", pyparsing's always do."""

    def __init__(self, source: str, loc: int, message: str, expected: str = "") -> None:
        super().__init__(source, loc, f"Expected {expected}" if expected else message)


# -- grammar -------------------------------------------------------------------------------

ATOM = 'a quoted term, a /regex/, a term-list name, "(" or "!"'
FUNCTIONS = ("any", "near", "in")
MIN_NEAR_MISS = 3


def _grammar(terms: Mapping[str, Sequence[str]]) -> pp.ParserElement:
    lpar, rpar, comma = (pp.Suppress(c) for c in "(),")
    rpar.set_name('")"')
    comma.set_name('","')
    quoted = pp.QuotedString('"', esc_char="\\").set_name("a quoted term")
    regex = pp.Regex(r"/(?:\\.|[^/\\\n])*/").set_name("a /regex/")
    name = pp.Regex(r"[A-Za-z_][A-Za-z0-9_-]*").set_name("a term-list name")
    number = pp.Regex(r"[0-9]+").set_name("a number")
    expr = pp.Forward()
    expr.set_name("an expression")

    def literal(s: str, loc: int, toks: pp.ParseResults) -> Matcher:
        if not toks[0]:
            raise _Problem(s, loc, "an empty term matches nothing", "a non-empty quoted term")
        return Literal.of([toks[0]])

    def pattern(s: str, loc: int, toks: pp.ParseResults) -> Matcher:
        body = toks[0][1:-1].replace("\\/", "/")
        try:
            return Regex(re.compile(body))
        except re.error as err:
            raise _Problem(s, loc, f"invalid regular expression: {err.msg}") from None

    def named(s: str, loc: int, toks: pp.ParseResults) -> Matcher:
        if toks[0] not in terms:
            raise _Problem(s, loc, f"unknown term list '{toks[0]}'")
        return Literal.of(terms[toks[0]])

    def near_miss(s: str, loc: int, toks: pp.ParseResults) -> Matcher:
        word = toks[1]
        is_list = "list" in toks
        words = terms.get(word, []) if is_list else [word]
        if is_list and word not in terms:
            raise _Problem(s, loc + 1, f"unknown term list '{word}'")
        short = [w for w in words if len(w) < MIN_NEAR_MISS]
        if short:
            raise _Problem(
                s,
                loc + 1,
                f"near-miss needs a term of at least {MIN_NEAR_MISS} characters ('{short[0]}')",
            )
        return NearMiss(tuple(words))

    def unknown(s: str, loc: int, toks: pp.ParseResults) -> Matcher:
        raise _Problem(s, loc, f"unknown function '{toks[0]}' (known: {', '.join(FUNCTIONS)})")

    def keyword(word: str) -> pp.ParserElement:
        return pp.Regex(word + r"(?=\s*\()").set_name(word)

    any_call = (keyword("any") + lpar - pp.DelimitedList(expr) + rpar).add_parse_action(
        lambda t: AnyOf(tuple(t[1:]))
    )
    distance_comma = pp.Suppress(",").set_name("', and a number of characters'")
    near_call = (
        keyword("near") + lpar - expr + comma - expr + distance_comma - number + rpar
    ).add_parse_action(lambda t: Near(t[1], t[2], int(t[3])))
    role = pp.Regex(r"[A-Za-z_][A-Za-z0-9_-]*").set_name("a role name such as problems")
    in_call = (keyword("in") + lpar - role + comma - expr + rpar).add_parse_action(
        lambda t: InRole(t[1], t[2])
    )
    other_call = pp.Regex(r"[A-Za-z_][A-Za-z0-9_-]*(?=\s*\()").add_parse_action(unknown)
    function_call = any_call | near_call | in_call | other_call
    tilde = (
        pp.Literal("~") - (quoted | name("list")).set_name("a quoted term or a term-list name")
    ).add_parse_action(near_miss)
    group = lpar - expr + rpar
    atom = (
        function_call
        | tilde
        | quoted.copy().add_parse_action(literal)
        | regex.copy().add_parse_action(pattern)
        | name.copy().add_parse_action(named)
        | group
    ).set_name(ATOM)
    negation = pp.Forward()
    negation.set_name(ATOM)
    negation <<= (
        (pp.Suppress("!") - negation).add_parse_action(lambda t: Not(t[0])) | atom
    ).set_name(ATOM)
    conjunction = (negation + pp.ZeroOrMore(pp.Suppress("&") - negation)).add_parse_action(
        lambda t: t[0] if len(t) == 1 else AllOf(tuple(t))
    )
    disjunction = (conjunction + pp.ZeroOrMore(pp.Suppress("|") - conjunction)).add_parse_action(
        lambda t: t[0] if len(t) == 1 else AnyOf(tuple(t))
    )
    expr <<= disjunction
    end = pp.StringEnd().set_name("an operator |, & or the end of the expression")
    grammar: pp.ParserElement = expr + end
    return grammar


def _unterminated(source: str, offset: int) -> str | None:
    """pyparsing reports an unclosed string or regex as 'expected an atom'; say what it is."""
    rest = source[offset:]
    if rest.startswith('"') and not re.match(r'"(?:\\.|[^"\\])*"', rest):
        return "a closing '\"' (unterminated quoted term)"
    if rest.startswith("/") and not re.match(r"/(?:\\.|[^/\\\n])*/", rest):
        return "a closing '/' (unterminated regex)"
    return None


def compile_expr(source: str, terms: Mapping[str, Sequence[str]] | None = None) -> Matcher:
    """Parse an expression once into a matcher tree, or raise ExprSyntaxError."""
    if not source.strip():
        raise ExprSyntaxError(source, 0, "", ATOM)
    try:
        result = _grammar(terms or {}).parse_string(source, parse_all=True)
    except pp.ParseBaseException as err:
        message = str(err.msg)
        if not message.startswith("Expected"):
            raise ExprSyntaxError(source, err.loc, message) from None
        expected = _unterminated(source, err.loc) or message.removeprefix("Expected").strip()
        raise ExprSyntaxError(source, err.loc, "", expected or ATOM) from None
    matcher: Matcher = result[0]
    return matcher
