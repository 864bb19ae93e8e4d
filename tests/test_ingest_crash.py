"""Crash safety: kill -9 in the middle of ingesting 10,000 documents, run the same command
again, and every document is stored exactly once, with its events."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parley.store.db import Store

N = 10_000


def _docs(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(N):
            f.write(json.dumps({"id": f"k{i:05d}", "text": f"Rebels attacked the village of Kanto{i} on Monday."}))
            f.write("\n")


def _wal_over(wal: Path, proc: subprocess.Popen, size: int, timeout: float) -> bool:
    """Wait until the store's write-ahead log holds `size` bytes: batches have been committed
    (creating the tables writes only a few kilobytes; one batch of 200 articles, hundreds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size >= size:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.timeout(900)
def test_kill_9_mid_ingest_then_rerun_stores_every_document_once(tmp_path, code_text):
    docs = tmp_path / "docs.jsonl"
    _docs(docs)
    store_path = tmp_path / "store.duckdb"
    cmd = [sys.executable, "-m", "parley", "--store", str(store_path), "ingest", str(docs)]
    env = {**os.environ, "PARLEY_BATCH_SIZE": "200"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wal_over(Path(str(store_path) + ".wal"), proc, size=1_000_000, timeout=600), \
            "the run ended or stalled before batches were committed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with Store(str(store_path), read_only=True) as store:
        before = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = store.con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                    "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)").fetchone()[0]
    assert 0 < before < N, before  # killed in the middle
    assert orphans == 0  # a batch lands whole or not at all: no article without its events

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert f"{N} read, {N - before} stored" in again.stderr and f"{before} already stored" in again.stderr

    per_doc = len(code_text("Rebels attacked the village of Kanto7 on Monday.", published=None))
    assert per_doc == 1
    with Store(str(store_path), read_only=True) as store:
        one = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
        assert one("SELECT count(*) FROM articles") == N
        assert one("SELECT count(DISTINCT id) FROM articles") == N
        assert one("SELECT count(DISTINCT content_hash) FROM articles") == N
        assert one("SELECT count(*) FROM articles WHERE status <> 'coded'") == 0
        assert one("SELECT count(*) FROM mentions") == N * per_doc
        assert one("SELECT count(DISTINCT id) FROM mentions") == N * per_doc
        assert one("SELECT count(*) FROM (SELECT article_id FROM mentions GROUP BY 1 "
                   f"HAVING count(*) <> {per_doc})") == 0
        assert one("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                   "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)") == 0
        assert one("SELECT count(*) FROM refusals") == 0
