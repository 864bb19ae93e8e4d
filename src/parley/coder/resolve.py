"""Noun phrase -> PLOVER entity objects.

"Russian forces" -> RUS MIL; "Moscow's envoys" -> RUS GOV; "the Russian leader" -> the
person who led Russia at the article's date; "he" -> the nearest compatible antecedent
(the subject of the reporting clause first, then earlier mentions).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder.actors import HEAD_OFFICES
from parley.pipeline.doc import ActorMention, Doc
from parley.schema import Entity

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "theirs", "themselves", "we", "our", "us"}
PERSON_SOURCES = {"person", "ner-person"}
THING_SOURCES = {"country", "seat", "org", "ner-org", "ner-gpe"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "acomp", "relcl", "pcomp"}
NOMINAL = {"NOUN", "PROPN", "PRON"}
NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


class Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sp = doc.spacy
        self.dictionary = doc.resources.actors
        self.date = doc.article.published
        self.at: dict[int, ActorMention] = {}
        for mention in doc.actors:
            for t in range(mention.i, mention.j):
                self.at[t] = mention

    # -- public ---------------------------------------------------------------
    def entities(self, head: Any, allow_unknown: bool = True) -> list[Entity]:
        """The entities a role filler names (conjunctions give several)."""
        heads = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ in NOMINAL]
        out: list[Entity] = []
        for h in heads:
            ent = self.entity(h, allow_unknown=allow_unknown)
            if ent is not None and not any(_same(ent, e) for e in out):
                out.append(ent)
        return out

    def entity(self, head: Any, allow_unknown: bool = True) -> Entity | None:
        if head.ent_type_ in NOT_ACTORS:
            return None
        if head.lower_ in PERSON_PRONOUNS | THING_PRONOUNS and head.pos_ == "PRON":
            return self.backref(head)
        mention = self.at.get(head.i)
        if mention is not None and mention.source not in ("adjective", "ner-adjective"):
            return self._from_mention(mention, head)
        agent = self._agent(head)
        if agent is not None:
            return agent
        if mention is not None:  # "the Russians"
            return self._with_text(mention.entity, head, sector=None)
        if allow_unknown and head.pos_ in ("NOUN", "PROPN"):
            return Entity(entity_text=_core(head).text, code=None, start=_core(head).start_char,
                          end=_core(head).end_char)
        return None

    # -- pieces ---------------------------------------------------------------
    def _from_mention(self, mention: ActorMention, head: Any) -> Entity:
        """The mention's entity, written as the whole noun phrase ('The UN', 'Russian President
        Vladimir Putin')."""
        ent = mention.entity
        doc = head.doc
        span = doc[min(_core(head).start, mention.i): max(head.i + 1, mention.j)]
        ent = dataclasses.replace(ent, entity_text=span.text, start=span.start_char, end=span.end_char)
        if mention.source.startswith("ner-") and ent.code is None:
            code, _ = self._country_of(head)
            title = self._title(head)
            if code or title:
                sector = (title or {}).get("sector") or ("GOV" if title else None)
                return dataclasses.replace(ent, code=code, sector=sector,
                                           office=(title or {}).get("office"))
        return ent

    def _title(self, head: Any) -> dict[str, str] | None:
        """An agent noun among a name's left modifiers ('President Volodymyr Zelensky')."""
        for t in head.lefts:
            for tok in t.subtree:
                spec = self.dictionary.agents.get(tok.lemma_.lower())
                if spec:
                    return spec
        return None

    def _agent_spec(self, head: Any) -> dict[str, str] | None:
        lemma = head.lemma_.lower()
        prev = self.sp[head.i - 1] if head.i > 0 else None
        if prev is not None and prev.dep_ == "compound":
            two = f"{prev.lemma_.lower()} {lemma}"
            if two in self.dictionary.agents:
                return self.dictionary.agents[two]
        return self.dictionary.agents.get(lemma)

    def _agent(self, head: Any) -> Entity | None:
        spec = self._agent_spec(head)
        if spec is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        code, via = self._country_of(head)
        sector, office = spec.get("sector"), spec.get("office")
        former = any(t.lower_ in self.dictionary.former for t in head.lefts)
        core = _core(head)
        if code and office in HEAD_OFFICES and not former and head.tag_ != "NNS":
            person = self.dictionary.office_holder(code, office, self.date)
            if person is not None:
                return self._person_entity(person, core)
        if code is None and office and any(t.lower_ == "the" for t in head.lefts):
            ref = self._recent_person(head, office)
            if ref is not None:
                return self._with_text(ref, head)
        if former and sector in ("GOV", "MIL"):
            sector = "ELI"
        return Entity(entity_text=core.text, code=code, sector=sector, office=office,
                      identifier_text=via.entity.identifier_text if via and via.source in ("org",) else None,
                      start=core.start_char, end=core.end_char)

    def _person_entity(self, person: Any, core: Any) -> Entity:
        role = person.at(self.date)
        return Entity(entity_text=core.text, code=role.code, sector=role.sector,
                      identifier_text=person.name, identifier_id=person.wikidata, office=role.office,
                      start=core.start_char, end=core.end_char)

    def _country_of(self, head: Any) -> tuple[str | None, ActorMention | None]:
        """The country a noun phrase belongs to: its modifiers, possessor or of-phrase."""
        candidates = [t for left in head.lefts for t in left.subtree]
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                candidates.extend(child.subtree)
        for t in candidates:
            m = self.at.get(t.i)
            if m is not None and m.entity.code:
                return m.entity.code, m
        return None, None

    def _recent_person(self, head: Any, office: str) -> Entity | None:
        for m in reversed(self.doc.actors):
            if m.j <= head.i and m.source in PERSON_SOURCES and m.entity.code:
                if m.entity.office and office in m.entity.office:
                    return m.entity
        return None

    def _with_text(self, ent: Entity, head: Any, **changes: Any) -> Entity:
        core = _core(head)
        return dataclasses.replace(ent, entity_text=core.text, start=core.start_char,
                                   end=core.end_char, **changes)

    # -- back-references --------------------------------------------------------
    def backref(self, pron: Any) -> Entity | None:
        person = pron.lower_ in PERSON_PRONOUNS
        found = self._clause_subject(pron, person)
        if found is None:
            found = self._recent(pron, person)
        return self._with_text(found, pron) if found is not None else None

    def _compatible(self, ent: Entity | None, source: str, person: bool) -> bool:
        if ent is None or not ent.code:
            return False
        if person:
            return source in PERSON_SOURCES or bool(ent.office and ent.office not in ("",))
        return source in THING_SOURCES or source == "agent"

    def _clause_subject(self, pron: Any, person: bool) -> Entity | None:
        """The subject of a governing clause ('Zelensky said that he ...')."""
        tok = pron.head
        for _ in range(4):
            if tok.dep_ not in CLAUSE_DEPS or tok.head is tok:
                break
            tok = tok.head
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != pron.i and child.lower_ not in PERSON_PRONOUNS | THING_PRONOUNS:
                    m = self.at.get(child.i)
                    ent = self.entity(child, allow_unknown=False)
                    source = m.source if m else ("agent" if ent else "")
                    if self._compatible(ent, source, person):
                        return ent
        return None

    def _recent(self, pron: Any, person: bool) -> Entity | None:
        limit = self._window_start(pron)
        for m in reversed(self.doc.actors):
            if m.j <= pron.i and m.i >= limit and self._compatible(m.entity, m.source, person):
                return m.entity
        return None

    def _window_start(self, tok: Any, sentences: int = 3) -> int:
        starts = [s.start for s in self.sp.sents if s.start <= tok.i]
        return starts[-sentences] if len(starts) >= sentences else 0


def _core(head: Any) -> Any:
    """The noun phrase up to its head: left modifiers + head (no relative clauses)."""
    return head.doc[head.left_edge.i: head.i + 1]


def _same(a: Entity, b: Entity) -> bool:
    return a.code == b.code and a.entity_text == b.entity_text
