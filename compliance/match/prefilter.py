"""What a regular expression cannot match without: a few literal strings, one of which
the text holds wherever it matches (inside the match, or where a lookahead or
lookbehind looks).

The term index (compliance.match.terms) finds those strings with all the others in one pass,
so a paragraph holding none of them skips the regular expression altogether. The
analysis must never claim too much (a paragraph would silently lose a finding), so
anything it does not fully understand gives None: no prefilter, the expression runs.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from contextvars import ContextVar

# The parser of Python's re module: rule patterns run on the `regex` module, whose syntax
# is a superset, so what re parses it reads the same way. What only `regex` knows (\p{…},
# fuzzy matching, recursion …) is a parse error here, or caught below.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# More single characters than this filter too little to be worth looking up.
MAX_ALTERNATIVES = 32
# Longer strings are rare in a report: a branch of many words (a web page's notices)
# still filters well, and the automaton finds any number of them at one cost.
MAX_WORDS = 128

Needs = frozenset[str] | None


def required_literals(pattern: str, flags: int = 0) -> Needs:
    """Strings one of which a text holds wherever `pattern` matches in it (in the match
    or its lookarounds), or None when unknown."""
    found = required_sets(pattern, flags)
    return found[0] if found else None


def required_sets(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """Sets of strings a text holds one of each wherever `pattern` matches in it, the
    most selective first (what required_literals gives); [] when unknown. Each element
    of the pattern's sequence requires its own (年 in a lookbehind, 市 or 县 in the match,
    季度 or 半年 in a lookahead): a text lacking any set cannot match."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like
            parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return []
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return []
    token = _POSIX_POSSIBLE.set(_POSIX_CLASS in pattern)
    try:
        return _options(list(parsed))
    except _Unsure:
        return []
    finally:
        _POSIX_POSSIBLE.reset(token)


class _Unsure(Exception):
    """A construct the analysis does not vouch for: no prefilter at all."""


def _sequence(items: Sequence[tuple[Any, Any]]) -> Needs:
    """The most selective requirement of a sequence: every element must match."""
    options = _options(items)
    return options[0] if options else None


