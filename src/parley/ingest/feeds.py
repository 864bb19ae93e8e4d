"""RSS and Atom feeds (feedparser): one article per entry.

An entry's full content is used when the feed carries it (`meta["content"] == "full"`);
otherwise its summary is stored, flagged `meta["content"] == "summary"`, with the entry's link
in `meta["needs_fetch"]` (`parley fetch --feed` fetches it). An entry with neither is refused
(`no-content`, the link in the detail). Feeds that declare XML entities are refused, never
expanded; other XML that is not a feed or a page is refused as `unsupported-format`.
"""
from __future__ import annotations

import io
import re
import time
from typing import Any, BinaryIO, Iterator

from parley.errors import Refused
from parley.ingest import CONTENT_TYPES, EXTENSIONS, READERS, add_sniffer, refusal
from parley.ingest.htmlmeta import clean_outlet, site_outlet
from parley.ingest.htmltext import fragment_text
from parley.ingest.published import parse_published
from parley.ingest.records import make_article
from parley.ingest.streams import ReadContext, read_capped
from parley.ingest.xmlsafe import check_entities, root_name
from parley.schema import Article, Refusal

FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
XML_EXTENSIONS = {".xml": "xml", ".rss": "feed", ".atom": "feed", ".rdf": "feed"}
MIN_FULL = 200  # characters: shorter "content" than this, next to a summary, is a teaser


def _sniff(name: str, head: bytes) -> str | None:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return None
    root = root_name(stripped)
    if root in FEED_ROOTS:
        return "feed"
    if root == "html":
        return None
    if stripped.startswith(b"<?xml") or stripped.lower().startswith(b"<!doctype") and root not in (None, "html"):
        return "xml"
    return None


def _struct_iso(value: Any) -> str | None:
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%dT%H:%M", value)
    return None


def _content(entry: Any) -> tuple[str | None, str]:
    """(text, "full" | "summary") of an entry."""
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str) and c["value"].strip()]
    full = max(contents, key=lambda c: len(c["value"]), default=None)
    summary = entry.get("summary") if isinstance(entry.get("summary"), str) else None
    full_text = _as_text(full["value"], full.get("type")) if full else None
    summary_text = _as_text(summary, (entry.get("summary_detail") or {}).get("type")) if summary else None
    if full_text and (len(full_text) >= MIN_FULL or not summary_text or len(full_text) > len(summary_text)):
        return full_text, "full"
    return summary_text, "summary"


def _as_text(value: str, mime: str | None) -> str | None:
    if mime == "text/plain" and "<" not in value:
        text = value.strip()
    else:
        text = fragment_text(value)
    return text or None


def _outlet(feed: Any, link: str | None) -> tuple[str | None, str]:
    found = site_outlet(link) or site_outlet(feed.get("link"))
    if found:
        return found.value, "url"
    title = feed.get("title")
    if isinstance(title, str) and title.strip():
        return clean_outlet(re.split(r"\s+[-|:–—]\s+", title.strip())[0]), "feed"
    return None, ""


def entry_article(entry: Any, feed: Any, source: str, where: str, fmt: str) -> Article:
    text, kind = _content(entry)
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    if not text:
        raise Refused("no-content", "the entry has no content or summary" + (f"; its link: {link}" if link else ""))
    outlet, outlet_from = _outlet(feed, link)
    published = entry.get("published") or entry.get("updated")
    published_from = "feed:published" if entry.get("published") else "feed:updated"
    iso = _struct_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    meta: dict[str, Any] = {"format": fmt, "content": kind, "feed_title": feed.get("title"),
                            "sources": {"title": "feed", "outlet": outlet_from, "published": published_from}}
    if kind == "summary" and link:
        meta["needs_fetch"] = link
    if entry.get("author"):
        meta["author"] = entry["author"]
    tags = [t.get("term") for t in entry.get("tags") or [] if isinstance(t.get("term"), str)]
    if tags:
        meta["categories"] = tags
    if feed.get("language"):
        meta["language_declared"] = feed["language"]
    if entry.get("id"):
        meta["entry_id"] = entry["id"]
    record = {"text": text, "title": entry.get("title"), "url": link, "outlet": outlet,
              "published": published if parse_published(published)[0] else iso}
    return make_article(record, source=source, source_record=where, meta=meta)


def parse_feed(data: bytes, url: str | None = None) -> Any:
    import feedparser

    check_entities(data)
    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, resolve_relative_uris=bool(url))
    if not parsed.entries and (parsed.bozo or not parsed.version):
        exc = parsed.get("bozo_exception")
        raise Refused("bad-xml", f"not a readable feed: {exc}" if exc else "no feed elements found")
    return parsed


def read_feed(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    ctx = ctx or ReadContext()
    try:
        data = read_capped(stream, ctx.max_bytes)
        parsed = parse_feed(data, ctx.url)
    except Refused as r:
        yield refusal(source, None, r)
        return
    if not parsed.entries:
        yield Refusal(source=source, record=None, reason="empty", detail="the feed has no entries")
        return
    fmt = "atom" if (parsed.version or "").startswith("atom") else "rss"
    for i, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") if isinstance(entry.get("link"), str) else ""
        where = f"entry {i}" + (f" {link}" if link else "")
        try:
            article = entry_article(entry, parsed.feed, source, where, fmt)
            if parsed.bozo:
                article.meta["feed_warning"] = str(parsed.get("bozo_exception"))[:300]
            yield article
        except Refused as r:
            yield refusal(source, where, r)


def read_xml(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Refusal]:
    """XML that is neither a feed nor a page: refused with the most specific reason."""
    ctx = ctx or ReadContext()
    from lxml import etree

    try:
        data = read_capped(stream, ctx.max_bytes)
        check_entities(data)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as exc:
            raise Refused("bad-xml", str(exc)[:300])
        raise Refused("unsupported-format", f"XML with root <{etree.QName(root).localname}>, not a feed or a page")
    except Refused as r:
        yield refusal(source, None, r)


READERS["feed"] = read_feed
READERS["xml"] = read_xml
EXTENSIONS.update(XML_EXTENSIONS)
CONTENT_TYPES.update({"application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
                      "application/xml": "xml", "text/xml": "xml"})
add_sniffer(_sniff, priority=25)
