"""Where provenance plugs in: after every stored batch (runs.AFTER_WRITE) and in `parley eval`
(evaluate.run.story_hook, which groups a gold file's items among themselves)."""
from __future__ import annotations

import json
import re
import weakref
from collections import Counter
from functools import lru_cache
from typing import Any

from threadpoolctl import ThreadpoolController

from parley.provenance import events as event_dedupe
from parley.provenance.article import annotate
from parley.provenance.group import GroupResult, Grouper
from parley.provenance.index import frame
from parley.provenance.features import STEM, fold
from parley.provenance.markers import unrelated_site
from parley.provenance.rules import rules
from parley.schema import Article, Mention, Refusal
from parley.serialize import loads

_GROUPERS: "weakref.WeakKeyDictionary[Any, Grouper]" = weakref.WeakKeyDictionary()


def grouper_for(store: Any) -> Grouper:
    g = _GROUPERS.get(store)
    if g is None or g.con is not store.con:
        g = _GROUPERS[store] = Grouper(store.con)
    return g


def after_write(store: Any, articles: list[Article], mentions: list[Mention]) -> GroupResult:
    """Annotate uncoded articles, group the batch into stories, merge its events (one
    transaction). A failure leaves the stored batch as it was and is recorded with its reason
    (`provenance-failed`, counted by `parley stats`), so the run goes on."""
    if not articles:
        return GroupResult()
    try:
        return _after_write(store, articles, mentions)
    except Exception as exc:  # noqa: BLE001 - recorded with its reason, the run goes on
        _GROUPERS.pop(store, None)  # its memory (postings mirror, features) may hold the rolled-back batch
        _SITES.pop(store, None)
        detail = f"{type(exc).__name__}: {exc}"[:500]
        store.add_refusals([Refusal(a.source or a.id, a.id, "provenance-failed", detail) for a in articles])
        return GroupResult()


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS runs on one thread. The pair tests multiply many small
    matrices: a second BLAS thread per product costs more in waking and spinning than it
    saves (four to five times the CPU time of a pair test on a busy two-core machine)."""
    return _blas().limit(limits=1, user_api="blas")


def _after_write(store: Any, articles: list[Article], mentions: list[Mention]) -> GroupResult:
    with one_blas_thread():
        return _annotate_and_group(store, articles, mentions)


def _annotate_and_group(store: Any, articles: list[Article], mentions: list[Mention]) -> GroupResult:
    touched = [a for a in articles if not a.meta.get("provenance")]
    for a in touched:
        annotate(a)
    with store.transaction():
        result = grouper_for(store).add(articles, mentions)
        marked = _site_markers(store, articles, result)
        _save_article_fields(store, {a.id: a for a in touched + marked}.values())
        stories = {r.story_id for r in result.changed.values()}
        stories |= {r[0] for r in store.con.execute(
            "SELECT DISTINCT story_id FROM prov_docs WHERE article_id IN (SELECT unnest(?))",
            [[a.id for a in articles]]).fetchall()}
        event_dedupe.dedupe(store.con, [s for s in stories if s])
    return result


SITE_PAGES = 50  # a site's most recent pages compared with a new one
SITE_SHARED = 0.15  # a page sharing less of its content words with the site's other pages is off-topic


def _site_markers(store: Any, articles: list[Article], result: GroupResult) -> list[Article]:
    """`unrelated-site`: the site has 3 or more other pages, none in this page's story, and
    this page's content words are rare on them (a war report on a recipe blog)."""
    rows = [r for r in result.grouped if r.host]
    if not rows:
        return []
    pages: dict[str, list[tuple[int, str]]] = {}
    for doc, host, story in store.con.execute(
            "SELECT doc, host, story_id FROM prov_docs WHERE host IN (SELECT unnest(?)) "
            "QUALIFY row_number() OVER (PARTITION BY host ORDER BY doc DESC) <= ?",
            [sorted({r.host for r in rows}), SITE_PAGES + len(rows)]).fetchall():
        pages.setdefault(host, []).append((doc, story))
    by_id = {a.id: a for a in articles}
    vocab, fresh = _site_vocabulary(store, pages, {r.doc: by_id[r.article_id].text for r in rows
                                                   if r.article_id in by_id})
    stories = {host: Counter(st for _, st in ps) for host, ps in pages.items()}  # per site: pages per story
    story_of = {d: st for ps in pages.values() for d, st in ps}
    marked = []
    for row in rows:
        a = by_id.get(row.article_id)
        if a is None or any(m.kind == "unrelated-site" for m in a.markers):
            continue
        own = row.doc in story_of  # the page itself is among its site's pages
        others = len(pages.get(row.host, ())) - own  # type: ignore[arg-type]
        same = stories.get(row.host, Counter())[row.story_id] - (own and story_of[row.doc] == row.story_id)
        if others < 3 or same > 0:  # other pages of the site in this page's story
            continue
        counts = vocab[row.host][0]  # type: ignore[index]
        mine = fresh.get(row.doc) or content_stems(a.text[:SITE_CHARS])  # in `counts` once: others make it 2
        shared = sum([counts[w] >= 2 for w in mine]) / len(mine) if mine else 1.0
        marker = unrelated_site(a, others, int(shared >= SITE_SHARED))
        if marker is not None:
            a.markers.append(marker)
            marked.append(a)
    return marked


