"""Recipients (and actors) of events on hand-written sentences: which words name whom an
event is aimed at, and how much of the sentence is that mention (coder/roles.py,
coder/objects.py, data/roles.json)."""
from __future__ import annotations

from coder_support import one as _one, texts as _texts


# -- an object that names no one stands for someone named inside it ---------------------


def test_said_object_stands_for_its_author_written_whole(code_text):
    m = _one(code_text("The Georgian government rejected Armenia's proposal to reopen the border crossing."), "REJECT")
    assert [r.code for r in m.recipient] == ["ARM"]
    assert _texts(m.recipient) == ["Armenia's proposal"]


def test_said_object_with_author_in_from_phrase_is_written_as_the_author(code_text):
    m = _one(code_text("Kenya's cabinet turned down a request from the Ugandan government for more troops."), "REJECT")
    assert [r.code for r in m.recipient] == ["UGA"]
    assert _texts(m.recipient) == ["the Ugandan government"]


def test_owned_thing_stands_for_its_owner_written_whole(code_text):
    m = _one(code_text("Rebel fighters shelled a fuel depot of the Malian army overnight."), "ASSAULT")
    assert [r.code for r in m.recipient] == ["MLI"]
    assert _texts(m.recipient) == ["a fuel depot of the Malian army"]


def test_measure_stands_for_its_target_not_its_author(code_text):
    m = _one(code_text("The council lifted the EU sanctions against Belarus on Tuesday."), "RETREAT")
    assert _texts(m.recipient) == ["Belarus"] and m.recipient[0].code == "BLR"


def test_measure_in_a_place_is_directed_at_the_place(code_text):
    m = _one(code_text("Police in Kenya imposed a curfew in parts of Nairobi after the riots."), "COERCE")
    assert _texts(m.recipient) == ["parts of Nairobi"]


def test_act_done_to_someone_stands_for_its_target(code_text):
    m = _one(code_text("The navy finally ended its blockade of Djibouti."), "RETREAT")
    assert _texts(m.recipient) == ["Djibouti"]


def test_act_without_target_stands_for_its_author_alone(code_text):
    m = _one(code_text("Eritrea violated an embargo by the UN on arms imports."), "REJECT")
    assert [r.code for r in m.recipient] == ["IGO"] or [r.code for r in m.recipient] == ["UNO"]
    assert _texts(m.recipient) == ["the UN"]


# -- how much of the sentence a mention is -----------------------------------------------


def test_time_phrase_is_not_part_of_the_actor(code_text):
    m = _one(code_text("Nigerian police on Friday arrested dozens of protesters in Lagos."), "COERCE")
    assert _texts(m.actor) == ["Nigerian police"]


def test_as_phrase_is_not_part_of_the_recipient(code_text):
    m = _one(code_text("The rebels detained hundreds of villagers as hostages in the town."), "COERCE")
    assert _texts(m.recipient) == ["hundreds of villagers"]


def test_bracketed_acronym_keeps_its_closing_bracket(code_text):
    m = _one(code_text("The Kenyan government has issued a warning to the Oromo Liberation Front (OLF)."), "THREATEN")
    assert _texts(m.recipient) == ["the Oromo Liberation Front (OLF)"]


# -- recipients of last resort ------------------------------------------------------------


def test_call_for_measures_against_someone_is_a_request_aimed_at_them(code_text):
    m = _one(code_text("The Danish foreign minister called for sanctions against Eritrea."), "REQUEST")
    assert [r.code for r in m.recipient] == ["ERI"]


def test_place_of_what_is_agreed_is_the_recipient_of_last_resort(code_text):
    m = _one(code_text("The rebel commanders agreed to a truce in Darfur."), "AGREE")
    assert _texts(m.recipient) == ["Darfur"]


# -- what is sent or mobilized is not whom it is for ------------------------------------------


def test_mobilized_forces_are_not_the_recipient(code_text):
    m = _one(code_text("Ethiopia mobilized its troops for an offensive against the Tigrayan rebels."), "MOBILIZE")
    assert "its troops" not in _texts(m.recipient)
    assert any("rebels" in t for t in _texts(m.recipient))


def test_aid_object_stands_only_for_whom_it_is_for(code_text):
    m = _one(code_text("Norway suspended its aid to Somali refugees."), "SANCTION")
    assert _texts(m.recipient) == ["Somali refugees"]


def test_given_things_in_a_with_phrase_are_not_recipients(code_text):
    m = _one(code_text("Britain has provided the Kenyan army with weapons and ammunition."), "AID")
    assert _texts(m.recipient) == ["the Kenyan army"]


def test_every_conjoined_recipient_is_listed(code_text):
    m = _one(code_text("Washington suspended aid to Chad, Niger and Mali."), "SANCTION")
    assert [r.code for r in m.recipient] == ["TCD", "NER", "MLI"]


