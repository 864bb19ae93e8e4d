"""Grouping in the store: incremental batches, persistence, swaps and merges, event
de-duplication, and the commands (stories, show --story, export --format articles)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write_jsonl

from parley.ingest.jsonl import record_to_article
from parley.provenance.hooks import after_write
from parley.store.db import Store

STORIES = Path(__file__).parent / "fixtures" / "provenance" / "stories.jsonl"
LABELS = ("story", "copy_kind", "cites", "markers")


def gold_items() -> list[dict]:
    return [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines()]


def articles(ids: list[str] | None = None):
    out = []
    for item in gold_items():
        if ids is None or item["id"] in ids:
            a = record_to_article({k: v for k, v in item.items() if k not in LABELS}, "fixtures", item["id"])
            a.status = "stored"
            out.append(a)
    return out


def group(store: Store, batch) -> None:
    store.write_batch(batch, [], coder="test")
    after_write(store, batch, [])


def grouping(store: Store) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in store.con.execute(
        "SELECT article_id, story_id, copy_kind, copy_of FROM prov_docs").fetchall()}


def same_story_pairs(rows: dict[str, tuple]) -> set[tuple[str, str]]:
    ids = sorted(rows)
    return {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if rows[a][0] == rows[b][0]}


def test_incremental_batches_group_like_one_batch(tmp_path):
    every = articles()
    with Store(str(tmp_path / "one.duckdb")) as one:
        group(one, articles())
        whole = grouping(one)
    with Store(str(tmp_path / "many.duckdb")) as many:
        for i in range(0, len(every), 4):
            group(many, every[i:i + 4])
        parts = grouping(many)
    gold = {it["id"]: it["story"] for it in gold_items()}
    gold_pairs = {(a, b) for a in sorted(gold) for b in sorted(gold) if a < b and gold[a] == gold[b]}
    assert same_story_pairs(whole) == gold_pairs
    assert same_story_pairs(parts) == gold_pairs


def test_index_persists_and_a_later_copy_joins_its_story(tmp_path):
    path = str(tmp_path / "store.duckdb")
    with Store(path) as store:
        group(store, articles(["minsk-0", "minsk-other-2014", "grain-0"]))
    with Store(path) as store:  # a new process: nothing in memory
        group(store, articles(["minsk-cut"]))
        rows = grouping(store)
        keys = store.con.execute("SELECT count(*) FROM prov_keys").fetchall()[0][0]
    assert rows["minsk-cut"] == (rows["minsk-0"][0], "partial", "minsk-0")
    assert rows["minsk-other-2014"][0] != rows["minsk-0"][0]
    assert keys > 4 * 16


def test_an_older_original_arriving_later_becomes_the_root(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        group(store, articles(["grain-cut"]))  # published 2023-07-18
        group(store, articles(["grain-0"]))  # published 2023-07-17: the cut copy's source
        rows = grouping(store)
        article = store.article("grain-cut")
    assert rows["grain-0"][1] == "original" and rows["grain-0"][2] is None
    assert rows["grain-cut"][1:] == ("partial", "grain-0")
    assert (article.copy_kind, article.copy_of) == ("partial", "grain-0")  # the stored record too


def test_a_copy_of_two_stories_merges_them(tmp_path):
    (source,) = articles(["grain-0"])
    tail = record_to_article({"id": "grain-tail", "text": source.text.split("\n\n")[2], "published": "2023-07-19",
                              "url": "https://elsewhere.example/kerch"}, "test", "tail")
    tail.status = "stored"
    with Store(str(tmp_path / "s.duckdb")) as store:
        group(store, articles(["grain-cut"]))  # the first two paragraphs
        group(store, [tail])  # the last paragraph: nothing in common with the cut copy
        before = grouping(store)
        group(store, [source])  # the source of both
        after = grouping(store)
    assert before["grain-cut"][0] != before["grain-tail"][0]
    assert after["grain-cut"][0] == after["grain-tail"][0] == after["grain-0"][0]
    assert after["grain-tail"][1:] == ("partial", "grain-0")


def test_reingest_and_recode_keep_one_index_row(cli, store_path, tmp_path):
    few = [it for it in gold_items() if it["id"] in ("gaza-0", "gaza-independent")]
    path = write_jsonl(tmp_path / "few.jsonl", [{k: v for k, v in it.items() if k not in LABELS} for it in few])
    assert cli("ingest", str(path)).exit_code == 0
    assert cli("ingest", str(path)).exit_code == 0
    assert cli("recode").exit_code == 0
    with Store(store_path, read_only=True) as store:
        n = store.con.execute("SELECT count(*), count(DISTINCT article_id), count(DISTINCT story_id) "
                              "FROM prov_docs").fetchall()[0]
        kinds = dict(store.con.execute("SELECT id, copy_kind FROM articles").fetchall())
    assert n == (2, 2, 1)
    assert kinds == {"gaza-0": "original", "gaza-independent": "independent"}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The fixtures ingested once (coded: English items get events)."""
    from click.testing import CliRunner

    from parley.cli import main

    path = str(tmp_path_factory.mktemp("prov") / "store.duckdb")
    src = tmp_path_factory.mktemp("src") / "items.jsonl"
    write_jsonl(src, [{k: v for k, v in it.items() if k not in LABELS} for it in gold_items()])
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, ["--store", path, *args], catch_exceptions=False)
    assert run("ingest", str(src)).exit_code == 0
    return run


