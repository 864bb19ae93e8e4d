"""The charge an arrest is made on is an accusation by the arresting side (frames.arrest_charges)."""
from __future__ import annotations


def test_arrest_on_charges_is_also_an_accusation(code_text):
    ms = code_text("Kenyan police arrested two bloggers on charges of sedition.")
    arrest = next(m for m in ms if m.event == ["COERCE"])
    charge = next(m for m in ms if m.event == ["ACCUSE"])
    assert charge.mode == ["allege"] and charge.explain["rule"].startswith("frame:charge-of-arrest")
    assert [a.code for a in charge.actor] == [a.code for a in arrest.actor] == ["KEN"]
    assert [r.entity_text for r in charge.recipient] == [r.entity_text for r in arrest.recipient]
    assert charge.confidence < arrest.confidence  # the arrest stays the sentence's main event


def test_arrest_for_a_deed_is_also_an_accusation(code_text):
    ms = code_text("Iranian authorities detained a French tourist for spying on military sites.")
    assert {"COERCE", "ACCUSE"} <= {m.event[0] for m in ms}


def test_arrest_for_a_duration_is_no_accusation(code_text):
    ms = code_text("Police detained the activist for three days.")
    assert [m.event for m in ms] == [["COERCE"]]


def test_damage_done_while_rioting_is_part_of_the_riot(code_text):
    ms = code_text("Inmates rioted at the central prison on Sunday, setting fire to their beds and smashing doors.")
    assert [m.event for m in ms] == [["PROTEST"]] and ms[0].mode == ["riot"]


def test_the_demand_voiced_at_a_protest_is_its_topic(code_text):
    ms = code_text("Hundreds of angry farmers staged rallies outside parliament against the agriculture "
                   "minister, saying he must resign.")
    assert [m.event for m in ms] == [["PROTEST"]]


def test_a_demand_about_someone_else_is_a_request(code_text):
    ms = code_text("Opposition leaders said on Monday that the minister must resign.")
    assert ["REQUEST"] in [m.event for m in ms]
