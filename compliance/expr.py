"""The match-expression language of rule files, parsed with pyparsing.

    leading_group | near("成立", "领导机构", 20) & !~"意识形态" | in(problems, /X{1,3}次/)

An expression is parsed once, when its pack is loaded, into a tree of small matchers;
documents are then only searched, never re-parsed. The grammar itself is built once, at
import: its parse actions return *builders* that receive the pack's term lists, so one
grammar serves every pack and an unknown name is still reported at the name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pyparsing as pp
import regex
from rapidfuzz.distance import Levenshtein

Terms = Mapping[str, Sequence[str]]  # a pack's named term lists

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
    segments: tuple[Segment, ...] = ()  # sorted, non-overlapping; text outside has no role


class Matcher(Protocol):
    def find(self, hay: Haystack) -> list[Span]:
        """Every match, sorted by (start, end), without duplicates; [] means false."""
        ...


# -- errors --------------------------------------------------------------------------------


class ExprSyntaxError(Exception):
    """A malformed expression: where (offset, line, column) and what was expected."""

    def __init__(self, source: str, offset: int, expected: str, message: str = "") -> None:
        if not source[offset:].strip():
            # At the end of the text, point just after the last token rather than at
            # trailing blank lines: that is where the missing piece belongs.
            offset = len(source[:offset].rstrip())
        self.offset = offset  # 0-based, into the expression's source
        self.line = source.count("\n", 0, offset) + 1
        self.column = offset - (source.rfind("\n", 0, offset) + 1) + 1
        self.expected = expected
        self.message = message or f"expected {expected}"
        super().__init__(f"{self.line}:{self.column}: {self.message}")


class _Fail(pp.ParseSyntaxException):
    """A mistake found by a parse action or a builder, in the author's words. (A syntax
    exception, because pyparsing re-raises those unchanged past an ErrorStop `-`.)"""

    def __init__(self, source: str, loc: int, expected: str, message: str = "") -> None:
        super().__init__(source, loc, message or f"expected {expected}")
        self.expected = expected
        self.message = message


# -- grammar -------------------------------------------------------------------------------

#   expr   := and ("|" and)*
#   and    := not ("&" not)*
#   not    := "!" not | atom
#   atom   := "term" | /regex/ | name | ~"term" | ~name | "(" expr ")"
#           | any(expr, ...) | near(expr, expr, N) | in(role, expr)
#
# "-" (pyparsing's ErrorStop) follows every point after which the construct is certain,
# so a mistake is reported where it is, not where backtracking gave up.

ATOM = 'a quoted term, a /regex/, a term-list name, "(" or "!"'
END = "an operator |, & or end of expression"
DISTANCE = "', and a number of characters'"
FUNCTIONS = ("any", "near", "in")
MIN_NEAR_MISS = 3  # a one-edit variant of a 2-character word matches half the language
IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_-]*"

Build = Callable[[Terms], Matcher]  # what every parse action returns
_PHRASES: set[str] = set()  # every expected-phrase we wrote; pyparsing's own are not shown


def _named(element: pp.ParserElement, phrase: str) -> pp.ParserElement:
    _PHRASES.add(phrase)
    return element.set_name(phrase)


def _function(name: str) -> pp.ParserElement:
    # Only a name directly followed by "(" is a call, so a term list may be called "any".
    return pp.Regex(name + r"(?=\s*\()")


def _grammar() -> pp.ParserElement:
    lpar = _named(pp.Suppress("("), '"("')
    rpar = _named(pp.Suppress(")"), '")"')
    comma = _named(pp.Suppress(","), '","')
    more = _named(pp.Suppress(")"), '"," or ")"')  # after an any() argument
    quoted = pp.Regex(r'"(?:\\.|[^"\\\n])*"')
    regex = pp.Regex(r"/(?:\\.|[^/\\\n])*/")
    # An opening quote or slash that the patterns above did not close.
    open_quote = pp.Literal('"').add_parse_action(_unterminated("quoted term", '"'))
    open_slash = pp.Literal("/").add_parse_action(_unterminated("regex", "/"))
    name = pp.Regex(IDENTIFIER)
    number = _named(pp.Regex(r"[0-9]+(?![\w.])"), "a whole number of characters, such as 10")
    role = _named(pp.Regex(IDENTIFIER), "a section role, such as problems")
    expr = pp.Forward()

    any_call = (
        _function("any") + lpar - expr + pp.ZeroOrMore(comma - expr) + more
    ).add_parse_action(lambda t: _either(t[1:]))
    near_call = (
        _function("near")
        + lpar
        - expr
        + comma
        - expr
        + _named(pp.Suppress(","), DISTANCE)
        - number
        + rpar
    ).add_parse_action(_near)
    in_call = (_function("in") + lpar - role + comma - expr + rpar).add_parse_action(_in)
    unknown_call = pp.Regex(IDENTIFIER + r"(?=\s*\()").add_parse_action(_unknown_function)
    near_miss = pp.Suppress("~") - _named(
        quoted.copy().add_parse_action(_near_term)
        | name.copy().add_parse_action(_near_name)
        | open_quote,
        "a quoted term or a term-list name",
    )
    atom = _named(
        any_call
        | near_call
        | in_call
        | unknown_call
        | near_miss
        | quoted.copy().add_parse_action(_term)
        | open_quote
        | regex.copy().add_parse_action(_regex)
        | open_slash
        | name.copy().add_parse_action(_name)
        | (lpar - expr + rpar),
        ATOM,
    )
    negation = pp.Forward()
    negation <<= _named((pp.Suppress("!") - negation).add_parse_action(_not) | atom, ATOM)
    conjunction = (negation + pp.ZeroOrMore(pp.Suppress("&") - negation)).add_parse_action(_all)
    expr <<= (conjunction + pp.ZeroOrMore(pp.Suppress("|") - conjunction)).add_parse_action(_either)
    return expr + _named(pp.StringEnd(), END)


# Parse actions. Each returns a builder: the pack's term lists -> a matcher.


def _unquote(s: str, loc: int, token: str, what: str) -> str:
    text = re.sub(r'\\(["\\])', r"\1", token[1:-1])
    if not text:
        raise _Fail(s, loc, f"a non-empty {what}", f"an empty {what} matches nothing")
    return text


def _term(s: str, loc: int, toks: pp.ParseResults) -> Build:
    matcher = Literal.of([_unquote(s, loc, toks[0], "quoted term")])
    return lambda terms: matcher


def _reason(err: regex.error) -> str:
    return re.sub(r" at position \d+$", "", str(err))


def _regex(s: str, loc: int, toks: pp.ParseResults) -> Build:
    body = re.sub(r"\\(.)", lambda m: "/" if m[1] == "/" else m[0], toks[0][1:-1])
    if not body:
        raise _Fail(s, loc, "a non-empty /regex/", "an empty /regex/ matches nothing")
    try:
        matcher = Regex(regex.compile(body))
    except regex.error as err:
        raise _Fail(
            s, loc, "a valid regular expression", f"invalid regular expression: {_reason(err)}"
        ) from None
    return lambda terms: matcher


def _lookup(s: str, loc: int, name: str, terms: Terms) -> Sequence[str]:
    if name not in terms:
        raise _Fail(s, loc, "a term list defined in the pack", f"unknown term list '{name}'")
    return terms[name]


def _name(s: str, loc: int, toks: pp.ParseResults) -> Build:
    name: str = toks[0]
    return lambda terms: Literal.of(_lookup(s, loc, name, terms))


def _near_miss(s: str, loc: int, words: Sequence[str], name: str | None = None) -> Matcher:
    short = [w for w in words if len(w) < MIN_NEAR_MISS]
    if short:
        where = f" ('{short[0]}' in '{name}')" if name else ""
        message = f"near-miss needs a term of at least {MIN_NEAR_MISS} characters{where}"
        raise _Fail(s, loc, f"a term of at least {MIN_NEAR_MISS} characters", message)
    return _any([NearMiss.of(w) for w in words])


def _near_term(s: str, loc: int, toks: pp.ParseResults) -> Build:
    # Checked now, not when built: a quoted term does not depend on the pack.
    matcher = _near_miss(s, loc, [_unquote(s, loc, toks[0], "quoted term")])
    return lambda terms: matcher


def _near_name(s: str, loc: int, toks: pp.ParseResults) -> Build:
    name: str = toks[0]
    return lambda terms: _near_miss(s, loc, _lookup(s, loc, name, terms), name)


def _unterminated(what: str, close: str) -> Callable[[str, int, pp.ParseResults], Build]:
    def fail(s: str, loc: int, toks: pp.ParseResults) -> Build:
        raise _Fail(s, loc, f"a closing {close} for the {what} starting here")

    return fail


def _unknown_function(s: str, loc: int, toks: pp.ParseResults) -> Build:
    known = ", ".join(FUNCTIONS)
    raise _Fail(s, loc, f"a function ({known})", f"unknown function '{toks[0]}' (known: {known})")


def _all(toks: pp.ParseResults) -> Build:
    parts: list[Build] = list(toks)
    return parts[0] if len(parts) == 1 else lambda terms: AllOf(tuple(p(terms) for p in parts))


def _either(toks: pp.ParseResults) -> Build:
    parts: list[Build] = list(toks)
    return parts[0] if len(parts) == 1 else lambda terms: _any([p(terms) for p in parts])


def _not(toks: pp.ParseResults) -> Build:
    part: Build = toks[0]
    return lambda terms: Not(part(terms))


def _near(toks: pp.ParseResults) -> Build:
    left: Build = toks[1]
    right: Build = toks[2]
    distance = int(toks[3])
    return lambda terms: Near(left(terms), right(terms), distance)


def _in(toks: pp.ParseResults) -> Build:
    role: str = toks[1]
    part: Build = toks[2]
    return lambda terms: InRole(role, part(terms))


GRAMMAR = _grammar()

# -- matchers ------------------------------------------------------------------------------


def _union(groups: Sequence[list[Span]]) -> list[Span]:
    if len(groups) == 1:
        return groups[0]
    return sorted({span for group in groups for span in group})


@dataclass(frozen=True)
class Literal:
    """Every non-overlapping occurrence of each term; a term list is the union of its terms,
    so 领导小组 inside 工作领导小组 is found when both are listed."""

    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, terms: Sequence[str]) -> Literal:
        return cls(tuple(re.compile(re.escape(t)) for t in dict.fromkeys(terms)))

    def find(self, hay: Haystack) -> list[Span]:
        return _union([[Span(*m.span()) for m in p.finditer(hay.text)] for p in self.patterns])


@dataclass(frozen=True)
class Regex:
    pattern: regex.Pattern[str]

    def find(self, hay: Haystack) -> list[Span]:
        return [
            Span(*m.span()) for m in bounded_finditer(self.pattern, hay.text) if m.end() > m.start()
        ]


# A rule author's regular expression runs on every paragraph of every report; one that
# backtracks catastrophically must stop with a clear error rather than hang the run.
REGEX_TIMEOUT = 2.0


class MatchTimeout(Exception):
    """A rule's regular expression took longer than REGEX_TIMEOUT seconds on one text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(
            f"the regular expression /{pattern}/ took over {REGEX_TIMEOUT:g} s on one "
            "paragraph (catastrophic backtracking?); simplify it"
        )
        self.pattern = pattern


