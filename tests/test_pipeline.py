"""The stage registry's contract and the failure policy."""
from __future__ import annotations

import pytest

from parley.errors import ParleyError
from parley.ingest.records import make_article
from parley.pipeline import registry
from parley.pipeline.runner import CodeOptions, code_batch


def test_default_pipeline_satisfies_its_contract():
    registry.check(registry.get())


def test_unmet_requirement_fails_with_a_named_stage():
    with pytest.raises(ParleyError) as exc:
        registry.check(registry.get(["events", "parse"]))
    assert "events" in str(exc.value) and "E023" in str(exc.value)


def test_unknown_stage_is_refused():
    with pytest.raises(ParleyError, match="unknown stage"):
        registry.get(["parse", "nope"])


def test_failure_policy_record_keeps_the_batch_going(monkeypatch):
    stage = registry.REGISTRY["dates"]
    original = stage.func

    def boom(doc):
        if "explode" in doc.text:
            raise RuntimeError("bad date")
        return original(doc)
    monkeypatch.setattr(stage, "func", boom)
    arts = [make_article({"id": "a", "text": "Rebels attacked a convoy."}),
            make_article({"id": "b", "text": "This one will explode the dates stage."})]
    result = code_batch(arts, CodeOptions(failure_policy="record"))
    assert [a.status for a in result.articles] == ["coded", "failed"]
    assert result.failures[0].reason == "coding-failed" and "dates" in result.failures[0].detail
    with pytest.raises(RuntimeError):
        code_batch([make_article({"id": "c", "text": "This will explode."})], CodeOptions(failure_policy="raise"))


def test_language_outside_the_coded_set_is_stored_not_coded():
    art = make_article({"id": "fr", "text": "Les soldats ont attaqué le village.", "language": "fr"})
    result = code_batch([art])
    assert art.status == "stored" and result.mentions == []
