"""Plain-text page dumps: headline, metadata lines, body, trailer.

A dump as scrapers write it:

    Headline
    <image URL>
    Outlet
    Category
    23/12/2023 22h31
    Body paragraphs ...
    (Word Count: 398)
    The views expressed in this article do not reflect ...
    Related

The trailer is recognised by rules (data/page_dump.json), kept out of the body and recorded
as markers with offsets into the raw page; metadata lines become fields (outlet, category,
published date and time, image).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from parley.errors import Refused
from parley.ingest.published import parse_published
from parley.ingest.records import make_article
from parley.schema import Article, Marker

_URL = re.compile(r"^https?://\S+$", re.I)
_STAMP_PREFIX = re.compile(r"^(published|updated|posted|last updated)(\s+on)?\s*:?\s*", re.I)


@dataclass(frozen=True)
class Line:
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    data = json.loads(resources.files("parley.data").joinpath("page_dump.json").read_text())
    data["trailer_re"] = [(r["kind"], re.compile(r["pattern"], re.I)) for r in data["trailer"]]
    data["image_re"] = re.compile(data["image_url"], re.I)
    return data


def _lines(raw: str) -> list[Line]:
    out, pos = [], 0
    for part in raw.split("\n"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        out.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(part) + 1
    return out


def _timestamp(text: str) -> tuple[str | None, str | None]:
    return parse_published(_STAMP_PREFIX.sub("", text)) if len(text) <= 60 else (None, None)


def _is_meta(text: str, r: dict[str, Any]) -> bool:
    if _URL.match(text) or _timestamp(text)[0]:
        return True
    return (len(text) <= 80 and len(text.split()) <= 8
            and not re.search(r"[.!?\"”:;]$", text))


def _read_meta(lines: list[Line], i: int, r: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Read metadata lines from index i; returns the fields and the index of the body."""
    meta: dict[str, Any] = {}
    texts: list[str] = []
    j = i
    while j < len(lines) and (j - i) < r["max_meta_lines"] + 4:
        text = lines[j].text
        if not text:
            j += 1
            continue
        if not _is_meta(text, r) or len(texts) >= r["max_meta_lines"]:
            break
        date, time = _timestamp(text)
        if _URL.match(text):
            meta["image" if r["image_re"].search(text) and "image" not in meta else "url"] = text
        elif date and "published" not in meta:
            meta.update(published=date, published_time=time, published_text=text)
        else:
            texts.append(text)
        j += 1
    for key, value in zip(("outlet", "category"), texts):
        meta[key] = value
    if len(texts) > 2:
        meta["meta_lines"] = texts[2:]
    return meta, j


def _trailer(lines: list[Line], r: dict[str, Any]) -> tuple[list[Marker], int]:
    """Markers found in the trailer, and the index of the first trailer line."""
    markers: list[Marker] = []
    end = len(lines)
    k = end - 1
    while k >= 0:
        text = lines[k].text
        if text:
            kind = next((kind for kind, rx in r["trailer_re"] if rx.search(text)), None)
            if kind is None:
                break
            markers.insert(0, Marker(kind=kind, text=text, start=lines[k].start, end=lines[k].end))
            end = k
        k -= 1
    return markers, end


def read_text_dump(raw: str, source: str | None = None) -> Article:
    """Parse one page dump into an Article (body only in `text`; trailer kept as markers)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    r = rules()
    lines = _lines(raw)
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        raise Refused("empty", "the page has no text")
    markers, trailer_at = _trailer(lines, r)
    title, meta, body_at = None, {}, first
    head = lines[first].text
    if len(head) <= r["max_headline_chars"] and not head.endswith((".", "”", '"')) and trailer_at > first + 1:
        title = head
        meta, body_at = _read_meta(lines, first + 1, r)
    body_lines = [ln for ln in lines[body_at:trailer_at] if ln.text]
    if not body_lines:
        raise Refused("empty", "the page has a headline but no body")
    start, end = body_lines[0].start, body_lines[-1].end
    record = {"text": raw[start:end], "title": title, "outlet": meta.pop("outlet", None),
              "url": meta.pop("url", None), "published": None}
    article = make_article(record, source=source, raw=raw, markers=markers,
                           meta={**meta, "body_offset": start})
    article.published = meta.get("published")
    article.published_time = meta.get("published_time")
    return article
