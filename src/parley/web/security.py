"""Security headers on every response, and the last-resort handler for unexpected errors.

Every response also carries `Server-Timing: app;dur=MS`, the time from the request's arrival
to the start of the response (the benchmarks read it as the page's server time).

The Content-Security-Policy allows scripts, styles, images and fetches from this server only:
no inline script (pages pass chart data in `<script type="application/json">` blocks, which
browsers never execute), no external origin, no framing, no plugins. Article titles and texts
are escaped by the templates (autoescape); this header is the second line of defence.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any, Awaitable, Callable

log = logging.getLogger("parley.web")

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class SecureResponses:
    """ASGI middleware: adds HEADERS to every HTTP response and turns an unhandled exception
    into a 500 in the one error shape (the traceback goes to the log, not to the client)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        t0 = time.perf_counter()

        async def send_secure(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                timing = (b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode())
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
                message["headers"].append(timing)
            await send(message)

        try:
            await self.app(scope, receive, send_secure)
        except Exception:  # noqa: BLE001 - the last resort: log it, answer in the one shape
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            body = json.dumps({"status": 500, "code": "internal-error",
                               "message": "an internal error occurred; the server log has the details"}).encode()
            await send_secure({"type": "http.response.start", "status": 500,
                               "headers": [(b"content-type", b"application/json"),
                                           (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
