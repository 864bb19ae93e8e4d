"""SQL over the store for the web pages: every count, series and page is computed in DuckDB.

An *event* is a group of mentions sharing `coalesce(event_id, id)` (provenance merges the
mentions of one happening under one event_id). Its `reports` are the distinct articles that
mention it; its `independent` reports count distinct report roots (mentions.report_root, set by
provenance: copies of one report count once), with the expressions of `parley.export.query`. Its *lead* is its most confident mention, whose date,
type, actors and score the lists and charts show and the filters test (the outlet filter
tests every reporting article's outlet).

`build_summary` computes one row per event (lead + counts + reporting outlets) into the
server's in-memory table EV, once per store generation (see web.access); the pages then
aggregate EV instead of regrouping every mention on every request. EV is stored newest first
(`pos`), so that a page of a list is a top-N on an integer.
"""
from __future__ import annotations

import copy
import functools
import json
from typing import Any, Callable

import duckdb

from parley.export.query import EID, ROOT  # one definition of report counts
from parley.store.db import EventFilter, Store

EV = "memory.main.parley_events"
SUMMARY = f"""CREATE OR REPLACE TABLE {EV} AS
    WITH g AS (
        SELECT {EID} AS eid, arg_max(m.id, m.confidence) AS lead_id,
               count(DISTINCT m.article_id) AS reports, count(DISTINCT {ROOT}) AS independent,
               string_agg(DISTINCT a.outlet, ' | ') AS outlets
        FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY 1)
    SELECT g.*, m.rowid AS lead_rowid, m.date, m.event, m.mode, m.quad_code, m.event_scale, m.actor_code,
           m.recipient_code, m.actor_text, m.recipient_text, m.modality, m.article_id, m.confidence,
           a.title, a.outlet AS lead_outlet, a.published,
           row_number() OVER (ORDER BY m.date DESC NULLS LAST, g.eid) AS pos
    FROM g JOIN mentions m ON m.id = g.lead_id JOIN articles a ON a.id = m.article_id
    ORDER BY pos"""
NEGOTIATION = ("(e.event IN ('AGREE', 'CONCEDE') OR (e.event IN ('REQUEST', 'REJECT') AND "
               "list_contains(string_split(e.mode, ','), 'meet')) OR (e.event = 'RETREAT' AND "
               "list_contains(string_split(e.mode, ','), 'ceasefire')))")


def build_summary(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SUMMARY)


def event_where(f: EventFilter, min_independent: int = 0) -> tuple[str, list[Any]]:
    """WHERE over EV (alias e) for the event list's filters, tested on the lead mention."""
    clauses, params = ["e.independent >= ?"], [min_independent]

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.actor:
        add("(e.actor_code ILIKE ? OR e.actor_text ILIKE ?)", f"%{f.actor}%", f"%{f.actor}%")
    if f.recipient:
        add("(e.recipient_code ILIKE ? OR e.recipient_text ILIKE ?)", f"%{f.recipient}%", f"%{f.recipient}%")
    if f.event:
        add("e.event = ?", f.event.upper())
    if f.mode:
        add("list_contains(string_split(e.mode, ','), ?)", f.mode)
    if f.modality:
        add("e.modality = ?", f.modality)
    if f.date_from:
        add("e.date >= ?", f.date_from)
    if f.date_to:
        add("e.date <= ?", f.date_to + "\uffff")
    if f.outlet:
        add("e.outlets ILIKE ?", f"%{f.outlet}%")
    if f.article_id:
        add("e.article_id = ?", f.article_id)
    return "WHERE " + " AND ".join(clauses), params


def lead_records(store: Store, leads: list[tuple[str, int]]) -> dict[str, str]:
    """{mention id: stored record} for (id, rowid) pairs: a point lookup by rowid, checked by id
    (rowids can move when the store is written), with a lookup by id for any that moved."""
    found = dict(store.con.execute("SELECT id, record FROM mentions WHERE rowid IN (SELECT unnest(?))",
                                   [[r for _, r in leads]]).fetchall())
    moved = [i for i, _ in leads if i not in found]
    if moved:
        found.update(store.con.execute("SELECT id, record FROM mentions WHERE id IN (SELECT unnest(?))",
                                       [moved]).fetchall())
    return found


