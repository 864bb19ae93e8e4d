"""Stage `places`: place names resolved to PLOVER location objects (coder/places.py)."""
from __future__ import annotations

from parley.coder.places import gazetteer
from parley.pipeline.doc import Doc, PlaceMention
from parley.pipeline.registry import stage
from parley.schema import Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}


REGION_NOUNS = {"region", "province", "oblast", "governorate", "state", "department", "district", "prefecture"}


def _place_like(sp, gaz) -> list:
    """Named entities labelled as places, and other names the gazetteer knows as provinces or
    that a region noun follows ('the Kherson region', which NER often mislabels)."""
    out, seen = [], set()
    for ent in sp.ents:
        nxt = sp[ent.end] if ent.end < len(sp) else None
        region = nxt is not None and nxt.lemma_.lower() in REGION_NOUNS
        if ent.label_ in PLACE_LABELS or region or (ent.label_ in ("PERSON", "ORG", "NORP") and gaz.is_province(ent.text)):
            out.append(ent)
            seen.update(range(ent.start, ent.end))
    for tok in sp:
        if tok.pos_ == "PROPN" and tok.i not in seen and tok.i + 1 < len(sp) \
                and sp[tok.i + 1].lemma_.lower() in REGION_NOUNS and gaz.is_province(tok.text):
            out.append(sp[tok.i:tok.i + 1])
    return out


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
    for ent in _place_like(doc.spacy, gaz):
        known = countries.get(ent.start)
        loc = _country(ent.text, known) if known is not None else gaz.resolve(ent.text)
        if loc is None:
            continue
        loc.start, loc.end = ent.start_char, ent.end_char
        seq = next((q for s, e, q in seqs if s <= ent.start_char < e), -1)
        out.append(PlaceMention(span=doc.span(ent.start_char, ent.end_char), location=loc, sentence=seq))
    doc.places = out
    return doc
