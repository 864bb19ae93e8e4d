"""Recipients named inside an object that names no one (data/roles.json).

"rejected Britain's proposal" is directed at Britain, written as "Britain's proposal"; "lifted
the sanctions against Belarus" at Belarus, written as "Belarus"; "shelled a fuel depot of the army" at
the army, written as "a fuel depot of the army". What the object is decides whom it stands
for: an act done to someone stands for its target, something said or decided for its author,
anything else for its owner (PLOVER manual 2.4: the recipient is whom the event is aimed at).
"""
from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from parley.coder.clauses import is_time_word
from parley.coder.phrases import phrase
from parley.schema import Entity

MODIFIERS = ("poss", "compound", "amod", "nmod")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    return json.loads(resources.files("parley.data").joinpath("roles.json").read_text(encoding="utf-8"))


_KINDS: dict[int, dict[str, set[str]]] = {}


def _kind_words(lex: Any) -> dict[str, set[str]]:
    """The words of each object kind for one lexicon (built once per lexicon)."""
    if id(lex) in _KINDS:
        return _KINDS[id(lex)]
    out: dict[str, set[str]] = {}
    for kind, spec in rules()["object_kinds"].items():
        words = set(spec["words"])
        for cls in spec["classes"]:
            words |= set(lex.classes.get(cls, ()))
        words |= {k for k, e in lex.nouns.items() if e.get("event") in spec["types"] and " " not in k}
        out[kind] = words
    out["act"] -= out["measure"]
    out["say"] -= (out["act"] | out["measure"]) - set(rules()["object_kinds"]["say"]["words"])
    _KINDS[id(lex)] = out
    return out


def object_kind(head: Any, lex: Any) -> str:
    """'measure' (imposed on someone), 'act' (done to someone), 'say' (said, asked, decided)
    or 'thing'."""
    words = _kind_words(lex)
    lemma = head.lemma_.lower()
    if of_measure(head, lex) is not None:
        return "measure"
    for kind in ("measure", "act", "say"):
        if lemma in words[kind]:
            return kind
    return "thing"


def of_measure(head: Any, lex: Any) -> Any | None:
    """The second word of a measure named '<head> of <word>' ('a state of emergency', 'a state
    of siege'), whose own phrases ('... of emergency in Pando') are the measure's; else None."""
    words = _kind_words(lex)["measure"]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            g = next((x for x in c.children if x.dep_ == "pobj"), None)
            if g is not None and f"{head.lemma_.lower()} of {g.lemma_.lower()}" in words:
                return g
    return None


def is_theme(tok: Any, event: str, lex: Any) -> bool:
    """An object that is what is sent, given or mobilized ('troops', 'aid', 'weapons'; 'provided
    the army with weapons'), under a sending or mobilizing event or verb: not a recipient."""
    spec = rules()["theme_objects"]
    if not any(tok.lemma_.lower() in lex.classes.get(c, ()) for c in spec["classes"]):
        return False
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "pobj" and cur.head.lower_ == "with":
        cur = cur.head
    if cur.dep_ not in ("dobj", "nsubjpass", "prep"):
        return False
    if cur.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ == "with" for c in cur.head.children):
        return False  # 'provided the army with weapons': the object is whom it is for
    entry = lex.verbs.get(cur.head.lemma_.lower()) or {}
    return event in spec["types"] or bool(entry.get("theme_object")) or entry.get("event") in spec["types"]


def venue_place(tok: Any, event: str, r: Any) -> list[Entity] | None:
    """The place of a mission, force or operation a cooperative event or deployment is aimed
    at ('the UN mission in Haiti' -> Haiti); None when `tok` is no such venue."""
    spec = rules()["venues"]
    if tok.lemma_.lower() not in spec["words"] or (r.lex.quad(event) not in spec["quads"] and event not in spec["types"]):
        return None
    places = [e for g, _ in _pobjs(tok, ("in",)) for e in r.res.entities(g, allow_unknown=False) if e.code]
    return places or None


def _pobjs(head: Any, preps: Any) -> list[tuple[Any, Any]]:
    return [(g, c) for c in head.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj" and not is_time_word(g) and not g.like_num]


def inside(head: Any, r: Any, targets_only: bool = False) -> list[Entity]:
    """The entities an object noun phrase stands for, best tier first (`r`: the trigger's
    roles.Roles, whose `named(tok)` gives the entities a token names); `targets_only` for what
    is sent or given, which stands only for whom it is for ('aid to the refugees')."""
    kind, sp, named = object_kind(head, r.lex), r.res.sp, r.named
    spec = rules()
    tpreps = spec["target_preps"].get(kind, spec["target_preps"]["other"])
    second = of_measure(head, r.lex)
    targets = _pobjs(head, tpreps)
    if second is not None:  # 'a state of emergency in Pando': Pando, not 'emergency'
        targets = [(g, c) for g, c in targets if g.i != second.i] + _pobjs(second, tpreps)
    preps = spec["author_preps"][kind]
    done_to = kind in ("act", "measure")
    # (token, the child it hangs from, written as the whole object)
    authors = [(c, c, not done_to) for c in head.children if c.dep_ in MODIFIERS and c.pos_ != "PRON"]
    authors += [(g, c, preps[c.lower_]) for g, c in _pobjs(head, preps)]
    targets = [(g, c, False) for g, c in targets]
    tiers = [targets] if targets_only else [targets, authors] if done_to else [authors, targets]
    for toks in tiers:
        found = [_written(e, head, t, sp) if whole else e for t, via, whole in toks for e in named(t)]
        if found:
            return found
    if targets_only:
        return []
    found = _clauses(head, r)
    if not found and kind == "measure":  # a measure on what no one is ('restrictions on the formation of parties')
        found = [e for t, _, _ in targets if t.pos_ in ("NOUN", "PROPN") for e in r.res.entities(t)]
    return found


def _clauses(head: Any, r: Any) -> list[Entity]:
    """Who is named in a clause under the object ('sanctions imposed on Eritrea', 'an invitation
    to meet with Kim', 'appeals to free the journalist', 'sanctions imposed by the UN')."""
    preps = rules()["target_preps"]["other"] + ["of"]
    agents = [g for c in head.children if c.dep_ == "acl" for p in c.children if p.dep_ == "agent"
              for g in p.children if g.dep_ == "pobj"]
    found = [_written(e, head, t, r.res.sp) for t in agents for e in r.named(t)]
    if found:  # 'the draft law proposed by the opposition'
        return found
    toks = []
    toks += [g for c in head.children if c.dep_ == "acl" for t in [c] + [x for x in c.children if x.dep_ == "xcomp"]
             for g, _ in _pobjs(t, preps)]
    toks += [g for c in head.children if c.dep_ == "acl" for g in c.children if g.dep_ == "dobj"
             and r.actor_like(g)]
    return [e for t in toks for e in r.named(t)]


def _written(ent: Entity, head: Any, tok: Any, sp: Any) -> Entity:
    """The author `tok` written as the object, up to the author's own phrase: '[Britain's
    proposal] to hold talks', '[a fuel depot of the army] or its allies'."""
    lo, _ = phrase(head)
    hi = head.i + 1 if tok.i < head.i else max(head.i + 1, phrase(tok)[1])
    span = sp[lo:hi]
    if span.start_char > (ent.start or 0) or span.end_char < (ent.end or 0):
        return ent
    return dataclasses.replace(ent, entity_text=span.text, start=span.start_char, end=span.end_char)
