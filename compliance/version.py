"""complint's version, and the identity of the running code that every cache key holds.

The version alone does not change while complint is developed or patched in place, so
the keys also hash the package's own source; a changed module never reuses an entry
written before the change. `cache_key` is the one recipe for every cache complint keeps:
the result cache, the compiled-pack cache and the pytest plugin's record of passes.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from compliance.constants import __version__ as __version__

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(*parts: str | bytes) -> str:
    """A key for `parts` under this code: each part length-prefixed, so that no two
    different lists of parts can run together into the same bytes."""
    digest = hashlib.sha256()
    for part in (code_hash(), *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
