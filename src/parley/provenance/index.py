"""The same-story index in the store (tables prov_docs and prov_keys).

What stays in DuckDB: one row per grouped article (story, copy kind, day, language, cited
outlets, event signatures) and the postings of its keys (16 LSH band keys, exact-sentence
hashes, language-independent anchors), as integers. What is in memory: the batch being
grouped, a small LRU of recently seen features, and a mirror of the postings (postings.py,
up to MAX_POSTINGS of them: about 240 MB). A batch is looked up at once: its keys' document
frequencies, then one join of its keys against the postings (on the mirror, or in SQL when
the index outgrew it), so adding articles never rescans the world article by article; keys too common to separate
stories (boilerplate sentences, "2023", "Putin": more than MAX_DF postings) find no candidates.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

from parley.provenance.hashing import sorted_unique
from parley.provenance import postings as mirror

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
    def __init__(self, con: Any, memory: bool = True) -> None:
        self.con = con
        self.memory = memory  # look candidates up in a mirror of prov_keys (postings.py) while it fits
        self.mirror: mirror.Postings | None = None
        self.sql_batches = 0  # batches this index looked up in SQL

    def _mirror(self) -> mirror.Postings | None:
        """The postings mirror: loaded at once for a small index, after SQL_BATCHES lookups
        in SQL for a big one (postings.py), never beyond MAX_POSTINGS."""
        if self.mirror is None and self.memory:
            n = self.con.execute("SELECT count(*) FROM prov_keys").fetchall()[0][0]
            if n > mirror.MAX_POSTINGS:
                self.memory = False
            elif n <= mirror.EAGER_POSTINGS or self.sql_batches >= mirror.SQL_BATCHES:
                self.mirror = mirror.Postings.load(self.con)
        return self.mirror

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

    def add(self, rows: list[DocRow], keys: np.ndarray) -> None:
        """Insert the batch's rows and postings (an int64 array of rows key, doc, kind)."""
        cols = list(zip(*[_values(r) for r in rows]))
        self.con.register("prov_batch_docs", frame({c: list(v) for c, v in zip(DOC_COLUMNS, cols)}))
        try:
            self.con.execute(f"INSERT INTO prov_docs ({', '.join(DOC_COLUMNS)}) SELECT doc::INTEGER, article_id, "
                             "story_id, copy_kind, copy_of, day::INTEGER, language, host, outlet, cites::JSON, "
                             "events::JSON, words::INTEGER, relation::JSON FROM prov_batch_docs")
        finally:
            self.con.unregister("prov_batch_docs")
        if len(keys):
            arr = np.asarray(keys, dtype=np.int64)
            data = {"key": arr[:, 0], "doc": arr[:, 1].astype(np.int32), "kind": arr[:, 2].astype(np.int8)}
            self.con.register("prov_batch_keys", data)
            try:
                self.con.execute("INSERT INTO prov_keys SELECT key, doc, kind FROM prov_batch_keys")
            finally:
                self.con.unregister("prov_batch_keys")
            if self.mirror is not None:
                self.mirror.add(data["key"], data["doc"])
                if len(self.mirror) > mirror.MAX_POSTINGS:
                    self.mirror, self.memory = None, False

    def candidates(self, keys: np.ndarray, anchor_share: float, limit: int, size: int | None = None
                   ) -> tuple[list[tuple[int, int, int, int, float]], dict[int, int]]:
        """Candidates of the batch's articles, from their postings (key, doc, kind): rows
        (qdoc, doc, band hits, sentence hits, anchor share) for earlier articles sharing a
        band key or an exact sentence, or at least `anchor_share` of the anchors' weight; the
        best `limit` of each sort per article. Also each batch key's document frequency.
        Looked up in the in-memory mirror of prov_keys (postings.py) while it holds at most
        MAX_POSTINGS postings, else in SQL (one scan of prov_keys per batch)."""
        if not len(keys):
            return [], {}
        arr = np.asarray(keys, dtype=np.int64)
        n = self.size() if size is None else size  # the caller may know the count already
        post = self._mirror()
        if post is not None:
            return mirror.candidates(post, arr, anchor_share, limit, n, IDF_PRIOR, MAX_DF, (BAND, SENTENCE, ANCHOR))
        self.sql_batches += 1
        return self._candidates_sql(arr, anchor_share, limit, n)

    def _candidates_sql(self, arr: np.ndarray, anchor_share: float, limit: int, n: int
                        ) -> tuple[list[tuple[int, int, int, int, float]], dict[int, int]]:
        """Index.candidates as one scan of prov_keys and one join in the store."""
        unique = sorted_unique(arr[:, 0])
        self.con.register("prov_bkeys", {"key": unique})
        try:
            self.con.execute("CREATE OR REPLACE TEMP TABLE prov_hits AS SELECT p.key, p.doc FROM prov_keys p "
                             "WHERE p.key IN (SELECT key FROM prov_bkeys)")
        finally:
            self.con.unregister("prov_bkeys")
        counted = self.con.execute("SELECT key, count(*)::BIGINT AS n FROM prov_hits GROUP BY key ORDER BY key"
                                   ).fetchnumpy()
        dk, dv = np.asarray(counted["key"], dtype=np.int64), np.asarray(counted["n"], dtype=np.float64)
        df = dict(zip(dk.tolist(), np.asarray(counted["n"], dtype=np.int64).tolist()))
        freq = np.ones(len(arr))  # a key not counted yet is rare
        if len(dk):
            pos = np.searchsorted(dk, arr[:, 0])
            pos[pos == len(dk)] = 0
            freq = np.where(dk[pos] == arr[:, 0], dv[pos], 1.0)
        weight = np.log((n + IDF_PRIOR) / (freq + 1.0))
        keep = freq <= MAX_DF
        if not keep.any():
            return [], df
        q = {"key": arr[keep, 0], "qdoc": arr[keep, 1].astype(np.int32), "kind": arr[keep, 2].astype(np.int8),
             "w": weight[keep]}
        anchor = arr[:, 2] == ANCHOR
        docs, inverse = np.unique(arr[anchor, 1], return_inverse=True)
        t = {"qdoc": docs.astype(np.int32), "total": np.bincount(inverse, weights=weight[anchor], minlength=len(docs))}
        self.con.register("prov_query", q)
        self.con.register("prov_totals", t)
        try:
            rows = self.con.execute(
                "WITH h AS (SELECT q.qdoc, p.doc, count(*) FILTER (WHERE q.kind = 1) AS bands, "
                "  count(*) FILTER (WHERE q.kind = 2) AS sents, coalesce(sum(q.w) FILTER (WHERE q.kind = 3), 0) AS aw "
                "  FROM prov_query q JOIN prov_hits p ON p.key = q.key WHERE p.doc < q.qdoc GROUP BY q.qdoc, p.doc), "
                "r AS (SELECT h.qdoc, h.doc, h.bands, h.sents, h.aw / coalesce(t.total, 1e9) AS share "
                "  FROM h LEFT JOIN prov_totals t ON t.qdoc = h.qdoc) "
                "SELECT qdoc, doc, bands, sents, share FROM r WHERE bands > 0 OR sents > 0 OR share >= ? "
                "QUALIFY row_number() OVER (PARTITION BY qdoc, bands + sents > 0 "
                "  ORDER BY bands * 10 + sents * 5 + share DESC, doc) <= ?", [anchor_share, limit]).fetchall()
        finally:
            self.con.unregister("prov_query")
            self.con.unregister("prov_totals")
            self.con.execute("DROP TABLE IF EXISTS prov_hits")
        return rows, df

    def df(self, keys: list[int]) -> dict[int, int]:
        if not keys:
            return {}
        return dict(self.con.execute(
            "SELECT key, count(*) FROM prov_keys WHERE key IN (SELECT unnest(?)) GROUP BY key",
            [sorted(set(keys))]).fetchall())

    def update(self, rows: list[DocRow]) -> None:
        """Write the grouping of these rows to prov_docs and to the articles table (two joins)."""
        if not rows:
            return
        data = {"doc": np.array([r.doc for r in rows], dtype=np.int32),
                "article_id": [r.article_id for r in rows], "story_id": [r.story_id for r in rows],
                "copy_kind": [r.copy_kind for r in rows], "copy_of": [r.copy_of for r in rows],
                "relation": [json.dumps(r.relation) if r.relation else None for r in rows]}
        self.con.register("prov_update", frame(data))
        try:
            self.con.execute("UPDATE prov_docs SET story_id = u.story_id, copy_kind = u.copy_kind, "
                             "copy_of = u.copy_of, relation = u.relation::JSON FROM prov_update u "
                             "WHERE prov_docs.doc = u.doc")
            self.con.execute(
                "UPDATE articles SET story_id = u.story_id, copy_kind = u.copy_kind, copy_of = u.copy_of, "
                "record = json_merge_patch(record, json_object('story_id', u.story_id, 'copy_kind', u.copy_kind, "
                "'copy_of', u.copy_of)) FROM prov_update u WHERE articles.id = u.article_id")
        finally:
            self.con.unregister("prov_update")

    def set_events(self, doc: int, events: list[str]) -> None:
        self.con.execute("UPDATE prov_docs SET events = ? WHERE doc = ?", [json.dumps(sorted(events)), doc])


def frame(data: dict[str, Any]) -> dict[str, np.ndarray]:
    """Columns as numpy arrays DuckDB can scan (strings as object arrays, None kept as NULL)."""
    return {k: v if isinstance(v, np.ndarray) else np.array(v, dtype=object) for k, v in data.items()}


def idf(df: int, n: int) -> float:
    return math.log((n + IDF_PRIOR) / (df + 1.0))


def _values(r: DocRow) -> tuple:
    return (r.doc, r.article_id, r.story_id, r.copy_kind, r.copy_of, r.day, r.language, r.host, r.outlet,
            json.dumps(r.cites), json.dumps(sorted(r.events)), r.words,
            json.dumps(r.relation) if r.relation else None)
