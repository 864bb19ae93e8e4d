"""The pages: each registered twice by `page()`, as HTML (a Jinja2 template over the view's
data) and as its JSON twin at the same path + `.json` (the same data, less the `_`-prefixed
presentation keys). The JSON twins are the documented API (OpenAPI at /openapi.json)."""
from __future__ import annotations

import asyncio
import functools
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from parley import jsonfast
from parley.store.db import Store
from parley.web.cache import page_key
from parley.web.params import EventQuery, TimelineQuery, event_query, timeline_query
from parley.web.views import article as article_view
from parley.web.views import events as events_view
from parley.web.views import overview as overview_view
from parley.web.views import story as story_view
from parley.web.views import timeline as timeline_view

router = APIRouter()


def ID() -> Any:  # a fresh Path() per parameter: FastAPI binds a Path object to one name
    return Path(..., max_length=200, description="an id as stored")


@contextmanager
def reader(request: Request) -> Iterator[Store]:
    """The request's store: the one `page()` opened for it, else a new reader."""
    store = getattr(request.state, "store", None)
    if store is not None:
        yield store
        return
    with request.app.state.access.reader() as store:
        yield store


def html(request: Request) -> bool:
    return getattr(request.state, "html", False)


def public(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith("_")}


def json_url(request: Request) -> str:
    path = request.url.path.rstrip("/") or ""
    return f"{path}.json" + (f"?{request.url.query}" if request.url.query else "")


def _key(request: Request, kind: str) -> tuple:
    return page_key(kind, request.scope["path"], request.query_params.multi_items())


def _respond(body: bytes, media: str, hit: bool) -> Response:
    return Response(body, media_type=media, headers={"X-Parley-Cache": "hit" if hit else "miss"})


def _make_cached(request: Request, kind: str, make: Callable[[], tuple[bytes, str]]) -> Response:
    """(In a worker thread) the response from the cache of this store generation, or made now."""
    access, cache = request.app.state.access, request.app.state.cache
    with access.reader() as store:
        request.state.store = store
        generation = access.served  # what the pages describe (the summary's state of the store)
        hit = cache.get(generation, _key(request, kind), count=False)  # made while this one waited?
        if hit is not None:
            return _respond(*hit, True)
        body, media = make()
        cache.put(generation, _key(request, kind), body, media)
    return _respond(body, media, False)


async def _cached(request: Request, kind: str, make: Callable[[], tuple[bytes, str]]) -> Response:
    """A miss reads the store in a worker thread, a few at a time, and concurrent requests for
    the same page wait for that one result."""
    state = request.app.state
    key = _key(request, kind)  # a hit was answered before routing (web.cache.CachedPages)
    pending = state.inflight.get(key)
    if pending is not None:
        body, media = await asyncio.shield(pending)
        return _respond(body, media, True)
    future: asyncio.Future = asyncio.get_running_loop().create_future()
    state.inflight[key] = future
    try:
        async with state.read_slots:
            response = await run_in_threadpool(_make_cached, request, kind, make)
        future.set_result((response.body, response.media_type))
        return response
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # retrieved: waiters re-raise it, nobody else must
        raise
    finally:
        del state.inflight[key]


def page(path: str, template: str, name: str, summary: str) -> Callable:
    """Register `view` at `path` (HTML) and `path.json` (JSON); the JSON route first, so that
    `/articles/{id}.json` is not taken for an id ending in `.json`."""
    def register(view: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(view)
        async def as_json(*args: Any, **kwargs: Any) -> Response:
            def make() -> tuple[bytes, str]:
                data = {**public(view(*args, **kwargs)), "as_of": kwargs["request"].app.state.access.as_of()}
                return jsonfast.dump_bytes(data), "application/json"
            return await _cached(kwargs["request"], "json", make)

        @functools.wraps(view)
        async def as_html(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]
            request.state.html = True  # views may add presentation-only data (form choices)

            def make() -> tuple[bytes, str]:
                data = {**view(*args, **kwargs), "as_of": request.app.state.access.as_of()}
                text = request.app.state.templates.env.get_template(template).render(
                    request=request, v=data, page=name, json_url=json_url(request))
                return text.encode(), "text/html; charset=utf-8"
            return await _cached(request, "html", make)

        router.add_api_route(("/" if path == "/" else path) + ".json", as_json, methods=["GET"],
                             name=f"{name}_json", summary=summary, response_class=JSONResponse)
        router.add_api_route(path, as_html, methods=["GET"], name=name, include_in_schema=False,
                             response_class=HTMLResponse)
        return view
    return register


@page("/", "overview.html", "overview", "Overview: events over time by quad and type, top actors and dyads")
def overview(request: Request) -> dict[str, Any]:
    with reader(request) as store:
        return overview_view.build(store, draw=html(request))


@page("/events", "events.html", "events", "Events (de-duplicated), filtered, newest first, a page at a time")
def events(request: Request, q: EventQuery = Depends(event_query)) -> dict[str, Any]:
    with reader(request) as store:
        return events_view.build(store, q, choices=html(request))


@page("/timeline", "timeline.html", "timeline",
      "Stance timeline: cooperative vs conflictual events over time, negotiation events marked")
def timeline(request: Request, q: TimelineQuery = Depends(timeline_query)) -> dict[str, Any]:
    with reader(request) as store:
        return timeline_view.build(store, q, draw=html(request))


@page("/stories", "stories.html", "stories", "Stories: groups of articles reporting one origin report")
def stories(request: Request) -> dict[str, Any]:
    with reader(request) as store:
        return story_view.index(store)


@page("/stories/{story_id}", "story.html", "story", "A story: its origin report, copies, rewrites, write-ups")
def story(request: Request, story_id: str = ID()) -> dict[str, Any]:
    with reader(request) as store:
        return story_view.build(store, story_id)


@page("/articles/{article_id}", "article.html", "article",
      "An article: its text with evidence spans, each event's fields, its provenance")
def article(request: Request, article_id: str = ID()) -> dict[str, Any]:
    with reader(request) as store:
        return article_view.build(store, article_id, highlight=html(request))
