"""Stage `attribution`: reporting links per sentence, the article's dateline, and the outlets
the article credits (Article.cites)."""
from __future__ import annotations

from typing import Any

from parley.coder.actors import longest_matches
from parley.coder.attribution import ARTICLE, REPORTED, Link, SourceReader, dateline, np_span, sources
from parley.coder.resolve import Resolver
from parley.pipeline.doc import Doc
from parley.pipeline.registry import stage
from parley.schema import Attribution, Span

SUBJECTS = ("nsubj", "nsubjpass")
CHANNEL_PREPS = ("to", "with", "on", "in")  # "told the BBC", "in an interview with CNN", "said on Fox News"
CHANNEL_NOUNS = {"interview", "conversation", "podcast", "broadcast", "op-ed", "column", "article", "comments",
                 "remarks", "appearance", "briefing"}
OBTAIN_VERBS = {"see", "obtain", "review", "read", "publish", "report", "acquire", "examine"}
CREDIT_VERBS = OBTAIN_VERBS | {"reveal", "break", "broadcast", "air", "quote", "interview", "tell", "confirm",
                               "disclose", "cite", "describe", "document", "verify", "analyse", "analyze"}


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


def _pobj(prep: Any) -> Any | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _links_in(sent: Any, seq: int, reader: SourceReader, reporting: set[str]) -> list[Link]:
    links: list[Link] = []
    hedges = sources().hedges
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            obj = _pobj(tok.doc[tok.i + 1])
            if obj is not None:
                links += _according_to(obj, seq, reader)
        elif lemma == "cite" and tok.pos_ == "VERB":
            links += _cited(tok, seq, reader)
        elif lemma in reporting and tok.pos_ in ("VERB", "AUX"):
            links += _reporting_links(tok, seq, reader)
        elif tok.lower_ in hedges:
            links.append(Link(_hedge(tok), seq, "hedge"))
    return links


def _cited(verb: Any, seq: int, reader: SourceReader) -> list[Link]:
    """'citing X and Y': one inner link per source, the specific one of 'sources such as X';
    when the citing one is an outlet's report ('Citing X, the report says'), the links name it."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    heads = [obj] + [c for c in obj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    reporter = _reporter(verb, reader)
    links = []
    for head in heads:
        att, who = reader.read(_such_as(head))
        links.append(Link(att, seq, "sentence", speaker=who, order=1, of_outlet=reporter))
    return links


def _such_as(head: Any) -> Any:
    """'sources such as former senior officials' -> 'former senior officials'."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and any(t.lower_ == "such" for t in prep.lefts):
            return _pobj(prep) or head
    return head


def _reporter(verb: Any, reader: SourceReader) -> str | None:
    """The outlet whose report does the citing: the subject of the clause 'citing' hangs from."""
    gov = verb.head if verb.dep_ in ("advcl", "xcomp", "conj") else verb
    subj = _subject(gov)
    if subj is None:
        return None
    hit = reader.outlet_in(subj)
    if hit is not None:
        return hit.text
    last = reader.last_outlet
    phrase = np_span(subj).text.lower()
    return last.text if last is not None and phrase in reader.src.anaphors else None


def _according_to(obj: Any, seq: int, reader: SourceReader) -> list[Link]:
    """'according to X'; 'according to a document seen by Reuters' -> Reuters, then the document."""
    att, who = reader.read(obj)
    links = []
    if att.kind == "document":
        holder = _obtained_by(obj, reader)
        if holder is not None:
            links.append(Link(holder, seq, "sentence", backward=True))
            return links + [Link(att, seq, "sentence", speaker=who, order=1, backward=True)]
    return [Link(att, seq, "sentence", speaker=who, backward=True)]


def _obtained_by(doc_noun: Any, reader: SourceReader) -> Attribution | None:
    for acl in doc_noun.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in OBTAIN_VERBS:
            for agent in acl.children:
                obj = _pobj(agent) if agent.dep_ == "agent" else None
                if obj is not None:
                    return reader.outlet_in(obj)
    return None


