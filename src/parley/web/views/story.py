"""`/stories` and `/stories/{id}`: a report's origin, its copies, rewrites and independent
write-ups (from the provenance fields Article.story_id / copy_kind / copy_of)."""
from __future__ import annotations

from typing import Any

from parley.schema import COPY_KINDS
from parley.store.db import Store
from parley.web.errors import WebError
from parley.export.query import ARTICLE_ROOT
from parley.web.queries import SA, SE

GROUPS = COPY_KINDS + ("unknown",)


def index(store: Store, limit: int = 200) -> dict[str, Any]:
    rows = store.con.execute(
        f"SELECT a.story_id, count(*), count(DISTINCT {ARTICLE_ROOT}), min(a.published), max(a.published), "
        "arg_min(a.title, coalesce(a.published, '9999')) "
        f"FROM {SA} a GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [limit]).fetchall()
    total = store.con.execute(f"SELECT count(DISTINCT story_id) FROM {SA}").fetchone()[0]
    return {"title": "Stories", "total": total, "shown": len(rows),
            "stories": [{"id": r[0], "articles": r[1], "independent": r[2], "first": r[3], "last": r[4],
                         "title": r[5], "url": f"/stories/{r[0]}"} for r in rows]}


def _origin(articles: list[dict[str, Any]]) -> dict[str, Any] | None:
    originals = [a for a in articles if a["copy_kind"] == "original"]
    pool = originals or articles
    return min(pool, key=lambda a: (a["published"] or "9999", a["id"])) if pool else None


def build(store: Store, story_id: str) -> dict[str, Any]:
    keys = ("id", "title", "outlet", "published", "url", "copy_kind", "copy_of", "language")
    rows = store.con.execute(f"SELECT {', '.join(keys)} FROM {SA} WHERE story_id = ? "
                             "ORDER BY published NULLS LAST, id", [story_id]).fetchall()
    if not rows:
        raise WebError(404, "not-found", f"no story {story_id!r} in the store")
    articles = [dict(zip(keys, r)) for r in rows]
    ids = [r[0] for r in rows]  # a short literal list is an index scan on articles.id
    lengths = dict(store.con.execute(f"SELECT id, length(text) FROM articles WHERE id IN ({', '.join('?' * len(ids))})",
                                     ids).fetchall())
    for a in articles:
        a["characters"] = lengths.get(a["id"])
    origin = _origin(articles)
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for a in articles:
        if origin is None or a["id"] != origin["id"]:
            groups[a["copy_kind"] if a["copy_kind"] in COPY_KINDS else "unknown"].append(a)
    ekeys = ("event_id", "event", "mode", "date", "actor", "recipient", "modality", "reports", "independent_reports",
             "quad_code", "actor_code", "recipient_code", "article_id")
    events = store.con.execute(f"SELECT {', '.join(ekeys)} FROM {SE} WHERE story_id = ? "
                               "ORDER BY date NULLS LAST, event_id LIMIT 500", [story_id]).fetchall()
    return {
        "title": f"Story {story_id}", "story_id": story_id, "articles": len(articles),
        "counts": {g: len(v) for g, v in groups.items() if v},
        "independent_reports": len({a["copy_of"] if a["copy_kind"] in ("verbatim", "partial", "rewrite")
                                    and a["copy_of"] else a["id"] for a in articles}),
        "origin": origin, "groups": {g: v for g, v in groups.items() if v},
        "events": [dict(zip(ekeys, r)) for r in events],
    }
