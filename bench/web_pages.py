"""Page render time with ~100,000 events in the store: every page (HTML and its JSON twin) must
answer in < 300 ms of server time (Server-Timing: request arrival -> response start).

    python bench/web_store.py /tmp/web/store.duckdb /tmp/web/bench.duckdb   # build the store
    python bench/web_pages.py /tmp/web/bench.duckdb [--runs 15]

The server runs with its response cache off (PARLEY_WEB_CACHE_ENTRIES=0), so that every request
renders its page from the store. Prints markdown tables: the first request after the server
opens the store (it builds the per-event summary once per store generation), then median /
p95 / max server time and client wall time per page; then the same pages from the cache.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web_server import load_line, server_ms, serving  # noqa: E402

TARGET_MS = 300


def get(url: str) -> tuple[int, float, float, bytes]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read()
        return r.status, server_ms(r.headers), (time.perf_counter() - t0) * 1000, body


def pages(base: str) -> list[str]:
    """Every page kind, with realistic arguments taken from the store itself."""
    overview = json.loads(get(base + "/.json")[3])
    actor = overview["top_actors"][0]["code"]
    dyad = overview["top_dyads"][0]
    first = json.loads(get(base + "/events.json?size=1")[3])["events"][0]
    busiest = json.loads(get(base + "/stories.json")[3])["stories"][0]["id"]
    paths = ["/", "/events", f"/events?actor={actor}&type=ACCUSE", "/events?min_independent=2&page=40",
             "/events?outlet=insight&from=2020&to=2024-06&size=500",
             "/timeline", f"/timeline?dyad={dyad['actor']}-{dyad['recipient']}&granularity=week",
             f"/timeline?actors={','.join(a['code'] for a in overview['top_actors'][:6])}&all_modalities=1",
             f"/articles/{first['article_id']}", "/stories", f"/stories/{busiest}"]
    out = []
    for p in paths:
        path, _, query = p.partition("?")
        out += [p, ("/.json" if path == "/" else path + ".json") + (f"?{query}" if query else "")]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with serving(args.store, {"PARLEY_WEB_CACHE_ENTRIES": "0"}) as base:
        while not json.loads(get(base + "/api/status")[3])["summary_ready"]:
            time.sleep(0.1)
        built = json.loads(get(base + "/api/status")[3])["summary_seconds"]
        status, first_server, first_wall, _ = get(base + "/")
        print(f"\n{load_line()}\n")
        print(f"event summary built at server start in {built * 1000:.0f} ms (once per store generation)\n")
        print("| first page request | server ms | wall ms |")
        print("|---|---|---|")
        print(f"| GET / | {first_server:.0f} | {first_wall:.0f} |\n")
        rows, worst = [], 0.0
        for path in pages(base):
            server, wall, size = [], [], 0
            for _ in range(args.runs):
                status, s, w, body = get(base + path)
                assert status == 200, (path, status)
                server.append(s)
                wall.append(w)
                size = len(body)
            p95 = sorted(server)[max(0, int(len(server) * 0.95) - 1)]
            worst = max(worst, max(server))
            rows.append(f"| `{path[:70]}` | {size / 1024:.0f} KB | {statistics.median(server):.0f} | {p95:.0f} "
                        f"| {max(server):.0f} | {statistics.median(wall):.0f} |")
        print(f"| page ({args.runs} runs each) | size | server median ms | server p95 ms | server max ms | wall median ms |")
        print("|---|---|---|---|---|---|")
        print("\n".join(rows))
        print(f"\nslowest server time {worst:.0f} ms: {'within' if worst < TARGET_MS else 'OVER'} the {TARGET_MS} ms target")
        print(load_line())
    with serving(args.store) as base:
        get(base + "/")
        cached = []
        for path in pages(base):
            get(base + path)
            cached += [get(base + path)[1] for _ in range(3)]
        print(f"\nwith the response cache on, a page asked for again: server median "
              f"{statistics.median(cached):.1f} ms, max {max(cached):.1f} ms ({len(cached)} requests)")


if __name__ == "__main__":
    main()
