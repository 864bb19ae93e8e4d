"""Provenance features and pair tests on hand-built near-duplicates (tests/fixtures/provenance)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from provenance_support import side

from parley.provenance.features import features, guess_language, minhash, skeleton
from parley.provenance.relate import relate

STORIES = Path(__file__).parent / "fixtures" / "provenance" / "stories.jsonl"


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, STORIES.read_text(encoding="utf-8").splitlines())}


@pytest.mark.parametrize("spellings", [("Putin", "Poutine", "Путин"), ("Zelensky", "Selenskyj", "Зеленский"),
                                       ("Kyiv", "Kiev", "Kiew", "Київ"), ("Donetsk", "Donezk", "Донецк"), ("Kherson", "Cherson", "Херсон")])
def test_name_keys_survive_transliteration(spellings):
    assert len({skeleton(s) for s in spellings}) == 1


def test_unrelated_names_get_different_keys():
    assert len({skeleton(s) for s in ("Putin", "Peskov", "Poroshenko", "Kremlin", "Kherson")}) == 5


def test_minhash_estimates_jaccard():
    rng = np.random.default_rng(3)
    a = rng.integers(0, 2**63, size=400).astype(np.uint64)
    b = np.concatenate([a[:200], rng.integers(0, 2**63, size=200).astype(np.uint64)])
    estimate = float((minhash(np.unique(a)) == minhash(np.unique(b))).mean())
    assert abs(estimate - 200 / 600) < 0.15
    assert (minhash(np.unique(a)) == minhash(np.unique(a))).all()


def test_band_keys_are_stable_across_processes(items):
    text = items["grain-0"]["text"]
    here = features("x", text, "en", None).band_keys()
    code = ("import json,sys; from parley.provenance.features import features; "
            "print(json.dumps(features('x', sys.stdin.read(), 'en', None).band_keys()))")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == here and len(here) == 16


def test_language_guess(items):
    assert guess_language(items["grain-fr"]["text"]) == "fr"
    assert guess_language(items["minsk-es"]["text"]) == "es"
    assert guess_language(items["istanbul-de"]["text"]) == "de"
    assert guess_language(items["grain-0"]["text"]) == "en"
    assert guess_language("Путин заявил во вторник, что Россия готова к переговорам с Украиной о прекращении огня") == "ru"


@pytest.mark.parametrize("copy,source,kind", [
    ("grain-verbatim", "grain-0", "verbatim"),
    ("grain-cut", "grain-0", "partial"),
    ("minsk-cut", "minsk-0", "partial"),
    ("grain-rewrite", "grain-0", "rewrite"),   # reworded and reordered
    ("minsk-rewrite", "minsk-0", "rewrite"),
    ("grain-fr", "grain-0", "rewrite"),        # translations: language-independent anchors
    ("minsk-es", "minsk-0", "rewrite"),
    ("istanbul-de", "istanbul-0", "rewrite"),
    ("grain-independent", "grain-0", "independent"),
    ("istanbul-independent", "istanbul-0", "independent"),
    ("gaza-independent", "gaza-0", "independent"),
])
def test_pairs_of_one_story_relate_with_their_kind(items, copy, source, kind):
    rel = relate(side(items[copy]), side(items[source]))
    assert rel is not None and rel.kind == kind, rel


@pytest.mark.parametrize("a,b", [
    ("grain-other-2022", "grain-0"), ("grain-other-corridor", "grain-0"), ("grain-other-2022", "istanbul-de"),
    ("minsk-other-2014", "minsk-0"), ("minsk-other-debaltseve", "minsk-0"), ("minsk-other-debaltseve", "minsk-es"),
    ("istanbul-other-antalya", "istanbul-0"), ("istanbul-other-antalya", "istanbul-de"),
    ("grain-0", "minsk-0"), ("gaza-0", "istanbul-0"),
])
def test_same_topic_reports_stay_apart(items, a, b):
    assert relate(side(items[a]), side(items[b])) is None
    assert relate(side(items[b]), side(items[a])) is None


def test_cjk_dates_and_numbers_are_anchors():
    from parley.provenance.features import anchors

    keys = set(anchors("截至2023年11月，谈判没有进展。2022年9月的提议被拒绝。").values())
    assert {"d:2023-11", "d:2022-09", "#:2023", "#:2022"} <= keys
