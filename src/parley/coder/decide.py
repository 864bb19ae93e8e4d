"""From a trigger and its reading to the coded event: type variants by actor sector, type
changes under negation, future and condition (PLOVER manual ch. 3), modes and contexts."""
from __future__ import annotations

from typing import Any

from parley.coder.clauses import Modality
from parley.coder.resolve import Resolver
from parley.coder.triggers import PERSONAL, QUANTITY, Trigger, direct_object, person_like

CIVIL_SECTORS = {"CVL", "LAB", "EDU", "AGR", "OPP", "SOC", "REL", "MED", "JRN", "REF"}
OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
CONFLICT_CONTENT = ("ASSAULT", "COERCE", "SANCTION")


def content_words(trig: Trigger, sp: Any) -> set[str]:
    """Lemmas and forms of what a trigger is about (its content, objects and prepositions)."""
    ids = set(trig.content) | {g.i for c in trig.token.children if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")
                               for g in c.subtree}
    return {sp[i].lemma_.lower() for i in ids} | {sp[i].lower_ for i in ids}


def _content_event(trig: Trigger, lex: Any) -> str | None:
    """The event type of a promise's or readiness's content ('vowed to crush the rebels')."""
    inner = next((c for c in trig.token.children if c.i > trig.token.i and (c.dep_ in ("xcomp", "ccomp") or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))), None)
    if inner is None and trig.frame == "adj":
        inner = next((g for c in trig.token.children if c.dep_ == "prep" for g in c.children
                      if g.dep_ == "pcomp"), None)
    entry = lex.verbs.get(inner.lemma_.lower()) if inner is not None else None
    if entry is None:
        return None
    objects = entry.get("objects") or {}
    obj = direct_object(inner)
    key = obj.lemma_.lower() if obj is not None else None
    if key in objects:
        return objects[key].get("event", entry["event"]) if objects[key] is not None else None
    return None if entry.get("objects_only") else entry["event"]  # 'promised to hold elections'


def _assessment(trig: Trigger, lex: Any) -> bool:
    """'warned that the move could be a regrouping of forces': the content judges what
    something is or means; no harm of the speaker's own is announced (no THREATEN)."""
    verbs = set(lex.rules["modality"]["assessment_verbs"]["verbs"])
    clause = next((c for c in trig.token.children if c.dep_ == "ccomp" and c.i > trig.token.i), None)
    return clause is not None and clause.lemma_.lower() in verbs and not any(
        c.dep_ == "auxpass" for c in clause.children)


def _natural_doer(trig: Trigger, lex: Any) -> bool:
    """'the storm killed twelve people', 'were killed by floods', 'died ... in the earthquake':
    a natural force or accident is no deliberate action (manual 3.16: ASSAULT is deliberate)."""
    rule = lex.rules["natural_causes"]
    if trig.event not in rule["types"] or trig.frame != "verb":
        return False
    tok, words = trig.token, set(rule["words"])
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "auxpass" for c in tok.children):  # 'were killed in an earthquake'
        doers += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                  for g in c.children if g.dep_ == "pobj"]
    return any(d.lemma_.lower() in words or d.lower_ in words for d in doers)


