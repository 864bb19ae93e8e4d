"""Error analysis of the roles task (actor and recipient of a sentence's main event).

    .venv/bin/python scripts/roles_errors.py ../shared/devset/conflibert_roles_train.jsonl [--show KIND] [-n 20]

Codes every item as `parley eval` does, takes the main event (the most confident mention),
and sorts each item's recipient into one kind of outcome:

  no-event      no mention at all in the item
  right         predicted tokens equal the gold tokens
  too-long      predicted covers gold and more
  too-short     gold covers predicted and more
  partial       overlapping, neither covers the other
  missing       gold has a recipient, the main event none
  spurious      gold has none, the main event has one
  wrong         both present, no overlap
  other-event   (sub-kind of missing/wrong) another mention of the item has the gold recipient
  wrong-event   (sub-kind) the main event's actor does not overlap the gold actor either

It prints counts and token losses (tp, fp, fn) per kind, then examples of the kind asked
for. Texts are read from the gold file at run time and printed only to the terminal.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict

from parley.evaluate.run import load_gold
from parley.evaluate.score import main_event
from parley.pipeline.runner import CodeOptions, code_batch


def tokens(text: str, ranges) -> set[int]:
    out = set()
    for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)):
        if any(m.start() < b and a < m.end() for a, b in ranges):
            out.add(n)
    return out


def ranges(ents) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in ents if e.start is not None]


def kind_of(gold: set[int], pred: set[int]) -> str:
    if not gold and not pred:
        return "right-empty"
    if gold == pred:
        return "right"
    if not pred:
        return "missing"
    if not gold:
        return "spurious"
    if not gold & pred:
        return "wrong"
    if gold < pred:
        return "too-long"
    if pred < gold:
        return "too-short"
    return "partial"


def show(text: str, rs) -> str:
    return " | ".join(text[a:b] for a, b in rs) or "-"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--role", default="recipient")
    ap.add_argument("--show", default="")
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--dump", help="write each item's kind, gold and predicted spans (JSON Lines) for diffing runs")
    args = ap.parse_args()
    items, _ = load_gold(args.gold)
    items = [it for it in items if "roles" in it.gold]
    by_id = defaultdict(list)
    for i in range(0, len(items), 64):
        res = code_batch([it.article for it in items[i:i + 64]], CodeOptions())
        for f in res.failures:
            print(f"FAILED {f.record}: {f.detail}", file=sys.stderr)
        for m in res.mentions:
            by_id[m.article_id].append(m)
    counts, loss = Counter(), defaultdict(Counter)
    examples = defaultdict(list)
    by_event = defaultdict(Counter)
    for it in items:
        text, ms = it.article.text, by_id.get(it.article.id, [])
        top = main_event(ms)
        g_r = it.gold["roles"].get(args.role, [])
        g_a = it.gold["roles"].get("actor" if args.role == "recipient" else "recipient", [])
        gold = tokens(text, g_r)
        pred = tokens(text, ranges(getattr(top, args.role))) if top else set()
        kind = "no-event" if top is None else kind_of(gold, pred)
        sub = ""
        if kind in ("missing", "wrong") and any(tokens(text, ranges(getattr(m, args.role))) & gold for m in ms if m is not top):
            sub = "other-event"
        elif kind in ("missing", "wrong", "spurious") and top is not None and g_a and not (
                tokens(text, g_a) & tokens(text, ranges(getattr(top, "actor" if args.role == "recipient" else "recipient")))):
            sub = "wrong-event"
        key = kind + (f"/{sub}" if sub else "")
        counts[key] += 1
        loss[key]["tp"] += len(gold & pred)
        loss[key]["fp"] += len(pred - gold)
        loss[key]["fn"] += len(gold - pred)
        if top is not None:
            by_event[top.event[0]][kind] += 1
        trig = top.explain.get("trigger") if top else None
        examples[kind].append((it.gold.get("id"), text, show(text, g_r), show(text, ranges(getattr(top, args.role))) if top else "-",
                               f"{top.event[0]} rule={top.explain.get('rule')} trig={trig} actor={show(text, ranges(top.actor))}"
                               if top else "", sub, [f"{m.event[0]}:{show(text, ranges(m.recipient))}" for m in ms if m is not top]))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for kind, rows in examples.items():
                for gid, text, g, p_, top, sub, others in rows:
                    fh.write(json.dumps({"id": gid, "kind": kind, "gold": g, "pred": p_, "top": top}) + "\n")
    tot = Counter()
    for key in sorted(counts, key=lambda k: -counts[k]):
        c = loss[key]
        tot.update(c)
        print(f"{key:28s} {counts[key]:5d}  tp {c['tp']:5d} fp {c['fp']:5d} fn {c['fn']:5d}")
    p = tot["tp"] / max(1, tot["tp"] + tot["fp"])
    r = tot["tp"] / max(1, tot["tp"] + tot["fn"])
    print(f"{args.role}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    print("by main event type:")
    for ev, c in sorted(by_event.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {ev:10s} " + " ".join(f"{k}={v}" for k, v in c.most_common()))
    for kind in [k for k in args.show.split(",") if k]:
        print(f"\n== {kind}")
        for gid, text, g, p_, top, sub, others in examples[kind][:args.n]:
            print(f"- {gid} [{sub}] {text}\n    gold: {g}\n    pred: {p_}\n    {top}\n    others: {others}")


if __name__ == "__main__":
    sys.exit(main())
