"""The PLOVER manual's rules (chapter 3, 'potential ambiguities'), one hand-written sentence each."""
from __future__ import annotations

import pytest
from coder_support import one as _one


def _events(mentions):
    return sorted((m.event[0], tuple(m.mode), m.modality) for m in mentions)


def _none_of(mentions, *events):
    assert not [m for m in mentions if m.event[0] in events and m.modality == "asserted"], _events(mentions)


# -- AGREE, CONSULT and the future (3.1, 3.2) -----------------------------------------------

def test_offer_to_negotiate_is_agree_signalled(code_text):
    m = _one(code_text("The Sudanese army offered to negotiate with the rebel forces in Khartoum."), "AGREE")
    assert m.modality == "signalled" and m.quad_code == 1


def test_future_meeting_is_agree(code_text):
    m = _one(code_text("The foreign ministers of Peru and Chile will meet in Lima next week."), "AGREE")
    assert m.modality == "future" and "future" in m.context
    _none_of(code_text("The foreign ministers of Peru and Chile will meet in Lima next week."), "CONSULT")


def test_future_aid_is_agree(code_text):
    m = _one(code_text("Norway will give Mozambique a grant of 40 million dollars for flood relief."), "AGREE")
    assert m.actor[0].code == "NOR"


def test_meeting_puts_both_sides_in_the_actor(code_text):
    m = _one(code_text("The Kenyan president held talks with the Ethiopian prime minister in Nairobi."), "CONSULT")
    assert {a.code for a in m.actor} == {"KEN", "ETH"} and m.recipient == []


def test_visitor_is_the_actor_and_host_the_recipient(code_text):
    m = _one(code_text("The Brazilian foreign minister visited Argentina on Monday."), "CONSULT")
    assert m.mode == ["visit"] and m.actor[0].code == "BRA" and m.recipient[0].code == "ARG"


def test_phone_call_with_someone_is_consult_phone(code_text):
    m = _one(code_text("The French president telephoned the Nigerian leader to discuss the hostage crisis."), "CONSULT")
    assert m.mode == ["phone"]


# -- REQUEST and REJECT (3.8, 3.10) ------------------------------------------------------------

def test_urging_talks_is_request_meet(code_text):
    m = _one(code_text("The African Union urged the Ethiopian government to open talks with Tigrayan leaders."), "REQUEST")
    assert m.mode == ["meet"] and m.recipient and m.recipient[0].code == "ETH"


def test_refusing_talks_is_reject_meet(code_text):
    m = _one(code_text("The junta refused to negotiate with the ousted parliament."), "REJECT")
    assert m.mode == ["meet"] and m.modality == "asserted"


def test_not_agreeing_is_reject(code_text):
    m = _one(code_text("Serbia will not negotiate with Kosovo."), "REJECT")
    assert m.modality == "asserted" and "negation-flip" in m.explain["modality_cues"]


def test_reported_obligation_is_a_demand(code_text):
    m = _one(code_text("The Turkish foreign minister said Greece must withdraw its ships from the disputed waters."),
             "REQUEST")
    assert m.actor[0].code == "TUR" and m.recipient[0].code == "GRC" and m.mode == ["yield"]
    assert m.modality == "asserted"


def test_cancelled_meeting_is_reject_meet(code_text):
    m = _one(code_text("The Indian prime minister cancelled a planned visit to Islamabad."), "REJECT")
    assert m.mode == ["meet"]


def test_declining_to_comment_is_not_an_event(code_text):
    assert code_text("A spokesman for the ministry declined to comment on the report.") == []


def test_agreeing_with_an_opinion_is_not_an_agreement(code_text):
    ms = code_text("Analysts in Berlin agree with the bank that inflation was higher than expected.")
    assert not [m for m in ms if m.event == ["AGREE"]]


# -- CONCEDE, RETREAT, AID (3.4, 3.6, 3.7) ----------------------------------------------------

def test_declared_ceasefire_is_concede(code_text):
    m = _one(code_text("The rebel commander declared a unilateral ceasefire in the northern province."), "CONCEDE")
    assert m.quad_code == 1


def test_implemented_ceasefire_is_retreat_ceasefire(code_text):
    m = _one(code_text("The truce between the two militias took effect at midnight."), "RETREAT")
    assert m.mode == ["ceasefire"] and m.quad_code == 2


