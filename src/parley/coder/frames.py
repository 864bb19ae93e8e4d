"""Event frames that no single trigger word carries.

- A reported obligation put on someone else is a demand: "X said Y must withdraw",
  "X insisted that Y should release the prisoners" -> REQUEST by X to Y (manual 3.8: all
  requests, demands and orders are verbal acts; the content gives the mode).
- The charge an arrest is made on is an accusation by the arresting side: "jailed 52 members
  on allegations of treason", "was arrested for collaborating with Israel" -> ACCUSE allege
  beside the COERCE arrest (manual 3.9: accuse, allege or charge, judicially or informally);
  the charged party is the arrested one.
- A proposal or course the speaker calls out of the question is refused: "X said lifting
  the embargo was out of the question / not an option" -> REJECT by X (manual 3.10: all
  rejections and refusals; the content gives the mode).
- Claimed or attributed responsibility names the doer: "X claimed responsibility for the
  bombing", "X is responsible for the killings", "X was guilty of violating the ceasefire"
  -> the event of the noun or gerund, with X as actor.
"""
from __future__ import annotations

from typing import Any

from parley.coder.clauses import subtree_ids
from parley.coder.triggers import Trigger, is_clausal, verb_trigger

OBLIGATION_AUX = {"must", "should", "ought"}
OBLIGATION_VERBS = {"have", "need"}  # "has to", "needs to"
SELF = {"i", "we", "it", "he", "she", "they", "itself", "themselves"}
ENTRY = {"event": "REQUEST", "score": 0.55, "content": True}


def _obligation(verb: Any) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return True
    return verb.lemma_.lower() in OBLIGATION_VERBS and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children)


SINGULAR = {"he", "she"}


def _addressee_differs(speaker: Any, clause: Any) -> bool:
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in SELF and subj.pos_ == "PRON":
        # 'activists staged rallies, saying he must resign': 'he' is not the plural speakers
        return subj.lower_ in SINGULAR and speaker is not None and speaker.tag_ in ("NNS", "NNPS")
    return speaker is None or subj.lemma_.lower() != speaker.lemma_.lower()


def reported_demands(sent: Any, reporting: set[str], blocked: set[int]) -> list[Trigger]:
    out = []
    for tok in sent:
        if tok.i in blocked or tok.pos_ != "VERB" or tok.lemma_.lower() not in reporting or not is_clausal(tok):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if speaker is None and tok.dep_ == "advcl":  # 'staged rallies, saying ...'
            speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        for clause in tok.children:
            if clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX") and _obligation(clause) \
                    and _addressee_differs(speaker, clause):
                content = subtree_ids(clause)
                out.append(Trigger(clause, "frame", "REQUEST", [], ENTRY["score"], dict(ENTRY), support=tok,
                                   words=[tok.i, clause.i], rule=f"frame:reported-obligation:{tok.lemma_.lower()}",
                                   content=content))
    return out


REFUSAL_ENTRY = {"event": "REJECT", "score": 0.55, "content": True}


def _predicate_words(clause: Any) -> str:
    """The words after a copula, without its adverbs ('is currently out of the question')."""
    words = [t.lower_ for t in clause.doc[clause.i + 1: clause.right_edge.i + 1]
             if not (t.dep_ == "advmod" and t.head.i == clause.i)]
    return " ".join(words)


def reported_refusals(sent: Any, reporting: set[str], phrases: list[str], blocked: set[int]) -> list[Trigger]:
    """'X said Y was out of the question': REJECT by the speaker, Y its content."""
    out = []
    for tok in sent:
        if tok.i in blocked or tok.pos_ != "VERB" or tok.lemma_.lower() not in reporting or not is_clausal(tok):
            continue
        if not any(c.dep_ == "nsubj" for c in tok.children):
            continue
        for clause in tok.children:
            if clause.dep_ == "ccomp" and clause.lemma_.lower() == "be" and \
                    _predicate_words(clause).startswith(tuple(phrases)):
                out.append(Trigger(clause, "frame", "REJECT", [], REFUSAL_ENTRY["score"], dict(REFUSAL_ENTRY),
                                   support=tok, words=[tok.i, clause.i], content=subtree_ids(clause),
                                   rule=f"frame:reported-refusal:{tok.lemma_.lower()}"))
    return out


RESPONSIBLE = {"responsible", "guilty", "culpable"}


def responsibility(sent: Any, lex: Any, blocked: set[int]) -> list[Trigger]:
    out = []
    for tok in sent:
        if tok.i in blocked:
            continue
        lemma = tok.lemma_.lower()
        if lemma == "claim" and tok.pos_ == "VERB" and is_clausal(tok) and any(
                c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in tok.children):
            out += _deeds(tok, tok, lex)
        elif lemma in RESPONSIBLE and tok.dep_ == "acomp" and tok.head.lemma_.lower() == "be" and is_clausal(tok.head):
            out += _deeds(tok, tok.head, lex)
    return out


def _deeds(word: Any, verb: Any, lex: Any) -> list[Trigger]:
    """The events a responsibility phrase names ('for the attacks', 'of violating the truce')."""
    anchor = next((c for c in word.children if c.dep_ == "dobj"), None) if word.i == verb.i else word
    preps = [c for t in {word, anchor} - {None} for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "of")]
    out = []
    for prep in preps:
        for g in prep.children:
            entry = lex.nouns.get(g.lemma_.lower()) if g.dep_ == "pobj" else None
            if entry is not None:
                out.append(Trigger(g, "support", entry["event"], list(entry.get("mode", [])), entry.get("score", 0.5),
                                   dict(entry), support=verb, words=[word.i, g.i], rule=f"frame:responsibility:{g.lemma_.lower()}",
                                   content=subtree_ids(g)))
            elif g.dep_ == "pcomp" and g.pos_ == "VERB":
                trig = verb_trigger(g, lex)
                if trig is not None:
                    trig.frame, trig.support, trig.rule = "support", verb, f"frame:responsibility:{g.lemma_.lower()}"
                    trig.content |= subtree_ids(g)
                    out.append(trig)
    return out


CHARGE_NOUNS = {"charge", "allegation", "accusation", "suspicion"}
CHARGE_ENTRY = {"event": "ACCUSE", "mode": ["allege"], "score": 0.5}


def arrest_charges(trig: Trigger) -> list[Trigger]:
    """The charge an arrest was made on ('on charges of spying', 'for collaborating')."""
    if trig.event != "COERCE" or "arrest" not in trig.mode or trig.frame != "verb":
        return []
    verb = trig.token
    obj_ = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    preps = list(verb.children) + (list(obj_.children) if obj_ is not None else [])
    for prep in preps:  # on the verb, or hung by the parser on the person arrested
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "on"):
            continue
        obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            continue
        if prep.lower_ == "on" and obj.lemma_.lower() not in CHARGE_NOUNS:
            continue
        if prep.lower_ == "for" and obj.pos_ != "VERB":
            continue  # 'arrested for three days' is no charge; 'for spying' is
        return [Trigger(obj, "support", "ACCUSE", ["allege"], CHARGE_ENTRY["score"], dict(CHARGE_ENTRY),
                        support=verb, words=[prep.i, obj.i], rule=f"frame:charge-of-arrest:{verb.lemma_.lower()}",
                        content=subtree_ids(prep))]
    return []
