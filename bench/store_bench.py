"""The store at scale: synthesis, size, query latency and the single writer's throughput.

    python bench/store_bench.py synth SEED OUT --events N     replicate a coded store to N events
    python bench/store_bench.py query STORE                   query latency through the Store API
    python bench/store_bench.py write SEED TARGET             write rate of coded batches

The synthetic store is made in DuckDB from a store coded by a real run: each seed article
and its mentions are copied K times with new ids, new publication dates (spread over ten
years), stories of four articles, and actor/recipient country codes drawn from 30 codes with
a skew (the seed corpus names few state actors, so its own codes would make every dyad
query empty). Texts and JSON records keep their real size.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cpu_seconds, emit  # noqa: E402

from parley.pipeline.runner import BatchResult  # noqa: E402
from parley.runs import Deduper, RunSummary, write_result  # noqa: E402
from parley.store.db import EventFilter, Store  # noqa: E402

CODES = ["RUS", "UKR", "USA", "COL", "MEX", "ISR", "PSE", "SDN", "ETH", "SYR", "YEM", "IRN", "CHN", "TUR",
         "AFG", "IRQ", "LBY", "MLI", "NGA", "SOM", "VEN", "GTM", "HND", "SLV", "ARM", "AZE", "SRB", "KOS",
         "MMR", "PAK"]
# each copy's text is the seed text rotated (same length and letters, not a repeat: a store
# of identical texts would compress far better than a real one)
_J = "((k.k * 7919) % greatest(length(a.text), 1))"
ROTATE = f"substr(a.text, {_J} + 1) || substr(a.text, 1, {_J})"
DAY = "DATE '2015-01-01' + CAST(((k.k * {A} + a.n) * 37) % 3650 AS INTEGER)"


def _code(salt: int) -> str:
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    return (f"{codes}[1 + CAST(floor({len(CODES)} * pow((hash(m.id, k.k, {salt}) % 1000003) / 1000003.0, 2))"
            " AS INTEGER)]")


def synth(seed: str, out: str, events: int) -> dict:
    for p in (out, out + ".wal"):
        if os.path.exists(p):
            os.remove(p)
    t0 = time.perf_counter()
    with Store(out) as store:
        con = store.con
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        n_art = con.execute("SELECT count(*) FROM seed.articles").fetchone()[0]
        n_men = con.execute("SELECT count(*) FROM seed.mentions").fetchone()[0]
        k = math.ceil(events / n_men)
        day = DAY.format(A=n_art)
        con.execute("CREATE TEMP TABLE sa AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, * FROM seed.articles")
        con.execute(f"""INSERT INTO articles BY NAME SELECT a.* EXCLUDE (n, id, content_hash, url, published,
            story_id, text), {ROTATE} AS text, a.id || '-' || k.k AS id, md5(a.content_hash || k.k) AS content_hash,
            'https://bench.parley.invalid/' || a.id || '/' || k.k AS url, strftime({day}, '%Y-%m-%d') AS published,
            's' || ((k.k * {n_art} + a.n) // 4) AS story_id FROM sa a, range({k}) k(k)""")
        con.execute(f"""INSERT INTO mentions BY NAME SELECT m.* EXCLUDE (id, article_id, event_id, actor_code,
            recipient_code, date, record), m.id || '-' || k.k AS id, m.article_id || '-' || k.k AS article_id,
            coalesce(m.event_id, m.id) || '-' || k.k AS event_id, {_code(1)} AS actor_code,
            CASE WHEN hash(m.id, k.k, 3) % 10 < 3 THEN NULL ELSE {_code(2)} END AS recipient_code,
            strftime({day}, '%Y-%m-%d') AS date, replace(m.record, m.id, m.id || '-' || k.k) AS record
            FROM seed.mentions m JOIN sa a ON a.id = m.article_id, range({k}) k(k)
            ORDER BY k.k, m.id LIMIT {events}""")
        con.execute("CHECKPOINT")
        counts = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)").fetchone()
    size = sum(os.path.getsize(p) for p in (out, out + ".wal") if os.path.exists(p))
    return {"articles": counts[0], "events": counts[1], "bytes": size, "seconds": time.perf_counter() - t0}


