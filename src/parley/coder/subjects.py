"""Whose act a verb is: its subject, or the subject of the clause that controls it.

"The army agreed to withdraw" (the controller's subject), "urged Serbia to resume talks"
(the object of a verb of asking), "was indicted by the court and will resign" (a shared
passive subject), "Israel is opposed to ..." (a stative passive's subject is the actor);
a pronoun's reporting clause ("Officials from Kansas said they agree").
"""
from __future__ import annotations

from typing import Any

from parley.coder.triggers import misparsed_main, speech_act

OBJECT_CONTROL = {"urge", "ask", "encourage", "order", "force", "press", "persuade", "tell", "call", "invite",
                  "allow", "pressure", "pressurize", "implore", "beg", "instruct", "direct", "permit", "help"}


# Passive forms that describe their subject's own stance or activity ("Israel is opposed to",
# "Vietnam is committed to", "forces were engaged in"): the passive subject is the actor.
STATIVE_PASSIVES = {"commit": "to", "oppose": "to", "engage": "in", "involve": "in", "dedicate": "to", "devote": "to"}


def _stative_subject(verb: Any) -> Any | None:
    prep = STATIVE_PASSIVES.get(verb.lemma_.lower())
    if prep is None or not any(c.dep_ == "prep" and c.lower_ == prep for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _active(verb: Any) -> bool:
    """A verb in the active voice with its own auxiliary or tense ('and will resign'), not a
    participle sharing a passive auxiliary ('was arrested and later released')."""
    if passive_subject(verb):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children)


def subject_of(verb: Any) -> Any | None:
    """A verb's subject, or the controller's subject for infinitives and shared conjuncts."""
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        for c in cur.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if any(c.dep_ == "nsubjpass" for c in cur.children):
            return _stative_subject(cur)
        if speech_act(cur):
            cur = cur.head.head
            continue
        if misparsed_main(cur):
            top = cur.head
            while top.dep_ in ("conj", "appos", "pobj", "prep") and top.head.i != top.i:
                top = top.head
            return top
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "oprd") and cur.head.i != cur.i:
            if cur.dep_ == "xcomp":
                obj = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
                if obj is not None and cur.head.lemma_.lower() in OBJECT_CONTROL:
                    return obj
            if cur.dep_ == "conj" and _active(cur):  # 'was indicted by the court and will resign'
                shared = passive_subject(cur.head)
                if shared is not None and _stative_subject(cur.head) is None:
                    return shared
            cur = cur.head if cur.dep_ != "pcomp" else cur.head.head
            continue
        return None
    return None


def passive_subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def governing_subject(pron: Any) -> Any | None:
    """'Officials from Kansas said they agree' -> the subject of the reporting clause."""
    tok = pron.head
    for _ in range(4):
        if tok.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis") or tok.head.i == tok.i:
            return None
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if subj is not None:
            return subj
    return None
