"""Passive forms and actors (coder/roles.py subject_of): a stative passive's subject is the
actor; an active verb conjoined to a passive one shares its passive subject, not its agent."""
from __future__ import annotations

from coder_support import one as _one


def test_is_opposed_to_names_its_subject_as_actor(code_text):
    m = _one(code_text("Norway is opposed to any new round of negotiations with the junta."), "REJECT")
    assert [a.code for a in m.actor] == ["NOR"] and not any(r.code == "NOR" for r in m.recipient)


def test_is_committed_to_names_its_subject_as_actor(code_text):
    m = _one(code_text("Chile is committed to opening its ports to foreign ships."), "AGREE")
    assert [a.code for a in m.actor] == ["CHL"]


def test_were_engaged_in_fighting_names_its_subject(code_text):
    m = _one(code_text("Sudanese troops were engaged in heavy fighting near the border town."), "ASSAULT")
    assert [a.code for a in m.actor] == ["SDN"]


def test_a_real_passive_keeps_its_agent(code_text):
    m = _one(code_text("The activist was arrested by Egyptian police and later released."), "COERCE")
    assert [a.code for a in m.actor] == ["EGY"]
    m = _one(code_text("The activist was arrested by Egyptian police and later released."), "RETREAT")
    assert [a.code for a in m.actor] == ["EGY"]


def test_active_conjunct_of_a_passive_takes_the_passive_subject(code_text):
    ms = code_text("The Bolivian interior minister was censured by the senate on Monday and will resign.")
    m = next(m for m in ms if m.explain["rule"] == "verb:resign")
    assert [a.code for a in m.actor] == ["BOL"] and m.actor[0].entity_text.endswith("interior minister")


def test_pushing_for_someone_to_act_is_a_request(code_text):
    ms = code_text("Britain is pushing for the EU to lift its embargo on arms sales.")
    m = _one(ms, "REQUEST")
    assert [a.code for a in m.actor] == ["GBR"] and m.explain["rule"] == "verb:push"
