"""Rule kinds, one module each in this package: each module defines `KIND`.

Adding a kind is one module here; its declared options are the rule-file schema and
the docs' table of kinds (python docs/gen_rules.py).

A kind's module is imported when a rule of it first runs or is compiled, so a lint loads
only the kinds of the rules it runs (`--select TX302` imports one). A kind named like its
module (`doubled-label` in doubled_label.py, or one of _MODULES) is found directly; any
other name makes the registry import every module once to find it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from functools import cache

from compliance.kinds.base import Kind

# Kinds whose module is named otherwise.
_MODULES = {"cjk-space": "spaces"}


@cache
def _module_names() -> tuple[str, ...]:
    import pkgutil  # only for a kind not named after its module (see _Kinds._load)

    return tuple(info.name for info in pkgutil.iter_modules(__path__))


class _Kinds(Mapping[str, Kind]):
    """name → Kind, importing each kind's module on first use."""

    def __init__(self) -> None:
        self._found: dict[str, Kind] = {}
        self._complete = False

    def __getitem__(self, name: str) -> Kind:
        kind = self._found.get(name)
        if kind is None:
            kind = self._load(name)
        return kind

    def _load(self, name: str) -> Kind:
        module = _MODULES.get(name, name.replace("-", "_"))
        if module.isidentifier():
            # Imported by name, not looked up in the package's listing: pkgutil's
            # listing imports inspect (ast, dis, tokenize …), 2 % of a one-file lint.
            qualified = f"{__name__}.{module}"
            try:
                found = importlib.import_module(qualified)
            except ModuleNotFoundError as error:
                if error.name != qualified:
                    raise
            else:
                kind = getattr(found, "KIND", None)
                if isinstance(kind, Kind) and kind.name == name:
                    self._found[name] = kind
                    return kind
        return self._all()[name]  # KeyError: no such kind

    def _all(self) -> dict[str, Kind]:
        if not self._complete:
            found: dict[str, Kind] = {}
            for module in _module_names():
                kind = getattr(importlib.import_module(f"{__name__}.{module}"), "KIND", None)
                if isinstance(kind, Kind):
                    found[kind.name] = kind
            self._found, self._complete = found, True
        return self._found

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


KINDS: Mapping[str, Kind] = _Kinds()
