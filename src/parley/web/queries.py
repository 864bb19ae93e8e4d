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
(`pos`). Built with it: EA and ED (one row per actor code, per actor-recipient pair, sorted by
code: the stance timeline and the rankings read a few codes' rows), EN (the words a timeline
marker shows), an index on EV.eid (report counts of one article's events). An event list's
matching positions are memoised per filter and generation (PositionMemo): its pages are slices.
"""
from __future__ import annotations

import copy
import functools
import json
import threading
from collections import OrderedDict
from typing import Any, Callable

import duckdb
import numpy as np

from parley import serialize
from parley.export.query import EID, ROOT
from parley.schema import Mention  # one definition of report counts
from parley.store.db import EventFilter, Store, filter_clauses

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
# The stance timeline's two look-up tables: one row per (actor code, event), and one per (actor
# code, recipient code, event), sorted by code so that a few codes' rows are read through DuckDB's
# min/max zone maps instead of splitting every event's code list on every request.
EA = "memory.main.parley_event_actors"
ED = "memory.main.parley_event_dyads"
_STANCE_COLUMNS = f"e.pos, e.date, e.event_scale, e.modality, {NEGOTIATION} AS negotiation"
BY_ACTOR = f"""CREATE OR REPLACE TABLE {EA} AS
    SELECT DISTINCT t.code, {_STANCE_COLUMNS}
    FROM {EV} e, unnest(string_split(e.actor_code, ',')) AS t(code) WHERE t.code <> ''
    ORDER BY t.code, e.pos"""
BY_DYAD = f"""CREATE OR REPLACE TABLE {ED} AS
    SELECT DISTINCT t.a, u.r, {_STANCE_COLUMNS}
    FROM {EV} e, unnest(string_split(e.actor_code, ',')) AS t(a), unnest(string_split(e.recipient_code, ',')) AS u(r)
    WHERE t.a <> '' AND u.r <> '' ORDER BY t.a, u.r, e.pos"""

# the words a timeline marker shows for each negotiation-related event, from its lead's record
EN = "memory.main.parley_negotiation_words"
NEGOTIATION_WORDS = f"""CREATE OR REPLACE TABLE {EN} AS
    SELECT e.pos, coalesce(json_extract_string(m.record, '$.conditions[*].text'), []) AS conditions,
           coalesce(json_extract_string(m.record, '$.attribution[*].text'), []) AS attribution,
           coalesce(json_extract_string(m.record, '$.event_text[*].text'), []) AS trigger
    FROM {EV} e JOIN mentions m ON m.rowid = e.lead_rowid WHERE {NEGOTIATION} ORDER BY e.pos"""


def build_summary(con: duckdb.DuckDBPyConnection) -> None:
    """EV and its look-up tables, in one transaction (readers see the old or the new set whole)."""
    con.execute("BEGIN")
    try:
        for sql in (SUMMARY, BY_ACTOR, BY_DYAD, NEGOTIATION_WORDS):
            con.execute(sql)
        con.execute(f"CREATE INDEX parley_events_eid ON {EV} (eid)")  # report counts of an article's events
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def event_where(f: EventFilter, min_independent: int = 0) -> tuple[str, list[Any]]:
    """WHERE over EV (alias e) for the event list's filters, tested on the lead mention."""
    clauses, params = filter_clauses(f, "e", outlet="e.outlets")
    return "WHERE " + " AND ".join(["e.independent >= ?", *clauses]), [min_independent, *params]


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


class PositionMemo:
    """The summary positions (EV.pos, ascending = newest first) of the events a filter selects,
    kept per store generation: paging through one filtered list (page 2, 3, ... or another page
    size) then costs a slice instead of another scan. Bounded by total bytes, oldest out first."""

    def __init__(self, max_bytes: int = 32_000_000) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, f: EventFilter, min_independent: int) -> np.ndarray:
        generation = getattr(store, "generation", None)
        where, params = event_where(f, min_independent)
        key = (store.path, generation, where, repr(params))
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        positions = store.con.execute(f"SELECT e.pos FROM {EV} e {where} ORDER BY e.pos",
                                      params).fetchnumpy()["pos"].astype(np.int64)
        if generation is not None:
            with self._lock:
                self._items[key] = positions
                while sum(v.nbytes for v in self._items.values()) > self.max_bytes and len(self._items) > 1:
                    self._items.popitem(last=False)
        return positions


POSITIONS = PositionMemo()


def event_page(store: Store, f: EventFilter, min_independent: int, limit: int,
               offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching events, one page of them, newest first)."""
    positions = POSITIONS.get(store, f, min_independent)
    chosen = positions[offset:offset + limit].tolist()
    page = store.con.execute(
        f"SELECT e.eid, e.reports, e.independent, e.lead_id, e.lead_rowid, e.title, e.lead_outlet, e.published "
        f"FROM {EV} e WHERE e.pos BETWEEN ? AND ? AND e.pos IN (SELECT unnest(?)) ORDER BY e.pos",
        [chosen[0] if chosen else 0, chosen[-1] if chosen else -1, chosen]).fetchall()
    records = lead_records(store, [(r[3], r[4]) for r in page])
    # a lead the store no longer holds (recoded since the summary was built; a refresh runs) is left out
    return len(positions), [{"event_id": r[0], "reports": r[1], "independent_reports": r[2],
                             "mention": json.loads(records[r[3]]), "title": r[5], "outlet": r[6],
                             "published": r[7]} for r in page if r[3] in records]


def event_ids(store: Store, f: EventFilter, min_independent: int, cap: int) -> list[str]:
    """Matching event ids, newest first, at most `cap` of them (a download's rows)."""
    chosen = POSITIONS.get(store, f, min_independent)[:cap].tolist()
    return [r[0] for r in store.con.execute(
        f"SELECT e.eid FROM {EV} e WHERE e.pos IN (SELECT unnest(?)) ORDER BY e.pos", [chosen]).fetchall()]


def report_counts(store: Store, eids: list[str]) -> dict[str, tuple[int, int]]:
    """{event id: (reports, independent reports)}."""
    if not eids:
        return {}
    if len(eids) <= 100:  # a short literal list is an index scan on EV.eid
        sql, params = f"SELECT eid, reports, independent FROM {EV} WHERE eid IN ({', '.join('?' * len(eids))})", eids
    else:
        sql, params = f"SELECT eid, reports, independent FROM {EV} WHERE eid IN (SELECT unnest(?))", [eids]
    rows = store.con.execute(sql, params).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def article_mentions(store: Store, article_id: str) -> tuple[dict[str, str], list[Mention]]:
    """({mention id: event id}, the mentions) of an article, in one index lookup on
    mentions.article_id."""
    rows = store.con.execute(f"SELECT m.id, {EID}, m.record FROM mentions m WHERE m.article_id = ?",
                             [article_id]).fetchall()
    return {r[0]: r[1] for r in rows}, [serialize.loads(Mention, r[2]) for r in rows]


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
        f"round(avg(event_scale), 2), max(date) FROM {EA} GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?", [n]).fetchall()
    return [{"code": r[0], "events": r[1], "cooperative": r[2], "conflictual": r[3], "mean_scale": r[4],
             "last": r[5]} for r in rows]


@per_generation
def top_dyads(store: Store, n: int) -> list[dict[str, Any]]:
    rows = store.con.execute(
        "SELECT a, r, count(*), count(*) FILTER (event_scale > 0), count(*) FILTER (event_scale < 0), "
        f"round(avg(event_scale), 2), max(date) FROM {ED} WHERE a <> r GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT ?",
        [n]).fetchall()
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
