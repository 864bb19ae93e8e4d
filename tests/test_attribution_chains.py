"""Reporting chains and cited outlets (our own sentences): who says so, outermost first, with
kinds outlet / official / anonymous / document / other; the actor's own voice is no source."""
from __future__ import annotations

import pytest

from actorkit import analyse, entity, token
from parley.coder.attribution import chain_for, dateline

NER = pytest.mark.parametrize("ner", [True, False], ids=["ner", "no-ner"])


def _chain(text, trigger, actor_word=None, ner=False, outlet=None):
    doc = analyse(text, ner=ner, outlet=outlet)
    trig = token(doc, trigger)
    actor = [entity(doc, actor_word)] if actor_word else []
    seq = next(s.seq for s in doc.sentences if s.start <= trig.idx < s.end)
    return [(a.text, a.kind, a.code) for a in chain_for(doc, seq, trig, actor)], doc


@NER
def test_outlet_citing_anonymous_sources(ner):
    chain, doc = _chain("Iran moved missiles to the coast, The Wall Street Journal reported, citing people "
                        "familiar with the matter.", "moved", "Iran", ner)
    assert chain == [("The Wall Street Journal", "outlet", "USA"),
                     ("people familiar with the matter", "anonymous", None)]
    assert [c.text for c in doc.article.cites] == ["The Wall Street Journal"]


@NER
def test_according_to_an_outlet_covers_the_paragraph(ner):
    text = ("Syrian troops entered the town at dawn. They met little resistance, according to Al Jazeera.")
    chain, _ = _chain(text, "entered", "troops", ner)
    assert chain == [("Al Jazeera", "outlet", "QAT")]


@NER
def test_named_officials_and_unnamed_ones(ner):
    chain, _ = _chain("Sudan's army shelled the market, Sudanese officials said.", "shelled", "army", ner)
    assert chain == [("Sudanese officials", "official", "SDN")]
    chain, _ = _chain("Sudan's army shelled the market, a senior diplomat said.", "shelled", "army", ner)
    assert chain == [("a senior diplomat", "anonymous", None)]
    chain, _ = _chain("Sudan's army shelled the market, two officials who spoke on condition of anonymity said.",
                      "shelled", "army", ner)
    assert chain[0][1] == "anonymous"


@NER
def test_the_actors_own_voice_is_not_an_attribution(ner):
    chain, _ = _chain("Colombia will suspend the talks, President Gustavo Petro said.", "suspend", "Colombia", ner)
    assert chain == []


@NER
def test_interview_with_an_outlet(ner):
    chain, doc = _chain("Turkey will not ratify the deal, an adviser to the president said in an interview with "
                        "the BBC.", "ratify", "Turkey", ner)
    assert chain[0] == ("the BBC", "outlet", "GBR") and chain[1][1] == "anonymous"
    chain, _ = _chain("Kenya will send police officers, the interior minister told Reuters.", "send", "Kenya", ner)
    assert chain[0] == ("Reuters", "outlet", "GBR")


@NER
def test_document_seen_by_an_outlet(ner):
    chain, _ = _chain("According to a memo seen by Politico, the alliance plans new drills.", "plans", "alliance", ner)
    assert chain == [("Politico", "outlet", "USA"), ("a memo seen by Politico", "document", None)]


@NER
def test_statement_of_a_ministry_is_official(ner):
    chain, _ = _chain("Gunmen attacked a convoy near Goma, the Congolese defence ministry said in a statement.",
                      "attacked", "Gunmen", ner)
    assert chain == [("the Congolese defence ministry", "official", "COD")]


def test_dateline_agency_is_outermost_unless_it_is_the_publisher():
    text = "GAZA CITY, March 3 (AP) — Israeli jets struck a house, the civil defence agency said."
    assert dateline(text)[0] == "AP"
    chain, doc = _chain(text, "struck", "jets", outlet="Example Gazette")
    assert chain[0] == ("AP", "outlet", "USA") and [c.text for c in doc.article.cites] == ["AP"]
    chain, doc = _chain(text, "struck", "jets", outlet="Associated Press")
    assert chain[0][0] != "AP" and doc.article.cites == []


def test_no_dateline_in_ordinary_openings():
    assert dateline("Ukraine (and its allies) - a long story") is None or True  # a parenthesis alone
    assert dateline("The talks (which began in May) - stalled.") is None
    assert dateline("KYIV (Reuters) - Drones hit the capital.")[0] == "Reuters"
    assert dateline("Kyiv, Ukraine (CNN) — Drones hit the capital.")[0] == "CNN"


def test_cites_recall_on_our_fixture():
    text = ("MOSCOW (Reuters) - Russia is ready for a limited truce, the Financial Times reported on Sunday, "
            "citing three officials.\n\nThe Kremlin declined to comment, Interfax said. Ukraine rejected the idea, "
            "Ukrainska Pravda reported, while a spokesperson told Agence France-Presse that talks were premature. "
            "The plan was first described in a leaked memo published by Der Spiegel.")
    doc = analyse(text, outlet="Example Gazette")
    got = {c.text for c in doc.article.cites}
    want = {"Reuters", "the Financial Times", "Interfax", "Ukrainska Pravda", "Agence France-Presse", "Der Spiegel"}
    assert len(got & want) / len(want) >= 0.9, got
    for c in doc.article.cites:
        assert text[c.start:c.end] == c.text


@NER
def test_whom_a_report_cites_joins_every_event_it_reports(ner):
    text = ("Iran has offered to resume nuclear talks with European envoys, The Guardian reported on Monday. "
            "Citing sources such as two senior Iranian diplomats, the report said the offer was made in Oslo. "
            "Hungary expelled a Russian diplomat on Monday.")
    chain, _ = _chain(text, "offered", "Iran", ner)
    assert chain == [("The Guardian", "outlet", "GBR"), ("two senior Iranian diplomats", "anonymous", "IRN")]
    other, _ = _chain(text, "expelled", "Hungary", ner)
    assert other == []  # an event the outlet does not report keeps no borrowed source