def test_past_participle_modifier_is_part_of_the_phrase(code_text):
    m = _one(code_text("The Ethiopian parliament rejected the draft law proposed by the opposition."), "REJECT")
    assert _texts(m.recipient) == ["the draft law proposed by the opposition"]


def test_what_an_agreement_builds_is_not_a_recipient(code_text):
    m = _one(code_text("The Kenyan government agreed to set up a new training centre in Mombasa."), "AGREE")
    assert "a new training centre" not in _texts(m.recipient)


def test_people_an_agreement_frees_are_recipients(code_text):
    m = _one(code_text("The junta agreed to release the detained opposition leaders."), "AGREE")
    assert _texts(m.recipient) == ["the detained opposition leaders"]


def test_a_mission_in_a_place_stands_for_the_place(code_text):
    m = _one(code_text("Ghana is deploying 400 soldiers to the UN peacekeeping mission in South Sudan."), "MOBILIZE")
    assert _texts(m.recipient) == ["South Sudan"] and m.recipient[0].code == "SSD"


def test_whom_money_is_given_to_is_the_recipient_even_unnamed(code_text):
    m = _one(code_text("The city council is giving money to local farmers."), "AID")
    assert _texts(m.recipient) == ["local farmers"]


def test_aid_inside_a_sum_is_for_whom_the_aid_is(code_text):
    m = _one(code_text("Japan provides 5 million dollars in aid to the Sudanese refugees."), "AID")
    assert _texts(m.recipient) == ["the Sudanese refugees"]


def test_destination_hung_inside_the_object_is_the_recipient(code_text):
    m = _one(code_text("Italy returned a bronze statue stolen from a museum in the 1990s to the Greek government."), "RETREAT")
    assert [r.code for r in m.recipient] == ["GRC"]


def test_state_of_emergency_is_a_measure_aimed_at_its_place(code_text):
    # 'a state of siege in X' is imposed on X: X is the recipient, not the whole object
    m = _one(code_text("The interim president declared a state of siege in Port Halden."), "COERCE")
    assert _texts(m.recipient) == ["Port Halden"]
    m = _one(code_text("Bolivian authorities declared a state of emergency in Bolivia on Friday."), "COERCE")
    assert _texts(m.recipient) == ["Bolivia"] and m.recipient[0].code == "BOL"


def test_description_set_off_by_comma_is_not_part_of_the_recipient(code_text):
    m = _one(code_text("Government troops shelled Port Halden, the largest town in the delta, on Sunday."), "ASSAULT")
    assert _texts(m.recipient) == ["Port Halden"]
    m = _one(code_text("The junta expelled foreign aid workers, including staff from two charities."), "COERCE")
    assert _texts(m.recipient) == ["foreign aid workers"]


def test_person_title_or_name_in_apposition_stays_in_the_recipient(code_text):
    m = _one(code_text("The prime minister telephoned his Chilean counterpart, Rosa Varela, on Friday."), "CONSULT")
    assert _texts(m.recipient) == ["his Chilean counterpart, Rosa Varela"]


def test_weapon_object_of_an_assault_is_not_its_recipient(code_text):
    # 'fired rockets at X': the rockets are what it was done with; X is whom it was aimed at
    m = _one(code_text("The navy fired missiles into the port of Kalden."), "ASSAULT")
    assert _texts(m.recipient) == ["the port of Kalden"]
    m = _one(code_text("Soldiers opened fire on demonstrators outside the parliament."), "ASSAULT")
    assert _texts(m.recipient) == ["demonstrators"]
    m = _one(code_text("Police fired tear gas to disperse the crowd."), "ASSAULT")
    assert m.recipient == []


def test_place_of_what_is_agreed_or_office_left_is_recipient_of_last_resort(code_text):
    m = _one(code_text("The militia agreed to hand over its rifles in northern Mozambique."), "AGREE")
    assert [r.code for r in m.recipient] == ["MOZ"]
    m = _one(code_text("Kyrgyz President Sooronbay Jeenbekov resigned as president of Kyrgyzstan on Thursday."), "RETREAT")
    assert _texts(m.recipient) == ["Kyrgyzstan"]


def test_quantity_of_people_is_a_person_object(code_text):
    # 'released dozens of activists' frees people; 'released dozens of new products' does not
    m = _one(code_text("The government released dozens of jailed opposition activists on Friday."), "RETREAT")
    assert _texts(m.recipient) == ["dozens of jailed opposition activists"]
    assert not code_text("The company released dozens of new products on Friday.")


def test_anything_handed_back_to_an_actor_is_a_return(code_text):
    m = _one(code_text("Customs officers returned 300 ancient coins to the Greek government."), "RETREAT")
    assert _texts(m.recipient) == ["the Greek government"]
    assert not code_text("The delegation returned to Kabul on Monday.")


def test_of_phrase_of_an_attack_noun_is_its_target_when_nothing_else_is(code_text):
    m = _one(code_text("The army intensified its bombardment of a besieged neighborhood in the south."), "ASSAULT")
    assert _texts(m.recipient) == ["a besieged neighborhood in the south"]
    m = _one(code_text("Police began a crackdown of unprecedented scale on the protesters."), "COERCE")
    assert _texts(m.recipient) == ["the protesters"]


