"""Stage `actors`: find every entity the coder may use as actor or recipient.

Dictionary matches (countries, seats of power, nationality adjectives, people, organizations)
come first, resolved at the article's date with the title written before them ("President
Bush" in 2003 is George W. Bush). A one-word match that is only part of a longer name
("Jordan" in "Michael Jordan", "Washington" in "Washington Post") is dropped. Names the
dictionary does not know are found without the named-entity recogniser (runs of proper
nouns from the tagger) and kept with a null code, classified as person, organization or place
when the text says so (a title before it, an organization word in it, a gazetteer hit); the
recogniser's labels are used when it ran.
"""
from __future__ import annotations

from typing import Any

from parley.coder.actors import ActorDictionary, Known, longest_matches
from parley.coder.misspelt import country_form
from parley.coder.objects import rules
from parley.coder.names import Tokens, chunk_kind, name_chunks, org_sector, title_before, tokens
from parley.coder.places import gazetteer
from parley.pipeline.doc import ActorMention, Doc
from parley.pipeline.registry import stage
from parley.schema import Entity

# Words that may follow a country or seat inside an institution's name ("Gaza Health Ministry").
INSTITUTION_WORDS = {"health", "interior", "foreign", "defence", "defense", "ministry", "army", "police", "national",
                     "armed", "air", "navy", "naval", "military", "government", "security", "supreme", "high", "central",
                     "state", "federal", "border", "coast", "special", "civil", "emergency", "emergencies", "justice",
                     "finance", "economy", "energy", "president", "prime", "premier", "minister", "foreign", "king",
                     "parliament", "cabinet", "embassy", "consulate", "mission", "forces", "guard", "guards", "authorities",
                     "authority", "officials", "leader", "leaders", "envoy", "ambassador", "spokesman", "spokeswoman"}
_RULES: dict[str, Any] = {}


def _rules() -> dict[str, Any]:
    if not _RULES:
        _RULES.update(rules())
    return _RULES


CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december"}


def _entity(span: Any, res: Any, known: Known) -> Entity:
    return Entity(entity_text=span.text, code=res.code, sector=res.sector,
                  identifier_text=res.name if known.kind not in ("adjective", "region") else None,
                  identifier_id=res.wikidata if known.kind in ("person", "org", "country", "seat") else None,
                  office=res.office if known.kind in ("person", "org") else None,
                  start=span.start_char, end=span.end_char, sectors=list(res.sectors))


def _free_propn(tv: Tokens, k: int, dictionary: ActorDictionary, starts: set[int]) -> bool:
    """A capitalised proper noun that belongs to no other match and is no title or date word."""
    low = tv.lower[k]
    return (tv.pos[k] == "PROPN" and tv.text[k][:1].isupper() and k not in starts and low not in CALENDAR
            and low not in dictionary.titles and low not in dictionary.agents and low not in INSTITUTION_WORDS)


def _collides(tv: Tokens, i: int, j: int, known: Known, dictionary: ActorDictionary, starts: set[int],
              ends: set[int]) -> bool:
    """Is a one-word match only part of a longer name ('Michael Jordan', 'Abbas Araghchi',
    'Washington Post', 'Gaza City')?"""
    if j - i != 1 or known.kind in ("adjective", "region"):
        return False
    if j < len(tv) and _free_propn(tv, j, dictionary, starts) and not tv.start[j]:
        return True
    if i == 0 or tv.start[i] or i in ends or not _free_propn(tv, i - 1, dictionary, starts):
        return False
    prev = tv.text[i - 1]
    if len(prev.rstrip(".")) <= 1:  # an initial: "George W. Bush"
        return False
    if known.kind == "person":
        return prev not in known.name.split()
    return True


def _dictionary_mentions(doc: Doc, dictionary: ActorDictionary) -> tuple[list[ActorMention], dict[int, str]]:
    sp = doc.spacy
    strings = sp.vocab.strings
    date = doc.article.published
    tv = tokens(sp)
    matches = longest_matches(dictionary.matcher(sp.vocab)(sp))
    starts = {i for _, i, _ in matches}
    ends = {j for _, _, j in matches}
    found = []
    embedded: dict[int, str] = {}
    for match_id, i, j in matches:
        cands = dictionary.lookup(strings[match_id])
        if not cands:
            continue
        if _collides(tv, i, j, cands[0], dictionary, starts, ends):
            if cands[0].kind in ("country", "seat") and cands[0].code:
                embedded[i] = cands[0].code
            continue
        office, former = title_before(sp, i, dictionary) if cands[0].kind == "person" else (None, False)
        res = dictionary.resolve(cands, date, office, former)
        found.append(ActorMention(i, j, _entity(sp[i:j], res, cands[0]), source=cands[0].kind))
    return found, embedded


@stage("actors", requires=["spacy"], assigns=["actors"])
def actors(doc: Doc) -> Doc:
    """Dictionary and proper-name actor mentions, resolved to PLOVER entity objects."""
    dictionary = doc.resources.actors
    sp = doc.spacy
    found, embedded = _dictionary_mentions(doc, dictionary)
    taken = {t for m in found for t in range(m.i, m.j)}
    for i, j in name_chunks(sp, taken, CALENDAR, dictionary):
        kind = chunk_kind(sp, i, j, dictionary)
        span = sp[i:j]
        code, sector = None, None
        if kind == "name-place":
            loc = gazetteer().resolve(span.text)
            code = loc.country_code if loc is not None else None
        elif kind == "name-org" and i in embedded:  # 'Gaza Health Ministry', 'Kenya Anti-Corruption Commission'
            code, sector = embedded[i], org_sector(span)
        if code is None and kind in ("name", "name-org") and _nongovernmental(tokens(sp).lower[i:j]):
            code, kind = "NGO", "name-org"  # 'the World Rivers Forum'
        misspelt = country_form(span.text, dictionary) if j - i == 1 and code is None and kind == "name" else None
        if misspelt is not None:  # 'Tanznia'
            found.append(_misspelt(span, misspelt))
            continue
        found.append(ActorMention(i, j, Entity(entity_text=span.text, code=code, sector=sector,
                                               start=span.start_char, end=span.end_char), source=kind))
    taken = {t for m in found for t in range(m.i, m.j)}
    found += _misspelt_adjectives(sp, dictionary, taken)
    doc.actors = sorted(found, key=lambda m: m.i)
    return doc


def _nongovernmental(words: list[str]) -> bool:
    """An international body named as civil society (data/roles.json `nongovernmental_names`)."""
    spec = _rules()["nongovernmental_names"]
    return len(words) > 1 and words[-1] in spec["last_words"] and any(w in spec["international_words"] for w in words)


def _misspelt(span: Any, known: Known) -> ActorMention:
    sector = "GOV" if known.kind == "country" else None
    return ActorMention(span.start, span.end, Entity(entity_text=span.text, code=known.code, sector=sector,
                                                     identifier_text=known.name, start=span.start_char,
                                                     end=span.end_char, sectors=list(known.sectors)),
                        source=known.kind)


def _misspelt_adjectives(sp: Any, dictionary: ActorDictionary, taken: set[int]) -> list[ActorMention]:
    """Capitalised adjectives that misspell a nationality ('Ethiopan rebels')."""
    tv = tokens(sp)
    out = []
    for k, pos in enumerate(tv.pos):
        if pos == "ADJ" and k not in taken and tv.text[k][:1].isupper():
            known = country_form(tv.text[k], dictionary)
            if known is not None:
                out.append(_misspelt(sp[k:k + 1], known))
    return out
