"""Helpers for the provenance tests: one article's side of a pair test, built from a fixture item
the way grouping builds it (cites found by parley, never taken from the labels)."""
from __future__ import annotations

from parley.provenance.relate import Side


def side(item: dict, language: str | None = "en", outlet: bool = False) -> Side:
    """`language` None lets parley identify it; `outlet` adds the outlet as parley names it."""
    from parley.ingest.records import make_article
    from parley.provenance.article import annotate
    from parley.provenance.cites import canonical, cited_names
    from parley.provenance.features import features
    from parley.provenance.group import day_of

    article = annotate(make_article({k: v for k, v in item.items() if k in ("id", "text", "url", "outlet", "title")}))
    cites = sorted(cited_names(article))
    lang = item.get("language", language) if language else None
    f = features(item["id"], item["text"], lang, day_of(item.get("published")), cites)
    name = (canonical(item.get("outlet")) or item.get("outlet")) if outlet else None
    return Side(f, frozenset(cites), outlet=name)
