"""Bench drivers, one run per child process (so each reports its own peak memory):

    python bench/runs.py ingest CORPUS STORE                     single process (runs.ingest)
    python bench/runs.py dask CORPUS STORE --workers N           local Dask cluster (parley run)
    python bench/runs.py overhead CORPUS --workers N             Dask task overhead, bytes moved
    python bench/runs.py client CORPUS STORE --seed CODED        the client's ceiling (stand-in coder)

Each prints one line of JSON: counts, per-stage seconds, startup and run seconds, CPU seconds,
peak RSS of this process and (Dask) of every worker.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cpu_seconds, emit  # noqa: E402

from parley.runs import ingest, options_from  # noqa: E402
from parley.settings import Settings  # noqa: E402
from parley.store.db import Store  # noqa: E402


def _summary(s) -> dict:
    return {**s.counts(), "timings": s.timings}


def run_ingest(corpus: str, store_path: str) -> dict:
    from parley.distributed.tasks import load_models, warm_up

    settings = Settings(store=store_path)
    t0 = time.perf_counter()
    # load and warm up before the clock starts, as a Dask worker does at start (cluster.prepare)
    load_models(options_from(settings))
    warm_up(options_from(settings))
    startup = time.perf_counter() - t0
    cpu0 = cpu_seconds()
    with Store(store_path) as store:
        s = ingest([corpus], store, settings)
    return {"mode": "ingest", **_summary(s), "startup_s": startup, "run_s": s.seconds,
            "run_cpu_s": cpu_seconds() - cpu0}


def run_dask(corpus: str, store_path: str, workers: int, chunk_size: int | None) -> dict:
    from parley.distributed import connect, prepare, run
    from parley.distributed.tasks import worker_info

    settings = Settings(store=store_path)
    t0 = time.perf_counter()
    with connect(workers=workers) as client:
        before = {i["pid"]: i["cpu_s"] for i in prepare(client, options_from(settings)).values()}
        startup = time.perf_counter() - t0
        cpu0 = cpu_seconds()
        with Store(store_path) as store:
            s = run([corpus], store, settings, client, chunk_size=chunk_size)
        cpu = cpu_seconds() - cpu0
        infos = list(client.run(worker_info).values())
    for i in infos:  # CPU seconds spent during the run (models were loaded before it)
        i["run_cpu_s"] = i["cpu_s"] - before.get(i["pid"], 0.0)
    return {"mode": f"dask-{workers}", **_summary(s), "startup_s": startup, "run_s": s.seconds,
            "run_cpu_s": cpu, "workers": infos}


def _stand_in(template_article, template_mentions):
    """A coder stand-in for workers: each article gets the template's sentences and events
    (new ids), in microseconds, so the run measures what the client can absorb."""
    import dataclasses

    from parley.pipeline.runner import BatchResult

    def code(parsed, keep, options):
        articles = [parsed[0][i] for i in keep]
        mentions = []
        for a in articles:
            a.sentences, a.cites, a.status = template_article.sentences, template_article.cites, "coded"
            mentions += [dataclasses.replace(m, id=f"{m.id}-{a.id}", article_id=a.id) for m in template_mentions]
        return BatchResult(articles, mentions, words=sum(len(a.text.split()) for a in articles))
    return code


def run_client_ceiling(corpus: str, store_path: str, seed: str, workers: int, chunk_size: int,
                       store_memory: str | None) -> dict:
    """Articles/s one client (de-duplication, receiving, writing, scheduler) absorbs when the
    workers cost nothing: the single writer's ceiling, end to end."""
    from parley.distributed import connect, prepare
    from parley.distributed.engine import STORE_MEMORY, Engine, memory_limit
    from parley.distributed.plan import plan
    from parley.runs import RunSummary
    from parley.store.db import EventFilter

    with Store(seed, read_only=True) as src:
        counts = src.con.execute("SELECT article_id, count(*) FROM mentions GROUP BY 1 ORDER BY 2 DESC").fetchall()
        aid = counts[len(counts) // 2][0]  # an article with a median number of events
        template = (src.article(aid), src.mentions(EventFilter(article_id=aid)))
    settings = Settings(store=store_path)
    with connect(workers=workers) as client:
        prepare(client, options_from(settings))
        with Store(store_path) as store:
            summary = RunSummary()
            engine = Engine(client, store, settings, options_from(settings), summary, store.start_run("bench"),
                            None, None)
            engine.code_task = _stand_in(*template)
            t0, cpu0 = time.perf_counter(), cpu_seconds()
            with memory_limit(store, store_memory):
                engine.run(plan([corpus], engine.ctx, chunk_size))
                secs, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
                duck = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
    return {"mode": "client-ceiling", "store_memory": store_memory or STORE_MEMORY, "duckdb_mb": duck / 2**20,
            "articles": summary.stored, "mentions": summary.mentions,
            "events_per_article": len(template[1]), "run_s": secs, "run_cpu_s": cpu, "timings": summary.timings,
            "articles_per_s": summary.stored / secs, "cpu_ms_per_article": cpu * 1000 / summary.stored}


def _noop(x: object) -> object:
    return x


def run_overhead(corpus: str, workers: int, chains: int, chunk_size: int) -> dict:
    """Scheduler cost of the engine's task pattern (3 dependent tasks a chunk), measured with
    no-op tasks, and the bytes a chunk moves to and from a worker."""
    from distributed import wait

    from parley.distributed import connect, prepare
    from parley.distributed import tasks
    from parley.distributed.plan import plan
    from parley.ingest.streams import ReadContext

    settings = Settings(store=":memory:")
    with connect(workers=workers) as client:
        prepare(client, options_from(settings))
        t0 = time.perf_counter()
        ends = []
        for i in range(chains):
            a = client.submit(_noop, i, pure=False)
            b = client.submit(_noop, a, pure=False)
            ends.append(client.submit(_noop, b, pure=False))
        wait(ends)
        per_chain = (time.perf_counter() - t0) / chains
        t0 = time.perf_counter()
        for i in range(50):
            client.submit(_noop, i, pure=False).result()
        round_trip = (time.perf_counter() - t0) / 50
        chunk = next(plan([corpus], ReadContext(), chunk_size))
        sent = len(pickle.dumps(chunk))
        parsed = client.submit(tasks.read_chunk, chunk, ReadContext(), pure=False)
        n = len(parsed.result()[0])
        coded = client.submit(tasks.code_chunk, parsed, list(range(n)), options_from(settings), pure=False)
        got = len(pickle.dumps(coded.result()))
    return {"mode": "overhead", "workers": workers, "chunk_size": chunk_size, "per_chunk_tasks_s": per_chain,
            "round_trip_s": round_trip, "bytes_in_per_article": sent / n, "bytes_out_per_article": got / n}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["ingest", "dask", "overhead", "client"])
    ap.add_argument("corpus")
    ap.add_argument("store", nargs="?")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--chains", type=int, default=500)
    ap.add_argument("--store-memory", help="client mode: DuckDB memory cap for the run")
    ap.add_argument("--seed", help="a coded store (client mode: its median article is the template)")
    a = ap.parse_args()
    if a.mode == "ingest":
        emit(run_ingest(a.corpus, a.store))
    elif a.mode == "dask":
        emit(run_dask(a.corpus, a.store, a.workers, a.chunk_size))
    elif a.mode == "client":
        emit(run_client_ceiling(a.corpus, a.store, a.seed, a.workers, a.chunk_size or 32, a.store_memory))
    else:
        emit(run_overhead(a.corpus, a.workers, a.chains, a.chunk_size or 32))


if __name__ == "__main__":
    main()
