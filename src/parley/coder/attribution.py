"""Who says so: reporting chains ("X reported", "according to X", "citing X", "officials
said", "sources familiar with") and the outlets an article credits.

The `attribution` stage finds links per sentence; `chain_for` picks, for one event, the
links that govern its trigger, drops the actor's own voice ("Zelensky said he will not
negotiate" is Zelensky's event, not a report about it) and orders them outermost first.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from parley.coder.resolve import Resolver
from parley.schema import Attribution, Entity

OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}


@dataclass
class Link:
    attribution: Attribution
    sentence: int
    scope: str  # "clause": the reporting verb's complement; "sentence"; "hedge"
    verb: int | None = None  # token index of the reporting verb (clause scope)
    speaker: Entity | None = None
    order: int = 0  # 0 = outer (the reporter), 1 = inner (whom the reporter cites)
    backward: bool = False  # "according to X" also covers earlier sentences of its paragraph


@dataclass
class Sources:
    outlets: dict[str, dict[str, Any]]
    generic: set[str]
    document_nouns: set[str]
    anaphors: set[str]
    anonymous_heads: set[str]
    anonymous_cues: set[str]
    hedges: set[str]
    _matcher: Any = None

    def matcher(self, vocab: Any) -> Any:
        if self._matcher is None:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc as SpacyDoc

            from parley.coder.actors import _tokenizer

            tok = _tokenizer(vocab)
            m = PhraseMatcher(vocab, attr="ORTH")
            for form in self.outlets:
                m.add(form, [SpacyDoc(vocab, words=tok(form))])
            self._matcher = m
        return self._matcher


@lru_cache(maxsize=1)
def sources() -> Sources:
    data = json.loads(resources.files("parley.data").joinpath("outlets.json").read_text("utf-8"))
    outlets: dict[str, dict[str, Any]] = {}
    for o in data["outlets"]:
        for form in [o["name"], *o.get("aliases", [])]:
            outlets[form] = o
    return Sources(outlets, set(data["generic"]), set(data["document_nouns"]),
                   set(data["article_anaphors"]), set(data["anonymous_heads"]),
                   set(data["anonymous_cues"]), set(data["hedges"]))


def np_span(head: Any) -> Any:
    """The whole noun phrase of a head, without a trailing relative clause or appositive."""
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "appos", "punct", "cc") and child.i > head.i:
            break
        right = max(right, child.right_edge.i)
    return head.doc[head.left_edge.i: right + 1]


class SourceReader:
    """Classifies a source noun phrase into an Attribution."""

    def __init__(self, resolver: Resolver, outlet_spans: dict[int, tuple[int, int, dict]]) -> None:
        self.resolver = resolver
        self.src = sources()
        self.outlet_at = outlet_spans  # token index -> (start token, end token, outlet entry)
        self.last_outlet: Attribution | None = None

    def read(self, head: Any) -> tuple[Attribution, Entity | None]:
        span = np_span(head)
        for t in span:
            hit = self.outlet_at.get(t.i)
            if hit is not None:
                i, j, entry = hit
                words = head.doc[i:j]
                att = Attribution(words.text, "outlet", entry.get("code"), words.start_char, words.end_char)
                self.last_outlet = att
                return att, None
        lower = span.text.lower()
        if self.last_outlet is not None and lower in self.src.anaphors:
            a = self.last_outlet
            return Attribution(a.text, "outlet", a.code, a.start, a.end), None
        entity = self.resolver.entity(head, allow_unknown=False)
        kind = self._kind(head, span, entity)
        code = entity.code if entity is not None else None
        return Attribution(span.text, kind, code, span.start_char, span.end_char), entity

    def _kind(self, head: Any, span: Any, entity: Entity | None) -> str:
        lemma = head.lemma_.lower()
        if lemma in self.src.generic and any(t.pos_ == "PROPN" for t in span):
            return "outlet"
        if lemma in self.src.document_nouns:
            return "document"
        named = any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span)
        cued = any(t.lemma_.lower() in self.src.anonymous_cues for t in head.subtree)
        if lemma in self.src.anonymous_heads and (cued or not named) and head.pos_ == "NOUN":
            return "anonymous"
        if entity is not None and (entity.sector in OFFICIAL_SECTORS or entity.code):
            return "official"
        return "other"


def chain_for(doc: Any, sentence: int, trigger: Any, actor: list[Entity]) -> list[Attribution]:
    """The reporting chain of an event whose trigger token is `trigger`, outermost first."""
    links = _governing(doc, sentence, trigger)
    if not any(link.scope in ("clause", "sentence") for link in links):
        links = links + _borrowed(doc, sentence)
    kept = [link for link in links if not _self_report(link, actor)]
    kept.sort(key=lambda link: (link.order, _depth(doc, link)))
    out: list[Attribution] = []
    for link in kept:
        if not any(a.text == link.attribution.text for a in out):
            out.append(link.attribution)
    return out


def _governing(doc: Any, sentence: int, trigger: Any) -> list[Link]:
    out = []
    for link in doc.attribution.get(sentence, []):
        if link.scope == "clause":
            verb = doc.spacy[link.verb]
            if trigger.i != verb.i and _descends(trigger, verb):
                out.append(link)
        elif link.scope == "sentence":
            out.append(link)
    return out


def _borrowed(doc: Any, sentence: int) -> list[Link]:
    """Hedged sentences ('reportedly') and paragraphs closed by 'according to X'."""
    para = {s.seq: s.paragraph for s in doc.sentences}
    here = para.get(sentence)
    own = doc.attribution.get(sentence, [])
    hedged = any(link.scope == "hedge" for link in own)
    later = [s for s in sorted(doc.attribution) if s > sentence and para.get(s) == here]
    earlier = [s for s in sorted(doc.attribution, reverse=True) if s < sentence and para.get(s) == here]
    for s in later:
        back = [link for link in doc.attribution[s] if link.backward]
        if back:
            return back
    if hedged:
        for s in later + earlier:
            found = [link for link in doc.attribution[s] if link.attribution.kind == "outlet" and link.order == 0]
            if found:
                return found[:1]
    return []


def _descends(tok: Any, ancestor: Any) -> bool:
    for anc in tok.ancestors:
        if anc.i == ancestor.i:
            return True
    return False


def _depth(doc: Any, link: Link) -> int:
    if link.verb is None:
        return -1
    return sum(1 for _ in doc.spacy[link.verb].ancestors)


def _self_report(link: Link, actor: list[Entity]) -> bool:
    sp = link.speaker
    if sp is None or not actor:
        return False
    for a in actor:
        if sp.identifier_text and sp.identifier_text == a.identifier_text:
            return True
        if sp.code and sp.code == a.code and (sp.sector == a.sector or sp.entity_text.lower() in a.entity_text.lower()
                                               or a.entity_text.lower() in sp.entity_text.lower()):
            return True
    return False
