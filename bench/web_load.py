"""API latency under 50 concurrent local clients: each client sends its requests one after the
other (no think time) to a `parley serve` on 127.0.0.1; the target is p99 < 200 ms, no errors.

    python bench/web_load.py /tmp/web/bench.duckdb [--clients 50] [--requests 40]

The request mix is JSON API calls an analyst's dashboard makes: event list pages with filters,
stance timelines of busy dyads, article records, story records, the overview. URLs are drawn
from the store (pages, filters, ids), so they vary. Two phases on one server: *cold* (a fresh
server: each distinct URL's first request reads the store, repeats hit the response cache of
this store generation), *warm* (the same mix again) and *changed* (the server lets go of the
idle store, another process writes a few articles into it, and the same clients come back:
their first requests meet a store the server has not summarized; with --no-change, skipped).
Each run is bounded (clients x
requests) and stops by itself. The load generator is a minimal HTTP/1.1 keep-alive client on
asyncio streams, to leave the two cores to the server. Prints markdown tables and the
machine's load average.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from web_server import load_line, serving  # noqa: E402

TARGET_P99_MS = 200


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def url_pool(base: str, rng: random.Random) -> dict[str, list[str]]:
    """Request kinds -> URLs, built from what the store holds."""
    with httpx.Client(base_url=base, timeout=60) as c:
        overview = c.get("/.json").json()
        events = c.get("/events.json?size=500&page=3").json()["events"]
        stories = c.get("/stories.json").json()["stories"]
    actors = [a["code"] for a in overview["top_actors"]]
    dyads = [f"{d['actor']}-{d['recipient']}" for d in overview["top_dyads"]]
    types = [t["event"] for t in overview["event_types"]]
    return {
        "events list": [f"/events.json?page={rng.randint(1, 200)}" for _ in range(60)]
        + [f"/events.json?actor={rng.choice(actors)}&type={rng.choice(types)}" for _ in range(60)]
        + [f"/events.json?recipient={rng.choice(actors)}&min_independent=1&from=20{rng.randint(10, 23)}"
           for _ in range(40)],
        "timeline": [f"/timeline.json?dyad={d}" for d in dyads]
        + [f"/timeline.json?actors={','.join(rng.sample(actors, 3))}" for _ in range(20)],
        "article": [f"/articles/{e['article_id']}.json" for e in events[:150]],
        "story": [f"/stories/{s['id']}.json" for s in stories[:80]],
        "overview": ["/.json"],
    }


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    machine's two cores with the server, so it must cost as little CPU per request as it can."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if "content-length" not in headers:
            raise ValueError(f"no Content-Length for {path}")
        await self.reader.readexactly(int(headers["content-length"]))
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def client(base: str, kinds: list[str], pool: dict[str, list[str]], n: int, rng: random.Random,
                 results: list[tuple[str, float, int]]) -> None:
    host, port = base.removeprefix("http://").split(":")
    conn = Connection(host, int(port))
    try:
        for _ in range(n):
            kind = rng.choice(kinds)
            url = rng.choice(pool[kind])
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(url), timeout=30)
            except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.TimeoutError):
                status = -1
                conn.close()
                conn = Connection(host, int(port))
            results.append((kind, (time.perf_counter() - t0) * 1000, status))
    finally:
        conn.close()


async def run(base: str, pool: dict[str, list[str]], clients: int, requests: int,
              seed: int) -> tuple[list[tuple[str, float, int]], float]:
    # weights: list pages and articles are what a dashboard asks for most
    kinds = ["events list"] * 4 + ["article"] * 3 + ["timeline"] * 1 + ["story"] * 1 + ["overview"] * 1
    results: list[tuple[str, float, int]] = []
    t0 = time.perf_counter()
    await asyncio.gather(*(client(base, kinds, pool, requests, random.Random(seed + i), results)
                           for i in range(clients)))
    return results, time.perf_counter() - t0


def report(results: list[tuple[str, float, int]], seconds: float, clients: int, title: str) -> None:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, ms, _ in results:
        by_kind[kind].append(ms)
    statuses = Counter(s for _, _, s in results)
    errors = sum(n for s, n in statuses.items() if s != 200)
    every = [ms for _, ms, _ in results]
    print(f"\n### {title}\n\n{load_line()}\n")
    print(f"| {clients} concurrent clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, values in sorted(by_kind.items()):
        print(f"| {kind} | {len(values)} | | | {pct(values, 50):.0f} | {pct(values, 95):.0f} | {pct(values, 99):.0f} "
              f"| {max(values):.0f} |")
    print(f"| **all** | {len(every)} | {errors} | {len(every) / seconds:.0f} | {pct(every, 50):.0f} "
          f"| {pct(every, 95):.0f} | {pct(every, 99):.0f} | {max(every):.0f} |")
    print(f"\nstatuses: {dict(statuses)}; p99 {pct(every, 99):.0f} ms: "
          f"{'within' if pct(every, 99) < TARGET_P99_MS and not errors else 'NOT within'} the target "
          f"(p99 < {TARGET_P99_MS} ms, no errors)")


CHANGE_ARTICLES = 3


def change_store(base: str, store: str) -> float:
    """Wait until the server lets go of the idle store, then write into it from this process
    (another process than the server): 3 stored articles copied under new ids, with their
    mentions as new events, in one transaction. (A `parley ingest` would do too, but its
    after-write hooks take minutes on a 100k-event store: not what this phase measures.)"""
    import duckdb

    deadline = time.monotonic() + 60
    while httpx.get(base + "/api/status").json()["holding_store"]:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not let go of the idle store")
        time.sleep(0.5)  # /api/status does not read the store: it does not keep it open
    t0 = time.perf_counter()
    con = duckdb.connect(store)
    try:
        con.execute("BEGIN")
        ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE id NOT LIKE '%-chg%' ORDER BY id LIMIT ?",
                                         [CHANGE_ARTICLES]).fetchall()]
        tag = f"-chg{int(time.time())}"
        con.execute("INSERT INTO articles SELECT * REPLACE (id || ? AS id, content_hash || ? AS content_hash) "
                    "FROM articles WHERE id IN (SELECT unnest(?))", [tag, tag, ids])
        con.execute("INSERT INTO mentions SELECT * REPLACE (id || ? AS id, article_id || ? AS article_id, "
                    "event_id || ? AS event_id) FROM mentions WHERE article_id IN (SELECT unnest(?))",
                    [tag, tag, tag, ids])
        con.execute("COMMIT")
    finally:
        con.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=40, help="requests per client")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="parley serve --workers")
    ap.add_argument("--no-change", action="store_true", help="skip the phase after a store change "
                    "(it writes a few articles into the store)")
    args = ap.parse_args()
    with serving(args.store, workers=args.workers) as base:
        while not httpx.get(base + "/api/status").json()["summary_ready"]:  # built at server start
            time.sleep(0.1)
        print(f"parley serve --workers {args.workers}")
        pool = url_pool(base, random.Random(args.seed))
        distinct = sum(len(set(v)) for v in pool.values())
        phases = [("cold", f"cold: first requests of {distinct} distinct URLs (each one's first "
                           "request reads the store, later ones hit the response cache)"),
                  ("warm", "warm: the same URL mix again (every URL has been asked for once)")]
        if not args.no_change:
            phases.append(("changed", "changed: the same mix right after another process wrote 3 articles "
                                      "(the server attaches a store it has not summarized)"))
        for phase, title in phases:
            if phase == "changed":
                took = change_store(base, args.store)
                print(f"\n(store changed by another process: {CHANGE_ARTICLES} articles and their events "
                      f"written in {took:.1f} s)")
            results, seconds = asyncio.run(run(base, pool, args.clients, args.requests,
                                               args.seed + (0 if phase == "cold" else 1000)))
            report(results, seconds, args.clients, title)
            status = httpx.get(base + "/api/status").json()
            print(json.dumps({"phase": phase, "requests": len(results), "seconds": round(seconds, 1),
                              "server cache so far": status["cache"], "summary_seconds": status.get("summary_seconds"),
                              "summary_generation": status.get("summary_generation"),
                              "store generation": status.get("generation")}))


if __name__ == "__main__":
    main()
