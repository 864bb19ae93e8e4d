"""Pronouns: whom "he", "it", "they" stand for.

The subject of the governing reporting clause ("Zelensky said he ..."), else the nearest
compatible mention within six sentences; a person pronoun stops at the nearest person even
when that person's code is unknown; an object pronoun is never its own clause's subject
("Russia ... has annexed them" is not Russia). A pronoun whose antecedent is its own
sentence's reporting subject is written as that antecedent, as annotators mark it.
Mixed into `coder.resolve.Resolver` (which gives `entity`, `_from_name`, `sp`, `at`, `doc`).
"""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.pipeline.doc import ActorMention
from parley.schema import Entity

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "theirs", "themselves", "we", "our", "us"}
OBJECT_PRONOUNS = {"him", "her", "them", "it", "us"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
POSSESSIVE_PRONOUNS = {"his", "her", "hers", "its", "their", "theirs", "our"}
PERSON_SOURCES = {"person", "name-person"}
THING_SOURCES = {"country", "seat", "org", "name-org"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "acomp", "relcl", "pcomp"}
WINDOW = 6  # sentences a definite description or pronoun may look back


class Pronouns:
    """Back-references of the resolver."""

    sp: Any
    doc: Any
    at: dict[int, ActorMention]
    _sent_starts: list[int] | None

    def backref(self, pron: Any) -> Entity | None:
        person = pron.lower_ in PERSON_PRONOUNS
        binder = self._binder(pron)
        found = self._clause_subject(pron, person)
        if found is not None and not (binder and found.code == binder) and self._written_as_antecedent(pron, found):
            return found  # 'the ministry said it would ...': the actor is the ministry, written where it is named
        if found is None or (binder and found.code == binder):
            found = self._recent(pron, person, exclude=binder)
        if found is None:
            return None
        return dataclasses.replace(found, entity_text=pron.text, start=pron.idx, end=pron.idx + len(pron.text))

    def _written_as_antecedent(self, pron: Any, found: Entity) -> bool:
        """A subject or object pronoun whose antecedent is the subject of its own sentence's
        reporting clause is written as that antecedent (its offsets), as annotators mark it;
        possessives and antecedents in other sentences stay written as the pronoun."""
        if pron.lower_ in POSSESSIVE_PRONOUNS or found.start is None or found.end is None:
            return False
        sent = pron.sent
        return sent.start_char <= found.start and found.end <= sent.end_char

    def _compatible(self, ent: Entity | None, source: str, person: bool) -> bool:
        if ent is None:
            return False
        if person:
            return source in PERSON_SOURCES or (bool(ent.code) and bool(ent.office) and source == "agent")
        return bool(ent.code) and (source in THING_SOURCES or source in ("agent", "people"))

    def _clause_subject(self, pron: Any, person: bool) -> Entity | None:
        """The subject of a governing clause ('Zelensky said that he ...')."""
        tok = pron.head
        for _ in range(4):
            if tok.dep_ not in CLAUSE_DEPS or tok.head is tok:
                break
            tok = tok.head
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != pron.i \
                        and child.lower_ not in PERSON_PRONOUNS | THING_PRONOUNS:
                    m = self.at.get(child.i)
                    if person and m is not None and m.source in ("name", "name-person") and not m.entity.code:
                        return self._from_name(m, child, True)  # someone we cannot name: not someone else
                    ent = self.entity(child, allow_unknown=False)
                    source = m.source if m else ("agent" if ent else "")
                    if source == "adjective" and pron.lower_ in PLURAL_PRONOUNS and self._is_people(m):
                        source = "people"  # 'Hungarians said they ...'
                    if self._compatible(ent, source, person):
                        return ent
        return None

    def _binder(self, pron: Any) -> str | None:
        """An object pronoun ('annexed them', 'attacked him') is not its own clause's subject:
        the subject's code, to be skipped when looking for the antecedent."""
        if pron.lower_ not in OBJECT_PRONOUNS or pron.dep_ not in ("dobj", "pobj", "dative"):
            return None
        verb = pron.head.head if pron.dep_ == "pobj" else pron.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i == pron.i:
            return None
        if subj.pos_ == "PRON":
            if subj.lower_ not in PERSON_PRONOUNS | THING_PRONOUNS:
                return None
            ent = self._clause_subject(subj, subj.lower_ in PERSON_PRONOUNS) or \
                self._recent(subj, subj.lower_ in PERSON_PRONOUNS)
        else:
            ent = self.entity(subj, allow_unknown=False)
        return ent.code if ent is not None else None

    def _recent(self, pron: Any, person: bool, exclude: str | None = None) -> Entity | None:
        """The nearest earlier mention that fits; a person pronoun stops at the nearest person
        even when nobody knows who that is (a null code, not someone else's)."""
        limit = self._window_start(pron)
        for m in reversed(self.doc.actors):
            if m.j > pron.i or m.i < limit or (exclude and m.entity.code == exclude):
                continue
            if person and m.source in PERSON_SOURCES:
                return m.entity
            source = m.source
            if source == "adjective" and not person and pron.lower_ in PLURAL_PRONOUNS and self._is_people(m):
                source = "people"  # 'Bosnian Serbs said their forces ...'
            if self._compatible(m.entity, source, person):
                return m.entity
        return None

    def _is_people(self, m: ActorMention) -> bool:
        """A demonym used as a plural noun ('the Russians', 'Bosnian Serbs')."""
        tok = self.sp[m.j - 1]
        return tok.tag_ in ("NNS", "NNPS") and tok.dep_ not in ("amod", "compound")

    def _window_start(self, tok: Any, sentences: int = WINDOW) -> int:
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.sp.sents]
        starts = [s for s in self._sent_starts if s <= tok.i]
        return starts[-sentences] if len(starts) >= sentences else 0
