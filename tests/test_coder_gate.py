"""The evaluation gate: the coder's figures on ../shared's dev sets may only rise.

Runs `parley eval`'s scorer on the seed, on plover_gsr and on fixed samples of the
ConfliBERT sets (every 2nd quad item, every 3rd roles item, so the gate stays fast).
FLOORS are the figures reached on these samples minus a small margin: raise them when the
coder improves, never lower them. The bundled event scorer was trained on these sets; its
honest (cross-validated) figures are printed by scripts/train_scorer.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, needs_shared

from parley.evaluate.run import evaluate

FLOORS = {
    "seed_matched": 9, "seed_asserted_fp": 0,
    "plover_events_f1": 0.71, "plover_events_f1_equivalent": 0.77,
    "quad_macro_f1": 0.75,
    "roles_actor_f1": 0.78, "roles_recipient_f1": 0.59,
}


def _sample(name: str, every: int, tmp: Path) -> str:
    lines = (SHARED / "devset" / name).read_text(encoding="utf-8").splitlines()
    out = tmp / name
    out.write_text("\n".join(lines[::every]) + "\n", encoding="utf-8")
    return str(out)


@needs_shared
def test_seed_keeps_all_nine_events_and_no_invention():
    ev = evaluate(str(SHARED / "devset" / "seed_gold.jsonl"))["events"]
    assert ev["matched"] >= FLOORS["seed_matched"]
    assert ev["unmatched_asserted_predictions"] <= FLOORS["seed_asserted_fp"]


@needs_shared
def test_plover_events_f1_floor():
    report = evaluate(str(SHARED / "devset" / "plover_gsr.jsonl"), only=["events"])
    assert report["events"]["f1"] >= FLOORS["plover_events_f1"]
    assert report["events_equivalent"]["f1"] >= FLOORS["plover_events_f1_equivalent"]


@needs_shared
def test_quad_macro_f1_floor(tmp_path):
    report = evaluate(_sample("conflibert_quad_train.jsonl", 2, tmp_path))
    assert report["quad"]["macro_f1"] >= FLOORS["quad_macro_f1"]


@needs_shared
def test_roles_f1_floors(tmp_path):
    roles = evaluate(_sample("conflibert_roles_train.jsonl", 3, tmp_path))["roles"]
    assert roles["actor"]["f1"] >= FLOORS["roles_actor_f1"]
    assert roles["recipient"]["f1"] >= FLOORS["roles_recipient_f1"]


@pytest.mark.parametrize("name", ["plover_gsr.jsonl", "conflibert_quad_train.jsonl"])
@needs_shared
def test_no_dev_text_ships_in_the_package(name):
    """Weights may ship; texts may not: no dev-set sentence appears in the package data."""
    import json

    data = Path(__file__).resolve().parents[1] / "src" / "parley" / "data"
    shipped = " ".join(p.read_text(encoding="utf-8") for p in data.rglob("*.json"))
    texts = [json.loads(line)["text"] for line in (SHARED / "devset" / name).read_text(encoding="utf-8").splitlines()[:200]]
    assert not [t for t in texts if len(t) > 40 and t[:40] in shipped]
