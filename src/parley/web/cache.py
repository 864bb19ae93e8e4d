"""Rendered responses kept per store generation (web.access): the store only changes through an
ingest, so a page asked for again shows the same data until then. Bounded by entries and bytes,
least recently used first out; a new generation empties it."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Iterable

from starlette.datastructures import QueryParams


def page_key(kind: str, path: str, query: Iterable[tuple[str, str]]) -> tuple:
    """The cache key of a rendered page: its kind ("html" or "json"), path and sorted query."""
    return (kind, path, tuple(sorted(query)))


class ResponseCache:
    def __init__(self, max_entries: int = 4096, max_bytes: int = 64_000_000) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._generation = -1
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, generation: int, key: tuple, count: bool = True) -> tuple[bytes, str] | None:
        with self._lock:
            if generation != self._generation:
                self._items.clear()
                self._bytes, self._generation = 0, generation
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            if count:
                self.hits += item is not None
                self.misses += item is None
            return item

    def put(self, generation: int, key: tuple, body: bytes, media_type: str) -> None:
        if self.max_entries <= 0 or len(body) > self.max_bytes // 8:
            return
        with self._lock:
            if generation != self._generation:
                return
            old = self._items.pop(key, None)
            if old:
                self._bytes -= len(old[0])
            self._items[key] = (body, media_type)
            self._bytes += len(body)
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _, (dropped, _) = self._items.popitem(last=False)
                self._bytes -= len(dropped)


class CachedPages:
    """ASGI middleware: a GET whose page is in the cache of the generation the server shows is
    answered here, before routing and parameter parsing (web.routes fills the cache, under the
    same page_key; a JSON twin's path ends in `.json`). Anything else goes on to the app."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            state = scope["app"].state
            generation = state.access.current_generation()
            if generation is not None:
                path = scope["path"]
                key = page_key("json" if path.endswith(".json") else "html", path,
                               QueryParams(scope["query_string"].decode("latin-1")).multi_items())
                hit = state.cache.get(generation, key)
                if hit is not None:
                    state.access.touch()
                    body, media = hit
                    await send({"type": "http.response.start", "status": 200, "headers": [
                        (b"content-type", media.encode()), (b"content-length", str(len(body)).encode()),
                        (b"x-parley-cache", b"hit")]})
                    await send({"type": "http.response.body", "body": body})
                    return
        await self.app(scope, receive, send)
