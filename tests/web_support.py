"""Test stores for the web tests: our own example articles coded once per session, with
provenance fields set as the provenance stage would (a story, a verbatim copy, a rewrite,
and copied mentions merged into the origin's events)."""
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

    provenance = provenance or {}
    articles = [make_article(r) for r in records]
    for a in articles:
        if a.id in provenance:
            a.story_id, a.copy_kind, a.copy_of = provenance[a.id]
    result = code_batch(articles, CodeOptions(failure_policy="raise"))
    with Store(path) as store:
        write_result(store, result, [], None)
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
