"""Coder throughput: words/s and articles/s per stage and end to end, with 1 and 2 processes,
and the peak resident memory of each process, printed as a markdown table.

    .venv/bin/python bench/coder_speed.py [../shared/corpus/insightcrime.jsonl] [--limit N] [--ingest]

"End to end" is reading the JSON Lines records into articles and coding them (every stage,
models already loaded: the load time is printed apart); `--ingest` adds a one-process run of
`parley ingest` into a temporary DuckDB store (reading, de-duplication, coding, writing).
The machine's load average is printed with the figures: other work on the machine slows them.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "insightcrime.jsonl"


def _articles(path: Path, limit: int | None) -> list:
    from parley.ingest.jsonl import record_to_article

    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if limit and len(out) >= limit:
                break
            out.append(record_to_article(json.loads(line), str(path), f"line {n}"))
    return out


def _warm() -> float:
    from parley.ingest.records import make_article
    from parley.pipeline.runner import code_batch

    t0 = time.perf_counter()
    code_batch([make_article({"text": "Rebels attacked a convoy near the border on Monday.", "published": "2024-01-01"})])
    return time.perf_counter() - t0


def _code(articles: list, batch: int) -> dict:
    from parley.pipeline.runner import code_batch

    timings: dict[str, float] = {}
    words = mentions = 0
    t0 = time.perf_counter()
    for i in range(0, len(articles), batch):
        result = code_batch(articles[i:i + batch])
        words += result.words
        mentions += len(result.mentions)
        for stage, seconds in result.timings.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    return {"seconds": time.perf_counter() - t0, "timings": timings, "words": words,
            "articles": len(articles), "mentions": mentions,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _worker(path: str, limit: int | None, part: int, parts: int, batch: int, barrier, queue) -> None:
    articles = _articles(Path(path), limit)[part::parts]
    load = _warm()
    barrier.wait()
    out = _code(articles, batch)
    out["load_seconds"] = load
    queue.put(out)


def run_processes(path: Path, limit: int | None, n: int, batch: int) -> dict:
    ctx = mp.get_context("spawn")
    barrier, queue = ctx.Barrier(n + 1), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(path), limit, k, n, batch, barrier, queue)) for k in range(n)]
    for p in procs:
        p.start()
    barrier.wait()  # every process has loaded its models
    t0 = time.perf_counter()
    results = [queue.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    timings: dict[str, float] = {}
    for r in results:
        for stage, seconds in r["timings"].items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    return {"processes": n, "wall": wall, "timings": timings, "words": sum(r["words"] for r in results),
            "articles": sum(r["articles"] for r in results), "mentions": sum(r["mentions"] for r in results),
            "rss_mb": [round(r["rss_mb"]) for r in results], "load": max(r["load_seconds"] for r in results)}


def run_ingest(path: Path, limit: int | None) -> dict:
    from parley import settings as settings_mod
    from parley.runs import ingest
    from parley.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with path.open(encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
            for n, line in enumerate(f):
                if limit and n >= limit:
                    break
                out.write(line)
        settings = settings_mod.load(overrides={"store": str(Path(tmp) / "bench.duckdb")})
        store = Store(settings.store)
        _warm()
        t0 = time.perf_counter()
        summary = ingest([str(src)], store, settings)
        seconds = time.perf_counter() - t0
        store.close()
    return {"seconds": seconds, "words": summary.words, "articles": summary.coded}


def table(results: list[dict]) -> str:
    stages = list(results[0]["timings"])
    head = "| | " + " | ".join(f"{r['processes']} process{'es' if r['processes'] > 1 else ''}" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for stage in stages:
        cells = [f"{r['words'] / r['timings'][stage]:,.0f} w/s, {r['articles'] / r['timings'][stage]:,.1f} art/s"
                 for r in results]
        lines.append(f"| stage `{stage}` (per process) | " + " | ".join(cells) + " |")
    lines.append("| **end to end** | " + " | ".join(
        f"**{r['words'] / r['wall']:,.0f} w/s, {r['articles'] / r['wall']:,.1f} art/s**" for r in results) + " |")
    lines.append("| peak RSS per process | " + " | ".join(", ".join(f"{m} MB" for m in r["rss_mb"]) for r in results) + " |")
    lines.append("| model load per process | " + " | ".join(f"{r['load']:.1f} s" for r in results) + " |")
    lines.append("| articles / words / mentions | " + " | ".join(
        f"{r['articles']:,} / {r['words']:,} / {r['mentions']:,}" for r in results) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--ingest", action="store_true", help="also time `parley ingest` into a temporary store")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    print(f"corpus {args.corpus.resolve()} (limit {args.limit}); {os.cpu_count()} CPUs; "
          f"load average before: {tuple(round(x, 2) for x in os.getloadavg())}")
    results = [run_processes(args.corpus, args.limit, int(n), args.batch) for n in args.processes.split(",")]
    print(table(results))
    if args.ingest:
        r = run_ingest(args.corpus, args.limit)
        print(f"\n`parley ingest` (1 process, DuckDB store): {r['words'] / r['seconds']:,.0f} w/s, "
              f"{r['articles'] / r['seconds']:,.1f} art/s ({r['articles']} articles in {r['seconds']:.1f} s)")
    print(f"\nload average after: {tuple(round(x, 2) for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
