"""Rule files: TOML packs of declarative rules, loaded and compiled once.

Every problem in a rule file is reported as `file:line:column: what was expected`, the
way a compiler reports a syntax error, because rule authors are not Python programmers.
A rule may carry only the common keys and the options its kind declares
(compliance.schema); those are checked down to nested values, and every section role a
rule names must be declared by one of the packs loaded with it.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from compliance import packcache

# RuleError under its old local name: the API raises exactly what the loader raises.
from compliance.errors import RuleError as RuleFileError
from compliance.kinds import KINDS
from compliance.kinds.base import PLACEHOLDERS, Kind, Rule
from compliance.kinds.substitute import ALIASES
from compliance.lazyre import lazy
from compliance.match.matchers import InRole, Matcher
from compliance.match.mentions import UNITS, Passing
from compliance.model.findings import SEVERITIES, Severity
from compliance.schema import (
    Expression,
    Option,
    Problem,
    Role,
    Text,
    Type,
    Where,
    check_table,
    expected_keys,
    spell,
)

CODE = lazy(r"^[A-Z]{2,4}[0-9]{3}$")
# The keys every rule has, whatever its kind; a kind declares the rest (scope and match
# among them: a kind that does not read them does not take them).
RULE_KEYS = frozenset(
    {
        "code",
        "name",
        "kind",
        "severity",
        "title",
        "title-zh",
        "message",
        "description",
        "examples",
        "override",
    }
)
REQUIRED_KEYS = ("code", "name", "kind", "severity", "title", "message")
TOP_KEYS = frozenset({"pack", "terms", "roles", "passing", "rule"})
# A class of passing mention (compliance.match.mentions), under [passing.NAME]; rules of
# the pack name the classes they drop (the require kind's `passing`).
PASSING_FIELDS = (
    Option("before", Expression(), "found in the clause's text before the term"),
    Option("after", Expression(), "found in the clause's text after the term"),
    Option("clause", Expression(), "found in the whole clause"),
    Option(
        "unit",
        Text(choices=UNITS),
        "the clause (default), the sentence, the paragraph or the whole text",
    ),
    Option("why", Text(), "what the class is, for the reader of the rule file"),
)
PACK_OPTIONS = (
    Option("name", Text(nonempty=True), "the pack's name, shown by `complint rules`"),
    Option("description", Text(), "what the pack checks"),
)


class RuleFileDeprecation(FutureWarning):
    """A rule file uses a spelling that still works in this release and not in the next."""


@dataclass(frozen=True)
class RoleUse:
    """A section role named by a rule (scope, at, skip_roles …), checked across packs."""

    role: str
    builtin: tuple[str, ...]  # names allowed besides declared roles ("report" for scope)
    key: str
    source: str
    line: int
    column: int


@dataclass(frozen=True)
class Pack:
    """A compiled rule file: its rules, terms and roles."""

    name: str
    path: str
    rules: tuple[Rule, ...]
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles_used: tuple[RoleUse, ...] = ()
    # Deprecated spellings, one line each ("file:line: deprecated: …"), for the shells to
    # show: the pack still loads.
    warnings: tuple[str, ...] = ()


def default_rules_dir() -> Path:
    """The bundled packs: inside the installed package, or `rules/` of a source checkout."""
    bundled = resources.files("compliance") / "rules"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(path: Path) -> list[Path]:
    """A rule file, or every *.toml directly inside a folder, in name order."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    return [path]


