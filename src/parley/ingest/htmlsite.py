"""Which outlet published a page, and its headline without the site's decorations.

The outlet: a known site's name (data/sites.json, by the page's host) wins over what the page
says when they disagree, because pages credit wire services (JSON-LD publisher "Associated
Press" on a newspaper's page), sections ("U.S.") or CMS names ("Hosted") as their site. For
unknown hosts, JSON-LD publisher and og:site_name are compared: when they name the same outlet
the JSON-LD spelling is kept, otherwise og:site_name (the site itself) unless it is a handle,
a slug or a section. Names are folded onto the known spellings ("TheHill" -> "The Hill",
"Express.co.uk" -> the name for express.co.uk).

The title: site suffixes are stripped ("Headline | World | The Guardian"), and when the page
carries the same headline bare elsewhere (its <h1>, og:title), the decorated version
("Headline | Editorial", "Headline | Author Name") or a truncated one ("Headline...") gives way.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " // ")
_SEP_RE = re.compile(r"\s+(?:\||-|–|—|::|·|//)\s+")
_TLD = re.compile(r"\.(?:com|co\.uk|co|net|org|de|fr|es|it|ru|cz|ch|at|in|ca|com\.au|info)$", re.I)
GENERIC_SITE_NAMES = {"home", "news", "hosted", "world", "us", "uk", "article", "articles", "index", "homepage",
                      "latest", "breaking news", "story", "online", "website", "web", "blog", "site", "main"}


@lru_cache(maxsize=1)
def sites() -> dict[str, Any]:
    return json.loads(resources.files("parley.data").joinpath("sites.json").read_text("utf-8"))


def fold(name: str) -> str:
    """A name's comparison key: case, spaces, punctuation, a leading 'The' and a TLD dropped."""
    name = _TLD.sub("", name.strip())
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return re.sub(r"[\W_]+", "", name.casefold())


@lru_cache(maxsize=1)
def _known_names() -> dict[str, str]:
    """Folded name -> canonical spelling: site names first, then outlets.json names and aliases."""
    data = json.loads(resources.files("parley.data").joinpath("outlets.json").read_text("utf-8"))
    known: dict[str, str] = {}
    for domain, name in sites()["domains"].items():
        known.setdefault(fold(name), name)
        known.setdefault(fold(domain), name)
    for alias, name in sites().get("aliases", {}).items():
        known.setdefault(fold(alias), name)
    for outlet in data["outlets"]:
        known.setdefault(fold(outlet["name"]), outlet["name"])
        for alias in outlet.get("aliases", []):
            if not alias.startswith("the ") and len(fold(alias)) >= 3:
                known.setdefault(fold(alias), outlet["name"])
    known.pop("", None)
    return known


def host_outlet(url: str | None) -> str | None:
    """The known site name for a URL's host (or any parent domain), else None."""
    if not url:
        return None
    parts = (urlsplit(url).hostname or "").lower().split(".")
    table = sites()["domains"]
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


def clean_outlet(name: str) -> str:
    """One spelling per outlet; a tagline after a separator dropped ('Site | Site.com')."""
    name = re.sub(r"\s+", " ", name).strip()
    head = _SEP_RE.split(name)[0].strip()
    if head and len(head) >= 2:
        name = head
    return _known_names().get(fold(name), name)


def usable_site_name(name: str | None, categories: list[str] | None = None) -> bool:
    """Not a handle (@site), a URL slug (siteslug), a section name or a CMS label."""
    if not name or not any(ch.isalpha() for ch in name):
        return False
    name = name.strip()
    if name.startswith("@") or name.lower() in GENERIC_SITE_NAMES or fold(name) in GENERIC_SITE_NAMES:
        return False
    if name.endswith(".") and len(name) <= 6:  # "U.S."
        return False
    if categories and fold(name) in {fold(c) for c in categories}:
        return False
    if " " not in name and "." not in name and name.islower() and fold(name) not in _known_names():
        return False  # a slug such as "detroitnews" (a domain such as "example.org" is a name)
    return True


def choose_outlet(candidates: list[tuple[str | None, str]], url_name: str | None,
                  categories: list[str] | None = None) -> tuple[str, str] | None:
    """(outlet, source) from (value, source) candidates in order of trust and the host's name."""
    named = [(clean_outlet(v), s) for v, s in candidates if v and usable_site_name(v, categories)]
    if url_name:
        for value, source in named:
            if fold(value) == fold(url_name):
                return url_name, source
        return url_name, "url"
    if not named:
        return None
    ld = [c for c in named if c[1] == "json-ld"]
    site = [c for c in named if c[1] == "meta:og:site_name"]
    if ld and site and fold(ld[0][0]) != fold(site[0][0]):
        return site[0]
    return named[0]


def _decorated_by(title: str, other: str) -> bool:
    """`title` is `other` plus a short separated tail ('Headline | Editorial')."""
    if len(title) <= len(other) or not title.startswith(other):
        return False
    m = _SEP_RE.match(title, len(other))
    return bool(m) and len(title[m.end():].split()) <= 6


def _truncated_of(title: str, other: str) -> bool:
    stem = title.rstrip(".… ").rstrip()
    return title != stem and len(other) > len(stem) and other.startswith(stem) and len(stem) >= 20


def undecorate(titles: list[str]) -> list[int]:
    """For each title, the index of the bare or complete version of it among `titles`."""
    out = []
    for i, t in enumerate(titles):
        better = next((j for j, o in enumerate(titles) if j != i and (_decorated_by(t, o) or _truncated_of(t, o))), i)
        out.append(better)
    return out


@lru_cache(maxsize=1)
def _suffix_names() -> frozenset[str]:
    return frozenset(fold(n) for n in sites()["title_suffixes"])


def clean_title(title: str, outlet: str | None, url: str | None = None) -> str:
    """Strip a site suffix: 'Headline | World news | The Guardian' -> 'Headline'."""
    from parley.ingest.htmlmeta import parse_date

    title = re.sub(r"\s+", " ", title).strip()
    names = set(_suffix_names())
    if outlet:
        names.add(fold(outlet))
    host = (urlsplit(url).hostname or "") if url else ""
    if host:
        names.add(fold(host.removeprefix("www.")))
    names.discard("")
    for sep in SEPARATORS:
        parts = title.split(sep)
        dated = [i for i, p in enumerate(parts) if i and re.search(r"\d{4}", p) and parse_date(p.strip())[0]]
        if dated:  # 'Headline - 07.12.2017 - Site', 'Headline | DW | 10.06.2013': the date ends the headline
            parts = parts[:dated[0]]
            title = sep.join(parts).strip()
        if len(parts) < 2 or fold(parts[-1]) not in names:
            continue
        parts.pop()
        while len(parts) >= 2 and (len(parts[-1].split()) <= 4 or parse_date(parts[-1].strip())[0]):
            parts.pop()  # a section name or a date before the site name
        title = sep.join(parts).strip()
    return title


def title_date(title: str) -> str | None:
    """A date written in a <title>'s separated segments ('Headline - 07.12.2017 - Site')."""
    from parley.ingest.htmlmeta import parse_date

    for part in _SEP_RE.split(title)[1:]:
        part = part.strip()
        if len(part) <= 30 and parse_date(part)[0] and re.search(r"\d{4}", part):
            return part
    return None
