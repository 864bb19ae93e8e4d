"""Page metadata with its provenance: every field says where it was read from.

Sources, in order of trust: `json-ld` (schema.org NewsArticle and friends), `meta:<name>`
(OpenGraph, article:*, Dublin Core, parse.ly, ...), `html:<element>` (<time>, <h1>, <title>,
byline elements, <html lang>), `url` (a date in the path, a known site's domain), `text` (a
"Published ..." line), `html:title` (a date in the <title>) and `htmldate` (trafilatura's
date finder, the last resort). The outlet of a page on a known host is that site's name
whatever the metadata credits, and headlines lose their decorations (parley.ingest.htmlsite).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from parley.ingest.htmlsite import (  # clean_outlet, clean_title: also imported from here (feeds, tests)
    choose_outlet, clean_outlet, clean_title, host_outlet, sites, title_date, undecorate)
from parley.ingest.published import parse_published, utc_offset

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "liveblogposting", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
                 "askpublicnewsarticle", "satiricalarticle", "report", "socialmediaposting", "scholarlyarticle"}
PAGE_TYPES = {"webpage", "itempage", "collectionpage"}
ORG_TYPES = {"newsmediaorganization", "organization", "corporation"}
META_KEYS = {
    "title": ["og:title", "twitter:title", "sailthru.title", "parsely-title", "dc.title"],
    "outlet": ["og:site_name", "application-name", "apple-mobile-web-app-title", "dc.publisher", "cre",
               "publisher"],
    "author": ["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author",
               "citation_author"],
    "published": ["article:published_time", "og:article:published_time", "datepublished", "published_time",
                  "article.published", "pubdate", "publishdate", "publish-date", "publish_date", "ptime",
                  "pdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
                  "sailthru.date", "parsely-pub-date", "article_date_original", "original-publish-date",
                  "displaydate", "cxenseparse:recs:publishtime", "dcsext.articlefirstpublished"],
    "modified": ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "utime"],
    "image": ["og:image", "og:image:url", "twitter:image", "twitter:image:src", "thumbnail"],
    "description": ["og:description", "description", "twitter:description", "dc.description"],
    "categories": ["article:section", "section", "parsely-section", "category", "sailthru.section"],
    "tags": ["article:tag", "keywords", "news_keywords", "parsely-tags", "sailthru.tags"],
    "language": ["content-language", "og:locale", "dc.language", "language"],
    "canonical": ["og:url", "twitter:url"],
}
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)|/(20\d{2})(\d{2})(\d{2})/")
_URL_MONTH_DATE = re.compile(r"/(20\d{2}|19\d{2})/([a-z]{3,9})/(\d{1,2})(?:/|-|$)", re.I)
_TEXT_DATE = re.compile(r"\b(?:published|posted|first published|updated|last updated|date)(?:\s+on)?\s*:?\s*"
                        r"((?:[A-Z][a-z]+,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}"
                        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
                        r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?)?)", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?Z?$")
_BY = re.compile(r"^\s*(?:by|written by|from)\s+", re.I)


@dataclass
class Found:
    value: Any
    source: str


def _text(el: Any) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


# -- JSON-LD ----------------------------------------------------------------------------
def _json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$", "", raw).strip()
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")))
            except (ValueError, RecursionError):
                continue
        _flatten(data, out)
    return out


def _flatten(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if isinstance(data.get(key), (list, dict)):
                _flatten(data[key], out, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {v.lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() and not value.startswith(("http://", "https://")) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v, by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        name = value.get("name")
        return _names(name, by_id) if isinstance(name, (str, list)) else []
    return []


def _first_str(value: Any, key: str = "url") -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for v in value:
            found = _first_str(v, key)
            if found:
                return found
    if isinstance(value, dict):
        return _first_str(value.get(key) or value.get("@id") or value.get("contentUrl"), key)
    return None


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def json_ld(tree: Any) -> dict[str, Any]:
    """Fields of the page's main article object (or its web page object) in JSON-LD."""
    objects = _json_ld_objects(tree)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    art = next((o for o in objects if _types(o) & ARTICLE_TYPES), None)
    page = next((o for o in objects if _types(o) & PAGE_TYPES), None)
    main = art or page
    out: dict[str, Any] = {}
    if main is not None:
        out["title"] = _first_str(main.get("headline")) or _first_str(main.get("name"))
        out["author"] = _names(main.get("author") or main.get("creator"), by_id)
        out["outlet"] = next(iter(_names(main.get("publisher") or main.get("sourceOrganization"), by_id)), None)
        out["published"] = _first_str(main.get("datePublished") or main.get("dateCreated"))
        out["modified"] = _first_str(main.get("dateModified"))
        out["image"] = _first_str(main.get("image") or main.get("thumbnailUrl"))
        out["categories"] = _str_list(main.get("articleSection"))
        out["tags"] = _str_list(main.get("keywords"))
        out["language"] = _first_str(main.get("inLanguage"), "alternateName")
        out["canonical"] = _first_str(main.get("mainEntityOfPage"), "@id") or _first_str(main.get("url"))
        out["description"] = _first_str(main.get("description"))
        body = main.get("articleBody")
        out["body"] = body if isinstance(body, str) and body.strip() else live_blog_body(main)
        free = main.get("isAccessibleForFree")
        out["paywalled"] = True if str(free).lower() in ("false", "0", "no") else None
        out["type"] = sorted(_types(main))[0] if _types(main) else None
    if not out.get("outlet"):
        org = next((o for o in objects if _types(o) & ORG_TYPES and isinstance(o.get("name"), str)), None)
        out["outlet"] = org["name"] if org else None
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def live_blog_body(main: dict[str, Any]) -> str | None:
    """A live blog's text from its JSON-LD updates (liveBlogUpdate: headline + articleBody each),
    oldest first, when the page gives no articleBody of its own."""
    updates = main.get("liveBlogUpdate")
    updates = [u for u in (updates if isinstance(updates, list) else [updates]) if isinstance(u, dict)]
    parts: list[tuple[str, str]] = []
    for u in updates:
        text = u.get("articleBody")
        if isinstance(text, str) and text.strip():
            head = u.get("headline")
            stamp = str(u.get("datePublished") or "")
            parts.append((stamp, f"{head.strip()}\n\n{text.strip()}" if isinstance(head, str) and head.strip()
                          else text.strip()))
    if not parts:
        return None
    parts.sort(key=lambda p: p[0])  # ISO stamps sort in time order; updates without one keep their place first
    return "\n\n".join(p[1] for p in parts)


