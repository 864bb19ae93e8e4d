"""Build the 100,000-event store the web benchmarks read, by replicating coded mentions.

Source: a store coded by parley (e.g. `parley ingest examples/ ../shared/seed/seed-article.txt
../shared/corpus/insightcrime.jsonl`, ~7,600 events). Each source article and its mentions are
copied with new ids (text, sentences, actors, triggers unchanged, so every offset still holds):
  - replicas 1 and 2 are a verbatim copy and a rewrite of the source article (same dates,
    same story, their mentions share the source mention's event id): events reported 3 times
    from 1 independent origin, as provenance would merge them;
  - replicas 3..N are new events, their dates shifted by k months, so the timeline spans years;
    a source event with no date (most of the InsightCrime corpus has none) gets a synthetic day
    in 2014-2023 in these replicas (from a hash of its id), so that the charts' queries run over
    ~100,000 dated events, as they would on a dated news feed.
Everything is done in DuckDB SQL. Prints how many articles, mentions and events result.

    python bench/web_store.py SOURCE.duckdb OUT.duckdb [--events 100000]
"""
from __future__ import annotations

import argparse
import math
import shutil
import time

import duckdb

SHIFT = """CASE WHEN length({d}) = 10 THEN strftime(TRY_CAST({d} AS DATE) + to_months({k}), '%Y-%m-%d')
                WHEN length({d}) = 7 THEN strftime(TRY_CAST({d} || '-01' AS DATE) + to_months({k}), '%Y-%m')
                ELSE {d} END"""


def replicate(con: duckdb.DuckDBPyConnection, copies: int) -> None:
    con.execute("UPDATE articles SET story_id = 'st-' || id, copy_kind = 'original'")
    con.execute("CREATE TEMP TABLE src_a AS SELECT * FROM articles")
    con.execute("CREATE TEMP TABLE src_m AS SELECT * FROM mentions")
    con.execute("CREATE TEMP TABLE ks AS SELECT range AS k FROM range(1, ?)", [copies + 1])
    shift_pub = SHIFT.format(d="a.published", k="CASE WHEN k <= 2 THEN 0 ELSE k END")
    con.execute(f"""
        INSERT INTO articles (id, content_hash, url, outlet, title, published, published_time, language, status,
                              source, source_record, story_id, copy_kind, copy_of, coder, text, raw, record)
        SELECT a.id || '-r' || k, a.content_hash || '-r' || k, a.url, a.outlet, a.title, {shift_pub},
               a.published_time, a.language, a.status, a.source, a.source_record,
               CASE WHEN k <= 2 THEN a.story_id ELSE 'st-' || a.id || '-r' || k END,
               CASE k WHEN 1 THEN 'verbatim' WHEN 2 THEN 'rewrite' ELSE 'original' END,
               CASE WHEN k <= 2 THEN a.id END, a.coder, a.text, a.raw,
               json_merge_patch(a.record, json_object('id', a.id || '-r' || k, 'published', {shift_pub},
                 'copy_kind', CASE k WHEN 1 THEN 'verbatim' WHEN 2 THEN 'rewrite' ELSE 'original' END))
        FROM src_a a, ks""")
    shift_date = SHIFT.format(d="m.date", k="CASE WHEN k <= 2 THEN 0 ELSE k END")
    synthetic = "strftime(DATE '2014-01-01' + to_days(CAST(hash(m.id || k) % 3650 AS INTEGER)), '%Y-%m-%d')"
    shift_date = f"CASE WHEN m.date IS NULL AND k > 2 THEN {synthetic} ELSE {shift_date} END"
    con.execute(f"""
        INSERT INTO mentions (id, article_id, event_id, seq, event, mode, quad_code, event_scale, actor_code,
                              recipient_code, actor_text, recipient_text, date, modality, confidence, record)
        SELECT m.id || '-r' || k, m.article_id || '-r' || k,
               CASE WHEN k <= 2 THEN coalesce(m.event_id, m.id) ELSE m.id || '-r' || k END,
               m.seq, m.event, m.mode, m.quad_code, m.event_scale, m.actor_code, m.recipient_code,
               m.actor_text, m.recipient_text, {shift_date}, m.modality, m.confidence,
               json_merge_patch(m.record, json_object('id', m.id || '-r' || k, 'article_id', m.article_id || '-r' || k,
                                                      'date', {shift_date}))
        FROM src_m m, ks""")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    shutil.copyfile(args.source, args.out)
    con = duckdb.connect(args.out)
    base = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    copies = 2 + math.ceil(args.events / base) - 1  # replicas 1-2 merge into the source's events
    replicate(con, copies)
    con.execute("CHECKPOINT")
    n = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
                    "(SELECT count(DISTINCT coalesce(event_id, id)) FROM mentions)").fetchone()
    con.close()
    print(f"| store | articles | mentions | events | built in |\n|---|---|---|---|---|\n"
          f"| {args.out} | {n[0]:,} | {n[1]:,} | {n[2]:,} | {time.perf_counter() - t0:.1f} s |")


if __name__ == "__main__":
    main()
