"""Which records an export holds: merged events (default) or every mention."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterator

from parley.export.records import plover_record
from parley.schema import Article, Mention
from parley.store.db import EventFilter, Store

NOT_ASSERTED = {"negated", "hypothetical"}


def _articles(store: Store, ids: set[str], cache: dict[str, Article | None]) -> None:
    missing = [i for i in ids if i not in cache]
    if missing:
        for a in store.articles("id IN (SELECT unnest(?))", [missing]):
            cache[a.id] = a
        for i in missing:
            cache.setdefault(i, None)


def _groups(store: Store, f: EventFilter) -> "OrderedDict[str, list[Mention]]":
    """Mentions grouped by event_id (set by parley.provenance.events); a filter that keeps one
    mention of an event brings in all of its evidence."""
    groups: OrderedDict[str, list[Mention]] = OrderedDict()
    ids = dict(store.con.execute("SELECT id, coalesce(event_id, id) FROM mentions").fetchall())
    everything = store.mentions(EventFilter())
    unfiltered = f == EventFilter()
    wanted = None if unfiltered else {ids.get(m.id, m.id) for m in store.mentions(f)}
    for m in everything:
        event_id = ids.get(m.id, m.id)
        if wanted is None or event_id in wanted:
            groups.setdefault(event_id, []).append(m)
    return groups


def independent(group: list[Mention], store: Store, cache: dict[str, Article | None]) -> int:
    """How many independent reports stand behind one event: copies of one report count once
    (parley.provenance.events.report_root: the outlet a mention is credited to, else the
    article's copy root)."""
    from parley.provenance.events import report_root

    def lookup(article_id: str) -> Article | None:
        _articles(store, {article_id}, cache)
        return cache[article_id]

    roots = set()
    for m in group:
        outlet = next((a.text for a in m.attribution if a.kind == "outlet"), None)
        roots.add(report_root(outlet, cache.get(m.article_id), lookup))
    return max(1, len(roots))


def iter_records(store: Store, mentions: bool = False, asserted_only: bool = False,
                 f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    f = f or EventFilter()
    cache: dict[str, Article | None] = {}
    if mentions:
        for m in store.mentions(f):
            if asserted_only and m.modality in NOT_ASSERTED:
                continue
            _articles(store, {m.article_id}, cache)
            yield plover_record(m, cache[m.article_id])
        return
    for event_id, group in _groups(store, f).items():
        if asserted_only and all(m.modality in NOT_ASSERTED for m in group):
            continue
        _articles(store, {m.article_id for m in group}, cache)
        lead = max(group, key=lambda m: m.confidence)
        arts = [cache[a] for a in dict.fromkeys(m.article_id for m in group)]
        evidence = [{"mention_id": m.id, "article_id": m.article_id, "text_info": m.text_info} for m in group]
        yield plover_record(lead, cache[lead.article_id], event_id=event_id, reports=len(arts),
                            independent_reports=independent(group, store, cache), mentions=evidence)
