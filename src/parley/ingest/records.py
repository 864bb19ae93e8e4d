"""Turning what a reader found into an `Article`: ids and content hashes."""
from __future__ import annotations

import hashlib
from typing import Any

from parley.errors import Refused
from parley.ingest.published import parse_published
from parley.schema import Article, Marker


def content_hash(text: str, url: str | None, outlet: str | None, title: str | None) -> str:
    """Same page read twice -> same hash; the same text on another site is another article."""
    h = hashlib.sha256()
    for part in (text.strip(), url or "", outlet or "", title or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _str_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, (int, float)) and name == "id":
        return str(value)
    if not isinstance(value, str):
        raise Refused("bad-field", f"field {name!r} must be a string, got {type(value).__name__}")
    return value


def make_article(record: dict[str, Any], source: str | None = None,
                 source_record: str | None = None, raw: str | None = None,
                 markers: list[Marker] | None = None, meta: dict[str, Any] | None = None) -> Article:
    """Build an Article from input-record fields (id, url, outlet, title, published, text)."""
    text = _str_field(record, "text")
    if text is None or not text.strip():
        raise Refused("empty", "the record's text is empty")
    if "\x00" in text:
        raise Refused("binary", "the text contains NUL bytes")
    url, outlet, title = (_str_field(record, k) for k in ("url", "outlet", "title"))
    published_raw = record.get("published")
    if published_raw is not None and not isinstance(published_raw, str):
        raise Refused("bad-field", "field 'published' must be a string")
    published, published_time = parse_published(published_raw)
    digest = content_hash(text, url, outlet, title)
    meta = dict(meta or {})
    if published_raw and not published:
        meta["published_unparsed"] = published_raw
    return Article(
        id=_str_field(record, "id") or f"a{digest[:15]}", text=text, title=title, url=url,
        outlet=outlet, published=published, published_time=published_time,
        language=_str_field(record, "language"), content_hash=digest, source=source,
        source_record=source_record, raw=raw, meta=meta, markers=list(markers or []))
