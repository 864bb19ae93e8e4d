"""Stage `places`: place names resolved to PLOVER location objects (coder/places.py).

Candidates come from the actors stage (countries, capitals and seats of power, proper-name
runs the gazetteer knows) and from names in a place context ("in X", "near X", "the X
region"), so places are found whether or not the named-entity recogniser ran, and a name it
mislabels as a person or organization is still read as a place when the text says so.
"""
from __future__ import annotations

from typing import Any

from parley.coder.places import gazetteer
from parley.pipeline.doc import ActorMention, Doc, PlaceMention
from parley.pipeline.registry import stage
from parley.schema import Location

REGION_NOUNS = {"region", "regions", "province", "provinces", "oblast", "oblasts", "governorate", "governorates",
                "state", "department", "district", "prefecture", "territory"}
CITY_NOUNS = {"city", "town", "village", "capital", "port", "district", "suburb", "neighbourhood", "neighborhood"}
PLACE_PREPS = {"in", "near", "outside", "around", "across", "from", "into", "at", "toward", "towards", "inside",
               "throughout", "to"}
PLACE_SOURCES = {"country", "seat", "name-place"}
NAME_SOURCES = {"name", "name-org", "name-person", "name-group"}


def _hint(sp: Any, i: int, j: int) -> str | None:
    nxt = sp[j] if j < len(sp) else None
    if nxt is not None and nxt.lower_ in REGION_NOUNS:
        return "region"
    if i >= 2 and sp[i - 1].lower_ == "of" and sp[i - 2].lower_ in REGION_NOUNS:
        return "region"
    if nxt is not None and nxt.lower_ in ("city", "town"):
        return "city"
    if i >= 2 and sp[i - 1].lower_ == "of" and sp[i - 2].lower_ in CITY_NOUNS:
        return "city"
    return None


def _in_list_of_regions(sp: Any, j: int) -> bool:
    """'Kherson, Zaporizhzhia, Donetsk, and Luhansk regions': a later region noun closes the list."""
    k = j
    while k < len(sp) and k < j + 12:
        tok = sp[k]
        if tok.lower_ in REGION_NOUNS and tok.tag_ in ("NNS", "NNPS", "NN"):
            return tok.lower_.endswith("s")
        if not (tok.is_punct or tok.lower_ in ("and", "or") or tok.pos_ == "PROPN"):
            return False
        k += 1
    return False


def _place_context(sp: Any, i: int, j: int) -> bool:
    prev = sp[i - 1] if i > 0 else None
    if prev is not None and prev.lower_ == "the" and i > 1:
        prev = sp[i - 2]
    return (prev is not None and prev.lower_ in PLACE_PREPS) or _hint(sp, i, j) is not None


def _locate(m: ActorMention, sp: Any, gaz: Any) -> Location | None:
    text = sp[m.i:m.j].text
    hint = _hint(sp, m.i, m.j) or ("region" if _in_list_of_regions(sp, m.j) else None)
    if m.source == "country":
        loc = gaz.country(text) or gaz.province(text, m.entity.code)
        return loc or Location(extracted_place=text, resolved_place=m.entity.identifier_text,
                               country_code=m.entity.code, resolution=1)
    if m.source == "seat":
        return gaz.city(text, m.entity.code) or Location(
            extracted_place=text, resolved_place=m.entity.identifier_text, country_code=m.entity.code, resolution=1)
    if m.source == "name-place" or (m.source in NAME_SOURCES and _place_context(sp, m.i, m.j)):
        return gaz.resolve(text, hint)
    return None


@stage("places", requires=["sentences", "actors"], assigns=["places"])
def places(doc: Doc) -> Doc:
    """Countries, provinces and cities mentioned in each sentence."""
    gaz = gazetteer()
    sp = doc.spacy
    out: list[PlaceMention] = []
    seqs = [(s.start, s.end, s.seq) for s in doc.sentences]
    for m in doc.actors:
        if m.source not in PLACE_SOURCES and m.source not in NAME_SOURCES:
            continue
        loc = _locate(m, sp, gaz)
        if loc is None:
            continue
        span = sp[m.i:m.j]
        loc.start, loc.end = span.start_char, span.end_char
        seq = next((q for s, e, q in seqs if s <= span.start_char < e), -1)
        out.append(PlaceMention(span=doc.span(span.start_char, span.end_char), location=loc, sentence=seq))
    doc.places = out
    return doc
