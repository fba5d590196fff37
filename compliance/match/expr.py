"""The match-expression language of rule files, parsed with pyparsing.

    leading_group | near("成立", "领导机构", 20) & !~"意识形态" | in(problems, /X{1,3}次/)

An expression is parsed once, when its pack is loaded, into a tree of small matchers;
documents are then only searched, never re-parsed. The grammar itself is built once, at
import: its parse actions return *builders* that receive the pack's term lists, so one
grammar serves every pack and an unknown name is still reported at the name.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Mapping, Sequence

import pyparsing as pp
import regex

from compliance.match.matchers import (
    AllOf,
    InRole,
    Literal,
    Matcher,
    Near,
    NearMiss,
    Not,
    Regex,
    any_of,
)
from compliance.match.prefilter import branches, required_class, required_sets

Terms = Mapping[str, Sequence[str]]  # a pack's named term lists

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
#           | any(expr, ...) | near(expr, expr, N [, clause]) | in(role, expr)
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
        + pp.Optional(pp.Suppress(",") - _named(pp.Literal("clause"), '"clause"'))
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
        sets = required_sets(body)
        needs = sets[0] if sets else None
        guard = required_class(body) if needs is None else None
        alternatives = branches(body) or ()
        compiled = regex.compile(body)
        matcher = Regex(
            compiled,
            None if needs is None else tuple(sorted(needs)),
            None if guard is None else regex.compile(guard),
            tuple((b, None if n is None else tuple(sorted(n))) for b, n in alternatives),
            also=tuple(sets[1:]),
            branches_also=tuple(tuple(required_sets(b)[1:]) for b, _ in alternatives),
            alone=tuple(
                pickle.dumps(regex.compile(b, compiled.flags), pickle.HIGHEST_PROTOCOL)
                for b, _ in alternatives
            ),
        )
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
    return NearMiss.of(words)


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
    return parts[0] if len(parts) == 1 else lambda terms: any_of([p(terms) for p in parts])


def _not(toks: pp.ParseResults) -> Build:
    part: Build = toks[0]
    return lambda terms: Not(part(terms))


def _near(toks: pp.ParseResults) -> Build:
    left: Build = toks[1]
    right: Build = toks[2]
    distance = int(toks[3])
    clause = len(toks) > 4  # near(a, b, N, clause): not across a clause end
    return lambda terms: Near(left(terms), right(terms), distance, clause)


def _in(toks: pp.ParseResults) -> Build:
    role: str = toks[1]
    part: Build = toks[2]
    return lambda terms: InRole(role, part(terms))


GRAMMAR = _grammar()

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