def test_clause_under_a_noun_inside_the_recipient_is_cut(code_text):
    # what the recipient did or is for is not who it is
    m = _one(code_text("The two senators said they agree with Okafor, the Finance Minister who asked banks "
                       "to freeze the accounts."), "AGREE")
    assert _texts(m.recipient) == ["Okafor, the Finance Minister"]


def test_charge_phrase_is_not_part_of_the_accused(code_text):
    m = _one(code_text("Amnesty International has accused the national army of mass killings of civilians in the north."),
             "ACCUSE")
    assert _texts(m.recipient) == ["the national army"]
    m = _one(code_text("The court convicted 45 members of the militia of terrorism."), "SANCTION")
    assert _texts(m.recipient) == ["45 members of the militia"]


def test_aid_given_to_help_someone_is_aid_to_them(code_text):
    m = _one(code_text("The government has donated 250 ventilators to assist Ethiopia with its response to the virus."), "AID")
    assert _texts(m.recipient) == ["Ethiopia"]
    m = _one(code_text("Germany gave 40 million euros to promote investment in Ghana."), "AID")
    assert [r.code for r in m.recipient] == ["GHA"]


def test_main_clause_event_is_kept_over_its_participial_adjunct(code_text):
    # 'stormed X, killing Y': one assault by one actor, coded as the main clause says it
    ms = code_text("Taliban attackers stormed a police headquarters in the east on Sunday, killing five officers.")
    m = _one(ms, "ASSAULT")
    assert m.explain.get("rule") == "verb:storm"
    assert _texts(m.recipient) == ["a police headquarters"]


def test_partner_of_a_planned_meeting_is_found_through_an_apposition(code_text):
    m = _one(code_text("Kenyan President William Ruto will meet regional rival Uganda's President Yoweri Museveni "
                       "next week."), "AGREE")
    assert [r.code for r in m.recipient] == ["UGA"]
    assert _texts(m.recipient) == ["regional rival Uganda's President Yoweri Museveni"]
    m = _one(code_text("The envoy will meet Omar Haddad, the Jordanian foreign minister, on Thursday."), "AGREE")
    assert _texts(m.recipient) == ["Omar Haddad, the Jordanian foreign minister"]


def test_what_was_deployed_is_no_recipient_but_whom_it_relieves_is(code_text):
    m = _one(code_text("UN peacekeepers are being sent to relieve the Malian garrison."), "AID")
    assert _texts(m.recipient) == ["the Malian garrison"]
    m = _one(code_text("UN sanctions against Iran were lifted on Monday."), "RETREAT")
    assert _texts(m.recipient) == ["Iran"]


def test_where_an_office_holder_is_is_not_part_of_who_they_are(code_text):
    m = _one(code_text("Germany summoned the Chinese ambassador in Berlin on Monday."), "ACCUSE")
    assert _texts(m.recipient) == ["the Chinese ambassador"]
    m = _one(code_text("Police arrested students in Dhaka."), "COERCE")
    assert _texts(m.recipient) == ["students in Dhaka"]


def test_both_before_conjoined_recipients_is_not_part_of_them(code_text):
    m = _one(code_text("Japan lifted sanctions against both India and Pakistan."), "RETREAT")
    assert _texts(m.recipient) == ["India", "Pakistan"]


def test_abbreviated_month_is_a_time_not_a_recipient(code_text):
    from parley.coder.clauses import is_time_word
    from parley.pipeline.resources import Resources

    sp = Resources().nlp("On Dec. 11 the court freed the journalist.")
    assert is_time_word(sp[1]) and not is_time_word(sp[-2])


def test_refuge_is_asked_of_the_place_that_gives_it(code_text):
    m = _one(code_text("Hundreds of families have sought asylum in Kenya since January."), "REQUEST")
    assert _texts(m.recipient) == ["Kenya"] and m.recipient[0].code == "KEN"


def test_part_of_a_group_is_written_from_the_number(code_text):
    m = _one(code_text("The rebels freed three of the hostages."), "RETREAT")
    assert _texts(m.recipient) == ["three of the hostages"]


def test_what_a_strike_protests_is_its_recipient(code_text):
    m = _one(code_text("A retired teacher has begun a hunger strike, protesting the city's pension cuts."), "PROTEST")
    assert _texts(m.recipient) == ["the city's pension cuts"]
    m = _one(code_text("Miners began a hunger strike on Monday in protest against the closure plan."), "PROTEST")
    assert _texts(m.recipient) == ["the closure plan"]


def test_what_a_labour_strike_protests_is_found_after_the_strike_is_told_from_an_air_strike(code_text):
    m = _one(code_text("Dock workers went on strike to protest the new labour law."), "PROTEST")
    assert _texts(m.recipient) == ["the new labour law"]
