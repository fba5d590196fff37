"""complint's version.

The identity of the running code that every cache key holds (the version and a hash of
the package's source) is compliance.packcache's `code_hash` and `cache_key`: keeping that
hash needs the pack cache's folder.
"""

from __future__ import annotations

from compliance.constants import __version__ as __version__
