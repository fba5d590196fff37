"""Project configuration: `complint.toml` or `[tool.complint]` in `pyproject.toml`.

Found by walking up from the current directory; the first file that configures complint
wins. Paths in it are relative to the file that names them.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compliance.errors import ConfigError
from compliance.lazyre import lazy
from compliance.model.findings import SEVERITIES, Severity
from compliance.model.period import setting_problem
from compliance.packs import selection
from compliance.readers.collection import anchor

if TYPE_CHECKING:
    import tomllib

KEYS = frozenset(
    {
        "select",
        "ignore",
        "rules",
        "severity",
        "period",
        "per-path-ignores",
        "exclude",
        "bundled",
        "allow",
    }
)
# A pyproject.toml that mentions [tool.complint] is ours to report even when it is not
# valid TOML: skipping it would run without the settings and pass silently.
_TOOL_HEADER = lazy(r"^\s*\[\s*tool\s*\.\s*complint\s*[\].]", re.MULTILINE)
_TOML_AT = lazy(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")


@dataclass(frozen=True)
class Config:
    """Settings from the configuration file and the command line."""

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()  # extra rule files or folders, beside the bundled packs
    severity: Mapping[str, Severity] = field(default_factory=dict)
    period: str | None = None  # e.g. "2024年上半年", when a report's title does not say
    source: Path | None = None
    # (glob pattern, codes or prefixes) pairs, in file order: `[per-path-ignores]`
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Patterns of files and folders that folder walks and globs skip (`exclude`,
    # `--exclude`), relative to the configuration's folder.
    exclude: tuple[str, ...] = ()
    bundled: bool = True  # load the bundled rule packs (`bundled = false`: only `rules`)
    # Words and names the unit accepts (its own place names, 市直): a finding whose
    # characters lie inside one is suppressed (compliance.lint.suppress).
    allow: tuple[str, ...] = ()


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "complint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return pyproject
    return None


def _tool_table(pyproject: Path) -> dict[str, Any] | bool | None:
    """The [tool.complint] table; True when the file names it but cannot be read."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    import tomllib  # here: a run without a config file need not import it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True if _TOOL_HEADER().search(text) else None
    table = data.get("tool", {}).get("complint")
    return table if isinstance(table, dict) else None


def toml_error(path: Path, err: tomllib.TOMLDecodeError) -> ConfigError:
    """tomllib's message, at the line and column it names (not at 1:1)."""
    found = _TOML_AT().search(str(err))
    line, column = (1, 1)
    if found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    elif found:  # at the end of the document
        text = path.read_text(encoding="utf-8")
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
    return ConfigError(str(path), line, column, f"invalid TOML: {_TOML_AT().sub('', str(err))}")


