"""Country names and nationality adjectives misspelt by one letter are read as the country
(data/roles.json `misspellings`); near misses that are other words or names are not."""
from __future__ import annotations

import pytest

from coder_support import one as _one
from parley.coder.actors import ActorDictionary
from parley.coder.misspelt import country_form, one_edit


@pytest.fixture(scope="module")
def dictionary():
    return ActorDictionary.load()


@pytest.mark.parametrize("word,code", [
    ("Tanznia", "TZA"),      # a letter left out
    ("Boliviia", "BOL"),     # one letter too many
    ("Yemmen", "YEM"),       # one too many in a five-letter name
    ("Venezeula", "VEN"),    # two neighbours swapped
    ("Tanzanain", "TZA"),    # an adjective, swapped
])
def test_one_letter_off_is_the_country(dictionary, word, code):
    known = country_form(word, dictionary)
    assert known is not None and known.code == code


@pytest.mark.parametrize("word", [
    "Angela",     # a replaced letter in a short word ('Angola') is a first name
    "Frances",    # a name listed as not a misspelling
    "Bolovia",    # a replaced letter in a word shorter than eight letters
    "Tnazaniaa",  # two edits away
    "Norway",     # spelt right: the dictionary's own match, not this rule's
])
def test_near_misses_that_are_not_read_as_countries(dictionary, word):
    assert country_form(word, dictionary) is None


def test_first_letter_must_agree(dictionary):
    assert country_form("Kuba", dictionary) is None  # too short, and another first letter
    assert country_form("Vambodia", dictionary) is None


def test_one_edit():
    assert one_edit("Tanzania", "Tanzaina", 8)
    assert one_edit("Chad", "Chard", 8)
    assert not one_edit("Angola", "Angela", 8)
    assert one_edit("Angolaxx", "Angelaxx", 8)
    assert not one_edit("Peru", "Pure", 8)


def test_misspelt_country_is_the_actor(code_text):
    m = _one(code_text("Tanznia rejected the fisheries pact proposed by Kenya."), "REJECT")
    assert m.actor[0].code == "TZA" and m.actor[0].entity_text == "Tanznia"


def test_misspelt_adjective_gives_the_country(code_text):
    m = _one(code_text("Venezeulan troops shelled a border post near the river on Monday."), "ASSAULT")
    assert (m.actor[0].code, m.actor[0].sector) == ("VEN", "MIL")
