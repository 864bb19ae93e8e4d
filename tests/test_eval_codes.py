"""The code-equivalence table of `parley eval` (evaluate/codes.py, data/code_equivalence.json):
used for the equivalence-aware events figure only, beside the strict one."""
from __future__ import annotations

from conftest import write_jsonl

from parley.evaluate.codes import equivalence
from parley.evaluate.run import evaluate


def test_generic_igo_covers_specific_intergovernmental_codes():
    eq = equivalence()
    assert eq.matches("IGO", "UNO") and eq.matches("IGO", "EUR") and eq.matches("IGO", "IGO")
    assert not eq.matches("UNO", "IGO")  # a specific gold code is not met by a generic prediction
    assert not eq.matches("IGO", "USA")


def test_legacy_country_codes_equal_their_iso_code():
    eq = equivalence()
    assert eq.matches("JAP", "JPN") and eq.matches("ROM", "ROU") and eq.matches("ITL", "ITA")
    assert not eq.matches("JAP", "CHN")


def test_eval_reports_strict_and_equivalence_aware_figures(tmp_path, cli):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a", "text": "The United Nations condemned the shelling of the hospital.",
         "events": [{"event": "ACCUSE", "actor": [{"entity_text": "United Nations", "code": "IGO"}], "span": [0, 58]}]},
        {"id": "b", "text": "Japan condemned the missile launch on Sunday.",
         "events": [{"event": "ACCUSE", "actor": [{"entity_text": "Japan", "code": "JAP"}], "span": [0, 45]}]},
    ])
    report = evaluate(str(gold), only=["events"])
    assert report["events"]["matched"] == 0
    assert report["events_equivalent"]["matched"] == 2
    out = cli("eval", str(gold)).stdout
    assert "events (strict codes)" in out and "events (code-equivalence" in out