def test_stories_command_lists_largest_first(ingested):
    lines = [json.loads(x) for x in ingested("stories", "--json", "--limit", "0").stdout.splitlines()]
    sizes = [s["size"] for s in lines]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 6 and sizes[1] == 5
    grain = next(s for s in lines if "grain-0" in s["article_ids"])
    assert grain["origin"] == "grain-0"
    assert grain["counts"] == {"original": 1, "verbatim": 1, "partial": 1, "rewrite": 2, "independent": 1}
    assert "stories (largest first)" in ingested("stories").stdout


def test_show_story(ingested):
    assert "story s-minsk-0: 5 articles" in ingested("show", "--story", "s-minsk-0").stdout
    data = json.loads(ingested("show", "--story", "s-minsk-0", "--json").stdout)
    assert {a["article_id"] for a in data["articles"]} == {"minsk-0", "minsk-cut", "minsk-rewrite", "minsk-es", "minsk-spun"}
    assert data["events"] and all(e["reports"] >= 1 for e in data["events"])
    cut = next(a for a in data["articles"] if a["article_id"] == "minsk-cut")
    assert cut["relation"]["kind"] == "partial" and cut["relation"]["to"] == "minsk-0"


def test_show_unknown_story_is_a_clear_error(ingested):
    result = ingested("show", "--story", "s-nope")
    assert "E081" in (result.stderr or result.output)


def test_export_articles(ingested):
    recs = {r["id"]: r for r in map(json.loads, ingested("export", "--format", "articles").stdout.splitlines())}
    assert len(recs) == len(gold_items())
    fields = ("id", "url", "outlet", "title", "published", "language", "story_id", "copy_kind", "copy_of",
              "cites", "markers")
    assert all(all(k in r for k in fields) for r in recs.values())
    v = recs["grain-verbatim"]
    assert (v["copy_kind"], v["copy_of"], v["story_id"]) == ("verbatim", "grain-0", "s-grain-0")
    wc = next(m for m in v["markers"] if m["kind"] == "word-count")
    text = next(it["text"] for it in gold_items() if it["id"] == "grain-verbatim")
    assert wc["where"] == "text" and text[wc["start"]:wc["end"]] == wc["text"]
    for c in recs["minsk-es"]["cites"]:  # not coded (Spanish), still credited, with offsets
        es = next(it["text"] for it in gold_items() if it["id"] == "minsk-es")
        assert es[c["start"]:c["end"]] == c["text"]
    assert recs["minsk-es"]["story_id"] == recs["minsk-0"]["story_id"]


def test_events_are_merged_across_copies_with_independent_counts(ingested):
    merged = [json.loads(x) for x in ingested("export").stdout.splitlines()]
    mentions = [json.loads(x) for x in ingested("export", "--mentions").stdout.splitlines()]
    assert len(merged) < len(mentions)
    assert sum(len(r["mentions"]) for r in merged) == len(mentions)  # all evidence kept
    multi = [r for r in merged if r["reports"] > 1]
    assert multi
    for r in multi:
        assert 1 <= r["independent_reports"] <= r["reports"]
        assert len({m["article_id"] for m in r["mentions"]}) == r["reports"]
    # copies of one report count once: the Minsk story's events rest on one report
    minsk = [r for r in multi if r["story_id"] == "s-minsk-0"]
    assert minsk and all(r["independent_reports"] == 1 for r in minsk)


def test_a_grouping_failure_is_recorded_not_raised(tmp_path, monkeypatch):
    from parley.provenance import hooks

    def broken(*_a, **_k):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(hooks, "_after_write", broken)
    batch = articles(["gaza-0"])
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch(batch, [], coder="test")
        hooks.after_write(store, batch, [])
        assert store.article("gaza-0") is not None  # what was stored stays
        assert store.stats()["refused"] == {"provenance-failed": 1}


