"""The identity of the running complint code: part of every cache key.

The version alone does not change while complint is developed or patched in place, so
the keys also hash the package's own source; a changed module never reuses an entry
written before the change.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from compliance import __version__

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
