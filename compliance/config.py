"""Project configuration: `complint.toml` or `[tool.complint]` in `pyproject.toml`.

Found by walking up from the current directory; the first file that configures complint
wins. Paths in it are relative to the file that names them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compliance.findings import SEVERITIES, Severity
from compliance.rulefile import RuleFileError

KEYS = frozenset({"select", "ignore", "rules", "severity", "period"})


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()  # extra rule files or folders, beside the bundled packs
    severity: Mapping[str, Severity] = field(default_factory=dict)
    period: str | None = None  # e.g. "2024年上半年", when a report's title does not say
    source: Path | None = None


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
        raise RuleFileError(str(path), 1, 1, f"invalid TOML: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise RuleFileError(str(path), 1, 1, f"cannot read configuration ({err})") from None
    table: Any = data.get("tool", {}).get("complint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise RuleFileError(str(path), 1, 1, "expected a [tool.complint] table")

    def fail(key: str, message: str) -> RuleFileError:
        return RuleFileError(str(path), _line_of(path, key), 1, message)

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
    return Config(
        select=lists["select"],
        ignore=lists["ignore"],
        rules=tuple(path.parent / p for p in lists["rules"]),
        severity=dict(severity),
        period=period,
        source=path,
    )


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1


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
