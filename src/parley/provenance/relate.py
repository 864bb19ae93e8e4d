"""How two articles relate: one pair, its measured similarities and the copy kind they imply.

The kinds, strongest first:
- `verbatim`: the same text (word 5-gram Jaccard >= 0.8);
- `partial`: most of one text is copied from the other (5-gram containment >= 0.5, or
  several long sentences copied word for word);
- `rewrite`: the same sentences reworded or reordered (half the sentences of one text
  have a counterpart sharing most content words, and the names and numbers agree), or a
  translation (another language, and the language-independent anchors agree strongly);
- `independent`: an own write-up of the same report: same cited origin or the same coded
  events, agreeing names and numbers, published within a few days of each other.

Thresholds are data of this module (`Thresholds`), measured with bench/provenance_bench.py
and the fixtures in tests/fixtures/provenance.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from parley.provenance.features import Features

STRENGTH = {"verbatim": 4, "partial": 3, "rewrite": 2, "independent": 1}


@dataclass(frozen=True)
class Thresholds:
    verbatim: float = 0.8  # 5-gram Jaccard
    partial: float = 0.5  # 5-gram containment of the smaller in the larger
    partial_sentences: int = 3  # or this many long sentences copied exactly
    sentence_match: float = 0.5  # Dice of content-word stems for two sentences to align
    derived_aligned: float = 0.45  # share of a text's content (sentence stems) that aligns
    derived_anchors: float = 0.3
    rewrite_aligned: float = 0.6  # a derived text is a rewrite when this much of it aligns
    rewrite_dice: float = 0.6  # ... with this mean sentence similarity (else an own write-up)
    translation_anchors: float = 0.6
    translation_shared: int = 8
    translation_days: int = 7
    independent_anchors: float = 0.4
    independent_days: int = 4
    min_shared_anchors: int = 5


@dataclass
class Side:
    """What the pair test needs to know about one article besides its text features."""

    features: Features
    cites: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    idf: dict[int, float] = field(default_factory=dict)


@dataclass
class Relation:
    kind: str
    score: float
    measures: dict[str, float]

    @property
    def strength(self) -> int:
        return STRENGTH[self.kind]


def jaccard_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    if not len(a) or not len(b):
        return 0.0, 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / len(a), inter / len(b)


def aligned_share(x: Features, y: Features, threshold: float) -> tuple[float, float, float]:
    """Share of x's and of y's content (sentence stems) that has a counterpart sentence, and
    the mean best similarity (Dice) of x's sentences, weighted by their size."""
    index: dict[int, list[int]] = {}
    for j, s in enumerate(y.sents):
        for t in s.stems:
            index.setdefault(t, []).append(j)
    matched_y: set[int] = set()
    got = total = 0
    dice_sum = 0.0
    for s in x.sents:
        if len(s.stems) < 3:
            continue
        total += len(s.stems)
        counts: dict[int, int] = {}
        for t in s.stems:
            for j in index.get(t, ()):
                counts[j] = counts.get(j, 0) + 1
        best, best_j = 0.0, -1
        for j, c in counts.items():
            dice = 2 * c / (len(s.stems) + len(y.sents[j].stems))
            if dice > best:
                best, best_j = dice, j
        dice_sum += best * len(s.stems)
        if best >= threshold:
            got += len(s.stems)
            matched_y.add(best_j)
    y_total = sum(len(s.stems) for s in y.sents if len(s.stems) >= 3)
    y_got = sum(len(y.sents[j].stems) for j in matched_y)
    if not total:
        return 0.0, 0.0, 0.0
    return got / total, (y_got / y_total if y_total else 0.0), dice_sum / total


def anchor_overlap(x: Side, y: Side) -> tuple[float, int]:
    """IDF-weighted share of the smaller anchor set found in the other (0..1), and the count shared."""
    ax, ay = x.features.anchors, y.features.anchors
    if not ax or not ay:
        return 0.0, 0
    shared = ax.keys() & ay.keys()
    w = lambda keys, idf: sum(idf.get(k, 1.0) for k in keys)  # noqa: E731
    idf = {**y.idf, **x.idf}
    wx, wy = w(ax.keys(), idf), w(ay.keys(), idf)
    return (w(shared, idf) / min(wx, wy) if min(wx, wy) else 0.0), len(shared)


def _same_language(x: Features, y: Features) -> bool:
    return x.language is None or y.language is None or x.language == y.language


def relate(x: Side, y: Side, t: Thresholds = Thresholds()) -> Relation | None:
    """The strongest relation between two articles, or None when they are not the same story."""
    fx, fy = x.features, y.features
    jac, cx, cy = jaccard_containment(fx.shingles, fy.shingles)
    exact = len({s.exact for s in fx.sents if s.exact} & {s.exact for s in fy.sents if s.exact})
    m: dict[str, float] = {"jaccard": round(jac, 3), "containment": round(max(cx, cy), 3), "exact_sentences": exact}
    if jac >= t.verbatim:
        return Relation("verbatim", 4 + jac, m)
    if max(cx, cy) >= t.partial or exact >= t.partial_sentences:
        return Relation("partial", 3 + max(cx, cy), m)
    anchors, n_shared = anchor_overlap(x, y)
    days = abs(fx.day - fy.day) if fx.day is not None and fy.day is not None else None
    m.update(anchors=round(anchors, 3), shared_anchors=n_shared, days_apart=-1 if days is None else days)
    if _same_language(fx, fy):
        ax, ay, dice = aligned_share(fx, fy, t.sentence_match)
        m.update(aligned=round(ax, 3), aligned_other=round(ay, 3), dice=round(dice, 3))
        if max(ax, ay) >= t.derived_aligned and anchors >= t.derived_anchors and n_shared >= t.min_shared_anchors:
            own_source = bool(x.cites - y.cites)  # a rewrite does not add a source of its own
            if ax >= t.rewrite_aligned and dice >= t.rewrite_dice and not own_source:
                return Relation("rewrite", 2 + ax, m)
            return Relation("independent", 1.5 + max(ax, ay) / 2, m)
    elif anchors >= t.translation_anchors and n_shared >= t.translation_shared and \
            (days is None or days <= t.translation_days):
        return Relation("rewrite", 2 + anchors / 2, m)
    common_source = bool(x.cites & y.cites)
    common_events = len(x.events & y.events)
    m["common_events"] = common_events
    close = days is None or days <= t.independent_days
    if close and anchors >= t.independent_anchors and n_shared >= t.min_shared_anchors and \
            (common_source or common_events >= 2):
        return Relation("independent", 1 + anchors, m)
    return None
