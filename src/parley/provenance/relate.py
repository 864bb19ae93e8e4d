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
from itertools import repeat

import numpy as np

from parley.provenance.features import Features, name_key
from parley.provenance.hashing import sorted_unique

STRENGTH = {"verbatim": 4, "partial": 3, "rewrite": 2, "independent": 1}


@dataclass(frozen=True)
class Thresholds:
    verbatim: float = 0.8  # 5-gram Jaccard
    partial: float = 0.6  # 5-gram containment of the smaller in the larger
    partial_sentences: int = 3  # or this many long sentences copied exactly ...
    partial_sentence_share: float = 0.5  # ... making up this share of the shorter text's sentences
    sentence_match: float = 0.5  # Dice of content-word stems for two sentences to align
    derived_aligned: float = 0.45  # share of a text's content (sentence stems) that aligns
    derived_anchors: float = 0.3
    rewrite_aligned: float = 0.6  # a derived text is a rewrite when this much of it aligns
    rewrite_dice: float = 0.6  # ... with this mean sentence similarity (else an own write-up)
    reordered_sentences: int = 4  # copies sharing this many exact sentences both ways ...
    reordered_order: float = 0.75  # ... keeping fewer of them in order are reordered rewrites
    paraphrase_covered: float = 0.85  # a paraphrase: this share of each text has a loose counterpart
    paraphrase_dice: float = 0.45  # ... with this mean sentence similarity
    credited_dice: float = 0.12  # an own write-up crediting the other's outlet may share few words ...
    credited_anchors: float = 0.7  # ... when the names and numbers agree this closely,
    credited_facts: int = 3  # ... or agree (independent_anchors) on this many names and numbers besides the source's
    credited_days: int = 1  # ... published the same or the next day (one news cycle)
    rare_fact: float = 3.0  # ... each of them rare (IDF, with index.IDF_PRIOR: named by under 1/20 of the store + 50)
    paraphrase_match: float = 0.35  # a looser sentence match for spun rewrites without attribution
    paraphrase_aligned: float = 0.5
    paraphrase_anchors: float = 0.75
    translation_anchors: float = 0.5
    translation_shared: int = 8  # shared anchors (or min_shared_anchors when one credits the other's source)
    translation_days: int = 7
    independent_anchors: float = 0.45
    independent_dice: float = 0.3  # same language: an own write-up of the same facts still shares words
    min_vocabulary: float = 0.25  # below this share of common content stems no sentence test is run
    independent_days: int = 4
    min_shared_anchors: int = 5


@dataclass
class Side:
    """What the pair test needs to know about one article besides its text features."""

    features: Features
    cites: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    outlet: str | None = None
    idf: dict[int, float] = field(default_factory=dict)  # anchor key -> weight (shared by both sides)
    default_idf: float = 1.0
    _weight: float | None = None
    _exact: frozenset[int] | None = None

    @property
    def anchor_weight(self) -> float:
        if self._weight is None:
            anchors = self.features.anchors
            self._weight = sum(map(self.idf.get, anchors, repeat(self.default_idf, len(anchors))))
        return self._weight

    @property
    def exact(self) -> frozenset[int]:
        if self._exact is None:
            self._exact = frozenset(s.exact for s in self.features.sents if s.exact)
        return self._exact


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
    ax, ay, dice, _ = alignment(x, y, threshold, threshold)
    return ax, ay, dice


def alignment(x: Features, y: Features, threshold: float, loose: float) -> tuple[float, float, float, float]:
    """aligned_share, plus the share of x aligned at a looser threshold (paraphrases)."""
    return _alignment(x, y, threshold, loose, shared_vocabulary(x, y))


def shared_vocabulary(x: Features, y: Features) -> tuple[np.ndarray, np.ndarray]:
    """Which stems of x's vocabulary y has too (a mask over x.vocabulary()) and where they are
    in y.vocabulary(); one binary search, shared by the vocabulary screen and the alignment."""
    vx, vy = x.vocabulary(), y.vocabulary()
    if not len(vx) or not len(vy):
        return np.zeros(len(vx), dtype=bool), np.zeros(len(vx), dtype=np.int64)
    where = np.searchsorted(vy, vx)
    where[where == len(vy)] = 0
    return vy[where] == vx, where


