"""Reading stories back from the store: the list (largest first) and one story's members."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from parley.schema import COPY_KINDS, Story


@dataclass
class Member:
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    copy_kind: str | None
    copy_of: str | None
    cites: list[str] = field(default_factory=list)
    relation: dict[str, Any] | None = None  # how it was linked: the measures of the pair test


def _origin(members: list[Member]) -> str | None:
    """The original if stored; else the outlet most members credit ('cited, not stored')."""
    for m in members:
        if m.copy_kind == "original":
            return m.article_id
    cited: dict[str, int] = {}
    for m in members:
        for c in m.cites:
            cited[c] = cited.get(c, 0) + 1
    if cited:
        return max(cited, key=cited.get) + " (cited, not stored)"  # type: ignore[arg-type]
    return members[0].article_id if members else None


def list_stories(con: Any, limit: int | None = 50, min_size: int = 1) -> list[Story]:
    kinds = ", ".join(f"count(*) FILTER (WHERE copy_kind = '{k}')" for k in COPY_KINDS)
    sql = (f"SELECT story_id, count(*) AS n, {kinds}, list(article_id ORDER BY day NULLS LAST, doc) "
           "FROM prov_docs WHERE story_id IS NOT NULL GROUP BY story_id HAVING count(*) >= ? "
           "ORDER BY n DESC, min(doc)" + (f" LIMIT {int(limit)}" if limit else ""))
    out = []
    for row in con.execute(sql, [min_size]).fetchall():
        sid, n, *counts, ids = row
        story = Story(id=sid, origin=None, article_ids=list(ids), counts=dict(zip(COPY_KINDS, counts)))
        out.append(story)
    for story in out:
        story.origin = _origin(members(con, story.id))
    return out


def members(con: Any, story_id: str) -> list[Member]:
    rows = con.execute(
        "SELECT d.article_id, a.title, a.outlet, a.url, a.published, d.language, d.copy_kind, d.copy_of, "
        "d.cites, d.relation FROM prov_docs d LEFT JOIN articles a ON a.id = d.article_id "
        "WHERE d.story_id = ? ORDER BY d.day NULLS LAST, d.doc", [story_id]).fetchall()
    return [Member(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8] or "[]"),
                   json.loads(r[9]) if r[9] else None) for r in rows]


def story_events(con: Any, story_id: str) -> list[tuple[str, int, int]]:
    """(event id, reports = articles, mentions) of the story's merged events, most reported first."""
    return [tuple(r) for r in con.execute(
        "SELECT m.event_id, count(DISTINCT m.article_id), count(*) FROM mentions m "
        "JOIN prov_docs d ON d.article_id = m.article_id WHERE d.story_id = ? "
        "GROUP BY m.event_id ORDER BY 2 DESC, 1", [story_id]).fetchall()]