def bounded_finditer(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    try:
        return list(pattern.finditer(text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise MatchTimeout(pattern.pattern) from None


@dataclass(frozen=True)
class NearMiss:
    """A term exactly or with one character wrong, missing or extra (Levenshtein ≤ 1)."""

    term: str
    heads: re.Pattern[str]  # the term's first two characters, to find candidate windows

    @classmethod
    def of(cls, term: str) -> NearMiss:
        return cls(term, re.compile(f"[{re.escape(term[:2])}]"))

    def find(self, hay: Haystack) -> list[Span]:
        # Best candidates first, so a near miss never hides an exact occurrence it overlaps;
        # the survivors are reported left to right.
        starts: list[int] = []
        ends: list[int] = []
        for *_, start, end in sorted(self._candidates(hay.text)):
            i = bisect.bisect_left(starts, end)
            if i == 0 or ends[i - 1] <= start:
                starts.insert(i, start)
                ends.insert(i, end)
        return [Span(s, e) for s, e in zip(starts, ends, strict=True)]

    def _candidates(self, text: str) -> list[tuple[int, int, bool, int, int]]:
        """Every window within one edit, as a sort key: fewest edits; then ends that agree
        with the term's (意识形形态 is one extra 形, not 意识形形 with 态 for 形); then the
        term's own length; then leftmost."""
        term, size = self.term, len(self.term)
        t0, t1, last, before_last = term[0], term[1], term[-1], term[-2]
        found: list[tuple[int, int, bool, int, int]] = []
        done = -1
        for hit in self.heads.finditer(text):
            # One edit keeps t0 or t1 first, or t0 second: the window starts here or one
            # character earlier. The same argument on the tail rules out most windows
            # before the (comparatively costly) distance computation.
            for start in (hit.start() - 1, hit.start()):
                if start <= done:
                    continue
                done = start
                c0 = text[start]
                c1 = text[start + 1 : start + 2]
                for length, head_ok in (
                    (size, c0 == t0 or c1 == t1),  # one substitution
                    (size - 1, c0 in (t0, t1)),  # one character missing
                    (size + 1, c0 == t0 or c1 == t0),  # one character extra
                ):
                    end = start + length
                    if not head_ok or end > len(text):
                        continue
                    e1, e2 = text[end - 1], text[end - 2]
                    if length == size:
                        tail_ok = e1 == last or e2 == before_last
                    elif length < size:
                        tail_ok = e1 in (last, before_last)
                    else:
                        tail_ok = e1 == last or e2 == last
                    window = text[start:end]
                    # A near miss never spans two paragraphs (blocks are joined by "\n").
                    if not tail_ok or "\n" in window:
                        continue
                    distance = Levenshtein.distance(window, term, score_cutoff=1)
                    if distance <= 1:
                        misaligned = (window[0] != t0) + (e1 != last)
                        found.append((distance, misaligned, length != size, start, end))
        return found


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Matcher, ...]

    def find(self, hay: Haystack) -> list[Span]:
        return _union([p.find(hay) for p in self.parts])


def _any(parts: Sequence[Matcher]) -> Matcher:
    return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))


