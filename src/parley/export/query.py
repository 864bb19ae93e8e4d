"""Which records an export holds: merged events (default) or every mention.

Both forms stream: event ids are chosen and ordered in SQL, then read a chunk at a time, so
memory does not grow with the store. Report counts are computed in SQL from the stored
report roots (mentions.report_root, set by parley.provenance.events): `reports` counts the
articles that report an event, `independent_reports` counts its distinct report roots, so
copies of one report count once. The web views use the same expressions.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from parley import serialize
from parley.export.records import plover_record
from parley.schema import Article, Mention
from parley.store.db import EventFilter, Store, _filter_sql

NOT_ASSERTED = ("negated", "hypothetical")
CHUNK = 1000
EID = "coalesce(m.event_id, m.id)"
# An article's copy root: the article it copies (verbatim, partial, rewrite), else itself.
ARTICLE_ROOT = ("CASE WHEN a.copy_kind IN ('verbatim', 'partial', 'rewrite') AND a.copy_of IS NOT NULL "
                "THEN a.copy_of ELSE a.id END")
# A mention's report root: as provenance stored it, else its article's copy root.
ROOT = f"coalesce(m.report_root, 'a:' || {ARTICLE_ROOT})"


def event_ids(store: Store, f: EventFilter | None = None, asserted_only: bool = False) -> list[str]:
    """Events with at least one mention that passes the filter, oldest first."""
    where, params = _filter_sql(f or EventFilter())
    having = f"HAVING bool_or(m.modality NOT IN {NOT_ASSERTED})" if asserted_only else ""
    sql = (f"SELECT {EID} AS eid FROM mentions m JOIN articles a ON a.id = m.article_id {where} "
           f"GROUP BY 1 {having} ORDER BY min(m.date) NULLS LAST, eid")
    return [r[0] for r in store.con.execute(sql, params).fetchall()]


def cite_articles(store: Store, ids: list[str]) -> dict[str, Article]:
    """The fields a record takes from its article (citation and provenance), without texts."""
    rows = store.con.execute(
        "SELECT id, url, title, outlet, language, story_id, copy_kind, copy_of FROM articles "
        "WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0]: Article(id=r[0], text="", url=r[1], title=r[2], outlet=r[3], language=r[4], story_id=r[5],
                          copy_kind=r[6], copy_of=r[7]) for r in rows}


def _counts(store: Store, chunk: list[str]) -> dict[str, tuple[int, int]]:
    rows = store.con.execute(
        f"SELECT {EID}, count(DISTINCT m.article_id), count(DISTINCT {ROOT}) FROM mentions m "
        f"JOIN articles a ON a.id = m.article_id WHERE {EID} IN (SELECT unnest(?)) GROUP BY 1", [chunk]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def event_records(store: Store, eids: list[str]) -> Iterator[dict[str, Any]]:
    """Merged contract records of these events, in this order, with all their evidence."""
    for i in range(0, len(eids), CHUNK):
        chunk = eids[i:i + CHUNK]
        groups: dict[str, list[Mention]] = defaultdict(list)
        for eid, record in store.con.execute(
                f"SELECT {EID}, m.record FROM mentions m WHERE {EID} IN (SELECT unnest(?)) "
                "ORDER BY m.date, m.article_id, m.seq, m.id", [chunk]).fetchall():
            groups[eid].append(serialize.loads(Mention, record))
        arts = cite_articles(store, list({m.article_id for ms in groups.values() for m in ms}))
        counts = _counts(store, chunk)
        for eid in chunk:
            group = groups.get(eid)
            if not group:
                continue
            lead = max(group, key=lambda m: m.confidence)
            reports, independent = counts.get(eid, (1, 1))
            evidence = [{"mention_id": m.id, "article_id": m.article_id, "text_info": m.text_info} for m in group]
            yield plover_record(lead, arts.get(lead.article_id), event_id=eid, reports=reports,
                                independent_reports=independent, mentions=evidence)


def mention_records(store: Store, f: EventFilter | None = None,
                    asserted_only: bool = False) -> Iterator[dict[str, Any]]:
    """One record per mention (the form `parley eval` and evaluations use)."""
    pending: list[Mention] = []

    def flush() -> Iterator[dict[str, Any]]:
        arts = cite_articles(store, list({m.article_id for m in pending}))
        yield from (plover_record(m, arts.get(m.article_id)) for m in pending)
        pending.clear()

    for m in store.iter_mentions(f):
        if asserted_only and m.modality in NOT_ASSERTED:
            continue
        pending.append(m)
        if len(pending) >= CHUNK:
            yield from flush()
    yield from flush()


def iter_records(store: Store, mentions: bool = False, asserted_only: bool = False,
                 f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    if mentions:
        return mention_records(store, f, asserted_only)
    return event_records(store, event_ids(store, f, asserted_only))
