"""`/timeline`: cooperative vs conflictual signals over time for chosen actors or a dyad, with
negotiation-related events marked."""
from __future__ import annotations

from typing import Any

from parley.store.db import Store
from parley.web import charts, queries, stance
from parley.web.params import TimelineQuery
from parley.web.views.common import link

MARKER_CAP = 250


def _default(store: Store, q: TimelineQuery, dyads: list[dict[str, Any]]) -> TimelineQuery:
    """No actors chosen: the busiest dyad, else the two busiest actors."""
    if q.dyad or q.actors:
        return q
    if dyads:
        q.dyad = (dyads[0]["actor"], dyads[0]["recipient"])
    else:
        q.actors = [a["code"] for a in queries.top_actors(store, 2)]
    return q


def build(store: Store, q: TimelineQuery, draw: bool = True) -> dict[str, Any]:
    """The timeline's data; `draw` adds the charts (the HTML page; its JSON twin has no use for them)."""
    dyads = queries.top_dyads(store, 8)
    q = _default(store, q, dyads)
    names = [f"{q.dyad[0]}→{q.dyad[1]}", f"{q.dyad[1]}→{q.dyad[0]}"] if q.dyad else list(q.actors)
    rows, coarse = stance.series(store, q)
    total, marks = stance.negotiation(store, q, MARKER_CAP)
    for r in marks:
        r["label"] = charts.negotiation_label(r)
        r["article_url"] = f"/articles/{r['article_id']}"
    suggestions = [{"label": f"{d['actor']}–{d['recipient']}",
                    "url": link("/timeline", {"dyad": f"{d['actor']}-{d['recipient']}"})}
                   for d in dyads]
    return {
        "title": "Stance timeline", "query": q.params(), "series_names": names, "series": rows,
        "negotiation_total": total, "negotiation_shown": len(marks), "negotiation": marks,
        "coarse_dates_left_out": coarse,
        "events_url": link("/events", {"actor": q.dyad[0], "recipient": q.dyad[1]} if q.dyad
                           else {"actor": q.actors[0] if q.actors else None}),
        "_form": q, "_suggestions": suggestions,
        "_charts": {"stance": charts.stance(rows, names, q.granularity), "signals": charts.signals(marks, names)}
        if draw else {},
    }
