"""Rule kinds, discovered from this package: each module defines `KIND`.

Adding a kind is one module here; its declared options are the rule-file schema and
the docs' table of kinds (python docs/gen_rules.py).
"""

from __future__ import annotations

import importlib
import pkgutil

from compliance.kinds.base import Kind


def _discover() -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Kind):
            kinds[kind.name] = kind
    return kinds


KINDS: dict[str, Kind] = _discover()