@dataclass(frozen=True)
class AllOf:
    """True when every part is; its matches are then all of theirs."""

    parts: tuple[Matcher, ...]

    def find(self, hay: Haystack) -> list[Span]:
        groups = []
        for part in self.parts:
            spans = part.find(hay)
            if not spans:
                return []
            groups.append(spans)
        return _union(groups)


@dataclass(frozen=True)
class Not:
    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        # Absence has no place in the text: true is a zero-width span at the start.
        return [] if self.part.find(hay) else [Span(0, 0)]


@dataclass(frozen=True)
class Near:
    """Pairs of a left and a right match at most `distance` characters apart, either order."""

    left: Matcher
    right: Matcher
    distance: int

    def find(self, hay: Haystack) -> list[Span]:
        rights = self.right.find(hay)
        lefts = self.left.find(hay) if rights else []
        if not lefts:
            return []
        starts = [b.start for b in rights]
        longest = max(b.end - b.start for b in rights)
        found = set()
        for a in lefts:
            # Only rights starting in this range can be close enough (rights are sorted).
            lo = bisect.bisect_left(starts, a.start - self.distance - longest)
            hi = bisect.bisect_right(starts, a.end + self.distance)
            for b in rights[lo:hi]:
                if max(b.start - a.end, a.start - b.end) <= self.distance:
                    found.add(Span(min(a.start, b.start), max(a.end, b.end)))
        return sorted(found)


