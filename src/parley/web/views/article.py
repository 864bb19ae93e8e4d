"""`/articles/{id}`: the text with its evidence highlighted, each event's fields, provenance."""
from __future__ import annotations

from typing import Any

from parley.export.records import plover_record
from parley.schema import Article
from parley.store.db import Store
from parley.web import queries
from parley.web.errors import WebError
from parley.web.highlight import segments


def summary(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "language": a.language, "copy_kind": a.copy_kind, "copy_of": a.copy_of, "story_id": a.story_id,
            "status": a.status}


def provenance(store: Store, a: Article) -> dict[str, Any]:
    links = queries.lookups(store).copies
    return {
        "story_id": a.story_id, "copy_kind": a.copy_kind, "copy_of": a.copy_of,
        "copy_of_title": links.title(a.copy_of) if a.copy_of else None,
        "copies": links.copies_of(a.id),
        "cites": [{"text": c.text, "start": c.start, "end": c.end} for c in a.cites],
        "markers": [{"kind": m.kind, "text": m.text, "where": m.where} for m in a.markers],
        "source": a.source, "source_record": a.source_record, "content_hash": a.content_hash,
    }


def build(store: Store, article_id: str, highlight: bool = True) -> dict[str, Any]:
    article = store.article(article_id)
    if article is None:
        raise WebError(404, "not-found", f"no article {article_id!r} in the store")
    eids, mentions = queries.article_mentions(store, article_id)
    mentions.sort(key=lambda m: (m.text_info["start"], m.id))
    counts = queries.report_counts(store, list(set(eids.values())))
    events = []
    for m in mentions:
        eid = eids.get(m.id, m.id)
        reports, independent = counts.get(eid, (1, 1))
        events.append(plover_record(m, article, event_id=eid, reports=reports, independent_reports=independent))
    return {
        "title": article.title or article.id, "article": summary(article), "text_length": len(article.text),
        "sentences": len(article.sentences), "provenance": provenance(store, article), "events": events,
        "_segments": segments(article, mentions) if highlight else [],
    }
