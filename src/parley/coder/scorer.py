"""The trained event scorer: re-scores the rule coder's candidates.

The rules propose (trigger, type, mode, roles, modality); a logistic model over sparse
features of each candidate and its sentence gives the probability that the candidate is a
correctly typed event of its sentence. That probability becomes the mention's confidence
(the rule's own prior stays in `explain`), and candidates below the model's threshold are
dropped. Weights are trained by scripts/train_scorer.py (cross-validated, by sentence) and
ship as data/models/event_scorer.json; `event_scorer = "off"` codes with rule scores only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from parley.coder.weights import load_weights
from parley.pipeline.doc import Candidate

BUNDLED = "models/event_scorer.json"
# Denied and hypothetical events are exported marked as such, whatever their score.
KEEP_MODALITIES = ("negated", "hypothetical")
GOVERNING_DEPS = ("ccomp", "xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj")


def _bucket(x: float) -> str:
    return f"{min(9, max(0, int(x * 10)))}"


def _governor(tok: Any) -> str | None:
    """The verb a trigger's clause hangs from ('claimed that they had attacked')."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in GOVERNING_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur.lemma_.lower()
    return None


def _object(tok: Any) -> str | None:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return obj.lemma_.lower() if obj is not None else None


def _content(tok: Any) -> str | None:
    inner = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None)
    return inner.lemma_.lower() if inner is not None else None


def _entities(ents: list) -> str:
    return "coded" if any(e.code for e in ents) else "uncoded" if ents else "none"


def features(cand: Candidate, sp: Any, n_cands: int, rank: int) -> list[str]:
    """Sparse features of one candidate (strings; unseen ones carry no weight)."""
    tok = sp[cand.notes["token"]]
    head = sp[cand.notes["support"]] if cand.notes.get("support") is not None else tok
    ev, lemma = cand.event, tok.lemma_.lower()
    out = [f"rule={cand.rule}", f"ev={ev}", f"lem={lemma}", f"ev_lem={ev}|{lemma}", f"mod={cand.modality}",
           f"ev_mod={ev}|{cand.modality}", f"frame={cand.notes.get('frame')}", f"actor={_entities(cand.actor)}",
           f"ev_actor={ev}|{_entities(cand.actor)}", f"rcp={_entities(cand.recipient)}", f"dep={head.dep_}",
           f"tag={tok.tag_}", f"n={min(n_cands, 3)}", f"rank={min(rank, 2)}", f"prior={_bucket(cand.notes['prior'])}"]
    out += [f"mode={m}" for m in cand.mode]
    out += [f"asec={a.sector}" for a in cand.actor[:2] if a.sector]
    out += [f"cue={c.split(':')[0]}" for c in cand.notes.get("cues", [])]
    if cand.conditions:
        out.append("cond")
    for name, value in (("obj", _object(head)), ("cont", _content(tok)), ("gov", _governor(head))):
        if value:
            out += [f"{name}={value}", f"ev_{name}={ev}|{value}"]
    return out


@dataclass
class EventScorer:
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, source: str | None) -> "EventScorer | None":
        data = load_weights(source, BUNDLED, "event scorer", "event_scorer")
        if data is None:
            return None
        return cls(weights=data["weights"], bias=float(data["bias"]), threshold=float(data["threshold"]),
                   meta={k: v for k, v in data.items() if k not in ("weights", "bias")})

    @property
    def name(self) -> str:
        return f"event-scorer {self.meta.get('version', '?')}"

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rescore(cands: list[Candidate], sp: Any, scorer: EventScorer | None) -> list[Candidate]:
    """Attach features to each candidate; with a scorer, its probability becomes the score
    and candidates below the threshold are dropped."""
    order = sorted(range(len(cands)), key=lambda k: -cands[k].score)
    rank = {k: r for r, k in enumerate(order)}
    kept = []
    for k, cand in enumerate(cands):
        cand.notes["prior"] = cand.score
        cand.notes["features"] = features(cand, sp, len(cands), rank[k])
        if scorer is None:
            kept.append(cand)
            continue
        p = scorer.probability(cand.notes["features"])
        cand.notes["model"] = scorer.name
        if p >= scorer.threshold or cand.modality in KEEP_MODALITIES:
            cand.score = round(p, 3)
            kept.append(cand)
    return kept
