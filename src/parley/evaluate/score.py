"""Scoring against gold (shared/design/gold-format.md): events, quad, roles, provenance."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from parley.evaluate.codes import Equivalence
from parley.schema import Article, Mention


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@dataclass
class Item:
    gold: dict[str, Any]
    article: Article
    mentions: list[Mention] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _codes(ents: list[Any]) -> set[str]:
    out = set()
    for e in ents or []:
        code = e.get("code") if isinstance(e, dict) else e.code
        if code:
            out.add(code)
    return out


def _share(gold: set[str], pred: set[str], equiv: Equivalence | None) -> bool:
    """At least one code in common: as written (strict), or through the equivalence table."""
    return bool(gold & pred) if equiv is None else equiv.overlap(gold, pred)


def _compatible(g: dict[str, Any], m: Mention, equiv: Equivalence | None = None) -> bool:
    if g.get("event") not in m.event:
        return False
    gold_codes = _codes(g.get("actor", []))
    if gold_codes and not _share(gold_codes, _codes(m.actor), equiv):
        return False
    span = g.get("span")
    ti = m.text_info
    return span is None or _overlap((span[0], span[1]), (ti["start"], ti["end"]))


def match_item(gold_events: list[dict[str, Any]], mentions: list[Mention],
               equiv: Equivalence | None = None) -> list[tuple[dict, Mention]]:
    """Greedy one-to-one matching, most confident prediction first."""
    pairs = [(gi, mi) for gi, g in enumerate(gold_events) for mi, m in enumerate(mentions)
             if _compatible(g, m, equiv)]
    pairs.sort(key=lambda p: -mentions[p[1]].confidence)
    used_g, used_m, out = set(), set(), []
    for gi, mi in pairs:
        if gi not in used_g and mi not in used_m:
            used_g.add(gi)
            used_m.add(mi)
            out.append((gold_events[gi], mentions[mi]))
    return out


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def _field_checks(g: dict[str, Any], m: Mention, equiv: Equivalence | None = None) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if "recipient" in g:
        gold = _codes(g["recipient"])
        checks["recipient"] = _share(gold, _codes(m.recipient), equiv) if gold else not _codes(m.recipient)
    sectors = [(a.get("code"), a.get("sector")) for a in g.get("actor", []) if a.get("sector")]
    if sectors:
        pred = {(a.code, a.sector) for a in m.actor}
        checks["sector"] = any(s in pred or (equiv is not None and any(
            sec == s[1] and equiv.matches(s[0], c) for c, sec in pred if c)) for s in sectors)
    if "mode" in g:
        checks["mode"] = set(g["mode"]) == set(m.mode) if not g["mode"] else set(g["mode"]) <= set(m.mode)
    if "modality" in g:
        checks["modality"] = g["modality"] == m.modality
    if "date" in g and g["date"]:
        checks["date"] = bool(m.date) and m.date[:len(g["date"])] == g["date"]
    if "attribution" in g:
        pred = [a.text.lower() for a in m.attribution]
        checks["attribution"] = all(any(t.lower() in p for p in pred) for t in g["attribution"])
    if g.get("conditions"):
        found = sum(1 for c in g["conditions"] if any(
            len(_words(c) & _words(p.text)) * 2 >= len(_words(c)) for p in m.conditions))
        checks["conditions"] = found == len(g["conditions"])
    return checks


def score_events(items: list[Item], equiv: Equivalence | None = None) -> dict[str, Any]:
    """Events P/R/F1; `equiv` compares actor and recipient codes through the code-equivalence
    table (evaluate/codes.py) instead of as written."""
    tp = n_pred = n_gold = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    fields: dict[str, Counter] = defaultdict(Counter)
    asserted_fp = 0
    misses: list[dict[str, Any]] = []
    for it in items:
        gold = it.gold.get("events", [])
        pairs = match_item(gold, it.mentions, equiv)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(it.mentions), n_gold + len(gold)
        matched = {id(m) for _, m in pairs}
        for g in gold:
            per_type[g["event"]]["gold"] += 1
        for m in it.mentions:
            per_type[m.event[0]]["pred"] += 1
            if id(m) not in matched and m.modality not in ("hypothetical", "negated"):
                asserted_fp += 1
        for g, m in pairs:
            per_type[g["event"]]["tp"] += 1
            for name, ok in _field_checks(g, m, equiv).items():
                fields[name]["n"] += 1
                fields[name]["ok"] += int(ok)
        matched_gold = {id(g) for g, _ in pairs}
        misses += [{"item": it.gold.get("id"), "event": g["event"], "span": g.get("span")}
                   for g in gold if id(g) not in matched_gold][:3]
    return {"items": len(items), "gold": n_gold, "predicted": n_pred, "matched": tp, **prf(tp, n_pred, n_gold),
            "unmatched_asserted_predictions": asserted_fp,
            "per_type": {t: {**prf(c["tp"], c["pred"], c["gold"]), "gold": c["gold"], "predicted": c["pred"]}
                         for t, c in sorted(per_type.items())},
            "on_matched": {k: {"accuracy": round(c["ok"] / c["n"], 4), "n": c["n"]} for k, c in sorted(fields.items())},
            "missed_examples": misses[:10]}


def main_event(mentions: list[Mention]) -> Mention | None:
    return max(mentions, key=lambda m: m.confidence) if mentions else None


def score_quad(items: list[Item]) -> dict[str, Any]:
    gold, pred = [], []
    for it in items:
        top = main_event(it.mentions)
        gold.append(int(it.gold["quad"]))
        pred.append(top.quad_code if top else 0)
    labels = sorted(set(gold))
    f1s = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == lab)
        f1s[lab] = prf(tp, sum(1 for p in pred if p == lab), sum(1 for g in gold if g == lab))["f1"]
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0
    confusion = Counter(f"{g}->{p}" for g, p in zip(gold, pred) if g != p)
    return {"items": len(items), "accuracy": round(acc, 4),
            "macro_f1": round(sum(f1s.values()) / len(f1s), 4) if f1s else 0.0,
            "f1_per_label": f1s, "top_confusions": dict(confusion.most_common(6))}


def _token_ids(text: str, ranges: list[list[int]]) -> set[int]:
    out = set()
    for n, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)):
        if any(_overlap((m.start(), m.end()), (r[0], r[1])) for r in ranges):
            out.add(n)
    return out


def score_roles(items: list[Item]) -> dict[str, Any]:
    totals = {"actor": Counter(), "recipient": Counter()}
    for it in items:
        top = main_event(it.mentions)
        text = it.article.text
        for role in ("actor", "recipient"):
            gold = _token_ids(text, it.gold["roles"].get(role, []))
            ents = getattr(top, role) if top else []
            pred = _token_ids(text, [[e.start, e.end] for e in ents if e.start is not None])
            totals[role]["tp"] += len(gold & pred)
            totals[role]["pred"] += len(pred)
            totals[role]["gold"] += len(gold)
    return {"items": len(items), **{role: prf(c["tp"], c["pred"], c["gold"]) for role, c in totals.items()}}


def _pairwise(items: list[Item]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of predicted same-story pairs against the gold's."""
    tp = fp = fn = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            same_gold = a.gold["story"] == b.gold["story"]
            same_pred = bool(a.article.story_id) and a.article.story_id == b.article.story_id
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    return prf(tp, tp + fp, tp + fn)


