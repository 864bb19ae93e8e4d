"""HTML pages -> Article: the main text (parley.ingest.htmltext) and metadata with the source
of every field (parley.ingest.htmlmeta) in `Article.meta["sources"]`.

Also used for HTML inside other inputs: JSON Lines records with an "html" field, feed entries
with HTML content, WARC response records and fetched pages.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from lxml import etree

from parley.errors import Refused
from parley.ingest import CONTENT_TYPES, EXTENSIONS, READERS, add_sniffer, jsonl, refusal
from parley.ingest.encoding import decode
from parley.ingest.htmlmeta import Found, fallback_date, page_metadata, parse_date
from parley.ingest.htmltext import extract, parse
from parley.ingest.published import to_utc, utc_offset
from parley.ingest.records import make_article
from parley.ingest.streams import ReadContext, read_capped
from parley.ingest.xmlsafe import check_entities, root_name
from parley.schema import Article

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TAGS = re.compile(rb"<(html|head|body|article|meta|title|div|p)[\s>/]", re.I)


def _sniff(name: str, head: bytes) -> str | None:
    """HTML by its content (whatever the file is called)."""
    low = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return "html"
    if low.startswith(b"<?xml") and root_name(head) == "html":
        return "html"
    if low.startswith(b"<") and not low.startswith(b"<?xml") and _TAGS.search(low[:4096]):
        return "html"
    return None


def _sniff_name(name: str, head: bytes) -> str | None:
    """HTML by its name, when no content sniffer recognised the bytes."""
    return "html" if Path(name.split("?")[0]).suffix.lower() in HTML_EXTENSIONS else None


def _tree(text: str) -> Any:
    check_entities(text[:1 << 20])
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise Refused("empty", "the page has no content")
    try:
        return parse(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise Refused("bad-html", f"lxml could not parse the page: {exc}")


def _iso(found: Found | None) -> str | None:
    """A found date as parse_published reads it (compact dates expanded)."""
    if found is None:
        return None
    date, time = parse_date(str(found.value))
    return f"{date}T{time}" if date and time else date


def _meta(found: dict[str, Found], extractor: str, encoding: str | None, url: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"format": "html", "extractor": extractor,
                            "sources": {k: v.source for k, v in found.items() if k not in ("body", "headlines")}}
    if encoding:
        meta["encoding"] = encoding
    for key, name in (("image", "image"), ("categories", "categories"), ("tags", "tags"),
                      ("description", "description"), ("language", "language_declared"),
                      ("canonical", "canonical_url"), ("modified", "modified"), ("paywalled", "paywalled"),
                      ("type", "page_type")):
        if key in found:
            meta[name] = found[key].value
    if "author" in found:
        meta["authors"] = list(found["author"].value)
        meta["author"] = "; ".join(found["author"].value)
    if "published" in found:
        raw = str(found["published"].value)
        meta["published_from"] = found["published"].source
        meta["published_raw"] = raw
        offset = utc_offset(raw)
        if offset:  # the date stays as the page wrote it; its offset and the UTC time are kept beside it
            meta["published_utc_offset"] = offset
            utc = to_utc(*parse_date(raw), offset)
            if utc:
                meta["published_utc"] = utc
    if url and url != meta.get("canonical_url"):
        meta["fetched_url"] = url
    return meta


def page_record(text: str, url: str | None = None, encoding: str | None = None) -> dict[str, Any]:
    """Fields of an article from a page's HTML (text, title, url, outlet, published, _meta)."""
    tree = _tree(text)
    found = page_metadata(tree, url)
    title = found["title"].value if "title" in found else None
    body = found["body"].value if "body" in found else None
    extracted = extract(tree, url, found["headlines"].value, body)
    if extracted is None:
        raise Refused("no-content", "no article text found (trafilatura, the lxml fallback and JSON-LD "
                                    "articleBody all came up empty)")
    body_text, extractor = extracted
    if "published" not in found:
        guess = fallback_date(tree)
        if guess is not None and parse_date(str(guess.value))[0]:
            found["published"] = guess
    canonical = found["canonical"].value if "canonical" in found else None
    return {"text": body_text, "title": title, "url": canonical or url,
            "outlet": found["outlet"].value if "outlet" in found else None,
            "published": _iso(found.get("published")),
            "_meta": _meta(found, extractor, encoding, url)}


def page_to_article(data: bytes, source: str, ctx: ReadContext, record: str | None = None,
                    known: dict[str, Any] | None = None) -> Article:
    """One page's bytes -> Article; `known` fields (from a feed entry or WARC record) fill gaps."""
    if not data.strip():
        raise Refused("empty", "the page is empty")
    text, encoding = decode(data, ctx.charset)
    rec = page_record(text, ctx.url, encoding)
    meta = rec.pop("_meta")
    known = dict(known or {})
    known_from = known.pop("known_from", "record")
    for key, value in known.items():
        if key in ("title", "outlet", "published", "url", "id") and value and not rec.get(key):
            rec[key] = value
            meta.setdefault("sources", {})[key] = known_from
        elif key not in rec and value is not None:
            meta.setdefault(key, value)
    return make_article(rec, source=source, source_record=record, meta=meta)


def read_html(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Any]:
    ctx = ctx or ReadContext()
    try:
        data = read_capped(stream, ctx.max_bytes)
        yield page_to_article(data, source, ctx, known=dict(ctx.fields))
    except Refused as r:
        yield refusal(source, None, r)


def html_to_record(obj: dict[str, Any]) -> dict[str, Any]:
    """A JSON Lines record with "html": the record's own fields win over the page's."""
    rec = page_record(obj["html"], obj.get("url") if isinstance(obj.get("url"), str) else None)
    meta = rec.pop("_meta")
    for key, value in obj.items():
        if key != "html" and value is not None:
            if key in rec and rec[key] and key != "text":
                meta.setdefault("sources", {})[key] = "record"
            rec[key] = value
    rec["_meta"] = meta
    return rec


READERS["html"] = read_html
EXTENSIONS.update({ext: "html" for ext in HTML_EXTENSIONS})
CONTENT_TYPES.update({"text/html": "html", "application/xhtml+xml": "html"})
add_sniffer(_sniff, priority=30)
add_sniffer(_sniff_name, priority=45)
jsonl.html_to_record = html_to_record
