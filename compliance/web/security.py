"""What keeps the page safe on an intranet: form tokens, a same-origin check, a body
limit and response headers that forbid loading anything from elsewhere."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The page loads only its own files; nothing from a CDN, no inline script, no framing.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class Tokens:
    """Form tokens: the time they were issued, signed with a secret of this process.

    The page sends one with every upload, and a page on another site cannot read one, so
    it cannot make a user's browser post to this server (CSRF). Nothing is stored.
    """

    def __init__(self, lifetime_seconds: int = 12 * 3600) -> None:
        self._secret = secrets.token_bytes(32)
        self._lifetime = lifetime_seconds

    def _sign(self, issued: str) -> str:
        return hmac.new(self._secret, issued.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        issued = str(int(time.time()))
        return f"{issued}.{self._sign(issued)}"

    def valid(self, token: str) -> bool:
        issued, _, signature = token.partition(".")
        if not issued.isdigit() or not hmac.compare_digest(signature, self._sign(issued)):
            return False
        return 0 <= time.time() - int(issued) <= self._lifetime


def same_origin(request: Request) -> bool:
    """False for a request a browser says came from another site.

    Browsers send Origin (and Sec-Fetch-Site) on every POST; programs on the intranet
    (curl, scripts) send neither and are let through to the JSON API.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    # The host alone: behind a proxy that ends TLS the page is https, the server http.
    return urlsplit(origin).netloc == request.headers.get("host", "") != ""


class TooLarge(Exception):
    """The request body ran past the limit while it was being read."""


class Guard:
    """ASGI middleware: cut off a body past `max_body` bytes, and add HEADERS."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge()
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, limited, with_headers)
