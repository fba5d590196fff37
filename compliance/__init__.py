"""complint: a rule-based compliance linter for Chinese official reports.

The library API (docs/api.md): `check`, `check_many`, `load_rules` and their types.
"""

from __future__ import annotations

import importlib

from compliance.constants import __version__

# Not typing's own: importing typing (with re, functools, collections …) is half of
# `complint --version` where nothing else has imported it (mypy reads the name as
# typing.TYPE_CHECKING).
TYPE_CHECKING = False

# The public names are imported on first use (PEP 562), so `import compliance` and
# `complint --version` do not load the engine, the rule compiler and the readers.
_HOMES = {
    "Config": "compliance.api",
    "DetectedReport": "compliance.api",
    "Fixed": "compliance.api",
    "OutlineHeading": "compliance.api",
    "Result": "compliance.api",
    "RuleSet": "compliance.api",
    "annotate": "compliance.api",
    "check": "compliance.api",
    "check_many": "compliance.api",
    "discover_config": "compliance.api",
    "fix": "compliance.api",
    "load_config": "compliance.api",
    "load_rules": "compliance.api",
    "BaselineError": "compliance.errors",
    "ComplintError": "compliance.errors",
    "ConfigError": "compliance.errors",
    "ReadError": "compliance.errors",
    "RuleError": "compliance.errors",
    "RuleFileError": "compliance.errors",
    "UsageError": "compliance.errors",
    "Finding": "compliance.model.findings",
    "Severity": "compliance.model.findings",
}

if TYPE_CHECKING:
    from typing import Any

    from compliance.api import (
        Config,
        DetectedReport,
        Fixed,
        OutlineHeading,
        Result,
        RuleSet,
        annotate,
        check,
        check_many,
        discover_config,
        fix,
        load_config,
        load_rules,
    )
    from compliance.errors import (
        BaselineError,
        ComplintError,
        ConfigError,
        ReadError,
        RuleError,
        RuleFileError,
        UsageError,
    )
    from compliance.model.findings import Finding, Severity


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'compliance' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once only
    return value


__all__ = [
    "BaselineError",
    "ComplintError",
    "Config",
    "ConfigError",
    "DetectedReport",
    "Finding",
    "Fixed",
    "OutlineHeading",
    "ReadError",
    "Result",
    "RuleError",
    "RuleFileError",
    "RuleSet",
    "Severity",
    "UsageError",
    "__version__",
    "annotate",
    "check",
    "check_many",
    "discover_config",
    "fix",
    "load_config",
    "load_rules",
]