def event_page(store: Store, f: EventFilter, min_independent: int, limit: int,
               offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching events, one page of them, newest first)."""
    where, params = event_where(f, min_independent)
    total = store.con.execute(f"SELECT count(*) FROM {EV} e {where}", params).fetchone()[0]
    page = store.con.execute(
        f"SELECT e.eid, e.reports, e.independent, e.lead_id, e.lead_rowid, e.title, e.lead_outlet, e.published "
        f"FROM {EV} e {where} ORDER BY e.pos LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()
    records = lead_records(store, [(r[3], r[4]) for r in page])
    # a lead the store no longer holds (recoded since the summary was built; a refresh runs) is left out
    return total, [{"event_id": r[0], "reports": r[1], "independent_reports": r[2],
                    "mention": json.loads(records[r[3]]), "title": r[5], "outlet": r[6], "published": r[7]}
                   for r in page if r[3] in records]


def event_ids(store: Store, f: EventFilter, min_independent: int, cap: int) -> list[str]:
    """Matching event ids, newest first, at most `cap` of them (a download's rows)."""
    where, params = event_where(f, min_independent)
    return [r[0] for r in store.con.execute(
        f"SELECT e.eid FROM {EV} e {where} ORDER BY e.pos LIMIT ?",
        params + [cap]).fetchall()]


def report_counts(store: Store, eids: list[str]) -> dict[str, tuple[int, int]]:
    """{event id: (reports, independent reports)}."""
    if not eids:
        return {}
    rows = store.con.execute(f"SELECT eid, reports, independent FROM {EV} WHERE eid IN (SELECT unnest(?))",
                             [eids]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def events_of_article(store: Store, article_id: str) -> dict[str, str]:
    """{mention id: event id} for an article's mentions (an index lookup on mentions.article_id)."""
    return dict(store.con.execute(f"SELECT m.id, {EID} FROM mentions m WHERE m.article_id = ?",
                                  [article_id]).fetchall())


# -- overview ---------------------------------------------------------------------
_MEMO: dict[tuple, Any] = {}


def per_generation(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Remember a query's answer for the store generation the reader is on (web.access): rankings
    that every timeline and form shows are computed once per state of the store."""
    @functools.wraps(fn)
    def memo(store: Store, *args: Any) -> Any:
        generation = getattr(store, "generation", None)
        if generation is None:
            return fn(store, *args)
        key = (fn.__name__, store.path, generation, args)
        if key not in _MEMO:
            if len(_MEMO) > 256:
                _MEMO.clear()
            _MEMO[key] = fn(store, *args)
        return copy.deepcopy(_MEMO[key])
    return memo


def counts_by_month(store: Store, column: str) -> list[tuple[str, Any, int]]:
    """(YYYY-MM, value of `column`, events) for events dated at least to the month."""
    assert column in ("quad_code", "event")
    return store.con.execute(f"SELECT left(date, 7) AS month, {column} AS k, count(*) FROM {EV} "
                             "WHERE length(date) >= 7 GROUP BY ALL ORDER BY 1, 2").fetchall()


def undated_below_month(store: Store) -> int:
    return store.con.execute(f"SELECT count(*) FROM {EV} WHERE date IS NULL OR length(date) < 7").fetchone()[0]


@per_generation
def top_actors(store: Store, n: int) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT code, count(*), count(*) FILTER (event_scale > 0), count(*) FILTER (event_scale < 0), "
        f"round(avg(event_scale), 2), max(date) FROM {EV}, unnest(string_split(actor_code, ',')) AS t(code) "
        "WHERE code <> '' GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?", [n]).fetchall()
    return [{"code": r[0], "events": r[1], "cooperative": r[2], "conflictual": r[3], "mean_scale": r[4],
             "last": r[5]} for r in rows]


@per_generation
def top_dyads(store: Store, n: int) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT a1, r1, count(*), count(*) FILTER (event_scale > 0), count(*) FILTER (event_scale < 0), "
        f"round(avg(event_scale), 2), max(date) FROM {EV}, unnest(string_split(actor_code, ',')) AS t(a1), "
        "unnest(string_split(recipient_code, ',')) AS u(r1) WHERE a1 <> '' AND r1 <> '' AND a1 <> r1 "
        "GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT ?", [n]).fetchall()
    return [{"actor": r[0], "recipient": r[1], "events": r[2], "cooperative": r[3], "conflictual": r[4],
             "mean_scale": r[5], "last": r[6]} for r in rows]


def type_totals(store: Store) -> list[tuple[str, int, int]]:
    return store.con.execute(f"SELECT event, quad_code, count(*) FROM {EV} GROUP BY ALL ORDER BY 2, 1").fetchall()


def modality_totals(store: Store) -> dict[str, int]:
    return dict(store.con.execute(f"SELECT modality, count(*) FROM {EV} GROUP BY 1 ORDER BY 2 DESC").fetchall())


@per_generation
def outlets(store: Store, n: int) -> list[tuple[str, int]]:
    return store.con.execute("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL "
                             "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [n]).fetchall()


def date_span(store: Store) -> tuple[str | None, str | None]:
    return store.con.execute(f"SELECT min(date), max(date) FROM {EV}").fetchone()
