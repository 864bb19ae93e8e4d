"""Stance series for the timeline page, in SQL over the event summary: per actor (or per
direction of a dyad) and period, how many events were cooperative (PLOVER event_scale > 0) or
conflictual (< 0), their summed and mean scores, and the negotiation-related events (AGREE,
CONCEDE, REQUEST/REJECT `meet`, RETREAT `ceasefire`) with conditions and report counts."""
from __future__ import annotations

import json
from typing import Any

from parley.store.db import Store
from parley.web.params import NOT_ASSERTED, TimelineQuery
from parley.web.queries import EV, NEGOTIATION, lead_records

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


def series(store: Store, q: TimelineQuery) -> tuple[list[dict[str, Any]], int]:
    """(per series and period: events, cooperative, conflictual, their summed and mean scores;
    how many events in scope are dated too coarsely for the period and so left out, not guessed)."""
    bucket, precise = BUCKETS[q.granularity]
    scoped, params = _scoped(q)
    rows = store.con.execute(
        f"SELECT series, CASE WHEN {precise} THEN {bucket} END AS period, count(*), "
        "count(*) FILTER (event_scale > 0), count(*) FILTER (event_scale < 0), "
        "coalesce(sum(event_scale) FILTER (event_scale > 0), 0), "
        "coalesce(sum(event_scale) FILTER (event_scale < 0), 0), round(avg(event_scale), 2) "
        f"FROM ({scoped}) e GROUP BY ALL ORDER BY 1, 2", params).fetchall()
    coarse = sum(r[2] for r in rows if r[1] is None)
    return [{"series": r[0], "period": r[1], "events": r[2], "cooperative": r[3], "conflictual": r[4],
             "cooperative_weight": r[5], "conflictual_weight": r[6], "mean_scale": r[7]}
            for r in rows if r[1] is not None], coarse


KEYS = ("series", "event_id", "date", "event", "mode", "modality", "event_scale", "reports",
        "independent_reports", "actor", "recipient", "article_id", "title", "outlet", "lead_id", "lead_rowid")


def negotiation(store: Store, q: TimelineQuery, cap: int) -> tuple[int, list[dict[str, Any]]]:
    """(how many negotiation-related events are in scope, the newest `cap` of them with their
    conditions, sources, trigger words and article title)."""
    scoped, params = _scoped(q)
    rows = store.con.execute(
        "SELECT series, eid, date, event, mode, modality, event_scale, reports, independent, actor_text, "
        f"recipient_text, article_id, title, lead_outlet, lead_id, lead_rowid, count(*) OVER () "
        f"FROM ({scoped}) e WHERE {NEGOTIATION} ORDER BY pos LIMIT ?", params + [cap]).fetchall()
    total = rows[0][-1] if rows else 0
    out = [dict(zip(KEYS, r)) for r in rows]
    records = lead_records(store, [(r["lead_id"], r.pop("lead_rowid")) for r in out])
    out = [r for r in out if r["lead_id"] in records]  # leads recoded since the summary (web.access)
    for row in out:
        m = json.loads(records[row.pop("lead_id")])
        row["conditions"] = [c["text"] for c in m.get("conditions", [])]
        row["attribution"] = [a["text"] for a in m.get("attribution", [])]
        row["trigger"] = [t["text"] for t in m.get("event_text", [])]
        row["mode"] = [x for x in (row["mode"] or "").split(",") if x]
    return total, out
