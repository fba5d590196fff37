"""`complint serve`: a local web page to check reports, and a JSON API beside it.

Installed with the `web` extra (`pip install 'complint[web]'`): Starlette and uvicorn
serve it; the page, its script and style ship in this package and load nothing from
elsewhere, so it works on an offline intranet.
"""

from __future__ import annotations

from compliance.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
