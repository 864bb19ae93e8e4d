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
    independent_anchors: float = 0.45
    independent_dice: float = 0.3  # same language: an own write-up of the same facts still shares words
    independent_days: int = 4
    min_shared_anchors: int = 5


@dataclass
class Side:
    """What the pair test needs to know about one article besides its text features."""

    features: Features
    cites: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    idf: dict[int, float] = field(default_factory=dict)  # anchor key -> weight (shared by both sides)
    default_idf: float = 1.0


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
    """Share of x's and of y's content (sentence stems) that has a counterpart sentence
    (Dice of their stem sets >= threshold), and the mean best Dice of x's sentences, weighted
    by their size. Order-free, so reordered rewrites align; one small matrix product."""
    xs, ys = x.stem_matrix(), y.stem_matrix()
    if xs is None or ys is None:
        return 0.0, 0.0, 0.0
    (x_ids, x_rows, x_len), (y_ids, y_rows, y_len) = xs, ys
    vocab = np.union1d(x_ids, y_ids)
    mx = np.zeros((len(x_len), len(vocab)), dtype=np.float32)
    my = np.zeros((len(y_len), len(vocab)), dtype=np.float32)
    mx[x_rows, np.searchsorted(vocab, x_ids)] = 1.0
    my[y_rows, np.searchsorted(vocab, y_ids)] = 1.0
    dice = 2 * (mx @ my.T) / (x_len[:, None] + y_len[None, :])
    best = dice.max(axis=1)
    hit = best >= threshold
    matched_y = np.unique(dice.argmax(axis=1)[hit])
    total = x_len.sum()
    return (float(x_len[hit].sum() / total), float(y_len[matched_y].sum() / y_len.sum()),
            float((best * x_len).sum() / total))


def anchor_overlap(x: Side, y: Side) -> tuple[float, int]:
    """IDF-weighted share of the smaller anchor set found in the other (0..1), and the count shared."""
    ax, ay = x.features.anchors, y.features.anchors
    if not ax or not ay:
        return 0.0, 0
    shared = ax.keys() & ay.keys()
    if not shared:
        return 0.0, 0
    idf = x.idf
    default = x.default_idf
    wx = sum(idf.get(k, default) for k in ax)
    wy = sum(idf.get(k, default) for k in ay)
    return sum(idf.get(k, default) for k in shared) / min(wx, wy), len(shared)


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
    if anchors < min(t.derived_anchors, t.independent_anchors) or n_shared < t.min_shared_anchors:
        return None
    same = _same_language(fx, fy)
    if same:
        ax, ay, dice = aligned_share(fx, fy, t.sentence_match)
        m.update(aligned=round(ax, 3), aligned_other=round(ay, 3), dice=round(dice, 3))
        if max(ax, ay) >= t.derived_aligned and anchors >= t.derived_anchors:
            own_source = bool(x.cites - y.cites)  # a rewrite does not add a source of its own
            if ax >= t.rewrite_aligned and dice >= t.rewrite_dice and not own_source:
                return Relation("rewrite", 2 + ax, m)
            return Relation("independent", 1.5 + max(ax, ay) / 2, m)
        if dice < t.independent_dice:
            return None
    elif anchors >= t.translation_anchors and n_shared >= t.translation_shared:
        if days is None or days <= t.translation_days:
            return Relation("rewrite", 2 + anchors / 2, m)
    else:
        return None
    common_source = bool(x.cites & y.cites)
    common_events = len(x.events & y.events)
    m["common_events"] = common_events
    close = days is None or days <= t.independent_days
    if close and anchors >= t.independent_anchors and (common_source or common_events >= 2):
        return Relation("independent", 1 + anchors, m)
    return None