@dataclass(frozen=True)
class InRole:
    """The part's matches that start inside a segment with the role."""

    role: str
    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        starts = [s.start for s in hay.segments]
        kept = []
        for span in self.part.find(hay):
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0:
                segment = hay.segments[i]
                if span.start < segment.end and self.role in segment.roles:
                    kept.append(span)
        return kept


# -- compiling -----------------------------------------------------------------------------


def compile_expr(source: str, terms: Terms | None = None) -> Matcher:
    """Parse an expression once into a matcher tree, or raise ExprSyntaxError."""
    try:
        build: Build = GRAMMAR.parse_string(source, parse_all=True)[0]
        return build(terms or {})
    except _Fail as err:
        raise ExprSyntaxError(source, err.loc, err.expected, err.message) from None
    except pp.ParseBaseException as err:
        raise ExprSyntaxError(source, err.loc, _expected(err)) from None
    except RecursionError:
        raise ExprSyntaxError(source, 0, ATOM, "expression is nested too deeply") from None


def _expected(err: pp.ParseBaseException) -> str:
    # pyparsing says 'Expected <name>'; show the name only if it is one of our phrases,
    # never an internal one such as {Suppress:('(') ...}.
    phrase = str(err.msg).removeprefix("Expected ").strip()
    return phrase if phrase in _PHRASES else ATOM
