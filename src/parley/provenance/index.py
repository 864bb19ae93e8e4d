"""The same-story index in the store (tables prov_docs and prov_keys).

What stays in DuckDB: one row per grouped article (story, copy kind, day, language, cited
outlets, event signatures) and the postings of its keys (16 LSH band keys, exact-sentence
hashes, language-independent anchors), as integers. What is in memory: only the batch
being grouped and a small LRU of recently seen features. A batch is looked up with one
join of its keys against the postings (after one count of their document frequencies), so
adding articles never rescans the world article by article; keys too common to separate
stories (boilerplate sentences, "2023", "Putin": more than MAX_DF postings) find no candidates.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

BAND, SENTENCE, ANCHOR = 1, 2, 3
MAX_DF = 400  # postings of a key beyond which it no longer finds candidates
IDF_PRIOR = 1000  # pseudo-documents: anchors keep a sensible weight in a small store


@dataclass
class DocRow:
    doc: int
    article_id: str
    story_id: str | None
    copy_kind: str | None
    copy_of: str | None
    day: int | None
    language: str | None
    host: str | None
    outlet: str | None
    cites: list[str]
    events: list[str]
    words: int
    relation: dict[str, Any] | None = None


DOC_COLUMNS = ("doc", "article_id", "story_id", "copy_kind", "copy_of", "day", "language", "host", "outlet",
               "cites", "events", "words", "relation")


def _row(r: tuple) -> DocRow:
    d = dict(zip(DOC_COLUMNS, r))
    d["cites"] = json.loads(d["cites"] or "[]")
    d["events"] = json.loads(d["events"] or "[]")
    d["relation"] = json.loads(d["relation"]) if d["relation"] else None
    return DocRow(**d)


class Index:
    def __init__(self, con: Any) -> None:
        self.con = con

    def next_doc(self) -> int:
        return self.con.execute("SELECT coalesce(max(doc), -1) + 1 FROM prov_docs").fetchall()[0][0]

    def size(self) -> int:
        return self.con.execute("SELECT count(*) FROM prov_docs").fetchall()[0][0]

    def indexed(self, article_ids: list[str]) -> dict[str, int]:
        if not article_ids:
            return {}
        return dict(self.con.execute("SELECT article_id, doc FROM prov_docs WHERE article_id IN (SELECT unnest(?))",
                                     [article_ids]).fetchall())

    def docs(self, docs: Iterable[int]) -> dict[int, DocRow]:
        ids = sorted(set(docs))
        if not ids:
            return {}
        rows = self.con.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM prov_docs WHERE doc IN (SELECT unnest(?))",
                                [ids]).fetchall()
        return {r[0]: _row(r) for r in rows}

    def story_docs(self, story_ids: Iterable[str]) -> list[DocRow]:
        ids = sorted(set(story_ids))
        if not ids:
            return []
        rows = self.con.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM prov_docs WHERE story_id IN "
                                "(SELECT unnest(?)) ORDER BY doc", [ids]).fetchall()
        return [_row(r) for r in rows]

    def add(self, rows: list[DocRow], keys: list[tuple[int, int, int]]) -> None:
        """Insert the batch's rows and postings (key, doc, kind)."""
        self.con.executemany(f"INSERT INTO prov_docs ({', '.join(DOC_COLUMNS)}) VALUES "
                             f"({', '.join('?' * len(DOC_COLUMNS))})", [_values(r) for r in rows])
        if keys:
            arr = np.array(keys, dtype=np.int64)
            data = {"key": arr[:, 0], "doc": arr[:, 1].astype(np.int32), "kind": arr[:, 2].astype(np.int8)}
            self.con.register("prov_batch_keys", data)
            try:
                self.con.execute("INSERT INTO prov_keys SELECT key, doc, kind FROM prov_batch_keys")
            finally:
                self.con.unregister("prov_batch_keys")

    def candidates(self, keys: list[tuple[int, int, int]]) -> tuple[list[tuple], dict[int, int]]:
        """For the batch's postings (key, doc, kind): rows (qdoc, doc, kind, hits, idf_sum) for
        every other article sharing a key that is not too common, and each batch key's
        document frequency (two scans of prov_keys per batch, whatever the batch size)."""
        if not keys:
            return [], {}
        df = self.df([k for k, _, _ in keys])
        n = self.size()
        kept = [(k, d, kind, idf(df.get(k, 1), n)) for k, d, kind in keys if df.get(k, 1) <= MAX_DF]
        if not kept:
            return [], df
        q = {"key": np.array([x[0] for x in kept], dtype=np.int64),
             "qdoc": np.array([x[1] for x in kept], dtype=np.int32),
             "kind": np.array([x[2] for x in kept], dtype=np.int8),
             "w": np.array([x[3] for x in kept], dtype=np.float64)}
        self.con.register("prov_query", q)
        try:
            rows = self.con.execute(
                "SELECT q.qdoc, p.doc, q.kind, count(*) AS hits, sum(q.w) AS idf FROM prov_query q "
                "JOIN prov_keys p ON p.key = q.key WHERE p.doc <> q.qdoc "
                "GROUP BY q.qdoc, p.doc, q.kind").fetchall()
        finally:
            self.con.unregister("prov_query")
        return rows, df

    def df(self, keys: list[int]) -> dict[int, int]:
        if not keys:
            return {}
        return dict(self.con.execute(
            "SELECT key, count(*) FROM prov_keys WHERE key IN (SELECT unnest(?)) GROUP BY key",
            [sorted(set(keys))]).fetchall())

    def idf(self, df: int) -> float:
        return idf(df, self.size())

    def update(self, rows: list[DocRow]) -> None:
        """Write the grouping of these rows to prov_docs and to the articles table."""
        if not rows:
            return
        data = [(r.story_id, r.copy_kind, r.copy_of, json.dumps(r.relation) if r.relation else None, r.doc)
                for r in rows]
        self.con.executemany("UPDATE prov_docs SET story_id = ?, copy_kind = ?, copy_of = ?, relation = ? "
                             "WHERE doc = ?", data)
        self.con.executemany(
            "UPDATE articles SET story_id = ?, copy_kind = ?, copy_of = ?, record = json_merge_patch(record, "
            "json_object('story_id', ?::VARCHAR, 'copy_kind', ?::VARCHAR, 'copy_of', ?::VARCHAR)) WHERE id = ?",
            [(r.story_id, r.copy_kind, r.copy_of, r.story_id, r.copy_kind, r.copy_of, r.article_id) for r in rows])

    def set_events(self, doc: int, events: list[str]) -> None:
        self.con.execute("UPDATE prov_docs SET events = ? WHERE doc = ?", [json.dumps(sorted(events)), doc])

    def site_docs(self, host: str, exclude: int) -> list[int]:
        return [r[0] for r in self.con.execute("SELECT doc FROM prov_docs WHERE host = ? AND doc <> ? LIMIT 200",
                                               [host, exclude]).fetchall()]


def idf(df: int, n: int) -> float:
    return math.log((n + IDF_PRIOR) / (df + 1.0))


def _values(r: DocRow) -> tuple:
    return (r.doc, r.article_id, r.story_id, r.copy_kind, r.copy_of, r.day, r.language, r.host, r.outlet,
            json.dumps(r.cites), json.dumps(sorted(r.events)), r.words,
            json.dumps(r.relation) if r.relation else None)
