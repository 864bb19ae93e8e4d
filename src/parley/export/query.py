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
    groups: OrderedDict[str, list[Mention]] = OrderedDict()
    ids = dict(store.con.execute("SELECT id, coalesce(event_id, id) FROM mentions").fetchall())
    for m in store.mentions(f):
        groups.setdefault(ids.get(m.id, m.id), []).append(m)
    return groups


def independent(articles: list[Article | None]) -> int:
    """Articles that are not copies or rewrites of another one count once per origin."""
    roots = set()
    for a in articles:
        if a is None:
            continue
        if a.copy_kind in ("verbatim", "partial", "rewrite") and a.copy_of:
            roots.add(a.copy_of)
        else:
            roots.add(a.id)
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
                            independent_reports=independent(arts), mentions=evidence)