# -- meta tags and elements ------------------------------------------------------------
def meta_tags(tree: Any) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), []).append(content.strip())
    return tags


def _from_meta(tags: dict[str, list[str]], field: str) -> Found | None:
    for key in META_KEYS[field]:
        if key in tags:
            values = tags[key]
            return Found(values if field in ("categories", "tags") else values[0], f"meta:{key}")
    return None


def _time_element(tree: Any) -> Found | None:
    for xp in ('//time[@itemprop="datePublished"]', '//*[@itemprop="datePublished"][@content]',
               '//time[contains(@class,"publish") or contains(@class,"posted")]',
               '(//article//time[@datetime])[1]', '(//header//time[@datetime])[1]', '(//time[@datetime])[1]'):
        for el in tree.xpath(xp):
            value = el.get("datetime") or el.get("content") or _text(el)
            if parse_date(value)[0]:
                return Found(value, "html:time")
    return None


def _byline(tree: Any) -> Found | None:
    for el in tree.xpath('//*[@rel="author"] | //*[@itemprop="author"] | '
                         '//*[contains(@class,"byline") or contains(@class,"author-name") '
                         'or contains(@class,"ArticleByline") or contains(@data-testid,"byline")]'):
        text = _text(el)
        if 2 < len(text) < 200:
            names = split_authors(text)
            if names:
                return Found(names, "html:byline")
    return None


