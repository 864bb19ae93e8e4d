"""Readers: plain-text page dumps, JSON Lines records, paths and refusals."""
from __future__ import annotations

import json

from conftest import FIXTURES, write_jsonl

from parley.ingest import read_inputs
from parley.ingest.published import parse_published
from parley.ingest.textdump import read_text_dump
from parley.schema import Article, Refusal


def test_page_dump_fields_body_and_trailer():
    raw = (FIXTURES / "page-dump.txt").read_text(encoding="utf-8")
    a = read_text_dump(raw, source="page-dump.txt")
    assert a.title == "Talks Stall as Envoys Trade Blame Over Prisoner Swap"
    assert a.outlet == "Example Daily Courier"
    assert a.meta["category"] == "Diplomacy"
    assert (a.published, a.published_time) == ("2024-03-15", "09:12")
    assert a.meta["image"].endswith("talks.jpg")
    assert a.text.startswith("Negotiators from both governments")
    assert a.text.endswith("according to the Example Wire news agency.")
    for leftover in ("Word Count", "views expressed", "Related"):
        assert leftover not in a.text
    kinds = [m.kind for m in a.markers]
    assert kinds == ["word-count", "disclaimer", "navigation"]
    wc = a.markers[0]
    assert a.raw[wc.start:wc.end] == "(Word Count: 57)"


def test_page_dump_without_metadata_keeps_everything_as_body():
    a = read_text_dump("One plain paragraph of news text with no headline at all.\n")
    assert a.title is None and a.text.startswith("One plain paragraph")


def test_published_formats():
    assert parse_published("23/12/2023 22h31") == ("2023-12-23", "22:31")
    assert parse_published("2023-12-23T22:31:00Z") == ("2023-12-23", "22:31")
    assert parse_published("December 23, 2023") == ("2023-12-23", None)
    assert parse_published("Sat, 23 Dec 2023 10:31 PM") == ("2023-12-23", "22:31")
    assert parse_published("12/23/2023") == ("2023-12-23", None)  # month first when day-first is impossible
    assert parse_published("not a date") == (None, None)
    assert parse_published("31/02/2023") == (None, None)


def test_jsonl_keeps_ids_and_names_bad_lines(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "r1", "text": "The army attacked the village.", "outlet": "X"},
        '{"id": "r2", "text": "broken',
        "[1, 2, 3]",
        {"id": "r4", "title": "no text here"},
        {"id": "r5", "text": "Police arrested ten protesters.", "published": "2024-01-02"},
    ])
    items = list(read_inputs([str(path)]))
    arts = [i for i in items if isinstance(i, Article)]
    refs = {i.record: i.reason for i in items if isinstance(i, Refusal)}
    assert [a.id for a in arts] == ["r1", "r5"]
    assert refs == {"line 2": "bad-json", "line 3": "not-object", "line 4": "missing-text"}
    assert arts[1].published == "2024-01-02"


def test_missing_paths_and_empty_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(empty), str(binary), str(tmp_path / "*.none")]))
    reasons = sorted(i.reason for i in items)
    assert reasons == ["binary", "empty", "not-found", "not-found"]


def test_directories_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Headline two\n\nRebels attacked a convoy on Monday.\n")
    (tmp_path / "one.txt").write_text("Headline one\n\nTroops withdrew from the town.\n")
    titles = [a.title for a in read_inputs([str(tmp_path)])]
    assert titles == ["Headline one", "Headline two"]  # a directory's files, then its subdirectories


def test_record_with_wrong_field_type_is_refused(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [json.dumps({"text": "ok text here", "title": 5})])
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Refusal) and item.reason == "bad-field"
