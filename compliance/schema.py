"""The options a rule kind declares: each key's type, default and one line of doc.

A kind lists its options as data (`Option`s of the small types below). The rule-file
loader checks every rule table against them, nested values included, so a wrong type
deep inside a list is one `file:line:column` error instead of a crash while linting;
the table of kinds in docs/rule-format.md is generated from the same declarations.

A `Where` names a value from the rule table down: ("lists", 1, "members") is the
`members` of the second entry of `lists`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """What is wrong with a value, and where inside the rule table it sits."""

    where: Where
    message: str


def spell(where: Where) -> str:
    """("lists", 1, "members") → lists[1].members"""
    text = ""
    for step in where:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            name = step if re.fullmatch(r"[A-Za-z0-9_-]+", step) else f'"{step}"'
            text += f".{name}" if text else name
    return text


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 30 else "a string"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class Type:
    """A value's type: how it reads in the docs and how a value fails it."""

    a: str = "a value"  # with an article, for "expected … "
    many: str = "values"  # plural, for "a list of … "

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        if not self.fits(value):
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")

    def fits(self, value: Any) -> bool:
        return True

    def leaves(self, value: Any, where: Where) -> Iterator[tuple[Type, Any, Where]]:
        """Every scalar inside a valid value, with its type and place."""
        yield self, value, where

    def convert(self, value: Any, where: Where, leaf: Convert) -> Any:
        """The value with each scalar replaced by `leaf(type, scalar, where)`."""
        return leaf(self, value, where)


Convert = Callable[[Type, Any, Where], Any]


@dataclass(frozen=True)
class Text(Type):
    """A string; `choices` lists the only ones allowed, `pattern` the form (YYYY-MM)."""

    choices: tuple[str, ...] = ()
    pattern: str | None = None
    form: str = ""  # how `pattern` reads in the docs: "a month YYYY-MM"
    nonempty: bool = False

    @property
    def a(self) -> str:  # type: ignore[override]
        if self.choices:
            return "one of " + ", ".join(f'"{c}"' for c in self.choices)
        return self.form or ("a non-empty string" if self.nonempty else "a string")

    @property
    def many(self) -> str:  # type: ignore[override]
        if self.choices or self.form:
            return f"strings ({self.a})"
        return "non-empty strings" if self.nonempty else "strings"

    def fits(self, value: Any) -> bool:
        if not isinstance(value, str) or (self.nonempty and not value):
            return False
        if self.choices and value not in self.choices:
            return False
        return self.pattern is None or re.fullmatch(self.pattern, value) is not None


@dataclass(frozen=True)
class Regex(Type):
    """A regular expression (Python's re), checked where it is written: one that does not
    compile is the rule file's error, not the lint's."""

    a = "a regular expression"
    many = "regular expressions"

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        if not isinstance(value, str) or not value:
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")
            return
        try:
            re.compile(value)
        except re.error as err:
            yield Problem(where, f"expected {spell(where)} to be {self.a} ({err})")


