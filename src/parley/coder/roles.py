"""Who did it, to whom: actor and recipient of a trigger from the dependency parse."""
from __future__ import annotations

from typing import Any

from parley.coder.resolve import Resolver
from parley.coder.triggers import Trigger
from parley.schema import Entity

RECIPIENT_PREPS = {
    "default": ("against", "on", "upon", "at", "to", "with"),
    "CONSULT": ("with",), "AGREE": ("with", "to"), "COOPERATE": ("with",), "AID": ("to", "for"),
    "SUPPORT": ("for",), "REQUEST": ("on", "upon", "to"), "REJECT": ("from", "by"),
    "ASSAULT": ("on", "against", "at", "into"), "SANCTION": ("on", "against"), "ACCUSE": ("of",),
    "THREATEN": ("against", "with"), "COERCE": ("on", "against"), "MOBILIZE": ("against", "near"),
    "PROTEST": ("against", "outside"), "RETREAT": (), "CONCEDE": ("to",),
}
# Events whose object may be an unnamed noun phrase ("killed 75 displaced people").
UNKNOWN_OK = {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE"}


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
            return None
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head is not cur:
            if cur.dep_ == "xcomp":
                obj = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
                if obj is not None and cur.head.lemma_.lower() in OBJECT_CONTROL:
                    return obj
            cur = cur.head
            continue
        return None
    return None


OBJECT_CONTROL = {"urge", "ask", "encourage", "order", "force", "press", "persuade", "tell", "call", "invite", "allow"}


def _pobjs(tok: Any, preps: tuple[str, ...]) -> list[Any]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _passive(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    """(actor, recipient, how the actor was found)."""
    if trig.frame == "verb":
        return _verb_roles(trig, res)
    if trig.frame in ("support", "adj"):
        return _support_roles(trig, res)
    if trig.frame == "receiver":
        return _receiver_roles(trig, res)
    return _occur_roles(trig, res)


def _ents(res: Resolver, toks: list[Any], unknown: bool = True) -> list[Entity]:
    out: list[Entity] = []
    for t in toks:
        for e in res.entities(t, allow_unknown=unknown):
            if not any(e.start == o.start for o in out):
                out.append(e)
    return out


def _verb_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    verb, event = trig.token, trig.event
    subj = subject_of(verb)
    actor = _ents(res, [subj]) if subj is not None else []
    how = f"subject:{subj.text}" if subj is not None else "none"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    passive = _passive(verb)
    targets: list[Any] = []
    if passive is not None:
        targets.append(passive)
    elif obj is not None:
        targets.append(obj)
    if trig.entry.get("reciprocal"):
        actor += _ents(res, _pobjs(verb, ("with", "against")))
        return actor, [], how
    targets += _pobjs(verb, RECIPIENT_PREPS.get(event, RECIPIENT_PREPS["default"]))
    unknown = event in UNKNOWN_OK
    recipient = _ents(res, targets, unknown=unknown)
    if trig.entry.get("swap_roles"):
        return recipient, actor, how
    return actor, recipient, how


def _support_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun, verb = trig.token, trig.support if trig.support is not None else trig.token.head
    subj = subject_of(verb)
    actor = _ents(res, [subj]) if subj is not None else []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if not actor and poss:
        actor = _ents(res, poss)
    preps = RECIPIENT_PREPS.get(trig.event, RECIPIENT_PREPS["default"])
    targets = _pobjs(noun, preps) + _pobjs(verb, preps)
    if trig.frame == "adj":
        targets += [t for c in noun.children if c.dep_ in ("xcomp", "prep") for t in c.subtree
                    if t.dep_ == "pobj" and t.head.lower_ == "with"]
    recipient = _ents(res, targets, unknown=False)
    iobj = [c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    recipient += _ents(res, iobj, unknown=False)
    return actor, recipient, f"subject:{subj.text}" if subj is not None else "possessor"


def _receiver_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun, verb = trig.token, trig.support
    givers = _pobjs(noun, ("from", "by")) + _pobjs(verb, ("from", "by"))
    actor = _ents(res, givers, unknown=False)
    subj = subject_of(verb)
    recipient = _ents(res, [subj], unknown=False) if subj is not None else []
    return actor, recipient, "from-phrase"


def _occur_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun = trig.token
    mods = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    actor = _ents(res, mods, unknown=False)
    between = _pobjs(noun, ("between", "by", "among"))
    actor += _ents(res, between, unknown=False)
    recipient = _ents(res, _pobjs(noun, ("with", "against", "on")), unknown=False)
    return actor, recipient, "modifiers"
