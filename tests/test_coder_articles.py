"""Rules found by reading whole news articles (issue 4, round 3): a speaker's second act, the
article's own government, announced pull-backs, warnings that only assess, collective actors,
separatist leaders, reported happenings, naming participles and requests for anonymity."""
from __future__ import annotations

from coder_support import one as _one


def _of(mentions, event):
    return [m for m in mentions if m.event == [event]]


def test_speaker_is_the_actor_of_a_second_act_after_said(code_text):
    ms = code_text("Georgian Prime Minister Irakli Garibashvili said Georgia had not been consulted on the plan "
                   "and urged the European Union to send monitors.", published="2023-05-02")
    m = _one(ms, "REQUEST")
    assert m.actor[0].entity_text.startswith("Georgian Prime Minister") and m.actor[0].code == "GEO"
    assert not any(a.text.startswith("Georgian Prime Minister") for a in m.attribution)


def test_a_conjunct_with_the_reported_clause_form_stays_inside_it(code_text):
    ms = code_text("Officials said the militia attacked the village and burned houses.")
    m = _one(ms, "ASSAULT")
    assert m.actor and m.actor[0].entity_text == "the militia"


def test_bare_government_is_the_articles_own_not_the_last_country(code_text):
    text = ("The Peruvian government and the miners' union signed a deal on Monday. Mediators from Chile "
            "and Spain welcomed it. Opposition lawmakers accused the government of buying peace.")
    m = _one(code_text(text), "ACCUSE")
    assert [r.code for r in m.recipient] == ["PER"]


def test_bare_government_without_a_named_one_is_the_main_country(code_text):
    text = ("Kenya held elections in August. Kenya's courts upheld the result. Observers from Uganda "
            "praised the vote. Protesters accused the government of rigging the count.")
    m = _one(code_text(text), "ACCUSE")
    assert [r.code for r in m.recipient] == ["KEN"]


def test_announced_reduction_of_military_activity_is_a_future_retreat(code_text):
    m = _one(code_text("Azerbaijan said it would sharply reduce military activity near the border."), "CONCEDE")
    assert m.modality == "future" and [a.code for a in m.actor] == ["AZE"]
    m = _one(code_text("The army reduced attacks on the city last week."), "RETREAT")
    assert m.mode == ["ceasefire"]


def test_reducing_other_activity_is_no_event(code_text):
    assert not code_text("The government will reduce economic activity in the capital.")


def test_warning_that_something_may_be_so_is_a_comment(code_text):
    assert not _of(code_text("NATO officials cautioned that the pullback could be a regrouping of forces "
                             "rather than a withdrawal."), "THREATEN")
    assert not _of(code_text("Analysts warned that the convoy might signal a new offensive by the army."), "THREATEN")


def test_warning_of_own_harm_is_still_a_threat(code_text):
    m = _one(code_text("Iran warned that it would strike back at any attack on its ships."), "THREATEN")
    assert [a.code for a in m.actor] == ["IRN"]


def test_every_conjoined_country_of_the_leaders_of_is_an_actor(code_text):
    m = _one(code_text("The leaders of Chile, Peru, Bolivia and Ecuador agreed on a common border plan."), "AGREE")
    assert {a.code for a in m.actor} == {"CHL", "PER", "BOL", "ECU"}


def test_separatist_leaders_are_rebels_of_the_place_country(code_text):
    m = _one(code_text("Separatist leaders in Abkhazia signed the document."), "SUPPORT")
    assert m.actor[0].sector == "REB" and m.actor[0].code == "GEO"


def test_reported_shelling_of_a_city_is_an_assault(code_text):
    m = _one(code_text("The Ukrainian military reported overnight Russian shelling of Kharkiv."), "ASSAULT")
    assert [r.code for r in m.recipient] == ["UKR"] and any(a.code == "RUS" for a in m.actor)
    assert m.attribution and "Ukrainian military" in m.attribution[0].text


def test_contrast_clause_is_not_the_warning_content(code_text):
    ms = code_text("Observers warned that the move might mean a regrouping of troops, while the army "
                   "reported heavy shelling of Kharkiv.")
    assert _of(ms, "ASSAULT") and not _of(ms, "THREATEN")
    m = _one(ms, "ASSAULT")
    assert m.modality == "asserted" and [a.text for a in m.attribution] == ["the army"]


def test_naming_participle_is_no_event(code_text):
    assert not _of(code_text("He said the traffickers worked with a gang called the Red Scorpions."), "CONSULT")


def test_asking_not_to_be_named_is_no_request(code_text):
    ms = code_text("A police officer, who asked not to be named, said soldiers had attacked the town.")
    assert not _of(ms, "REQUEST") and _of(ms, "ASSAULT")
    assert _of(code_text("The UN asked Russia to withdraw its troops."), "REQUEST")


def test_as_opposed_to_is_no_rejection(code_text):
    assert not _of(code_text("Criminal groups, as opposed to farmers, control the trade."), "REJECT")
    assert _of(code_text("The opposition opposed the new security law."), "REJECT")


def test_an_abstract_subject_is_no_actor(code_text):
    m = _one(code_text("Their plan was to support the farmers' union."), "SUPPORT")
    assert m.actor == [] or all(a.code for a in m.actor)
    m = _one(code_text("The new strategy cut aid to the region."), "SANCTION")
    assert not any(a.entity_text.lower().startswith("the strategy") for a in m.actor)


def test_plural_and_person_subjects_stay_actors(code_text):
    m = _one(code_text("A stranger shot the mayor outside his house."), "ASSAULT")
    assert m.actor and m.actor[0].entity_text == "A stranger"
    m = _one(code_text("Fundamentalists began a hunger strike to demand the minister's resignation."), "PROTEST")
    assert m.actor and m.actor[0].entity_text == "Fundamentalists"


def test_pulling_out_a_gun_is_no_withdrawal(code_text):
    assert not _of(code_text("The man pulled out a pistol in the market."), "RETREAT")
    assert _of(code_text("Chad pulled out its troops from the border town."), "RETREAT")
    assert _of(code_text("Both armies are to pull heavy weapons back from the front line."), "RETREAT")


def test_a_closing_according_to_reaches_a_paragraphs_worth_only(code_text):
    text = ("Colombian troops attacked a rebel camp in Cauca on Monday. The army said the camp was empty. "
            "Officials counted the weapons. The weather was dry. Prices rose in the capital. "
            "Exports fell sharply in May, according to the central bank.")
    m = _one(code_text(text), "ASSAULT")
    assert not any("central bank" in a.text for a in m.attribution)
    near = code_text("Rebels attacked a police post in Cauca on Sunday. Two officers died in the attack, "
                     "according to the regional governor.")
    assert any("governor" in a.text for a in _one(near, "ASSAULT").attribution)