@dataclass(frozen=True)
class Number(Type):
    """A number (TOML writes 16 where 16.0 is meant); `integer` refuses 1.5. Never true."""

    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    @property
    def a(self) -> str:  # type: ignore[override]
        noun = "an integer" if self.integer else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{noun} from {self.minimum:g} to {self.maximum:g}"
        return noun if self.minimum is None else f"{noun} ≥ {self.minimum:g}"

    @property
    def many(self) -> str:  # type: ignore[override]
        return "integers" if self.integer else "numbers"

    def fits(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.integer and not isinstance(value, int):
            return False
        if self.maximum is not None and value > self.maximum:
            return False
        return self.minimum is None or value >= self.minimum


@dataclass(frozen=True)
class Flag(Type):
    """true or false."""

    a = "true or false"
    many = "booleans"

    def fits(self, value: Any) -> bool:
        return isinstance(value, bool)


@dataclass(frozen=True)
class Expression(Type):
    """A match expression (compliance.match.expr), compiled by the loader.

    `legacy_regex`: a plain regular expression that is not a valid expression is still
    taken, with a deprecation warning — the spelling `outdated` had before expressions.
    """

    legacy_regex: bool = False
    # Checked where it is written (a syntax error is file:line:column), then left as
    # text for the kind's prepare step to compile: an entry keeps its expression's text.
    as_text: bool = False
    a = "an expression string"
    many = "expression strings"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and bool(value.strip())


@dataclass(frozen=True)
class Role(Type):
    """A section role of some loaded pack's [roles]; `builtin` names more that are allowed."""

    builtin: tuple[str, ...] = ()
    many = "section roles"

    @property
    def a(self) -> str:  # type: ignore[override]
        named = ", ".join(f'"{b}"' for b in self.builtin)
        return f"{named} or a section role" if named else "a section role"

    def fits(self, value: Any) -> bool:
        return isinstance(value, str) and bool(value)


@dataclass(frozen=True)
class ListOf(Type):
    """A list whose items are of one type."""

    item: Type
    length: int | None = None  # exactly this many items
    nonempty: bool = False

    @property
    def a(self) -> str:  # type: ignore[override]
        if self.length is not None:
            return f"a list of {self.length} {self.item.many}"
        return f"a {'non-empty ' if self.nonempty else ''}list of {self.item.many}"

    @property
    def many(self) -> str:  # type: ignore[override]
        return f"lists of {self.item.many}"

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        if not isinstance(value, list) or (
            (self.length is not None and len(value) != self.length) or (self.nonempty and not value)
        ):
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")
            return
        for index, item in enumerate(value):
            yield from self.item.problems(item, (*where, index))

    def leaves(self, value: Any, where: Where) -> Iterator[tuple[Type, Any, Where]]:
        for index, item in enumerate(value):
            yield from self.item.leaves(item, (*where, index))

    def convert(self, value: Any, where: Where, leaf: Convert) -> Any:
        return [self.item.convert(item, (*where, i), leaf) for i, item in enumerate(value)]


@dataclass(frozen=True)
class TableOf(Type):
    """A table of any keys (non-empty strings) to values of one type."""

    value: Type
    shape: str = ""  # how it reads in the docs: 'a table "wrong" = "right"'
    keys: Text = Text(nonempty=True)

    @property
    def a(self) -> str:  # type: ignore[override]
        return self.shape or f"a table of names = {self.value.many}"

    @property
    def many(self) -> str:  # type: ignore[override]
        return f"tables of names = {self.value.many}"

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")
            return
        for key, item in value.items():
            if not self.keys.fits(key):
                yield Problem(
                    (*where, key), f"expected the keys of {spell(where)} to be {self.keys.many}"
                )
            yield from self.value.problems(item, (*where, key))

    def leaves(self, value: Any, where: Where) -> Iterator[tuple[Type, Any, Where]]:
        for key, item in value.items():
            yield from self.value.leaves(item, (*where, key))

    def convert(self, value: Any, where: Where, leaf: Convert) -> Any:
        return {k: self.value.convert(v, (*where, k), leaf) for k, v in value.items()}


@dataclass(frozen=True)
class Option:
    """One key of a rule (or of a table inside one): its type, default and meaning."""

    name: str
    type: Type
    doc: str
    default: Any = None  # filled in when absent; None: absent means "not used"
    required: bool = False


@dataclass(frozen=True)
class Record(Type):
    """A table with known keys, e.g. { name = "…", members = […] }; others are refused."""

    fields: tuple[Option, ...]

    @property
    def a(self) -> str:  # type: ignore[override]
        return "a table {" + ", ".join(self.keys()) + "}"

    @property
    def many(self) -> str:  # type: ignore[override]
        return "tables {" + ", ".join(self.keys()) + "}"

    def keys(self) -> list[str]:
        return [f.name if f.required else f.name + "?" for f in self.fields]

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")
            return
        yield from check_table(value, self.fields, where)

    def leaves(self, value: Any, where: Where) -> Iterator[tuple[Type, Any, Where]]:
        for option in self.fields:
            if option.name in value:
                yield from option.type.leaves(value[option.name], (*where, option.name))

    def convert(self, value: Any, where: Where, leaf: Convert) -> Any:
        converted = dict(value)
        for option in self.fields:
            if option.name in value:
                converted[option.name] = option.type.convert(
                    value[option.name], (*where, option.name), leaf
                )
            elif option.default is not None:
                converted[option.name] = option.default
        return converted


@dataclass(frozen=True)
class OneOf(Type):
    """One of several types told apart by their shape (a string, or a table { … })."""

    choices: tuple[Type, ...]

    @property
    def a(self) -> str:  # type: ignore[override]
        return " or ".join(c.a for c in self.choices)

    @property
    def many(self) -> str:  # type: ignore[override]
        return " or ".join(c.many for c in self.choices)

    def _pick(self, value: Any) -> Type | None:
        shapes = {Record: dict, TableOf: dict, ListOf: list, Text: str, Expression: str}
        for choice in self.choices:
            shape = shapes.get(type(choice))
            if shape is None or isinstance(value, shape):
                return choice
        return None

    def problems(self, value: Any, where: Where) -> Iterator[Problem]:
        choice = self._pick(value)
        if choice is None:
            yield Problem(where, f"expected {spell(where)} to be {self.a}, found {_found(value)}")
            return
        yield from choice.problems(value, where)

    def leaves(self, value: Any, where: Where) -> Iterator[tuple[Type, Any, Where]]:
        choice = self._pick(value)
        if choice is not None:
            yield from choice.leaves(value, where)

    def convert(self, value: Any, where: Where, leaf: Convert) -> Any:
        choice = self._pick(value)
        return value if choice is None else choice.convert(value, where, leaf)


def expected_keys(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def check_table(
    table: Mapping[str, Any], options: tuple[Option, ...], where: Where = ()
) -> Iterator[Problem]:
    """Unknown keys, missing required keys and wrong types, in the table's own order."""
    declared = {o.name: o for o in options}
    inside = f" in {spell(where)}" if where else ""
    for key, value in table.items():
        option = declared.get(key)
        if option is None:
            known = expected_keys(list(declared)) if declared else "none"
            yield Problem((*where, key), f"unknown key '{key}'{inside} (expected {known})")
            continue
        yield from option.type.problems(value, (*where, key))
    for option in options:
        if option.required and option.name not in table:
            yield Problem(where, f"missing '{option.name}'{inside}: {option.doc}")
