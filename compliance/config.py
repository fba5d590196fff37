"""Project configuration: `complint.toml` or `[tool.complint]` in `pyproject.toml`.

Found by walking up from the current directory; the first file that configures complint
wins. Paths in it are relative to the file that names them.
"""

from __future__ import annotations

import contextlib
import fnmatch
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.errors import ConfigError
from compliance.model.findings import SEVERITIES, Severity

KEYS = frozenset({"select", "ignore", "rules", "severity", "period", "per-path-ignores"})


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()  # extra rule files or folders, beside the bundled packs
    severity: Mapping[str, Severity] = field(default_factory=dict)
    period: str | None = None  # e.g. "2024年上半年", when a report's title does not say
    source: Path | None = None
    # (glob pattern, codes or prefixes) pairs, in file order: `[per-path-ignores]`
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()


def find_config(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "complint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return pyproject
    return None


def _tool_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = data.get("tool", {}).get("complint")
    return table if isinstance(table, dict) else None


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(str(path), 1, 1, f"invalid TOML: {err}") from None
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
    for key in ("select", "ignore", "rules"):
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
        select=lists["select"],
        ignore=lists["ignore"],
        rules=tuple(path.parent / p for p in lists["rules"]),
        severity=dict(severity),
        period=period,
        source=path,
        per_path_ignores=tuple(
            (pattern, split_codes(codes)) for pattern, codes in per_path.items()
        ),
    )


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
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
