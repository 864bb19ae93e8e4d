"""Where a Dask run loses time: a per-chunk timeline of every worker task and client write.

    python bench/dask_timeline.py CORPUS.jsonl STORE.duckdb --workers 2 [--chunk-size N] [--out FILE.json]

Runs `parley run` (the engine, on a local cluster) under distributed's task stream and prints:
per worker, its busy time, idle time before its first task, idle gaps between tasks, and idle
time at the end (the tail: the other worker still coding the last chunks); per chunk, its
words, where it was read and coded, and when its write finished. Times are seconds from the
start of the run (after cluster start and model loading). CPU seconds per process are printed
too: on a shared machine, wall-clock gaps can be other people's processes.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cpu_seconds, loadavg, table  # noqa: E402

from parley.runs import options_from  # noqa: E402
from parley.settings import Settings  # noqa: E402
from parley.store.db import Store  # noqa: E402


def _tasks(stream: list[dict], t0: float) -> list[dict]:
    out = []
    for rec in stream:
        for ss in rec.get("startstops", ()):
            if ss.get("action") == "compute":
                out.append({"key": str(rec["key"]), "kind": str(rec["key"]).split("-")[0],
                            "worker": rec["worker"], "start": ss["start"] - t0, "stop": ss["stop"] - t0})
    return sorted(out, key=lambda r: r["start"])


def worker_rows(tasks: list[dict], end: float) -> list[list]:
    rows = []
    for w in sorted({t["worker"] for t in tasks}):
        mine = [t for t in tasks if t["worker"] == w]
        busy = sum(t["stop"] - t["start"] for t in mine)
        first, last = mine[0]["start"], max(t["stop"] for t in mine)
        gaps, at = 0.0, mine[0]["stop"]
        for t in mine[1:]:
            gaps += max(0.0, t["start"] - at)
            at = max(at, t["stop"])
        kinds = {k: sum(1 for t in mine if t["kind"] == k) for k in ("read_chunk", "info_of", "code_chunk")}
        rows.append([w.rsplit(":", 1)[-1], len(mine), kinds["code_chunk"], busy, first, gaps, end - last,
                     f"{100 * busy / end:.0f}%"])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("store")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--out", help="write the raw timeline (JSON) here")
    a = ap.parse_args()

    from distributed import get_task_stream

    from parley.distributed import connect, prepare, run
    from parley.distributed.tasks import worker_info

    settings = Settings(store=a.store)
    with connect(workers=a.workers) as client:
        before = {i["pid"]: i["cpu_s"] for i in prepare(client, options_from(settings)).values()}
        cpu0 = cpu_seconds()
        writes: list[tuple[float, int]] = []
        with Store(a.store) as store, get_task_stream(client) as ts:
            t0 = time.time()
            summary = run([a.corpus], store, settings, client, chunk_size=a.chunk_size,
                          progress=lambda c: writes.append((time.time() - t0, int(c["read"]))))
            end = time.time() - t0
        cpu = cpu_seconds() - cpu0
        infos = list(client.run(worker_info).values())
        tasks = _tasks(ts.data, t0)
    print(f"# Dask timeline: {summary.read} articles, {summary.words} words, {a.workers} workers, "
          f"chunk size {a.chunk_size or settings.batch_size}\n")
    print(table(["worker port", "tasks", "chunks coded", "busy s", "idle before first s", "idle gaps s",
                 "idle at end s", "busy share"], worker_rows(tasks, end), f"Workers over the run ({end:.2f} s)"))
    codes = [t for t in tasks if t["kind"] == "code_chunk"]
    cpu_rows = [[f"worker pid {i['pid']}", i["cpu_s"] - before.get(i["pid"], 0.0)] for i in infos]
    print(table(["process", "CPU s during the run"], [["client (scheduler, writer)", cpu], *cpu_rows],
                "CPU time"))
    last_two = sorted(codes, key=lambda t: t["stop"])[-2:]
    ends = ", ".join(f"{t['stop']:.2f}" for t in last_two)
    print(f"first code task starts at {codes[0]['start']:.2f} s; last write at {writes[-1][0]:.2f} s; "
          f"last two code tasks end at {ends} s "
          f"(the tail: {last_two[-1]['stop'] - last_two[0]['stop']:.2f} s with one worker idle); {loadavg()}\n")
    if a.out:
        Path(a.out).write_text(json.dumps({"tasks": tasks, "writes": writes, "end": end, "cpu_client": cpu,
                                           "workers": infos, "loadavg": loadavg()}, indent=1))


if __name__ == "__main__":
    main()