def _channel(verb: Any, reader: SourceReader) -> Attribution | None:
    """The outlet a speaker talked to: 'told the BBC', 'said in an interview with CNN',
    'speaking to Reuters', 'said on Fox News', 'wrote in the Financial Times'."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj", "iobj") and verb.lemma_.lower() == "tell":
            hit = reader.outlet_in(child)
            if hit is not None:
                return hit
        if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
            obj = _pobj(child)
            if obj is None:
                continue
            hit = reader.outlet_in(obj)
            if hit is not None:
                return hit
            if obj.lemma_.lower() in CHANNEL_NOUNS:
                for sub in obj.children:
                    inner = _pobj(sub) if sub.dep_ == "prep" and sub.lower_ in ("with", "to", "on", "in") else None
                    if inner is not None and (hit := reader.outlet_in(inner)) is not None:
                        return hit
        if child.dep_ == "advcl" and child.lemma_.lower() in ("speak", "talk"):
            hit = _channel(child, reader)
            if hit is not None:
                return hit
    return None


def _reporting_links(verb: Any, seq: int, reader: SourceReader) -> list[Link]:
    subj = _subject(verb)
    if subj is None:
        return []
    if subj.pos_ == "PRON":
        who = reader.resolver.entity(subj, allow_unknown=False)
        if who is None:
            return []
        att, order = _pronoun_source(subj, who), 0
    else:
        att, who = reader.read(subj)
        who = who or reader.resolver.entity(subj)
        order = 0
    links = []
    channel = _channel(verb, reader)
    if channel is not None and channel.kind == "outlet" and att.kind != "outlet":
        links.append(Link(channel, seq, "clause", verb=verb.i))
        order = 1
    links.append(Link(att, seq, "clause", verb=verb.i, speaker=who, order=order))
    return links


def _pronoun_source(pron: Any, who: Any) -> Attribution:
    kind = "official" if who.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "ELI") else "other"
    return Attribution(who.entity_text, kind, who.code, pron.idx, pron.idx + len(pron.text))


def _hedge(tok: Any) -> Attribution:
    return Attribution(tok.text, "other", None, tok.idx, tok.idx + len(tok.text))


def _dateline_link(doc: Doc) -> Link | None:
    """'KYIV (Reuters) -': the agency is the outermost source of every event, unless it is
    the publishing outlet itself (that one is the article's own cite_info)."""
    found = dateline(doc.text)
    if found is None:
        return None
    name, start, end = found
    src = sources()
    if src.same_outlet(name, doc.article.outlet):
        return None
    entry = src.outlet(name)
    return Link(Attribution(name, "outlet", entry.get("code") if entry else None, start, end), ARTICLE, "article")


@stage("attribution", requires=["sentences", "actors"], assigns=["attribution", "cites"])
def attribution(doc: Doc) -> Doc:
    """Find who reports what: datelines, reporting verbs, 'according to', 'citing', hedges."""
    outlets = _outlet_index(doc)
    reader = SourceReader(Resolver(doc), outlets)
    reporting = doc.resources.lexicon.reporting_verbs | sources().reporting
    doc.attribution = {}
    head = _dateline_link(doc)
    if head is not None:
        doc.attribution[ARTICLE] = [head]
    for rec, sent in zip(doc.sentences, doc.sents):
        links = _links_in(sent, rec.seq, reader, reporting)
        if links:
            doc.attribution[rec.seq] = links
    reported = [link for links in doc.attribution.values() for link in links if link.of_outlet]
    if reported:
        doc.attribution[REPORTED] = reported
    doc.article.cites = _cites(doc, outlets)
    return doc


def _credited(doc: Doc, outlets: dict[int, tuple[int, int, dict]]) -> list[Attribution]:
    """Outlets credited without a reporting verb of their own: 'a memo published by Der
    Spiegel', 'first reported by Axios', 'a report in the Guardian', 'the Post's investigation'."""
    sp = doc.spacy
    src = sources()
    out = []
    spans = {(i, j): entry for i, j, entry in outlets.values()}
    for (i, j), entry in spans.items():
        head = sp[i:j].root
        parent = head.head
        credited = False
        if head.dep_ == "pobj" and parent.lower_ in ("by", "in", "from", "to", "with"):
            owner = parent.head
            credited = owner.lemma_.lower() in CREDIT_VERBS or owner.lemma_.lower() in src.document_nouns \
                or owner.lemma_.lower() in CHANNEL_NOUNS
        elif head.dep_ == "poss":
            credited = parent.lemma_.lower() in src.document_nouns or parent.lemma_.lower() in CHANNEL_NOUNS
        if credited:
            span = sp[i:j]
            out.append(Attribution(span.text, "outlet", entry.get("code"), span.start_char, span.end_char))
    return out


def _cites(doc: Doc, outlets: dict[int, tuple[int, int, dict]] | None = None) -> list[Span]:
    """The outlets the article credits, each once, in text order (publisher excluded)."""
    src = sources()
    seen: list[str] = []
    out: list[Span] = []
    atts = [link.attribution for key in sorted(doc.attribution) for link in doc.attribution[key]]
    atts += _credited(doc, outlets or {})
    for a in sorted(atts, key=lambda x: x.start or 0):
        if a.kind != "outlet" or a.start is None or src.same_outlet(a.text, doc.article.outlet):
            continue
        if any(src.same_outlet(a.text, s) for s in seen):
            continue
        seen.append(a.text)
        out.append(Span(text=doc.text[a.start:a.end], start=a.start, end=a.end))
    return out
