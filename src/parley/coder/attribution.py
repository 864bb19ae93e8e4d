"""Who says so: reporting chains ("X reported", "according to X", "citing X", "officials said",
"sources familiar with", "said in an interview with X", "told X", datelines such as "KYIV
(Reuters) -") and the outlets an article credits.

The `attribution` stage finds links per sentence (and one for the article's dateline);
`chain_for` picks, for one event, the links that govern its trigger, drops the actor's own
voice ("Zelensky said he will not negotiate" is Zelensky's event, not a report about it) and
orders them outermost first: the dateline's agency, then the outlet, then whom it cites.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from parley.coder.clauses import is_aside
from parley.coder.resolve import Resolver
from parley.schema import Attribution, Entity

OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}
# How far a closing 'according to X' or a hedge reaches to sentences around it: a paragraph's
# worth; feeds that drop paragraph breaks would otherwise spread one source over the article.
BORROW_REACH = 3
ARTICLE = -1  # key of article-level links (the dateline) in doc.attribution
REPORTED = -2  # key of whom an outlet's report cites ("Citing X, the report says ..."), any sentence
INDEFINITE = {"a", "an", "one", "two", "three", "four", "several", "some", "other", "another"}
ANONYMITY_PHRASES = ("condition of anonymity", "not authorized to", "not authorised to", "declined to be named",
                     "asked not to be named", "requested anonymity", "insisted on anonymity", "speaking anonymously")
DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30}?)?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?\s*)?"
    r"\((?P<outlet>[A-Z][A-Za-z.&'’\- ]{1,40})\)\s*[-–—:]+\s")


@dataclass
class Link:
    attribution: Attribution
    sentence: int
    scope: str  # "clause": the reporting verb's complement; "sentence"; "hedge"; "article"
    verb: int | None = None  # token index of the reporting verb (clause scope)
    speaker: Entity | None = None
    order: int = 0  # 0 = outer (the reporter), 1 = inner (whom the reporter cites)
    backward: bool = False  # "according to X" also covers earlier sentences of its paragraph
    of_outlet: str | None = None  # the outlet whose report cites this source ("the report, citing X")


@dataclass
class Sources:
    outlets: dict[str, dict[str, Any]]
    generic: set[str]
    document_nouns: set[str]
    anaphors: set[str]
    anonymous_heads: set[str]
    anonymous_always: set[str]
    anonymous_cues: set[str]
    hedges: set[str]
    reporting: set[str]
    _matcher: Any = None

    def matcher(self, vocab: Any) -> Any:
        """A PhraseMatcher over the outlet names, one per spaCy vocabulary."""
        if self._matcher is None or self._matcher.vocab is not vocab:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc as SpacyDoc

            from parley.coder.actors import _tokenizer

            tok = _tokenizer(vocab)
            m = PhraseMatcher(vocab, attr="ORTH")
            for form in self.outlets:
                m.add(form, [SpacyDoc(vocab, words=tok(form))])
            self._matcher = m
        return self._matcher

    def outlet(self, text: str) -> dict[str, Any] | None:
        """The outlet a written name stands for ('AP', 'the Associated Press')."""
        return self.outlets.get(text) or self.outlets.get(text.strip().removeprefix("the ").removeprefix("The "))

    def same_outlet(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        ea, eb = self.outlet(a), self.outlet(b)
        if ea is not None and eb is not None:
            return ea is eb
        return a.strip().lower().removeprefix("the ") == b.strip().lower().removeprefix("the ")


@lru_cache(maxsize=1)
def sources() -> Sources:
    data = json.loads(resources.files("parley.data").joinpath("outlets.json").read_text("utf-8"))
    outlets: dict[str, dict[str, Any]] = {}
    for o in data["outlets"]:
        for form in [o["name"], *o.get("aliases", [])]:
            outlets[form] = o
    return Sources(outlets, set(data["generic"]), set(data["document_nouns"]), set(data["article_anaphors"]),
                   set(data["anonymous_heads"]), set(data.get("anonymous_always", [])),
                   set(data["anonymous_cues"]), set(data["hedges"]), set(data.get("reporting_verbs", [])))


def dateline(text: str) -> tuple[str, int, int] | None:
    """The agency of a dateline opening the text ('KYIV, Dec 23 (Reuters) -' -> Reuters)."""
    m = DATELINE.match(text[:160])
    if m is None:
        return None
    name = m.group("outlet").strip()
    src = sources()
    if src.outlet(name) is None and (len(name.split()) > 4 or name.lower() in ("file", "photo", "video", "updated")):
        return None
    return name, m.start("outlet"), m.start("outlet") + len(name)


def np_span(head: Any) -> Any:
    """The whole noun phrase of a head, without a trailing relative clause or appositive."""
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "appos", "punct", "cc") and child.i > head.i:
            break
        right = max(right, child.right_edge.i)
    return head.doc[head.left_edge.i: right + 1]


def _name_part(head: Any) -> list[Any]:
    """The words that name a source: the head, its left modifiers and a name in apposition
    ('the newspaper Jutarnji List'), not what a clause after it says ('a document seen by X')."""
    out = [t for left in head.lefts for t in left.subtree] + [head]
    for child in head.rights:
        if child.dep_ in ("appos", "compound", "npadvmod") or (child.pos_ == "PROPN" and child.dep_ != "conj"):
            out.extend(child.subtree)
    return out


class SourceReader:
    """Classifies a source noun phrase into an Attribution."""

    def __init__(self, resolver: Resolver, outlet_spans: dict[int, tuple[int, int, dict]]) -> None:
        self.resolver = resolver
        self.src = sources()
        self.outlet_at = outlet_spans  # token index -> (start token, end token, outlet entry)
        self.last_outlet: Attribution | None = None

    def outlet_in(self, head: Any) -> Attribution | None:
        """The outlet a phrase names ('The New York Times', 'the newspaper Jutarnji List')."""
        span = np_span(head)
        for t in _name_part(head):
            hit = self.outlet_at.get(t.i)
            if hit is not None:
                i, j, entry = hit
                words = head.doc[i:j]
                return Attribution(words.text, "outlet", entry.get("code"), words.start_char, words.end_char)
        if head.lemma_.lower() in self.src.generic or head.lower_ in self.src.generic:
            names = [t for t in span if t.pos_ == "PROPN" and t.i != head.i]
            if names:
                code = self._code_in(span)
                return Attribution(span.text, "outlet", code, span.start_char, span.end_char)
        return None

    def _code_in(self, span: Any) -> str | None:
        for t in span:
            m = self.resolver.at.get(t.i)
            if m is not None and m.entity.code:
                return m.entity.code
        return None

    def read(self, head: Any) -> tuple[Attribution, Entity | None]:
        span = np_span(head)
        att = self.outlet_in(head)
        if att is not None:
            self.last_outlet = att
            return att, None
        if self.last_outlet is not None and span.text.lower() in self.src.anaphors:
            a = self.last_outlet
            return Attribution(a.text, "outlet", a.code, a.start, a.end), None
        entity = self.resolver.entity(head, allow_unknown=False)
        kind = self.kind(head, span, entity)
        code = entity.code if entity is not None else None
        return Attribution(span.text, kind, code, span.start_char, span.end_char), entity

    def kind(self, head: Any, span: Any, entity: Entity | None) -> str:
        """outlet | official | anonymous | document | other, from the phrase's head and words."""
        lemma = head.lemma_.lower()
        if lemma in self.src.document_nouns:
            return "document"
        if head.pos_ == "NOUN" and lemma in self.src.anonymous_always:
            return "anonymous"
        if head.pos_ == "NOUN" and lemma in self.src.anonymous_heads:
            if self._cued(head) or any(t.lower_ in INDEFINITE or t.like_num or t.lower_ in ("former", "ex")
                                       for t in head.lefts):
                return "anonymous"
            return "official" if entity is not None and entity.code else "anonymous"
        if entity is not None and (entity.sector in OFFICIAL_SECTORS or entity.code in ("UNO", "EUR", "IGO")):
            return "official"
        return "other"

    def _cued(self, head: Any) -> bool:
        """'officials familiar with the talks', 'a diplomat who spoke on condition of anonymity'."""
        cues = self.src.anonymous_cues
        if any(t.lemma_.lower() in cues or t.lower_ in cues for t in head.subtree):
            return True
        low = head.sent.text.lower()
        return any(p in low for p in ANONYMITY_PHRASES)


