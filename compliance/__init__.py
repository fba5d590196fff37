"""complint: a rule-based compliance linter for Chinese official reports.

The library API (docs/api.md): `check`, `check_many`, `load_rules` and their types.
"""

__version__ = "0.1.0"

# After __version__: the output modules import it while this package is initialising.
from compliance.api import (
    Config,
    DetectedReport,
    OutlineHeading,
    Result,
    RuleSet,
    check,
    check_many,
    discover_config,
    load_config,
    load_rules,
)
from compliance.errors import (
    ComplintError,
    ConfigError,
    ReadError,
    RuleError,
    UsageError,
)
from compliance.findings import Finding, Severity

__all__ = [
    "ComplintError",
    "Config",
    "ConfigError",
    "DetectedReport",
    "Finding",
    "OutlineHeading",
    "ReadError",
    "Result",
    "RuleError",
    "RuleSet",
    "Severity",
    "UsageError",
    "__version__",
    "check",
    "check_many",
    "discover_config",
    "load_config",
    "load_rules",
]
