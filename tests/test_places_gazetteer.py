"""Places: countries, provinces with ISO 3166-2 codes, cities with coordinates, conflict
regions, found with or without spaCy's named-entity recogniser. Sentences are our own."""
from __future__ import annotations

import pytest

from actorkit import analyse
from parley.coder.places import gazetteer

NER = pytest.mark.parametrize("ner", [True, False], ids=["ner", "no-ner"])


def _places(text, ner):
    return {p.span.text: p.location for p in analyse(text, ner=ner).places}


def test_kherson_region_is_the_province_and_kherson_the_city_inside_it():
    gaz = gazetteer()
    region = gaz.resolve("Kherson", hint="region")
    assert (region.province_code, region.resolution, region.country_code) == ("UA-65", 2, "UKR")
    assert region.lat is not None and region.lon is not None
    city = gaz.resolve("Kherson")
    assert (city.resolution, city.province_code) == (4, "UA-65")
    assert 46 < city.lat < 47 and 32 < city.lon < 33


def test_english_and_older_spellings():
    gaz = gazetteer()
    assert gaz.resolve("Aleppo").province_code == "SY-HL"
    assert gaz.resolve("Kiev").resolved_place == "Kyiv"
    assert gaz.resolve("Odessa").country_code == "UKR"  # the Ukrainian port, not the Texan town
    assert gaz.resolve("Anbar", hint="region").province_code == "IQ-AN"


def test_regions_outside_the_iso_lists():
    gaz = gazetteer()
    darfur = gaz.resolve("Darfur")
    assert (darfur.country_code, darfur.resolution, darfur.province_code) == ("SDN", 2, None)
    assert gaz.resolve("Tigray").province_code == "ET-TI"
    assert gaz.resolve("Donbas").country_code == "UKR"


def test_dependencies_are_folded_into_their_state():
    assert gazetteer().resolve("Puerto Rico").country_code == "USA"
    assert gazetteer().resolve("Greenland").country_code == "DNK"


def test_acronyms_and_surnames_are_not_places():
    gaz = gazetteer()
    assert gaz.resolve("CNN") is None
    assert not gaz.is_place("Putin")


@NER
def test_places_in_text(ner):
    found = _places("Russian troops shelled Kharkiv and the Zaporizhzhia region on Monday.", ner)
    assert found["Kharkiv"].province_code == "UA-63" and found["Kharkiv"].resolution == 4
    assert found["Zaporizhzhia"].province_code == "UA-23" and found["Zaporizhzhia"].resolution == 2


@NER
def test_a_list_of_regions_closed_by_the_noun(ner):
    found = _places("Moscow claims the Kherson, Donetsk and Luhansk regions.", ner)
    assert {found[n].province_code for n in ("Kherson", "Donetsk", "Luhansk")} == {"UA-65", "UA-14", "UA-09"}
    assert found["Moscow"].resolution == 4 and found["Moscow"].country_code == "RUS"


@NER
def test_small_towns_need_a_place_context(ner):
    found = _places("Fighting continued near Bakhmut, officials said.", ner)
    assert found["Bakhmut"].country_code == "UKR" and found["Bakhmut"].lat is not None


@NER
def test_place_offsets_point_into_the_text(ner):
    text = "Shelling hit Idlib province overnight."
    doc = analyse(text, ner=ner)
    (p,) = [p for p in doc.places if p.span.text == "Idlib"]
    assert text[p.location.start:p.location.end] == "Idlib" and p.location.province_code == "SY-ID"
