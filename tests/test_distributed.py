"""`parley run` on Dask: same store as `parley ingest`, bounded chunks, worker and client deaths."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, write_jsonl

distributed = pytest.importorskip("distributed")

from parley.distributed import connect, run as run_distributed  # noqa: E402
from parley.distributed.engine import Engine, WindowDeduper  # noqa: E402
from parley.distributed.plan import LinesPiece, plan  # noqa: E402
from parley.ingest.streams import ReadContext  # noqa: E402
from parley.runs import RunSummary, ingest, options_from  # noqa: E402
from parley.schema import Article  # noqa: E402
from parley.settings import Settings  # noqa: E402
from parley.store.db import Store  # noqa: E402

PARTIES = [("Armenia", "Azerbaijan"), ("Colombia", "the ELN"), ("Israel", "Hamas"), ("Sudan", "the RSF"),
           ("Ethiopia", "the TPLF"), ("Russia", "Ukraine"), ("Serbia", "Kosovo"), ("Yemen", "the Houthis")]
VERBS = ["agreed to a ceasefire with", "rejected talks with", "accused", "threatened", "met envoys of"]


def _wire(n: int, start: int = 0) -> list[dict]:
    """Short made-up wire items (our own words), distinct texts."""
    rows = []
    for i in range(start, start + n):
        a, b = PARTIES[i % len(PARTIES)]
        verb = VERBS[i % len(VERBS)]
        rows.append({"id": f"t{i:03d}", "outlet": "Test Wire", "published": f"2024-0{1 + i % 9}-1{i % 10}",
                     "text": f"{a} {verb} {b} on Monday, officials said. Item {i}: the foreign minister "
                             f"of {a} said the talks would resume in Geneva next month."})
    return rows


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[str]:
    """Files, a JSON Lines file with duplicates, an id clash, bad lines, blanks, another language."""
    docs = tmp_path / "in"
    docs.mkdir()
    for name in ("black-sea-grain-deal.txt", "istanbul-talks-2022.txt"):
        shutil.copy(ROOT / "examples" / name, docs / name)
    (docs / "empty.txt").write_text("  \n")
    rows = _wire(9)
    rows += ["{broken", "", rows[1],  # a bad line, a blank line, a duplicate of line 2
             {**rows[0], "text": "Different words under an id already used."},  # id clash
             {"id": "es1", "language": "es", "text": "El gobierno y el ELN firmaron un alto el fuego."},
             {"id": "nt", "title": "no text"}]
    rows += _wire(4, start=20)
    write_jsonl(docs / "wire.jsonl", rows)
    shutil.copy(ROOT / "examples" / "wire-examples.jsonl", docs / "wire-examples.jsonl")
    return [str(docs), str(tmp_path / "missing.txt")]


STORY = "story_id, copy_kind, copy_of, record"  # written by the AFTER_WRITE story grouping


def _content(path: str, stories: bool = True) -> dict:
    """Everything a run leaves in the store, except times and run ids (and story grouping)."""
    drop = "ingested_at" + ("" if stories else ", " + STORY)
    with Store(path, read_only=True) as store:
        q = lambda sql: store.con.execute(sql).fetchall()  # noqa: E731
        return {"articles": q(f"SELECT * EXCLUDE ({drop}) FROM articles ORDER BY id"),
                "mentions": q("SELECT * FROM mentions ORDER BY id"),
                "refusals": q("SELECT source, record, reason, detail FROM refusals ORDER BY ALL")}


@pytest.fixture(scope="module")
def client():
    with connect(workers=2) as c:
        yield c


def test_run_equals_single_process_ingest(cli, mixed_inputs, tmp_path, store_path, monkeypatch):
    # story ids (AFTER_WRITE story grouping) follow write batches: compare equal batch sizes
    monkeypatch.setenv("PARLEY_BATCH_SIZE", "2")
    single = cli("ingest", *mixed_inputs)
    other = str(tmp_path / "run.duckdb")
    from click.testing import CliRunner

    from parley.cli import main
    dist = CliRunner().invoke(main, ["--store", other, "run", "--workers", "2", "--chunk-size", "2",
                                     *mixed_inputs], catch_exceptions=False)
    assert (single.exit_code, dist.exit_code) == (1, 1), dist.stderr
    a, b = _content(store_path), _content(other)
    assert len(a["articles"]) == 19 and len(a["mentions"]) > 20
    assert {r[2] for r in a["refusals"]} == {"empty", "not-found", "bad-json", "duplicate-id", "missing-text"}
    assert a == b
    # the summary line agrees too (apart from the time it took)
    def summary(out: str, verb: str) -> str:  # the run summary line, less the time it took
        line = next(x for x in out.splitlines() if x.startswith(f"{verb}: ") and " read, " in x)
        return line.split(" in ")[0].split(": ", 1)[1]
    assert summary(single.stderr, "ingest") == summary(dist.stderr, "run")


def test_chunks_are_bounded_and_keep_line_numbers(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [{"id": f"x{i}", "text": f"Line {i}."} if i % 7 else ""
                                                  for i in range(1, 101)])
    chunks = list(plan([str(path)], ReadContext(), chunk_size=5, chunk_bytes=10_000))
    assert all(c.docs <= 5 for c in chunks) and sum(c.docs for c in chunks) == 86
    pieces = [p for c in chunks for p in c.pieces]
    assert all(isinstance(p, LinesPiece) for p in pieces)
    firsts = [p.first_line for p in pieces]
    assert firsts[0] == 1 and firsts == sorted(firsts)
    for p, nxt in zip(pieces, firsts[1:] + [101]):
        assert p.data.count(b"\n") == nxt - p.first_line  # no line lost or repeated
    small = list(plan([str(path)], ReadContext(), chunk_size=1000, chunk_bytes=200))
    assert all(c.nbytes < 200 + 40 for c in small) and len(small) > 5  # the byte cap cuts too


def test_tail_is_cut_into_smaller_chunks_that_keep_whole_blocks(tmp_path):
    path = write_jsonl(tmp_path / "tail.jsonl", [{"id": f"t{i}", "text": f"Line {i} of the tail test."}
                                                  for i in range(100)])
    chunks = list(plan([str(path)], ReadContext(), chunk_size=8, tail_docs=16, tail_split=4))
    sizes = [c.docs for c in chunks]
    assert sum(sizes) == 100 and sizes[:8] == [8] * 8 and all(c.block_end for c in chunks[:8])
    assert max(sizes[-8:]) == 2  # the last documents travel two at a time
    ends, total = [], 0
    for c in chunks:
        total += c.docs
        if c.block_end:
            ends.append(total)
    assert ends[:-1] == list(range(8, 100, 8))  # writes still end every 8 documents
    assert chunks[-1].block_end and ends[-1] == 100
    # one document a file: the last files are the tail
    files = []
    for i in range(6):
        files.append(tmp_path / f"f{i}.txt")
        files[-1].write_text(f"Article {i} about talks.\n")
    small = list(plan([str(f) for f in files], ReadContext(), chunk_size=4, tail_docs=3, tail_split=2))
    assert [(c.docs, c.block_end) for c in small] == [(4, True), (2, True)]
    cut = plan([str(f) for f in files], ReadContext(), chunk_size=4, tail_docs=4, tail_split=4)
    assert [(c.docs, c.block_end) for c in cut] == [(3, False), (1, True), (1, False), (1, True)]


def test_models_load_once_per_worker_and_window_is_bounded(client, tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(16))
    settings = Settings(store=str(tmp_path / "s.duckdb"))
    from parley.distributed.cluster import prepare

    with Store(settings.store) as store:
        summary = RunSummary()
        prepare(client, options_from(settings))
        engine = Engine(client, store, settings, options_from(settings), summary,
                        store.start_run("test"), in_flight=3, progress=None)
        peak = []
        submit = engine.submit

        def counting(chunk):
            peak.append(len(engine.slots) + 1)
            return submit(chunk)
        engine.submit = counting  # type: ignore[method-assign]
        engine.run(plan([str(path)], ReadContext(), chunk_size=2))
        assert summary.stored == 16 and len(peak) == 8 and max(peak) == 3
    infos = client.run(__import__("parley.distributed.tasks", fromlist=["x"]).worker_info)
    assert len(infos) == 2 and all(i["model_loads"] == 1 for i in infos.values())


def test_window_deduper_remembers_chunks_in_flight_and_forgets_written_ones():
    with Store(":memory:") as store:
        d = WindowDeduper(store)
        s = RunSummary()
        a = Article(id="a", text="x", content_hash="h1")
        new, _ = d.split([a], s)
        new2, clash = d.split([Article(id="a", text="x", content_hash="h1"),
                               Article(id="a", text="other", content_hash="h9")], s)
        assert new == [a] and new2 == [] and s.duplicates == 1 and clash[0].reason == "duplicate-id"
        store.write_batch([a], [], coder="t")
        d.forget([a])
        assert d.seen_hashes == set() and d.seen_ids == {}
        new, _ = d.split([Article(id="a", text="x", content_hash="h1")], s)
        assert new == [] and s.duplicates == 2  # now found in the store


def _single(inputs: list[str], tmp_path: Path, stories: bool = True) -> dict:
    path = str(tmp_path / "single.duckdb")
    with Store(path) as store:
        ingest(inputs, store, Settings(store=path, batch_size=2))  # the runs compared use chunks of 2
    return _content(path, stories)


def test_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(30))
    store_path = str(tmp_path / "run.duckdb")
    killed: list[int] = []
    with connect(workers=2) as c, Store(store_path) as store:
        def kill_one(counts: dict) -> None:
            if killed:
                return
            busy = [addr for addr, keys in c.processing().items() if keys]
            pids = c.run(os.getpid, workers=busy[:1] or None)
            pid = next(iter(pids.values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        summary = run_distributed([str(path)], store, Settings(store=store_path), c,
                                  chunk_size=2, in_flight=6, progress=kill_one)
        assert killed and summary.read == 30 and summary.stored == 30
        c.wait_for_workers(2, timeout=30)
        assert killed[0] not in c.run(os.getpid).values()  # a new worker process took its place
    assert _content(store_path) == _single([str(path)], tmp_path)


def test_killed_client_resumes_with_the_same_command(tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(40))
    store_path = tmp_path / "run.duckdb"
    cmd = [sys.executable, "-m", "parley", "--store", str(store_path), "run", "--workers", "2",
           "--chunk-size", "2", str(path)]
    env = {**os.environ, "PARLEY_STORE": str(store_path)}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, env=env, start_new_session=True)
    wal = Path(str(store_path) + ".wal")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and not (wal.exists() and wal.stat().st_size > 60_000):
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the client (the writer) and its local workers
    proc.wait()
    with Store(str(store_path), read_only=True) as store:
        partial = store.stats()["articles"]
    assert 0 < partial < 40, partial
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{partial} already stored" in again.stderr
    # Articles, events and refusals are as an uninterrupted run leaves them. Story grouping is
    # not compared: it runs after a batch's commit (runs.AFTER_WRITE), so a kill between the
    # two leaves that batch ungrouped and the resumed run skips it as stored (see the report).
    assert _content(str(store_path), stories=False) == _single([str(path)], tmp_path, stories=False)


def test_usage_errors(cli, tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(1))
    both = cli("run", "--workers", "2", "--dask", "tcp://127.0.0.1:1", str(path))
    assert both.exit_code == 2 and "not both" in both.stderr
    zero = cli("run", "--workers", "0", str(path))
    assert zero.exit_code == 2 and "--workers" in zero.stderr


def test_bad_store_memory_is_a_usage_error(client, cli, tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(1))
    bad = cli("run", "--dask", client.scheduler.address, "--store-memory", "lots", str(path))
    assert bad.exit_code == 2 and "E097" in bad.stderr and "lots" in bad.stderr


def test_unreachable_scheduler_is_a_clear_error(cli, tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(1))
    result = cli("run", "--dask", "tcp://127.0.0.1:9", "--timeout", "2", str(path))
    assert result.exit_code == 1 and "E094" in result.stderr and "127.0.0.1:9" in result.stderr


def test_run_on_an_existing_scheduler(client, cli, tmp_path, store_path):
    path = write_jsonl(tmp_path / "w.jsonl", _wire(6))
    on_cluster = cli("run", "--dask", client.scheduler.address, "--chunk-size", "2", str(path))
    assert on_cluster.exit_code == 0, on_cluster.stderr
    assert client.scheduler.address in on_cluster.stderr
    assert _content(store_path) == _single([str(path)], tmp_path)
