"""Stage `attribution`: reporting links per sentence, and the outlets the article credits."""
from __future__ import annotations

from typing import Any

from parley.coder.actors import longest_matches
from parley.coder.attribution import Link, SourceReader, sources
from parley.coder.resolve import Resolver
from parley.pipeline.doc import Doc
from parley.pipeline.registry import stage
from parley.schema import Attribution, Span

SUBJECTS = ("nsubj", "nsubjpass")


def _outlet_index(doc: Doc) -> dict[int, tuple[int, int, dict]]:
    src = sources()
    sp = doc.spacy
    index: dict[int, tuple[int, int, dict]] = {}
    for match_id, i, j in longest_matches(src.matcher(sp.vocab)(sp)):
        entry = src.outlets[sp.vocab.strings[match_id]]
        for t in range(i, j):
            index[t] = (i, j, entry)
    return index


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _links_in(sent: Any, seq: int, reader: SourceReader, reporting: set[str]) -> list[Link]:
    links: list[Link] = []
    hedges = sources().hedges
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                att, who = reader.read(obj)
                links.append(Link(att, seq, "sentence", speaker=who, backward=True))
        elif lemma == "cite" and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                att, who = reader.read(obj)
                links.append(Link(att, seq, "sentence", speaker=who, order=1))
        elif lemma in reporting and tok.pos_ in ("VERB", "AUX"):
            link = _reporting_link(tok, seq, reader)
            if link is not None:
                links.append(link)
        elif tok.lower_ in hedges:
            links.append(Link(_hedge(tok), seq, "hedge"))
    return links


def _reporting_link(verb: Any, seq: int, reader: SourceReader) -> Link | None:
    subj = _subject(verb)
    if subj is None:
        return None
    if subj.pos_ == "PRON":
        who = reader.resolver.entity(subj, allow_unknown=False)
        return Link(_pronoun_source(subj, who), seq, "clause", verb=verb.i, speaker=who) if who else None
    att, who = reader.read(subj)
    return Link(att, seq, "clause", verb=verb.i, speaker=who or reader.resolver.entity(subj))


def _pronoun_source(pron: Any, who: Any) -> Attribution:
    kind = "official" if who.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "ELI") else "other"
    return Attribution(who.entity_text, kind, who.code, pron.idx, pron.idx + len(pron.text))


def _hedge(tok: Any) -> Attribution:
    return Attribution(tok.text, "other", None, tok.idx, tok.idx + len(tok.text))


@stage("attribution", requires=["sentences", "actors"], assigns=["attribution", "cites"])
def attribution(doc: Doc) -> Doc:
    """Find who reports what: reporting verbs, 'according to', 'citing', hedges."""
    reader = SourceReader(Resolver(doc), _outlet_index(doc))
    reporting = doc.resources.lexicon.reporting_verbs
    doc.attribution = {}
    for rec, sent in zip(doc.sentences, doc.sents):
        links = _links_in(sent, rec.seq, reader, reporting)
        if links:
            doc.attribution[rec.seq] = links
    doc.article.cites = _cites(doc)
    return doc


def _cites(doc: Doc) -> list[Span]:
    seen: set[str] = set()
    out: list[Span] = []
    for links in doc.attribution.values():
        for link in links:
            a = link.attribution
            if a.kind == "outlet" and a.start is not None and a.text.lower() not in seen:
                seen.add(a.text.lower())
                out.append(Span(text=a.text, start=a.start, end=a.end))
    return sorted(out, key=lambda s: s.start)
