"""The learned recipient choice (coder/recipients.py): its options, its choice, its
setting and how `parley show` explains the recipient. Sentences are our own."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.coder.recipients import Option, RecipientRanker, choose, options
from parley.coder.resolve import Resolver
from parley.errors import ParleyError
from parley.ingest.records import make_article
from parley.pipeline import registry
from parley.pipeline.doc import Doc
from parley.pipeline.resources import Resources
from parley.pipeline.runner import CodeOptions, code_batch, run

SENTENCE = "The militia shelled the barracks of the border guards near Kassala on Tuesday."


def _coded(text: str, res: Resources) -> Doc:
    docs, _ = run([Doc(article=make_article({"text": text, "published": "2024-03-15"}), resources=res)],
                  registry.get(), "raise")
    return docs[0]


def _weights(tmp_path: Path, weights: dict[str, float], margin: float = 0.0) -> str:
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"version": 0, "bias": 0.0, "margin": margin, "weights": weights}))
    return str(path)


def test_options_are_the_rule_none_and_spans_of_the_sentence():
    doc = _coded(SENTENCE, Resources(scorer="off"))
    top = max(doc.candidates, key=lambda c: c.score)
    assert top.event == "ASSAULT" and [e.entity_text for e in top.recipient]
    opts = options(top, doc.spacy, Resolver(doc))
    names = [o.name for o in opts]
    assert names[:2] == ["rule", "none"] and opts[1].ents == []
    assert "rule-nodet" in names  # 'barracks of the border guards' without 'the'
    for o in opts:
        assert o.feats and any(f.startswith("opt=") for f in o.feats)
        for e in o.ents:  # every option is a span of the text, as written
            assert SENTENCE[e.start:e.end] == e.entity_text
    nodet = next(o for o in opts if o.name == "rule-nodet").ents[0]
    assert not nodet.entity_text.lower().startswith("the ") and nodet.code == top.recipient[0].code


def test_choose_keeps_the_rule_unless_beaten_by_the_margin():
    opts = [Option("rule", [], ["a"]), Option("none", [], ["b"])]
    score = {"a": 0.5, "b": 0.6}
    assert choose(opts, lambda f: score[f[0]], margin=0.0)[0].name == "none"
    assert choose(opts, lambda f: score[f[0]], margin=0.2)[0].name == "rule"


def test_ranker_from_a_weights_file_rewrites_the_recipient_and_says_so(tmp_path):
    res = Resources(scorer="off", recipient_ranker=_weights(tmp_path, {"opt=rule-nodet": 5.0}))
    doc = _coded(SENTENCE, res)
    top = max(doc.candidates, key=lambda c: c.score)
    assert top.notes["recipient_from"].startswith("ranker:rule-nodet")
    assert top.notes["recipient_rule"][0].lower().startswith("the ")
    assert not top.recipient[0].entity_text.lower().startswith("the ")


def test_ranker_setting_off_bundled_and_bad_path(tmp_path):
    assert RecipientRanker.load("off") is None
    bundled = RecipientRanker.load("bundled")
    assert bundled is not None and bundled.meta["cv"]["folds"] == 5 and bundled.weights
    with pytest.raises(ParleyError) as err:
        RecipientRanker.load(str(tmp_path / "missing.json"))
    assert err.value.code == "E031"


def test_default_codes_the_rules_recipient_and_explains_it():
    mentions = code_batch([make_article({"text": SENTENCE, "published": "2024-03-15"})],
                          CodeOptions(failure_policy="raise")).mentions
    assert mentions and all(m.explain["recipient_from"] == "rule" for m in mentions)
    assert all(m.explain["recipient_rule"] is None for m in mentions)


def test_show_explains_the_recipient(cli, tmp_path, monkeypatch):
    page = tmp_path / "story.txt"
    page.write_text(SENTENCE + "\n")
    assert cli("ingest", str(page)).exit_code == 0
    ids = [json.loads(x)["article_id"] for x in cli("export", "--mentions").stdout.splitlines()]
    shown = cli("show", ids[0])
    assert shown.exit_code == 0 and "recipient from rule" in shown.stdout


def test_show_explains_a_ranker_choice(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_RECIPIENT_RANKER", _weights(tmp_path, {"opt=rule-nodet": 5.0}))
    page = tmp_path / "story.txt"
    page.write_text(SENTENCE + "\n")
    assert cli("ingest", str(page)).exit_code == 0
    ids = [json.loads(x)["article_id"] for x in cli("export", "--mentions").stdout.splitlines()]
    shown = " ".join(cli("show", ids[0]).stdout.split())
    assert "recipient from ranker:rule-nodet p=" in shown and "(rule: the barracks" in shown
