"""Article-level provenance: what an article credits and the tells of copy it carries.

Used by the `provenance` stage for coded articles and by the store hook for articles that
are stored but not coded (other languages), so both get the same `cites` and `markers`.
"""
from __future__ import annotations

from parley.provenance.cites import credited, merge
from parley.provenance.markers import text_markers
from parley.schema import Article


def annotate(article: Article) -> Article:
    """Add credited outlets to `cites` and copy markers to `markers` (idempotent)."""
    article.cites = merge(article.cites, credited(article))
    have = {(m.kind, m.start, m.where) for m in article.markers}
    for m in text_markers(article):
        if (m.kind, m.start, m.where) not in have:
            article.markers.append(m)
            have.add((m.kind, m.start, m.where))
    article.meta["provenance"] = 1
    return article