def _agent(trig: Trigger, actor: list, lex: Any) -> bool:
    """Whether the subject names someone who can act ('the junta allowed', not 'the new law
    allows', 'the bridge allows trucks to cross', 'the case demonstrates', 'this threatens')."""
    subj = next((c for c in trig.token.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ in ("PROPN", "NUM") or subj.lower_ in PERSONAL or any(a.code or a.sector for a in actor):
        return True
    if subj.lemma_.lower() in QUANTITY:  # 'tens of thousands demonstrated', not 'this kind of flexibility'
        of = [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return not of or any(person_like(g, lex) or g.pos_ == "NUM" or g.lemma_.lower() in QUANTITY for g in of)
    things = lex.classes["passages"] | lex.classes["territory"] | lex.classes["weapons"]
    return person_like(subj, lex) and subj.lemma_.lower() not in things


def retype(trig: Trigger, actor: list, sp: Any, res: Resolver, lex: Any,
           sent_low: str = "") -> tuple[str, list[str]] | None:
    """Sector-dependent variants and constraints of a trigger; None = not an event."""
    e, sectors = trig.entry, {a.sector for a in actor}
    if _natural_doer(trig, lex):
        return None
    if e.get("needs_agent") and not _agent(trig, actor, lex):
        return None  # what it allows stays uncoded: a permission by no one is no concession
    if e.get("needs_violence") and not content_words(trig, sp) & lex.classes["violence"]:
        return None
    if e.get("needs_violence") and _assessment(trig, lex):
        return None
    if e.get("not_if_content") and content_words(trig, sp) & set(e["not_if_content"]):
        return None  # 'asked not to be named': a condition of speaking, not a request
    if e.get("not_after") and trig.token.i > 0 and sp[trig.token.i - 1].lower_ in e["not_after"]:
        return None  # 'as opposed to'
    if "actor_sectors" in e and not sectors & set(e["actor_sectors"]) and not (None in e["actor_sectors"] and (
            not actor or None in sectors)):
        return None
    if e.get("object_kinds") == "country":
        obj = direct_object(trig.token)
        m = res.at.get(obj.i) if obj is not None else None
        if m is None or m.source not in ("country", "seat"):
            return None
    if e.get("content_conflict") and trig.content:
        inner = _content_event(trig, lex)
        if inner in CONFLICT_CONTENT:
            return e["content_conflict"], threat_mode(inner, [], lex)
    if "gov_event" in e and sectors & OFFICIAL_SECTORS:
        return e["gov_event"]["event"], list(e["gov_event"].get("mode", []))
    if "civil_event" in e and sectors & CIVIL_SECTORS and not sectors & OFFICIAL_SECTORS:
        return e["civil_event"]["event"], list(e["civil_event"].get("mode", []))
    if "unofficial_event" in e and not sectors & OFFICIAL_SECTORS:
        return e["unofficial_event"]["event"], list(e["unofficial_event"].get("mode", []))
    if trig.event == "COERCE" and any(w in sent_low for w in lex.rules["crowd_control"]):
        return "ASSAULT", ["crowd-control"]
    return trig.event, list(trig.mode)


def rallied(trig: Trigger, lex: Any) -> tuple[str, list[str], Any] | None:
    """A call on others to back a party or to rise against one rallies support (CAMEO 053:
    SUPPORT) or opposition (CAMEO 113: ACCUSE disapprove): 'urged donors to support the
    Eritrean government', 'called on Africans to unite against the regime'. The party backed
    or opposed is the recipient (event, modes, its token); None = a plain request."""
    if trig.event != "REQUEST" or trig.frame != "verb":
        return None
    rule = lex.rules["rallying"]
    inner = next((c for c in trig.token.children if c.i > trig.token.i and (c.dep_ in ("xcomp", "ccomp") or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)))), None)
    if inner is None:
        return None
    verbs = [inner] + [c for c in inner.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    against = [g for v in verbs if v.lemma_.lower() in rule["against_verbs"] for c in v.children
               if c.dep_ == "prep" and c.lower_ == "against" for g in c.children if g.dep_ == "pobj"]
    if against:
        return "ACCUSE", ["disapprove"], against[0]
    if inner.lemma_.lower() in rule["support_verbs"]:
        obj = direct_object(inner)
        if obj is not None and obj.dep_ == "dobj" and person_like(obj, lex):
            return "SUPPORT", [], obj
    return None


def threat_mode(event: str, modes: list[str], lex: Any) -> list[str]:
    table = lex.rules["threat_modes"]
    for m in modes:
        if f"{event}:{m}" in table:
            return [table[f"{event}:{m}"]]
    return [table[event]] if event in table else []


def modality(trig: Trigger, event: str, modes: list[str], mod: Modality, conditional: bool,
             lex: Any) -> tuple[str, list[str], str, list[str]]:
    """(event, modes, modality, cues) after negation, condition, future and signal readings."""
    rules = lex.rules
    obj = direct_object(trig.token) if trig.entry.get("negated_violence") else None
    if mod.negated and not mod.denied and obj is not None and \
            {t.lemma_.lower() for t in obj.subtree} & lex.classes["violence"]:
        return "THREATEN", ["violence"], "asserted", mod.cues + ["not-ruled-out"]  # 'would not rule out force'
    if mod.negated:
        flip = event in rules["negation_flip"] and (mod.future or trig.entry.get("modality") == "signalled"
                                                    or event in ("CONSULT", "AGREE"))
        if flip and not mod.denied:
            return rules["negation_flip"][event], rules["negation_flip_modes"].get(event, []), "asserted", \
                mod.cues + ["negation-flip"]
        return event, modes, "negated", mod.cues
    if event == "ASSAULT" and mod.prepared and not mod.speculative:
        return "MOBILIZE", _readiness_mode(modes, lex), "hypothetical" if mod.hypothetical else "asserted", \
            mod.cues + ["prepared:ASSAULT"]
    if event in rules["future_map_threat"]["types"] and (mod.future or (mod.hypothetical and conditional)) \
            and not mod.speculative:
        return "THREATEN", threat_mode(event, modes, lex), "asserted", mod.cues + ["threat:" + event]
    if mod.hypothetical:
        return event, modes, "hypothetical", mod.cues
    if mod.future:
        mapped = rules["future_map"].get(event, event)
        return mapped, (modes if mapped == event else []), "future", mod.cues
    if trig.entry.get("modality") == "signalled" or mod.signalled:
        return event, modes, "signalled", mod.cues
    return event, modes, "asserted", mod.cues


def _readiness_mode(modes: list[str], lex: Any) -> list[str]:
    """MOBILIZE 'weapons' when the force made ready is artillery, aircraft, drones or bombs
    (manual table 3.9), else 'troops'."""
    heavy = set(lex.rules["modality"]["preparation_governors"]["heavy_modes"])
    return ["weapons"] if heavy & set(modes) else ["troops"]


def modes_for(event: str, modes: list[str], trig: Trigger, sp: Any, sent_low: str, words: set[str],
              lex: Any) -> list[str]:
    modes = lex.valid_modes(event, list(modes))
    table = lex.content_modes.get(event)
    if table and not modes:
        content = content_words(trig, sp)
        for mode, cue in table.items():
            if content & cue:
                modes = [mode]
                break
    for mode, (singles, phrases) in lex.sentence_modes.get(event, {}).items():
        if mode not in modes and (singles & words or any(p in sent_low for p in phrases)):
            modes.append(mode)
    return modes[:2]


def contexts(event: str, modes: list[str], trig: Trigger, sent_low: str, words: set[str], lex: Any) -> list[str]:
    ctx = set(trig.entry.get("context", []))
    for name, (singles, phrases) in lex.context_cues.items():
        if singles & words or any(p in sent_low for p in phrases):
            ctx.add(name)
    ctx.update(lex.context_by_type.get(event, []))
    for m in modes:
        ctx.update(lex.context_by_type.get(f"{event}:{m}", []))
    return sorted(ctx)
