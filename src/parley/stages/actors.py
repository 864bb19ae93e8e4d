"""Stage `actors`: find every entity the coder may use as actor or recipient.

Dictionary matches (countries, seats of power, nationality adjectives, people, organizations)
come first; named entities the dictionary does not know are kept with a null code, so the
coder knows a name is there without guessing what it is.
"""
from __future__ import annotations

from parley.coder.actors import longest_matches
from parley.pipeline.doc import ActorMention, Doc
from parley.pipeline.registry import stage
from parley.schema import Entity

NER_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "adjective"}


def _entity(doc: Doc, i: int, j: int, known, date: str | None) -> Entity:
    span = doc.spacy[i:j]
    role = known.at(date)
    person_like = known.kind in ("person", "org")
    return Entity(entity_text=span.text, code=role.code, sector=role.sector,
                  identifier_text=known.name if known.kind != "adjective" else None,
                  identifier_id=known.wikidata if known.kind in ("person", "org", "country") else None,
                  office=role.office if person_like else None,
                  start=span.start_char, end=span.end_char)


def _part_of_other_name(known, names: dict, i: int, j: int) -> bool:
    """'Petro' alone is Gustavo Petro, but not inside 'Petro Poroshenko'."""
    if known.kind not in ("person", "org"):
        return False
    ent = names.get(i)
    if ent is None:
        return False
    return any(t.pos_ == "PROPN" and not (i <= t.i < j) for t in ent)


@stage("actors", requires=["spacy"], assigns=["actors"])
def actors(doc: Doc) -> Doc:
    """Dictionary and named-entity actor mentions, resolved to PLOVER entity objects."""
    dictionary = doc.resources.actors
    sp = doc.spacy
    strings = sp.vocab.strings
    date = doc.article.published
    found: list[ActorMention] = []
    taken: set[int] = set()
    names = {t: ent for ent in sp.ents if ent.label_ in ("PERSON", "ORG") for t in range(ent.start, ent.end)}
    for match_id, i, j in longest_matches(dictionary.matcher(sp.vocab)(sp)):
        known = dictionary.surface[strings[match_id]]
        if _part_of_other_name(known, names, i, j):
            continue
        mention = ActorMention(i, j, _entity(doc, i, j, known, date), source=known.kind)
        found.append(mention)
        taken.update(range(i, j))
    for ent in sp.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind and not taken.intersection(range(ent.start, ent.end)):
            entity = Entity(entity_text=ent.text, code=None, start=ent.start_char, end=ent.end_char)
            found.append(ActorMention(ent.start, ent.end, entity, source=f"ner-{kind}"))
    doc.actors = sorted(found, key=lambda m: m.i)
    return doc
