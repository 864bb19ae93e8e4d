"""Stage `sentences`: sentence records with offsets and paragraph numbers."""
from __future__ import annotations

from parley.pipeline.doc import Doc
from parley.pipeline.registry import stage
from parley.schema import Sentence


@stage("sentences", requires=["spacy"], assigns=["sentences", "sents"])
def sentences(doc: Doc) -> Doc:
    """Split into sentences (never across a blank line); number paragraphs."""
    text = doc.text
    out: list[Sentence] = []
    spans = []
    paragraph, last_end = 0, 0
    for sent in doc.spacy.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if out and "\n" in text[last_end:start]:
            paragraph += 1
        out.append(Sentence(seq=len(out), start=start, end=end, paragraph=paragraph))
        spans.append(sent)
        last_end = end
    doc.sentences = out
    doc.sents = spans
    doc.article.sentences = out
    return doc
