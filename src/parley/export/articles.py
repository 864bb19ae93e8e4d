"""`parley export --format articles`: one JSON line per article with its provenance: id, url,
outlet, title, published, language, story_id, copy_kind, copy_of, cites, markers (each cite
and marker with its offsets; a marker's `where` says whether they point into the text, the
raw page or the URL)."""
from __future__ import annotations

from typing import Any, Iterator

from parley.export import register
from parley.export.plover import PloverJsonl
from parley.serialize import to_dict

FIELDS = ("id", "url", "outlet", "title", "published", "language", "story_id", "copy_kind", "copy_of",
          "cites", "markers")


def article_records(store: Any, f: Any = None, **_: Any) -> Iterator[dict[str, Any]]:
    """Every stored article (filtered by outlet and publication dates when asked)."""
    where, params = [], []
    if f is not None and f.outlet:
        where.append("outlet ILIKE ?")
        params.append(f"%{f.outlet}%")
    if f is not None and f.date_from:
        where.append("published >= ?")
        params.append(f.date_from)
    if f is not None and f.date_to:
        where.append("published <= ?")
        params.append(f.date_to + "\uffff")
    for a in store.iter_articles(where=" AND ".join(where), params=params):
        rec = {k: to_dict(getattr(a, k)) for k in FIELDS}
        rec["status"] = a.status
        yield rec


@register("articles")
class ArticlesJsonl(PloverJsonl):
    """JSON Lines like the plover exporter, of article records."""
    name = "articles"
    records = staticmethod(article_records)
