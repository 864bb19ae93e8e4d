"""`/events`: the filtered event list, a page at a time, with download links."""
from __future__ import annotations

from typing import Any

from parley.schema import EVENT_TYPES, MODALITIES
from parley.store.db import Store
from parley.web import queries
from parley.web.params import EventQuery
from parley.web.views.common import event_row, link


def form_choices(store: Store) -> dict[str, Any]:
    """Choices for the filter form (HTML only)."""
    return {"types": EVENT_TYPES, "modalities": MODALITIES, "outlets": [o for o, _ in queries.outlets(store, 60)],
            "actors": [a["code"] for a in queries.top_actors(store, 60)]}


def build(store: Store, q: EventQuery, choices: bool = False) -> dict[str, Any]:
    total, rows = queries.event_page(store, q.filter(), q.min_independent, q.size, (q.page - 1) * q.size)
    pages = max(1, -(-total // q.size))
    events = [event_row(r["mention"], r["event_id"], r["reports"], r["independent_reports"],
                        title=r["title"], outlet=r["outlet"], published=r["published"]) for r in rows]
    return {
        "title": "Events", "query": q.params(), "total": total, "page": q.page, "size": q.size, "pages": pages,
        "events": events,
        "next_url": link("/events", q.params(page=q.page + 1)) if q.page < pages else None,
        "prev_url": link("/events", q.params(page=q.page - 1)) if q.page > 1 else None,
        "download": {fmt: link(f"/events.{fmt}", q.params(page=1, size=0)) for fmt in ("csv", "jsonl")},
        "_form": q, "_facets": form_choices(store) if choices else {},
    }