def test_a_machine_rewrite_of_a_cited_report_is_a_rewrite(tmp_path):
    from parley.ingest.textdump import read_text_dump

    page = ("Envoys Signal Readiness for Talks\n\nExample Wire\nWorld\n02/03/2024 10h00\n\n"
            "Moscow has signalled through envoys that it is ready to discuss a truce. The Washington Post "
            "revealed on Friday that the contacts had gone on for months.\n\n"
            "Officials in Kyiv said they had not been told of any proposal.\n\n(Word Count: 41)\n")
    machine = read_text_dump(page, source="page.txt")
    plain = make_plain("Kyiv officials said on Friday, The Washington Post reported, that no proposal had "
                       "reached them about talks on the southern front near Kherson.")
    with Store(str(tmp_path / "s.duckdb")) as store:
        for a in (machine, plain):
            a.status = "stored"
            group(store, [a])
        rows = grouping(store)
    assert rows[machine.id][1:] == ("rewrite", None)  # the report it rewrites is not stored
    assert rows[plain.id][1] == "independent"


def make_plain(text: str):
    from parley.ingest.records import make_article

    return make_article({"id": "plain", "text": text, "published": "2024-03-05"})


def test_events_merge_only_within_a_story(ingested):
    story = {r["id"]: r["story_id"] for r in map(json.loads, ingested("export", "--format", "articles").stdout.splitlines())}
    merged = [json.loads(x) for x in ingested("export").stdout.splitlines()]
    for r in merged:
        assert len({story[m["article_id"]] for m in r["mentions"]}) == 1, r["mentions"]


def test_event_grouping_keeps_stories_apart():
    from parley.provenance.events import Row, group_ids

    day = 738_000
    rows = [Row("m1", "s-a", "a1", None, "ASSAULT|RUS|UKR|", day, day),
            Row("m2", "s-a", "a2", None, "ASSAULT|RUS|UKR|", day - 2, day + 4),  # a copy: same event
            Row("m3", "s-b", "b1", None, "ASSAULT|RUS|UKR|", day, day),  # same signature, another story
            Row("m4", "s-a", "a1", None, "ASSAULT|RUS|UKR|", day + 30, day + 30)]  # later: another event
    ids = group_ids(rows)
    assert ids["m2"] == ids["m1"] == "m1"
    assert ids["m3"] == "m3" and ids["m4"] == "m4"


def test_a_batch_stored_but_not_grouped_is_grouped_by_the_next_run(cli, store_path, tmp_path):
    """A run killed between a batch's commit and its grouping leaves stored articles without a
    story; the next run (the same command: everything is already stored) groups them first."""
    few = [it for it in gold_items() if it["id"] in ("grain-0", "grain-verbatim")]
    rows = [{k: v for k, v in it.items() if k not in LABELS} for it in few]
    path = write_jsonl(tmp_path / "few.jsonl", rows)
    with Store(store_path) as store:  # what an interrupted run leaves: committed, not grouped
        store.write_batch([record_to_article(dict(r), str(path), r["id"]) for r in rows], [], coder="test")
    result = cli("ingest", str(path))
    assert result.exit_code == 0 and "2 already stored" in result.stderr
    with Store(store_path, read_only=True) as store:
        grouped = dict(store.con.execute("SELECT article_id, story_id FROM prov_docs").fetchall())
        story = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
    assert set(grouped) == {"grain-0", "grain-verbatim"} and story == grouped
    assert len(set(grouped.values())) == 1


def test_report_counts_agree_between_export_and_web(ingested, tmp_path_factory):
    """`independent_reports` has one definition (stored report roots), used by the export and
    by the web views alike."""
    from fastapi.testclient import TestClient

    from parley.settings import load
    from parley.web.app import create_app

    merged = {r["id"]: r for r in map(json.loads, ingested("export").stdout.splitlines())}
    store = ingested("stats", "--json")
    path = json.loads(store.stdout)["store"]
    with TestClient(create_app(load(None, {"store": path}))) as client:
        page = client.get("/events.json", params={"size": 500}).json()
    rows = page["events"]
    assert rows and len(rows) == len(merged)
    assert any(row["reports"] > row["independent_reports"] for row in rows)  # copies counted once
    for row in rows:
        rec = merged[row["event_id"]]
        assert (row["reports"], row["independent_reports"]) == (rec["reports"], rec["independent_reports"])
