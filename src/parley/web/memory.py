"""What the server keeps in Python memory beside each summary (web.queries): look-ups that a
page would otherwise ask DuckDB for on every first render. Built with the summary, once per
store generation (web.access); a Store used outside the server builds them on first use.

* `events`: the event list's index (web.listindex), which also answers an event's report counts;
* `copies`: which articles copy, or rewrite, each article, and the titles of those origins.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parley.web.listindex import ListIndex

COPY_COLUMNS = ("id", "title", "outlet", "published", "copy_kind")


class CopyLinks:
    """Articles by the article they name in `copy_of` (oldest first, then by id), and the
    titles of the articles named so."""

    def __init__(self, rows: list[tuple[Any, ...]], titles: dict[str, str | None]) -> None:
        self._copies: dict[str, list[dict[str, Any]]] = {}
        for *shown, origin in rows:
            self._copies.setdefault(origin, []).append(dict(zip(COPY_COLUMNS, shown)))
        self._titles = titles

    @classmethod
    def from_store(cls, con: Any) -> "CopyLinks":
        rows = con.execute(f"SELECT {', '.join(COPY_COLUMNS)}, copy_of FROM articles WHERE copy_of IS NOT NULL "
                           "ORDER BY published, id").fetchall()
        titles = dict(con.execute("SELECT id, title FROM articles WHERE id IN "
                                  "(SELECT DISTINCT copy_of FROM articles WHERE copy_of IS NOT NULL)").fetchall())
        return cls(rows, titles)

    def copies_of(self, article_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self._copies.get(article_id, [])]

    def title(self, article_id: str) -> str | None:
        return self._titles.get(article_id)


@dataclass
class Lookups:
    events: ListIndex
    copies: CopyLinks

    @classmethod
    def build(cls, con: Any, summary_table: str) -> "Lookups":
        return cls(ListIndex.from_summary(con, summary_table), CopyLinks.from_store(con))
