"""Country names and nationality adjectives written with one letter wrong.

Wire copy misspells names ("Tanznia", "Yemmen", "Phillipines"); a coder reads the country all
the same. A capitalised word the dictionary does not know is read as a country name or
adjective when it is one edit away from one (a letter left out, one too many, two letters
swapped; a letter replaced only in long words), the first letter agrees, and the word is long
enough that such a near miss is rarely another word. Only single words are tried, and only
words nothing else claimed (a person's name, a place the gazetteer knows, a longer name).
The rule's bounds are data: `misspellings` in data/roles.json.
"""
from __future__ import annotations

from typing import Any

from parley.coder.actors import ActorDictionary, Known
from parley.coder.objects import rules

INDEX_ATTR = "_misspelt_index"
_SPEC: dict[str, Any] = {}


def _spec() -> dict[str, Any]:
    if not _SPEC:
        _SPEC.update(rules()["misspellings"])
    return _SPEC


def _deletes(word: str) -> set[str]:
    return {word[:k] + word[k + 1:] for k in range(len(word))}


def _index(dictionary: ActorDictionary) -> dict[str, list[str]]:
    """Every single-word country name and adjective, and each of them with one letter left
    out, -> the forms they come from (built once per dictionary)."""
    index = getattr(dictionary, INDEX_ATTR, None)
    if index is not None:
        return index
    shortest = _spec()["min_length"] - 1  # 'Yemmen' for 'Yemen': a letter added to a shorter name
    index = {}
    for form, cands in dictionary.surface.items():
        if len(form) < shortest or not form.isalpha() or not form[:1].isupper():
            continue
        if cands[0].kind not in ("country", "adjective") or not cands[0].code:
            continue
        for key in {form} | _deletes(form):
            index.setdefault(key, []).append(form)
    setattr(dictionary, INDEX_ATTR, index)
    return index


def one_edit(a: str, b: str, substitution_min: int) -> bool:
    """Are `a` and `b` one insertion, deletion or adjacent swap apart (or one replaced
    letter, when both are at least `substitution_min` long)?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return len(diff) == 1 and len(a) >= substitution_min
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def country_form(word: str, dictionary: ActorDictionary) -> Known | None:
    """The country name or adjective `word` misspells, when exactly one country fits."""
    spec = _spec()
    if len(word) < spec["min_length"] or not word.isalpha() or not word[:1].isupper() or word in dictionary.surface:
        return None
    if word.lower() in spec.get("not_misspellings", ()):
        return None
    index = _index(dictionary)
    forms = {f for key in {word} | _deletes(word) for f in index.get(key, ())}
    fits = [f for f in forms if f[0] == word[0] and one_edit(word, f, spec["substitution_min_length"])]
    known = [dictionary.surface[f][0] for f in fits]
    if len({k.code for k in known}) != 1:
        return None
    return known[0]
