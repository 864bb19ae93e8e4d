"""Stage `places`: place names resolved to PLOVER location objects (coder/places.py)."""
from __future__ import annotations

from parley.coder.places import gazetteer
from parley.pipeline.doc import Doc, PlaceMention
from parley.pipeline.registry import stage
from parley.schema import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _country(text: str, mention) -> Location:
    e = mention.entity
    return Location(extracted_place=text, resolved_place=e.identifier_text, country_code=e.code, resolution=1)


@stage("places", requires=["sentences", "actors"], assigns=["places"])
def places(doc: Doc) -> Doc:
    """Countries, provinces and cities mentioned in each sentence."""
    gaz = gazetteer()
    out: list[PlaceMention] = []
    seqs = [(s.start, s.end, s.seq) for s in doc.sentences]
    countries = {m.i: m for m in doc.actors if m.source in ("country", "seat")}
    for ent in doc.spacy.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        known = countries.get(ent.start)
        loc = _country(ent.text, known) if known is not None else gaz.resolve(ent.text)
        if loc is None:
            continue
        loc.start, loc.end = ent.start_char, ent.end_char
        seq = next((q for s, e, q in seqs if s <= ent.start_char < e), -1)
        out.append(PlaceMention(span=doc.span(ent.start_char, ent.end_char), location=loc, sentence=seq))
    doc.places = out
    return doc
