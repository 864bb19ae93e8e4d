"""Stage `dates`: date expressions in each sentence, resolved against the publication date."""
from __future__ import annotations

from parley.coder.dates import find_dates, parse_iso
from parley.pipeline.doc import DateMention, Doc
from parley.pipeline.registry import stage

FUTURE_WORDS = {"will", "shall", "'ll", "upcoming", "tomorrow", "scheduled", "plans", "intends", "expected",
                "due", "coming", "later"}


@stage("dates", requires=["sentences"], assigns=["dates"])
def dates(doc: Doc) -> Doc:
    """Find and resolve date expressions ('on Saturday', 'in September 2022', 'next March')."""
    ref = parse_iso(doc.article.published) if doc.article.published and len(doc.article.published) == 10 else None
    text = doc.text
    out: list[DateMention] = []
    for sent in doc.sentences:
        chunk = text[sent.start:sent.end]
        future = any(w in FUTURE_WORDS for w in chunk.lower().split())
        for r in find_dates(chunk, sent.start, ref, future=future):
            out.append(DateMention(span=doc.span(r.start, r.end), date=r.date, enddate=r.enddate,
                                   granularity=r.granularity, sentence=sent.seq))
    doc.dates = out
    return doc
