"""The benchmark suite: throughput (end to end and per stage), peak memory per process, store
size and query latency, the writer's rate, and a scaling projection. Markdown on stdout,
also written to bench/out/suite.md (raw figures in bench/out/suite.json).

    python bench/suite.py            # full: 240- and 960-article corpora, 100k and 1M events (~20 min)
    python bench/suite.py --quick    # small corpora, 20k and 100k events (a few minutes)

Every run happens in a child process of its own (so each reports its own peak memory); every
table carries the load average, because the development machine is shared.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, Corpus, finish, loadavg, make_corpus, run_child, source_records, start, table  # noqa: E402
from projection import Measured, crossover, project  # noqa: E402

MODES = {"quick": {"n": 48, "chunk": 4, "events": (20_000, 100_000), "chains": 200, "write": 500,
                   "client": (2_000, 8_000), "repeat": 1},
         "full": {"n": 240, "chunk": 8, "events": (100_000, 1_000_000), "chains": 500, "write": 2000,
                  "client": (10_000, 40_000), "repeat": 2}}
CLIENT_STAGES = ("dedupe", "write")


def runs_py(*args: object) -> list[str]:
    return ["bench/runs.py", *map(str, args)]


def throughput_runs(cfg: dict, work: Path, log) -> tuple[dict, dict[str, Corpus]]:
    records = source_records()
    n = cfg["n"]
    corpora = {"N": make_corpus(work / "corpus-n.jsonl", n, records),
               "4N": make_corpus(work / "corpus-4n.jsonl", 4 * n, records),
               "a": make_corpus(work / "corpus-half-a.jsonl", n // 2, records),
               "b": make_corpus(work / "corpus-half-b.jsonl", n - n // 2, records, start=n // 2)}
    chunk = ["--chunk-size", cfg["chunk"]]
    res: dict = {}
    # the runs compared with each other are interleaved and repeated; the fastest of each counts
    # (the machine may be shared: the others' load only ever slows a run down)
    for rep in range(cfg["repeat"]):
        for name, args in (("1 process", ["ingest", corpora["N"].path, work / f"ingest-{rep}.duckdb"]),
                           ("Dask, 1 worker", ["dask", corpora["N"].path, work / f"dask1-{rep}.duckdb",
                                               "--workers", 1, *chunk]),
                           ("Dask, 2 workers", ["dask", corpora["N"].path, work / f"dask2-{rep}.duckdb",
                                                "--workers", 2, *chunk])):
            log(f"{name} (round {rep + 1})")
            got = run_child(runs_py(*args)).__dict__
            res.setdefault(f"{name} all run s", []).append(round(got["result"]["run_s"], 1))
            if name not in res or got["result"]["run_s"] < res[name]["result"]["run_s"]:
                res[name] = got
    log("2 processes")
    pair = [start(runs_py("ingest", corpora[h].path, work / f"ingest-{h}.duckdb")) for h in "ab"]
    res["2 processes"] = [finish(*p).__dict__ for p in pair]
    log("Dask, 2 workers (4N corpus)")
    res["Dask, 2 workers (4N corpus)"] = run_child(runs_py("dask", corpora["4N"].path, work / "dask2-4N.duckdb",
                                                           "--workers", 2, *chunk)).__dict__
    for size, cap in [(cfg["client"][0], None), (cfg["client"][1], None), (cfg["client"][1], "64MB")]:
        name = f"client {size}" + (f" {cap}" if cap else "")
        log(name)
        corpus = make_corpus(work / f"corpus-client-{size}.jsonl", size, records)
        res[name] = run_child(runs_py("client", corpus.path, work / f"client-{size}-{cap}.duckdb", "--seed",
                                      work / "dask2-4N.duckdb", "--workers", 2, "--chunk-size", 32,
                                      *(["--store-memory", cap] if cap else []))).__dict__
    log("overhead")
    res["overhead"] = run_child(runs_py("overhead", corpora["N"].path, "--workers", 2,
                                        "--chains", cfg["chains"], "--chunk-size", 32)).__dict__
    return res, corpora


def _proc_count(name: str) -> int:
    return 2 if name.startswith("2") else int(name.split()[1]) if name.startswith("Dask") else 1


def throughput_table(res: dict, corpora: dict[str, Corpus]) -> str:
    rows = []
    base = res["1 process"]["result"]
    base_rate = base["read"] / base["run_s"]
    dask1 = res["Dask, 1 worker"]["result"]
    for name in ("1 process", "2 processes", "Dask, 1 worker", "Dask, 2 workers", "Dask, 2 workers (4N corpus)"):
        r = res[name]
        parts = r if isinstance(r, list) else [r]
        arts = sum(p["result"]["read"] for p in parts)
        words = sum(p["result"]["words"] for p in parts)
        run_s = max(p["result"]["run_s"] for p in parts)
        startup = max(p["result"]["startup_s"] for p in parts)
        rate = arts / run_s
        tries = res.get(f"{name} all run s")
        rows.append([name, _proc_count(name), arts, words, startup,
                     f"{run_s:.1f}" + (f" (best of {', '.join(map(str, tries))})" if tries and len(tries) > 1 else ""),
                     startup + run_s, rate,
                     words / run_s, f"{rate / base_rate:.2f}x",
                     f"{rate / (dask1['read'] / dask1['run_s']):.2f}x" if name.startswith("Dask") else ""])
    rate = lambda n: res[n]["result"]["read"] / res[n]["result"]["run_s"]  # noqa: E731
    speed, speed4 = rate("Dask, 2 workers") / rate("Dask, 1 worker"), rate("Dask, 2 workers (4N corpus)") / rate("Dask, 1 worker")
    est = {n: _quiet_run_s(res[n]["result"]) for n in ("Dask, 1 worker", "Dask, 2 workers")}
    note = (f"\nDask 2 local workers vs 1 (articles/s): **{speed:.2f}x** on the same corpus, **{speed4:.2f}x** "
            "on the 4N corpus (target >= 1.7x); "
            f"**{est['Dask, 1 worker'] / est['Dask, 2 workers']:.2f}x** estimated for a quiet machine from the "
            "CPU time each process used (run s ~ max(busiest worker's CPU s, all CPU s / cores)). Run s excludes startup "
            "(cluster start and model loading, shown apart); '2 processes' = two `ingest` processes on "
            "halves of the corpus, each with its own store (DuckDB has one writer per file): the ceiling.\n")
    return table(["configuration", "coding processes", "articles", "words", "startup s", "run s",
                  "end to end s", "articles/s", "words/s", "vs 1 process", "vs Dask 1"], rows,
                 "Throughput, end to end") + note


def _quiet_run_s(r: dict) -> float:
    """What a run would take if every process got the core it asked for (from CPU seconds)."""
    cpus = [w["run_cpu_s"] for w in r["workers"]]
    return max(max(cpus), (sum(cpus) + r["run_cpu_s"]) / (os.cpu_count() or 1))


def _stage_seconds(r: dict) -> dict[str, float]:
    parts = r if isinstance(r, list) else [r]
    out: dict[str, float] = {}
    for p in parts:
        for k, v in p["result"]["timings"].items():
            out[k] = out.get(k, 0.0) + v
        if p["result"]["mode"] == "ingest":
            untimed = p["result"]["run_s"] - sum(p["result"]["timings"].values())
            out["untimed (read, dedupe, write)"] = out.get("untimed (read, dedupe, write)", 0.0) + untimed
    return out


def stage_table(res: dict) -> str:
    names = ["1 process", "2 processes", "Dask, 1 worker", "Dask, 2 workers"]
    secs = {n: _stage_seconds(res[n]) for n in names}
    stages: list[str] = []
    for n in names:
        stages += [s for s in secs[n] if s not in stages]
    words = res["1 process"]["result"]["words"]
    rows = []
    for st in stages:
        row: list = [st + (" (client)" if st in CLIENT_STAGES else "")]
        for n in names:
            v = secs[n].get(st)
            row.append(f"{v:.2f} ({100 * v / sum(secs[n].values()):.0f}%)" if v is not None else "")
        v1 = secs["1 process"].get(st) or secs["Dask, 1 worker"].get(st)
        row.append(words / v1 if v1 else "")
        rows.append(row)
    busy = []
    for n in ("Dask, 1 worker", "Dask, 2 workers"):
        r = res[n]["result"]
        work = sum(v for k, v in r["timings"].items() if k not in CLIENT_STAGES)
        busy.append(f"{n}: {100 * work / (len(r['workers']) * r['run_s']):.0f}%")
    return table(["stage", *[f"{n} s (share)" for n in names], "words/s on one core"], rows,
                 "Per stage (seconds summed over processes)") + \
        "\nWorker busy fraction (time in tasks / wall x workers): " + "; ".join(busy) + "\n"


def memory_table(res: dict, corpora: dict[str, Corpus]) -> str:
    rows = []
    for name in ("1 process", "2 processes", "Dask, 1 worker", "Dask, 2 workers", "Dask, 2 workers (4N corpus)"):
        r = res[name]
        parts = r if isinstance(r, list) else [r]
        for i, p in enumerate(parts):
            res_ = p["result"]
            if res_["mode"] == "ingest":
                rows.append([name, res_["read"], f"ingest {i + 1}" if len(parts) > 1 else "ingest (reads, codes, writes)",
                             res_["peak_rss_mb"]])
            else:
                rows.append([name, res_["read"], "client (writer, scheduler)", res_["peak_rss_mb"]])
                for j, w in enumerate(res_["workers"]):
                    rows.append([name, res_["read"], f"worker {j + 1}", w["peak_rss_mb"]])
    small, big = res["Dask, 2 workers"]["result"], res["Dask, 2 workers (4N corpus)"]["result"]
    wmax = lambda r: max(w["peak_rss_mb"] for w in r["workers"])  # noqa: E731
    note = (f"\nPeak RSS at {small['read']} vs {big['read']} articles (Dask, 2 workers): client "
            f"{small['peak_rss_mb']:.0f} -> {big['peak_rss_mb']:.0f} MB, largest worker "
            f"{wmax(small):.0f} -> {wmax(big):.0f} MB.\n")
    return table(["run", "articles", "process", "peak RSS MB"], rows, "Peak memory per process") + note


def client_table(res: dict, cfg: dict) -> str:
    rows = []
    for name in [k for k in res if k.startswith("client ")]:
        r = res[name]["result"]
        t = r["timings"]
        rows.append([r["articles"], r["mentions"], r["store_memory"], r["run_s"], r["articles_per_s"],
                     r["cpu_ms_per_article"], 1000 * t.get("dedupe", 0) / r["articles"],
                     1000 * t.get("write", 0) / r["articles"], r["peak_rss_mb"], r["duckdb_mb"]])
    return table(["articles", "events", "store memory cap", "run s", "articles/s (wall)", "client CPU ms/article",
                  "dedupe ms/article", "write ms/article", "client peak RSS MB", "DuckDB MB at end"], rows,
                 "The client alone: 2 workers with a stand-in coder (chunks of 32)") + \
        ("\nWorkers attach a real coded article's sentences and events to each article in microseconds, so the "
         "client (scheduler, receiving results, de-duplication, `runs.write_result`) is the only real cost: "
         "this is the single writer's ceiling, end to end. Its peak memory at two corpus sizes shows what grows: "
         "the run itself holds a bounded window of chunks; DuckDB caches the store's indexes, up to its memory "
         "cap (`parley run --store-memory`, 512MB by default), so the last row caps it lower.\n")


def store_runs(cfg: dict, work: Path, seed: Path, log) -> dict:
    out: dict = {"seed": {"bytes": seed.stat().st_size}, "sizes": {}}
    for events in cfg["events"]:
        path = work / f"store-{events}.duckdb"
        log(f"store {events} events")
        synth = run_child(["bench/store_bench.py", "synth", seed, path, "--events", events]).result
        query = run_child(["bench/store_bench.py", "query", path]).result
        out["sizes"][events] = {"synth": synth, "query": query, "path": str(path)}
    largest = out["sizes"][cfg["events"][-1]]["path"]
    log("writer")
    fresh = work / "writer-fresh.duckdb"
    out["write"] = {
        "empty store": run_child(["bench/store_bench.py", "write", seed, fresh, "--articles", cfg["write"]]).result,
        f"{cfg['events'][-1]:,}-event store": run_child(["bench/store_bench.py", "write", seed, largest,
                                                          "--articles", cfg["write"]]).result}
    return out


def store_tables(st: dict, seed_events: int) -> str:
    q_names = None
    rows = []
    seed = st["seed"]
    for events, d in st["sizes"].items():
        s, q = d["synth"], d["query"]
        q_names = [k for k, v in q.items() if isinstance(v, dict) and "median_ms" in v]
        rows.append([f"{s['events']:,}", f"{s['articles']:,}", s["bytes"] / 2**20, s["bytes"] / s["events"], s["seconds"],
                     *[f"{q[k]['median_ms']:.1f} / {q[k]['p95_ms']:.1f}" for k in q_names]])
    text = table(["events", "articles", "store MB", "bytes/event", "synthesis s",
                  *[f"{k} ms (median / p95)" for k in q_names or []]], rows, "Store size and query latency")
    text += (f"\nThe coded seed store: {seed['bytes'] / 2**20:.1f} MB for {seed_events:,} events "
             f"({seed['bytes'] / max(1, seed_events):,.0f} bytes/event, small-store overhead included). "
             "Latency through the Store API (what the CLI and web use), warm, over 20 different keys.\n\n")
    wrows = []
    for target, w in st["write"].items():
        for batch, r in w["rates"].items():
            wrows.append([target, f"{w['target_events_before']:,}", batch, r["articles_per_s"], r["mentions_per_s"],
                          r["cpu_ms_per_article"]])
    return text + table(["written into", "events before", "articles per transaction", "articles/s (wall)",
                         "mentions/s (wall)", "writer CPU ms/article"], wrows,
                        "The single writer: de-duplication check + runs.write_result")


def measured(res: dict, st: dict | None, cfg: dict) -> tuple[Measured, list[list]]:
    d1 = res["Dask, 1 worker"]["result"]
    client = res[f"client {cfg['client'][-1]}"]["result"]
    ov = res["overhead"]["result"]
    w_cpu = sum(w["run_cpu_s"] for w in d1["workers"])
    core_rate = d1["read"] / w_cpu
    busy = sum(v for k, v in d1["timings"].items() if k not in CLIENT_STAGES) / d1["run_s"]
    marginal = client["cpu_ms_per_article"] / 1000
    growth = 0.0
    if st:
        rates = list(st["write"].values())
        at = str(max(int(b) for b in rates[0]["rates"]))
        growth = max(0.0, rates[1]["rates"][at]["cpu_ms_per_article"] - rates[0]["rates"][at]["cpu_ms_per_article"]) / 1000
    m = Measured(core_articles_per_s=core_rate, busy_fraction=min(1.0, busy),
                 client_cpu_s_per_article=marginal + growth,
                 scheduler_s_per_chunk=ov["per_chunk_tasks_s"], chunk_size=32,
                 bytes_per_article=ov["bytes_in_per_article"] + ov["bytes_out_per_article"],
                 startup_s=res["Dask, 2 workers"]["result"]["startup_s"])
    rows = [["per-core coding rate (Dask, 1 worker)", f"{core_rate:.2f} articles per CPU s "
             f"({d1['read'] / d1['run_s']:.2f}/s wall here)"],
            ["worker busy fraction (Dask, 1 worker)", f"{busy:.2f}"],
            ["client CPU per article (stand-in coder run)", f"{marginal * 1000:.2f} ms "
             f"({client['articles_per_s']:,.0f} articles/s wall here)"],
            ["extra writer CPU per article in the large store", f"{growth * 1000:.2f} ms"],
            ["scheduler time per chunk (3 no-op tasks)", f"{ov['per_chunk_tasks_s'] * 1000:.2f} ms"],
            ["one task round trip", f"{ov['round_trip_s'] * 1000:.2f} ms"],
            ["bytes per article to / from a worker", f"{ov['bytes_in_per_article']:,.0f} / {ov['bytes_out_per_article']:,.0f}"],
            ["startup (2 local workers: cluster + models)", f"{m.startup_s:.1f} s"]]
    return m, rows


def projection_tables(m: Measured, rows: list[list]) -> str:
    text = table(["measured input", "value"], rows, "Projection inputs (measured in this run)")
    proj = [project(m, c) for c in (8, 32, 128)]
    keys = list(proj[0])
    text += table(keys, [[p[k] for k in keys] for p in proj], "Projection: 1,000,000 articles")
    text += (f"\nAssumptions: one worker process per core, all but one core coding (that one runs the client = "
             f"the single writer, and the scheduler); per-core rates from CPU time (a dedicated core), the "
             f"busy fraction as measured; chunks of {m.chunk_size} articles; a 1 Gbit/s link at the client; "
             f"articles like the bench corpus (~600 words). The client becomes the bottleneck from about "
             f"**{crossover(m)} cores** on: past that, more workers add nothing unless the writer gets faster "
             f"(larger transactions, a second store per shard).\n")
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpora and stores (a few minutes)")
    ap.add_argument("--work", default=str(OUT / "work"), help="scratch directory for corpora and stores")
    ap.add_argument("--skip-store", action="store_true", help="no store size / latency / writer section")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--render", metavar="JSON", help="print the tables of an earlier run's suite.json; run nothing")
    a = ap.parse_args()
    cfg = MODES["quick" if a.quick else "full"]
    if a.render:
        import common

        common.RENDERED_FROM = a.render
        saved = json.loads(Path(a.render).read_text())
        res, st, corpora = saved["runs"], saved["store"], {}
    else:
        work = Path(a.work)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        log = lambda msg: print(f"[bench] {msg} ({loadavg()})", file=sys.stderr, flush=True)  # noqa: E731
        res, corpora = throughput_runs(cfg, work, log)
        st = None if a.skip_store else store_runs(cfg, work, work / "dask2-4N.duckdb", log)
    parts = [f"# parley bench ({'quick' if a.quick else 'full'}), chunk size {cfg['chunk']}\n",
             throughput_table(res, corpora), stage_table(res), memory_table(res, corpora), client_table(res, cfg)]
    if st:
        parts.append(store_tables(st, res["Dask, 2 workers (4N corpus)"]["result"]["mentions"]))
    m, rows = measured(res, st, cfg)
    parts.append(projection_tables(m, rows))
    text = "\n".join(parts)
    print(text)
    if a.render:
        return
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"suite{'-quick' if a.quick else ''}.md").write_text(text)
    (OUT / f"suite{'-quick' if a.quick else ''}.json").write_text(json.dumps({"runs": res, "store": st}, indent=1,
                                                                          default=str))
    if not a.keep:
        shutil.rmtree(Path(a.work), ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
