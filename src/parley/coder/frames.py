"""Event frames that no single trigger word carries.

- A reported obligation put on someone else is a demand: "X said Y must withdraw",
  "X insisted that Y should release the prisoners" -> REQUEST by X to Y (manual 3.8: all
  requests, demands and orders are verbal acts; the content gives the mode).
"""
from __future__ import annotations

from typing import Any

from parley.coder.clauses import subtree_ids
from parley.coder.triggers import Trigger, is_clausal

OBLIGATION_AUX = {"must", "should", "ought"}
OBLIGATION_VERBS = {"have", "need"}  # "has to", "needs to"
SELF = {"i", "we", "it", "he", "she", "they", "itself", "themselves"}
ENTRY = {"event": "REQUEST", "score": 0.55, "content": True}


def _obligation(verb: Any) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return True
    return verb.lemma_.lower() in OBLIGATION_VERBS and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children)


def _addressee_differs(speaker: Any, clause: Any) -> bool:
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in SELF and subj.pos_ == "PRON":
        return False
    return speaker is None or subj.lemma_.lower() != speaker.lemma_.lower()


def reported_demands(sent: Any, reporting: set[str], blocked: set[int]) -> list[Trigger]:
    out = []
    for tok in sent:
        if tok.i in blocked or tok.pos_ != "VERB" or tok.lemma_.lower() not in reporting or not is_clausal(tok):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        for clause in tok.children:
            if clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX") and _obligation(clause) \
                    and _addressee_differs(speaker, clause):
                content = subtree_ids(clause)
                out.append(Trigger(clause, "frame", "REQUEST", [], ENTRY["score"], dict(ENTRY), support=tok,
                                   words=[tok.i, clause.i], rule=f"frame:reported-obligation:{tok.lemma_.lower()}",
                                   content=content))
    return out