def score_provenance(items: list[Item]) -> dict[str, Any]:
    out: dict[str, Any] = {"items": len(items)}
    cites = [(g, {c.text.lower() for c in it.article.cites}) for it in items for g in it.gold.get("cites", [])]
    if cites:
        out["cites_recall"] = round(sum(1 for g, p in cites if any(g.lower() in x or x in g.lower() for x in p)) / len(cites), 4)
    markers = [(g, {m.kind for m in it.article.markers}) for it in items for g in it.gold.get("markers", [])]
    if markers:
        out["markers_recall"] = round(sum(1 for g, p in markers if g in p) / len(markers), 4)
    storied = [it for it in items if "story" in it.gold]
    if len(storied) > 1:
        out["same_story"] = _pairwise(storied)
        # the same over copies and rewrites (translations included) with originals and unrelated
        # pages, leaving out independent write-ups: how well one report's derived pages are found
        copies = [it for it in storied if it.gold.get("copy_kind") != "independent"]
        if len(copies) < len(storied) and len(copies) > 1:
            out["same_story_copies"] = _pairwise(copies)
    kinds = [(it.gold["copy_kind"], it.article.copy_kind) for it in items if "copy_kind" in it.gold]
    if kinds:
        out["copy_kind_accuracy"] = round(sum(1 for g, p in kinds if g == p) / len(kinds), 4)
    return out
