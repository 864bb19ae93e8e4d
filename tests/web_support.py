"""Test stores for the web tests: our own example articles coded once per session through the
ingest write path (runs.write_result, with its after-write hooks such as provenance), then
with fixed provenance fields (a story, a verbatim copy, a rewrite) and the copy's mentions
merged into the origin's events, so that the pages' assertions do not depend on how the
provenance stage happens to group these few articles."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
STORY = "st-talks"
PROVENANCE = {  # article id -> (story_id, copy_kind, copy_of)
    "w-origin": (STORY, "original", None),
    "w-copy": (STORY, "verbatim", "w-origin"),
    "w-rewrite": (STORY, "rewrite", "w-origin"),
}


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def build_store(path: str, records: list[dict], provenance: dict | None = None) -> None:
    """Code the records and store them through runs.write_result (the ingest write path)."""
    from parley.ingest.records import make_article
    from parley.pipeline.runner import CodeOptions, code_batch
    from parley.runs import write_result
    from parley.store.db import Store

    articles = [make_article(r) for r in records]
    result = code_batch(articles, CodeOptions(failure_policy="raise"))
    with Store(path) as store:
        write_result(store, result, [], None)
        for article_id, (story, kind, of) in (provenance or {}).items():
            store.con.execute(
                "UPDATE articles SET story_id = ?, copy_kind = ?, copy_of = ?, record = json_merge_patch(record, "
                "json_object('story_id', ?, 'copy_kind', ?, 'copy_of', ?)) WHERE id = ?",
                [story, kind, of, story, kind, of, article_id])
        # the copy's mentions are the origin's events (as provenance's de-duplication merges them)
        store.con.execute(
            "UPDATE mentions SET event_id = o.id FROM mentions o "
            "WHERE mentions.article_id = 'w-copy' AND o.article_id = 'w-origin' AND o.seq = mentions.seq "
            "AND o.event = mentions.event")


@pytest.fixture(scope="session")
def web_store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "store.duckdb")
    build_store(path, read("web-articles.jsonl") + read("web-payloads.jsonl"), PROVENANCE)
    return path


@pytest.fixture(scope="module")
def web_summary(web_store):
    """A reader over the web test store, with the summary and look-ups the server builds."""
    from parley.web.access import StoreAccess

    access = StoreAccess(web_store)
    with access.reader() as store:
        yield store
    access.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
