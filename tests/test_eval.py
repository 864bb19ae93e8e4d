"""`parley eval` on small gold files written here, and on ../shared when it is present."""
from __future__ import annotations

import json

from conftest import SHARED, needs_shared, write_jsonl

from parley.evaluate.run import evaluate


def test_eval_scores_every_labelled_task(tmp_path):
    text = "Rebels attacked an army base near Goma on Monday. The UN condemned the attack."
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "g1", "text": text, "published": "2024-05-08",
         "events": [{"event": "ASSAULT", "actor": [{"entity_text": "Rebels", "code": None}], "span": [0, 49]},
                    {"event": "ACCUSE", "actor": [{"entity_text": "The UN", "code": "UNO"}], "span": [50, 79]}],
         "quad": 3, "roles": {"actor": [[50, 56]], "recipient": [[67, 77]]}},
        {"id": "g2", "text": "The minister spoke about the weather.", "quad": 0},
    ])
    report = evaluate(str(gold))
    assert report["items"] == 2
    assert report["events"]["gold"] == 2 and report["events"]["matched"] == 2
    assert report["quad"]["accuracy"] == 1.0
    assert report["roles"]["actor"]["recall"] == 1.0
    assert report["items_per_second"] > 0


def test_eval_cli_prints_figures(cli, tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "x", "text": "Police arrested two journalists.", "quad": 4}])
    result = cli("eval", str(gold))
    assert result.exit_code == 0 and "quad: accuracy 1.000" in result.stdout and "items/s" in result.stdout


@needs_shared
def test_seed_gold_finds_its_events_without_inventions():
    report = evaluate(str(SHARED / "devset" / "seed_gold.jsonl"))
    ev = report["events"]
    assert ev["matched"] >= 7
    assert ev["unmatched_asserted_predictions"] == 0


@needs_shared
def test_seed_page_trailer_stays_out_of_the_body(cli, store_path):
    result = cli("ingest", str(SHARED / "seed" / "seed-article.txt"))
    assert result.exit_code == 0
    records = [json.loads(x) for x in cli("export", "--format", "plover").stdout.splitlines()]
    from parley.store.db import Store

    with Store(store_path, read_only=True) as store:
        (article,) = store.articles()
    assert "Word Count" not in article.text and "views expressed" not in article.text
    assert "word-count" in [m.kind for m in article.markers]
    assert article.outlet == "ICARO Media Group" and article.published == "2023-12-23"
    assert all(r["text_info"]["end"] <= len(article.text) for r in records)
    assert {c.text for c in article.cites} >= {"The New York Times", "The Washington Post"}
