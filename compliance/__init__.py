"""complint: a rule-based compliance linter for Chinese official reports."""

__version__ = "0.1.0"