def _options(items: Sequence[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The requirements of a sequence's elements (every element must match), the most
    selective first."""
    options: list[frozenset[str]] = []
    # Consecutive elements that each match one of a few strings (a character, a small
    # class, an alternation of words, an optional one) match one of their products:
    # 十[五六七]大 needs 十五大, 十六大 or 十七大, where 十, a class and 大 alone filter
    # next to nothing.
    run: frozenset[str] | None = None
    for op, av in items:
        strings = _finite(op, av)
        if strings is not None:
            product = _product(run, strings) if run is not None else strings
            if product is not None:
                run = product
                continue
            options.append(run)  # type: ignore[arg-type]  # not None: the product was tried
            run = strings
            continue
        if run is not None:
            options.append(run)
            run = None
        needs = _element(op, av)
        if needs is not None:
            options.append(needs)
    if run is not None:
        options.append(run)
    # An empty string is in every text: a set holding one requires nothing.
    options = [_least(o) for o in options if o and "" not in o]
    options = [o for o in options if _few(o)]
    # Longer strings are rarer; fewer alternatives are cheaper to look up. (Stable: of
    # equals, the first stays first.)
    return sorted(options, key=lambda o: (min(map(len, o)), -len(o)), reverse=True)


# Strings an element or a run of elements may match at most, for its set to be spelt out.
MAX_FINITE = 64


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    """Every string of `left` followed by one of `right`; None when too many."""
    if len(left) * len(right) > MAX_FINITE:
        return None
    return frozenset(a + b for a in left for b in right)


def _finite(op: Any, av: Any) -> frozenset[str] | None:
    """Every string the element can match, when they are few (MAX_FINITE) and it
    matches nothing else; None otherwise (anchors and lookarounds, which match no
    characters, end a run too)."""
    if op is sre.LITERAL:
        _check_char(av)
        return frozenset({chr(av)})
    if op is sre.IN:
        chars = _char_set(av)
        return chars if chars is not None and len(chars) <= MAX_ALTERNATIVES else None
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, item = av
        if add_flags & (re.IGNORECASE | re.VERBOSE):
            raise _Unsure
        return _finite_sequence(list(item))
    if op is sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            strings = _finite_sequence(list(alternative))
            if strings is None:
                return None
            found |= strings
        return frozenset(found) if len(found) <= MAX_FINITE else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av
        if (low, high) not in ((0, 1), (1, 1)):
            return None
        strings = _finite_sequence(list(item))
        if strings is None:
            return None
        return strings | {""} if low == 0 else strings
    return None


def _finite_sequence(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    found: frozenset[str] | None = frozenset({""})
    for op, av in items:
        strings = _finite(op, av)
        if strings is None or found is None:
            return None
        found = _product(found, strings)
    return found


def _least(option: frozenset[str]) -> frozenset[str]:
    """The same requirement without a string that holds another of the set (下面是小编
    holds 下面): fewer strings for the automaton to find."""
    return frozenset(s for s in option if not any(o != s and o in s for o in option))


def _few(option: frozenset[str]) -> bool:
    singles = sum(len(s) == 1 for s in option)
    return singles <= MAX_ALTERNATIVES and len(option) <= MAX_WORDS


def _inside(op: Any, av: Any) -> list[tuple[Any, Any]] | None:
    """The sequence a wrapping element holds that every match of it contains: a repeat
    of at least once, a group, an atomic group, a lookahead or lookbehind (what it sees
    is in the text too). None for any other element, and for a repeat that may match
    nothing. Both walks below (needed strings, needed character class) start here."""
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, item = av
        return list(item) if low >= 1 else None
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, item = av
        if add_flags & (re.IGNORECASE | re.VERBOSE):
            raise _Unsure
        return list(item)
    if op is sre.ATOMIC_GROUP:
        return list(av)
    if op is sre.ASSERT:
        _direction, item = av
        return list(item)
    return None


def _element(op: Any, av: Any) -> Needs:
    inner = _inside(op, av)
    if inner is not None:
        return _sequence(inner)
    if op is sre.BRANCH:
        _, alternatives = av
        found: set[str] = set()
        for alternative in alternatives:
            needs = _sequence(list(alternative))
            if needs is None:
                return None
            found |= needs
        return frozenset(found)
    if op is sre.IN:
        return _char_set(av)
    # Negative lookarounds and anchors require nothing; any character, a negated one, a
    # category, back references, conditionals and anything newer: say nothing.
    return None


def _char_set(items: Sequence[tuple[Any, Any]]) -> Needs:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            _check_char(av)
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_ALTERNATIVES:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return frozenset(chars)


# re reads the `regex` module's POSIX classes ([[:alpha:]]) as a set of characters and a
# literal ]: a pattern that may hold one ("[:" anywhere) trusts no bracket it parsed.
# Without "[:", a bracket re parsed as literal is one for `regex` too (\[复制链接\]).
_POSIX_CLASS = "[:"
_POSIX_POSSIBLE: ContextVar[bool] = ContextVar("complint_posix_possible", default=True)


def _check_char(code: int) -> None:
    # re reads the `regex` module's fuzzy constraints ({e<=1}) as literal braces; a
    # pattern holding one is left alone, and so are brackets where a POSIX class may be.
    char = chr(code)
    if char in "{}" or (char in "[]" and _POSIX_POSSIBLE.get()):
        raise _Unsure


# -- a character class, when no string will do ----------------------------------------------

Ranges = tuple[tuple[int, int], ...]  # sorted, inclusive code point ranges


def required_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (as a regular expression, `[…]`) one of whose characters a text
    holds wherever `pattern` matches in it, or None when unknown: for an expression with
    no required string, such as Cyrillic letters inside Chinese text. A report holding
    none of them cannot match anywhere (Regex.needs with the report's text)."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        ranges = _class_of_sequence(list(parsed))
    except _Unsure:
        return None
    if ranges is None:
        return None
    return "[" + "".join(_class_item(low, high) for low, high in ranges) + "]"


def _class_item(low: int, high: int) -> str:
    return f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"


def _size(ranges: Ranges) -> int:
    return sum(high - low + 1 for low, high in ranges)


def _class_of_sequence(items: Sequence[tuple[Any, Any]]) -> Ranges | None:
    """The smallest class among the sequence's elements: every element must match."""
    options = [r for r in (_class_of(op, av) for op, av in items) if r is not None]
    return min(options, key=_size) if options else None


def _class_of(op: Any, av: Any) -> Ranges | None:
    if op is sre.LITERAL:
        _check_char(av)
        return ((av, av),)
    if op is sre.IN:
        found: list[tuple[int, int]] = []
        for item_op, item_av in av:
            if item_op is sre.LITERAL:
                _check_char(item_av)
                found.append((item_av, item_av))
            elif item_op is sre.RANGE:
                found.append((item_av[0], item_av[1]))
            else:  # NEGATE, CATEGORY
                return None
        return tuple(sorted(found))
    inner = _inside(op, av)
    if inner is not None:
        return _class_of_sequence(inner)
    if op is sre.BRANCH:
        union: list[tuple[int, int]] = []
        for alternative in av[1]:
            ranges = _class_of_sequence(list(alternative))
            if ranges is None:
                return None
            union.extend(ranges)
        return tuple(sorted(union))
    return None


# -- the alternatives of a top-level alternation --------------------------------------------

# What makes a subset of the alternatives mean something else than the whole restricted
# to them: group numbers (back references, conditionals, recursion) and inline flags,
# which apply to the whole pattern.
_ENTANGLED = re.compile(r"\\[1-9]|\\g[<{]|\(\?P[=>]|\(\?[&R0-9(]|\(\?[-a-zA-Z]+\)")


def branches(pattern: str) -> list[tuple[str, Needs]] | None:
    """The top-level alternatives of `pattern` (A|B|C), each with what it cannot match
    without (required_literals), or None when the pattern is not such an alternation or
    its alternatives are not independent. An alternative that needs a string the text
    lacks matches nowhere in it, so the pattern of the other alternatives, in the same
    order, finds exactly what the whole finds (leftmost-first alternation)."""
    if _ENTANGLED.search(pattern):
        return None
    parts: list[str] = []
    depth, start, at, in_class = 0, 0, 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            # A ] right after [ or [^ is a literal member, not the end of the class.
            at += 1
            if pattern.startswith("^", at):
                at += 1
            if pattern.startswith("]", at):
                at += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
        at += 1
    parts.append(pattern[start:])
    if len(parts) < 2 or depth != 0 or in_class:
        return None
    found = [(part, required_literals(part)) for part in parts]
    if all(needs is None for _, needs in found):
        return None
    return found
