"""Recipients of last resort: whom an event is aimed at when its objects and phrases name
no one (coder/roles.py asks these in turn). Each is a rule a PLOVER coder would state, with
its words in data/roles.json: the place of what is agreed or of an office ('agreed to a truce
in Darfur', 'resigned as president of Peru'), whom aid is given to help ('to assist
Ethiopia'), where refuge is sought ('sought asylum in Kenya'), what a strike protests
('protesting the new law'), and a meeting's partner named through an apposition."""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder.objects import rules
from parley.coder.phrases import phrase, pobjs
from parley.schema import Entity

PROTEST_PREPS = ("against", "over", "at")


def partners_met(verb: Any, r: Any) -> list[Entity]:
    """Whom a meeting verb's objects name, also through an apposition ('meet [his counterpart,
    President X]', 'meet [regional rival Japan's Prime Minister Abe]'), written from the object."""
    out: list[Entity] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        found = r.ents([obj], unknown=False)
        if not found:
            lo = obj.doc[phrase(obj)[0]].idx
            found = [dataclasses.replace(e, entity_text=r.res.sp.text[lo:e.end], start=lo) if e.start > lo else e
                     for e in r.ents([a for a in obj.children if a.dep_ == "appos"], unknown=False)]
        out += [r.cut(e) for e in found if not any(o.start <= e.start < o.end for o in out)]
    return out


def place(r: Any, heads: list[Any]) -> list[Entity]:
    """Coded places in an in-phrase of the trigger or of what it is about ('suspended aid in
    Nigeria', 'agreed to a truce in Darfur', 'agreed to lay down their weapons in Iraq'), or
    of the office an actor holds or leaves ('resigned as president of Peru'), as the
    recipient of last resort."""
    heads = heads + [g for h in heads for g in h.children if g.dep_ == "xcomp" and g.pos_ == "VERB"]
    heads = heads + [g for h in heads for g in h.children if g.dep_ in ("dobj", "nsubjpass") and g.pos_ == "NOUN"]
    heads = heads + [g for h in heads for g in pobjs(h, ("to", "for", "on")) if g.pos_ == "NOUN"]
    places = [t for h in heads for t in pobjs(h, ("in",))]
    places += [t for h in heads if h.pos_ == "NOUN" for t in _deep_in(h) if t not in places]
    places += [p for h in heads for t in pobjs(h, ("as",)) for p in pobjs(t, ("of",))]
    out: list[Entity] = []
    for e in (e for t in places for e in r.res.entities(t, allow_unknown=False) if e.code):
        if not any(e.start == o.start for o in out):
            out.append(e)
    return out


def protested(r: Any, heads: list[Any]) -> list[Entity]:
    """What a strike or rally protests, said beside it: 'went on strike to protest X', 'started
    a hunger strike, protesting X', 'a hunger strike in protest against X'."""
    toks: list[Any] = []
    for h in heads:
        for c in h.children:
            if c.lemma_.lower() == "protest" and c.pos_ == "VERB" and c.dep_ in ("advcl", "xcomp", "acl", "conj"):
                toks += [g for g in c.children if g.dep_ == "dobj"] + pobjs(c, PROTEST_PREPS)
            if c.dep_ == "prep" and c.lower_ == "in":
                toks += [t for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() == "protest"
                         for t in pobjs(g, PROTEST_PREPS)]
    toks = [_author(t) for t in toks]
    found = r.recipients(toks, "PROTEST") if toks else []
    return found or [r.cut(e) for t in toks for e in r.res.entities(t, allow_unknown=True)]  # 'the new law'


def refuge(r: Any, verb: Any, event: str) -> list[Entity]:
    """Who is asked for refuge ('sought refuge in Chad'; data/roles.json `refuge`)."""
    spec = rules()["refuge"]
    heads = [verb] + [g for g in verb.children if g.dep_ == "dobj"] + pobjs(verb, ("for",))
    if not any(h.lemma_.lower() in spec["objects"] for h in heads[1:]):
        return []
    return [r.cut(e) for t in (t for h in heads for t in pobjs(h, tuple(spec["preps"])))
            for e in r.res.entities(t, allow_unknown=r.actor_like(t))]


def purpose(r: Any, verb: Any, event: str) -> list[Entity]:
    """Whom aid is given to help, named in its purpose clause (data/roles.json `purpose`)."""
    spec = rules()["purpose"]
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and c.i > verb.i
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    for c in clauses:
        obj = next((g for g in c.children if g.dep_ == "dobj"), None) or _helped_subject(c)
        if obj is not None and c.lemma_.lower() in spec["helping_verbs"]:  # whom it helps, even troops
            found = r.recipients([obj], event) or [
                r.cut(e) for e in r.res.entities(obj, allow_unknown=r.actor_like(obj))]
            if found:
                return found
        found = place(r, [c])
        if found:
            return found
    return []


def _helped_subject(helping: Any) -> Any | None:
    """Whom 'help X recover' or 'assist X to rebuild' helps: the subject of its clause."""
    return next((g for c in helping.children if c.dep_ in ("ccomp", "xcomp") for g in c.children
                 if g.dep_ in ("nsubj", "dobj") and g.i < c.i and g.pos_ in ("PROPN", "NOUN", "PRON")), None)


def _deep_in(noun: Any) -> list[Any]:
    """In-phrases deeper inside what is agreed or declared ('a ceasefire effective from Monday
    in Myanmar'), not inside a clause of its own ('a truce that rebels broke in Mali')."""
    out = []
    for t in noun.subtree:
        if t.dep_ != "pobj" or t.head.lower_ != "in" or t.head.head.i == noun.i:
            continue
        path, cur = [], t.head.head
        while cur.i != noun.i and cur.head.i != cur.i:
            path.append(cur)
            cur = cur.head
        if cur.i == noun.i and not any(p.pos_ in ("VERB", "AUX") for p in path):
            out.append(t)
    return out


def _author(tok: Any) -> Any:
    """A protested law or policy 'imposed/passed by X' stands for X, whom the protest is
    aimed at ('protesting the new curfew imposed by the governor' -> the governor)."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
            if agent is not None and agent.pos_ in ("PROPN", "NOUN"):
                return agent
    return tok
