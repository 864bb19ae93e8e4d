"""Proper names without the named-entity recogniser: runs of proper nouns from the tagger,
the title written before a name ("Foreign Minister", "former President", "Gen."), and what
kind of name a run is (person, organization, place), from the text around it.
"""
from __future__ import annotations

from typing import Any, Iterator

# Lower-case words that may sit inside a name between proper nouns.
CONNECTORS = {"of", "for", "the", "de", "da", "del", "di", "al", "al-", "el", "bin", "ibn", "van", "von", "der", "du",
              "la", "le", "-", "’s", "'s", "on"}
ORG_WORDS = {"party", "front", "army", "movement", "council", "ministry", "union", "organization", "organisation",
             "agency", "group", "forces", "force", "committee", "commission", "association", "brigade", "brigades",
             "alliance", "league", "court", "assembly", "parliament", "bank", "company", "corporation", "corp", "inc",
             "institute", "university", "service", "department", "office", "authority", "federation", "coalition",
             "network", "watch", "fund", "society", "foundation", "tribunal", "mission", "guard", "police", "navy",
             "battalion", "regiment", "militia", "cartel", "clan", "gang", "centre", "center", "board", "bureau",
             "administration", "government", "congress", "senate", "ltd", "group", "jihad", "brotherhood",
             "convention", "secretariat", "programme", "program", "observatory", "unit", "command", "directorate"}
# The sector an organization's name tells ('Kenya Anti-Corruption Commission' -> GOV).
ORG_SECTOR = {"ministry": "GOV", "government": "GOV", "commission": "GOV", "administration": "GOV", "agency": "GOV",
              "authority": "GOV", "department": "GOV", "office": "GOV", "cabinet": "GOV", "presidency": "GOV",
              "army": "MIL", "forces": "MIL", "force": "MIL", "navy": "MIL", "brigade": "MIL", "battalion": "MIL",
              "regiment": "MIL", "command": "MIL", "police": "COP", "gendarmerie": "COP", "court": "JUD", "tribunal": "JUD",
              "prosecutor": "JUD", "parliament": "LEG", "assembly": "LEG", "congress": "LEG", "senate": "LEG",
              "party": "PTY", "bank": "BUS", "company": "BUS", "corporation": "BUS", "university": "EDU",
              "militia": "PRM", "cartel": "CRM", "gang": "CRM", "church": "REL", "union": "LAB"}
NER_KIND = {"PERSON": "name-person", "ORG": "name-org", "GPE": "name-place", "LOC": "name-place", "FAC": "name-place",
            "NORP": "name-group"}


def _is_name(tok: Any, taken: set[int], calendar: set[str]) -> bool:
    return (tok.pos_ == "PROPN" and tok.i not in taken and tok.lower_ not in calendar
            and (tok.text[:1].isupper() or tok.text[:1].isdigit()) and not tok.is_punct)


def name_chunks(sp: Any, taken: set[int], calendar: set[str]) -> Iterator[tuple[int, int]]:
    """Maximal runs of proper nouns no dictionary match covers ('Dawda Jawara', 'Forces for
    the Defence of Democracy')."""
    n = len(sp)
    i = 0
    while i < n:
        if not _is_name(sp[i], taken, calendar):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_name(sp[j], taken, calendar) and not sp[j].is_sent_start:
                j += 1
            elif sp[j].lower_ in CONNECTORS and j + 1 < n and sp[j + 1].lower_ in CONNECTORS and j + 2 < n \
                    and _is_name(sp[j + 2], taken, calendar):
                j += 3
            elif sp[j].lower_ in CONNECTORS and j + 1 < n and _is_name(sp[j + 1], taken, calendar) \
                    and sp[j].whitespace_ != "\n":
                j += 2
            else:
                break
        yield i, j
        i = j


def title_before(sp: Any, i: int, dictionary: Any) -> tuple[str | None, bool]:
    """The office written just before a name ('Foreign Minister Sergei Lavrov' -> 'foreign
    minister') and whether it is a former one ('former President Bush')."""
    office = None
    former = False
    k = i - 1
    lo = max(0, i - 5)
    while k >= lo:
        tok = sp[k]
        low = tok.lower_
        if low in dictionary.former or low in ("ex", "ex-"):
            former = True
            k -= 1
            continue
        if office is None:
            found = _office_ending_at(sp, k, dictionary)
            if found is not None:
                office, width = found
                k -= width
                continue
        if low in dictionary.titles or tok.pos_ in ("ADJ", "PROPN") and tok.text[:1].isupper() and office is not None:
            k -= 1
            continue
        if low in ("-", "the", "'s", "’s") or tok.is_punct and low != ",":
            k -= 1
            continue
        break
    return office, former


def chunk_kind(sp: Any, i: int, j: int, dictionary: Any) -> str:
    """person | org | place | group | plain name, from the recogniser's label when it ran, else
    from a title before the name, an organization word in it, or the gazetteer."""
    label = sp[i].ent_type_ or sp[j - 1].ent_type_
    if label in NER_KIND:
        return NER_KIND[label]
    words = {t.lower_ for t in sp[i:j]}
    if words & ORG_WORDS:
        return "name-org"
    prev = sp[i - 1] if i > 0 else None
    if prev is not None and (prev.lower_ in dictionary.titles or title_before(sp, i, dictionary)[0]):
        return "name-person"
    from parley.coder.places import gazetteer

    if gazetteer().is_place(sp[i:j].text, strict=True):
        return "name-place"
    return "name"


def _office_ending_at(sp: Any, k: int, dictionary: Any) -> tuple[str, int] | None:
    """An office title whose last word is token k ('Secretary of State', 'Foreign Minister',
    'President'), with its width in tokens."""
    for width in (3, 2, 1):
        if k - width + 1 < 0:
            continue
        words = [sp[x].lemma_.lower() for x in range(k - width + 1, k + 1)]
        for key in (" ".join(words), " ".join(t.lower_ for t in sp[k - width + 1:k + 1])):
            spec = dictionary.agents.get(key)
            if spec and spec.get("office"):
                return spec["office"], width
    return None


def org_sector(span: Any) -> str | None:
    """The sector an organization's name tells, from its last organization word."""
    for tok in reversed(list(span)):
        sector = ORG_SECTOR.get(tok.lower_)
        if sector:
            return sector
    return None
