"""Article-level facts the store already knows about a gold item (same content hash): the
markers of the page it was read from (a gold item keeps only the body, not the trailer)."""
from __future__ import annotations

import os
from typing import Callable

from parley.schema import Article


def from_store(path: str) -> Callable[[list[Article]], None] | None:
    if not path or not os.path.exists(path):
        return None

    def enrich(articles: list[Article]) -> None:
        import duckdb

        from parley.store.db import Store

        try:
            store = Store(path, read_only=True)
        except Exception:  # noqa: BLE001 - a locked or foreign store just means: nothing known
            return
        try:
            by_hash = {a.content_hash: a for a in articles}
            rows = store.con.execute("SELECT content_hash, id FROM articles WHERE content_hash IN (SELECT unnest(?))",
                                     [list(by_hash)]).fetchall()
            for digest, stored_id in rows:
                stored = store.article(stored_id)
                if stored is None:
                    continue
                have = {m.kind for m in by_hash[digest].markers}
                by_hash[digest].markers += [m for m in stored.markers if m.kind not in have]
        except duckdb.Error:
            return
        finally:
            store.close()
    return enrich
