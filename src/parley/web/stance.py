"""Stance series for the timeline page, in SQL over the event summary: per actor (or per
direction of a dyad) and period, how many events were cooperative (PLOVER event_scale > 0) or
conflictual (< 0), their summed and mean scores, and the negotiation-related events (AGREE,
CONCEDE, REQUEST/REJECT `meet`, RETREAT `ceasefire`) with conditions and report counts."""
from __future__ import annotations

from typing import Any

from parley.store.db import Store
from parley.web.params import NOT_ASSERTED, TimelineQuery
from parley.web.queries import EA, EAM, EAN, ED, EDM, EDN

BUCKETS = {  # period expression, and the date precision it needs
    "month": ("left(e.date, 7)", "length(e.date) >= 7"),
    "week": ("strftime(date_trunc('week', TRY_CAST(e.date AS DATE)), '%Y-%m-%d')", "length(e.date) = 10"),
    "day": ("e.date", "length(e.date) = 10"),
}


def _scoped(q: TimelineQuery, by_actor: str = EA, by_dyad: str = ED, monthly: bool = False) -> tuple[str, list[Any]]:
    """SELECT (series, the table's other columns) for the chosen actors or dyad, within the
    modality and date limits, from one pair of the summary's look-up tables (web.queries): per
    event (EA, ED), the negotiation markers (EAN, EDN), or per month (EAM, EDM, `monthly`: one
    row per modality scope, no dates)."""
    where, params = ["TRUE"], []
    if monthly:
        where.append("e.all_modalities = ?")
        params.append(q.all_modalities)
    elif not q.all_modalities:  # literal lists (not a list parameter): DuckDB prunes by zone maps
        where.append(f"e.modality NOT IN ({', '.join('?' * len(NOT_ASSERTED))})")
        params.extend(NOT_ASSERTED)
    if q.date_from and not monthly:
        where.append("e.date >= ?")
        params.append(q.date_from)
    if q.date_to and not monthly:
        where.append("e.date <= ?")
        params.append(q.date_to + "\uffff")
    limits = " AND ".join(where)
    if q.dyad:
        a, b = q.dyad
        one = f"SELECT ? AS series, e.* EXCLUDE (a, r) FROM {by_dyad} e WHERE e.a = ? AND e.r = ? AND {limits}"
        return f"{one} UNION ALL {one}", [f"{a}→{b}", a, b, *params, f"{b}→{a}", b, a, *params]
    return (f"SELECT e.code AS series, e.* EXCLUDE (code) FROM {by_actor} e "
            f"WHERE e.code IN ({', '.join('?' * len(q.actors))}) AND {limits}"), [*q.actors, *params]


def series(store: Store, q: TimelineQuery) -> tuple[list[dict[str, Any]], int]:
    """(per series and period: events, cooperative, conflictual, their summed and mean scores;
    how many events in scope are dated too coarsely for the period and so left out, not guessed).
    A month series without date limits (the default view) adds up the summary's monthly rows."""
    monthly = q.granularity == "month" and not (q.date_from or q.date_to)
    rows = (_monthly_rows if monthly else _event_rows)(store, q)
    coarse = sum(r[2] for r in rows if r[1] is None)
    return [{"series": r[0], "period": r[1], "events": int(r[2]), "cooperative": int(r[3]), "conflictual": int(r[4]),
             "cooperative_weight": r[5], "conflictual_weight": r[6], "mean_scale": r[7]}
            for r in rows if r[1] is not None], coarse


def _event_rows(store: Store, q: TimelineQuery) -> list[tuple]:
    """(series, period, events, cooperative, conflictual, their weights, mean) from the events."""
    bucket, precise = BUCKETS[q.granularity]
    scoped, params = _scoped(q)
    return store.con.execute(
        f"SELECT series, CASE WHEN {precise} THEN {bucket} END AS period, count(*), "
        "count(*) FILTER (event_scale > 0), count(*) FILTER (event_scale < 0), "
        "coalesce(sum(event_scale) FILTER (event_scale > 0), 0), "
        "coalesce(sum(event_scale) FILTER (event_scale < 0), 0), round(avg(event_scale), 2) "
        f"FROM ({scoped}) e GROUP BY ALL ORDER BY 1, 2", params).fetchall()


def _monthly_rows(store: Store, q: TimelineQuery) -> list[tuple]:
    """The same rows for months, read from the summary's per-month rows (EAM, EDM)."""
    scoped, params = _scoped(q, EAM, EDM, monthly=True)
    rows = store.con.execute("SELECT series, period, events, coop, conf, coop_weight, conf_weight, mean_scale "
                             f"FROM ({scoped}) e", params).fetchall()
    return sorted(rows, key=lambda r: (r[0], r[1] is None, r[1] or ""))  # ORDER BY 1, 2 (NULLS LAST)


KEYS = ("series", "event_id", "date", "event", "mode", "modality", "event_scale", "reports",
        "independent_reports", "actor", "recipient", "article_id", "title", "outlet", "conditions", "attribution",
        "trigger")


def negotiation(store: Store, q: TimelineQuery, cap: int) -> tuple[int, list[dict[str, Any]]]:
    """(how many negotiation-related events are in scope, the newest `cap` of them with their
    conditions, sources, trigger words and article title)."""
    scoped, params = _scoped(q, EAN, EDN)
    rows = store.con.execute(
        "SELECT series, eid, date, event, mode, modality, event_scale, reports, independent, actor_text, "
        "recipient_text, article_id, title, lead_outlet, conditions, attribution, trigger, count(*) OVER () "
        f"FROM ({scoped}) e ORDER BY pos, series LIMIT ?", params + [cap]).fetchall()
    total = rows[0][-1] if rows else 0
    out = [dict(zip(KEYS, r)) for r in rows]
    for row in out:
        row["mode"] = [x for x in (row["mode"] or "").split(",") if x]
    return total, out
