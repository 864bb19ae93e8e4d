"""How the server shares the store with other processes, and token-gated ingest."""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time

import pytest
from fastapi.testclient import TestClient
from web_support import web_store  # noqa: F401 (fixture)

from parley.settings import Settings
from parley.web import create_app

TOKEN = "test-token-0123456789abcdef"
HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_for_writing(path: str, seconds: float) -> subprocess.Popen:
    """Another process with the store open for writing (as `parley ingest` has it)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, path, str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_read_only_server_yields_to_a_writer_and_comes_back(web_store, tmp_path):
    path = str(tmp_path / "store.duckdb")
    shutil.copyfile(web_store, path)
    with TestClient(create_app(Settings(store=path, web_idle_release=0.2))) as client:
        assert client.get("/events.json").status_code == 200
        assert client.get("/api/status").json()["holding_store"] is True
        deadline = time.monotonic() + 5  # polling the status (as a monitor does) is no use of the store
        while client.get("/api/status").json()["holding_store"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not client.app.state.access.holding, "the idle server let go of the store"
        writer = hold_for_writing(path, 30)
        try:
            r = client.get("/events.json")
            body = r.json()
            assert r.status_code == 503 and set(body) == {"status", "code", "message"}
            assert body["code"] == "store-unavailable" and r.headers["retry-after"]
        finally:
            writer.kill()
            writer.wait()
        r = client.get("/events.json")
        assert r.status_code == 200 and client.get("/api/status").json()["store_opened"] == 2


def test_cli_writer_is_refused_clearly_while_the_server_reads(web_store, tmp_path):
    path = str(tmp_path / "store.duckdb")
    shutil.copyfile(web_store, path)
    with TestClient(create_app(Settings(store=path, web_idle_release=60))) as client:
        assert client.get("/.json").status_code == 200
        proc = subprocess.run([sys.executable, "-m", "parley", "--store", path, "recode", "w-origin"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1 and "[E051]" in proc.stderr, proc.stderr
        assert client.get("/.json").status_code == 200  # nothing was written, nothing broke


LATE = ('{"id": "late-1", "outlet": "Late Desk", "published": "2024-06-03", "text": "Turkey offered on '
        'Monday to host ceasefire talks between Armenia and Azerbaijan. Poland urged Ukraine to resume '
        'negotiations with Russia."}\n')


def test_a_changed_store_is_summarized_behind_while_pages_serve_the_previous_summary(web_store, tmp_path,
                                                                                    monkeypatch):
    path = str(tmp_path / "store.duckdb")
    shutil.copyfile(web_store, path)
    (tmp_path / "late.jsonl").write_text(LATE, encoding="utf-8")
    from parley.web import access as access_module

    real, gate, builds, running = access_module.build_summary, threading.Event(), [], []

    def held_back(cur):  # the background refresh waits for the gate: requests must not
        running.append(1)
        builds.append((threading.current_thread().name, len(running)))
        try:
            if threading.current_thread().name == "parley-summary-refresh":
                assert gate.wait(60)
            real(cur)
        finally:
            running.pop()
    monkeypatch.setattr(access_module, "build_summary", held_back)
    with TestClient(create_app(Settings(store=path, web_idle_release=0.2))) as client:
        first = client.get("/events.json?outlet=Late Desk").json()
        assert first["total"] == 0 and first["as_of"]["summary_built_at"]
        deadline = time.monotonic() + 5
        while client.app.state.access.holding and time.monotonic() < deadline:
            time.sleep(0.05)
        proc = subprocess.run([sys.executable, "-m", "parley", "--store", path, "ingest", str(tmp_path / "late.jsonl")],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        for _ in range(4):  # the refresh is held back: pages answer from the previous summary, and say so
            r = client.get("/events.json?outlet=Late Desk")
            assert r.status_code == 200 and r.json()["total"] == 0 and r.json()["as_of"] == first["as_of"]
        status = client.get("/api/status").json()
        assert status["summary_refreshing"] and not status["summary_ready"]
        gate.set()
        deadline = time.monotonic() + 60
        while not client.get("/api/status").json()["summary_ready"] and time.monotonic() < deadline:
            time.sleep(0.05)
        after = client.get("/events.json?outlet=Late Desk").json()
        assert after["total"] >= 1 and after["as_of"]["summary_generation"] > first["as_of"]["summary_generation"]
    assert [b[0] for b in builds].count("parley-summary-refresh") == 1  # one refresh (single flight)
    assert max(b[1] for b in builds) == 1  # never two builds at once


@pytest.fixture
def writer_client(web_store, tmp_path):
    path = str(tmp_path / "store.duckdb")
    shutil.copyfile(web_store, path)
    with TestClient(create_app(Settings(store=path, token=TOKEN, web_max_ingest_bytes=20_000))) as client:
        yield client


def test_ingest_needs_the_token(writer_client):
    record = b'{"id": "api-1", "text": "Ukraine rejected talks with Russia."}\n'
    for headers in ({}, {"authorization": "Bearer wrong-token-0000000000"}, {"authorization": TOKEN}):
        r = writer_client.post("/api/ingest", content=record,
                               headers={"content-type": "application/x-ndjson", **headers})
        assert r.status_code == 401 and r.json()["code"] == "unauthorized" and r.headers["www-authenticate"]


def test_ingest_with_the_token_goes_through_the_ingest_path(writer_client):
    auth = {"authorization": f"Bearer {TOKEN}"}
    before = writer_client.get("/.json").json()["stats"]
    lines = (b'{"id": "api-1", "outlet": "API Desk", "published": "2024-05-01", '
             b'"text": "Poland urged Ukraine to resume negotiations with Russia on Wednesday."}\n'
             b'{not json\n'
             b'{"id": "api-2", "outlet": "API Desk", "published": "2024-05-02", '
             b'"text": "Russian forces shelled the city of Kherson on Thursday."}\n')
    r = writer_client.post("/api/ingest", content=lines,
                           headers={"content-type": "application/x-ndjson", **auth})
    assert r.status_code == 200, r.text
    run = r.json()
    assert run["run"]["stored"] == 2 and run["run"]["refused"] == {"bad-json": 1}
    assert run["refusals"][0]["record"] == "line 2"
    after = writer_client.get("/.json").json()
    assert writer_client.get("/api/status").json()["summary_ready"]  # built before the ingest answered
    after = after["stats"]
    assert after["articles"] == before["articles"] + 2 and after["events"] > before["events"]
    assert writer_client.get("/events.json?outlet=API Desk").json()["total"] >= 2
    again = writer_client.post("/api/ingest", json=[{"id": "api-1", "outlet": "API Desk", "published": "2024-05-01",
                                                     "text": "Poland urged Ukraine to resume negotiations "
                                                             "with Russia on Wednesday."}], headers=auth)
    assert again.status_code == 200 and again.json()["run"]["duplicates"] == 1


@pytest.mark.parametrize("body,ctype,status,code", [
    (b"x" * 30_000, "application/x-ndjson", 413, "too-large"),
    (b"[{", "application/json", 400, "bad-json"),
    (b"id,text\n1,hello", "text/csv", 415, "unsupported-media-type"),
    (b"  \n", "application/x-ndjson", 400, "empty"),
])
def test_bad_ingest_bodies(writer_client, body, ctype, status, code):
    r = writer_client.post("/api/ingest", content=body,
                           headers={"content-type": ctype, "authorization": f"Bearer {TOKEN}"})
    assert r.status_code == status and r.json() == {"status": status, "code": code, "message": r.json()["message"]}


def test_serve_refuses_a_missing_store_and_a_short_token(tmp_path):
    missing = str(tmp_path / "none.duckdb")
    proc = subprocess.run([sys.executable, "-m", "parley", "--store", missing, "serve", "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "[E050]" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "parley", "--store", missing, "serve"], capture_output=True,
                          text=True, timeout=60, env={"PARLEY_TOKEN": "short", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2 and "[E015]" in proc.stderr
