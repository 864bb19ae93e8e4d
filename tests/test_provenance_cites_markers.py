"""Credited origins (`cites`) and copy markers, each with offsets; and `parley eval` scoring
provenance on the fixtures (items grouped among themselves)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, needs_shared

from parley.evaluate.run import evaluate
from parley.ingest.records import make_article
from parley.provenance.article import annotate
from parley.provenance.cites import canonical

STORIES = Path(__file__).parent / "fixtures" / "provenance" / "stories.jsonl"


def cites_of(text: str, **fields) -> list[str]:
    a = annotate(make_article({"text": text, **fields}))
    for c in a.cites:
        assert a.text[c.start:c.end] == c.text
    return [canonical(c.text) for c in a.cites]


@pytest.mark.parametrize("text,expected", [
    ("KYIV, Ukraine (AP) — Russian drones struck the port overnight, officials said.", ["Associated Press"]),
    ("LONDON (Reuters) - Britain said on Monday it would send more aid.", ["Reuters"]),
    ("The deal was first reported by the Financial Times on Sunday.", ["Financial Times"]),
    ("Der Spiegel, citing Interfax, said the talks had stalled.", ["Der Spiegel", "Interfax"]),
    ("Selon le New York Times, Moscou a envoyé des émissaires.", ["The New York Times"]),
    ("Según Reuters, el alto el fuego entró en vigor.", ["Reuters"]),
    ("Según la AP, el alto el fuego entró en vigor.", ["Associated Press"]),  # accented cue, ambiguous name
    ("Officials spoke to the Kyiv Independent about the strike.", ["The Kyiv Independent"]),
])
def test_credited_origins(text, expected):
    assert cites_of(text) == expected


@pytest.mark.parametrize("text", [
    "At the time, the army was still advancing on the city.",  # 'Time' as a word
    "Michael Bloomberg spoke at the summit.",  # a person, no credit cue
    "The Post Office reopened after the strike.",
    "The government and the National Liberation Army agreed to a truce.",  # outlet names inside a longer name
    "Fighters of the Sudan People's Liberation Army crossed the border.",
    "The Australian government said on Monday it would send aid.",  # a newspaper's name as an adjective
])
def test_ambiguous_names_need_a_credit_cue(text):
    assert cites_of(text) == []


def test_a_cue_still_credits_a_name_glued_to_capitals():
    assert cites_of("The ministry told The National Sunday that talks resumed.") == ["The National"]


def test_own_outlet_is_not_a_cite():
    assert cites_of("Reuters reported on Monday that talks resumed.", outlet="Reuters") == []


def markers_of(text: str, **fields):
    a = annotate(make_article({"text": text, **fields}))
    for m in a.markers:
        src = a.text if m.where == "text" else a.url
        assert src[m.start:m.end] == m.text
    return {m.kind for m in a.markers}


def test_markers_in_text_and_url():
    assert "word-count" in markers_of("The ceasefire held on Sunday.\n(Word Count: 245)")
    assert "chatbot-refusal" in markers_of("As an AI language model, I cannot browse the internet. The truce held.")
    assert "chatbot-refusal" in markers_of("Certainly! Here is a rewritten version of the article: Talks resumed.")
    assert "disclaimer" in markers_of("Talks resumed.\n\nThis article was generated using automated tools.")
    assert "slug-mismatch" in markers_of("Russia and Ukraine exchanged prisoners on Friday in a deal brokered by the UAE.",
                                         url="https://site.example/2023/05/best-budget-air-fryers-reviewed")
    assert markers_of("Russia and Ukraine exchanged prisoners on Friday.",
                      url="https://site.example/2023/05/russia-ukraine-exchange-prisoners") == set()
    assert markers_of("Russia and Ukraine exchanged prisoners on Friday.", url="https://site.example/p/12345") == set()


def test_unrelated_site_marker(tmp_path):
    from parley.provenance.hooks import after_write
    from parley.store.db import Store

    recipes = [make_article({"id": f"r{i}", "url": f"https://tasty.example/recipe-{i}", "text": t})
               for i, t in enumerate(["Whisk the eggs with sugar until pale, then fold in the flour gently.",
                                      "Roast the peppers for forty minutes and peel them while warm.",
                                      "Soak the beans overnight and simmer them with garlic and bay leaves.",
                                      "Knead the dough for ten minutes and let it rise in a warm place."])]
    war = make_article({"id": "w", "url": "https://tasty.example/news-item",
                        "text": "Russian forces shelled Kharkiv overnight, Ukrainian officials said on Tuesday."})
    with Store(str(tmp_path / "s.duckdb")) as store:
        for batch in (recipes, [war]):
            for a in batch:
                a.status = "stored"
            store.write_batch(batch, [], coder="test")
            after_write(store, batch, [])
        stored = store.article("w")
        recipe = store.article("r3")
    marker = next(m for m in stored.markers if m.kind == "unrelated-site")
    assert (marker.where, stored.url[marker.start:marker.end]) == ("url", "tasty.example")
    assert not any(m.kind == "unrelated-site" for m in recipe.markers)


def test_eval_scores_provenance_on_the_fixtures():
    report = evaluate(str(STORIES))
    p = report["provenance"]
    assert p["items"] == 23
    assert p["cites_recall"] >= 0.9 and p["markers_recall"] >= 0.9
    assert p["same_story"]["f1"] >= 0.9 and p["same_story"]["precision"] >= 0.9
    assert p["copy_kind_accuracy"] >= 0.8


@needs_shared
def test_seed_cites_recall():
    assert evaluate(str(SHARED / "devset" / "seed_gold.jsonl"))["provenance"]["cites_recall"] >= 0.9


def test_copies_are_scored_apart_from_independent_write_ups():
    from parley.evaluate.score import Item, score_provenance
    from parley.schema import Article

    def item(ident, story, kind, predicted):
        return Item({"story": story, "copy_kind": kind}, Article(id=ident, text="x", story_id=predicted))

    items = [item("o", "s", "original", "p1"), item("v", "s", "verbatim", "p1"), item("r", "s", "rewrite", "p1"),
             item("w", "s", "independent", "p2"), item("u", "u", "original", "p3")]
    p = score_provenance(items)
    assert p["same_story"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}  # the write-up was missed
    assert p["same_story_copies"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
