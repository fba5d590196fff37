"""Rule files: TOML packs of declarative rules, loaded and compiled once.

Every problem in a rule file is reported as `file:line:column: what was expected`, the
way a compiler reports a syntax error, because rule authors are not Python programmers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
import string
import tomllib
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import compliance
from compliance import packcache
from compliance.findings import SEVERITIES, Severity
from compliance.kinds import KINDS
from compliance.kinds.base import PLACEHOLDERS, Rule
from compliance.kinds.substitute import ALIASES
from compliance.matchers import Matcher

CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
RULE_KEYS = frozenset(
    {
        "code",
        "name",
        "kind",
        "severity",
        "title",
        "title-zh",
        "message",
        "scope",
        "match",
        "exclude",
        "suggestion",
        "description",
        "examples",
        "override",
        "fix",
    }
)
REQUIRED_KEYS = ("code", "name", "kind", "severity", "title", "message")
TOP_KEYS = frozenset({"pack", "terms", "roles", "rule"})


class RuleFileError(Exception):
    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    rules: tuple[Rule, ...]
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # "file:line: what is deprecated and what to write instead", warned on every load
    deprecations: tuple[str, ...] = ()


class RuleFileDeprecation(FutureWarning):
    """A rule file spelling that still works for one release (an old kind name)."""


def default_rules_dir() -> Path:
    """The bundled packs: inside the installed package, or `rules/` of a source checkout."""
    bundled = resources.files(compliance) / "rules"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(compliance.__file__).resolve().parent.parent / "rules"


def rule_files(path: Path) -> list[Path]:
    """A rule file, or every *.toml directly inside a folder, in name order."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    return [path]


def load_packs(paths: Iterable[Path]) -> list[Pack]:
    """Load packs from files and folders.

    A code may have several [[rule]] entries in one file — facets of one rule that needs
    more than one kind (PF402: a forbidden form and an incomplete list) — when they agree
    on name, severity and title. A rule with `override = true` replaces the rule of its
    code loaded before it (a bundled one). Anything else defining a code twice is an
    error. A file given twice, or an identical copy of a loaded pack (`--rules` naming
    a bundled pack), is loaded once.
    """
    packs: list[Pack] = []
    seen: dict[str, Rule] = {}
    loaded: set[bytes] = set()
    for path in paths:
        for file in rule_files(path):
            with contextlib.suppress(OSError):  # load_pack reports an unreadable file
                digest = hashlib.sha256(file.read_bytes()).digest()
                if digest in loaded:
                    continue
                loaded.add(digest)
            pack = load_pack(file)
            for note in pack.deprecations:
                warnings.warn(note, RuleFileDeprecation, stacklevel=2)
            for rule in pack.rules:
                first = seen.setdefault(rule.code, rule)
                if first is rule:
                    continue
                if rule.override and first.source != rule.source:
                    packs = [
                        dataclasses.replace(
                            p, rules=tuple(r for r in p.rules if r.code != rule.code)
                        )
                        for p in packs
                    ]
                    seen[rule.code] = rule
                    continue
                facet = (first.source, first.name, first.severity, first.title) == (
                    rule.source,
                    rule.name,
                    rule.severity,
                    rule.title,
                )
                if not facet:
                    hint = (
                        " (entries sharing a code must agree on name, severity and title)"
                        if first.source == rule.source
                        else "; to replace it on purpose add override = true to this rule,"
                        " or load only your packs (--no-bundled-rules, bundled = false)"
                    )
                    raise RuleFileError(
                        rule.source,
                        rule.line,
                        1,
                        f"rule code {rule.code} is already defined in {first.source}:{first.line}"
                        + hint,
                    )
            packs.append(pack)
    return packs


# -- locating keys and values in the source, for error positions -------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*")


