"""Recipients on hand-written sentences, round 5: possessives written apart from their noun
("Norway ’ s army", as in text rebuilt from tokens) and the other recipient rules of
docs/roles.md "round 5"."""
from __future__ import annotations

import pytest
from coder_support import one as _one, texts as _texts


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_possessive_written_apart_is_parsed_as_a_possessive(code_text, apostrophe):
    text = f"The council urged Norway {apostrophe} s elected government to reopen the border."
    m = _one(code_text(text), "REQUEST")
    assert _texts(m.recipient) == [f"Norway {apostrophe} s elected government"]
    start = text.index("Norway")
    assert (m.recipient[0].start, m.recipient[0].end) == (start, start + len(_texts(m.recipient)[0]))


def test_possessive_written_apart_keeps_the_whole_target(code_text):
    m = _one(code_text("Militants shelled Chad ’ s largest army barracks near the capital on Friday."), "ASSAULT")
    assert _texts(m.recipient) == ["Chad ’ s largest army barracks"]


def test_joined_possessive_token_keeps_text_and_offsets():
    from parley.stages.parse import build_nlp, model_input, stored_tokens

    nlp = build_nlp()
    text = "Rebels took Ghana ’ s northern capital, ‘ a shame ’ said the envoy."
    twin, stored = model_input(nlp, text)
    doc = stored_tokens(nlp(twin), stored)
    assert doc.text == text and twin.text != text
    joined = [t for t in doc if t.text == "’ s"]
    assert len(joined) == 1 and any(t.text == "’" for t in doc)
    assert joined[0].tag_ == "POS" and joined[0].head.text == "Ghana"
    assert text[joined[0].idx:joined[0].idx + 3] == "’ s"
    together = nlp("Rebels took Ghana’s northern capital, ‘ a shame ’ said the envoy.")
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in together]
    assert model_input(nlp, "No possessive here.") == ("No possessive here.", None)


def test_aid_to_help_someone_recover_is_aid_to_them(code_text):
    m = _one(code_text("The Irish government is weighing sending relief to help Malawi recover from the storm."), "AID")
    assert _texts(m.recipient) == ["Malawi"]
    m = _one(code_text("Norway donated tents and blankets to help displaced families in Mozambique rebuild their homes."), "AID")
    assert _texts(m.recipient) == ["displaced families in Mozambique"]


def test_object_pronoun_of_a_conjoined_verb_stands_for_the_earlier_object(code_text):
    m = _one(code_text("The police stopped the marchers and dispersed them with water cannon."), "ASSAULT")
    assert _texts(m.recipient) == ["the marchers"]


def test_object_pronoun_that_does_not_agree_in_number_is_not_replaced():
    from parley.coder.roles import _antecedent
    from parley.stages.parse import build_nlp

    doc = build_nlp()("The police stopped the marchers and dispersed it with water cannon.")
    it = next(t for t in doc if t.lower_ == "it")
    assert _antecedent(it) is it
    doc = build_nlp()("The police stopped the marchers and dispersed them with water cannon.")
    them = next(t for t in doc if t.lower_ == "them")
    assert _antecedent(them).text == "marchers"


def test_conjuncts_under_one_determiner_are_one_recipient(code_text):
    m = _one(code_text("Japan gives 5 million dollars in aid to the Somali people and organizations every year."), "AID")
    assert _texts(m.recipient) == ["the Somali people and organizations"]
    m = _one(code_text("The rebels released a Kenyan doctor and nurse after two months."), "RETREAT")
    assert _texts(m.recipient) == ["a Kenyan doctor and nurse"]


def test_bare_conjuncts_or_a_relative_clause_stay_apart(code_text):
    m = _one(code_text("The army detained prisoners and detainees in the north."), "COERCE")
    assert _texts(m.recipient) == ["prisoners", "detainees"]
    m = _one(code_text("The court ordered sanctions against the tribunal and people who work for it."), "REQUEST")
    assert _texts(m.recipient)[0] == "the tribunal" and len(m.recipient) == 2


def test_possessor_is_written_with_what_it_owns(code_text):
    m = _one(code_text("The council has urged Peru ’ s democratically elected government to clamp down on gangs."),
             "REQUEST")
    assert _texts(m.recipient) == ["Peru ’ s democratically elected government"]
    assert m.recipient[0].code == "PER"


def test_place_deep_inside_a_declared_truce_is_the_recipient_of_last_resort(code_text):
    m = _one(code_text("The armed group declared a unilateral truce effective from Friday in Myanmar."),
             "CONCEDE")
    assert _texts(m.recipient) == ["Myanmar"]


def test_time_phrase_inside_the_recipient_is_cut(code_text):
    m = _one(code_text("The navy has imposed a blockade on Yemeni ports following the raid on the tanker."), "COERCE")
    assert _texts(m.recipient) == ["Yemeni ports"]


def test_protested_policy_stands_for_whoever_imposed_it(code_text):
    m = _one(code_text("Dock workers began a hunger strike on Monday in protest against new port fees imposed by "
                       "the Chilean government."), "PROTEST")
    assert _texts(m.recipient) == ["the Chilean government"]
    m = _one(code_text("Nurses went on strike to protest the pay freeze ordered by the health ministry."), "PROTEST")
    assert _texts(m.recipient) == ["the health ministry"]


def test_what_is_rejected_is_the_recipient_even_when_it_names_no_one(code_text):
    m = _one(code_text("The opposition rejected the draft budget on Tuesday."), "REJECT")
    assert _texts(m.recipient) == ["the draft budget"]