def test_announced_withdrawal_is_concede(code_text):
    m = _one(code_text("The defence ministry announced that Belgian troops would withdraw from Mali in June."),
             "CONCEDE")
    assert m.modality == "future"


def test_actual_withdrawal_is_retreat_withdraw(code_text):
    m = _one(code_text("Ethiopian troops withdrew from the border town on Friday."), "RETREAT")
    assert m.mode == ["withdraw"] and m.actor[0].sector == "MIL"


def test_release_of_prisoners_is_retreat_release(code_text):
    m = _one(code_text("The Yemeni government released 40 prisoners on Sunday."), "RETREAT")
    assert m.mode == ["release"]


def test_pardon_and_apology_are_concessions(code_text):
    _one(code_text("The Moroccan king pardoned 300 detained protesters."), "CONCEDE")
    _one(code_text("Japan apologized to South Korea for the incident."), "CONCEDE")


def test_lifting_a_curfew_is_concede_and_lifting_sanctions_retreat(code_text):
    _one(code_text("The Kenyan government lifted the curfew in Mombasa."), "CONCEDE")
    _one(code_text("The European Union lifted economic sanctions on Belarus."), "RETREAT")


def test_hostage_rescue_and_debt_relief_are_aid(code_text):
    _one(code_text("Nigerian soldiers rescued 17 hostages from a forest camp."), "AID")
    _one(code_text("The creditors forgave the debts of Zambia last year."), "AID")


def test_aid_to_a_country_names_the_recipient(code_text):
    m = _one(code_text("Canada provided 10 million dollars in humanitarian aid to Haiti."), "AID")
    assert m.recipient[0].code == "HTI" and m.quad_code == 2


# -- ACCUSE, THREATEN, PROTEST, SANCTION (3.9, 3.11-3.13) --------------------------------------

def test_diplomatic_protest_is_accuse_disapprove(code_text):
    m = _one(code_text("The Chinese government protested the visit of the Taiwanese delegation."), "ACCUSE")
    assert m.mode == ["disapprove"]


def test_demonstration_is_protest_and_its_topic_is_not_a_request(code_text):
    ms = code_text("Thousands of students demonstrated in Dhaka to demand the resignation of the minister.")
    _one(ms, "PROTEST")
    assert not [m for m in ms if m.event == ["REQUEST"]]


def test_threat_to_cut_ties_is_threaten_relations(code_text):
    m = _one(code_text("Algeria threatened to sever diplomatic ties with Morocco."), "THREATEN")
    assert m.mode == ["relations"] and m.quad_code == 3


def test_announced_attack_is_a_threat(code_text):
    m = _one(code_text("The militia said it will attack government positions in the valley."), "THREATEN")
    assert m.mode == ["violence"]


def test_expelling_diplomats_is_sanction_expel_but_deporting_people_coerce(code_text):
    assert _one(code_text("Poland expelled three Russian diplomats."), "SANCTION").mode == ["expel"]
    assert _one(code_text("The authorities deported two foreign journalists."), "COERCE").mode == ["deport"]


def test_halting_aid_is_sanction(code_text):
    m = _one(code_text("Sweden suspended development aid to Uganda."), "SANCTION")
    assert m.recipient[0].code == "UGA"


# -- MOBILIZE, COERCE, ASSAULT (3.14-3.16) -----------------------------------------------------

def test_joint_exercise_is_cooperate_single_is_mobilize(code_text):
    _one(code_text("Egypt and Greece began joint naval exercises in the Mediterranean."), "COOPERATE")
    _one(code_text("The Iranian navy held large-scale military exercises in the Gulf."), "MOBILIZE")


def test_annexing_territory_is_coerce_seize(code_text):
    m = _one(code_text("The occupying power annexed the disputed province in 2019."), "COERCE")
    assert m.mode == ["seize"] and "territory" in m.context


def test_captured_combatants_are_assault_abduct(code_text):
    m = _one(code_text("Kurdish forces captured twenty Islamic State fighters near Raqqa."), "ASSAULT")
    assert m.mode == ["abduct"]


def test_arrested_civilians_are_coerce_arrest(code_text):
    m = _one(code_text("Police in Minsk arrested dozens of opposition activists."), "COERCE")
    assert m.mode == ["arrest"] and m.actor[0].sector == "COP"


