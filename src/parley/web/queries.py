"""SQL over the store for the web pages: counts, series and pages are computed in DuckDB, over
in-memory summary tables and the Python look-ups built with them (web.memory).

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
code: the stance timeline and the rankings read a few codes' rows), their monthly sums (EAM,
EDM) and negotiation markers (EAN, EDN; made from EN, which the build then drops), SA and SE
(a story's articles and events), and, in Python, the look-ups of web.memory: the event list's
index (web.listindex: filters run on numpy columns, a list's pages are slices, an article's
events find their report counts) and the articles' copies.
"""
from __future__ import annotations

import copy
import functools
from typing import Any, Callable

import duckdb

from parley import jsonfast, serialize
from parley.export.query import EID, ROOT
from parley.schema import Mention  # one definition of report counts
from parley.store.db import EventFilter, Store
from parley.web.memory import Lookups
from parley.web.params import NOT_ASSERTED

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

# what a timeline marker shows of each negotiation-related event: its lead's fields and words
# (an intermediate of the build: EAN and EDN copy it per code, then it is dropped)
EN = "memory.main.parley_negotiation_words"
NEGOTIATION_WORDS = f"""CREATE OR REPLACE TABLE {EN} AS
    SELECT e.pos, e.eid, e.date, e.event, e.mode, e.modality, e.event_scale, e.reports, e.independent,
           e.actor_text, e.recipient_text, e.article_id, e.title, e.lead_outlet,
           coalesce(json_extract_string(m.record, '$.conditions[*].text'), []) AS conditions,
           coalesce(json_extract_string(m.record, '$.attribution[*].text'), []) AS attribution,
           coalesce(json_extract_string(m.record, '$.event_text[*].text'), []) AS trigger
    FROM {EV} e JOIN mentions m ON m.rowid = e.lead_rowid WHERE {NEGOTIATION} ORDER BY e.pos"""


# The timeline's pre-aggregated and pre-joined forms of EA and ED: per code (or pair), month and
# modality scope (all modalities, or leaving out the negated and hypothetical), the counts, score
# sums and mean score of the default month series (EAM, EDM: a timeline's series are read, not
# aggregated); and the negotiation-related rows with what their markers show (EAN, EDN: a
# timeline's markers are one scan of a few codes' rows, without a join).
MONTH = "CASE WHEN length(e.date) >= 7 THEN left(e.date, 7) END"
_MONTH_COLUMNS = (f"s.all_modalities, {MONTH} AS period, count(*) AS events, "
                  "count(*) FILTER (e.event_scale > 0) AS coop, count(*) FILTER (e.event_scale < 0) AS conf, "
                  "coalesce(sum(e.event_scale) FILTER (e.event_scale > 0), 0) AS coop_weight, "
                  "coalesce(sum(e.event_scale) FILTER (e.event_scale < 0), 0) AS conf_weight, "
                  "round(avg(e.event_scale), 2) AS mean_scale")
_SCOPES = ("(VALUES (false), (true)) s(all_modalities) WHERE s.all_modalities OR e.modality NOT IN "
           f"({', '.join(repr(m) for m in NOT_ASSERTED)})")
EAM, EDM = "memory.main.parley_actor_months", "memory.main.parley_dyad_months"
EAN, EDN = "memory.main.parley_actor_negotiation", "memory.main.parley_dyad_negotiation"
BY_ACTOR_MONTH = f"""CREATE OR REPLACE TABLE {EAM} AS
    SELECT e.code, {_MONTH_COLUMNS} FROM {EA} e, {_SCOPES} GROUP BY ALL ORDER BY e.code"""
BY_DYAD_MONTH = f"""CREATE OR REPLACE TABLE {EDM} AS
    SELECT e.a, e.r, {_MONTH_COLUMNS} FROM {ED} e, {_SCOPES} GROUP BY ALL ORDER BY e.a, e.r"""
