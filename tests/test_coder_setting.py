"""An actor the text gives no country takes the country it acts in (coder/setting.py):
the setting's country, else the sentence's one country, never a victim's for uses of force."""
from __future__ import annotations

from coder_support import one as _one


def test_crowd_takes_the_country_of_the_place_it_acts_in(code_text):
    m = _one(code_text("Hundreds of students marched in Lagos on Monday to protest against higher fees."), "PROTEST")
    assert m.actor[0].code == "NGA"
    (why,) = m.explain["actor_code_from"]
    assert why["rule"] == "setting" and why["from"] == "Lagos" and why["code"] == "NGA"
    assert m.actor[0].entity_text == "Hundreds of students"  # the words stay the text's


def test_place_reached_through_a_place_noun(code_text):
    m = _one(code_text("Gunmen kidnapped three engineers near the town of Kaduna."), "ASSAULT")
    assert m.actor[0].code == "NGA" and m.explain["actor_code_from"][0]["rule"] == "setting"


def test_person_without_nationality_takes_the_sentences_one_country(code_text):
    m = _one(code_text("Opposition leader Tomas Brandt demanded the resignation of the Hungarian prime minister."),
             "REQUEST")
    assert m.actor[0].code == "HUN" and m.explain["actor_code_from"][0]["rule"] == "sole-country"


def test_victims_nationality_is_not_the_attackers(code_text):
    m = _one(code_text("A roadside bomb killed two Canadian soldiers on Sunday."), "ASSAULT")
    assert m.actor and m.actor[0].code is None and m.explain["actor_code_from"] == []
    assert [r.code for r in m.recipient] == ["CAN"]


def test_two_countries_leave_the_code_null(code_text):
    m = _one(code_text("Protesters demanded that France and Germany lift the ban."), "REQUEST")
    assert m.actor[0].code is None


def test_international_body_is_not_coded_by_where_it_acts(code_text):
    m = _one(code_text("The World Water Council urged Egypt to share its data."), "REQUEST")
    assert m.actor[0].code is None


def test_an_actor_with_its_own_country_keeps_it(code_text):
    m = _one(code_text("Russian troops shelled villages in Kharkiv region on Friday."), "ASSAULT")
    assert m.actor[0].code == "RUS" and m.explain["actor_code_from"] == []


def test_unnamed_doer_of_an_attack_is_the_settings_country(code_text):
    m = _one(code_text("A journalist was killed in a bomb blast in a quiet district of Beirut."), "ASSAULT")
    assert [(a.entity_text, a.code) for a in m.actor] == [("Beirut", "LBN")]
    assert m.explain["actor_code_from"][0]["rule"] == "implicit-actor" and m.explain["actor_from"] == "setting"


def test_unnamed_doer_needs_a_setting_not_just_a_named_country(code_text):
    m = _one(code_text("Two Kenyan traders were abducted on Tuesday."), "ASSAULT")
    assert m.actor == []


def test_unnamed_doer_only_for_acts_of_force_or_authority(code_text):
    ms = code_text("An agreement on grain exports was reached in Istanbul on Friday.")
    assert all(not m.actor for m in ms if m.event == ["AGREE"])


def test_a_partner_with_a_country_keeps_the_others_uncoded(code_text):
    m = _one(code_text("Israeli helicopters and tanks shelled houses near the town of Rafah."), "ASSAULT")
    assert "ISR" in [a.code for a in m.actor] and "PSE" not in [a.code for a in m.actor]


def test_a_nationality_adjective_places_only_a_place_noun(code_text):
    ms = code_text("A curfew was imposed in the former French colony on Sunday.")
    assert all(a.code != "FRA" for m in ms for a in m.actor)


def test_pro_and_anti_name_a_stance_not_a_country(code_text):
    m = _one(code_text("The pro-Iranian militia declared a truce in southern Syria on Friday."), "CONCEDE")
    assert all(a.code != "IRN" for a in m.actor)
    m = _one(code_text("Unknown gunmen shot dead an anti-Russian blogger in a suburb of Minsk."), "ASSAULT")
    assert all(r.code != "RUS" for r in m.recipient)


def test_a_title_gives_the_sector_of_a_name_the_dictionary_does_not_know(code_text):
    m = _one(code_text("Judge Maria Okafor opened an investigation into the contracts, the court in Nairobi said."),
             "ACCUSE")
    assert (m.actor[0].code, m.actor[0].sector) == ("KEN", "JUD")
    ms = code_text("Supporters of former President Tomas Varga blocked roads in the capital city of Budapest.")
    m = _one(ms, "PROTEST")  # not GOV: a former office holder's supporters are no government
    assert m.actor[0].sector == "ELI"
