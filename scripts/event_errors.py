"""Error analysis of the events task: why each gold event of a labelled set was missed and
why each unmatched prediction was made. Reads a gold file, prints counts (and, with -v, the
cases themselves on the terminal; nothing is written to the repository).

    .venv/bin/python scripts/event_errors.py ../shared/devset/plover_gsr.jsonl [-v] [--type ACCUSE]

Classes of a missed gold event (first that applies):
  actor-code   an unmatched prediction of the same type overlaps it, but shares no actor code
               (split by: predicted actor without code / no actor / other code / code equal
               under the scorer's equivalence table)
  span         same type and actor code, in a sentence that does not overlap
  wrong-type   an unmatched prediction overlaps it with another type (confusions counted)
  missing      no unmatched prediction overlaps it
Unmatched predictions not used to explain a miss are `spurious`.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from parley.evaluate.run import load_gold
from parley.evaluate.score import _codes, _overlap, match_item
from parley.pipeline.runner import CodeOptions, code_batch

try:  # present once the scorer has an equivalence table
    from parley.evaluate.codes import equivalent
except ImportError:  # pragma: no cover
    equivalent = None


def _span(m) -> tuple[int, int]:
    return (m.text_info["start"], m.text_info["end"])


def classify(gold: list[dict], mentions: list) -> tuple[list[tuple[str, dict, object]], list]:
    pairs = match_item(gold, mentions)
    used_g = {id(g) for g, _ in pairs}
    free = [m for m in mentions if all(m is not pm for _, pm in pairs)]
    out = []
    for g in gold:
        if id(g) in used_g:
            continue
        gspan = tuple(g["span"]) if g.get("span") else None
        near = [m for m in free if gspan is None or _overlap(gspan, _span(m))]
        gcodes = _codes(g.get("actor", []))
        same = [m for m in near if g["event"] in m.event]
        if same:
            m = same[0]
            pcodes = _codes(m.actor)
            if not m.actor:
                why = "actor-code:no-actor"
            elif not pcodes:
                why = "actor-code:uncoded"
            elif equivalent is not None and any(equivalent(a, b) for a in gcodes for b in pcodes):
                why = "actor-code:equivalent"
            else:
                why = "actor-code:other-code"
            free.remove(m)
            out.append((why, g, m))
            continue
        far = [m for m in free if g["event"] in m.event and (not gcodes or gcodes & _codes(m.actor))]
        if far:
            free.remove(far[0])
            out.append(("span", g, far[0]))
            continue
        if near:
            m = near[0]
            free.remove(m)
            out.append((f"wrong-type:{g['event']}->{m.event[0]}", g, m))
            continue
        out.append(("missing", g, None))
    return out, free


def _ents(ents) -> str:
    if not ents:
        return "-"
    return ", ".join(f"{e['entity_text'] if isinstance(e, dict) else e.entity_text}"
                     f"/{(e.get('code') if isinstance(e, dict) else e.code) or '?'}" for e in ents)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--type", help="only gold events (and spurious predictions) of this type")
    ap.add_argument("--cls", help="only this class prefix (with -v)")
    args = ap.parse_args()
    items, _ = load_gold(args.gold)
    items = [it for it in items if "events" in it.gold]
    by_id: dict[str, list] = {}
    for i in range(0, len(items), 64):
        for m in code_batch([it.article for it in items[i:i + 64]], CodeOptions()).mentions:
            by_id.setdefault(m.article_id, []).append(m)
    classes: Counter = Counter()
    coarse: Counter = Counter()
    spurious: Counter = Counter()
    for it in items:
        mentions = by_id.get(it.article.id, [])
        misses, free = classify(it.gold["events"], mentions)
        text = it.article.text
        for why, g, m in misses:
            if args.type and g["event"] != args.type:
                continue
            classes[why] += 1
            coarse[why.split(":")[0]] += 1
            if args.verbose and (not args.cls or why.startswith(args.cls)):
                print(f"[{why}] {it.gold['id']}\n  {text.strip()}\n  gold {g['event']} {g.get('mode', '')} "
                      f"A={_ents(g.get('actor'))} R={_ents(g.get('recipient'))}")
                if m is not None:
                    print(f"  pred {m.event[0]} {m.mode} A={_ents(m.actor)} R={_ents(m.recipient)} "
                          f"{m.modality} rule={m.explain.get('rule')} trig={[s.text for s in m.event_text]}")
        for m in free:
            if args.type and m.event[0] != args.type:
                continue
            spurious[m.event[0]] += 1
            if args.verbose and (not args.cls or args.cls == "spurious"):
                gold = "; ".join(f"{g['event']} A={_ents(g.get('actor'))}" for g in it.gold["events"])
                print(f"[spurious] {it.gold['id']}\n  {text.strip()}\n  gold {gold}\n"
                      f"  pred {m.event[0]} {m.mode} A={_ents(m.actor)} R={_ents(m.recipient)} {m.modality} "
                      f"rule={m.explain.get('rule')} trig={[s.text for s in m.event_text]}")
    print("missed gold events by class:", file=sys.stderr)
    for k, v in coarse.most_common():
        print(f"  {k:12s} {v}", file=sys.stderr)
    print("detail:", file=sys.stderr)
    for k, v in classes.most_common():
        print(f"  {k:40s} {v}", file=sys.stderr)
    print(f"spurious predictions: {sum(spurious.values())} {dict(spurious.most_common())}", file=sys.stderr)


if __name__ == "__main__":
    main()
