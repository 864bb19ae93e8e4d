"""`/`: events over time by quad and by type, top actors and dyads, store totals."""
from __future__ import annotations

from typing import Any

from parley.schema import EVENT_TYPES
from parley.store.db import Store
from parley.web import charts, queries
from parley.web.views.common import QUAD_NAMES, link


def build(store: Store, draw: bool = True) -> dict[str, Any]:
    """The overview's data; `draw` adds the charts (the HTML page; its JSON twin has no use for them)."""
    stats = store.stats()
    stats.pop("store", None)
    by_quad = [{"month": m, "quad": q, "events": n} for m, q, n in queries.counts_by_month(store, "quad_code")]
    by_type = [{"month": m, "event": t, "events": n} for m, t, n in queries.counts_by_month(store, "event")]
    types = [{"event": t, "quad": q, "quad_name": QUAD_NAMES.get(q), "events": n}
             for t, q, n in queries.type_totals(store)]
    present = [t for t in EVENT_TYPES if any(r["event"] == t for r in types)]
    first, last = queries.date_span(store)
    actors = queries.top_actors(store, 15)
    dyads = queries.top_dyads(store, 15)
    for a in actors:
        a["timeline_url"] = link("/timeline", {"actors": a["code"]})
        a["events_url"] = link("/events", {"actor": a["code"]})
    for d in dyads:
        d["timeline_url"] = link("/timeline", {"dyad": f"{d['actor']}-{d['recipient']}"})
        d["events_url"] = link("/events", {"actor": d["actor"], "recipient": d["recipient"]})
    return {
        "title": "Overview", "stats": stats, "dates": {"first": first, "last": last},
        "events_by_month_and_quad": by_quad, "events_by_month_and_type": by_type,
        "undated_below_month": queries.undated_below_month(store),
        "event_types": types, "modalities": queries.modality_totals(store),
        "top_actors": actors, "top_dyads": dyads,
        "_charts": {"quads": charts.quads_by_month(by_quad), "types": charts.types_by_month(by_type, present)}
        if draw else {},
    }
