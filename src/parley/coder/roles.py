"""Who did it, to whom: actor and recipient of a trigger from the dependency parse.

PLOVER conventions (manual 2.4.2, 3.2.2, 3.16.1): compound actors are one list; in
reciprocal events (meetings, clashes) all participants are actors and there is no
recipient; a visitor is the actor and the host the recipient; in one-sided violence the
perpetrator is the actor and the victim the recipient.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder import lastresort
from parley.coder.clauses import is_time_word
from parley.coder.objects import inside, is_theme, object_kind, of_measure, rules, venue_place
from parley.coder.phrases import aside_cut, phrase, pobjs as _pobjs, possessed_end, shared_conjuncts
from parley.coder.resolve import Resolver
from parley.coder.subjects import governing_subject as _governing_subject, passive_subject as _passive, subject_of
from parley.coder.triggers import Trigger
from parley.schema import Entity

RECIPIENT_PREPS = {
    "default": ("against", "on", "upon", "at", "to", "with"),
    "CONSULT": ("with", "to"), "AGREE": ("with", "to"), "COOPERATE": ("with",), "AID": ("to", "for"),
    "SUPPORT": ("for", "to", "with"), "REQUEST": ("on", "upon", "to", "from", "for"), "REJECT": ("from", "by"),
    "ASSAULT": ("on", "against", "at", "into", "upon"), "SANCTION": ("on", "against", "to", "with"),
    "ACCUSE": ("against", "into", "on"), "THREATEN": ("against", "with", "to"), "COERCE": ("on", "against"),
    "MOBILIZE": ("against", "near", "to", "in", "for"), "PROTEST": ("against", "outside"), "RETREAT": ("from", "to"),
    "CONCEDE": ("to", "on", "with"),
}
# Events whose place stands for their recipient when nothing else does ("suspended aid
# deliveries in Nigeria", "declared a ceasefire in Hodeidah").
PLACE_RECIPIENT = {"AID", "SANCTION", "CONCEDE", "RETREAT", "AGREE", "COERCE", "MOBILIZE"}
# Events done to things, and what is condemned or rejected ('condemned the new law', 'rejected
# the plan'): their object is the target even when it names no one.
MATERIAL = {"ASSAULT", "COERCE", "PROTEST", "ACCUSE", "REJECT"}
INNER_PREPS = ("of", "from", "by", "on", "against", "to", "with", "for", "toward", "towards")
INSTRUMENTS = {"bomb", "car bomb", "missile", "rocket", "shell", "mortar", "drone", "airstrike", "strike",
               "explosion", "blast", "mine", "landmine", "grenade", "device", "ied", "bullet", "fire", "attack",
               "bombing", "shelling", "raid", "assault", "offensive", "ambush", "operation", "gunfire"}


def roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    """(actor, recipient, how the actor was found)."""
    if trig.frame in ("verb", "frame"):
        actor, recipient, how = _verb_roles(trig, res)
    elif trig.frame in ("support", "adj", "motion"):
        actor, recipient, how = _support_roles(trig, res)
    elif trig.frame == "receiver":
        actor, recipient, how = _receiver_roles(trig, res)
    else:
        actor, recipient, how = _occur_roles(trig, res)
    if trig.entry.get("swap_roles"):
        actor, recipient = recipient, actor
    cutter = Roles(res)  # an actor ends where a recipient would: 'Kigali, the capital[, ...]'
    return [cutter.cut(e) for e in actor], recipient, how


class Roles:
    """Entity lookups for one trigger. Subjects are actors unless they name no one (a
    report, a day); objects are recipients when they name people, groups or places, and
    otherwise stand for who owns or authored them ('rejected Britain's proposal')."""

    def __init__(self, res: Resolver) -> None:
        self.res = res
        lex = res.doc.resources.lexicon
        self.lex, self.people, self.not_agents = lex, lex.person_nouns, lex.not_agents
        self.event = ""  # the event whose recipients are being looked up

    def actor_like(self, head: Any) -> bool:
        if head.pos_ == "PROPN":
            return True
        mention = self.res.at.get(head.i)
        if mention is not None and mention.source in ("org", "country", "seat", "person") and mention.j == head.i + 1:
            return True  # a dictionary actor the tagger took for a common noun ('AMISOM')
        lemma = head.lemma_.lower()
        if lemma in ("each", "all", "some", "many", "most", "none", "any", "both") or head.pos_ == "NUM":
            return any(self.actor_like(g) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj")  # 'each of the providers', 'four of the firms'
        return lemma in self.people or lemma in self.res.dictionary.agents

    def ents(self, toks: list[Any], unknown: bool = True) -> list[Entity]:
        out: list[Entity] = []
        for t in toks:
            for e in self.res.entities(t, allow_unknown=unknown and self.actor_like(t)):
                if not any(e.start == o.start for o in out):
                    out.append(e)
        return out

    def subject(self, subj: Any) -> list[Entity]:
        agentive = subj.pos_ in ("NOUN", "PROPN") and subj.lemma_.lower() not in self.not_agents \
            and (self.actor_like(subj) or subj.tag_ in ("NNS", "NNPS"))  # 'the strategy', 'his goal' act not
        found = [e for e in self.res.entities(subj, allow_unknown=agentive)]
        if not found and subj.pos_ == "PRON":
            outer = _governing_subject(subj)
            found = self.subject(outer) if outer is not None else []
        return found

    def recipients(self, toks: list[Any], event: str) -> list[Entity]:
        """People, groups and places named as objects; other objects stand for whoever owns,
        authored or is targeted by them (an in-phrase only says where: 'talks in Istanbul')."""
        out: list[Entity] = []
        self.event = event
        for t in (_antecedent(t) for t in toks):
            venue = venue_place(t, event, self) if t.pos_ == "NOUN" else None
            if venue is not None:  # 'police for the UN mission in Haiti': Haiti
                found = venue
            elif is_theme(t, event, self.lex):  # 'sent troops', 'mobilized the army': what is sent, not to whom
                found = inside(t, self, targets_only=True) or [
                    e for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for g in c.children
                    if g.dep_ == "pobj" for e in inside(g, self, targets_only=True)]  # '$5 million in aid to X'
            elif (self.actor_like(t) and of_measure(t, self.lex) is None) or t.pos_ == "PRON":
                found = self.res.entities(t, allow_unknown=t.pos_ != "PRON") or self._part_of(t)
                if t.pos_ == "NOUN" and found and not any(e.start <= t.idx < e.end for e in found if e.start is not None):
                    found = self._inside(t) or found  # lifted from inside: 'a depot of the army'
            elif t.pos_ in ("NOUN", "PROPN"):
                found = self._inside(t)
                if not found and self._given_to(t):
                    found = self.res.entities(t, allow_unknown=True)  # 'gave money to farmers'
                if not found and event in MATERIAL and not t.lemma_.lower() in self.not_agents \
                        and object_kind(t, self.lex) != "measure":  # 'imposed a curfew': no one
                    found = self.res.entities(t, allow_unknown=True)  # the depot attacked, the house seized
            else:
                found = []
            found = [self.cut(self._placed(e, t)) for e in found]
            out += [e for e in found if not any(e.start == o.start and e.code == o.code for o in out)]
        return shared_conjuncts(self.res.sp, out)

    def _placed(self, ent: Entity, obj: Any) -> Entity:
        """An object with where it is, when the parser hung the place on the verb: 'seized
        [the airport in Goma]', 'arrested [students in Dhaka]'."""
        sp = self.res.sp
        end = phrase(obj)[1]
        if obj.dep_ != "dobj" or ent.end != sp[end - 1].idx + len(sp[end - 1].text) or end >= len(sp):
            return ent
        if obj.ent_type_ == "PERSON" or obj.lemma_.lower() in self.res.dictionary.office_words:
            return ent  # 'summoned the ambassador in Berlin': where the person is, not who
        prep = sp[end]
        place = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if prep.lower_ not in ("in", "at") or prep.head.i != obj.head.i or place is None or is_time_word(place):
            return ent
        if place.pos_ != "PROPN" or not any(e.code for e in self.res.entities(place, allow_unknown=False)):
            return ent
        stop_at = phrase(place)[1]
        last = next((sp[k - 1] for k in range(place.i + 1, stop_at) if sp[k].is_punct), sp[stop_at - 1])
        stop = last.idx + len(last.text)
        return dataclasses.replace(ent, entity_text=sp.text[ent.start:stop], end=stop)

    def cut(self, ent: Entity) -> Entity:
        """Without a description set off by a comma ('Hodeidah, a major flashpoint')."""
        if ent.start is None or ent.end is None:
            return ent
        owned = possessed_end(self.res.sp, ent.end)  # 'Peru’s' -> 'Peru’s elected government'
        if owned > ent.end:
            ent = dataclasses.replace(ent, entity_text=self.res.sp.text[ent.start:owned], end=owned)
        spec = rules()["asides"]
        people = _person_words(self.res.dictionary, spec["person_words"])
        span = self.res.sp.char_span(ent.start, ent.end, alignment_mode="expand")
        first = span[0] if span is not None and len(span) and span[0].idx == ent.start else None
        if first is not None and first.lower_ in ("both", "either", "neither") and any(
                c.dep_ == "conj" for c in first.head.children) and first.i + 1 < len(self.res.sp):
            nxt = self.res.sp[first.i + 1]  # '[both] India and Pakistan': the conjuncts are the recipients
            ent = dataclasses.replace(ent, entity_text=self.res.sp.text[nxt.idx:ent.end], start=nxt.idx)
        end = aside_cut(self.res.sp, ent.start, ent.end, people, spec["prepositions"], spec["time_prepositions"])
        if end >= ent.end:
            return ent
        text = self.res.sp.text[ent.start:end].rstrip(" ,")
        return dataclasses.replace(ent, entity_text=text, end=ent.start + len(text))

    def _part_of(self, t: Any) -> list[Entity]:
        """'three of the hostages', 'each of the providers': the group, written from the number."""
        lo = self.res.sp[phrase(t)[0]].idx
        return [dataclasses.replace(e, entity_text=self.res.sp.text[lo:e.end], start=lo)
                for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj" for e in self.res.entities(g) if e.start is not None and e.start > lo]

    def _given_to(self, t: Any) -> bool:
        """The object of 'to' after a verb of giving or sending names whom it is for."""
        if t.dep_ != "pobj" or t.head.lower_ != "to" or t.lemma_.lower() in self.not_agents:
            return False
        verb = t.head.head
        return bool((self.lex.verbs.get(verb.lemma_.lower()) or {}).get("theme_object"))

    def _inside(self, head: Any) -> list[Entity]:
        return inside(head, self)

    def named(self, t: Any) -> list[Entity]:
        """Entities a token inside an object names: coded ones, or any named in a phrase; a
        mission or force in a place names the place ('an expansion of its mission in Kosovo')."""
        venue = venue_place(t, self.event, self) if t.pos_ == "NOUN" and self.event else None
        if venue is not None:
            return venue
        found = self.res.entities(t, allow_unknown=t.dep_ == "pobj" and self.actor_like(t))
        return [e for e in found if e.code or t.dep_ == "pobj"]


def _person_words(dictionary: Any, extra: list[str]) -> set[str]:
    """Words that title a person: one-word offices, titles and data/roles.json person words
    (built once per dictionary, kept on it)."""
    found = getattr(dictionary, "_person_words", None)
    if found is None:
        found = {k for k, v in dictionary.agents.items() if v.get("office") and " " not in k}
        found |= set(extra) | dictionary.titles
        dictionary._person_words = found
    return found


def _antecedent(tok: Any) -> Any:
    """'hit the positions and destroyed them': the object pronoun of a verb conjoined to an
    earlier one stands for that verb's object, when they agree in number."""
    if tok.pos_ != "PRON" or tok.lower_ not in ("it", "them") or tok.dep_ != "dobj" or tok.head.dep_ != "conj":
        return tok
    earlier = next((c for c in tok.head.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if earlier is None or earlier.pos_ not in ("NOUN", "PROPN"):
        return tok
    plural = earlier.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in earlier.children)
    return earlier if plural == (tok.lower_ == "them") else tok


def _actor_of_subject(subj: Any, r: Roles, lex: Any) -> list[Entity]:
    """The subject's entities; an event noun or weapon as subject ('US drone strikes killed',
    'a car bombing by the Islamic State killed') stands for whoever carried it out; a meeting
    for those between whom it is held ('the meeting between Peru and Chile rejected ...')."""
    if subj.lemma_.lower() in INSTRUMENTS or subj.lemma_.lower() in lex.nouns:
        inner = [c for c in subj.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        inner += [g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("by", "between") for g in c.children
                  if g.dep_ == "pobj"]
        found = r.ents(inner, unknown=False)
        if found:
            return found
        return r.ents([subj], unknown=False) or r.res.entities(subj, allow_unknown=True)
    return r.subject(subj)


def _verb_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    verb, event, r = trig.token, trig.event, Roles(res)
    lex = res.doc.resources.lexicon
    subj = trig.support if trig.frame == "frame" else subject_of(verb)
    if trig.frame == "frame":
        subj = subject_of(trig.support)
    actor = _actor_of_subject(subj, r, lex) if subj is not None else []
    how = f"subject:{subj.text}" if subj is not None else "none"
    if trig.entry.get("reciprocal"):
        partners = [e for e in r.ents(_pobjs(verb, ("with", "against", "between"))) if e not in actor]
        if event == "CONSULT":
            partners += [e for e in lastresort.partners_met(verb, r) if e not in actor + partners]
        return _together(trig, actor, partners), [], how
    if trig.entry.get("subject_is_recipient"):
        return r.ents(_pobjs(verb, ("from", "by")), unknown=False), actor, "from-phrase"
    recipient = r.recipients(_without_weapon(trig, verb, _targets(trig, verb, event, r.lex), r), event)
    recipient = [_without_charge(verb, e, r) for e in recipient]
    if not recipient and trig.content:  # whom the content is done to
        recipient = _content_recipients(r, _content_targets(verb), event)
    if not recipient and event == "PROTEST":
        recipient = lastresort.protested(r, [verb])
    if not recipient and event in rules()["refuge"]["types"]:
        recipient = lastresort.refuge(r, verb, event)
    if not recipient and event in PLACE_RECIPIENT:
        recipient = lastresort.place(r, [verb])
    if not recipient and event in rules()["purpose"]["types"]:
        recipient = lastresort.purpose(r, verb, event)
    return actor, recipient, how


def _without_weapon(trig: Trigger, verb: Any, targets: list[Any], r: "Roles") -> list[Any]:
    """An object that gave an assault its weapon ('fired rockets', 'opened fire', 'fired tear
    gas': the trigger's object table matched it and set a mode, or it is a weapon) is what it was done with, not to whom; its
    own at/on/into phrase names the target ('fired rockets at the town')."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if trig.event != "ASSAULT" or not trig.entry.get("_matched") or obj is None or r.actor_like(obj):
        return targets
    if not trig.mode and obj.lemma_.lower() not in INSTRUMENTS | set(r.lex.classes.get("weapons", ())):
        return targets
    return [t for t in targets if t.i != obj.i] + _pobjs(obj, RECIPIENT_PREPS["ASSAULT"])


def _without_charge(verb: Any, ent: Entity, r: "Roles") -> Entity:
    """The recipient of 'accused X of Y' without the charge the parser hung on X's noun
    (data/roles.json `charges`); 'members of the militia' is no charge."""
    preps, sp = rules()["charges"]["verbs"].get(verb.lemma_.lower()), r.res.sp
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if not preps or obj is None or ent.start is None or ent.end is None:
        return ent
    cut = next((c for c in obj.subtree if c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i and not any(
        g.dep_ == "pobj" and (r.actor_like(g) or g.ent_type_) for g in c.children)), None)
    if cut is None or not ent.start < cut.idx < ent.end:
        return ent
    text = sp.text[ent.start:cut.idx].rstrip(" ,")
    return dataclasses.replace(ent, entity_text=text, end=ent.start + len(text))


def _content_recipients(r: "Roles", toks: list[Any], event: str) -> list[Entity]:
    """Whom the content of a promise or agreement is done to, when it names an actor with a
    code ('agreed to send engineers to Chad'); what cooperation builds or offers ('agreed to set up
    a research centre') is no recipient. Threats and refusals keep any named target."""
    if r.lex.quad(event) not in (1, 2):
        return r.recipients(toks, event)
    people = r.lex.classes["captives"] | r.lex.classes["combatants"] | set(r.res.dictionary.agents)
    out: list[Entity] = []
    for t in toks:
        found = r.recipients([t], event)
        named = t.lemma_.lower() in people or any(c.lemma_.lower() in people for c in t.children if c.dep_ == "conj")
        out += [e for e in found if (e.code or named) and not any(e.start == o.start for o in out)]
    return out


def _content_targets(verb: Any) -> list[Any]:
    """The recipient of what is agreed, refused, demanded or threatened ('threatened to
    shell South Korean sites', 'refused to lift the ban on aid agencies')."""
    inner = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
    if inner is None:  # "ready for talks with X", "willing to ..." under a preposition
        inner = next((g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"), None)
    if inner is None or inner.pos_ not in ("VERB", "AUX"):
        return []
    obj = next((c for c in inner.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return ([obj] if obj is not None else []) + _pobjs(inner, ("to", "from", "against", "on", "with"))


# Verbs whose direct object is what is given, sent, withdrawn or lifted (`theme_object` in
# the lexicon): an explicit to/from/on/with phrase names the recipient ("deployed 300
# troops to Mali"), while "rescued 17 hostages" keeps its object.
THEME_PREPS = ("to", "for", "from", "on", "with", "against", "into")


def _targets(trig: Trigger, verb: Any, event: str, lex: Any) -> list[Any]:
    if trig.frame == "frame":
        subj = subject_of(verb)
        return [subj] if subj is not None else []
    if trig.entry.get("theme_object"):
        explicit = [t for t in _pobjs(verb, THEME_PREPS) if not is_theme(t, event, lex)]
        if explicit:
            return explicit
        deep = _deep_to(verb)
        if deep is not None:
            return [deep]
    targets: list[Any] = []
    passive, obj = _passive(verb), next((c for c in verb.children if c.dep_ == "dobj"), None)
    if passive is not None and trig.entry.get("theme_object") and obj is None and _sent(passive, lex):
        pass  # 'the peacekeepers were deployed': what was sent, not to whom ('they were given aid' is)
    elif passive is not None:
        targets.append(passive)
    elif obj is not None:
        targets.append(obj)
    elif event in ("REQUEST",):
        xcomp = next((c for c in verb.children if c.dep_ in ("ccomp",)), None)
        subj = subject_of(xcomp) if xcomp is not None else None
        if subj is not None:
            targets.append(subj)
    iobj = [c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return iobj + targets + _pobjs(verb, RECIPIENT_PREPS.get(event, RECIPIENT_PREPS["default"]))


SENT_CLASSES = ("troops", "observers", "aid", "weapons", "money")


def _sent(tok: Any, lex: Any) -> bool:
    """What is sent, deployed or given ('peacekeepers', 'aid', 'troops')."""
    return any(tok.lemma_.lower() in lex.classes.get(c, ()) for c in SENT_CLASSES)


def _deep_to(verb: Any) -> Any | None:
    """'returned a painting looted in the war to the Polish government':
    the to-phrase of a verb of giving that the parser hung deep inside its object (the last
    one naming a proper name or a coded place)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or verb.lemma_.lower() not in rules()["destination_verbs"]["words"]:
        return None
    found = [g for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "to" and t.i > obj.i
             for g in t.children if g.dep_ == "pobj" and (g.pos_ == "PROPN" or any(
                 c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ") and c.text[:1].isupper() for c in g.children))]
    return found[-1] if found else None


def _support_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun, verb, r = trig.token, trig.support if trig.support is not None else trig.token.head, Roles(res)
    lex = res.doc.resources.lexicon
    subj = subject_of(verb)
    actor = _actor_of_subject(subj, r, lex) if subj is not None else []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if not actor and poss:
        actor = r.ents(poss, unknown=False)
    preps = RECIPIENT_PREPS.get(trig.event, RECIPIENT_PREPS["default"])
    if trig.entry.get("reciprocal"):
        partners = [e for e in r.ents(_pobjs(noun, ("with", "between")) + _pobjs(verb, ("with",)))
                    if e not in actor]
        return _together(trig, actor, partners), [], f"subject:{subj.text}" if subj is not None else "possessor"
    targets = _pobjs(noun, preps + ("between",)) + _pobjs(verb, preps)
    if not targets and trig.event in ("ASSAULT", "COERCE"):  # 'its bombardment of the city'
        targets = [t for t in _pobjs(noun, ("of",)) if t.pos_ in ("NOUN", "PROPN")]
    if trig.frame == "motion":
        targets = _pobjs(verb, ("to", "in", "for"))
    if trig.frame == "adj":
        targets += [t for c in noun.children if c.dep_ in ("xcomp", "prep") for t in c.subtree
                    if t.dep_ == "pobj" and t.head.lower_ == "with"]
    iobj = [c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ in ("NOUN", "PROPN", "PRON")]
    recipient = r.recipients(targets + iobj, trig.event)
    if not recipient and trig.event == "PROTEST":
        recipient = lastresort.protested(r, [noun, verb])
    if not recipient and trig.event in PLACE_RECIPIENT:
        recipient = lastresort.place(r, [noun, verb])
    if not recipient and trig.event in rules()["purpose"]["types"]:
        recipient = lastresort.purpose(r, verb, trig.event)
    if not recipient and trig.frame == "adj" and trig.content:
        recipient = _content_recipients(r, _content_targets(noun), trig.event)
    return actor, recipient, f"subject:{subj.text}" if subj is not None else "possessor"


def _receiver_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun, verb, r = trig.token, trig.support, Roles(res)
    givers = _pobjs(noun, ("from", "by")) + _pobjs(verb, ("from", "by"))
    actor = r.ents(givers, unknown=False)
    subj = subject_of(verb)
    recipient = r.subject(subj) if subj is not None else []
    return actor, recipient, "from-phrase"


def _occur_roles(trig: Trigger, res: Resolver) -> tuple[list[Entity], list[Entity], str]:
    noun, r = trig.token, Roles(res)
    mods = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    actor = r.ents(mods, unknown=False)
    actor += r.ents(_pobjs(noun, ("between", "by", "among") + (("of",) if trig.entry.get("reciprocal") else ())),
                    unknown=False)
    targets = ("with", "against", "on") + (("of",) if trig.event in ("ASSAULT", "COERCE") else ())
    recipient = r.recipients(_pobjs(noun, targets), trig.event)  # 'shelling of Kharkiv'
    if trig.entry.get("reciprocal"):
        return _together(trig, actor, [e for e in recipient if e not in actor]), [], "modifiers"
    return actor, recipient, "modifiers"


def _together(trig: Trigger, actor: list[Entity], partners: list[Entity]) -> list[Entity]:
    """Reciprocal events list every participant as actor; the partners are remembered in
    case the event turns one-sided ('will not negotiate with Russia' is REJECT to Russia)."""
    trig.partners = partners
    return actor + partners
