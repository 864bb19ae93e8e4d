"""Where a rewrite ends and an own write-up begins, reordered copies, credits of the other's
outlet (tests/fixtures/provenance/heldout.jsonl and our example pages)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from provenance_support import side as pair_side

from parley.provenance.relate import relate

HERE = Path(__file__).parent
HELDOUT = HERE / "fixtures" / "provenance" / "heldout.jsonl"
EXAMPLES = HERE.parent / "examples"


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, HELDOUT.read_text(encoding="utf-8").splitlines())}


def side(item: dict):
    return pair_side(item, language=None, outlet=True)


def page_body(name: str) -> str:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if re.match(r"\d\d/\d\d/\d{4}", ln)) + 1
    end = next((i for i, ln in enumerate(lines) if ln.startswith("(Word Count")), len(lines))
    return "\n".join(lines[start:end]).strip()


def test_a_thorough_paraphrase_keeping_the_credit_is_a_rewrite():
    original = {"id": "o", "text": page_body("istanbul-talks-2022.txt"), "outlet": "Parley Examples Desk",
                "published": "2022-03-29"}
    rewrite = {"id": "r", "text": page_body("istanbul-talks-2022-rewrite.txt"), "outlet": "Frontline Digest",
               "published": "2022-03-30"}
    rel = relate(side(rewrite), side(original))
    assert rel is not None and rel.kind == "rewrite", rel
    assert rel.measures["covered_other"] >= 0.85


@pytest.mark.parametrize("copy,source", [("wagner-reordered", "wagner-0"), ("wagner-reordered", "wagner-repost-2"),
                                         ("kakhovka-reordered", "kakhovka-repost-2")])
def test_the_same_sentences_moved_around_are_a_rewrite_not_a_copy(items, copy, source):
    rel = relate(side(items[copy]), side(items[source]))
    assert rel is not None and rel.kind == "rewrite" and rel.measures["in_order"] < 0.75, rel


@pytest.mark.parametrize("copy,source", [("wagner-repost-1", "wagner-0"), ("wagner-cut-1", "wagner-0"),
                                         ("karabakh-cut-2", "karabakh-0")])
def test_copies_in_the_original_order_stay_copies(items, copy, source):
    rel = relate(side(items[copy]), side(items[source]))
    assert rel is not None and rel.kind in ("verbatim", "partial"), rel


@pytest.mark.parametrize("own,source", [("wagner-indep-1", "wagner-0")])
def test_an_own_write_up_crediting_the_origin_is_independent(items, own, source):
    rel = relate(side(items[own]), side(items[source]))
    assert rel is not None and rel.kind == "independent", rel


@pytest.mark.parametrize("chatbot,source", [("wagner-chatbot", "wagner-0"), ("kakhovka-chatbot", "kakhovka-repost-1")])
def test_a_chatbot_paraphrase_is_a_rewrite(items, chatbot, source):
    rel = relate(side(items[chatbot]), side(items[source]))
    assert rel is not None and rel.kind == "rewrite", rel


@pytest.mark.parametrize("other", ["wagner-other-1", "wagner-other-2", "wagner-other-3"])
@pytest.mark.parametrize("member", ["wagner-0", "wagner-indep-1", "wagner-indep-2", "wagner-fr"])
def test_same_days_reports_crediting_the_same_wire_stay_apart(items, other, member):
    assert relate(side(items[other]), side(items[member])) is None
    assert relate(side(items[member]), side(items[other])) is None
