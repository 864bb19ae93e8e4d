"""The coder on hand-written sentences: the PLOVER rules the foundation must get right."""
from __future__ import annotations

from coder_support import one as _one


def test_refusing_talks_is_reject_meet_with_condition(code_text):
    ms = code_text("The defence minister said Armenia will not negotiate with Azerbaijan as long as "
                   "its troops remain on Armenian soil.")
    m = _one(ms, "REJECT")
    assert m.mode == ["meet"] and m.modality == "asserted"
    assert m.conditions and m.conditions[0].text.startswith("as long as")


def test_urging_talks_is_request_meet_with_recipient(code_text):
    m = _one(code_text("The European Union urged Serbia to resume negotiations with Kosovo."), "REQUEST")
    assert m.mode == ["meet"] and m.actor[0].code == "EUR"
    assert [r.code for r in m.recipient] == ["SRB"]


def test_signalled_readiness_is_agree_signalled(code_text):
    m = _one(code_text("Turkish President Recep Tayyip Erdogan signaled his readiness to host peace talks."), "AGREE")
    assert m.modality == "signalled" and m.actor[0].code == "TUR" and m.actor[0].office == "president"


def test_hypothetical_is_never_asserted(code_text):
    ms = code_text("Officials warned that the army could attack the city if the talks fail.")
    assert all(m.modality != "asserted" for m in ms if m.event == ["ASSAULT"])


def test_relative_clause_background_is_not_coded(code_text):
    ms = code_text("The president praised the soldiers, who had captured the town in May.")
    assert [m.event for m in ms] == [["SUPPORT"]]


def test_nationality_adjective_gives_country_and_sector(code_text):
    m = _one(code_text("Israeli troops raided a hospital in Gaza on Tuesday."), "COERCE")
    assert (m.actor[0].code, m.actor[0].sector) == ("ISR", "MIL")
    assert m.date == "2024-03-12"  # the Tuesday before Friday 15 March 2024


def test_pronoun_takes_the_reporting_subject(code_text):
    text = "Ukrainian President Volodymyr Zelensky said he is not ready for talks."
    m = _one(code_text(text), "REJECT")
    # written as the antecedent in the same sentence, as annotators mark it
    assert m.actor[0].identifier_text == "Volodymyr Zelensky"
    assert m.actor[0].entity_text == "Ukrainian President Volodymyr Zelensky"
    assert text[m.actor[0].start:m.actor[0].end] == m.actor[0].entity_text


def test_pronoun_with_antecedent_in_an_earlier_sentence_stays_written_as_the_pronoun(code_text):
    text = "Ukrainian President Volodymyr Zelensky spoke in Lviv on Monday. He rejected talks with Russia."
    m = _one(code_text(text), "REJECT")
    assert m.actor[0].identifier_text == "Volodymyr Zelensky" and m.actor[0].entity_text == "He"


def test_attribution_chain_outlet_then_anonymous(code_text):
    ms = code_text("Russian forces shelled Kharkiv overnight, according to The Washington Post, "
                   "citing officials familiar with the matter.")
    m = _one(ms, "ASSAULT")
    kinds = [(a.text, a.kind) for a in m.attribution]
    assert kinds[0] == ("The Washington Post", "outlet")
    assert kinds[1][1] == "anonymous"


def test_time_bounded_roles(code_text):
    old = _one(code_text("Vladimir Putin visited Beijing.", published="2010-06-01"), "CONSULT")
    new = _one(code_text("Vladimir Putin visited Beijing.", published="2020-06-01"), "CONSULT")
    assert old.actor[0].office == "prime minister" and new.actor[0].office == "president"


def test_annexation_is_coerce_seize_with_province_code(code_text):
    m = _one(code_text("Russia annexed the Kherson region of Ukraine in 2022."), "COERCE")
    assert m.mode == ["seize"] and m.date == "2022"
    assert m.event_loc is not None and m.event_loc.province_code == "UA-65"
