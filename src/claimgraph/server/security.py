"""ASGI middleware that guards every request before any route sees it.

* :class:`SecurityHeaders` — a strict Content-Security-Policy (scripts, styles and images
  only from this server, no inline script or style, no framing, forms post only here) and
  the usual companions on every response, errors included.
* :class:`BodyLimit` — refuses a body larger than ``max_body_bytes`` with 413: at once when
  ``Content-Length`` says so, otherwise as soon as the streamed body passes the limit, so a
  client can never make the server hold more than the limit in memory.
* :class:`LocalGuard` — in single-user mode, accepts only ``Host`` headers naming loopback
  (a web page in the user's browser could otherwise reach the server through DNS
  rebinding).
* :class:`NoCrossSiteWrites` — refuses cross-site writes (``Sec-Fetch-Site``/``Origin``), so
  another web site cannot make a user's browser submit articles or URLs to this server.

They are plain ASGI classes rather than ``BaseHTTPMiddleware`` so the body can be counted as
it streams and nothing is buffered twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from .errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Not "no-referrer": with it browsers send "Origin: null" on same-site form posts, which
    # the cross-site check must refuse (sandboxed frames send it too). Nothing leaks: the
    # referrer goes only to this server.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def send_error(send: Send, status: int, code: str, message: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A JSON error response sent straight from middleware (before any route runs)."""
    body = json.dumps(error_body(code, message)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), *(headers or [])],
    })
    await send({"type": "http.response.body", "body": body})


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


class SecurityHeaders:
    """Adds the security headers to every HTTP response (replacing any the app set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, without reading past the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        too_large = f"the request body is larger than the limit of {self.limit:,} bytes"
        declared = header(scope, b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.limit):
            message = too_large if declared.strip().isdigit() else "invalid Content-Length"
            await send_error(send, 413 if declared.strip().isdigit() else 400,
                             "too_large" if declared.strip().isdigit() else "bad_request",
                             message, [(b"connection", b"close")])
            return
        # Read the body here (bounded), then replay it: the route never sees a partial body.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await send_error(send, 413, "too_large", too_large, [(b"connection", b"close")])
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class LocalGuard:
    """Single-user mode only: answer only requests whose ``Host`` names loopback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = (header(scope, b"host") or "").lower()
        if not _is_loopback_authority(host):
            await send_error(send, 403, "forbidden",
                             "this single-user server only answers requests addressed to "
                             "127.0.0.1, [::1] or localhost")
            return
        await self.app(scope, receive, send)


class NoCrossSiteWrites:
    """Refuses writes that a browser labels as coming from another site (CSRF).

    Scripts and API clients send neither ``Sec-Fetch-Site`` nor ``Origin`` and pass; a form
    on another web site posting to this server is refused, login cookie or not.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            if _cross_site(scope, (header(scope, b"host") or "").lower()):
                await send_error(send, 403, "forbidden", "cross-site requests are refused; "
                                 "use the pages served by this server")
                return
        await self.app(scope, receive, send)


def _is_loopback_authority(authority: str) -> bool:
    if authority.startswith("["):
        host = authority[1:].split("]", 1)[0]
    else:
        host = authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority
    if host in ("localhost", "::1"):
        return True
    parts = host.split(".")
    return len(parts) == 4 and parts[0] == "127" and all(p.isdigit() for p in parts)


def _cross_site(scope: Scope, host: str) -> bool:
    """True when a browser tells us the request comes from another site."""
    fetch_site = header(scope, b"sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = header(scope, b"origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc.lower() != host
    return origin == "null"


class CatchAll:
    """Turns an unexpected exception into a 500 error body inside the middleware stack, so
    even that response carries the security headers. The traceback goes to the log only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            logging.getLogger("claimgraph.server").exception(
                "internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_error(send, 500, "internal",
                                 f"internal error ({type(exc).__name__}); see the server log")
