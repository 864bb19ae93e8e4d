"""Stance series for the timeline page, in SQL over the event summary: per actor (or per
direction of a dyad) and period, how many events were cooperative (PLOVER event_scale > 0) or
conflictual (< 0), their summed and mean scores, and the negotiation-related events (AGREE,
CONCEDE, REQUEST/REJECT `meet`, RETREAT `ceasefire`) with conditions and report counts."""
from __future__ import annotations

from typing import Any

from parley.store.db import Store
from parley.web.params import NOT_ASSERTED, TimelineQuery
from parley.web.queries import EA, ED, EN, EV

BUCKETS = {  # period expression, and the date precision it needs
    "month": ("left(e.date, 7)", "length(e.date) >= 7"),
    "week": ("strftime(date_trunc('week', TRY_CAST(e.date AS DATE)), '%Y-%m-%d')", "length(e.date) = 10"),
    "day": ("e.date", "length(e.date) = 10"),
}


def _scoped(q: TimelineQuery) -> tuple[str, list[Any]]:
    """SELECT (series, pos, date, event_scale, modality, negotiation) for the chosen actors or
    dyad, within the date/modality limits, from the summary's look-up tables (web.queries)."""
    where, params = ["TRUE"], []
    if not q.all_modalities:  # literal lists (not a list parameter): DuckDB prunes by zone maps
        where.append(f"e.modality NOT IN ({', '.join('?' * len(NOT_ASSERTED))})")
        params.extend(NOT_ASSERTED)
    if q.date_from:
        where.append("e.date >= ?")
        params.append(q.date_from)
    if q.date_to:
        where.append("e.date <= ?")
        params.append(q.date_to + "\uffff")
    limits = " AND ".join(where)
    if q.dyad:
        a, b = q.dyad
        one = f"SELECT ? AS series, e.* EXCLUDE (a, r) FROM {ED} e WHERE e.a = ? AND e.r = ? AND {limits}"
        return f"{one} UNION ALL {one}", [f"{a}→{b}", a, b, *params, f"{b}→{a}", b, a, *params]
    return (f"SELECT e.code AS series, e.* EXCLUDE (code) FROM {EA} e "
            f"WHERE e.code IN ({', '.join('?' * len(q.actors))}) AND {limits}"), [*q.actors, *params]


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
        "independent_reports", "actor", "recipient", "article_id", "title", "outlet", "conditions", "attribution",
        "trigger")


def negotiation(store: Store, q: TimelineQuery, cap: int) -> tuple[int, list[dict[str, Any]]]:
    """(how many negotiation-related events are in scope, the newest `cap` of them with their
    conditions, sources, trigger words and article title)."""
    scoped, params = _scoped(q)
    rows = store.con.execute(
        "SELECT s.series, e.eid, e.date, e.event, e.mode, e.modality, e.event_scale, e.reports, e.independent, "
        "e.actor_text, e.recipient_text, e.article_id, e.title, e.lead_outlet, w.conditions, w.attribution, "
        "w.trigger, s.total "
        f"FROM (SELECT series, pos, count(*) OVER () AS total FROM ({scoped}) e WHERE e.negotiation "
        f"ORDER BY pos, series LIMIT ?) s JOIN {EV} e ON e.pos = s.pos JOIN {EN} w ON w.pos = s.pos "
        "ORDER BY s.pos, s.series", params + [cap]).fetchall()
    total = rows[0][-1] if rows else 0
    out = [dict(zip(KEYS, r)) for r in rows]
    for row in out:
        row["mode"] = [x for x in (row["mode"] or "").split(",") if x]
    return total, out