_MARKED = "w.* EXCLUDE (pos, date, modality)"
ACTOR_NEGOTIATION = f"""CREATE OR REPLACE TABLE {EAN} AS
    SELECT e.code, e.pos, e.date, e.modality, {_MARKED} FROM {EA} e JOIN {EN} w ON w.pos = e.pos
    WHERE e.negotiation ORDER BY e.code, e.pos"""
DYAD_NEGOTIATION = f"""CREATE OR REPLACE TABLE {EDN} AS
    SELECT e.a, e.r, e.pos, e.date, e.modality, {_MARKED} FROM {ED} e JOIN {EN} w ON w.pos = e.pos
    WHERE e.negotiation ORDER BY e.a, e.r, e.pos"""

# A story page's two look-ups: its articles (without their text, which would make every
# summary build read every text) and its events (grouped per story, as the page shows them),
# sorted by story id: a story's rows are read through DuckDB's zone maps instead of joining
# every mention to its article on every request.
SA = "memory.main.parley_story_articles"
SE = "memory.main.parley_story_events"
STORY_ARTICLES = f"""CREATE OR REPLACE TABLE {SA} AS
    SELECT a.story_id, a.id, a.title, a.outlet, a.published, a.url, a.copy_kind, a.copy_of, a.language
    FROM articles a WHERE a.story_id IS NOT NULL ORDER BY a.story_id"""
STORY_EVENTS = f"""CREATE OR REPLACE TABLE {SE} AS
    SELECT a.story_id, {EID} AS event_id, any_value(m.event) AS event, any_value(m.mode) AS mode,
           min(m.date) AS date, any_value(m.actor_text) AS actor, any_value(m.recipient_text) AS recipient,
           any_value(m.modality) AS modality, count(DISTINCT m.article_id) AS reports,
           count(DISTINCT {ROOT}) AS independent_reports, any_value(m.quad_code) AS quad_code,
           any_value(m.actor_code) AS actor_code, any_value(m.recipient_code) AS recipient_code,
           min(m.article_id) AS article_id
    FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id IS NOT NULL
    GROUP BY a.story_id, {EID} ORDER BY a.story_id"""

def build_summary(con: duckdb.DuckDBPyConnection) -> None:
    """EV and its look-up tables, in one transaction (readers see the old or the new set whole)."""
    con.execute("BEGIN")
    try:
        for sql in (SUMMARY, BY_ACTOR, BY_DYAD, NEGOTIATION_WORDS, BY_ACTOR_MONTH, BY_DYAD_MONTH, ACTOR_NEGOTIATION,
                    DYAD_NEGOTIATION, STORY_ARTICLES, STORY_EVENTS):
            con.execute(sql)
        con.execute(f"DROP TABLE {EN}")  # copied into EAN and EDN, read by no page
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def lookups(store: Store) -> Lookups:
    """The in-memory look-ups of the summary the reader sees (web.memory): the ones the server
    built with it (web.access), else built now (a Store used outside the server)."""
    found = getattr(store, "lookups", None)
    if found is None:
        found = store.lookups = Lookups.build(store.con, EV)  # type: ignore[attr-defined]
    return found


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
    index = lookups(store).events
    chosen = index.select(f, min_independent)
    page = index.rows(chosen[offset:offset + limit].tolist())
    records = lead_records(store, [(r.lead_id, r.lead_rowid) for r in page])
    # a lead the store no longer holds (recoded since the summary was built; a refresh runs) is left out
    return len(chosen), [{"event_id": r.eid, "reports": r.reports, "independent_reports": r.independent,
                          "mention": jsonfast.loads(records[r.lead_id]), "title": r.title, "outlet": r.outlet,
                          "published": r.published} for r in page if r.lead_id in records]


def event_ids(store: Store, f: EventFilter, min_independent: int, cap: int) -> list[str]:
    """Matching event ids, newest first, at most `cap` of them (a download's rows)."""
    index = lookups(store).events
    return index.eids(index.select(f, min_independent)[:cap].tolist())


def report_counts(store: Store, eids: list[str]) -> dict[str, tuple[int, int]]:
    """{event id: (reports, independent reports)} of the events the summary holds."""
    return lookups(store).events.counts(eids)


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
