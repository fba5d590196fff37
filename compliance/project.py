"""Where complint lives: the one place its repository address is written in code.

pyproject.toml's [project.urls] repeats it (a test keeps the two equal); SARIF's rule help
links, rdjson's source and the install instructions in the docs are made from it.
"""

from __future__ import annotations

REPOSITORY = "https://github.com/complint/complint"


def rule_help(code: str, base: str = REPOSITORY) -> str:
    """The rule's page in docs/rules/ (generated from the rule files), on the main branch."""
    return f"{base}/blob/main/docs/rules/{code}.md"
