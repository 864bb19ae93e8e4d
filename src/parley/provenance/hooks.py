"""Where provenance plugs in: after every stored batch (runs.AFTER_WRITE) and in `parley eval`
(evaluate.run.story_hook, which groups a gold file's items among themselves)."""
from __future__ import annotations

import json
import weakref
from typing import Any

from parley.provenance import events as event_dedupe
from parley.provenance.article import annotate
from parley.provenance.group import GroupResult, Grouper
from parley.provenance.index import frame
from parley.provenance.markers import unrelated_site
from parley.schema import Article, Mention

_GROUPERS: "weakref.WeakKeyDictionary[Any, Grouper]" = weakref.WeakKeyDictionary()


def grouper_for(store: Any) -> Grouper:
    g = _GROUPERS.get(store)
    if g is None or g.con is not store.con:
        g = _GROUPERS[store] = Grouper(store.con)
    return g


def after_write(store: Any, articles: list[Article], mentions: list[Mention]) -> GroupResult:
    """Annotate uncoded articles, group the batch into stories, merge its events (one transaction)."""
    if not articles:
        return GroupResult()
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


def _site_markers(store: Any, articles: list[Article], result: GroupResult) -> list[Article]:
    """`unrelated-site`: 3 or more other pages of the same host, none sharing a key or the story."""
    rows = [r for r in result.grouped if r.host]
    if not rows:
        return []
    by_host: dict[str, list[tuple[int, str]]] = {}
    for doc, host, story in store.con.execute(
            "SELECT doc, host, story_id FROM prov_docs WHERE host IN (SELECT unnest(?))",
            [sorted({r.host for r in rows})]).fetchall():
        by_host.setdefault(host, []).append((doc, story))
    by_id = {a.id: a for a in articles}
    marked = []
    for row in rows:
        a = by_id.get(row.article_id)
        if a is None or any(m.kind == "unrelated-site" for m in a.markers):
            continue
        others = [(d, s) for d, s in by_host.get(row.host, []) if d != row.doc]  # type: ignore[arg-type]
        near = result.candidates.get(row.doc, set())
        related = sum(1 for doc, story in others if story == row.story_id or doc in near)
        marker = unrelated_site(a, len(others), related)
        if marker is not None:
            a.markers.append(marker)
            marked.append(a)
    return marked


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


def install() -> None:
    """Register the hooks (idempotent)."""
    from parley import runs
    from parley.evaluate import run as evaluate_run

    if after_write not in runs.AFTER_WRITE:
        runs.AFTER_WRITE.append(after_write)
    evaluate_run.story_hook = group_in_memory
