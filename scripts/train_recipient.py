"""Train the recipient ranker (coder/recipients.py) on ConfliBERT roles, report 5-fold
cross-validated recipient F1 (folds by item text) next to the rules alone, and write the
weights (never the texts) to src/parley/data/models/recipient_ranker.json.

    .venv/bin/pip install -e '.[train]'     # scikit-learn, training only
    .venv/bin/python scripts/train_recipient.py ../shared/devset [--folds 5] [--out PATH] [--write]

Each item is coded as `parley eval` codes it; the ranker's options are listed for the main
event; an option is labelled right when its token F1 against the gold recipient is the best
of the item's options (no recipient is right when gold has none). Recipient F1 is token
micro-F1 over items, as evaluate/score.py computes it.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections import Counter
from datetime import date
from pathlib import Path

from parley.coder.recipients import choose, options
from parley.coder.resolve import Resolver
from parley.evaluate.run import load_gold
from parley.evaluate.score import prf
from parley.pipeline import registry
from parley.pipeline.doc import Doc
from parley.pipeline.resources import Resources
from parley.pipeline.runner import run

SETS = ("conflibert_roles_train.jsonl",)


def tokens(text: str, ranges: list) -> set[int]:
    return {n for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))
            if any(m.start() < b and a < m.end() for a, b in ranges)}


def collect(devset: Path, k: int) -> list[dict]:
    res = Resources(scorer="bundled")
    stages = registry.get()
    out = []
    for name in SETS:
        items, _ = load_gold(str(devset / name))
        for i in range(0, len(items), 64):
            chunk = items[i:i + 64]
            docs, _ = run([Doc(article=it.article, resources=res) for it in chunk], stages, "raise")
            for it, doc in zip(chunk, docs):
                text = it.article.text
                gold = tokens(text, it.gold["roles"].get("recipient", []))
                row = {"fold": zlib.crc32(re.sub(r"\W+", "", text.lower()).encode()) % k, "gold": gold, "opts": []}
                if doc.candidates:
                    top = max(doc.candidates, key=lambda c: c.score)
                    for o in options(top, doc.spacy, Resolver(doc)):
                        pred = tokens(text, [(e.start, e.end) for e in o.ents if e.start is not None])
                        row["opts"].append((o.name, o.feats, pred))
                out.append(row)
            print(f"  {i + len(chunk)}/{len(items)}", file=sys.stderr)
    return out


def f1(gold: set, pred: set) -> float:
    if not gold and not pred:
        return 1.0
    tp = len(gold & pred)
    return 2 * tp / (len(gold) + len(pred)) if tp else 0.0


def train(rows: list[dict], c_reg: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for r in rows:
        if len(r["opts"]) < 2:
            continue
        scores = [f1(r["gold"], pred) for _, _, pred in r["opts"]]
        best, rule = max(scores), scores[0]
        for n, ((_, feats, _), s) in enumerate(zip(r["opts"], scores)):
            # the rule's pick is right when nothing beats it; another option only when it does
            xs.append({f: 1.0 for f in feats})
            ys.append(int(s == best and (n == 0 or s > rule)))
    vec = DictVectorizer()
    model = LogisticRegression(C=c_reg, max_iter=3000).fit(vec.fit_transform(xs), ys)
    weights = {n: float(w) for n, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4}
    return weights, float(model.intercept_[0])


def scorer(weights: dict, bias: float):
    import math
    return lambda feats: 1 / (1 + math.exp(-max(-30, min(30, bias + sum(weights.get(f, 0.0) for f in feats)))))


def figure(rows: list[dict], pick) -> dict:
    c = Counter()
    for r in rows:
        pred = pick(r)
        c["tp"] += len(r["gold"] & pred)
        c["pred"] += len(pred)
        c["gold"] += len(r["gold"])
    return prf(c["tp"], c["pred"], c["gold"])


def rule_pick(r: dict) -> set:
    return r["opts"][0][2] if r["opts"] else set()


def cv(rows: list[dict], k: int, c_reg: float, margin: float) -> dict:
    chosen = {}
    for fold in range(k):
        w, b = train([r for r in rows if r["fold"] != fold], c_reg)
        sc = scorer(w, b)
        for n, r in enumerate(rows):
            if r["fold"] == fold and r["opts"]:
                from parley.coder.recipients import Option
                opts = [Option(name, [], feats) for name, feats, _ in r["opts"]]
                best, _ = choose(opts, sc, margin)
                chosen[n] = next(p for name, _, p in r["opts"] if name == best.name)
    return figure([dict(r, idx=n) for n, r in enumerate(rows)], lambda r: chosen.get(r["idx"], set()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("devset", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write the weights of the best setting")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "src/parley/data/models/recipient_ranker.json")
    args = ap.parse_args()
    t0 = time.perf_counter()
    rows = collect(args.devset, args.folds)
    rules = figure(rows, rule_pick)
    print(f"items {len(rows)}; rules alone: recipient {rules}")
    best = None
    for c_reg in (0.1, 0.3, 1.0):
        for margin in (0.0, 0.1, 0.2):
            fig = cv(rows, args.folds, c_reg, margin)
            print(f"C={c_reg} margin={margin}: {args.folds}-fold CV by item: recipient {fig}")
            if best is None or fig["f1"] > best[2]["f1"]:
                best = (c_reg, margin, fig)
    c_reg, margin, fig = best
    print(f"best C={c_reg} margin={margin}: CV F1 {fig['f1']} vs rules {rules['f1']} "
          f"(gain {fig['f1'] - rules['f1']:+.4f}) ({time.perf_counter() - t0:.0f}s)")
    if args.write:
        w, b = train(rows, c_reg)
        model = {"version": 1, "trained": date.today().isoformat(), "C": c_reg, "margin": margin,
                 "trained_on": {SETS[0]: len(rows)},
                 "cv": {"folds": args.folds, "by": "item text", "recipient_f1": fig["f1"], "rules_f1": rules["f1"]},
                 "bias": round(b, 5), "weights": {f: round(x, 5) for f, x in sorted(w.items())}}
        args.out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
        print(f"{len(w)} weights -> {args.out}")


if __name__ == "__main__":
    main()
