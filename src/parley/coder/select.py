"""Choosing among a sentence's candidates (PLOVER manual 3.12.2, 3.12.3, 3.14.1): the topic of
a protest is not a separate REQUEST; the damage rioters do while rioting ('rioted, setting
fire to their mattresses') is part of the riot, not a separate ASSAULT; a mobilization
reported with the assault it served is only the ASSAULT; the same event by the same actor is
coded once, as its main clause says it ('stormed the base, killing five')."""
from __future__ import annotations

from typing import Any

from parley.pipeline.doc import Candidate

TOPIC_OF_PROTEST = {"REQUEST", "ACCUSE", "REJECT"}


def _codes(c: Candidate) -> tuple[str, ...]:
    return tuple(sorted(a.code or "" for a in c.actor))


def _inside(sp: Any, inner: Candidate, outer: Candidate) -> bool:
    tok, head = sp[inner.notes["token"]], sp[outer.notes["token"]]
    return any(a.i == head.i for a in tok.ancestors)


def _in_clause(sp: Any, inner: Candidate, outer: Candidate) -> bool:
    """Inside the clause of an event noun's support verb ('staged rallies, saying he must go')."""
    support = outer.notes.get("support")
    return support is not None and any(a.i == support for a in sp[inner.notes["token"]].ancestors)


def _same_side(a: Candidate, b: Candidate) -> bool:
    if not a.actor or not b.actor:
        return True
    return bool(set(_codes(a)) & set(_codes(b)) - {""}) or bool({e.start for e in a.actor} & {e.start for e in b.actor})


def suppress(cands: list[Candidate], sp: Any) -> list[Candidate]:
    protests = [c for c in cands if c.event == "PROTEST"]
    assaults = [c for c in cands if c.event == "ASSAULT" and c.modality == "asserted"]
    out = []
    with_actor = any(c.actor for c in cands)
    for c in cands:
        if with_actor and not c.actor and c.notes.get("frame") in ("occur", "support"):
            continue  # background happening beside an actor's event ('... as clashes continued')
        if c.event in TOPIC_OF_PROTEST and any(_inside(sp, c, p) or (_same_side(c, p) and (
                not c.recipient or _in_clause(sp, c, p))) for p in protests):
            continue
        if c.event == "MOBILIZE" and any(_same_side(c, a) and a.actor for a in assaults):
            continue
        if c.event == "ASSAULT" and any("riot" in p.mode and _inside(sp, c, p) for p in protests):
            continue  # a riot's violence is the riot (manual table 3.7)
        if c.event == "CONSULT" and not c.recipient and len(c.actor) < 2 and "phone" in c.mode:
            continue  # 'they make phone calls': no one to consult
        out.append(c)
    return dedupe(out, sp)


def adjunct_of(sp: Any, c: Candidate, cands: list[Candidate]) -> Candidate | None:
    """The candidate whose clause `c` is a participial adjunct of ('stormed the base, killing
    five': 'killing' tells what came of 'stormed'), or None."""
    tok = sp[c.notes["support"] if c.notes.get("support") is not None else c.notes["token"]]
    if tok.dep_ != "advcl" or tok.tag_ != "VBG":
        return None
    return next((o for o in cands if o is not c and tok.head.i in (o.notes["token"], o.notes.get("support"))), None)


def dedupe(cands: list[Candidate], sp: Any = None) -> list[Candidate]:
    """One candidate per event type and actor codes: the main clause's over its adjunct's,
    else the most confident."""
    best: dict[tuple, Candidate] = {}
    rank = {id(c): (sp is None or adjunct_of(sp, c, cands) is None, c.score) for c in cands}
    for c in cands:
        key = (c.event, _codes(c))
        if key not in best or rank[id(c)] > rank[id(best[key])]:
            best[key] = c
    return [c for c in cands if best.get((c.event, _codes(c))) is c]