@dataclass
class _Where:
    """Positions of tables and keys: (table path, key) → (line, column of the value)."""

    rule_lines: list[int] = field(default_factory=list)
    keys: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def scan(cls, source: str) -> _Where:
        where = cls()
        table, rule_index = "", -1
        for number, line in enumerate(source.splitlines(), start=1):
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                table = header.group(1)
                if line.lstrip().startswith("[[") and table == "rule":
                    rule_index += 1
                    where.rule_lines.append(number)
                continue
            key = _KEY.match(line)
            if key:
                index = rule_index if table.startswith("rule") else -1
                full = f"{table}.{key.group(1)}" if table else key.group(1)
                where.keys.setdefault((full, index), (number, key.end() + 1))
        return where

    def key(self, table_key: str, rule: int = -1) -> tuple[int, int]:
        found = self.keys.get((table_key, rule))
        if found:
            return found
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
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return {"{"}


def load_pack(path: Path, display: str | None = None) -> Pack:
    shown = display or str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RuleFileError(shown, 1, 1, f"cannot read rule file ({err})") from None
    cached = packcache.load(shown, source)
    if cached is not None:
        return cached
    pack = _parse_pack(shown, source, path.stem)
    packcache.store(shown, source, pack)
    return pack


def _parse_pack(shown: str, source: str, stem: str) -> Pack:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(err))
        raise RuleFileError(shown, line, column, f"invalid TOML: {message}") from None
    return _build_pack(shown, source, data, _Where.scan(source), stem)


def _build_pack(shown: str, source: str, data: dict[str, Any], where: _Where, stem: str) -> Pack:
    def fail(key: str, message: str, rule: int = -1) -> RuleFileError:
        line, column = where.key(key, rule)
        return RuleFileError(shown, line, column, message)

    for key in data:
        if key not in TOP_KEYS:
            raise fail(key, f"unknown table or key '{key}' (expected pack, terms, roles or rule)")
    pack_info = data.get("pack", {})
    name = pack_info.get("name", stem) if isinstance(pack_info, dict) else stem
    terms = _named_lists(data.get("terms", {}), "terms", fail)
    roles = _named_lists(data.get("roles", {}), "roles", fail)
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise fail("rule", "expected [[rule]] tables")
    deprecations: list[str] = []
    rules = tuple(
        _build_rule(shown, source, raw, index, name, terms, where, fail, deprecations)
        for index, raw in enumerate(raw_rules)
    )
    return Pack(
        name=str(name),
        path=shown,
        rules=rules,
        terms=terms,
        roles=roles,
        deprecations=tuple(deprecations),
    )