def _latency(fn: Callable[[object], object], keys: list) -> dict:
    t0 = time.perf_counter()
    fn(keys[0])
    first = time.perf_counter() - t0
    times = []
    for key in keys:
        t0 = time.perf_counter()
        fn(key)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000, "n": len(times)}


def query(path: str, n: int = 20) -> dict:
    with Store(path, read_only=True) as store:
        q = store.con.execute
        dyads = q(f"""SELECT actor_code, recipient_code, substr(date, 1, 7) FROM mentions
                      WHERE recipient_code IS NOT NULL ORDER BY hash(id) LIMIT {n}""").fetchall()
        stories = [r[0] for r in q(f"SELECT story_id FROM articles ORDER BY hash(id) LIMIT {n}").fetchall()]
        articles = [r[0] for r in q(f"SELECT id FROM articles ORDER BY hash(id) LIMIT {n}").fetchall()]

        def dyad_month(k):
            return store.mentions(EventFilter(actor=k[0], recipient=k[1], date_from=k[2], date_to=k[2]))

        def dyad_timeline(k):
            return q("""SELECT substr(date, 1, 7) AS month, event, count(*) FROM mentions
                        WHERE actor_code = ? AND recipient_code = ? GROUP BY ALL ORDER BY 1""", [k[0], k[1]]).fetchall()

        def story(sid):
            return store.articles("story_id = ?", [sid]), q(
                "SELECT m.record FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?",
                [sid]).fetchall()

        def article(aid):
            return store.article(aid), store.mentions(EventFilter(article_id=aid))

        hits = len(dyad_month(dyads[0]))
        return {"events by dyad and month": _latency(dyad_month, dyads),
                "dyad timeline (counts by month)": _latency(dyad_timeline, dyads),
                "story lookup (articles + events)": _latency(story, stories),
                "article + its events (show)": _latency(article, articles), "dyad_month_hits": hits}


def _copies(arts: list, mentions: list, rounds: int, tag: str) -> list[BatchResult]:
    """The seed's coded articles again with new ids (so nothing is a duplicate)."""
    by_article: dict[str, list] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    out = []
    for r in range(rounds):
        for a in arts:
            new_id = f"{a.id}-{tag}{r}"
            na = dataclasses.replace(a, id=new_id, content_hash=f"{a.content_hash[:40]}{tag}{r:018d}")
            ms = [dataclasses.replace(m, id=f"{m.id}-{tag}{r}", article_id=new_id) for m in by_article.get(a.id, [])]
            out.append(BatchResult([na], ms))
    return out


def write(seed: str, target: str, batch_sizes: list[int], articles: int) -> dict:
    """Articles/s and mentions/s the one writer stores (de-duplication check + write_result)."""
    with Store(seed, read_only=True) as src:
        arts, mentions = src.articles(), src.mentions()
    needed = sum(math.ceil(articles / size) * size for size in batch_sizes)
    singles = _copies(arts, mentions, math.ceil(needed / max(1, len(arts))), tag=uuid.uuid4().hex[:6])
    rates = {}
    with Store(target) as store:
        start_rows = store.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
        dedupe, summary, pos = Deduper(store), RunSummary(), 0
        for size in batch_sizes:
            n_art = n_men = 0
            t0, cpu0 = time.perf_counter(), cpu_seconds()
            while n_art < articles:
                part = singles[pos:pos + size]
                pos += size
                batch = BatchResult([a for p in part for a in p.articles], [m for p in part for m in p.mentions])
                dedupe.split(batch.articles, summary)
                write_result(store, batch, [], None)
                n_art += len(batch.articles)
                n_men += len(batch.mentions)
            secs = time.perf_counter() - t0
            rates[size] = {"articles_per_s": n_art / secs, "mentions_per_s": n_men / secs, "articles": n_art,
                           "cpu_ms_per_article": (cpu_seconds() - cpu0) * 1000 / n_art}
    return {"target_events_before": start_rows, "rates": rates}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["synth", "query", "write"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--batches", default="32,128,512")
    ap.add_argument("--articles", type=int, default=2000)
    a = ap.parse_args()
    if a.mode == "synth":
        emit(synth(a.paths[0], a.paths[1], a.events))
    elif a.mode == "query":
        emit(query(a.paths[0]))
    else:
        emit(write(a.paths[0], a.paths[1], [int(x) for x in a.batches.split(",")], a.articles))


if __name__ == "__main__":
    main()
