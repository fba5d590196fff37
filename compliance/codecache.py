"""Code Python builds at every start-up the same way, kept beside the pack cache.

Two things a one-file lint used to spend about a third of its time on, both the same in
every process:

- `@dataclass` writes the source of each class's methods (__init__, __repr__, __eq__,
  __hash__, and __setattr__/__delattr__ for a frozen class) and compiles it with
  `exec`: for the ~70 classes a lint creates, some 400 small compilations. The
  dataclasses module is given an `exec` that takes the compiled code of a source it has
  seen (the function objects are made exactly as before, from the same code with the
  same globals and locals; only `compile` is skipped).
- `re.compile` parses each pattern and turns it into the regex engine's program in
  Python (a class such as `[\\u4e00-\\u9fff]` is enumerated character by character: over
  a millisecond each), for about 90 module-level patterns. The program of a pattern
  seen before is handed to the engine (`_sre.compile`) directly; a new one is made by
  the same steps as `re._compiler.compile`.

Both are kept in one marshal file in the pack cache's folder
(`compliance.packcache.folder`, so COMPLINT_PACK_CACHE=off turns this off too), one per
Python build (its version and the regex engine's MAGIC are in the file's header: the
programs depend on both), written when a process met something it did not hold. Like
every cache it is an optimisation only: a missing, unreadable or foreign file is
ignored; a pattern compiled by another module than complint's (a host program's) takes
re's own way, and so does every pattern on a Python other than CPython 3.11–3.13, whose
re internals this follows. Importing this module installs it (compliance.api imports it before any
module that defines a class or a pattern).
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import re
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from compliance.packcache import folder

# Entries kept at most: past it (many versions of complint met over time) start afresh.
MAX_ENTRIES = 5000

try:  # re's internals, as CPython 3.11–3.13 have them (a later one may change them)
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        raise ImportError("re's internals of another Python")
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE: str | None = str(_sre.MAGIC)
    if array("I").itemsize != _sre.CODESIZE:  # a program is kept as the engine's words
        raise ImportError("another code size")
    _ORIGINAL: Callable[..., re.Pattern[Any]] = _compiler.compile
    _code: Callable[..., list[int]] = _compiler._code
    _parse: Callable[..., Any] = _parser.parse
except (ImportError, AttributeError):  # another Python: its own re.compile
    _ENGINE = None

_DEBUG = int(re.DEBUG)
# (flags, the program as the engine's 32-bit words, groups, group names, names by number).
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def _file() -> Path | None:
    base = folder()
    return None if base is None else base / f"startup-{sys.implementation.cache_tag}.marshal"


class _Codes:
    """The kept code: an entry is taken out when used (the function or pattern it built
    holds what it needs), so start-up leaves no copy behind; new entries are added to
    the file's at exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header = f"{sys.version}|{_ENGINE}".encode("utf-8", "replace")
        self.methods, self.programs = self._read()
        self.new: tuple[dict[str, CodeType], dict[tuple[str, int], _Program]] = ({}, {})
        # Hashes of the entries taken out: built again (two classes can share a method's
        # source), they are not new.
        self.taken: set[int] = set()
        # The methods' code taken out, by source: one met again (12 of a one-file lint's 440
        # are shared by two classes) takes the same code instead of compiling it. The code
        # objects are the functions' own; only the sources are held (under 150 KB).
        self.shared: dict[str, CodeType] = {}

    def _read(self) -> tuple[dict[str, CodeType], dict[tuple[str, int], _Program]]:
        try:
            header, _, body = self.path.read_bytes().partition(b"\n")
            if header == self.header:
                methods, programs = marshal.loads(body)
                if isinstance(methods, dict) and isinstance(programs, dict):
                    return methods, programs
        except Exception:  # absent, truncated or foreign: build as Python does
            pass
        return {}, {}

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """`exec` as the dataclasses module sees it."""
        if type(source) is str:
            code = self.methods.pop(source, None)
            if type(code) is CodeType:
                self.taken.add(hash(source))
                self.shared[source] = code
            elif source in self.shared:
                code = self.shared[source]
            else:
                code = compile(source, "<string>", "exec")  # what exec(source) compiles
                if _ours(globals):  # complint's only
                    self.shared[source] = code
                    if hash(source) not in self.taken:
                        self.new[0][source] = code
            source = code
        builtins.exec(source, globals, locals)

    def compile_re(self, pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        """`re._compiler.compile`, with the program of a pattern seen before kept."""
        if type(pattern) is not str or type(flags) is not int or flags & _DEBUG:
            return _ORIGINAL(pattern, flags)
        if not _ours(_caller().f_globals):  # a host program's own patterns: re's own way
            return _ORIGINAL(pattern, flags)
        key = (pattern, flags)
        program = self.programs.pop(key, None)
        if program is not None:
            self.taken.add(hash(key))
        else:
            parsed = _parse(pattern, flags)  # the steps of re._compiler.compile
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, number in groupindex.items():
                indexgroup[number] = name
            program = (
                flags | parsed.state.flags,
                array("I", _code(parsed, flags)).tobytes(),
                parsed.state.groups - 1,
                groupindex,
                tuple(indexgroup),
            )
            if hash(key) not in self.taken:
                self.new[1][key] = program
        final, words, groups, names, numbers = program
        code = array("I", words).tolist()
        compiled: re.Pattern[Any] = _sre.compile(pattern, final, code, groups, names, numbers)
        return compiled

    def save(self) -> None:
        """Add what this process built to the file (read again: its entries used here
        were taken out)."""
        new_methods, new_programs = self.new
        if not new_methods and not new_programs:
            return
        from compliance.atomic import write_atomically

        methods, programs = self._read()
        if len(methods) + len(programs) > MAX_ENTRIES:  # start afresh: runs refill it
            methods, programs = {}, {}
        methods.update(new_methods)
        programs.update(new_programs)
        try:
            data = marshal.dumps((methods, programs))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, self.header + b"\n" + data)
        except Exception:  # a read-only cache folder: build next time
            return
        self.new = ({}, {})


def _ours(namespace: Any) -> bool:
    """Whether a module's globals are complint's: only its code is kept, so the file
    holds what a lint builds (a library user's own classes and patterns are not)."""
    name = namespace.get("__name__", "") if isinstance(namespace, dict) else ""
    return isinstance(name, str) and name.split(".")[0] == "compliance"


def _caller() -> FrameType:
    """The frame that asked re for a pattern (past re's and functools' own)."""
    frame = sys._getframe(2)
    while frame.f_back is not None and frame.f_globals.get("__name__") in _PASSING:
        frame = frame.f_back
    return frame


_PASSING = {"re", "re._compiler", "functools", __name__}
_INSTALLED: list[_Codes] = []


def install() -> None:
    """From now on, dataclasses' methods and re's programs are built once per machine.
    Idempotent; does nothing when the pack cache is off."""
    if _INSTALLED:
        return
    path = _file()
    if path is None:
        return
    codes = _Codes(path)
    _INSTALLED.append(codes)
    # A module's globals come before the builtins: dataclasses' calls to exec reach this.
    dataclasses.exec = codes.exec  # type: ignore[attr-defined]
    if _ENGINE is not None:
        _compiler.compile = codes.compile_re
    atexit.register(codes.save)


install()
