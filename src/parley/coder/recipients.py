"""The learned recipient choice: re-ranks the recipient the rules picked for one event.

The rules (coder/roles.py) pick a recipient; this module lists the alternatives a coder
would weigh — the rule's pick, no recipient, the pick's extent variants (without its
determiner, without its prepositional tail, the head alone, the whole object), and the other
noun phrases around the trigger (objects, prepositional objects by preposition) — gives each
sparse features (dependency path from the trigger, preposition, event type, whether a coded
entity is present, span shape, position) and lets a logistic model (weights trained by
scripts/train_recipient.py, pure Python at run time) choose. Every alternative is a span of
the sentence, so offsets stay honest; `explain` says which alternative won and its score.
Setting `recipient_ranker`: 'off' (rules only), 'bundled' or a weights file.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from parley.coder.phrases import phrase
from parley.coder.weights import load_weights
from parley.pipeline.doc import Candidate
from parley.schema import Entity

BUNDLED = "models/recipient_ranker.json"
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
OBJECT_DEPS = ("dobj", "dative", "nsubjpass", "attr", "oprd")


@dataclass
class Option:
    """One recipient the ranker may choose: a name, its entities and its features."""

    name: str
    ents: list[Entity]
    feats: list[str] = field(default_factory=list)


def _span(sp: Any, lo: int, hi: int) -> tuple[int, int]:
    return sp[lo].idx, sp[hi - 1].idx + len(sp[hi - 1].text)


def _tok_at(sp: Any, char: int) -> Any | None:
    for t in sp:
        if t.idx <= char < t.idx + len(t.text):
            return t
    return None


def _head_of(sp: Any, ent: Entity) -> Any | None:
    """The token of an entity's span whose head lies outside the span."""
    if ent.start is None or ent.end is None:
        return None
    inside = [t for t in sp if ent.start <= t.idx < ent.end]
    for t in inside:
        if not (ent.start <= t.head.idx < ent.end) or t.head.i == t.i:
            return t
    return inside[-1] if inside else None


def _reshape(sp: Any, ent: Entity, lo: int, hi: int) -> Entity | None:
    if hi <= lo:
        return None
    start, end = _span(sp, lo, hi)
    if (start, end) == (ent.start, ent.end):
        return None
    return dataclasses.replace(ent, entity_text=sp.text[start:end], start=start, end=end)


def _variants(sp: Any, ent: Entity) -> list[tuple[str, Entity]]:
    """The rule's entity with another extent (never another entity)."""
    head = _head_of(sp, ent)
    if head is None:
        return []
    toks = [t for t in sp if ent.start <= t.idx < ent.end]
    lo, hi = toks[0].i, toks[-1].i + 1
    out: list[tuple[str, Entity | None]] = []
    if sp[lo].lower_ in DETERMINERS or sp[lo].tag_ == "PRP$":
        out.append(("nodet", _reshape(sp, ent, lo + 1, hi)))
    prep = next((c for c in head.children if c.dep_ == "prep" and c.i > head.i and c.i < hi), None)
    if prep is not None:
        out.append(("notail", _reshape(sp, ent, lo, prep.i)))
    mods = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i]
    out.append(("head", _reshape(sp, ent, min([m.i for m in mods] + [head.i]), head.i + 1)))
    obj = head
    while obj.dep_ in ("pobj", "poss", "compound", "nmod") and obj.head.i != obj.i and obj.head.pos_ in ("NOUN", "PROPN", "ADP"):
        obj = obj.head if obj.head.pos_ != "ADP" else obj.head.head
    if obj.i != head.i and obj.pos_ in ("NOUN", "PROPN"):
        wlo, whi = phrase(obj)
        out.append(("whole", _reshape(sp, ent, min(wlo, lo), max(whi, hi))))
    wlo, whi = phrase(head)
    out.append(("phrase", _reshape(sp, ent, wlo, whi)))
    return [(n, e) for n, e in out if e is not None]


def _path(tok: Any, trig: Any) -> str:
    """Dependency labels from a token up to the trigger (at most 4 steps)."""
    labels, cur = [], tok
    for _ in range(4):
        if cur.i == trig.i:
            return "/".join(labels) or "self"
        labels.append(cur.dep_ if cur.dep_ != "pobj" else f"pobj:{cur.head.lower_}")
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return "far"


