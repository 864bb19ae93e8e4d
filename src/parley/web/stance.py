"""Stance series for the timeline page, in SQL over the event summary: per actor (or per
direction of a dyad) and period, how many events were cooperative (PLOVER event_scale > 0) or
conflictual (< 0), their summed and mean scores, and the negotiation-related events (AGREE,
CONCEDE, REQUEST/REJECT `meet`, RETREAT `ceasefire`) with conditions and report counts."""
from __future__ import annotations

from typing import Any

from parley.store.db import Store
from parley.web.params import NOT_ASSERTED, TimelineQuery
from parley.web.queries import EV, NEGOTIATION

BUCKETS = {  # period expression, and the date precision it needs
    "month": ("left(e.date, 7)", "length(e.date) >= 7"),
    "week": ("strftime(date_trunc('week', TRY_CAST(e.date AS DATE)), '%Y-%m-%d')", "length(e.date) = 10"),
    "day": ("e.date", "length(e.date) = 10"),
}
HAS = "list_contains(string_split(coalesce(e.{col}, ''), ','), ?)"


def _scoped(q: TimelineQuery) -> tuple[str, list[Any]]:
    """SELECT (series, event columns) for the chosen actors or dyad, within the date/modality limits."""
    where, params = ["TRUE"], []
    if not q.all_modalities:
        where.append("e.modality NOT IN (SELECT unnest(?))")
        params.append(list(NOT_ASSERTED))
    if q.date_from:
        where.append("e.date >= ?")
        params.append(q.date_from)
    if q.date_to:
        where.append("e.date <= ?")
        params.append(q.date_to + "\uffff")
    limits = " AND ".join(where)
    if q.dyad:
        a, b = q.dyad
        one = (f"SELECT ? AS series, e.* FROM {EV} e WHERE {limits} AND {HAS.format(col='actor_code')} "
               f"AND {HAS.format(col='recipient_code')}")
        return f"{one} UNION ALL {one}", [f"{a}→{b}", *params, a, b, f"{b}→{a}", *params, b, a]
    return (f"SELECT code AS series, e.* FROM {EV} e, unnest(string_split(e.actor_code, ',')) AS t(code) "
            f"WHERE {limits} AND code IN (SELECT unnest(?))"), [*params, q.actors]


def series(store: Store, q: TimelineQuery) -> list[dict[str, Any]]:
    bucket, precise = BUCKETS[q.granularity]
    scoped, params = _scoped(q)
    rows = store.con.execute(
        f"SELECT series, {bucket} AS period, count(*), count(*) FILTER (event_scale > 0), "
        "count(*) FILTER (event_scale < 0), coalesce(sum(event_scale) FILTER (event_scale > 0), 0), "
        "coalesce(sum(event_scale) FILTER (event_scale < 0), 0), round(avg(event_scale), 2) "
        f"FROM ({scoped}) e WHERE {precise} GROUP BY ALL ORDER BY 1, 2", params).fetchall()
    return [{"series": r[0], "period": r[1], "events": r[2], "cooperative": r[3], "conflictual": r[4],
             "cooperative_weight": r[5], "conflictual_weight": r[6], "mean_scale": r[7]} for r in rows]


def coarse_dates(store: Store, q: TimelineQuery) -> int:
    """Events in scope dated too coarsely for the chosen period (left out, not guessed)."""
    _, precise = BUCKETS[q.granularity]
    scoped, params = _scoped(q)
    return store.con.execute(f"SELECT count(*) FROM ({scoped}) e WHERE e.date IS NULL OR NOT ({precise})",
                             params).fetchone()[0]


KEYS = ("series", "event_id", "date", "event", "mode", "modality", "event_scale", "reports",
        "independent_reports", "actor", "recipient", "article_id", "title", "outlet", "conditions",
        "attribution", "trigger")


def negotiation(store: Store, q: TimelineQuery, cap: int) -> tuple[int, list[dict[str, Any]]]:
    """(how many negotiation-related events are in scope, the newest `cap` of them)."""
    scoped, params = _scoped(q)
    total = store.con.execute(f"SELECT count(*) FROM ({scoped}) e WHERE {NEGOTIATION}", params).fetchone()[0]
    rows = store.con.execute(
        f"WITH n AS (SELECT * FROM ({scoped}) e WHERE {NEGOTIATION} ORDER BY e.date DESC NULLS LAST, e.eid "
        "LIMIT ?) SELECT n.series, n.eid, n.date, n.event, n.mode, n.modality, n.event_scale, n.reports, "
        "n.independent, n.actor_text, n.recipient_text, n.article_id, a.title, a.outlet, "
        "json_extract_string(m.record, '$.conditions[*].text'), "
        "json_extract_string(m.record, '$.attribution[*].text'), "
        "json_extract_string(m.record, '$.event_text[*].text') "
        "FROM n JOIN mentions m ON m.id = n.lead_id JOIN articles a ON a.id = n.article_id "
        "ORDER BY n.date DESC NULLS LAST, n.eid", params + [cap]).fetchall()
    out = [dict(zip(KEYS, r)) for r in rows]
    for row in out:
        row["mode"] = [x for x in (row["mode"] or "").split(",") if x]
        for k in ("conditions", "attribution", "trigger"):
            row[k] = row[k] or []
    return total, out
