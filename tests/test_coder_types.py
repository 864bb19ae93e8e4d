"""Event types the manual decides and the trigger alone does not: readiness to use force,
announced boycotts, peacekeepers arriving, refusals said as "out of the question", borders
opened to refugees. Every sentence here is our own."""
from __future__ import annotations

import pytest
from coder_support import one, texts


def events(ms):
    return [m.event[0] for m in ms]


# -- manual 3.14: getting ready to use force is MOBILIZE, not a verbal THREATEN -------------

def test_preparing_to_shell_is_mobilize_weapons(code_text):
    m = one(code_text("The Chadian army prepared to resume shelling rebel camps near Abeche."), "MOBILIZE")
    assert m.mode == ["weapons"] and m.modality == "asserted" and m.actor[0].code == "TCD"
    assert "THREATEN" not in events(code_text("The Chadian army prepared to resume shelling rebel camps near Abeche."))


def test_readying_to_storm_is_mobilize_troops(code_text):
    m = one(code_text("Militia fighters in Tripoli were preparing to storm the airport, residents said."), "MOBILIZE")
    assert m.mode[0] == "troops" and "weapons" not in m.mode


def test_saying_one_is_ready_to_attack_stays_a_threat(code_text):
    ms = code_text("The Bolivian defence minister said the army is ready to attack the smugglers' camps.")
    assert "THREATEN" in events(ms) and "MOBILIZE" not in events(ms)


def test_announced_attack_stays_a_threat(code_text):
    ms = code_text("The insurgents said they will attack the garrison in Mopti.")
    assert "THREATEN" in events(ms) and "MOBILIZE" not in events(ms)


# -- manual table 3.6: a boycott announced, or promised under a condition, is THREATEN restrict

def test_conditional_election_boycott_is_threaten_restrict(code_text):
    m = one(code_text("The Liberal Front said it will boycott the provincial elections unless the "
                      "electoral commission is replaced."), "THREATEN")
    assert m.mode == ["restrict"] and m.conditions


def test_boycott_of_an_election_is_protest_boycott(code_text):
    # manual table 3.7: 'the boycott of an activity'; CAMEO 143 'conduct strike or boycott'
    ms = code_text("The Liberal Front boycotted the provincial elections on Sunday.")
    assert one(ms, "PROTEST").mode == ["boycott"] and "THREATEN" not in events(ms)


def test_boycotting_talks_stays_a_refusal_to_meet(code_text):
    assert one(code_text("The Tamil parties boycotted the talks in Colombo."), "REJECT").mode == ["meet"]


# -- AID (CAMEO 074, manual 3.6 'military assistance including personnel'): peacekeepers arrive

def test_arriving_peacekeepers_are_aid_to_the_host(code_text):
    m = one(code_text("A second battalion of Uruguayan peacekeeping troops arrived in Goma on Monday."), "AID")
    assert m.actor[0].code == "URY" and "peacekeeping" in m.context


def test_other_arrivals_are_not_aid(code_text):
    ms = code_text("A Uruguayan trade delegation arrived in Goma on Monday.")
    assert "AID" not in events(ms)


# -- manual 3.10: a course the speaker calls out of the question is refused ---------------

def test_out_of_the_question_is_reject_by_the_speaker(code_text):
    m = one(code_text("The Finnish prime minister said on Friday that joining the customs pact was "
                      "out of the question for now."), "REJECT")
    assert m.actor[0].code == "FIN" and m.modality == "asserted"


def test_not_an_option_is_reject_meet_for_talks(code_text):
    m = one(code_text("Talks with the kidnappers are not an option, the Nigerian police chief said."), "REJECT")
    assert m.mode == ["meet"] and m.actor[0].code == "NGA"


def test_other_predicates_of_a_reported_clause_are_no_refusal(code_text):
    ms = code_text("The Finnish prime minister said the customs pact was a good option for exporters.")
    assert "REJECT" not in events(ms)


# -- manual 3.6 asylum: borders opened to refugees are AID, to aid convoys RETREAT access ---

def test_border_opened_to_refugees_is_aid(code_text):
    m = one(code_text("Niger opened its southern border to thousands of refugees escaping the floods."), "AID")
    assert m.actor[0].code == "NER" and "refugees" in texts(m.recipient)[0]


# -- manual rules stated in the ambiguity lists ---------------------------------------------

