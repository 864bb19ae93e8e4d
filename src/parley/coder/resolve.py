"""Noun phrase -> PLOVER entity objects.

"Russian forces" -> RUS MIL; "Moscow's envoys" -> RUS GOV; "rebels in the Ivory Coast" -> CIV
REB; "Israeli tanks" -> ISR MIL; "a group of Moroccan diplomats" -> MAR GOV; "the Russian
leader" -> the person who led Russia at the article's date; "the president", "the ministry",
"the group" -> the latest compatible entity of the article; "he" -> the subject of the
reporting clause, else the nearest compatible antecedent. An entity is written as the whole
noun phrase (its dependency subtree, without conjuncts and clauses), as annotators mark it.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder.actors import HEAD_OFFICES, office_matches
from parley.coder.pronouns import PERSON_PRONOUNS, PERSON_SOURCES, THING_PRONOUNS, Pronouns
from parley.coder.phrases import conjuncts, phrase
from parley.coder.names import org_sector
from parley.pipeline.doc import ActorMention, Doc
from parley.schema import Entity

NAMED_SOURCES = {"person", "org", "country", "seat"}
NOMINAL = {"NOUN", "PROPN", "PRON"}
NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
STATE_WORDS = {"government", "administration", "authority", "regime", "ministry", "cabinet", "country", "state",
               "side", "leadership", "presidency", "parliament", "army", "military", "force", "troop", "navy",
               "embassy", "police"}
GROUP_WORDS = {"group", "movement", "organisation", "organization", "militia", "faction", "alliance", "bloc",
               "rebel", "militant", "insurgent", "fighter", "guerrilla", "jihadist", "extremist", "network", "gang",
               "cartel", "outfit"}
NONSTATE = {"REB", "PRM", "CRM", "OPP", "PTY", "SOC", "UAF", "CVL", "REL", "MED", "JRN", "LAB", "BUS", "EDU", "REF"}
DEFINITE = {"the", "this", "that", "these", "those"}
LIFT_PREPS = ("by", "from", "against", "of", "on", "with", "to", "for")
# Nouns whose possessor is the other side ("Israel's ally in Lebanon" is not Israel).
RELATIONAL = {"ally", "proxy", "partner", "counterpart", "neighbour", "neighbor", "enemy", "rival", "opponent",
              "foe", "adversary", "critic", "victim"}
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
              "tomorrow", "tonight", "weekend", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "morning", "evening", "night", "week",
              "month", "year", "day", "hour", "decade", "time"}
# A bare 'the government' is the article's own government (see Resolver._own_government).
OWN_GOVERNMENT_WORDS = {"government", "administration", "regime", "cabinet"}
LOCATIVE = {"in", "at", "near", "inside", "outside"}
NON_COUNTRY = {"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"}


class Resolver(Pronouns):
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sp = doc.spacy
        self.dictionary = doc.resources.actors
        self.date = doc.article.published
        self.at: dict[int, ActorMention] = {}
        for mention in doc.actors:
            for t in range(mention.i, mention.j):
                self.at[t] = mention
        self._sent_starts: list[int] | None = None

    # -- public ---------------------------------------------------------------
    def entities(self, head: Any, allow_unknown: bool = True) -> list[Entity]:
        """The entities a role filler names (conjunctions give several)."""
        heads = [head] + conjuncts(head)
        heads += [h for h in self._collective_conjuncts(head) if h not in heads]
        out: list[Entity] = []
        for h in heads:
            ent = self.entity(h, allow_unknown=allow_unknown)
            for e in self._shared_modifier(h, ent) if ent is not None else []:
                if not any(_same(e, o) for o in out):
                    out.append(e)
        return out

    def _shared_modifier(self, head: Any, ent: Entity) -> list[Entity]:
        """'Hungarian and Romanian officials': one entity per conjoined country modifier."""
        for left in head.lefts:
            m = self.at.get(left.i)
            conj = [c for c in left.children if c.dep_ == "conj"]
            if m is None or m.entity.code != ent.code or not conj:
                continue
            out = [ent]
            for c in conj:
                other = self.at.get(c.i)
                if other is not None and other.entity.code and other.entity.code != ent.code:
                    out.append(dataclasses.replace(ent, code=other.entity.code, identifier_text=None,
                                                   identifier_id=None))
            return out
        return [ent]

    def entity(self, head: Any, allow_unknown: bool = True) -> Entity | None:
        if head.ent_type_ in NOT_ACTORS or head.lower_ in TIME_WORDS:
            return None
        if head.pos_ == "PRON" and head.lower_ in PERSON_PRONOUNS | THING_PRONOUNS:
            return self.backref(head)
        coll = self._collective(head, allow_unknown)
        if coll is not None:
            return coll
        mention = self.at.get(head.i)
        if mention is not None and mention.source in NAMED_SOURCES:
            return self._from_mention(mention, head)
        if mention is not None and mention.source.startswith("name"):
            if mention.source == "name" and self._agent_spec(head) is not None:
                return self._agent(head)  # 'Vice Foreign Minister' written in capitals
            return self._from_name(mention, head, allow_unknown)
        agent = self._agent(head)
        if agent is not None:
            return agent
        if head.lemma_.lower() in GROUP_WORDS:  # 'the group', 'the movement'
            ref = self._description(head, {})
            if ref is not None:
                return ref
        if mention is not None:  # "the Russians", "ethnic Albanians", "Kurds in Syria"
            return self._group(mention, head)
        return self._modified(head, allow_unknown)

    # -- named entities ---------------------------------------------------------
    def _from_mention(self, mention: ActorMention, head: Any) -> Entity:
        """The mention's entity, written as the whole noun phrase ('Russian President Vladimir
        Putin'); a person's office from the title before the name is already resolved."""
        return self._written(mention.entity, head, lo=mention.i)

    def _from_name(self, mention: ActorMention, head: Any, allow_unknown: bool) -> Entity | None:
        """A name the dictionary does not know: its code from the phrase around it ('Gambian
        President Dawda Jawara', 'Kenzo Oshima, the UN relief coordinator'), else null."""
        code, via = self._country_of(head)
        title = self._title(head)
        ent = mention.entity
        if code is None:
            appos = self._appositive(head)
            if appos is not None and appos.code:
                return self._written(dataclasses.replace(appos, identifier_text=None), head, lo=mention.i)
        if code is not None:
            sector = (title or {}).get("sector") or ("GOV" if title else None)
            if via is not None and via.source == "org" and sector in (None, "GOV"):
                sector = via.entity.sector
            if sector is None and mention.source == "name-org":
                sector = org_sector(self.sp[mention.i:mention.j])
            ent = dataclasses.replace(ent, code=code, sector=sector, office=(title or {}).get("office"))
        elif ent.code is None and not allow_unknown and mention.source not in ("name-person", "name-org", "name-place"):
            return None
        elif title:  # 'Judge Alejandro Rivera': the title gives sector and office even without a country
            former = any(t.lower_ in self.dictionary.former for t in self.sp[max(0, mention.i - 3):mention.j])
            ent = dataclasses.replace(ent, sector="ELI" if former else title.get("sector") or "GOV",
                                      office=title.get("office"))
        return self._written(ent, head, lo=mention.i)

    def _appositive(self, head: Any) -> Entity | None:
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                ent = self.entity(child, allow_unknown=False)
                if ent is not None:
                    return ent
        return None

    def _title(self, head: Any) -> dict[str, str] | None:
        """An agent noun among a name's left modifiers ('President Volodymyr Zelensky')."""
        for t in head.lefts:
            for tok in t.subtree:
                spec = self.dictionary.agents.get(tok.lemma_.lower())
                if spec:
                    return spec
        return None

    def _group(self, mention: ActorMention, head: Any) -> Entity:
        """A people named by its demonym ('the Russians') or an ethnic or regional group
        ('ethnic Albanians in Serbia' -> SRB; 'Kurds' alone -> null)."""
        ethnic = mention.i > 0 and self.sp[mention.i - 1].lower_ in ("ethnic", "ethnically")
        code = self._country_left_of(head, mention)
        if code is None:
            code, _ = self._country_of(head, rights_only=True)
        ent = mention.entity
        if code is not None or ethnic or mention.source == "region":
            ent = dataclasses.replace(ent, code=code, identifier_text=None, identifier_id=None)
        return self._written(dataclasses.replace(ent, sector=None), head)

    def _country_left_of(self, head: Any, mention: ActorMention) -> str | None:
        """'Iraqi Kurds', 'Bosnian Serbs': a country adjective before the group's name."""
        for t in head.lefts:
            m = self.at.get(t.i)
            if m is not None and m is not mention and m.entity.code and m.source in ("adjective", "country"):
                return m.entity.code
        return None

    # -- agent nouns and common nouns -------------------------------------------
    def _agent_spec(self, head: Any) -> dict[str, str] | None:
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" and lemma.endswith("s") and lemma not in self.dictionary.agents:
            lemma = lemma[:-1]  # 'Rebels' opening a sentence, tagged as a name
        prev = self.sp[head.i - 1] if head.i > 0 else None
        if prev is not None and prev.dep_ in ("compound", "amod"):
            two = f"{prev.lemma_.lower()} {lemma}"
            if two in self.dictionary.agents:
                return self.dictionary.agents[two]
        spec = self.dictionary.agents.get(lemma) or self.dictionary.agents.get(head.lower_)
        side = self._nonstate_modifier(head)
        return {**spec, "sector": side} if spec is not None and side else spec

    def _nonstate_modifier(self, head: Any) -> str | None:
        """'separatist leaders', 'rebel commander': a non-state side named as a modifier gives
        its sector to the agent noun (a leader of separatists is not a government)."""
        for t in head.lefts:
            if t.dep_ in ("compound", "amod"):
                spec = self.dictionary.agents.get(t.lemma_.lower()) or self.dictionary.agents.get(t.lower_)
                if spec is not None and spec.get("sector") in NONSTATE and spec.get("sector") != "OPP":
                    return spec["sector"]
        return None

    def _agent(self, head: Any) -> Entity | None:
        spec = self._agent_spec(head)
        if spec is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        code, via = self._country_of(head)
        sector, office = spec.get("sector"), spec.get("office")
        former = any(t.lower_ in self.dictionary.former for t in head.lefts)
        if code and office and not former and head.tag_ not in ("NNS", "NNPS") and via is not None \
                and via.source in ("country", "seat", "adjective"):
            person = self.dictionary.office_holder(code, office, self.date)
            if person is not None:
                return self._person_entity(person, head)
        if code is None and via is None:
            ref = self._description(head, spec)
            if ref is not None:
                return ref
        if via is not None and via.source in ("org", "name-org") and via.entity.sector in NONSTATE:
            sector = via.entity.sector
        if former and sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY"):
            sector = "ELI"
        ident = via.entity.identifier_text if via is not None and via.source == "org" else None
        return self._written(Entity(entity_text="", code=code, sector=sector, office=office, identifier_text=ident,
                                    sectors=list(via.entity.sectors) if via is not None else []), head)

    def _person_entity(self, person: Any, head: Any) -> Entity:
        res = self.dictionary.resolve([person], self.date)
        return self._written(Entity(entity_text="", code=res.code, sector=res.sector, identifier_text=person.name,
                                    identifier_id=person.wikidata, office=res.office), head)

    def _modified(self, head: Any, allow_unknown: bool) -> Entity | None:
        """A common noun with a country modifier ('a Saudi businessman', 'Russian aircraft'), or
        an act whose author or target is named inside it ('an appeal from President Gbagbo',
        'Serbia's suppression of ...', 'further action against Russia')."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        lifted = self._lift(head)
        if lifted is not None:
            return lifted
        code, via = self._country_of(head, rights_only=head.lemma_.lower() in RELATIONAL)
        if code is None and not allow_unknown:
            return None
        sectors = list(via.entity.sectors) if via is not None else []
        return self._written(Entity(entity_text="", code=code, sectors=sectors), head)

    def _lift(self, head: Any) -> Entity | None:
        if head.lemma_.lower() in self.dictionary.agents or head.pos_ != "NOUN":
            return None
        lex = self.doc.resources.lexicon
        if head.lemma_.lower() in lex.person_nouns or (head.tag_ == "NNS" and head.dep_ in ("nsubj", "nsubjpass")
                                                       and head.lemma_.lower() not in lex.nouns):
            return None  # 'Chad's cotton growers rejected': people of Chad, not its government
        inner: list[Any] = []
        relational = head.lemma_.lower() in RELATIONAL
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON" and not relational:
                inner.append(child)
            elif child.dep_ == "prep" and child.lower_ in LIFT_PREPS:
                inner.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "acl":
                agent = next((g for g in child.children if g.dep_ == "agent"), None)
                if agent is not None:
                    inner.extend(g for g in agent.children if g.dep_ == "pobj")
        for tok in inner:
            ent = self.entity(tok, allow_unknown=False)
            if ent is not None and ent.code:
                return ent
        return None

    def _collective_conjuncts(self, head: Any) -> list[Any]:
        """'the leaders of Russia, Ukraine, France and Germany': every conjoined country of a
        collective's of-phrase is an actor of its own (named countries and seats only)."""
        if head.lemma_.lower() not in self.dictionary.collective and head.lower_ not in self.dictionary.collective \
                and (self._agent_spec(head) or {}).get("office") is None:
            return []
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            return []
        return [c for c in obj.conjuncts if c.i > obj.i and c.pos_ == "PROPN" and (m := self.at.get(c.i)) is not None
                and m.source in ("country", "seat")]

    def _collective(self, head: Any, allow_unknown: bool) -> Entity | None:
        """'a group of Moroccan diplomats', 'members of the Syrian parliament', 'thousands of
        Iraqi Kurds': the entity is the of-phrase's, written as the whole phrase."""
        if head.lemma_.lower() not in self.dictionary.collective and head.lower_ not in self.dictionary.collective:
            return None
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            return None
        inner = self.entity(obj, allow_unknown=allow_unknown)
        if inner is None:
            return None
        return self._written(dataclasses.replace(inner), head)

    def _country_of(self, head: Any, rights_only: bool = False) -> tuple[str | None, ActorMention | None]:
        """The country a noun phrase belongs to: its modifiers, possessor, or an of/from/in-phrase
        ('rebels in the Ivory Coast'), the phrase's own object before its modifiers."""
        candidates = [] if rights_only else [t for left in head.lefts for t in left.subtree]
        for child in head.rights:
            if child.dep_ in ("prep", "amod", "acl") and child.lower_ in ("of", "from", "in", "inside", "loyal"):
                objs = [g for g in child.children if g.dep_ == "pobj"]
                candidates.extend(objs + [t for t in child.subtree if t not in objs])
        for t in candidates:
            m = self.at.get(t.i)
            if m is None or not m.entity.code:
                continue
            if m.source == "adjective" and m.i > 0 and self.sp[m.i - 1].lower_ in ("ethnic", "ethnically"):
                continue
            if _stance_prefixed(self.sp, m.i):  # 'pro-Iranian', 'anti-Syria': a stance, not a country
                continue
            return m.entity.code, m
        for t in candidates:  # 'its forces', 'their leaders'
            if t.dep_ == "poss" and t.pos_ == "PRON" and t.lower_ in ("its", "their") and t.head.i == head.i:
                ref = self.backref(t)
                if ref is not None and ref.code:
                    return ref.code, None
        return None, None

    # -- definite descriptions and pronouns -------------------------------------
    def _description(self, head: Any, spec: dict[str, str]) -> Entity | None:
        """'the president', 'the ministry', 'the group', 'the rebels': the latest compatible
        entity of the article, written with this phrase's words."""
        if not any(t.lower_ in DEFINITE for t in head.lefts):
            return None
        lemma, office, sector = head.lemma_.lower(), spec.get("office"), spec.get("sector")
        if not office and lemma in OWN_GOVERNMENT_WORDS:
            own = self._own_government(head, sector)
            if own is not None:
                return own
        limit = self._window_start(head)
        earlier = [m for m in reversed(self.doc.actors) if m.j <= head.i and m.i >= limit and m.entity.code]
        if not office and lemma in STATE_WORDS:  # 'wants a trade office in Hanoi; the ministry ...': not Hanoi's
            earlier = [m for m in earlier if not self._place_only(m)] + [m for m in earlier if self._place_only(m)]
        for m in earlier:
            ent = m.entity
            if office and m.source in PERSON_SOURCES:
                if office_matches(ent.office, office) or (office == "leader" and ent.office in HEAD_OFFICES):
                    return self._written(ent, head)
            elif not office and lemma in GROUP_WORDS and m.source in ("org", "name-org") \
                    and (ent.sector in NONSTATE or ent.code in ("IGO", "IMG", "NGO", "EUR", "UNO")):
                return self._written(ent, head)
            elif not office and lemma in STATE_WORDS and m.source in ("country", "seat"):
                return self._written(dataclasses.replace(ent, sector=sector, identifier_text=ent.identifier_text,
                                                         identifier_id=None), head)
        if office:
            return self._office_of_latest_country(head, office, sector, limit)
        return None

    def _place_only(self, m: ActorMention) -> bool:
        """A country or capital named as where something is ('a trade office in Hanoi')."""
        tok = self.sp[m.j - 1]
        return m.source in ("country", "seat") and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE

    def _own_government(self, head: Any, sector: str | None) -> Entity | None:
        """A bare 'the government' / 'the administration' is the article's own government, not
        the country named last: the latest '<country> government' before it, else the country
        the article names most (its main country; ties go to the first named)."""
        lemma = head.lemma_.lower()
        for m in reversed(self.doc.actors):
            if m.j > head.i or not m.entity.code or m.source not in ("country", "seat", "adjective"):
                continue
            nxt = self.sp[m.j] if m.j < len(self.sp) else None
            if nxt is not None and nxt.lemma_.lower() == lemma and nxt.i != head.i:
                return self._written(dataclasses.replace(m.entity, sector=sector, identifier_id=None), head)
        counts: dict[str, int] = {}
        for m in self.doc.actors:
            if m.entity.code and m.source in ("country", "seat", "adjective") and m.entity.code not in NON_COUNTRY:
                counts[m.entity.code] = counts.get(m.entity.code, 0) + 1
        if not counts:
            return None
        best = max(counts.values())
        if list(counts.values()).count(best) > 1 and len(counts) > 1 and best == 1:
            return None  # several countries, each named once: no main country
        code = next(c for c, n in counts.items() if n == best)
        return self._written(Entity(entity_text="", code=code, sector=sector), head)

    def _office_of_latest_country(self, head: Any, office: str, sector: str | None, limit: int) -> Entity | None:
        """'the foreign minister' with no person named before it: the office of the country the
        text last named, and who held it at the article's date when the dictionary knows."""
        for m in reversed(self.doc.actors):
            if m.j > head.i or m.i < limit or not m.entity.code or m.source not in ("country", "seat"):
                continue
            if head.tag_ not in ("NNS", "NNPS"):
                person = self.dictionary.office_holder(m.entity.code, office, self.date)
                if person is not None:
                    return self._person_entity(person, head)
            return self._written(Entity(entity_text="", code=m.entity.code, sector=sector, office=office), head)
        return None

    # -- writing ----------------------------------------------------------------
    def _written(self, ent: Entity, head: Any, lo: int | None = None) -> Entity:
        """`ent` written as the noun phrase headed by `head`."""
        i, j = phrase(head)
        if lo is not None:
            i = min(i, lo)
        span = self.sp[i:j]
        return dataclasses.replace(ent, entity_text=span.text, start=span.start_char, end=span.end_char)


STANCE_PREFIXES = ("pro", "anti")


def _stance_prefixed(sp: Any, i: int) -> bool:
    """'pro-Iranian group', 'anti-Syria journalist' (tokenized 'pro', '-', 'Iranian')."""
    return i >= 2 and sp[i - 1].text == "-" and sp[i - 2].lower_ in STANCE_PREFIXES


def _same(a: Entity, b: Entity) -> bool:
    return a.code == b.code and a.entity_text == b.entity_text
