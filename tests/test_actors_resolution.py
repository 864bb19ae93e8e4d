"""Noun phrases resolved to PLOVER entity objects, with and without spaCy's named-entity
recogniser (the parse stage may run without it for speed). Sentences are our own."""
from __future__ import annotations

import pytest

from actorkit import analyse, entity

NER = pytest.mark.parametrize("ner", [True, False], ids=["ner", "no-ner"])


def _ent(text, word, ner, published="2024-03-15", nth=0):
    return entity(analyse(text, published=published, ner=ner), word, nth)


@NER
def test_nationality_adjective_with_agent_noun(ner):
    e = _ent("Russian forces shelled the village overnight.", "forces", ner)
    assert (e.code, e.sector, e.entity_text) == ("RUS", "MIL", "Russian forces")


@NER
def test_adjective_with_any_noun_gives_the_country(ner):
    assert _ent("Israeli tanks rolled toward the border.", "tanks", ner).code == "ISR"
    e = _ent("A Saudi businessman sued the company.", "businessman", ner)
    assert (e.code, e.sector) == ("SAU", "BUS")


@NER
def test_metonymy_of_capitals_and_seats_of_power(ner):
    for text, word, code in [("The Kremlin dismissed the report.", "Kremlin", "RUS"),
                             ("Washington imposed new tariffs.", "Washington", "USA"),
                             ("Downing Street declined to comment.", "Street", "GBR"),
                             ("Beijing protested the visit.", "Beijing", "CHN"),
                             ("Kyiv rejected the offer.", "Kyiv", "UKR")]:
        e = _ent(text, word, ner)
        assert (e.code, e.sector) == (code, "GOV"), text


@NER
def test_a_title_and_a_date_pick_the_office_holder(ner):
    e = _ent("The Russian leader spoke on the phone with his counterpart.", "leader", ner, published="2023-05-02")
    assert (e.code, e.identifier_text, e.office) == ("RUS", "Vladimir Putin", "president")
    e = _ent("The Russian leader spoke on the phone.", "leader", ner, published="2009-05-02")
    assert e.identifier_text == "Dmitry Medvedev"


@NER
def test_person_roles_follow_the_article_date(ner):
    e = _ent("Netanyahu met the envoy.", "Netanyahu", ner, published="2022-01-10")
    assert (e.code, e.sector) == ("ISR", "ELI")  # between his terms
    e = _ent("Netanyahu met the envoy.", "Netanyahu", ner, published="2024-01-10")
    assert (e.code, e.sector, e.office) == ("ISR", "GOV", "prime minister")


@NER
def test_an_unknown_name_takes_its_country_from_the_title(ner):
    e = _ent("Moldovan President Mirela Vantu called for calm.", "Vantu", ner)
    assert (e.code, e.sector, e.office) == ("MDA", "GOV", "president")
    assert e.identifier_text is None and e.identifier_id is None  # nobody we know: no id invented


@NER
def test_an_unknown_name_with_an_appositive(ner):
    e = _ent("Tomas Arlund, the NATO spokesman, denied the claim.", "Arlund", ner)
    assert e.code == "IGO"


@NER
def test_people_of_a_country_and_ethnic_groups(ner):
    assert _ent("The Ukrainians held the line.", "Ukrainians", ner).code == "UKR"
    assert _ent("Iraqi Kurds marched in Erbil.", "Kurds", ner).code == "IRQ"
    assert _ent("Ethnic Serbs in Kosovo blocked the road.", "Serbs", ner).code == "KOS"
    assert _ent("Kurds marched through the town.", "Kurds", ner).code is None


@NER
def test_groups_located_by_an_in_phrase(ner):
    e = _ent("Rebels in Mali seized two towns.", "Rebels", ner)
    assert (e.code, e.sector) == ("MLI", "REB")


@NER
def test_collective_nouns_take_their_of_phrase(ner):
    e = _ent("A group of Chilean diplomats met the minister.", "group", ner)
    assert (e.code, e.sector) == ("CHL", "GOV")
    e = _ent("Members of the Polish parliament visited the camp.", "Members", ner)
    assert (e.code, e.sector) == ("POL", "LEG")


@NER
def test_conjoined_country_modifiers_give_two_entities(ner):
    from parley.coder.resolve import Resolver

    from actorkit import token
    doc = analyse("Finnish and Estonian officials agreed to share radar data.", ner=ner)
    ents = Resolver(doc).entities(token(doc, "officials"))
    assert sorted(e.code for e in ents) == ["EST", "FIN"]


@NER
def test_back_references(ner):
    doc = analyse("Ukrainian President Volodymyr Zelensky arrived in Warsaw. The president said he wanted jets.",
                  ner=ner)
    assert entity(doc, "president").identifier_text == "Volodymyr Zelensky"
    assert entity(doc, "he").code == "UKR"
    doc = analyse("Hamas released a video on Sunday. The group said the hostages were alive.", ner=ner)
    e = entity(doc, "group")
    assert (e.code, e.sector) == ("PSE", "REB")
    doc = analyse("Fighting flared in northern Mali. The ministry said troops had repelled the attack.", ner=ner)
    e = entity(doc, "ministry")
    assert (e.code, e.sector) == ("MLI", "GOV")


@NER
def test_a_pronoun_never_borrows_another_persons_identity(ner):
    doc = analyse("Putin spoke first. Then General Olu Adebayo said he would withdraw.", ner=ner)
    assert entity(doc, "he").code != "RUS"


@NER
def test_one_word_names_inside_longer_names_are_not_actors(ner):
    doc = analyse("Michael Jordan visited the team. The Washington Post said so. Gaza City was quiet.", ner=ner)
    assert all(m.entity.code != "JOR" for m in doc.actors)
    assert not any(m.source == "seat" and m.entity.code == "USA" for m in doc.actors)
    doc = analyse("Abbas Araghchi met his counterpart.", ner=ner, published="2024-10-01")
    assert entity(doc, "Araghchi").identifier_text == "Abbas Araghchi"


@NER
def test_country_inside_an_organisation_name(ner):
    e = _ent("The Gaza Health Ministry published new figures.", "Ministry", ner)
    assert (e.code, e.sector) == ("PSE", "GOV")


@NER
def test_partially_recognised_entity_carries_pre(ner):
    e = _ent("The Donetsk People's Republic announced a mobilisation.", "Republic", ner)
    assert (e.code, e.sector, e.sectors) == ("UKR", "GOV", ["PRE"])


@NER
def test_igo_codes_follow_the_manual(ner):
    assert _ent("The United Nations condemned the strike.", "Nations", ner).code == "UNO"
    assert _ent("The European Union approved the package.", "Union", ner).code == "EUR"
    assert _ent("NATO troops patrolled the border.", "troops", ner).code == "IGO"
    assert _ent("The ICC issued a warrant.", "ICC", ner).code == "IGO"
    assert _ent("Al-Qaeda claimed the attack.", "Al", ner).code == "IMG"


@NER
def test_an_act_noun_names_its_author(ner):
    e = _ent("Officials rejected an appeal from President Nayib Bukele.", "appeal", ner, published="2023-01-01")
    assert e.code == "SLV"


@NER
def test_a_place_as_actor_or_target_is_coded_to_its_country(ner):
    doc = analyse("Drones struck Zaporizhzhia and Kharkiv overnight.", ner=ner)
    assert entity(doc, "Kharkiv").code == "UKR"