def chain_for(doc: Any, sentence: int, trigger: Any, actor: list[Entity]) -> list[Attribution]:
    """The reporting chain of an event whose trigger token is `trigger`, outermost first."""
    links = _governing(doc, sentence, trigger)
    if not any(link.scope in ("clause", "sentence") for link in links):
        links = links + _borrowed(doc, sentence)
    kept = [link for link in links if not _self_report(link, actor)]
    kept.sort(key=lambda link: (link.order, _depth(doc, link)))
    kept = doc.attribution.get(ARTICLE, []) + kept
    out: list[Attribution] = []
    for link in kept:
        if not any(a.text == link.attribution.text for a in out):
            out.append(link.attribution)
    return _with_report_sources(doc, out)


def _with_report_sources(doc: Any, chain: list[Attribution]) -> list[Attribution]:
    """An outlet's report that says elsewhere whom it cites ("Citing former officials, the
    report ...") carries those sources into the chain of every event it reports, after the
    outlet, unless the event already names an inner source."""
    cited = doc.attribution.get(REPORTED, [])
    if not cited or not chain or chain[-1].kind != "outlet":
        return chain
    src = sources()
    inner = [link.attribution for link in cited if src.same_outlet(link.of_outlet, chain[-1].text)]
    return chain + [a for a in inner if not any(a.text == b.text for b in chain)]


def _governing(doc: Any, sentence: int, trigger: Any) -> list[Link]:
    out = []
    for link in doc.attribution.get(sentence, []):
        if link.scope == "clause":
            verb = doc.spacy[link.verb]
            if trigger.i != verb.i and _covers(verb, trigger):
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
    later = [s for s in sorted(doc.attribution) if sentence < s <= sentence + BORROW_REACH and para.get(s) == here]
    earlier = [s for s in sorted(doc.attribution, reverse=True)
               if max(0, sentence - BORROW_REACH) <= s < sentence and para.get(s) == here]
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


def _covers(verb: Any, trigger: Any) -> bool:
    """Does a reporting verb govern the trigger? Its complement does; so does a clause the
    parser joined to it ('Gunmen attacked a convoy, the ministry said' read as two conjuncts)."""
    if _descends(trigger, verb):
        return not any(is_aside(a) for a in [trigger, *trigger.ancestors] if _descends(a, verb))
    if verb.dep_ in ("conj", "parataxis") and verb.i > trigger.i:
        head = verb.head
        return head.i == trigger.i or _descends(trigger, head)
    return False


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
