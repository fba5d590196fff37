"""SHA-256 and BLAKE2b for every digest a lint takes, without importing hashlib.

`import hashlib` loads OpenSSL's libcrypto and registers its algorithms: 11.7 million
instructions, 1.2 % of a one-file lint, for digests of a few hundred kilobytes. CPython
builds its own SHA-256 (`_sha256` up to 3.11, `_sha2` from 3.12) and BLAKE2 (`_blake2`)
as small modules of their own; hashlib is the fallback where a build lacks them.

- `sha256` gives the same digests as hashlib's (the findings' fingerprints, the code's
  hash): the values people keep (baselines, SARIF) do not change.
- `blake2b` keys the caches (`compliance.packcache.cache_key`): each lint hashes the
  bundled rule files' 350 KB for the pack cache's key, which CPython's own SHA-256 takes
  three times as many instructions for as BLAKE2b.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


try:  # CPython's own, 3.12 and later
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    try:  # up to 3.11
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:  # a build without them
        from hashlib import sha256 as _sha256  # type: ignore[assignment,no-redef,unused-ignore]

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # a build without it
    from hashlib import blake2b as _blake2b  # type: ignore[assignment,unused-ignore]

_SHA256: Callable[..., Any] = _sha256


def sha256(data: bytes = b"") -> Digest:
    """A SHA-256 object, as hashlib.sha256(data)."""
    digest: Digest = _SHA256(data)
    return digest


def blake2b(data: bytes = b"") -> Digest:
    """A BLAKE2b object with a 32-byte digest (64 hex digits, as SHA-256's)."""
    return _blake2b(data, digest_size=32)
