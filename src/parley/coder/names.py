"""Proper names without the named-entity recogniser: runs of proper nouns from the tagger,
the title written before a name ("Foreign Minister", "former President", "Gen."), and what
kind of name a run is (person, organization, place), from the text around it.
"""
from __future__ import annotations

from typing import Any, Iterator

# Lower-case words that may sit inside a name between proper nouns.
CONNECTORS = {"of", "for", "the", "de", "da", "del", "di", "al", "al-", "el", "bin", "ibn", "van", "von", "der", "du",
              "la", "le", "-", "’s", "'s", "’ s", "' s", "on"}
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


class Tokens:
    """Plain lists of a parsed document's token attributes, read in one call (reading them
    through spaCy's token objects one by one is the slow part of a dictionary stage)."""

    def __init__(self, sp: Any) -> None:
        from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH, POS, SENT_START

        arr = sp.to_array([ORTH, LOWER, LEMMA, POS, ENT_TYPE, SENT_START])
        orth, lower, lemma, ent = (arr[:, c].tolist() for c in (0, 1, 2, 4))
        strings = sp.vocab.strings
        names = {h: strings[h] for h in set(orth) | set(lower) | set(lemma) | set(ent)}
        names[0] = ""
        pos = _pos_names()
        self.text = [names[h] for h in orth]
        self.lower = [names[h] for h in lower]
        self.lemma = [names[h].lower() for h in lemma]
        self.pos = [pos.get(h, "") for h in arr[:, 3].tolist()]
        self.ent = [names[h] for h in ent]
        self.start = [v == 1 for v in arr[:, 5].tolist()]
        after = self.text[1:] + [""]
        self.newline = ["\n" in w or "\n" in a for w, a in zip(self.text, after)]

    def __len__(self) -> int:
        return len(self.text)


def _pos_names() -> dict[int, str]:
    from spacy.parts_of_speech import NAMES

    return NAMES


def tokens(sp: Any) -> Tokens:
    """The token lists of a spaCy doc, built once and kept in its user_data."""
    view = sp.user_data.get("parley_tokens")
    if view is None:
        view = sp.user_data["parley_tokens"] = Tokens(sp)
    return view


def is_name(tv: Tokens, k: int, taken: set[int], calendar: set[str]) -> bool:
    text = tv.text[k]
    return (tv.pos[k] == "PROPN" and k not in taken and tv.lower[k] not in calendar
            and (text[:1].isupper() or text[:1].isdigit()))


def _common_word(tv: Tokens, i: int, j: int, dictionary: Any) -> bool:
    """A capitalised common noun opening a sentence ('Rebels seized ...'), not a name."""
    low = tv.lower[i]
    return j - i == 1 and tv.start[i] and (low in dictionary.agents or low[:-1] in dictionary.agents
                                            or low in dictionary.collective or low[:-1] in dictionary.collective)


# The linking vowel of Persian, Urdu and Arabic compound names, written between hyphens
# ('Jaish-e-Mohammed', 'Tehreek-i-Insaf', 'Ahl-ul-Bayt').
IZAFAT = {"e", "i", "ul", "al", "ud", "ur", "us", "un", "el"}


def _izafat(sp: Any, tv: Tokens, j: int) -> bool:
    """'-e-' joining the name before j to the name after it, with no space between."""
    return (j + 3 < len(tv) and tv.text[j] == "-" and tv.lower[j + 1] in IZAFAT and tv.text[j + 2] == "-"
            and not sp[j - 1].whitespace_ and not sp[j].whitespace_ and not sp[j + 1].whitespace_
            and not sp[j + 2].whitespace_)


def name_chunks(sp: Any, taken: set[int], calendar: set[str], dictionary: Any = None) -> Iterator[tuple[int, int]]:
    """Maximal runs of proper nouns no dictionary match covers ('Dawda Jawara', 'Forces for
    the Defence of Democracy')."""
    tv = tokens(sp)
    n = len(tv)
    i = 0
    while i < n:
        if not is_name(tv, i, taken, calendar):
            i += 1
            continue
        j = i + 1
        while j < n:
            if is_name(tv, j, taken, calendar) and not tv.start[j]:
                j += 1
            elif _izafat(sp, tv, j) and tv.text[j + 3][:1].isupper() and j + 3 not in taken:
                j += 4  # 'Lashkar-e-Taiba', 'Tehreek-i-Insaf': one name, not 'Lashkar' and 'Taiba'
            elif tv.lower[j] in CONNECTORS and j + 2 < n and tv.lower[j + 1] in CONNECTORS \
                    and is_name(tv, j + 2, taken, calendar):
                j += 3
            elif tv.lower[j] in CONNECTORS and j + 1 < n and is_name(tv, j + 1, taken, calendar) \
                    and not tv.newline[j]:
                j += 2
            else:
                break
        if dictionary is None or not _common_word(tv, i, j, dictionary):
            yield i, j
        i = j