_SITES: "weakref.WeakKeyDictionary[Any, dict[str, tuple[Counter, set[int]]]]" = weakref.WeakKeyDictionary()
MAX_SITES = 5000
SITE_CHARS = 1500  # how much of a page its site vocabulary reads


def _site_vocabulary(store: Any, pages: dict[str, list[tuple[int, str]]], batch: dict[int, str]
                     ) -> tuple[dict[str, tuple[Counter, set[int]]], dict[int, set[str]]]:
    """Per host, in how many of its pages each content word occurs; kept between batches, so
    each page's text is read once (the batch's own pages from the texts in hand, `batch`:
    doc -> text, older ones from the store). Also the content words of the pages read this time."""
    sites = _SITES.setdefault(store, {})
    if len(sites) > MAX_SITES:
        sites.clear()
    none: set[int] = set()
    missing = [(d, host) for host, ps in pages.items() for d, _ in ps if d not in sites.get(host, (None, none))[1]]
    fresh: dict[int, set[str]] = {}
    found = [(d, host, head) for d, host in missing if d in batch and (head := _head(batch[d])) is not None]
    taken = {d for d, _, _ in found}
    stored = [d for d, _ in missing if d not in taken]
    if stored:
        found += store.con.execute(
            f"SELECT d.doc, d.host, left(a.text, {SITE_CHARS}) FROM prov_docs d JOIN articles a ON a.id = d.article_id "
            "WHERE d.doc IN (SELECT unnest(?))", [stored]).fetchall()
    for doc, host, text in found:
        counts, seen = sites.setdefault(host, (Counter(), set()))
        if doc not in seen:
            seen.add(doc)
            fresh[doc] = content_stems(text or "")
            counts.update(fresh[doc])
    return sites, fresh


_ONE_CHAR_CLUSTERS = re.compile("[^\x00-\x0c\x0e-\u024f\u2010-\u2027\u2030-\u205e\u20ac]")


def _head(text: str) -> str | None:
    """The text's first SITE_CHARS characters as the store's left(text, SITE_CHARS) gives them (it
    counts grapheme clusters: a combining accent or a CR LF makes one with the character
    before it), or None when the text has characters that may form such clusters."""
    head = text[:SITE_CHARS + 1]
    return None if _ONE_CHAR_CLUSTERS.search(head) else head[:SITE_CHARS]


_LONG_WORD = re.compile(r"\w{4,}")  # the words of 4 characters or more (words_of's words, the short ones left out)


def content_stems(text: str) -> set[str]:
    """Distinct stems (first STEM characters) of the text's content words (4+ letters, no stopword, no number)."""
    stop = rules().all_stopwords
    return {w[:STEM] for w in set(_LONG_WORD.findall(fold(text))) - stop if not w.isdigit()}


def _save_article_fields(store: Any, articles: Any) -> None:
    from parley.serialize import to_dict

    items = list(articles)
    if not items:
        return
    patch = [json.dumps({"cites": to_dict(a.cites), "markers": to_dict(a.markers), "meta": a.meta},
                        ensure_ascii=False) for a in items]
    store.con.register("prov_fields", frame({"id": [a.id for a in items], "patch": patch}))
    try:
        store.con.execute("UPDATE articles SET record = json_merge_patch(record, f.patch::JSON) "
                          "FROM prov_fields f WHERE articles.id = f.id")
    finally:
        store.con.unregister("prov_fields")


def group_in_memory(articles: list[Article], mentions: list[Mention] | None = None) -> None:
    """Group articles among themselves (an in-memory store), writing story_id, copy_kind,
    copy_of (and, for uncoded ones, cites and markers) onto the Article objects."""
    from parley.store.db import Store

    with Store(":memory:") as store:
        store.write_batch(articles, mentions or [], coder="eval")
        after_write(store, articles, mentions or [])
        rows = dict((r[0], r[1:]) for r in store.con.execute(
            "SELECT article_id, story_id, copy_kind, copy_of FROM prov_docs").fetchall())
    for a in articles:
        if a.id in rows:
            a.story_id, a.copy_kind, a.copy_of = rows[a.id]


PENDING_BATCH = 200


def group_pending(store: Any) -> int:
    """Group stored articles that have no story yet: a run killed between a batch's commit and
    its grouping leaves such a batch behind, and re-running the same command skips it as stored.
    Oldest first, so that originals keep their place. Returns how many were grouped."""
    ids = [r[0] for r in store.con.execute(
        "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM prov_docs d WHERE d.article_id = a.id) "
        "ORDER BY a.ingested_at, a.id").fetchall()]
    for i in range(0, len(ids), PENDING_BATCH):
        chunk = ids[i:i + PENDING_BATCH]
        articles = store.articles("id IN (SELECT unnest(?))", [chunk])
        mentions = [loads(Mention, r[0]) for r in store.con.execute(
            "SELECT record FROM mentions WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, seq, id",
            [chunk]).fetchall()]
        after_write(store, articles, mentions)
    return len(ids)


def install() -> None:
    """Register the hooks (idempotent)."""
    from parley import runs
    from parley.evaluate import run as evaluate_run

    if after_write not in runs.AFTER_WRITE:
        runs.AFTER_WRITE.append(after_write)
    if group_pending not in runs.BEFORE_RUN:
        runs.BEFORE_RUN.append(group_pending)
    evaluate_run.story_hook = group_in_memory