def test_barring_a_team_from_entering_is_reject(code_text):
    m = one(code_text("Eritrea barred a delegation of UN rapporteurs from entering the country."), "REJECT")
    assert m.actor[0].code == "ERI"
    assert "COERCE" not in events(code_text("Eritrea barred a delegation of UN rapporteurs from entering the country."))


def test_pushing_back_troops_or_a_deadline_is_not_restrict(code_text):
    assert "COERCE" not in events(code_text("Malian soldiers pushed back the jihadist fighters near Gao."))
    assert not code_text("The organisers pushed back the deadline by a week.")


def test_voting_down_or_against_is_reject(code_text):
    assert "REJECT" in events(code_text("The Romanian senate voted down the budget proposal."))
    assert "REJECT" in events(code_text("Brazil and India voted against the motion."))
    assert "REJECT" not in events(code_text("Voters in Ghana voted in large numbers on Saturday."))


def test_troops_leaving_a_country_is_retreat_withdraw(code_text):
    m = one(code_text("The last Kenyan troops left Somalia in December."), "RETREAT")
    assert m.mode == ["withdraw"]
    assert "RETREAT" not in events(code_text("The last Kenyan diplomats left the conference in December."))


def test_police_freeing_hostages_is_a_rescue(code_text):
    assert "AID" in events(code_text("Colombian police freed four hostages held by a gang in Cali."))
    m = one(code_text("The gang freed four hostages in Cali after a ransom was paid."), "RETREAT")
    assert m.mode == ["release"]


def test_depositing_money_in_a_central_bank_is_aid(code_text):
    assert "AID" in events(code_text("Kuwait deposited 500 million dollars in Jordan's central bank."))


def test_reopening_a_crossing_is_retreat_access(code_text):
    assert one(code_text("Jordan reopened the Jaber crossing on Monday."), "RETREAT").mode == ["access"]


def test_promised_elections_are_not_a_threat(code_text):
    ms = code_text("The military council promised to hold elections within eighteen months.")
    assert "THREATEN" not in events(ms) and "AGREE" in events(ms)


def test_aid_in_other_currencies(code_text):
    m = one(code_text("Austria gave Slovenia 40 million schillings in reconstruction aid."), "AID")
    assert m.recipient[0].code == "SVN"


def test_moving_troops_is_mobilize_and_moving_them_out_is_retreat(code_text):
    assert one(code_text("Eritrea moved two divisions towards the Ethiopian frontier."), "MOBILIZE").mode == ["troops"]
    assert one(code_text("Eritrea moved its troops out of the disputed border zone."), "RETREAT").mode == ["withdraw"]
    assert not code_text("The ministry moved its offices to a new building.")


def test_suspending_the_constitution_is_coerce_restrict(code_text):
    assert one(code_text("The Fijian military suspended the constitution."), "COERCE").mode == ["restrict"]


def test_border_opened_to_people_fleeing_is_aid(code_text):
    m = one(code_text("Malawi opened its border to thousands of Mozambicans fleeing the war."), "AID")
    assert m.actor[0].code == "MWI"
    assert one(code_text("Malawi opened its border to traders from Zambia."), "RETREAT").mode == ["access"]


def test_what_waits_for_a_demand_is_not_an_event(code_text):
    ms = code_text("Croatian Serbs demanded a ceasefire before allowing relief convoys into the enclave.")
    assert events(ms) == ["REQUEST"]


def test_before_after_a_deed_keeps_both_events(code_text):
    ms = code_text("Guerrillas ambushed an army patrol before withdrawing into the hills.")
    assert "ASSAULT" in events(ms) and "RETREAT" in events(ms)


# -- not events: natural forces, sport, striving -------------------------------------------

def test_natural_forces_commit_no_assault(code_text):
    assert "ASSAULT" not in events(code_text("The cyclone killed forty fishermen off the coast of Odisha."))
    assert "ASSAULT" not in events(code_text("Nine climbers were killed in an avalanche near Manali."))
    assert "ASSAULT" in events(code_text("Nine climbers were killed in an ambush near Manali."))


def test_capturing_a_title_is_no_seizure(code_text):
    assert "COERCE" not in events(code_text("The Kenyan runners captured the team trophy in Oslo."))


def test_fighting_to_do_something_is_no_fight(code_text):
    assert "ASSAULT" not in events(code_text("Nurses in Aleppo fought to keep the clinic open."))
    assert "ASSAULT" in events(code_text("Kurdish fighters fought Islamic State militants near Kobani."))


