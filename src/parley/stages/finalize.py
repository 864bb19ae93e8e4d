"""Stage `finalize`: candidates become Mention records with dates, places, attribution and ids."""
from __future__ import annotations

import hashlib
from datetime import date as Date, timedelta
from typing import Any

from parley import __version__
from parley.coder.attribution import chain_for
from parley.coder.dates import parse_iso
from parley.pipeline.doc import Candidate, DateMention, Doc, PlaceMention
from parley.pipeline.registry import stage
from parley.schema import Mention, Span

AUX = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}


def _distance(a: Any, b: Any) -> int:
    """Length of the dependency path between two tokens."""
    up_a = [a] + list(a.ancestors)
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in index:
            return n + index[t.i]
    return 99


def _root(doc: Doc, start: int, end: int) -> Any | None:
    span = doc.spacy.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _nearest(doc: Doc, trigger: Any, items: list, start_of) -> Any | None:
    best, best_d = None, 999
    for item in items:
        s, e = start_of(item)
        root = _root(doc, s, e)
        d = _distance(trigger, root) if root is not None else 50
        if d < best_d:
            best, best_d = item, d
    return best


def _date(doc: Doc, cand: Candidate, trigger: Any) -> tuple[str | None, str | None, Span | None]:
    here = [d for d in doc.dates if d.sentence == cand.sentence]
    if here:
        d: DateMention = _nearest(doc, trigger, here, lambda x: (x.span.start, x.span.end))
        return d.date, d.enddate, d.span
    return doc.article.published, None, None


def _place(doc: Doc, cand: Candidate, trigger: Any) -> Any:
    taken = [(e.start, e.end) for e in cand.actor if e.start is not None]
    here = [p for p in doc.places if p.sentence == cand.sentence
            and not any(s <= p.span.start < e for s, e in taken)]
    fine = [p for p in here if (p.location.resolution or 1) >= 2] or here
    if not fine:
        return None
    p: PlaceMention = _nearest(doc, trigger, fine, lambda x: (x.span.start, x.span.end))
    return p.location


def _event_text(doc: Doc, words: list[int]) -> list[Span]:
    sp = doc.spacy
    first, last = sp[min(words)], sp[max(words)]
    return [doc.span(first.idx, last.idx + len(last.text))]


def _historical(date: str | None, published: str | None) -> bool:
    d, p = parse_iso(date), parse_iso(published)
    return bool(d and p and d < p - timedelta(days=365))


def _mention_id(article_id: str, cand: Candidate, start: int) -> str:
    key = f"{article_id}|{cand.sentence}|{cand.event}|{start}|{','.join(a.code or '' for a in cand.actor)}"
    return "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def build_mention(doc: Doc, cand: Candidate) -> Mention:
    lex, art = doc.resources.lexicon, doc.article
    trigger = doc.spacy[cand.notes["token"]]
    sent = doc.sentences[cand.sentence]
    date, enddate, date_span = _date(doc, cand, trigger)
    context = list(cand.context)
    if cand.modality in AUX:
        context.append(AUX[cand.modality])
    if _historical(date, art.published):
        context.append("historical")
    event_text = _event_text(doc, cand.trigger)
    return Mention(
        id=_mention_id(art.id, cand, event_text[0].start), article_id=art.id, event=[cand.event],
        mode=cand.mode, context=sorted(set(context)), quad_code=lex.quad(cand.event),
        event_scale=lex.scale(cand.event, cand.mode), actor=cand.actor, recipient=cand.recipient,
        modality=cand.modality, text_info={"sequence": sent.seq, "start": sent.start, "end": sent.end},
        event_text=event_text, date=date, enddate=enddate, date_text=date_span,
        event_loc=_place(doc, cand, trigger), conditions=cand.conditions,
        attribution=chain_for(doc, cand.sentence, trigger, cand.actor), confidence=cand.score,
        coded_date=Date.today().isoformat(),
        explain={"trigger": event_text[0].text, "rule": cand.rule, "score": cand.score,
                 "rule_score": cand.notes.get("prior"), "model": cand.notes.get("model"),
                 "actor_from": cand.notes.get("actor_from"), "actor_code_from": cand.notes.get("actor_code_from") or [],
                 "recipient_from": cand.notes.get("recipient_from"),
                 "recipient_rule": cand.notes.get("recipient_rule"),
                 "modality_cues": cand.notes.get("cues", []),
                 "coder": f"parley {__version__}"})


@stage("finalize", requires=["candidates", "dates", "places", "attribution"], assigns=["mentions"])
def finalize(doc: Doc) -> Doc:
    """Turn candidates into exportable Mention records."""
    doc.mentions = [build_mention(doc, c) for c in doc.candidates]
    return doc
