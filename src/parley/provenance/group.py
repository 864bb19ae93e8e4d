"""Incremental same-story grouping: a batch of new articles joins the stories in the index.

Each new article, in publication order, is compared with the articles that share keys with
it (band keys: near-verbatim text; exact long sentences: partial copies; anchors: rewrites,
translations, independent write-ups) and linked to the strongest relation found. It then
takes that article's story (`copy_kind` = the relation, `copy_of` = the article copied,
none for an independent write-up); strong links (verbatim, partial, rewrite) to several
stories merge them. With no relation it founds a story: `original`, or `independent`
when its lead credits another outlet for the report (the origin is elsewhere), `verbatim`
when it opens with that outlet's wire dateline ("KYIV (Reuters) -": the wire copy itself), or `rewrite`
when it does so and carries tells of machine-made copy (a leftover word count: a machine
rewrite of the cited report, like the seed page). When a copy
turns out to be older than its root, the two swap places. Only the batch and the stories
it touches are read or written.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from parley.provenance.cites import canonical, cited_names
from parley.provenance.features import Features, features, guess_language, split_sentences
from parley.provenance.index import ANCHOR, BAND, SENTENCE, DocRow, Index, idf
from parley.provenance.markers import host_of
from parley.provenance.rules import rules
from parley.provenance.relate import STRENGTH, Relation, Side, Thresholds, relate
from parley.schema import Article, Mention

LEAD_CHARS = 600
MAX_CANDIDATES = 5  # per article: this many sharing band keys or sentences, and this many sharing anchors
ANCHOR_SHARE = 0.25
# Languages that capitalise every noun: their pages' capitalised words are mostly no names, so
# the share of a page's anchors found in another report is diluted (a German translation has
# about three capitalised words per name): such pages need only half the share to be candidates.
NOUN_CAPITALS = frozenset({"de", "lb"})
STRONG = STRENGTH["rewrite"]
DF_CACHE = 2_000_000  # anchor document frequencies kept in memory (about 200 MB at most)


def day_of(published: str | None) -> int | None:
    if not published:
        return None
    parts = published.split("-")
    try:
        y, m, d = int(parts[0]), int(parts[1]) if len(parts) > 1 else 7, int(parts[2]) if len(parts) > 2 else 1
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def signature(m: Mention) -> str:
    actors = ",".join(sorted({a.code or "" for a in m.actor}))
    recipients = ",".join(sorted({r.code or "" for r in m.recipient}))
    return f"{m.event[0] if m.event else ''}|{actors}|{recipients}|{','.join(sorted(m.mode))}"


def relays(article: Article) -> bool:
    """The article credits another outlet for its report in its first two sentences (or a dateline)."""
    own = canonical(article.outlet)
    sents = split_sentences(article.text[:LEAD_CHARS * 2])
    lead = sents[1][1] if len(sents) > 1 else LEAD_CHARS
    return any(c.start < min(lead, LEAD_CHARS * 2) and canonical(c.text) != own for c in article.cites)


MACHINE_DISCLAIMER = re.compile(r"generat|automat|artificial intelligence|\bAI\b", re.I)


def machine_made(article: Article) -> bool:
    """Tells of machine-written copy: a leftover word count, a chatbot's words, a disclaimer
    saying the text was generated. A relayed report with such tells is a rewrite of the cited
    report (stored or not), not an own write-up."""
    return any(m.kind in ("word-count", "chatbot-refusal")
               or (m.kind == "disclaimer" and MACHINE_DISCLAIMER.search(m.text)) for m in article.markers)


def wire_copy(article: Article) -> bool:
    """The page opens with another outlet's wire dateline ("KYIV (Reuters) -"): the wire's
    own copy run as it came (its origin, the wire report, is not stored)."""
    m = rules().dateline.match(article.text)
    name = canonical(m.group(1).strip()) if m else None
    return name is not None and name != canonical(article.outlet)


@dataclass
class Pending:
    article: Article
    row: DocRow
    features: Features
    events: frozenset[str]


@dataclass
class GroupResult:
    grouped: list[DocRow] = field(default_factory=list)  # the batch's rows
    changed: dict[int, DocRow] = field(default_factory=dict)  # every row whose grouping changed
    candidates: dict[int, set[int]] = field(default_factory=dict)  # doc -> docs sharing keys
    copy_candidates: dict[int, set[int]] = field(default_factory=dict)  # ... sharing band keys or sentences


class Grouper:
    def __init__(self, con: Any, thresholds: Thresholds = Thresholds(), cache_size: int = 4000) -> None:
        self.index = Index(con)
        self.con = con
        self.t = thresholds
        self.cache: OrderedDict[int, Features] = OrderedDict()
        self.df_cache: dict[int, int] = {}
        self.cache_size = cache_size

    # -- document frequencies of anchors: from each batch's lookup, kept for later pair tests ----
    def _remember_df(self, df: dict[int, int]) -> None:
        if len(self.df_cache) > DF_CACHE:
            self.df_cache.clear()
        self.df_cache.update(df)

    def _df(self, keys: list[int]) -> dict[int, int]:
        """Document frequencies (slightly stale is fine: they weigh anchors); the store is asked
        only for keys this process has not seen."""
        cache, unique = self.df_cache, set(keys)
        missing = [k for k in unique if k not in cache]
        if missing:
            self._remember_df({k: 1 for k in missing} | self.index.df(missing))
            cache = self.df_cache
        return {k: cache[k] for k in unique if k in cache}

    # -- features -------------------------------------------------------------------
    def _remember(self, doc: int, f: Features) -> None:
        self.cache[doc] = f
        self.cache.move_to_end(doc)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)

    def _features_of(self, rows: dict[int, DocRow]) -> dict[int, Features]:
        out = {d: self.cache[d] for d in rows if d in self.cache}
        missing = {rows[d].article_id: d for d in rows if d not in out}
        if missing:
            for aid, text in self.con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))",
                                              [list(missing)]).fetchall():
                r = rows[missing[aid]]
                f = features(aid, text or "", r.language, r.day, r.cites)
                out[r.doc] = f
                self._remember(r.doc, f)
        return out

    # -- the batch ------------------------------------------------------------------
    def add(self, articles: list[Article], mentions: list[Mention]) -> GroupResult:
        events: dict[str, set[str]] = {}
        for m in mentions:
            events.setdefault(m.article_id, set()).add(signature(m))
        known = self.index.indexed([a.id for a in articles])
        for a in articles:
            if a.id in known and a.id in events:
                self.index.set_events(known[a.id], sorted(events[a.id]))
        new = [a for a in articles if a.id not in known]
        new.sort(key=lambda a: (day_of(a.published) is None, day_of(a.published) or 0))
        result = GroupResult()
        if not new:
            return result
        pending = self._prepare(new, events)
        keys = self._keys(pending)
        self.index.add([p.row for p in pending], keys)
        n = self.index.size()  # one count per batch: nothing is inserted until the grouping is written
        lowest = min(_anchor_share(p.row.language) for p in pending)
        hits, df = self.index.candidates(keys, lowest, MAX_CANDIDATES, size=n)
        self._remember_df(df)
        weights = _idf_of(df, n)
        chosen = self._choose(pending, hits, result)
        self._assign(pending, chosen, weights, result, n)
        self.index.update(list(result.changed.values()))
        result.grouped = [p.row for p in pending]
        return result

    def _prepare(self, new: list[Article], events: dict[str, set[str]]) -> list[Pending]:
        first = self.index.next_doc()
        out = []
        for n, a in enumerate(new):
            lang = a.language or guess_language(a.text)
            cites = sorted(cited_names(a))
            day = day_of(a.published)
            f = features(a.id, a.text, lang, day, cites)
            row = DocRow(first + n, a.id, None, None, None, day, lang, host_of(a.url), canonical(a.outlet) or a.outlet,
                         cites, sorted(events.get(a.id, ())), f.words)
            self._remember(row.doc, f)
            out.append(Pending(a, row, f, frozenset(events.get(a.id, ()))))
        return out

    @staticmethod
    def _keys(pending: list[Pending]) -> np.ndarray:
        """The batch's postings, one row (key, doc, kind) each, for band keys, exact sentences
        and anchors, as one int64 array (built from flat lists, not row by row)."""
        keys: list[int] = []
        docs: list[int] = []
        kinds: list[int] = []
        counts: list[int] = []
        for p in pending:
            for kind, ks in ((BAND, p.features.band_keys()), (SENTENCE, p.features.sentence_keys()),
                             (ANCHOR, p.features.anchor_keys())):
                keys += ks
                docs.append(p.row.doc)
                kinds.append(kind)
                counts.append(len(ks))
        out = np.empty((len(keys), 3), dtype=np.int64)
        out[:, 0] = keys
        out[:, 1] = np.repeat(docs, counts)
        out[:, 2] = np.repeat(kinds, counts)
        return out

    def _choose(self, pending: list[Pending], hits: list[tuple], result: GroupResult) -> dict[int, list[int]]:
        """Per new doc, the candidate docs worth a pair test (already ranked and cut in SQL)."""
        chosen: dict[int, list[int]] = {p.row.doc: [] for p in pending}
        need = {p.row.doc: _anchor_share(p.row.language) for p in pending}
        ranked = sorted(hits, key=lambda h: (h[0], -(h[2] * 10 + h[3] * 5 + h[4])))
        for qdoc, doc, bands, sents, share in ranked:
            if not (bands or sents) and share < need[qdoc]:
                continue  # looked up with the batch's lowest share: the same best few, cut at this doc's own
            chosen[qdoc].append(doc)
            if bands or sents:
                result.copy_candidates.setdefault(qdoc, set()).add(doc)
        for p in pending:
            result.candidates[p.row.doc] = set(chosen[p.row.doc])
        return chosen

    def _assign(self, pending: list[Pending], chosen: dict[int, list[int]], weights: dict[int, float],
                result: GroupResult, n: int) -> None:
        batch = {p.row.doc: p for p in pending}
        outside = {d for ds in chosen.values() for d in ds if d not in batch}
        rows: dict[int, DocRow] = self.index.docs(outside)
        rows.update({d: p.row for d, p in batch.items()})
        feats = self._features_of({d: rows[d] for d in outside if d in rows})
        feats.update({d: p.features for d, p in batch.items()})
        extra_df = self._df([k for d in outside if d in feats for k in map(_signed, feats[d].anchors)])
        idf_all = _unsigned_idf({**_idf_of(extra_df, n), **weights})
        default = idf(1, n)
        sides: dict[int, Side] = {}

        def side(d: int) -> Side:
            if d not in sides:
                sides[d] = Side(feats[d], frozenset(rows[d].cites), frozenset(rows[d].events), rows[d].outlet,
                                idf_all, default)
            return sides[d]

        for p in pending:
            x = side(p.row.doc)
            x.events = p.events
            found: list[tuple[Relation, DocRow]] = []
            copyish = result.copy_candidates.get(p.row.doc, set())
            linked: set[str] = set()  # stories already reached by a copy-level relation
            for d in chosen[p.row.doc]:  # ranked: band and sentence candidates first
                if d not in rows or d not in feats or rows[d].story_id is None or rows[d].story_id in linked:
                    continue
                rel = relate(x, side(d), self.t, texts=d in copyish)
                if rel is not None and rel.strength >= STRENGTH["partial"]:
                    linked.add(rows[d].story_id)  # type: ignore[arg-type]
                if rel is not None:
                    found.append((rel, rows[d]))
            self._link(p, found, rows, result)

    def _link(self, p: Pending, found: list[tuple[Relation, DocRow]], rows: dict[int, DocRow],
              result: GroupResult) -> None:
        row = p.row
        if not found:
            row.story_id = "s-" + row.article_id
            row.copy_kind = (("rewrite" if machine_made(p.article) else "verbatim" if wire_copy(p.article)
                              else "independent") if relays(p.article) else "original")
            result.changed[row.doc] = row
            return
        found.sort(key=_rank, reverse=True)
        rel, y = found[0]
        row.story_id = y.story_id
        row.relation = {"to": y.article_id, "kind": rel.kind, **rel.measures}
        if rel.strength >= STRONG:
            row.copy_kind = rel.kind
            row.copy_of = y.copy_of if (y.copy_kind == "verbatim" and rel.kind == "verbatim" and y.copy_of) \
                else y.article_id
            if y.copy_of is None and row.day is not None and y.day is not None and row.day < y.day:
                self._swap(row, y, rel, result)
        else:
            cited_by = any(row.outlet and row.outlet in r.cites for _, r in found)
            row.copy_kind = "original" if cited_by else \
                "rewrite" if relays(p.article) and machine_made(p.article) else "independent"
        result.changed[row.doc] = row
        for other_rel, other in found[1:]:
            if other_rel.strength < STRONG:
                continue
            if other.story_id != row.story_id:
                self._merge(other.story_id, row.story_id, rows, result)  # type: ignore[arg-type]
            if other.copy_of is None and other.article_id != row.copy_of and row.day is not None \
                    and other.day is not None and row.day < other.day:
                other.copy_kind, other.copy_of = other_rel.kind, row.article_id  # a later root copies this one
                other.relation = {"to": row.article_id, "kind": other_rel.kind, **other_rel.measures}
                result.changed[other.doc] = other

    def _swap(self, row: DocRow, y: DocRow, rel: Relation, result: GroupResult) -> None:
        """The new article is older than the root it copies: it becomes the root."""
        row.copy_kind, row.copy_of = y.copy_kind, None
        y.copy_kind, y.copy_of = rel.kind, row.article_id
        y.relation = {**(row.relation or {}), "to": row.article_id}
        row.relation = None
        result.changed[y.doc] = y

    def _merge(self, old: str, new: str, rows: dict[int, DocRow], result: GroupResult) -> None:
        members = {r.doc: r for r in self.index.story_docs([old])}
        members.update({d: r for d, r in rows.items() if r.story_id == old})
        members.update({d: r for d, r in result.changed.items() if r.story_id == old})
        for d, r in members.items():
            r = rows.get(d, r)
            r.story_id = new
            result.changed[d] = r


def _anchor_share(language: str | None) -> float:
    """The share of a page's anchor weight another page must hold to be its candidate."""
    return ANCHOR_SHARE / 2 if language in NOUN_CAPITALS else ANCHOR_SHARE


def _rank(f: tuple[Relation, DocRow]) -> tuple:
    """Strongest relation first; holding a cut copy of the report says less about the new
    article than its own relation to the report (a reordered rewrite contains every cut copy),
    and sharing names and numbers with a translated copy less than any relation measured in
    one language (an own write-up of the report shares them with every translation of it)."""
    rel, y = f
    demoted = y.copy_of is not None and bool(rel.measures.get("contains_other") or rel.measures.get("translation"))
    return (not demoted, rel.strength, rel.score, -(y.day or 0))


def _signed(k: int) -> int:
    return k - (1 << 64) if k >= 1 << 63 else k


def _idf_of(df: dict[int, int], n: int) -> dict[int, float]:
    """idf of every key from its document frequency (computed once per distinct frequency)."""
    table = {c: idf(c, n) for c in set(df.values())}
    return {k: table[c] for k, c in df.items()}


def _unsigned_idf(idf_signed: dict[int, float]) -> dict[int, float]:
    return {(k + (1 << 64)) if k < 0 else k: v for k, v in idf_signed.items()}
