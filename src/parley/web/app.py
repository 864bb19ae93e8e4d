"""The app factory: `create_app(settings)` -> a FastAPI app over the store in settings.store."""
from __future__ import annotations

import asyncio
import importlib.util
import os
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from parley import __version__
from parley.settings import Settings
from parley.web import api, errors, routes
from parley.web.access import StoreAccess
from parley.web.cache import CachedPages, ResponseCache
from parley.web.security import SecureResponses

HERE = Path(__file__).parent
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def plotly_js() -> Path:
    """plotly.min.js as shipped inside the `plotly` package (served from here, never a CDN)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the plotly package is not installed (pip install plotly)")
    return Path(list(spec.submodule_search_locations)[0]) / "package_data" / "plotly.min.js"


def web_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs: a stored `javascript:` or `data:` URL is shown, never linked."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def style_guards(js: Path) -> list[str]:
    """Ids of the <style> elements plotly.js injects at load unless an element with that id exists
    (MapLibre's CSS: parley draws no maps). The pages carry such an element, so that nothing
    inline is injected and the CSP needs no 'unsafe-inline' for styles."""
    text = js.read_text(encoding="utf-8", errors="replace")
    return sorted(set(re.findall(r'getElementById\("([0-9a-f]{32,64})"\)\)\{var \w+=document\.createElement\("style"\)',
                                 text)))


def _templates(js: Path) -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    templates = Jinja2Templates(env=env)
    env.globals.update(version=__version__, quads=QUADS, plotly_style_guards=style_guards(js))
    env.filters["web_url"] = web_url
    return templates


def _openapi_page(app: FastAPI) -> Any:
    def api_page(request: Request) -> HTMLResponse:
        spec = app.openapi()
        endpoints = [{"path": p, "method": m.upper(), "summary": op.get("summary", ""),
                      "params": [x["name"] for x in op.get("parameters", [])]}
                     for p, ops in spec["paths"].items() for m, op in ops.items()]
        return app.state.templates.TemplateResponse(
            request, "api.html", {"v": {"title": "API", "endpoints": endpoints}, "page": "api",
                                  "json_url": "/openapi.json"})
    return api_page


def create_app(settings: Settings, access: StoreAccess | None = None) -> FastAPI:
    """The web app. Read-only unless `settings.token` is set (then it holds the store for writing)."""
    store_access = access or StoreAccess(settings.store, writable=bool(settings.token),
                                         idle_release=settings.web_idle_release)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.read_slots = asyncio.Semaphore(max(1, settings.web_read_slots))
        app.state.inflight = {}
        # the first summary is built before requests are accepted (none waits for it)
        await asyncio.get_running_loop().run_in_executor(None, store_access.warm)
        yield
        store_access.close()

    app = FastAPI(title="parley", lifespan=lifespan, version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="News coverage of conflicts as a sourced, de-duplicated ledger of PLOVER "
                              "events. Every HTML page has a JSON twin at the same path + `.json`; "
                              "errors are {status, code, message}.")
    app.state.settings = settings
    app.state.access = store_access
    app.state.cache = ResponseCache(max_entries=settings.web_cache_entries)
    js = plotly_js()
    app.state.templates = _templates(js)
    errors.install(app)
    app.add_middleware(CachedPages)  # inside SecureResponses: a cached page gets the same headers
    app.add_middleware(SecureResponses)
    app.add_api_route("/static/vendor/plotly.min.js", lambda: FileResponse(
        js, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"}),
        include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_api_route("/api", _openapi_page(app), include_in_schema=False, response_class=HTMLResponse)
    app.include_router(api.router)
    app.include_router(routes.router)
    return app


def create_app_from_env() -> FastAPI:
    """The app with settings from the environment (PARLEY_*): what each `parley serve --workers N`
    process builds."""
    from parley.settings import load

    return create_app(load(os.environ.get("PARLEY_CONFIG") or None))
