"""The `regex` package's C engine alone, for patterns that come compiled from the pack cache.

A compiled rule pack holds its patterns as `regex` patterns, which pickle as a call of
the engine's `regex._regex.compile` on the pattern's program: loading one compiles
nothing. Importing `regex._regex` the ordinary way first runs the package (`regex`,
`regex._main`, `regex._regex_core`: the Python parser and its tables), about 6 % of a
one-file lint, which a lint that only runs the loaded patterns never calls. The
unpickler (compliance.packcache) takes the engine from here instead: the extension module
is loaded under its own name, and its patterns are registered for pickling as
`regex._main` registers them (a pool's workers receive the rules pickled). Compiling a
pattern (`regex.compile`) imports the package as usual, which then finds this very
module in sys.modules: patterns from both are of one type.
"""

from __future__ import annotations

import copyreg
import importlib.machinery
import importlib.util
import io
import pickle
import sys
from typing import Any

_NAME = "regex._regex"
_registered: list[type] = []


def engine() -> Any:
    """`regex._regex`: the loaded one, else the extension module loaded alone; when it
    cannot be found that way, through the package."""
    module = sys.modules.get(_NAME)
    if module is not None:
        return module
    package = importlib.util.find_spec("regex")  # finds it without running it
    folders = package.submodule_search_locations if package is not None else None
    spec = importlib.machinery.PathFinder.find_spec(_NAME, list(folders or ()))
    if spec is None or spec.loader is None:
        return importlib.import_module(_NAME)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[_NAME]
        raise
    return module


def compile(*program: Any) -> Any:
    """The engine's `compile` as a pickled pattern calls it, the pattern's type registered
    for pickling the first time (`regex._main` does the same when it is imported)."""
    pattern = engine().compile(*program)
    if not _registered:
        kind = type(pattern)
        copyreg.pickle(kind, _reduce)
        _registered.append(kind)
    return pattern


def _reduce(pattern: Any) -> tuple[Any, Any]:
    return engine().compile, pattern._pickled_data


class Unpickler(pickle.Unpickler):
    """pickle.load with `regex` patterns made by the engine alone."""

    def find_class(self, module: str, name: str, /) -> Any:
        if module == _NAME and name == "compile":
            return compile
        return super().find_class(module, name)


def loads(data: bytes) -> Any:
    """A pickled pattern (or what holds patterns) back, on the engine alone."""
    return Unpickler(io.BytesIO(data)).load()


class LazyPattern:
    """A pattern of the pack cache, made by the engine when first used.

    A one-file lint unpickles about 350 patterns and runs fewer than half of them (the
    prefilter leaves most rules' patterns unasked on a short report): making each took
    2.6 % of the lint. The pack cache pickles a pattern as its program and its repr
    (`reduction`), and loading it makes this stand-in. Its first use of an attribute
    makes the pattern and keeps the attribute (a bound method) in the stand-in's
    `__dict__`, where later uses find it as directly as on the pattern. Its repr is the
    pattern's, kept (the rules' repr is part of the result cache's key); it compares and
    hashes by identity, as a pattern does; pickled, it is the pattern itself."""

    def __init__(self, text: str, program: tuple[Any, ...]) -> None:
        self._text = text
        self._program = program

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_text", "_program"):
            raise AttributeError(name)  # copy's and pickle's probes: not the pattern's
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value

    def compiled(self) -> Any:
        pattern = self.__dict__.get("_pattern")
        if pattern is None:
            pattern = self.__dict__["_pattern"] = compile(*self._program)
        return pattern

    def __repr__(self) -> str:
        return self._text

    def __reduce__(self) -> tuple[Any, Any]:
        return _reduce(self.compiled())

    def __copy__(self) -> LazyPattern:
        return self  # as a pattern: immutable

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyPattern:
        return self


def lazy(text: str, program: tuple[Any, ...]) -> LazyPattern:
    """What a pickled `reduction` calls."""
    return LazyPattern(text, program)


def reduction(value: object) -> tuple[Any, tuple[str, tuple[Any, ...]]] | None:
    """`value` pickled as a LazyPattern, if it is a pattern (a Pickler's reducer_override):
    its program, as the engine's own reduction holds it, and its repr."""
    if isinstance(value, LazyPattern):
        value = value.compiled()
    elif not (_registered and type(value) is _registered[0]) and not _is_pattern(value):
        return None
    program = value._pickled_data  # type: ignore[attr-defined]
    return lazy, (repr(value), tuple(program))


def _is_pattern(value: object) -> bool:
    # A pattern compiled by the package (regex.compile) before any came from the cache.
    kind = type(value)
    return kind.__name__ == "Pattern" and kind.__module__ in ("_regex", "regex._regex")
