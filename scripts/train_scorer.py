"""Train the event scorer (coder/scorer.py) on labelled sets, report cross-validated figures,
and write the weights (never the texts) to src/parley/data/models/event_scorer.json.

    .venv/bin/pip install scikit-learn      # training only; parley itself does not need it
    .venv/bin/python scripts/train_scorer.py ../shared/devset [--folds 5] [--out PATH]

Labels: a candidate of a quad item is right when its type's quad is the item's quad (no
candidate is right in a quad-0 item); a candidate of an events item is right when its type is
the gold type. Folds are drawn by sentence text, so a sentence that appears in two sets is in
the same fold of both; every figure printed is computed on held-out folds only: quad macro-F1
(conflibert_quad_train), events F1 (plover_gsr, type + actor code) and roles F1
(conflibert_roles_train), each with the rule scores alone ("rules") and with the scorer.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parley.evaluate.run import load_gold
from parley.evaluate.score import prf
from parley.pipeline import registry
from parley.pipeline.doc import Doc
from parley.pipeline.resources import Resources
from parley.pipeline.runner import run

from parley.coder.lexicon import Lexicon
from parley.coder.scorer import KEEP_MODALITIES

QUADS = {event: int(spec["quad"]) for event, spec in Lexicon.load().types.items()}
SETS = {"quad": "conflibert_quad_train.jsonl", "events": "plover_gsr.jsonl", "roles": "conflibert_roles_train.jsonl"}


@dataclass
class Cand:
    feats: list[str]
    event: str
    prior: float
    codes: set[str]
    actor: list[tuple[int, int]]
    recipient: list[tuple[int, int]]
    modality: str = "asserted"
    p: float = 0.0


@dataclass
class Example:
    kind: str
    gold: dict
    text: str
    fold: int
    cands: list[Cand] = field(default_factory=list)


def fold_of(text: str, k: int) -> int:
    return zlib.crc32(re.sub(r"\W+", "", text.lower()).encode()) % k


def collect(devset: Path, k: int) -> list[Example]:
    res = Resources(scorer="off")
    stages = registry.get()
    out: list[Example] = []
    for kind, name in SETS.items():
        items, _ = load_gold(str(devset / name))
        for i in range(0, len(items), 64):
            chunk = items[i:i + 64]
            docs, _ = run([Doc(article=it.article, resources=res) for it in chunk], stages, "raise")
            for it, doc in zip(chunk, docs):
                ex = Example(kind, it.gold, it.article.text, fold_of(it.article.text, k))
                for c in doc.candidates:
                    ex.cands.append(Cand(c.notes["features"], c.event, c.score, {a.code for a in c.actor if a.code},
                                         [(a.start, a.end) for a in c.actor if a.start is not None],
                                         [(a.start, a.end) for a in c.recipient if a.start is not None],
                                         c.modality))
                out.append(ex)
        print(f"  {kind}: {len(items)} items", file=sys.stderr)
    return out


def label(ex: Example, c: Cand) -> int | None:
    if ex.kind == "quad":
        return int(ex.gold["quad"] != 0 and QUADS[c.event] == int(ex.gold["quad"]))
    if ex.kind == "events":
        return int(c.event == ex.gold["events"][0]["event"])
    return None


def train(examples: list[Example], c_reg: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for ex in examples:
        for c in ex.cands:
            y = label(ex, c)
            if y is not None:
                rows.append({f: 1.0 for f in c.feats})
                ys.append(y)
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c_reg, solver="lbfgs", max_iter=3000)
    model.fit(x, ys)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4}
    return weights, float(model.intercept_[0])


def probability(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    import math
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# -- the three figures, as parley eval computes them --------------------------------------

def kept(ex: Example, tau: float | None) -> list[Cand]:
    return list(ex.cands) if tau is None else [c for c in ex.cands if c.p >= tau or c.modality in KEEP_MODALITIES]


def _top(cands: list[Cand], tau: float | None) -> Cand | None:
    if not cands:
        return None
    return max(cands, key=lambda c: c.prior if tau is None else c.p)


def quad_f1(exs: list[Example], tau: float | None) -> float:
    gold, pred = [], []
    for ex in exs:
        top = _top(kept(ex, tau), tau)
        gold.append(int(ex.gold["quad"]))
        pred.append(QUADS[top.event] if top else 0)
    f1s = [prf(sum(1 for g, p in zip(gold, pred) if g == p == lab), pred.count(lab), gold.count(lab))["f1"]
           for lab in sorted(set(gold))]
    return sum(f1s) / len(f1s)


def events_f1(exs: list[Example], tau: float | None) -> float:
    tp = n_pred = 0
    for ex in exs:
        g = ex.gold["events"][0]
        codes = {a.get("code") for a in g["actor"] if a.get("code")}
        ks = kept(ex, tau)
        n_pred += len(ks)
        tp += any(c.event == g["event"] and (not codes or codes & c.codes) for c in ks)
    return prf(tp, n_pred, len(exs))["f1"]


def _tokens(text: str, ranges: list) -> set[int]:
    out = set()
    for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)):
        if any(m.start() < b and a < m.end() for a, b in ranges):
            out.add(n)
    return out


def roles_f1(exs: list[Example], tau: float | None) -> tuple[float, float]:
    totals = {"actor": Counter(), "recipient": Counter()}
    for ex in exs:
        top = _top(kept(ex, tau), tau)
        for role in ("actor", "recipient"):
            gold = _tokens(ex.text, ex.gold["roles"].get(role, []))
            pred = _tokens(ex.text, getattr(top, role) if top else [])
            totals[role]["tp"] += len(gold & pred)
            totals[role]["pred"] += len(pred)
            totals[role]["gold"] += len(gold)
    return tuple(prf(c["tp"], c["pred"], c["gold"])["f1"] for c in totals.values())


def figures(exs: list[Example], tau: float | None) -> dict[str, float]:
    by = {k: [e for e in exs if e.kind == k] for k in SETS}
    actor, recipient = roles_f1(by["roles"], tau)
    return {"quad_macro_f1": round(quad_f1(by["quad"], tau), 4), "events_f1": round(events_f1(by["events"], tau), 4),
            "roles_actor_f1": round(actor, 4), "roles_recipient_f1": round(recipient, 4)}


def cross_validate(exs: list[Example], k: int, c_reg: float) -> None:
    """Give every candidate its out-of-fold probability."""
    for fold in range(k):
        weights, bias = train([e for e in exs if e.fold != fold], c_reg)
        for ex in exs:
            if ex.fold == fold:
                for c in ex.cands:
                    c.p = probability(weights, bias, c.feats)


def choose_threshold(exs: list[Example]) -> tuple[float, dict[str, float]]:
    best = (-1.0, 0.0, {})
    for tau in [x / 100 for x in range(0, 80, 5)]:
        fig = figures(exs, tau)
        # every measured figure weighs the same (roles labels exist for statements too, where
        # dropping a candidate is right for quad and costs roles recall)
        objective = sum(fig.values()) / len(fig)
        if objective > best[0]:
            best = (objective, tau, fig)
    return best[1], best[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("devset", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src/parley/data/models/event_scorer.json")
    args = ap.parse_args()
    t0 = time.perf_counter()
    exs = collect(args.devset, args.folds)
    print(f"rules only (no scorer): {figures(exs, None)}")
    best = None
    for c_reg in (0.1, 0.3, 1.0):
        cross_validate(exs, args.folds, c_reg)
        tau, fig = choose_threshold(exs)
        print(f"C={c_reg}: threshold {tau}, {args.folds}-fold CV by sentence: {fig}")
        score = sum(fig.values()) / len(fig)
        if best is None or score > best[3]:
            best = (c_reg, tau, fig, score)
    c_reg, tau, fig, _ = best
    weights, bias = train(exs, c_reg)
    counts = Counter(e.kind for e in exs)
    model = {"version": 1, "trained": date.today().isoformat(), "threshold": tau, "C": c_reg,
             "trained_on": {SETS["quad"]: counts["quad"], SETS["events"]: counts["events"]},
             "cv": {"folds": args.folds, "by": "sentence text", **fig}, "bias": round(bias, 5),
             "weights": {f: round(w, 5) for f, w in sorted(weights.items())}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"chosen C={c_reg} threshold={tau}; {len(weights)} weights -> {args.out} ({time.perf_counter() - t0:.0f}s)")


if __name__ == "__main__":
    main()