def test_more_manual_rules_as_data(code_text):
    assert one(code_text("Canberra cancelled a planned sale of patrol boats to Fiji."), "SANCTION").mode == ["discontinue"]
    assert "CONCEDE" in events(code_text("The Zambian president commuted the death sentences of 30 soldiers."))
    assert one(code_text("Police in Lusaka held two opposition MPs for questioning."), "COERCE").mode == ["arrest"]


# -- CAMEO 053 / 113 (the manual is silent): rallying support for, or opposition against, a party

def test_urging_others_to_back_a_party_is_support_for_it(code_text):
    m = one(code_text("The OAU chairman urged Western donors to support the Eritrean government."), "SUPPORT")
    assert m.recipient[0].code == "ERI" and "REQUEST" not in events(
        code_text("The OAU chairman urged Western donors to support the Eritrean government."))


def test_urging_support_for_a_plan_stays_a_request(code_text):
    assert "REQUEST" in events(code_text("The OAU chairman urged Western donors to support the peace plan."))


def test_calling_on_others_to_rise_against_a_party_is_accuse(code_text):
    m = one(code_text("A Libyan radio station called on Africans to unite against the Pretoria government."), "ACCUSE")
    assert m.mode == ["disapprove"] and texts(m.recipient) == ["the Pretoria government"]


def test_forgiving_a_person_is_support_and_a_debt_aid(code_text):
    assert "SUPPORT" in events(code_text("The bishops said they forgave Charles Taylor."))
    assert "AID" in events(code_text("Japan forgave Ghana's debt."))


# -- more CAMEO codes the manual leaves to the table (CAMEO2PLOVER) -------------------------

def test_legalizing_parties_is_concede(code_text):
    assert "CONCEDE" in events(code_text("The Malian government legalized two opposition parties."))


def test_ending_a_sit_in_is_concede(code_text):
    assert "CONCEDE" in events(code_text("Dock workers in Mombasa ended their sit-in on Thursday."))


def test_ignoring_a_court_order_is_reject(code_text):
    assert "REJECT" in events(code_text("The governor ignored the court order to reopen the market."))
    assert not code_text("The governor ignored the rain and kept talking.")


def test_military_parade_is_mobilize(code_text):
    assert "MOBILIZE" in events(code_text("Iran staged a military parade near the Iraqi border."))


def test_withdrawing_mediators_is_sanction_withdraw(code_text):
    assert one(code_text("Qatar withdrew its mediators from the Darfur talks."), "SANCTION").mode == ["withdraw"]


def test_using_force_or_human_shields_is_assault(code_text):
    assert "ASSAULT" in events(code_text("Riot police used force to clear the square in Minsk."))
    m = one(code_text("The militants used schoolchildren as human shields."), "ASSAULT")
    assert m.mode[0] == "abduct"
    assert not code_text("The engineers used the new software for the design.")


def test_not_ruling_out_force_is_a_threat(code_text):
    m = one(code_text("Ankara said it would not rule out military action against the militants."), "THREATEN")
    assert m.mode == ["violence"]
    assert "THREATEN" not in events(code_text("The premier did not rule out early elections."))


def test_rejecting_a_proposal_clause_is_reject_and_a_claim_is_not(code_text):
    assert "REJECT" in events(code_text("Khartoum rejected any suggestion that it talk to the rebels."))
    assert "REJECT" not in events(code_text("Khartoum rejected suggestions that its militias had burned villages."))


def test_a_conjoined_verb_lends_its_auxiliary_not_its_meaning(code_text):
    ms = code_text("Police set up checkpoints around Kisumu and arrested forty youths.")
    assert one(ms, "COERCE").modality == "asserted" and "THREATEN" not in events(ms)
    assert one(code_text("The two envoys will meet and talk in Doha."), "AGREE").modality == "future"


def test_roadblocks_set_by_soldiers_restrict_and_by_protesters_obstruct(code_text):
    assert one(code_text("Soldiers set up roadblocks around Bukavu."), "COERCE").mode == ["restrict"]
    assert one(code_text("Angry truckers set up roadblocks around Bukavu."), "PROTEST").mode[0] == "obstruct"


def test_voiced_opposition_and_expressed_concern(code_text):
    assert "REJECT" in events(code_text("Fishermen voiced opposition to the new quota deal."))
    # CAMEO 012: expressing concern is a pessimistic comment, a statement, not an accusation
    assert "ACCUSE" not in events(code_text("The Holy See expressed concern over the detention of two bishops."))
    assert "REJECT" not in events(code_text("The opposition continued its campaign in the provinces."))


