"""Output: the Result of a run and its forms.

`FORMATS` is the registry: a format's name → the module that renders it. Every format
module has one function, `render(run: Run) -> str | Iterable[str]` (pieces of text are
written as they come: an archive's JSON is big). Adding a format is one module here and
its line below. Modules are imported when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

# render(run: compliance.output.result.Run). Typed loosely here: the registry loads the
# format modules by name, so that the modules, which take a Run, can be reached from
# Result itself (result.to_text()) without an import loop.
Renderer = Callable[[Any], "str | Iterable[str]"]

FORMATS: dict[str, str] = {
    "text": "compliance.output.text",
    "concise": "compliance.output.concise",
    "json": "compliance.output.json",
    "json-lines": "compliance.output.jsonlines",
    "sarif": "compliance.output.sarif",
    "junit": "compliance.output.junit",
    "github": "compliance.output.github",
    "gitlab": "compliance.output.codeclimate",  # GitLab code quality (Code Climate JSON)
    "rdjson": "compliance.output.rdjson",  # reviewdog
    "html": "compliance.output.html",
    "statistics": "compliance.output.statistics",  # --statistics: counts per rule
}


def renderer(name: str) -> Renderer:
    """The `render` function of the format `name` (a key of FORMATS)."""
    render: Renderer = importlib.import_module(FORMATS[name]).render
    return render


def render(name: str, run: Any) -> str:
    """The whole output of format `name` for `run`, as one string."""
    rendered = renderer(name)(run)
    return rendered if isinstance(rendered, str) else "".join(rendered)
