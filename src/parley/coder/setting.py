"""The country an actor acts in, for actors the text gives no country of their own.

PLOVER's country field is the country an actor is associated with (manual 5.1). When the
text names a person, a crowd or a weapon without a nationality ("Judge Alejandro Rivera",
"hundreds of students", "a roadside bomb"), a coder associates it with the country in which
it acts:

1. the country of the event's setting: the one country of the places the sentence puts
   things in ("in Baku", "near the town of Samarra", "throughout Indonesia");
2. failing a setting, the one country the sentence names at all ("... demanded the
   resignation of Algerian President ..."), except for uses of force (ASSAULT, COERCE,
   MOBILIZE) by an unnamed party, whose victims' nationality says nothing of the attacker's.

An arrest, investigation, charge or attack reported without its doer ("was put under
investigation in Italy", "was killed in a car bomb explosion in Beirut") is coded, like a
coder does, with the setting's country as actor: the entity is the place's words and code,
its sector unknown (null). Only the setting counts for these, never a sole country.

Two countries, or none, leave the code null; so does a compound actor one of whose members
has a country ("Israeli helicopters and tanks"). Organizations whose name says they are
international or regional ("World", "International", "African") are not associated with
the country they act in. The rules' words are data (data/coder_rules.json, "setting").
Every code so given is explained by the words it came from (mention `explain`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from parley.pipeline.doc import Doc
from parley.schema import Entity

NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
PRONOUNS = {"he", "him", "she", "her", "it", "they", "them", "we", "us", "i", "you", "who", "this", "that"}


@dataclass
class Setting:
    code: str
    rule: str  # "setting" | "sole-country"
    text: str
    start: int
    end: int


def _state(code: str | None) -> bool:
    return bool(code) and code not in NON_STATE


def _in_setting(tok: Any, preps: set[str], place_nouns: set[str]) -> bool:
    """Is a place word where something happens ('in Serbia', 'near the town of Samarra',
    'at a jail in East Timor's capital Dili')?"""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("compound", "poss", "appos", "amod", "nmod", "conj") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ in preps or (prep.lower_ == "of" and prep.head.lower_ in preps):  # 'outside of'
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in place_nouns:
            cur = prep.head
            continue
        return False
    return False


def sentence_settings(doc: Doc, seq: int, sent: Any) -> tuple[Setting | None, Setting | None]:
    """(the setting's country, the sentence's sole country), each None unless unique."""
    rules = doc.resources.lexicon.rules["setting"]
    preps, nouns = set(rules["place_preps"]), set(rules["place_nouns"])
    sp, lo, hi = doc.spacy, sent.start, sent.end
    placed: dict[str, Setting] = {}
    named: dict[str, Setting] = {}
    for m in doc.actors:
        if m.i < lo or m.j > hi or not _state(m.entity.code):
            continue
        span = sp[m.i:m.j]
        found = Setting(m.entity.code, "sole-country", span.text, span.start_char, span.end_char)
        named.setdefault(m.entity.code, found)
        if m.source == "adjective" and span.root.head.lemma_.lower() not in nouns:
            continue  # 'the Iraqi city of Basra' places; 'the one-time French colony' does not
        if _in_setting(span.root, preps, nouns):
            placed.setdefault(m.entity.code, dataclasses.replace(found, rule="setting"))
    for p in doc.places:
        code = p.location.country_code
        if p.sentence != seq or not _state(code):
            continue
        span = sp.char_span(p.span.start, p.span.end, alignment_mode="expand")
        found = Setting(code, "sole-country", p.span.text, p.span.start, p.span.end)
        named.setdefault(code, found)
        if span is not None and _in_setting(span.root, preps, nouns):
            placed.setdefault(code, dataclasses.replace(found, rule="setting"))
    setting = next(iter(placed.values())) if len(placed) == 1 else None
    sole = next(iter(named.values())) if len(named) == 1 else None
    return setting, sole


def _eligible(ent: Entity, rules: dict[str, Any]) -> bool:
    if ent.code or ent.entity_text.lower() in PRONOUNS:
        return False
    words = {w.strip("().,'\"").lower() for w in ent.entity_text.split()}
    return not words & set(rules["no_country_words"])


def place_actors(actor: list[Entity], event: str, settings: tuple[Setting | None, Setting | None],
                 rules: dict[str, Any]) -> tuple[list[Entity], list[dict[str, Any]]]:
    """Actors with the country they act in where they have none; and why (for `explain`)."""
    setting, sole = settings
    chosen = setting or (sole if event not in rules["force_types"] else None)
    if chosen is None:
        return actor, []
    if any(_state(a.code) for a in actor):
        return actor, []  # 'Israeli helicopters and tanks': a partner's country is no setting's
    out, why = [], []
    for ent in actor:
        if _eligible(ent, rules):
            ent = dataclasses.replace(ent, code=chosen.code)
            why.append({"entity": ent.entity_text, "code": chosen.code, "rule": chosen.rule,
                        "from": chosen.text, "start": chosen.start, "end": chosen.end})
        out.append(ent)
    return out, why


def implicit_actor(event: str, settings: tuple[Setting | None, Setting | None],
                   rules: dict[str, Any]) -> tuple[list[Entity], list[dict[str, Any]]]:
    """The actor of an event whose doer the text does not name: the setting's country."""
    setting = settings[0]
    if setting is None or event not in rules["implicit_actor_types"]:
        return [], []
    ent = Entity(entity_text=setting.text, code=setting.code, start=setting.start, end=setting.end)
    return [ent], [{"entity": setting.text, "code": setting.code, "rule": "implicit-actor", "from": setting.text,
                    "start": setting.start, "end": setting.end}]
