"""Rendered responses kept per store generation (web.access): the store only changes through an
ingest, so a page asked for again shows the same data until then. Bounded by entries and bytes,
least recently used first out; a new generation empties it."""
from __future__ import annotations

import threading
from collections import OrderedDict


class ResponseCache:
    def __init__(self, max_entries: int = 4096, max_bytes: int = 64_000_000) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._generation = -1
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, generation: int, key: tuple) -> tuple[bytes, str] | None:
        with self._lock:
            if generation != self._generation:
                self._items.clear()
                self._bytes, self._generation = 0, generation
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
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