def load_packs(paths: Iterable[Path]) -> list[Pack]:
    """Load packs from files and folders, and check the section roles their rules name.

    One code, one [[rule]]. Several [[rule]] entries with one code in one file — facets,
    the spelling before that — still load when they agree on name, severity and title,
    with a deprecation warning in `Pack.warnings`. A rule with `override = true` replaces
    the rule of its code loaded before it (a bundled one); any other code defined in two
    files is an error. A file given twice, or an identical copy of a loaded pack
    (`--rules` naming a bundled pack), is loaded once.
    """
    packs: list[Pack] = []
    seen: dict[str, Rule] = {}
    # The files' content digests tell copies apart, and key their packs in the cache: a
    # file is read (and hashed) only when its digest is not kept (packcache.file_digest).
    loaded: set[str] = set()
    for path in paths:
        for file in rule_files(path):
            data, digest = None, None
            with contextlib.suppress(OSError):  # load_pack reports an unreadable file
                digest, data = packcache.file_digest(file)
                if digest in loaded:
                    continue
                loaded.add(digest)
            pack = load_pack(file, data=data, digest=digest)
            for rule in pack.rules:
                first = seen.setdefault(rule.code, rule)
                if first is rule or first.source == rule.source:
                    continue  # facets in one file: checked, and warned about, by its pack
                if rule.override:
                    packs = [
                        dataclasses.replace(
                            p, rules=tuple(r for r in p.rules if r.code != rule.code)
                        )
                        for p in packs
                    ]
                    seen[rule.code] = rule
                    continue
                raise RuleFileError(
                    rule.source,
                    rule.line,
                    1,
                    f"rule code {rule.code} is already defined in {first.source}:{first.line};"
                    " to replace it on purpose add override = true to this rule, or load"
                    " only your packs (--no-bundled-rules, bundled = false)",
                )
            packs.append(pack)
    check_roles(packs)
    return packs


def warnings_to_show(packs: Sequence[Pack]) -> list[str]:
    """The deprecation warnings of the packs a user wrote.

    The bundled packs are held to the current spelling by the test suite instead: a
    warning about a file inside complint is nothing its user can act on.
    """
    bundled = str(default_rules_dir())
    return [
        warning
        for pack in packs
        if str(Path(pack.path).parent) != bundled
        for warning in pack.warnings
    ]


def check_roles(packs: Sequence[Pack]) -> None:
    """Every role a rule names is declared under [roles] by one of the packs."""
    declared = {role for pack in packs for role in pack.roles}
    for pack in packs:
        for use in pack.roles_used:
            if use.role in declared or use.role in use.builtin:
                continue
            known = sorted({*use.builtin, *declared})
            expected = expected_keys(known) if known else "a role declared under [roles]"
            raise RuleFileError(
                use.source,
                use.line,
                use.column,
                f"unknown section role '{use.role}' in {use.key} (expected {expected})",
            )


# -- locating keys and values in the source, for error positions -------------------------
# tomllib gives values without positions; these few functions find where a key or a value
# nested inside arrays and inline tables sits, in a file tomllib has already accepted.

