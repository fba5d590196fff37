"""The compiled methods of complint's dataclasses, kept beside the pack cache.

`@dataclass` writes the source of each class's methods (__init__, __repr__, __eq__,
__hash__, and __setattr__/__delattr__ for a frozen class) and compiles it with `exec`:
for the ~70 classes a lint creates, some 400 small compilations, about a sixth of a
one-file run's time. The source depends only on the class's fields and options, never
on the process, so its compiled code can be kept: `install()` gives the dataclasses
module an `exec` that takes the code of a source it has seen from a marshal file, and
compiles (and keeps) only new sources. The function objects are made exactly as before
(the same code run with the same globals and locals); only `compile` is skipped.

The file sits in the pack cache's folder (`compliance.packcache.folder`, so
COMPLINT_PACK_CACHE=off turns this off too), one per Python bytecode version, and is
written once when a process met sources it did not hold. Like every cache it is an
optimisation only: a missing, unreadable or foreign file is ignored. Importing this
module installs it (compliance.api imports it before any module that defines a class).
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from compliance.packcache import folder

# Sources kept at most: past it (many versions of complint met over time) start afresh.
MAX_ENTRIES = 5000


def _file() -> Path | None:
    base = folder()
    return None if base is None else base / f"dataclasses-{sys.implementation.cache_tag}.marshal"


class _Codes:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {}
        self.new = 0
        try:
            data = path.read_bytes()
            if data[: len(MAGIC_NUMBER)] == MAGIC_NUMBER:
                loaded = marshal.loads(data[len(MAGIC_NUMBER) :])
                if isinstance(loaded, dict):
                    self.codes = loaded
        except Exception:  # absent, truncated or foreign: compile as dataclasses does
            self.codes = {}

    def __call__(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """`exec` as the dataclasses module sees it."""
        if type(source) is str:
            code = self.codes.get(source)
            if type(code) is not CodeType:
                code = compile(source, "<string>", "exec")  # what exec(source) compiles
                self.codes[source] = code
                self.new += 1
            source = code
        builtins.exec(source, globals, locals)

    def save(self) -> None:
        if not self.new:
            return
        from compliance.atomic import write_atomically

        codes = self.codes
        if len(codes) > MAX_ENTRIES:
            codes = dict(list(codes.items())[-self.new :])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, MAGIC_NUMBER + marshal.dumps(codes))
        except Exception:  # a read-only cache folder: compile next time
            return
        self.new = 0


def install() -> None:
    """From now on, dataclasses compiles each method source once per machine. Idempotent;
    does nothing when the pack cache is off."""
    if isinstance(getattr(dataclasses, "exec", None), _Codes):
        return
    path = _file()
    if path is None:
        return
    codes = _Codes(path)
    # A module's globals come before the builtins: dataclasses' calls to exec reach this.
    dataclasses.exec = codes  # type: ignore[attr-defined]
    atexit.register(codes.save)


install()