def title_before(sp: Any, i: int, dictionary: Any) -> tuple[str | None, bool]:
    """The office written just before a name ('Foreign Minister Sergei Lavrov' -> 'foreign
    minister') and whether it is a former one ('former President Bush')."""
    tv = tokens(sp)
    office = None
    former = False
    k = i - 1
    lo = max(0, i - 5)
    while k >= lo:
        low = tv.lower[k]
        if low in dictionary.former or low in ("ex", "ex-"):
            former = True
            k -= 1
            continue
        if office is None:
            found = _office_ending_at(tv, k, dictionary)
            if found is not None:
                office, width = found
                k -= width
                continue
        if low in dictionary.titles or (office is not None and tv.pos[k] in ("ADJ", "PROPN")
                                        and tv.text[k][:1].isupper()):
            k -= 1
            continue
        if low in ("-", "the", "'s", "’s", "’ s", "' s", "."):
            k -= 1
            continue
        break
    return office, former


def _office_ending_at(tv: Tokens, k: int, dictionary: Any) -> tuple[str, int] | None:
    """An office title whose last word is token k ('Secretary of State', 'Foreign Minister',
    'President'), with its width in tokens."""
    agents = dictionary.agents
    if tv.lemma[k] not in dictionary.office_words and tv.lower[k] not in dictionary.office_words:
        return None
    for width in (3, 2, 1):
        if k - width + 1 < 0:
            continue
        for seq in (tv.lemma, tv.lower):
            spec = agents.get(" ".join(seq[k - width + 1:k + 1]))
            if spec and spec.get("office"):
                return spec["office"], width
    return None


LONG_ORG_WORDS: dict[str, list[str]] = {}
for _w in sorted(ORG_WORDS):
    if len(_w) >= 7:
        LONG_ORG_WORDS.setdefault(_w[0], []).append(_w)


def _misspelt_org_word(word: str) -> bool:
    """'Comission', 'Ministery': a long organization word with one letter wrong."""
    from parley.coder.misspelt import one_edit

    return len(word) >= 7 and word.isalpha() and any(
        one_edit(word, w, 8) for w in LONG_ORG_WORDS.get(word[0], ()))


def chunk_kind(sp: Any, i: int, j: int, dictionary: Any) -> str:
    """person | org | place | group | plain name, from the recogniser's label when it ran, else
    from a title before the name, an organization word in it, or the gazetteer."""
    tv = tokens(sp)
    label = tv.ent[i] or tv.ent[j - 1]
    if label in ("PERSON", "ORG") and j - i == 1 and not tv.text[i].isupper() \
            and not (i > 0 and title_before(sp, i, dictionary)[0]):
        from parley.coder.places import gazetteer

        if gazetteer().is_place(tv.text[i], strict=not place_context(tv, i, j)):  # 'Kharkiv' tagged a person
            return "name-place"
    if label in NER_KIND:
        return NER_KIND[label]
    if not ORG_WORDS.isdisjoint(tv.lower[i:j]) or _misspelt_org_word(tv.lower[j - 1]):
        return "name-org"
    if j - i > 1 and (tv.lower[i] in dictionary.titles or _office_ending_at(tv, i, dictionary)):
        return "name-person"  # 'General Olu Adebayo', 'Sheikh Tamim
    if i > 0 and (tv.lower[i - 1] in dictionary.titles or title_before(sp, i, dictionary)[0]):
        return "name-person"
    from parley.coder.places import gazetteer

    text = sp[i:j].text
    if place_context(tv, i, j):
        return "name-place" if gazetteer().is_place(text) else "name"
    if gazetteer().is_place(text, strict=True) and not _speaks(sp, j - 1):
        return "name-place"
    return "name"


PLACE_PREPS = {"in", "near", "outside", "around", "across", "into", "at", "toward", "towards", "inside",
               "throughout", "from", "to", "of", "on"}
REGION_NOUNS = {"region", "regions", "province", "provinces", "oblast", "oblasts", "governorate", "governorates",
                "state", "department", "district", "prefecture", "territory", "city", "town", "village"}


def place_context(tv: Tokens, i: int, j: int) -> bool:
    """'in X', 'near the X', 'X region', 'the city of X': words that make a name a place."""
    k = i - 1
    if k >= 0 and tv.lower[k] == "the":
        k -= 1
    if k >= 0 and tv.lower[k] in PLACE_PREPS and tv.lower[k] not in ("of", "to", "on"):
        return True
    if k >= 1 and tv.lower[k] == "of" and tv.lower[k - 1] in REGION_NOUNS:
        return True
    return j < len(tv) and tv.lower[j] in REGION_NOUNS


def _speaks(sp: Any, k: int) -> bool:
    """Is the name the subject of a verb (a person or body acting, not a place)?"""
    tok = sp[k]
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX")


def org_sector(span: Any) -> str | None:
    """The sector an organization's name tells, from its last organization word."""
    for tok in reversed(list(span)):
        sector = ORG_SECTOR.get(tok.lower_)
        if sector:
            return sector
    return None