_BARE = lazy(r"[A-Za-z0-9_-]+")
_BASIC = lazy(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = lazy(r"'[^'\n]*'")
_SPACE = lazy(r"(?:[ \t\r\n]|#[^\n]*)*")
_SCALAR_END = lazy(r"[,\]}\n#]")

Key = tuple[str, ...]


def _skip_blanks(source: str, i: int) -> int:
    while i < len(source) and source[i] in " \t":
        i += 1
    return i


def _skip_space(source: str, i: int) -> int:
    """Past blanks, newlines and comments (inside arrays and inline tables)."""
    found = _SPACE().match(source, i)
    return found.end() if found else i


def _key_part(source: str, i: int) -> tuple[str, int] | None:
    """A bare or quoted key at offset i: (its name, the offset after it)."""
    for pattern in (_BARE, _BASIC, _LITERAL):
        found = pattern().match(source, i)
        if found:
            text = found.group()
            if pattern is _BASIC:
                import json  # here: only a broken rule file's error positions need it

                try:
                    text = str(json.loads(text))
                except ValueError:
                    text = text[1:-1]
            elif pattern is _LITERAL:
                text = text[1:-1]
            return text, found.end()
    return None


def _dotted_key(source: str, i: int) -> tuple[Key, int] | None:
    parts: list[str] = []
    while True:
        part = _key_part(source, _skip_blanks(source, i))
        if part is None:
            return None
        parts.append(part[0])
        i = _skip_blanks(source, part[1])
        if not source.startswith(".", i):
            return tuple(parts), i
        i += 1


def _escaped(source: str, j: int) -> bool:
    backslashes = 0
    while j - backslashes - 1 >= 0 and source[j - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _skip_value(source: str, i: int) -> int:
    """The offset just after the TOML value starting at i."""
    for quotes in ('"""', "'''"):
        if source.startswith(quotes, i):
            j = i + 3
            while True:
                j = source.find(quotes, j)
                if j < 0:
                    return len(source)
                if quotes == '"""' and _escaped(source, j):
                    j += 1
                    continue
                j += 3
                while source.startswith(quotes[0], j):  # up to two quotes end the content
                    j += 1
                return j
    for pattern in (_BASIC, _LITERAL):
        found = pattern().match(source, i)
        if found:
            return found.end()
    if source.startswith(("[", "{"), i):
        close = "]" if source[i] == "[" else "}"
        j = _skip_space(source, i + 1)
        while j < len(source) and source[j] != close:
            before = j
            if close == "}":
                key = _dotted_key(source, j)
                if key is None:
                    return len(source)
                j = _skip_space(source, _skip_blanks(source, key[1]) + 1)  # past "="
            j = _skip_space(source, _skip_value(source, j))
            if source.startswith(",", j):
                j = _skip_space(source, j + 1)
            if j <= before:  # not TOML this scanner knows: give up rather than loop
                return len(source)
        return j + 1
    end = _SCALAR_END().search(source, i)
    return end.start() if end else len(source)


def _descend(source: str, i: int, path: Where) -> int:
    """The offset of the value at `path` inside the value starting at i, as near as found."""
    for step in path:
        i = _skip_space(source, i)
        if isinstance(step, int) and source.startswith("[", i):
            j = _skip_space(source, i + 1)
            for _ in range(step):
                if j >= len(source) or source[j] == "]":
                    return i
                j = _skip_space(source, max(_skip_value(source, j), j + 1))
                if source.startswith(",", j):
                    j = _skip_space(source, j + 1)
            if j >= len(source) or source[j] == "]":
                return i
            i = j
        elif isinstance(step, str) and source.startswith("{", i):
            j = _skip_space(source, i + 1)
            while j < len(source) and source[j] != "}":
                key = _dotted_key(source, j)
                if key is None:
                    return i
                value = _skip_space(source, _skip_blanks(source, key[1]) + 1)
                if key[0] == (step,):
                    i = value
                    break
                j = _skip_space(source, max(_skip_value(source, value), j + 1))
                if source.startswith(",", j):
                    j = _skip_space(source, j + 1)
            else:
                return i
        else:
            return i
    return i


@dataclass
class _Where:
    """Where tables and keys sit: (key path, [[rule]] index or -1) → offset of the value."""

    source: str
    rule_lines: list[int] = field(default_factory=list)
    keys: dict[tuple[Key, int], int] = field(default_factory=dict)
    tables: dict[tuple[Key, int], int] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=lambda: [0])

    @classmethod
    def scan(cls, source: str) -> _Where:
        where = cls(source)
        where.line_starts += [m.end() for m in re.finditer("\n", source)]
        table: Key = ()
        rule, i = -1, 0
        try:
            while i < len(source):
                i = _skip_space(source, i)
                if i >= len(source):
                    break
                if source.startswith("[", i):
                    double = source.startswith("[[", i)
                    name = _dotted_key(source, i + (2 if double else 1))
                    if name is None:
                        break
                    table = name[0]
                    if double and table == ("rule",):
                        rule += 1
                        where.rule_lines.append(where.position(i)[0])
                    index = rule if table[:1] == ("rule",) else -1
                    where.tables.setdefault((table, index), i)
                    end = source.find("\n", name[1])
                    i = len(source) if end < 0 else end
                    continue
                key = _dotted_key(source, i)
                if key is None or not source.startswith("=", key[1]):
                    break
                value = _skip_blanks(source, key[1] + 1)
                index = rule if table[:1] == ("rule",) else -1
                where.keys.setdefault(((*table, *key[0]), index), value)
                i = max(_skip_value(source, value), value + 1)
        except (IndexError, RecursionError):  # positions are a courtesy: never fail on them
            pass
        return where

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, path: Where, rule: int = -1) -> tuple[int, int]:
        """Where a value sits (keys and indices from the top of the file, or of the rule-th
        [[rule]]), or else the nearest enclosing key, table or [[rule]] found."""
        prefix = ("rule",) if rule >= 0 else ()
        for size in range(len(path), 0, -1):
            head = path[:size]
            if not all(isinstance(step, str) for step in head):
                continue
            key = (*prefix, *(str(step) for step in head))
            if (key, rule) in self.keys:
                try:
                    offset = _descend(self.source, self.keys[key, rule], path[size:])
                except (IndexError, RecursionError):
                    offset = self.keys[key, rule]
                return self.position(offset)
            if (key, rule) in self.tables:
                return self.position(self.tables[key, rule])
        if 0 <= rule < len(self.rule_lines):
            return self.rule_lines[rule], 1
        return 1, 1


