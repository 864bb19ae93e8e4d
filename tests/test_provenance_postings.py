"""The in-memory mirror of prov_keys (provenance/postings.py): lookups agree with the SQL
lookup batch by batch, the mirror follows the store through a failed (rolled back) batch,
and the site vocabulary reads a batch's pages from the texts in hand exactly as the store
would give them."""
from __future__ import annotations

import duckdb
import numpy as np
import pytest
from test_provenance_store import articles, group, grouping

from parley.provenance import postings
from parley.provenance.hooks import _GROUPERS, _head, after_write
from parley.provenance.index import Index
from parley.store.db import Store


def group_in_fives(store: Store, every: list) -> None:
    for i in range(0, len(every), 5):
        group(store, every[i:i + 5])


def test_postings_lookup_matches_a_plain_scan():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 300, size=5000).astype(np.int64)
    docs = rng.integers(0, 900, size=5000).astype(np.int32)
    p = postings.Postings()
    for lo in range(0, 5000, 350):  # uneven batches: runs of several sizes, merged as they come
        p.add(keys[lo:lo + 350], docs[lo:lo + 350])
    assert len(p) == 5000 and len(p.runs) < 8
    asked = np.array([-1, 0, 5, 17, 299, 300, 1000], dtype=np.int64)
    counts, ranges = p.bounds(asked)
    queries = np.array([3, 1, 1, 6, 2, 4], dtype=np.int64)  # indices into asked, repeated and unordered
    which, found = postings.expand(ranges, queries)
    for i, k in enumerate(asked.tolist()):
        assert counts[i] == np.count_nonzero(keys == k)
    for q, i in enumerate(queries.tolist()):
        assert sorted(found[which == q].tolist()) == sorted(docs[keys == asked[i]].tolist())


def test_mirror_and_sql_give_the_same_candidates(tmp_path, monkeypatch):
    compared = []
    lookup = Index.candidates

    def both(self, keys, share, limit, size=None):
        got = lookup(self, keys, share, limit, size)
        assert self.mirror is not None  # the mirror answered
        want = self._candidates_sql(np.asarray(keys, dtype=np.int64), share, limit, size or self.size())
        compared.append((got, want))
        return got

    monkeypatch.setattr(Index, "candidates", both)
    every = articles()
    with Store(str(tmp_path / "s.duckdb")) as store:
        group_in_fives(store, every)
    assert len(compared) == (len(every) + 4) // 5
    assert sum(len(got[0]) for got, _ in compared) > 10  # copies found earlier articles
    for (rows, df), (sql_rows, sql_df) in compared:
        assert df == sql_df
        assert [r[:4] for r in sorted(rows)] == [r[:4] for r in sorted(sql_rows)]
        # the anchor share is a sum of weights: the store adds them in its own order
        assert [r[4] for r in sorted(rows)] == pytest.approx([r[4] for r in sorted(sql_rows)], rel=1e-12)


def test_a_rolled_back_batch_leaves_no_postings_in_memory(tmp_path, monkeypatch):
    from parley.provenance.group import Grouper

    every = articles()
    first, second = every[:len(every) // 2], every[len(every) // 2:]
    with Store(str(tmp_path / "fresh.duckdb")) as fresh:
        group(fresh, first)
        group(fresh, second)
        want = grouping(fresh)
    with Store(str(tmp_path / "s.duckdb")) as store:
        group(store, first)
        assert _GROUPERS[store].index.mirror is not None
        assign = Grouper._assign

        def broken(*_a, **_k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Grouper, "_assign", broken)  # fails after the batch's postings went in
        store.write_batch(second, [], coder="test")
        after_write(store, second, [])
        assert store.stats()["refused"] == {"provenance-failed": len(second)}
        assert store not in _GROUPERS  # its mirror held the rolled-back postings
        monkeypatch.setattr(Grouper, "_assign", assign)
        after_write(store, second, [])
        assert grouping(store) == want


@pytest.mark.parametrize("text", [
    "plain ascii words " * 120,
    "Bogotá, Medellín and Cúcuta " * 70,
    "e\u0301 accents written as two characters " * 50,
    "lines ending\r\nwith CR LF " * 80,
    "a thumbs up \U0001F44D\U0001F3FD in the text " * 60,
    "short",
])
def test_site_text_head_is_what_the_store_gives_or_nothing(text):
    head = _head(text)
    stored = duckdb.connect().execute("SELECT left(?, 1500)", [text]).fetchall()[0][0]
    assert head is None or head == stored
    if text.isascii() and "\r" not in text:
        assert head is not None


def test_a_big_index_is_looked_up_in_sql_until_the_mirror_pays(tmp_path, monkeypatch):
    monkeypatch.setattr(postings, "EAGER_POSTINGS", 0)  # every index counts as big
    monkeypatch.setattr(postings, "SQL_BATCHES", 2)
    used = []
    lookup = Index.candidates

    def spy(self, *a, **k):
        got = lookup(self, *a, **k)
        used.append("memory" if self.mirror is not None else "sql")
        return got

    monkeypatch.setattr(Index, "candidates", spy)
    every = articles()
    with Store(str(tmp_path / "s.duckdb")) as store:
        group_in_fives(store, every)
        mixed = grouping(store)
        assert len(store.con.execute("SELECT * FROM prov_keys").fetchall()) == len(_GROUPERS[store].index.mirror)
    assert used[:2] == ["sql", "sql"] and set(used[2:]) == {"memory"}
    monkeypatch.setattr(postings, "MAX_POSTINGS", -1)  # SQL all the way
    with Store(str(tmp_path / "sql.duckdb")) as store:
        group_in_fives(store, every)
        assert grouping(store) == mixed