def _nearby(trig: Any, support: Any | None) -> list[tuple[str, Any]]:
    """Noun phrases around the trigger: objects and prepositional objects."""
    out: list[tuple[str, Any]] = []
    for base in [t for t in (trig, support) if t is not None]:
        for c in base.children:
            if c.dep_ in OBJECT_DEPS and c.pos_ in ("NOUN", "PROPN", "PRON"):
                out.append((c.dep_, c))
            if c.dep_ in ("prep", "agent"):
                out += [(f"pobj:{c.lower_}", g) for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    return out


def _shape(sp: Any, ents: list[Entity]) -> list[str]:
    if not ents:
        return ["shape=none"]
    e = ents[0]
    toks = [t for t in sp if e.start is not None and e.start <= t.idx < e.end]
    if not toks:
        return ["shape=nooffs"]
    out = [f"len={min(len(toks), 6)}", f"first={toks[0].pos_}", f"last={toks[-1].pos_}",
           f"code={'yes' if e.code else 'no'}", f"nents={min(len(ents), 3)}"]
    out += ["det" if toks[0].lower_ in DETERMINERS else "nodet0"]
    if any(t.dep_ == "prep" for t in toks):
        out.append("haspp")
        out += [f"pp={t.lower_}" for t in toks if t.dep_ == "prep"][:2]
    if any(t.dep_ == "poss" or t.tag_ == "POS" for t in toks):
        out.append("poss")
    return out


def options(cand: Candidate, sp: Any, res: Any) -> list[Option]:
    """The recipients the ranker weighs for one event candidate, with their features."""
    trig = sp[cand.notes["token"]]
    support = sp[cand.notes["support"]] if cand.notes.get("support") is not None else None
    ev, rule = cand.event, [e for e in cand.recipient]
    opts = [Option("rule", rule), Option("none", [])]
    if len(rule) == 1:
        opts += [Option(f"rule-{n}", [e]) for n, e in _variants(sp, rule[0])]
    taken = {(e.start, e.end) for o in opts for e in o.ents}
    for dep, tok in _nearby(trig, support):
        if any(e.start is not None and e.start <= tok.idx < e.end for e in rule):
            continue
        ents = [e for e in res.entities(tok, allow_unknown=True) if e.start is not None]
        if ents and (ents[0].start, ents[0].end) not in taken:
            taken.add((ents[0].start, ents[0].end))
            opts.append(Option(f"np-{dep}", ents[:1]))
    rule_kind = "rule" if rule else "rule-none"
    rule_path = _path(_head_of(sp, rule[0]) or trig, support or trig) if rule else "none"
    context = [f"r_{s}" for s in _shape(sp, rule)] + [f"r_path={rule_path}", f"lem={trig.lemma_.lower()}",
                                                     f"ev={ev}", f"r_how={(cand.notes.get('actor_from') or '')[:9]}"]
    for o in opts:
        kind = o.name.split("-")[0] if not o.name.startswith("rule-") else o.name
        path = _path(_head_of(sp, o.ents[0]) or trig, support or trig) if o.ents else "none"
        side = "none" if not o.ents else ("left" if (o.ents[0].start or 0) < trig.idx else "right")
        base = [f"opt={kind}", f"ev_opt={ev}|{kind}", f"path={path}", f"ev_path={ev}|{path}", f"side={side}",
                f"rk={rule_kind}", f"opt_rk={kind}|{rule_kind}", f"frame={cand.notes.get('frame')}",
                f"opt_frame={kind}|{cand.notes.get('frame')}", f"n_opts={min(len(opts), 6)}"]
        shape = _shape(sp, o.ents)
        o.feats = base + shape + [f"opt_{s}={kind}" for s in shape] + [f"ev_{s}={ev}" for s in shape[:1]] \
            + [f"{kind}|{c}" for c in context]
    return opts


@dataclass
class RecipientRanker:
    weights: dict[str, float]
    bias: float
    margin: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, source: str | None) -> "RecipientRanker | None":
        data = load_weights(source, BUNDLED, "recipient ranker", "recipient_ranker")
        if data is None:
            return None
        return cls(weights=data["weights"], bias=float(data["bias"]), margin=float(data.get("margin", 0.0)),
                   meta={k: v for k, v in data.items() if k not in ("weights", "bias")})

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(opts: list[Option], score: Any, margin: float = 0.0) -> tuple[Option, float]:
    """The best-scoring option; the rule's pick stays unless another beats it by `margin`."""
    scored = [(score(o.feats), o) for o in opts]
    rule_p = scored[0][0]
    p, best = max(scored, key=lambda x: x[0])
    if best.name != "rule" and p < rule_p + margin:
        return opts[0], rule_p
    return best, p


def rerank(cands: list[Candidate], sp: Any, res: Any, ranker: RecipientRanker | None) -> None:
    """Re-choose each candidate's recipient; `explain` records the rule's pick and the choice."""
    for cand in cands:
        if ranker is None:
            cand.notes["recipient_from"] = "rule"
            continue
        best, p = choose(options(cand, sp, res), ranker.score, ranker.margin)
        cand.notes["recipient_from"] = f"{'rule' if best.name == 'rule' else 'ranker:' + best.name} p={p:.2f}"
        if best.name != "rule":
            cand.notes["recipient_rule"] = [e.entity_text for e in cand.recipient]
            cand.recipient = list(best.ents)
