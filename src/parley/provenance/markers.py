"""Tells of machine-made or scraped copy, each with its evidence.

Kinds (besides the page-dump trailer kinds the text-dump reader records from the raw page:
word-count, disclaimer, copyright, navigation):
- `word-count`, `disclaimer`, `copyright`, `navigation` found inside the body text
  (where="text"), e.g. a "(Word Count: 412)" left in a copied body;
- `chatbot-refusal`: a language model's leftovers ("As an AI language model ...",
  "I'm sorry, but I cannot ...", "Here is a rewritten version ...");
- `slug-mismatch`: the URL's slug is about something else than the title and text
  (where="url": offsets into Article.url);
- `unrelated-site`: the site's other stored pages share nothing with this one (found by
  the store hook, where="url": offsets of the host in Article.url).
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from parley.provenance.features import fold, stem, words_of
from parley.provenance.rules import rules
from parley.schema import Article, Marker

# Words every pattern of data/provenance.json (word count, chatbot, disclaimers) contains one of.
CUES = ("word count", "wordcount", "language model", "sorry", "apologi", "cannot", "can't", "unable", "knowledge",
        "real-time", "rewritten", "revised", "paraphrased", "unique version", "regenerate", "generated", "expressed",
        "syndicated", "edited by", "cutoff", "cut-off")
SLUG_MIN_WORDS = 3
SLUG_MAX_SHARED = 0.2
_SLUG_SPLIT = re.compile(r"[-_+.]+")
_ID_LIKE = re.compile(r"^(?:\d+|[0-9a-f]{6,}|html?|php|aspx?|amp|index|article|news|story)$", re.I)


def text_markers(article: Article) -> list[Marker]:
    """Markers found in the body text and the URL (not the raw-page trailer: the reader did that)."""
    text = article.text
    r = rules()
    out: list[Marker] = []
    low = text.lower()
    if not any(cue in low for cue in CUES):  # nothing to look for: skip the regular expressions
        return _trailer_lines(text) + ([m] if (m := slug_mismatch(article)) else [])
    for m in r.word_count.finditer(text):
        out.append(Marker("word-count", m.group(0), m.start(), m.end(), "text"))
    chatbot, disclaimers, scanned = r.chatbot, r.machine_disclaimers, text
    if text.isascii():  # the same patterns without re.I on the lower-cased text: same offsets, faster
        (chatbot, disclaimers), scanned = _lower_case_forms(), low
    for rx in chatbot:
        for m in rx.finditer(scanned):
            out.append(Marker("chatbot-refusal", _line(text, m.start(), m.end()), *_line_span(text, m.start(), m.end()), "text"))
    for rx in disclaimers:
        for m in rx.finditer(scanned):
            out.append(Marker("disclaimer", _line(text, m.start(), m.end()), *_line_span(text, m.start(), m.end()), "text"))
    out += _trailer_lines(text)
    slug = slug_mismatch(article)
    if slug:
        out.append(slug)
    return _dedupe(out)


@lru_cache(maxsize=1)
def _lower_case_forms() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """The chatbot and disclaimer patterns compiled without re.I, for lower-cased ASCII text
    (lower() keeps every offset there). They find the same matches when no literal letter of
    theirs is upper case; a pattern with one keeps re.I. Case-sensitive scanning is 1.3 to
    2.4 times faster."""
    def plain(rx: re.Pattern) -> re.Pattern:
        return rx if re.search(r"(?<!\\)[A-Z]", rx.pattern) else re.compile(rx.pattern)

    r = rules()
    return tuple(map(plain, r.chatbot)), tuple(map(plain, r.machine_disclaimers))


def _line_span(text: str, a: int, b: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", b)
    end = len(text) if end < 0 else end
    if end - start > 300:  # a long paragraph: the sentence around the match is enough
        start = max(start, max(text.rfind(". ", 0, a) + 2, a - 150))
        stop = text.find(". ", b)
        end = min(end, stop + 1 if stop >= 0 else end, b + 150)
    return start, end


def _line(text: str, a: int, b: int) -> str:
    s, e = _line_span(text, a, b)
    return text[s:e]


def _trailer_lines(text: str) -> list[Marker]:
    """Whole lines of the body that are page furniture (the page-dump trailer rules)."""
    kinds, screen = _trailer_rules()
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) < 300 and screen.search(stripped):
            kind = next((k for k, rx in kinds if rx.search(stripped)), None)
            if kind:
                start = pos + line.index(stripped)
                out.append(Marker(kind, stripped, start, start + len(stripped), "text"))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=1)
def _trailer_rules() -> tuple[list[tuple[str, re.Pattern]], re.Pattern]:
    """The page-dump trailer rules, and one pattern matching wherever any of them does (a line
    none of them matches costs one search instead of one per rule)."""
    from parley.ingest.textdump import rules as dump_rules

    kinds = dump_rules()["trailer_re"]
    return kinds, re.compile("|".join(f"(?:{rx.pattern})" for _, rx in kinds), re.I)


def _dedupe(markers: list[Marker]) -> list[Marker]:
    seen: set[tuple] = set()
    out = []
    for m in markers:
        key = (m.kind, m.start, m.where)
        if key not in seen and not any(o.where == m.where and o.start is not None and m.start is not None
                                       and o.start <= m.start < (o.end or 0) and o.kind == m.kind for o in out):
            seen.add(key)
            out.append(m)
    return out


def slug_words(url: str | None) -> tuple[list[str], int, int] | None:
    """The words of the URL's last meaningful path segment and its offsets in the URL."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    segments = [s for s in path.split("/") if s]
    for seg in reversed(segments):
        words = [w for w in _SLUG_SPLIT.split(fold(seg)) if w and not _ID_LIKE.match(w)]
        if len(words) >= SLUG_MIN_WORDS and all(re.fullmatch(r"[a-z][a-z']*|\d+", w) for w in words):
            start = url.find(seg)
            return words, start, start + len(seg)
    return None


def slug_mismatch(article: Article) -> Marker | None:
    found = slug_words(article.url)
    if found is None:
        return None
    words, start, end = found
    stop = rules().all_stopwords
    slug = {stem(w) for w in words if w not in stop and not w.isdigit() and len(w) > 2}
    if len(slug) < SLUG_MIN_WORDS:
        return None
    body = {stem(w) for w in words_of((article.title or "") + " " + article.text[:4000])}
    shared = len(slug & body) / len(slug)
    if shared > SLUG_MAX_SHARED:
        return None
    return Marker("slug-mismatch", article.url[start:end], start, end, "url")  # type: ignore[index]


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def unrelated_site(article: Article, others: int, related: int) -> Marker | None:
    """`others` pages of the same site are stored and `related` of them share this one's story or names."""
    host = host_of(article.url)
    if not host or others < 3 or related > 0:
        return None
    start = article.url.find(host)  # type: ignore[union-attr]
    return Marker("unrelated-site", host, start, start + len(host), "url")
