"""One error shape for every error the server returns: {"status": int, "code": str, "message": str}.

JSON for API clients and `.json` paths; an HTML page showing the same three fields for
browsers (a request whose Accept header asks for text/html on a non-JSON path).
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley.errors import ParleyError

log = logging.getLogger("parley.web")

HTTP_CODES = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
              405: "method-not-allowed", 406: "not-acceptable", 409: "conflict", 413: "too-large",
              415: "unsupported-media-type", 422: "invalid-parameter", 429: "too-many-requests",
              500: "internal-error", 503: "unavailable"}
# Store errors (parley.errors codes) that mean "try again later" rather than "broken".
STORE_BUSY = {"E050", "E051", "E053"}


class WebError(Exception):
    """An error with an HTTP status, a stable code and a message meant for the user."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def shape(status: int, code: str, message: str) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or path.startswith("/api/") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def render(request: Request, err: WebError) -> Response:
    body = shape(err.status, err.code, err.message)
    templates = getattr(request.app.state, "templates", None)
    if templates is not None and wants_html(request):
        return templates.TemplateResponse(request, "error.html", {"v": body, "page": "error"},
                                          status_code=err.status, headers=err.headers)
    return JSONResponse(body, status_code=err.status, headers=err.headers)


def from_parley(exc: ParleyError) -> WebError:
    if exc.code in STORE_BUSY:
        return WebError(503, "store-unavailable", f"[{exc.code}] {exc.message}", {"Retry-After": "5"})
    return WebError(400, "bad-request", f"[{exc.code}] {exc.message}")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Route every kind of error to the one shape."""

    @app.exception_handler(WebError)
    async def _web(request: Request, exc: WebError) -> Response:
        return render(request, exc)

    @app.exception_handler(ParleyError)
    async def _parley(request: Request, exc: ParleyError) -> Response:
        return render(request, from_parley(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else HTTP_CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return render(request, WebError(status, HTTP_CODES.get(status, "error"), message,
                                        dict(exc.headers or {})))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return render(request, WebError(422, "invalid-parameter", _validation_message(exc)))
