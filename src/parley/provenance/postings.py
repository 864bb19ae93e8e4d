"""The postings of prov_keys mirrored in memory, so a batch's candidate lookup is a few binary
searches instead of a scan of the whole table in the store.

The store stays the record: every batch's postings are written to prov_keys as before, and
the mirror is loaded from it when a process first groups into a store, then kept up to date
by the same batches (an LSM-like list of sorted runs: a new batch is one small run, runs of
similar size are merged, so adding costs O(batch) amortised and a lookup searches a few runs).
Loading costs about as much CPU as 30 batches looked up in SQL (both grow with the index),
so a big index (over EAGER_POSTINGS) is loaded only once a process has looked up
SQL_BATCHES batches in SQL: a short run never pays for it, a long one pays it back (the
ski-rental rule: at most about twice the cheaper choice). Above MAX_POSTINGS postings the
mirror is not built and the lookup runs in SQL as before.

`candidates` gives the same rows as Index.candidates' SQL: per batch article, the earlier
articles sharing a band key or an exact sentence, or at least `anchor_share` of its anchors'
weight, the best `limit` of each sort, ranked by bands * 10 + sents * 5 + share, then doc.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from parley.provenance.hashing import sorted_unique

DENSE_BINS = 1 << 21  # up to this many (batch doc x doc) pairs, hits are counted in arrays (16 MB each), else sorted
MAX_POSTINGS = 20_000_000  # about 240 MB (int64 key + int32 doc); a bigger index is looked up in SQL
EAGER_POSTINGS = 2_000_000  # up to this many, the mirror is loaded at the first lookup (~0.3 s of CPU at most)
SQL_BATCHES = 32  # beyond, a process looks up this many batches in SQL before it loads the mirror
Run = tuple[np.ndarray, np.ndarray]  # (keys sorted, int64; their docs, int32)


class Postings:
    def __init__(self) -> None:
        self.runs: list[Run] = []

    def __len__(self) -> int:
        return sum(len(k) for k, _ in self.runs)

    @classmethod
    def load(cls, con: Any) -> "Postings":
        """All postings of prov_keys, sorted by the store (one scan, once per process and store;
        the order of a key's postings does not matter)."""
        got = con.execute("SELECT key, doc FROM prov_keys ORDER BY key").fetchnumpy()
        p = cls()
        keys = np.asarray(got["key"], dtype=np.int64)
        if len(keys):
            p.runs.append((keys, np.asarray(got["doc"], dtype=np.int32)))
        return p

    def add(self, keys: np.ndarray, docs: np.ndarray) -> None:
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self.runs.append((keys[order], docs[order]))
        while len(self.runs) > 1 and len(self.runs[-2][0]) <= 2 * len(self.runs[-1][0]):
            small, big = self.runs.pop(), self.runs.pop()
            self.runs.append(_merge(big, small))

    def bounds(self, unique: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
        """For sorted unique keys: how many postings each has, and per run the range of each
        key's postings (lo, hi) and the run's docs."""
        counts = np.zeros(len(unique), dtype=np.int64)
        out = []
        for keys, docs in self.runs:
            lo = np.searchsorted(keys, unique, side="left")
            hi = np.searchsorted(keys, unique, side="right")
            counts += hi - lo
            out.append((lo, hi, docs))
        return counts, out


def _merge(a: Run, b: Run) -> Run:
    """Two sorted runs as one, in linear time (b's postings go after a's equal keys)."""
    (ak, ad), (bk, bd) = a, b
    at = np.searchsorted(ak, bk, side="right") + np.arange(len(bk))
    keys, docs = np.empty(len(ak) + len(bk), dtype=np.int64), np.empty(len(ak) + len(bk), dtype=np.int32)
    rest = np.ones(len(keys), dtype=bool)
    rest[at] = False
    keys[at], docs[at] = bk, bd
    keys[rest], docs[rest] = ak, ad
    return keys, docs

def expand(ranges: list[tuple[np.ndarray, np.ndarray, np.ndarray]], pos: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """For queries naming a key each (pos: the key's index in the looked-up keys): every doc
    posted under the query's key, as (query index, doc), run by run. A doc's postings all sit
    in one run (its batch's), so a (query doc, doc) pair meets its shared keys in query order."""
    which, docs = [], []
    for lo, hi, ds in ranges:
        idx, owner = _ranges(lo[pos], hi[pos])
        which.append(owner)
        docs.append(ds[idx])
    if not which:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    return np.concatenate(which), np.concatenate(docs)


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions lo[i]..hi[i]-1 for every i, concatenated, and the i each came from."""
    counts = hi - lo
    owner = np.repeat(np.arange(len(lo)), counts)
    if not len(owner):
        return owner, owner
    shift = np.repeat(np.cumsum(counts) - counts - lo, counts)  # position in the output - position wanted
    return np.arange(len(owner)) - shift, owner


def candidates(post: Postings, arr: np.ndarray, anchor_share: float, limit: int, size: int,
               prior: int, max_df: int, kinds: tuple[int, int, int]
               ) -> tuple[list[tuple[int, int, int, int, float]], dict[int, int]]:
    """Index.candidates computed on the mirror (arr: the batch's postings, rows key, doc, kind,
    already added to the mirror; kinds: the codes of band, sentence and anchor postings)."""
    anchor_kind = kinds[2]
    unique = sorted_unique(arr[:, 0])
    counts, ranges = post.bounds(unique)
    df = {k: n for k, n in zip(unique.tolist(), counts.tolist()) if n}
    pos = np.searchsorted(unique, arr[:, 0])
    freq = counts[pos].astype(np.float64)
    freq[freq == 0] = 1.0  # a key not counted yet is rare
    weight = np.log((size + prior) / (freq + 1.0))
    anchor = arr[:, 2] == anchor_kind
    qdocs, inverse = np.unique(arr[anchor, 1], return_inverse=True)
    totals = np.bincount(inverse, weights=weight[anchor], minlength=len(qdocs))
    keep = freq <= max_df
    if not keep.any():
        return [], df
    rows = _join(arr[keep], weight[keep], pos[keep], ranges, kinds)
    return _rank(rows, qdocs, totals, anchor_share, limit), df


def _pairs(qdoc: np.ndarray, pos: np.ndarray, ranges: list, q0: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(pair code, query row) of every earlier doc met by the query rows (qdoc: their docs)."""
    which, doc = expand(ranges, pos)
    qd = qdoc[which]
    earlier = doc < qd
    return (qd[earlier] - q0) * width + doc[earlier], which[earlier]


def _join(q: np.ndarray, w: np.ndarray, pos: np.ndarray, ranges: list, kinds: tuple[int, int, int]
          ) -> tuple[np.ndarray, ...]:
    """Per (batch doc, earlier doc) pair sharing keys: band hits, sentence hits, anchor weight
    (summed in the order of the batch's postings), pairs in (batch doc, doc) order. Anchor
    rows (most of the hits) and text rows (bands, sentences) are expanded apart."""
    band, sentence, anchor = kinds
    qdoc = np.ascontiguousarray(q[:, 1])
    q0, qmax = int(qdoc.min()), int(qdoc.max())
    width = max(qmax, 1)  # an earlier doc is below the batch's last doc
    bins = (qmax - q0 + 1) * width
    is_anchor = q[:, 2] == anchor
    a_code, a_row = _pairs(qdoc[is_anchor], pos[is_anchor], ranges, q0, width)
    a_wt = w[is_anchor][a_row]
    t_code, t_row = _pairs(qdoc[~is_anchor], pos[~is_anchor], ranges, q0, width)
    t_kind = q[~is_anchor, 2][t_row]
    if not len(a_code) and not len(t_code):
        return (np.zeros(0, dtype=np.int64),) * 5
    if bins <= DENSE_BINS:  # pair codes as bins: counts and sums, no sort
        met = np.bincount(a_code, minlength=bins) + np.bincount(t_code, minlength=bins)
        pairs = np.flatnonzero(met)
        bands = np.bincount(t_code[t_kind == band], minlength=bins)[pairs]
        sents = np.bincount(t_code[t_kind == sentence], minlength=bins)[pairs]
        aw = np.bincount(a_code, weights=a_wt, minlength=bins)[pairs]
    else:
        code = np.concatenate((a_code, t_code))
        kind = np.concatenate((np.full(len(a_code), anchor, dtype=t_kind.dtype), t_kind))
        wt = np.concatenate((a_wt, np.zeros(len(t_code))))
        order = np.argsort(code, kind="stable")
        code, kind, wt = code[order], kind[order], wt[order]
        first = np.empty(len(code), dtype=bool)
        first[0] = True
        np.not_equal(code[1:], code[:-1], out=first[1:])
        group = np.cumsum(first) - 1
        n = int(group[-1]) + 1
        bands = np.bincount(group, weights=kind == band, minlength=n).astype(np.int64)
        sents = np.bincount(group, weights=kind == sentence, minlength=n).astype(np.int64)
        aw = np.bincount(group, weights=np.where(kind == anchor, wt, 0.0), minlength=n)
        pairs = code[first]
    return pairs // width + q0, pairs % width, bands, sents, aw


def _rank(rows: tuple[np.ndarray, ...], qdocs: np.ndarray, totals: np.ndarray, anchor_share: float, limit: int
          ) -> list[tuple[int, int, int, int, float]]:
    qdoc, doc, bands, sents, aw = rows
    if not len(qdoc):
        return []
    at = np.searchsorted(qdocs, qdoc)
    at[at == len(qdocs)] = 0
    has = (qdocs[at] == qdoc) if len(qdocs) else np.zeros(len(qdoc), dtype=bool)
    total = np.where(has, totals[at] if len(qdocs) else 0.0, 1e9)
    share = aw / total
    texts = (bands > 0) | (sents > 0)
    ok = texts | (share >= anchor_share)
    qdoc, doc, bands, sents, share, texts = qdoc[ok], doc[ok], bands[ok], sents[ok], share[ok], texts[ok]
    score = (bands * 10 + sents * 5) + share
    order = np.lexsort((doc, -score, texts, qdoc))
    part = np.stack((qdoc[order], texts[order]), axis=1)
    new = np.ones(len(order), dtype=bool)
    new[1:] = (part[1:] != part[:-1]).any(axis=1)
    start = np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))
    kept = order[(np.arange(len(order)) - start) < limit]
    return list(zip(qdoc[kept].tolist(), doc[kept].tolist(), bands[kept].tolist(), sents[kept].tolist(),
                    share[kept].tolist()))