def _value_position(source: str, line: int, column: int, offset: int) -> tuple[int, int]:
    """Map an offset inside a TOML string value (starting at line:column) to line:column."""
    lines = source.splitlines()
    raw = "\n".join(lines[line - 1 :])[column - 1 :]
    for delimiter in ('"""', "'''", '"', "'"):
        if raw.startswith(delimiter):
            break
    else:
        return line, column
    i = len(delimiter)
    literal = delimiter.startswith("'")
    if len(delimiter) == 3 and raw[i : i + 1] == "\n":
        i += 1  # TOML trims a newline right after the opening delimiter
    remaining = offset
    while remaining > 0 and i < len(raw):
        i += 2 if (not literal and raw[i] == "\\") else 1
        remaining -= 1
    before = raw[:i]
    newlines = before.count("\n")
    if newlines == 0:
        return line, column + i
    return line + newlines, i - before.rfind("\n")


# -- validation ---------------------------------------------------------------------------


def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _placeholders(template: str) -> set[str]:
    import string  # when a pack is compiled: a lint from the pack cache never loads it

    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return {"{"}


def load_pack(
    path: Path, display: str | None = None, data: bytes | None = None, digest: str | None = None
) -> Pack:
    """One pack (from `data`, the file's bytes, when the caller has read them, and
    `digest`, their packcache.content_digest, when it knows it); the roles its rules name
    are checked by load_packs, against every pack."""
    shown = display or str(path)
    try:
        if digest is None:
            data = path.read_bytes() if data is None else data
            digest = packcache.content_digest(data)
        # Keyed by the file's content: a pack from the cache never decodes its 300 KB of
        # mostly Chinese text, nor encodes it again to hash it.
        cached = packcache.load(shown, digest)
        if isinstance(cached, Pack):
            return cached
        data = path.read_bytes() if data is None else data
        # What read_text gives: UTF-8 with universal newlines.
        source = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as err:
        raise RuleFileError(shown, 1, 1, f"cannot read rule file ({err})") from None
    pack = _parse_pack(shown, source, path.stem)
    for rule in pack.rules:
        rule.literals  # noqa: B018  # worked out now, to be pickled with the rule
    packcache.store(shown, digest, pack)
    return pack


def _parse_pack(shown: str, source: str, stem: str) -> Pack:
    import tomllib  # here: a pack loaded from the pack cache needs no TOML parser

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(err))
        raise RuleFileError(shown, line, column, f"invalid TOML: {message}") from None
    return _PackBuilder(shown, source, _Where.scan(source)).build(data, stem)


def _unknown_key(key: str, kind: Kind) -> str:
    own = [o.name for o in kind.options]
    if not own:
        return f"unknown key '{key}': a {kind.name} rule takes only the common keys"
    return f"unknown key '{key}' for a {kind.name} rule (expected {expected_keys(own)})"


def _as_outdated(problem: Problem) -> Problem:
    """A problem of an `outdated` rule's entries, in the words its file uses."""
    if not problem.where or problem.where[0] != "entries":
        return problem
    where = tuple("by" if p == "suggestion" else p for p in ("formulations", *problem.where[1:]))
    message = problem.message.replace(spell(problem.where), spell(where), 1)
    return Problem(where, message)


def _one_line(warnings: list[str]) -> tuple[str, ...]:
    """A file's deprecated spellings as one warning line: the first, and how many more."""
    if len(warnings) <= 1:
        return tuple(warnings)
    return (
        f"{warnings[0]}; and {len(warnings) - 1} more deprecated spelling(s) in this file"
        " (docs/rule-format.md, Deprecated spellings)",
    )