def clean_authors(names: list[str], outlet: str | None) -> list[str]:
    """Names only: unescaped, de-duplicated, without the outlet, dates or URLs."""
    skip = {n.lower() for n in (outlet, *sites()["title_suffixes"]) if n}
    out: list[str] = []
    for name in names:
        name = re.sub(r"\s+", " ", html.unescape(name)).strip(" ,;|")
        if (not name or name.lower() in skip or name in out or parse_date(name)[0] or name.startswith("http")
                or sum(ch.isdigit() for ch in name) > 2 or not any(ch.isalpha() for ch in name)):
            continue
        out.append(name)
    return out


def split_authors(text: str) -> list[str]:
    text = _BY.sub("", text.strip())
    text = re.split(r"\s*(?:\||·|•|Published|Updated|\d{1,2}:\d{2})", text)[0]
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 5
            and not p.lower().startswith(("reuters", "updated", "staff"))] or ([text.strip()] if text.strip() else [])


def parse_date(value: str | None) -> tuple[str | None, str | None]:
    """Dates as pages write them, also compact ones (20240315, 20240315091200)."""
    if not value:
        return None, None
    m = _COMPACT.match(value.strip())
    if m:
        y, mo, d, hh, mm = m.group(1, 2, 3, 4, 5)
        value = f"{y}-{mo}-{d}" + (f"T{hh}:{mm}" if hh else "")
    return parse_published(value)


def url_date(url: str | None) -> Found | None:
    """A date in a URL's path: /2024/03/15/, /20240315/, /2024-03-15-, /2019/nov/18/."""
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path)
    if m:
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        value = f"{y}-{int(mo):02d}-{int(d):02d}"
    else:
        m = _URL_MONTH_DATE.search(path)
        if not m:
            return None
        value = f"{m.group(3)} {m.group(2)} {m.group(1)}"
    return Found(value, "url") if parse_published(value)[0] else None


def text_date(text: str, limit: int = 3000) -> Found | None:
    m = _TEXT_DATE.search(text[:limit])
    if m and parse_published(m.group(1))[0]:
        return Found(m.group(1), "text")
    return None


def site_outlet(url: str | None) -> Found | None:
    name = host_outlet(url)
    return Found(name, "url") if name else None


def _title_tag(tree: Any) -> str:
    titles = tree.xpath("//head/title") or tree.xpath("//title")
    return _text(titles[0]) if titles else ""


def _h1(tree: Any) -> str:
    for xp in ("//article//h1", "//main//h1", "//h1"):
        found = tree.xpath(xp)
        if found:
            return _text(found[0])
    return ""


def _declared_language(tree: Any, tags: dict[str, list[str]], ld: dict[str, Any]) -> Found | None:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        return Found(lang, "html:lang")
    if ld.get("language"):
        return Found(ld["language"], "json-ld")
    return _from_meta(tags, "language")


def _canonical(tree: Any, tags: dict[str, list[str]], ld: dict[str, Any], base: str | None) -> Found | None:
    for el in tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"][@href]'):
        href = el.get("href").strip()
        if href:
            return Found(urljoin(base or "", href), "html:link")
    found = _from_meta(tags, "canonical")
    if found:
        return Found(urljoin(base or "", found.value), found.source)
    if ld.get("canonical", "").startswith("http"):
        return Found(ld["canonical"], "json-ld")
    return None