def _named_lists(value: Any, table: str, fail: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise fail(table, f"expected a [{table}] table of named lists of strings")
    lists: dict[str, tuple[str, ...]] = {}
    for key, item in value.items():
        strings = _str_list(item)
        if strings is None:
            raise fail(f"{table}.{key}", f"expected a list of strings for {table}.{key}")
        lists[key] = strings
    return lists


def _option_type_ok(value: Any, expected: type) -> bool:
    # TOML writes 16 where a float is meant; true is never a number.
    if isinstance(value, bool):
        return expected is bool
    return isinstance(value, (int, float) if expected is float else expected)


def _build_rule(
    shown: str,
    source: str,
    raw: Any,
    index: int,
    pack: str,
    terms: Mapping[str, Sequence[str]],
    where: _Where,
    fail: Any,
    deprecations: list[str] | None = None,
) -> Rule:
    def error(key: str, message: str) -> RuleFileError:
        full: RuleFileError = fail(f"rule.{key}", message, index)
        return full

    if not isinstance(raw, dict):
        raise error("code", "expected a [[rule]] table")
    for key in REQUIRED_KEYS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise error(key if key in raw else "code", f"expected '{key}' (a non-empty string)")
    code, kind_name = raw["code"], raw["kind"]
    if not CODE.match(code):
        raise error("code", f"expected a rule code like IW101, found '{code}'")
    if kind_name in ALIASES:  # an old kind, now a way of writing a substitute rule
        translate, instead = ALIASES[kind_name]
        line, column = where.key("rule.kind", index)
        if deprecations is not None:
            deprecations.append(
                f"{shown}:{line}:{column}: kind '{kind_name}' is deprecated and will be"
                f" removed in the next release: write {instead}"
            )
        raw = {**translate(raw), "kind": "substitute"}
        kind_name = "substitute"
    if kind_name == "forbid" and "suggestion" in raw and deprecations is not None:
        line, column = where.key("rule.suggestion", index)
        deprecations.append(
            f"{shown}:{line}:{column}: 'suggestion' on a forbid rule is deprecated and will be"
            ' removed in the next release: write kind = "substitute" with match and suggestion'
        )
    kind = KINDS.get(kind_name)
    if kind is None:
        raise error(
            "kind", f"unknown kind '{kind_name}' (expected one of {', '.join(sorted(KINDS))})"
        )
    for key in raw:
        if key not in RULE_KEYS and key not in kind.options:
            raise error(key, f"unknown key '{key}' for a {kind_name} rule")
    for key, expected in kind.options.items():
        if key in raw and not _option_type_ok(raw[key], expected):
            raise error(key, f"expected '{key}' to be a {expected.__name__}")
    for key in kind.required:
        if key not in raw:
            raise error("code", f"a {kind_name} rule needs '{key}'")
    problem = kind.validate(raw) if kind.validate else None
    if problem:
        raise error("code", problem)
    if raw["severity"] not in SEVERITIES:
        raise error("severity", 'expected severity "error", "warning" or "info"')
    severity: Severity = raw["severity"]
    unknown = _placeholders(raw["message"]) - PLACEHOLDERS - kind.placeholders
    if unknown:
        known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS | kind.placeholders))
        raise error("message", f"unknown placeholder in message (expected one of {known})")

    def expression(key: str) -> Matcher | None:
        text = raw.get(key)
        if text is None:
            return None
        if not isinstance(text, str):
            raise error(key, f"expected '{key}' to be an expression string")
        # Imported here: a pack loaded from the cache never needs the parser.
        from compliance.expr import ExprSyntaxError, compile_expr

        try:
            return compile_expr(text, terms)
        except ExprSyntaxError as err:
            line, column = where.key(f"rule.{key}", index)
            line, column = _value_position(source, line, column, err.offset)
            raise RuleFileError(shown, line, column, str(err).split(": ", 1)[1]) from None

    def entry_expression(text: str) -> Matcher:
        from compliance.expr import ExprSyntaxError, compile_expr

        try:
            return compile_expr(text, terms)
        except ExprSyntaxError as err:
            raise error(
                "code", f"in the expression '{text}': {str(err).split(': ', 1)[1]}"
            ) from None

    options = {k: raw[k] for k in kind.options if k in raw}
    if kind.prepare is not None:
        options = kind.prepare(options, entry_expression)
    match = expression("match")
    if kind.needs_match and match is None:
        raise error("code", f"a {kind_name} rule needs 'match'")
    examples = raw.get("examples", {})
    bad = _str_list(examples.get("bad", [])) if isinstance(examples, dict) else None
    good = _str_list(examples.get("good", [])) if isinstance(examples, dict) else None
    if bad is None or good is None:
        raise error("examples", 'expected examples = { bad = ["…"], good = ["…"] }')
    override = raw.get("override", False)
    if not isinstance(override, bool):
        raise error("override", "expected override = true or false")
    fix = raw.get("fix")
    if fix is not None and fix != "safe":
        raise error("fix", 'expected fix = "safe" (or no fix key: the suggestion is advice only)')
    suggestion = raw.get("suggestion")
    scope = raw.get("scope", "report")
    description = raw.get("description", "")
    title_zh = raw.get("title-zh", "")
    for key, value in (
        ("suggestion", suggestion),
        ("scope", scope),
        ("description", description),
        ("title-zh", title_zh),
    ):
        if value is not None and not isinstance(value, str):
            raise error(key, f"expected '{key}' to be a string")
    return Rule(
        code=code,
        name=raw["name"],
        kind=kind_name,
        severity=severity,
        title=raw["title"],
        title_zh=title_zh,
        message=raw["message"],
        pack=pack,
        source=shown,
        line=where.rule_lines[index] if index < len(where.rule_lines) else 1,
        scope=scope,
        match=match,
        match_source=raw.get("match", ""),
        exclude=expression("exclude"),
        suggestion=suggestion,
        description=description,
        bad_examples=bad,
        good_examples=good,
        options=options,
        override=override,
        fix=fix,
    )