def _alignment(x: Features, y: Features, threshold: float, loose: float,
               shared: tuple[np.ndarray, np.ndarray]) -> tuple[float, float, float, float]:
    found = _dice_matrix(x, y, shared)
    if found is None:
        return 0.0, 0.0, 0.0, 0.0
    return _summary(*found, threshold, loose)


def _dice_matrix(x: Features, y: Features, shared: tuple[np.ndarray, np.ndarray]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Dice of content-word stems for every (x sentence, y sentence) pair, and the sentence sizes."""
    xs, ys = x.incidence(), y.incidence()
    mask, where = shared
    if xs is None or ys is None or not mask.any():
        return None
    (mx, x_len), (my, y_len) = xs, ys
    # only shared stems count towards an intersection: (x sentences x y sentences) counts
    inter = mx[mask].T @ my[where[mask]]
    return 2 * inter / (x_len[:, None] + y_len[None, :]), x_len, y_len


def covered_other(dice: np.ndarray, y_len: np.ndarray, loose: float) -> float:
    """Share of y's content (sentence stems) with a loosely similar sentence in x: how much of
    the origin's facts a paraphrase keeps (an own write-up keeps a part and adds its own)."""
    return float(y_len[dice.max(axis=0) >= loose].sum() / y_len.sum()) if y_len.sum() else 0.0


def in_order(x: Features, y: Features) -> float:
    """Share of consecutive sentences of x copied word for word from y that keep y's order
    (1.0 for a repost or a cut copy; lower when paragraphs or sentences were moved)."""
    pos = {s.exact: i for i, s in enumerate(y.sents) if s.exact}
    seq = [pos[s.exact] for s in x.sents if s.exact in pos]
    if len(seq) < 2:
        return 1.0
    return sum(1 for a, b in zip(seq, seq[1:]) if b > a) / (len(seq) - 1)


def _summary(dice: np.ndarray, x_len: np.ndarray, y_len: np.ndarray, threshold: float,
             loose: float) -> tuple[float, float, float, float]:
    best = dice.max(axis=1)
    hit = best >= threshold
    matched_y = sorted_unique(dice.argmax(axis=1)[hit])
    total = x_len.sum()
    return (float(x_len[hit].sum() / total), float(y_len[matched_y].sum() / y_len.sum()),
            float((best * x_len).sum() / total), float(x_len[best >= loose].sum() / total))


def _positions(sorted_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Index of each value in sorted_keys, or -1 (searchsorted: no sorting of the values)."""
    if not len(sorted_keys):
        return np.full(len(values), -1)
    i = np.searchsorted(sorted_keys, values)
    i[i == len(sorted_keys)] = 0
    return np.where(sorted_keys[i] == values, i, -1)


def _members(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The elements of sorted unique `a` that are in sorted unique `b`."""
    return a[_positions(b, a) >= 0] if len(a) and len(b) else a[:0]


def vocabulary_overlap(x: Features, y: Features, shared: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """Share of the smaller text's distinct content stems found in the other (a cheap screen)."""
    vx, vy = x.vocabulary(), y.vocabulary()
    if not len(vx) or not len(vy):
        return 0.0
    mask = (shared or shared_vocabulary(x, y))[0]
    return int(np.count_nonzero(mask)) / min(len(vx), len(vy))


def anchor_overlap(x: Side, y: Side) -> tuple[float, int]:
    """IDF-weighted share of the smaller anchor set found in the other (0..1), and the count shared."""
    ax, ay = x.features.anchors, y.features.anchors
    if not ax or not ay:
        return 0.0, 0
    shared = ax.keys() & ay.keys()
    if not shared:
        return 0.0, 0
    weight = sum(map(x.idf.get, shared, repeat(x.default_idf, len(shared))))  # summed in the set's order
    return weight / min(x.anchor_weight, y.anchor_weight), len(shared)


def _same_language(x: Features, y: Features) -> bool:
    return x.language is None or y.language is None or x.language == y.language


def relate(x: Side, y: Side, t: Thresholds = Thresholds(), texts: bool = True) -> Relation | None:
    """The strongest relation between two articles, or None when they are not the same story.
    `texts=False` skips the copy tests (the two share no band key and no sentence)."""
    fx, fy = x.features, y.features
    m: dict[str, float] = {}
    excerpt: Relation | None = None  # a few sentences copied word for word: partial, unless a rewrite
    if texts:
        jac, cx, cy = jaccard_containment(fx.shingles, fy.shingles)
        exact = len(x.exact & y.exact)
        m.update(jaccard=round(jac, 3), containment=round(max(cx, cy), 3), exact_sentences=exact)
        if exact >= t.reordered_sentences and min(cx, cy) >= t.partial:
            order = in_order(fx, fy)
            if order < t.reordered_order:  # the same sentences, moved around: a machine rewrite
                m["in_order"] = round(order, 3)
                return Relation("rewrite", 2.9, m)
        if jac >= t.verbatim:
            return Relation("verbatim", 4 + jac, m)
        shorter = min(len(x.exact), len(y.exact)) or 1
        if max(cx, cy) >= t.partial or (exact >= t.partial_sentences and exact / shorter >= t.partial_sentence_share):
            if cy >= t.partial > cx:
                m["contains_other"] = 1  # x holds y, not the reverse: y is the cut copy
            return Relation("partial", 3 + max(cx, cy), m)
        if exact >= t.partial_sentences:
            excerpt = Relation("partial", 3 + max(cx, cy), m)
    anchors, n_shared = anchor_overlap(x, y)
    days = abs(fx.day - fy.day) if fx.day is not None and fy.day is not None else None
    m.update(anchors=round(anchors, 3), shared_anchors=n_shared, days_apart=-1 if days is None else days)
    if anchors < min(t.derived_anchors, t.independent_anchors) or n_shared < t.min_shared_anchors:
        return excerpt
    same_source = bool(x.cites & y.cites) or _credits_other(x, y)
    credited = same_source and anchors >= t.credited_anchors
    if _same_language(fx, fy):
        shared = shared_vocabulary(fx, fy)
        if vocabulary_overlap(fx, fy, shared) < t.min_vocabulary:
            return excerpt  # too few words in common for any sentence-level relation
        found = _dice_matrix(fx, fy, shared)
        ax, ay, dice, loose = _summary(*found, t.sentence_match, t.paraphrase_match) if found else (0.0,) * 4
        m.update(aligned=round(ax, 3), aligned_other=round(ay, 3), dice=round(dice, 3))
        own_source = bool(x.cites - y.cites - {y.outlet})  # a rewrite adds no source of its own
        if max(ax, ay) >= t.derived_aligned and anchors >= t.derived_anchors:
            if ax >= t.rewrite_aligned and dice >= t.rewrite_dice and not own_source:
                return Relation("rewrite", 2 + ax, m)
            if found and not own_source and _close_paraphrase(found, loose, dice, anchors, t, m):
                return Relation("rewrite", 2 + ax / 2, m)
            return excerpt or Relation("independent", 1.5 + max(ax, ay) / 2, m)
        if _paraphrase(x, y, anchors, dice, loose, days, t):
            m["aligned_loose"] = round(loose, 3)
            return Relation("rewrite", 2 + loose / 2, m)
        if not credited and same_source and _credited_report(x, y, anchors, days, t):
            credited = m["credited_report"] = True
        if excerpt or dice < (t.credited_dice if credited else t.independent_dice):
            return excerpt
    elif _translation(x, y, anchors, n_shared, days, t):
        m["translation"] = 1
        return Relation("rewrite", 2 + anchors / 4, m)  # below a same-language rewrite
    else:
        return excerpt
    common_source = bool(x.cites & y.cites) or credited
    common_events = len(x.events & y.events)
    m["common_events"] = common_events
    close = days is None or days <= t.independent_days
    if close and anchors >= t.independent_anchors and (common_source or common_events >= 2):
        return Relation("independent", 1 + anchors, m)
    return None


def _credited_report(x: Side, y: Side, anchors: float, days: int | None, t: Thresholds) -> bool:
    """An own write-up of a report that the other page is (by the credited outlet) or relays
    (credits it in its lead or its last line, as copies and rewrites of a wire report do),
    with fewer names and numbers in common than credited_anchors: published the same or the
    next day (dates known: undated pages give no evidence of one news cycle) and agreeing on
    credited_facts rare names and numbers besides the source's. Two pages that each credit an
    outlet somewhere in their own reporting share a source, not a report."""
    if days is None or days > t.credited_days or anchors < t.independent_anchors:
        return False
    if not (_relays_for(x, y) or _relays_for(y, x)):
        return False
    return facts(x, y, t.rare_fact) >= t.credited_facts


def _relays_for(x: Side, y: Side) -> bool:
    """y is by an outlet x credits, or y relays (lead or last line) an outlet x credits."""
    if y.outlet and y.outlet in x.cites:
        return True
    last = len(y.features.sents) - 1
    return any(i <= 1 or i == last for c in x.cites & y.cites for i in y.features.credits.get(c, ()))


def facts(x: Side, y: Side, rare: float = 0.0) -> int:
    """How many names and numbers two articles share besides the outlets they credit or are
    published by (every page crediting The Associated Press names it: no shared fact), counting
    only those weighing at least `rare` (IDF: a topic's country or its main armed group, named
    by most of the store, says nothing about which report two pages share)."""
    sources = {k for c in x.cites | y.cites | {x.outlet or "", y.outlet or ""} for w in c.split() if (k := name_key(w))}
    anchors, idf, default = x.features.anchors, x.idf, x.default_idf
    return sum(1 for k in anchors.keys() & y.features.anchors.keys()
               if not anchors[k].startswith("o:") and anchors[k] not in sources and idf.get(k, default) >= rare)


def _credits_other(x: Side, y: Side) -> bool:
    """One of the two credits the other's outlet for its report (an outlet's own earlier
    reports, or two pages crediting the same third outlet, do not count: those share a
    topic, not a report)."""
    if not x.outlet or not y.outlet or x.outlet == y.outlet:
        return False
    return y.outlet in x.cites or x.outlet in y.cites


def _close_paraphrase(found: tuple[np.ndarray, np.ndarray, np.ndarray], loose: float, dice: float, anchors: float,
                      t: Thresholds, m: dict[str, float]) -> bool:
    """A thorough paraphrase (reworded, clauses reordered, same credit): nearly every sentence of
    each text has a loosely similar counterpart in the other, so it keeps the origin's facts
    and adds none of its own (an own write-up keeps a part of them and adds its reporting)."""
    if loose < t.paraphrase_covered or dice < t.paraphrase_dice or anchors < t.paraphrase_anchors:
        return False
    other = covered_other(found[0], found[2], t.paraphrase_match)
    m["covered_other"] = round(other, 3)
    return other >= t.paraphrase_covered


def _paraphrase(x: Side, y: Side, anchors: float, dice: float, loose: float, days: int | None,
                t: Thresholds) -> bool:
    """A spun rewrite that dropped its attribution: one side credits no outlet, the names and
    numbers agree closely, and most sentences still have a loosely similar counterpart."""
    if x.cites and y.cites:
        return False
    close = days is None or days <= t.independent_days
    return close and anchors >= t.paraphrase_anchors and dice >= t.independent_dice and loose >= t.paraphrase_aligned


NO_NAMES = ("cjk", "ar")  # scripts whose names parley cannot transliterate: numbers and dates only


def _translation(x: Side, y: Side, anchors: float, n_shared: int, days: int | None, t: Thresholds) -> bool:
    """Another language, the same names, numbers and dates (for scripts without usable names:
    six shared numbers and dates, three of them month-year dates, published within two days;
    weak evidence: a war's famous months are shared by many of its reports)."""
    if days is not None and days > t.translation_days:
        return False
    if anchors < t.translation_anchors:
        return False
    if x.features.language in NO_NAMES or y.features.language in NO_NAMES:
        shared = x.features.anchors.keys() & y.features.anchors.keys()
        dates = sum(1 for k in shared if x.features.anchors[k].startswith("d:"))
        return n_shared >= t.min_shared_anchors + 1 and dates >= 3 and (days is None or days <= 2)
    return n_shared >= t.translation_shared