def test_drone_strike_mode_and_victim(code_text):
    m = _one(code_text("A Turkish drone strike killed four Kurdish militants in northern Iraq."), "ASSAULT")
    assert "drone" in m.mode and m.quad_code == 4 and m.event_scale == -9.5


def test_tear_gas_is_assault_crowd_control(code_text):
    m = _one(code_text("Riot police dispersed the protesters with tear gas in Nairobi."), "ASSAULT")
    assert m.mode == ["crowd-control"]


def test_mobilization_beside_the_assault_is_not_coded(code_text):
    ms = code_text("The army deployed tanks and shelled rebel positions outside the city.")
    _one(ms, "ASSAULT")
    assert not [m for m in ms if m.event == ["MOBILIZE"]]


# -- modality: hypothetical, negated, denied ----------------------------------------------------

def test_speculation_is_hypothetical_not_asserted(code_text):
    m = _one(code_text("Analysts fear that the army could attack the rebel stronghold."), "ASSAULT")
    assert m.modality == "hypothetical" and "hypothetical" in m.context


def test_negated_attack_is_negated(code_text):
    m = _one(code_text("The navy did not fire on the fishing boats."), "ASSAULT")
    assert m.modality == "negated" and "negation" in m.context


def test_denied_attack_is_the_event_negated(code_text):
    m = _one(code_text("The rebel group denied attacking the aid convoy."), "ASSAULT")
    assert m.modality == "negated" and any(c.startswith("denied") for c in m.explain["modality_cues"])


def test_denying_accusations_is_not_a_rejection(code_text):
    ms = code_text("The ministry denied the accusations made by the opposition.")
    assert not [m for m in ms if m.event == ["REJECT"]]


def test_reasons_for_an_arrest_are_not_coded(code_text):
    """The deed an arrest is for is not coded as that deed (no COOPERATE); it is the charge,
    an accusation by the arresting side (frames.arrest_charges)."""
    ms = code_text("Police arrested a journalist for cooperating with foreign agents.")
    assert _events(ms) == [("ACCUSE", ("allege",), "asserted"), ("COERCE", ("arrest",), "asserted")]


# -- explanations ---------------------------------------------------------------------------------

def test_explain_gives_trigger_rule_prior_and_model(code_text):
    m = _one(code_text("Syrian troops shelled the town of Saraqeb."), "ASSAULT")
    ex = m.explain
    assert ex["trigger"] == "shelled" and ex["rule"] == "verb:shell"
    assert 0 < ex["rule_score"] <= 1 and 0 < ex["score"] <= 1 and ex["model"].startswith("event-scorer")


@pytest.mark.parametrize("event", ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                   "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                   "MOBILIZE", "COERCE", "ASSAULT"])
def test_every_type_has_a_quad_a_scale_and_triggers(event):
    from parley.coder.lexicon import Lexicon

    lex = Lexicon.load()
    assert lex.quad(event) in (1, 2, 3, 4) and -10 <= lex.scale(event, []) <= 10
    kinds = (lex.verbs, lex.nouns)
    assert any(e.get("event") == event for table in kinds for e in table.values())


def test_refusing_to_release_is_reject_yield(code_text):
    m = _one(code_text("The militia said it would not release the hostages until its demands are met."), "REJECT")
    assert m.mode == ["yield"] and m.modality == "asserted" and m.conditions


def test_refused_talks_turn_the_partner_into_the_recipient(code_text):
    m = _one(code_text("The Malian junta said it will not hold talks with the Tuareg rebels."), "REJECT")
    assert m.mode == ["meet"] and m.recipient and "rebels" in m.recipient[0].entity_text
    assert all("rebels" not in a.entity_text for a in m.actor)


def test_relative_clause_of_an_offered_truce_is_its_condition(code_text):
    m = _one(code_text("The rebels signalled their readiness for a truce that would keep their fighters in the hills."),
             "AGREE")
    assert m.conditions and "keep their fighters" in m.conditions[0].text


def test_questions_and_instructions_are_not_requests(code_text):
    assert [m for m in code_text("A reporter asked whether the minister had met the rebels.")
            if m.event == ["REQUEST"]] == []
    assert [m for m in code_text("Ask the commander about the convoy.") if m.event == ["REQUEST"]] == []


def test_a_question_asserts_no_event(code_text):
    m = _one(code_text("Did the army shell the village overnight?"), "ASSAULT")
    assert m.modality == "hypothetical" and "question" in m.explain["modality_cues"]
