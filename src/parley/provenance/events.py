"""Event de-duplication: mentions of one happening, across the articles of one story, share
an `event_id` (mentions.event_id); the export merges them into one record.

Two mentions are the same event when they come from different articles of the same story,
have the same signature (event type, actor codes, recipient codes, modes) and compatible
dates (their ranges meet; a date that fell back to the publication date is read as +-3
days). Grouping is recomputed for each story a batch touches, so merges, swaps and
re-coding leave no stale ids; the first mention (in story order) names the event.

`independent_reports`: copies of one report count once. A mention credited to an outlet
("according to The New York Times") counts as that outlet's report; otherwise it counts as
its article's root (following copy_of to the article first copied; an article of a known
outlet counts as that outlet).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from parley.provenance.cites import canonical

FALLBACK_DAYS = 3


@dataclass
class Row:
    id: str
    story_id: str
    article_id: str
    event_id: str | None
    signature: str
    start: int
    end: int


def date_range(d: str | None, fallback: bool) -> tuple[int, int] | None:
    if not d:
        return None
    parts = d.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
        m = int(parts[1])
        if len(parts) == 2:
            nxt = date(y + (m == 12), m % 12 + 1, 1).toordinal()
            return date(y, m, 1).toordinal(), nxt - 1
        day = date(y, m, int(parts[2])).toordinal()
    except (ValueError, IndexError):
        return None
    pad = FALLBACK_DAYS if fallback else 0
    return day - pad, day + pad


def compatible(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _signature(event: str | None, mode: str | None, actors: str | None, recipients: str | None) -> str:
    norm = lambda s: ",".join(sorted(x for x in (s or "").split(",") if x))  # noqa: E731
    return f"{event or ''}|{norm(actors)}|{norm(recipients)}|{norm(mode)}"


def story_mentions(con: Any, story_ids: list[str]) -> list[Row]:
    rows = con.execute(
        "SELECT m.id, d.story_id, m.article_id, m.event_id, m.event, m.mode, m.actor_code, m.recipient_code, m.date, "
        "json_extract(m.record, '$.date_text') IS NULL OR json_extract(m.record, '$.date_text') = 'null'::JSON "
        "FROM mentions m JOIN prov_docs d ON d.article_id = m.article_id "
        "WHERE d.story_id IN (SELECT unnest(?)) ORDER BY d.story_id, d.doc, m.seq, m.id", [story_ids]).fetchall()
    out = []
    for mid, sid, aid, eid, ev, mode, actors, recipients, d, fallback in rows:
        rng = date_range(d, bool(fallback))
        out.append(Row(mid, sid, aid, eid, _signature(ev, mode, actors, recipients),
                       *(rng if rng else (-1, -1))))
    return out


def group_ids(rows: list[Row]) -> dict[str, str]:
    """mention id -> event id (the first mention of its group), story by story."""
    out: dict[str, str] = {}
    by_story: dict[str, list[Row]] = {}
    for r in rows:
        by_story.setdefault(r.story_id, []).append(r)
    for story_rows in by_story.values():
        out.update(_group_story(story_rows))
    return out


def _group_story(rows: list[Row]) -> dict[str, str]:
    """Greedy, in story order: a mention joins the first group with its signature, a
    compatible date and no mention of its article yet; else it leads a new group."""
    groups: dict[str, list[tuple[Row, set[str]]]] = {}  # signature -> (lead, articles)
    out: dict[str, str] = {}
    for r in rows:
        rng = (r.start, r.end) if r.start >= 0 else None
        home = None
        for lead, arts in groups.get(r.signature, ()):
            if r.article_id not in arts and compatible(rng, (lead.start, lead.end) if lead.start >= 0 else None):
                home = (lead, arts)
                break
        if home is None:
            groups.setdefault(r.signature, []).append((r, {r.article_id}))
            out[r.id] = r.id
        else:
            home[1].add(r.article_id)
            out[r.id] = home[0].id
    return out


def dedupe(con: Any, story_ids: Iterable[str]) -> int:
    """Recompute event ids and report roots for these stories; returns how many event ids changed."""
    ids = sorted({s for s in story_ids if s})
    if not ids:
        return 0
    rows = story_mentions(con, ids)
    new = group_ids(rows)
    changed = [(new[r.id], r.id) for r in rows if new[r.id] != r.event_id]
    if changed:
        con.executemany("UPDATE mentions SET event_id = ? WHERE id = ?", changed)
    update_roots(con, ids)
    return len(changed)


def update_roots(con: Any, story_ids: list[str]) -> None:
    """Store each mention's report root (mentions.report_root), the one value that
    `independent_reports` counts in exports and in the web views."""
    from parley.provenance.index import frame
    from parley.schema import Article

    rows = con.execute(
        "SELECT m.id, m.article_id, json_extract(m.record, '$.attribution') FROM mentions m "
        "JOIN prov_docs d ON d.article_id = m.article_id WHERE d.story_id IN (SELECT unnest(?))",
        [story_ids]).fetchall()
    if not rows:
        return
    cache: dict[str, Any] = {}

    def load(ids: list[str]) -> None:
        for r in con.execute("SELECT id, outlet, copy_kind, copy_of FROM articles WHERE id IN (SELECT unnest(?))",
                             [ids]).fetchall():
            cache[r[0]] = Article(id=r[0], text="", outlet=r[1], copy_kind=r[2], copy_of=r[3])
        for i in ids:
            cache.setdefault(i, None)

    def lookup(article_id: str) -> Any:
        if article_id not in cache:
            load([article_id])
        return cache[article_id]

    load(sorted({r[1] for r in rows}))

    roots = []
    for mid, aid, attribution in rows:
        credits = json.loads(attribution) if attribution else []
        outlet = next((a.get("text") for a in credits if a.get("kind") == "outlet"), None)
        roots.append(report_root(outlet, lookup(aid), lookup))
    con.register("prov_roots", frame({"id": [r[0] for r in rows], "root": roots}))
    try:
        con.execute("UPDATE mentions SET report_root = r.root FROM prov_roots r WHERE mentions.id = r.id")
    finally:
        con.unregister("prov_roots")


def report_root(outlet_credit: str | None, article: Any, lookup: Callable[[str], Any]) -> str:
    """Whose report a mention rests on (see the module doc)."""
    if outlet_credit:
        return "o:" + (canonical(outlet_credit) or outlet_credit.lower())
    seen = set()
    a = article
    while a is not None and a.copy_of and a.copy_kind in ("verbatim", "partial", "rewrite") and a.id not in seen:
        seen.add(a.id)
        nxt = lookup(a.copy_of)
        if nxt is None:
            return "a:" + a.copy_of
        a = nxt
    if a is None:
        return "a:?"
    own = canonical(a.outlet)
    return "o:" + own if own else "a:" + a.id
