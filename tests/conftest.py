"""Shared fixtures: a temporary store, a CLI runner, and the path of ../shared when present."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
FIXTURES = Path(__file__).parent / "fixtures"

needs_shared = pytest.mark.skipif(not (SHARED / "seed" / "seed-article.txt").exists(),
                                  reason="../shared is not present")


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")


@pytest.fixture
def cli(store_path: str):
    """Run `parley --store <tmp> ...` in-process; returns the click Result."""
    from parley.cli import main

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, ["--store", store_path, *args], input=input, catch_exceptions=False)
    return run


def write_jsonl(path: Path, rows: list) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row))
            f.write("\n")
    return path


@pytest.fixture(scope="session")
def code_text():
    """Code one text in memory and return its mentions."""
    from parley.ingest.records import make_article
    from parley.pipeline.runner import CodeOptions, code_batch

    def run(text: str, published: str = "2024-03-15", **fields):
        article = make_article({"text": text, "published": published, **fields})
        return code_batch([article], CodeOptions(failure_policy="raise")).mentions
    return run