def _roles_in(matcher: object) -> Iterator[str]:
    """The roles of every in(role, …) inside a compiled expression."""
    if isinstance(matcher, InRole):
        yield matcher.role
    if dataclasses.is_dataclass(matcher) and not isinstance(matcher, type):
        for item in dataclasses.fields(matcher):
            value = getattr(matcher, item.name)
            for part in value if isinstance(value, tuple) else (value,):
                yield from _roles_in(part)


def _legacy_regex(text: str) -> Matcher | None:
    """A plain regular expression, as `outdated` took before expressions, or None."""
    from compliance.match.expr import ExprSyntaxError, compile_expr

    try:
        return compile_expr("/" + text.replace("/", "\\/") + "/")
    except ExprSyntaxError:
        return None


@dataclass
class _PackBuilder:
    """What compiling one rule file gathers."""

    shown: str
    source: str
    where: _Where
    roles_used: list[RoleUse] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    legacy: list[tuple[int, str]] = field(default_factory=list)  # plain regexes
    aliases: list[tuple[int, str]] = field(default_factory=list)  # (line, what to write)

    def fail(self, path: Where, message: str, rule: int = -1) -> RuleFileError:
        line, column = self.where.locate(path, rule)
        return RuleFileError(self.shown, line, column, message)

    def build(self, data: dict[str, Any], stem: str) -> Pack:
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(
                    (key,),
                    f"unknown table or key '{key}' (expected pack, terms, roles, passing or rule)",
                )
        pack_info = data.get("pack", {})
        if not isinstance(pack_info, dict):
            raise self.fail(("pack",), "expected a [pack] table")
        for problem in check_table(pack_info, PACK_OPTIONS, ("pack",)):
            raise self.fail(problem.where, problem.message)
        name = str(pack_info.get("name", stem))
        terms = self._named_lists(data.get("terms", {}), "terms")
        roles = self._named_lists(data.get("roles", {}), "roles")
        passing = self._passing(data.get("passing", {}), terms)
        raw_rules = data.get("rule", [])
        if not isinstance(raw_rules, list):
            raise self.fail(("rule",), "expected [[rule]] tables")
        rules = tuple(
            self.rule(raw, index, name, terms, passing) for index, raw in enumerate(raw_rules)
        )
        self._facets(rules)
        if self.legacy:
            line, key = self.legacy[0]
            more = f" (and {len(self.legacy) - 1} more)" if len(self.legacy) > 1 else ""
            self.warnings.append(
                f"{self.shown}:{line}: deprecated: {key} is a plain regular expression{more};"
                " write it as an expression, between slashes (plain ones are accepted in this"
                " release only)"
            )
        if self.aliases:
            line, text = self.aliases[0]
            more = f" (and {len(self.aliases) - 1} more)" if len(self.aliases) > 1 else ""
            self.warnings.append(
                f"{self.shown}:{line}: deprecated: {text}{more} (accepted in this release only)"
            )
        return Pack(
            name=name,
            path=self.shown,
            rules=rules,
            terms=terms,
            roles=roles,
            roles_used=tuple(self.roles_used),
            warnings=_one_line(self.warnings),
        )

    def _facets(self, rules: tuple[Rule, ...]) -> None:
        """A code written as several [[rule]] facets: deprecated, one warning per file."""
        first: dict[str, Rule] = {}
        repeated: list[Rule] = []
        for rule in rules:
            earlier = first.setdefault(rule.code, rule)
            if earlier is rule:
                continue
            same = (earlier.name, earlier.severity, earlier.title)
            if same != (rule.name, rule.severity, rule.title):
                raise RuleFileError(
                    self.shown,
                    rule.line,
                    1,
                    f"rule code {rule.code} is already defined at line {earlier.line}"
                    " (entries sharing a code must agree on name, severity and title)",
                )
            repeated.append(rule)
        if repeated:
            more = f" (and {len(repeated) - 1} more in this file)" if len(repeated) > 1 else ""
            self.warnings.append(
                f"{self.shown}:{repeated[0].line}: deprecated: a second [[rule]] with code"
                f" {repeated[0].code}{more}; write one [[rule]] per code"
                " (several are accepted in this release only)"
            )

    def _named_lists(self, value: Any, table: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.fail((table,), f"expected a [{table}] table of named lists of strings")
        lists: dict[str, tuple[str, ...]] = {}
        for key, item in value.items():
            strings = _str_list(item)
            if strings is None:
                raise self.fail((table, key), f"expected a list of strings for {table}.{key}")
            lists[key] = strings
        return lists

    def _passing(self, value: Any, terms: Mapping[str, Sequence[str]]) -> dict[str, Passing]:
        """The pack's classes of passing mention, their expressions compiled."""
        if not isinstance(value, dict):
            raise self.fail(("passing",), "expected [passing.NAME] tables")
        classes: dict[str, Passing] = {}
        for name, table in value.items():
            where: Where = ("passing", name)
            if not isinstance(table, dict):
                raise self.fail(where, f"expected a [passing.{name}] table")
            for problem in check_table(table, PASSING_FIELDS, where):
                raise self.fail(problem.where, problem.message)
            parts = [k for k in ("before", "after", "clause") if k in table]
            if not parts:
                raise self.fail(where, f"expected before, after or clause in passing.{name}")
            compiled = {
                k: self._expression(table[k], (*where, k), Expression(), -1, terms) for k in parts
            }
            unit, why = table.get("unit", "clause"), table.get("why", "")
            classes[name] = Passing(name, unit=unit, why=why, **compiled)
        return classes

    def rule(
        self,
        raw: Any,
        index: int,
        pack: str,
        terms: Mapping[str, Sequence[str]],
        passing: Mapping[str, Passing] | None = None,
    ) -> Rule:
        def error(path: Where, message: str) -> RuleFileError:
            return self.fail(path, message, index)

        if not isinstance(raw, dict):
            raise error((), "expected a [[rule]] table")
        for key in REQUIRED_KEYS:
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise error((key,) if key in raw else (), f"expected '{key}' (a non-empty string)")
        code, kind_name = raw["code"], raw["kind"]
        if not CODE().match(code):
            raise error(("code",), f"expected a rule code like IW101, found '{code}'")
        written = kind_name
        if kind_name in ALIASES:  # an old kind, now a way of writing a substitute rule
            translate, instead = ALIASES[kind_name]
            line, _ = self.where.locate(("kind",), index)
            self.aliases.append((line, f"kind '{kind_name}' is an old name: write {instead}"))
            raw = {**translate(raw), "kind": "substitute"}
            kind_name = "substitute"
        elif kind_name == "forbid" and "suggestion" in raw:
            line, _ = self.where.locate(("suggestion",), index)
            self.aliases.append(
                (
                    line,
                    "'suggestion' on a forbid rule: write kind = \"substitute\" with match"
                    " and suggestion",
                )
            )
        kind = KINDS.get(kind_name)
        if kind is None:
            raise error(
                ("kind",),
                f"unknown kind '{kind_name}' (expected one of {', '.join(sorted(KINDS))})",
            )
        options = {k: v for k, v in raw.items() if k not in RULE_KEYS}
        for key in options:
            if kind.option(key) is None:
                raise error((key,), _unknown_key(key, kind))
        for wrong in check_table(options, kind.options):
            if written == "outdated":  # named and placed as written: formulations[].by
                wrong = _as_outdated(wrong)
            raise error(wrong.where, f"{wrong.message} (a rule of kind {written})")
        problem = kind.validate(options) if kind.validate else None
        if problem:
            raise error(problem.where, problem.message)
        if raw["severity"] not in SEVERITIES:
            raise error(("severity",), 'expected severity "error", "warning" or "info"')
        severity: Severity = raw["severity"]
        unknown = _placeholders(raw["message"]) - PLACEHOLDERS - kind.placeholders
        if unknown:
            known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS | kind.placeholders))
            raise error(("message",), f"unknown placeholder in message (expected one of {known})")
        description = raw.get("description", "")
        if not isinstance(description, str):
            raise error(("description",), "expected 'description' to be a string")
        examples = raw.get("examples", {})
        bad = _str_list(examples.get("bad", [])) if isinstance(examples, dict) else None
        good = _str_list(examples.get("good", [])) if isinstance(examples, dict) else None
        if bad is None or good is None or not set(examples) <= {"bad", "good"}:
            raise error(("examples",), 'expected examples = { bad = ["…"], good = ["…"] }')
        override = raw.get("override", False)
        if not isinstance(override, bool):
            raise error(("override",), "expected override = true or false")

        def leaf(type_: Type, value: Any, where: Where) -> Any:
            if isinstance(type_, Expression):
                matcher = self._expression(value, where, type_, index, terms)
                for role in _roles_in(matcher):
                    line, column = self.where.locate(where, index)
                    named = re.search(rf"\bin\s*\(\s*{re.escape(role)}\b", value)
                    if named:
                        at = named.end() - len(role)
                        line, column = _value_position(self.source, line, column, at)
                    use = RoleUse(role, (), f"an in(…) of {spell(where)}", self.shown, line, column)
                    self.roles_used.append(use)
                return value if type_.as_text else matcher
            if isinstance(type_, Role):
                line, column = self.where.locate(where, index)
                self.roles_used.append(
                    RoleUse(value, type_.builtin, spell(where), self.shown, line, column)
                )
            return value

        compiled: dict[str, Any] = {}
        for option in kind.options:
            if option.name in options:
                compiled[option.name] = option.type.convert(
                    options[option.name], (option.name,), leaf
                )
            elif option.default is not None:
                compiled[option.name] = option.default
        if "passing" in compiled:  # names of the pack's [passing] classes
            declared = passing or {}
            for n, class_name in enumerate(compiled["passing"]):
                if class_name not in declared:
                    listed = expected_keys(sorted(declared)) if declared else "none in this pack"
                    raise error(
                        ("passing", n),
                        f"unknown passing class '{class_name}' (expected {listed})",
                    )
            compiled["passing"] = tuple(declared[c] for c in compiled["passing"])
        # The keys that have fields of their own in a Rule.
        own = ("scope", "match", "exclude", "suggestion", "fix")
        options = {k: v for k, v in compiled.items() if k not in own}
        if kind.prepare is not None:  # derived keys, added after validation
            options = kind.prepare(options, lambda text: self._entry(text, index, terms))
        title_zh = raw.get("title-zh", "")
        if not isinstance(title_zh, str):
            raise error(("title-zh",), "expected 'title-zh' to be a string")
        return Rule(
            code=code,
            name=raw["name"],
            kind=kind_name,
            severity=severity,
            title=raw["title"],
            title_zh=title_zh,
            message=raw["message"],
            pack=pack,
            source=self.shown,
            line=self.where.rule_lines[index] if index < len(self.where.rule_lines) else 1,
            scope=compiled.get("scope", "report"),
            match=compiled.get("match"),
            match_source=raw.get("match", ""),
            exclude=compiled.get("exclude"),
            suggestion=compiled.get("suggestion"),
            description=description,
            bad_examples=bad,
            good_examples=good,
            options=options,
            override=override,
            fix=compiled.get("fix"),
        )

    def _entry(self, text: str, index: int, terms: Mapping[str, Sequence[str]]) -> Matcher:
        """An expression a kind's prepare compiles: its syntax was checked where written."""
        from compliance.match.expr import ExprSyntaxError, compile_expr

        try:
            return compile_expr(text, terms)
        except ExprSyntaxError as err:  # only if a kind compiles text it did not declare
            raise self.fail((), f"in the expression '{text}': {err}", index) from None

    def _expression(
        self,
        text: str,
        where: Where,
        type_: Expression,
        index: int,
        terms: Mapping[str, Sequence[str]],
    ) -> Matcher:
        # Imported here: a pack loaded from the cache never needs the parser.
        from compliance.match.expr import ExprSyntaxError, compile_expr

        try:
            return compile_expr(text, terms)
        except ExprSyntaxError as err:
            line, column = self.where.locate(where, index)
            legacy = _legacy_regex(text) if type_.legacy_regex else None
            if legacy is not None:
                self.legacy.append((line, spell(where)))
                return legacy
            line, column = _value_position(self.source, line, column, err.offset)
            raise RuleFileError(self.shown, line, column, str(err).split(": ", 1)[1]) from None
