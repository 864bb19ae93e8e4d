"""The fast paths of provenance grouping give what their plain definitions give.

The keys stored in prov_keys must not change from one version to the next (a store built
earlier keeps finding its copies), so they are pinned; MinHash, sentence splitting and the
sentence alignment are checked against slow reference versions written out here.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pytest

from parley.provenance.features import _ADD, _MULT, NUM_PERM, _member, features, minhash, split_sentences
from parley.provenance.relate import _alignment, alignment, shared_vocabulary, vocabulary_overlap

STORIES = Path(__file__).parent / "fixtures" / "provenance" / "stories.jsonl"

PINNED_TEXT = (
    "The harbour council of Vellmark voted on 12 March 2024 to close the old grain pier. "
    "Mayor Ilse Brandauer said the pier had lost 1,450 tonnes of trade since 2019, according to Reuters. "
    "\u201cWe cannot keep a pier nobody uses,\u201d she told reporters?! Fishermen from Ostrava protested.\n\n"
    "A second vote is due in April 2024. The council will publish its report at www.vellmark.example/pier.")


def test_index_keys_are_those_of_earlier_stores():
    """Band, sentence and anchor keys of a fixed text, as the first version of the index stored them."""
    f = features("pin", PINNED_TEXT, "en", None, ["Reuters"])
    keys = [f.band_keys(), f.sentence_keys(), f.anchor_keys()]
    assert hashlib.sha1(json.dumps(keys).encode()).hexdigest() == "deabc1855c1c3be724cd8f353723be081027afb5"
    assert [(s.start, s.end) for s in f.sents] == [(0, 83), (84, 183), (184, 241), (242, 275), (277, 312),
                                                   (313, 378)]


def test_minhash_is_the_minimum_of_each_permutation():
    rng = np.random.default_rng(11)
    shingles = np.unique(rng.integers(0, 2**64 - 1, size=300, dtype=np.uint64))
    mask = (1 << 64) - 1
    expected = [min((int(a) * int(x) + int(b)) & mask for x in shingles) for a, b in zip(_MULT, _ADD)]
    assert minhash(shingles).tolist() == expected
    assert len(expected) == NUM_PERM
    long = np.unique(rng.integers(0, 2**64 - 1, size=9000, dtype=np.uint64))  # more than one block
    assert minhash(long).tolist() == np.minimum(minhash(long[:4096]), minhash(long[4096:])).tolist()


_LOOKBEHIND = re.compile(r"(?<=[.!?。！？])[\"”»’')\]]*\s+|\n\s*\n|\n(?=\S)")


def _reference_split(text: str) -> list[tuple[int, int]]:
    """Sentence spans as the first version found them (end marks looked behind for)."""
    out, pos = [], 0
    for m in list(_LOOKBEHIND.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        if m:
            pos = m.end()
    return out


@pytest.mark.parametrize("text", [
    "", "   ", "One. Two! Three? Four", "He asked: \u201cWhy?\u201d Then he left.\n",
    "A?! B.. C . . D", "Line one\nLine two\n\n\n  Para three.  \n", "Done.)  (Next one.) Last",
    "第一句。第二句！第三句？ fin", "No end mark at all", "Trailing spaces.   \n   \nNext.",
])
def test_sentence_spans_match_the_lookbehind_rule(text):
    assert split_sentences(text) == _reference_split(text)


def test_sentence_spans_match_on_the_fixtures():
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        assert split_sentences(text) == _reference_split(text)


def test_member_is_isin():
    rng = np.random.default_rng(5)
    keys = np.unique(rng.integers(0, 50, size=30).astype(np.uint64))
    values = rng.integers(0, 60, size=200).astype(np.uint64)
    assert (_member(values, keys) == np.isin(values, keys)).all()
    assert not _member(values, keys[:0]).any()


def _sentence_stems(f) -> list[set[int]]:
    """The stem sets of the sentences that stem_matrix keeps, built from the raw pairs."""
    ids, rows, _ = f.stem_matrix()
    out: list[set[int]] = [set() for _ in range(int(rows.max()) + 1)]
    for i, r in zip(ids.tolist(), rows.tolist()):
        out[r].add(i)
    return out


def _reference_alignment(x, y, threshold: float, loose: float) -> tuple[float, float, float, float]:
    sx, sy = _sentence_stems(x), _sentence_stems(y)
    best, arg = [], []
    for a in sx:
        dice = [2 * len(a & b) / (len(a) + len(b)) for b in sy]
        best.append(max(dice))
        arg.append(int(np.argmax(dice)))
    lx, ly = [len(a) for a in sx], [len(b) for b in sy]
    hit = [b >= threshold for b in best]
    matched = {arg[i] for i, h in enumerate(hit) if h}
    total = sum(lx)
    return (sum(n for n, h in zip(lx, hit) if h) / total, sum(ly[j] for j in matched) / sum(ly),
            sum(b * n for b, n in zip(best, lx)) / total, sum(n for n, b in zip(lx, best) if b >= loose) / total)


def test_alignment_matches_sentence_by_sentence_dice():
    items = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines()]
    feats = [features(r["id"], r["text"], "en", None) for r in items]
    feats = [f for f in feats if f.stem_matrix() is not None]
    checked = 0
    for x in feats:
        for y in feats:
            got = alignment(x, y, 0.5, 0.35)
            want = _reference_alignment(x, y, 0.5, 0.35)
            assert got == pytest.approx(want, abs=1e-5), (x.article_id, y.article_id)
            assert _alignment(x, y, 0.5, 0.35, shared_vocabulary(x, y)) == got
            checked += got[0] > 0
    assert checked > len(feats)  # the fixtures' copies and rewrites do align


def test_vocabulary_overlap_counts_shared_stems():
    a = features("a", "Grain prices rose sharply at the northern harbour after the flood.", "en", None)
    b = features("b", "The flood closed the northern harbour; grain traders waited.", "en", None)
    shared = len(set(a.vocabulary().tolist()) & set(b.vocabulary().tolist()))
    assert shared >= 3
    assert vocabulary_overlap(a, b) == shared / min(len(a.vocabulary()), len(b.vocabulary()))


def test_pair_tests_run_on_one_blas_thread():
    from threadpoolctl import threadpool_info

    from parley.provenance.hooks import one_blas_thread

    before = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    with one_blas_thread():
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == before