def page_metadata(tree: Any, url: str | None = None) -> dict[str, Found]:
    """Every metadata field found, each with the source it came from."""
    ld = json_ld(tree)
    tags = meta_tags(tree)
    out: dict[str, Found] = {}

    def pick(field: str, *candidates: Found | None) -> None:
        for c in candidates:
            if c is not None and c.value not in (None, "", []):
                out[field] = c
                return

    def ldf(field: str) -> Found | None:
        return Found(ld[field], "json-ld") if field in ld else None

    pick("canonical", _canonical(tree, tags, ld, url))
    page_url = out["canonical"].value if "canonical" in out else url
    categories = ld.get("categories") or tags.get("article:section") or []
    outlet_found = _outlet(ld, tags, host_outlet(page_url) or host_outlet(url), categories)
    if outlet_found:
        out["outlet"] = outlet_found
    outlet = out["outlet"].value if "outlet" in out else None
    _titles(tree, tags, ld, outlet, page_url or url, out)
    pick("author", ldf("author"), _meta_authors(tags), _byline(tree))
    if "author" in out:
        out["author"].value = clean_authors(out["author"].value, outlet)
        if not out["author"].value:
            del out["author"]
    pick("published", _valid_date(ldf("published")), _valid_date(_from_meta(tags, "published")),
         _time_element(tree), url_date(page_url), url_date(url))
    pick("modified", ldf("modified"), _from_meta(tags, "modified"))
    pick("image", ldf("image"), _from_meta(tags, "image"))
    if "image" in out:
        out["image"].value = urljoin(page_url or "", out["image"].value)
    pick("categories", ldf("categories"), _from_meta(tags, "categories"))
    pick("tags", ldf("tags"), _from_meta(tags, "tags"))
    pick("description", ldf("description"), _from_meta(tags, "description"))
    pick("language", _declared_language(tree, tags, ld))
    pick("body", ldf("body"))
    pick("paywalled", ldf("paywalled"), _meta_paywall(tags))
    pick("type", ldf("type"), Found((tags.get("og:type") or [None])[0], "meta:og:type"))
    return out


def _outlet(ld: dict[str, Any], tags: dict[str, list[str]], url_name: str | None,
            categories: list[str]) -> Found | None:
    candidates = [(ld.get("outlet"), "json-ld")]
    candidates += [(tags[k][0], f"meta:{k}") for k in META_KEYS["outlet"] if k in tags]
    chosen = choose_outlet([(html.unescape(v), s) for v, s in candidates if v], url_name, categories)
    return Found(chosen[0], chosen[1]) if chosen else None


def _titles(tree: Any, tags: dict[str, list[str]], ld: dict[str, Any], outlet: str | None, url: str | None,
            out: dict[str, Found]) -> None:
    """out["title"] (the most trusted headline, undecorated) and out["headlines"] (every version)."""
    meta_title = _from_meta(tags, "title")
    titles = [t for t in (Found(ld["title"], "json-ld") if "title" in ld else None, meta_title,
                          Found(_h1(tree), "html:h1"), Found(_title_tag(tree), "html:title"))
              if t is not None and t.value]
    for t in titles:
        t.value = clean_title(html.unescape(str(t.value)), outlet, url)
    # a one-word "headline" (a CMS name, a section) loses to a real one further down the list
    titles = [t for i, t in enumerate(titles) if len(t.value.split()) >= 2
              or not any(len(u.value.split()) >= 3 for u in titles[i + 1:])]
    better = undecorate([t.value for t in titles])
    if titles:
        first = titles[better[0]]
        out["title"] = Found(first.value, first.source if better[0] == 0 else f"{titles[0].source}+{first.source}")
    out["headlines"] = Found([t.value for t in titles], "all")


def _valid_date(found: Found | None) -> Found | None:
    return found if found is not None and parse_date(found.value)[0] else None


def _meta_authors(tags: dict[str, list[str]]) -> Found | None:
    found = _from_meta(tags, "author")
    if found is None:
        return None
    names = [n for v in tags[found.source.split(":", 1)[1]] for n in split_authors(v)
             if not n.startswith(("http://", "https://"))]
    return Found(names, found.source) if names else None


def _meta_paywall(tags: dict[str, list[str]]) -> Found | None:
    tier = (tags.get("article:content_tier") or [""])[0].lower()
    return Found(True, "meta:article:content_tier") if tier in ("locked", "metered") else None


def fallback_date(tree: Any) -> Found | None:
    """A "Published ..." line in the page's text, else htmldate's guess (original date only)."""
    body = tree.find("body") if hasattr(tree, "find") else None
    parts = (body if body is not None else tree).xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    text = re.sub(r"\s+", " ", " ".join(parts))[:50000]
    found = text_date(text, limit=len(text))
    if found:
        return found
    written = title_date(_title_tag(tree))
    if written:
        return Found(written, "html:title")
    try:
        from htmldate import find_date

        value = find_date(etree.tostring(tree, encoding="unicode"), extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a date guesser failing is no reason to refuse a page
        return None
    return Found(value, "htmldate") if value else None