def test_projectiles_tearing_into_a_place_are_assault(code_text):
    assert "ASSAULT" in events(code_text("A car bomb ripped through a police station in Mosul."))
    assert "ASSAULT" in events(code_text("Two rockets slammed into a school in Sderot."))
    assert one(code_text("The senator slammed the new budget."), "ACCUSE").mode == ["disapprove"]


def test_fighting_for_control_is_still_fighting(code_text):
    assert "ASSAULT" in events(code_text("Two cartels are fighting to control the port of Lazaro Cardenas."))


def test_a_wave_of_violence_is_no_natural_force(code_text):
    assert "ASSAULT" in events(code_text("In a new wave of violence, six guards were killed in Culiacan."))


def test_not_ruling_out_a_possibility_is_no_threat(code_text):
    ms = code_text("Investigators have not ruled out that the fire was part of an attack on the mayor.")
    assert "THREATEN" not in events(ms)


def test_raised_concerns_from_a_trend_are_no_accusation(code_text):
    assert "ACCUSE" not in events(code_text("The rise in murders raised concerns about the truce."))


def test_sending_people_to_investigate_is_an_investigation(code_text):
    m = one(code_text("The OSCE sent a team of twelve experts to Kosovo to investigate the killings."), "ACCUSE")
    assert m.mode == ["investigate"]
    assert "MOBILIZE" in events(code_text("Kenya sent 300 troops to Somalia to fight the militants."))


def test_permission_needs_someone_to_grant_it(code_text):
    assert not code_text("The new statute allows prosecutors to hold suspects for ninety days.")
    assert "CONCEDE" not in events(code_text("The ferry allows lorries to cross the lake in winter."))
    assert "CONCEDE" not in events(code_text("It also allows the navy to keep a small presence in the gulf."))
    assert events(code_text("The military council allowed the former president to return from exile."))


def test_things_that_show_support_or_threaten_are_no_actors(code_text):
    assert not code_text("The new figures demonstrate how the gangs have grown.")
    assert not code_text("The latest survey supports the theory of a cartel split.")
    assert "THREATEN" not in events(code_text("The drought threatens the harvest in Tigray."))
    assert "PROTEST" in events(code_text("Tens of thousands demonstrated in Skopje against the government."))
    assert "SUPPORT" in events(code_text("The French government supports the new plan for Mali."))


def test_amassing_wealth_is_no_mobilization(code_text):
    assert not code_text("The trafficker amassed a fortune in Cali.")
    assert "MOBILIZE" in events(code_text("Sudan amassed troops near the border with South Sudan."))


def test_feeding_fears_or_financing_a_war_is_no_aid(code_text):
    assert "AID" not in events(code_text("The leaked memos fed fears of a coup in Tegucigalpa."))
    assert "AID" not in events(code_text("The smugglers financed the insurgency with fuel sales."))
    assert "AID" in events(code_text("The World Food Programme fed 40,000 refugees in Dadaab."))


# -- one sentence, one type and mode (manual ambiguity lists and the CAMEO table) ------------

@pytest.mark.parametrize("sentence,event,mode", [
    pytest.param("Niger opened its southern border to relief convoys on Tuesday.",
                 "RETREAT", "access", id="border_opened_to_convoys_is_retreat_access"),
    pytest.param("The electoral court barred the opposition leader from office.",
                 "COERCE", "restrict", id="barring_from_office_stays_coerce"),
    pytest.param("Riot police pushed back hundreds of marchers outside the ministry in Skopje.",
                 "COERCE", "restrict", id="pushing_back_a_crowd_is_coerce_restrict"),
    pytest.param("A court in Quito issued an arrest warrant for the former vice president.",
                 "THREATEN", "arrest", id="arrest_warrant_is_threaten_arrest"),
    pytest.param("Militiamen in Ituri handed over 300 rifles to the demobilisation commission.",
                 "RETREAT", "disarm", id="handing_over_rifles_is_retreat_disarm"),
    pytest.param("Miners in Potosi went on strike on Tuesday.",
                 "PROTEST", "strike", id="going_on_strike_is_a_labour_strike"),
    pytest.param("The Asian Development Bank halted lending to Myanmar.",
                 "SANCTION", "discontinue", id="halting_lending_is_sanction"),
    pytest.param("The regional bloc suspended Guinea after the coup in Conakry.",
                 "SANCTION", "expel", id="suspending_a_member_state_is_sanction_expel"),
])
def test_sentence_codes_type_and_mode(code_text, sentence, event, mode):
    m = one(code_text(sentence), event)
    assert m.mode == [mode]
