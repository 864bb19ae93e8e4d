"""Tests of a trigger's arguments that its lexicon entry asks for: who its subject is
(`subjects`), what describes the object of its preposition (`acl_objects`) and whether a
that-clause makes its object a proposal (`proposals_refused`)."""
from __future__ import annotations

from typing import Any, Callable


def subject_fits(tok: Any, table: dict[str, Any], key: Callable[[Any, dict[str, Any]], str | None]) -> bool:
    """`subjects`: the verb is an event only for these doers ('peacekeepers arrived'), also
    when the subject is a group of them ('the first contingent of peacekeeping troops');
    `key` finds a noun's entry in the table (triggers.object_key)."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    heads = [subj] + [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
    return any(key(h, table) is not None for h in heads)


def described_by(noun: Any, table: dict[str, Any]) -> str | None:
    """`acl_objects`: the verb of a participle describing the noun, or what it is a quantity
    of ('to thousands of Mozambicans fleeing the war', 'to West Africans ordered out')."""
    if noun is None:
        return None
    heads = [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
    return next((c.lemma_.lower() for h in heads for c in h.children
                 if c.dep_ == "acl" and c.lemma_.lower() in table), None)


PROPOSAL_AUX = {"should", "must", "would"}


def proposal(noun: Any) -> bool:
    """A that-clause in the subjunctive or with 'should' says what is proposed ('the
    suggestion that it negotiate', 'that talks should resume'), not what is claimed."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return False
    aux = [g.lower_ for g in clause.children if g.dep_ in ("aux", "auxpass")]
    subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
    singular = subj is not None and (subj.lower_ in ("it", "he", "she") or subj.tag_ in ("NN", "NNP"))
    return bool(set(aux) & PROPOSAL_AUX) or (not aux and (clause.tag_ == "VB" or (
        clause.tag_ == "VBP" and singular)))  # 'that it negotiate': the subjunctive