def load_config(path: Path) -> Config:
    import tomllib  # here: a run without a config file need not import it

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise toml_error(path, err) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(str(path), 1, 1, f"cannot read configuration ({err})") from None
    table: Any = data.get("tool", {}).get("complint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(str(path), 1, 1, "expected a [tool.complint] table")

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(str(path), _line_of(path, key), 1, message)

    for key in table:
        if key not in KEYS:
            raise fail(key, f"unknown setting '{key}' (expected one of {', '.join(sorted(KEYS))})")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("select", "ignore", "rules", "exclude", "allow"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"expected '{key}' to be a list of strings")
        lists[key] = tuple(value)
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise fail("severity", 'expected severity = { CODE = "error" | "warning" | "info" }')
    period = table.get("period")
    if period is not None and not isinstance(period, str):
        raise fail("period", 'expected period to be a string such as "2024年上半年"')
    problem = setting_problem("period", period)
    if problem is not None:
        raise ConfigError(str(path), *locate(path, "period", str(period)), problem)
    bundled = table.get("bundled", True)
    if not isinstance(bundled, bool):
        raise fail("bundled", "expected bundled = true or false")
    per_path = table.get("per-path-ignores", {})
    if not isinstance(per_path, dict) or not all(
        isinstance(codes, list) and all(isinstance(c, str) for c in codes)
        for codes in per_path.values()
    ):
        raise fail(
            "per-path-ignores",
            'expected [per-path-ignores] entries such as "archive/*.txt" = ["TX304"]',
        )
    return Config(
        select=split_codes(lists["select"]),
        ignore=split_codes(lists["ignore"]),
        rules=tuple(path.parent / p for p in lists["rules"]),
        severity={code.strip().upper(): level for code, level in severity.items()},
        period=period,
        source=path,
        per_path_ignores=tuple(
            (pattern, split_codes(codes)) for pattern, codes in per_path.items()
        ),
        exclude=anchor(lists["exclude"], path.parent),
        bundled=bundled,
        allow=tuple(word for word in lists["allow"] if word.strip()),
    )


def locate(path: Path, key: str, value: str = "") -> tuple[int, int]:
    """Line and column of `value` — a quoted string, or a bare key (`{ TX304 = … }`) — at
    or after the line of `key`; else the key's line."""
    line = _line_of(path, key)
    if not value:
        return line, 1
    lines = path.read_text(encoding="utf-8").splitlines()
    wanted = re.compile(
        rf"[\"']{re.escape(value)}[\"']|(?<![\w\"']){re.escape(value)}(?=\s*=)", re.IGNORECASE
    )
    for number in range(line, len(lines) + 1):
        found = wanted.search(lines[number - 1])
        if found:
            return number, found.start() + 1
    return line, 1


def check_codes(config: Config, known: Collection[str]) -> None:
    """Raise at the offending entry when the file names a code no loaded rule has."""
    if config.source is None:
        return
    checks: list[tuple[str, Sequence[str], bool]] = [
        ("select", config.select, False),
        ("ignore", config.ignore, False),
        ("severity", tuple(config.severity), True),
    ]
    checks += [("per-path-ignores", codes, False) for _, codes in config.per_path_ignores]
    for key, codes, whole in checks:
        problem = selection.problem(key, codes, known, whole=whole)
        if problem is not None:
            bad = next(c for c in codes if selection.problem(key, [c], known, whole=whole))
            line, column = locate(config.source, key, bad)
            raise ConfigError(str(config.source), line, column, problem)


def _line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if path.name == "pyproject.toml":  # other tools have keys named select, ignore …
        header = _TOOL_HEADER().search("\n".join(lines))
        start = "\n".join(lines)[: header.start()].count("\n") if header else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        # A key is also a table header: `[per-path-ignores]`, `[tool.complint.per-path-ignores]`.
        if line.strip().lstrip("[").removeprefix("tool.complint.").startswith(key):
            return number
    return 1


def path_ignores(
    path: str, patterns: Sequence[tuple[str, tuple[str, ...]]], root: Path | None
) -> tuple[str, ...]:
    """The codes `per-path-ignores` switches off for `path` (as shown on the command line).

    A pattern is matched against the path relative to the configuration's folder (or as
    given, when the file lies outside it); a pattern without "/" also matches the bare
    file name, as in ruff. `*` crosses folders, so `archive/*` covers everything below.
    """
    if not patterns:
        return ()
    given = Path(path)
    paths = {given.as_posix()}
    if root is not None:
        with contextlib.suppress(ValueError):  # outside the configuration's folder
            paths.add(given.resolve().relative_to(root.resolve()).as_posix())
    codes: list[str] = []
    for pattern, ignored in patterns:
        names = paths if "/" in pattern else paths | {given.name}
        if any(fnmatch.fnmatchcase(name, pattern) for name in names):
            codes.extend(ignored)
    return tuple(codes)


def split_codes(values: Sequence[str]) -> tuple[str, ...]:
    """`--select IW,TX301 --select ST` → ("IW", "TX301", "ST")."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def is_enabled(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Ruff's rule: the most specific (longest) matching prefix decides; select by default."""
    chosen = [(len(p), True) for p in (select or ("",)) if code.startswith(p)]
    chosen += [(len(p), False) for p in ignore if code.startswith(p)]
    if not chosen:
        return False
    longest = max(length for length, _ in chosen)
    # At equal specificity ignore wins: `--select TX301 --ignore TX301` disables it.
    return all(on for length, on in chosen if length == longest)
