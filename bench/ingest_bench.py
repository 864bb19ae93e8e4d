"""Ingest throughput (documents/s) for HTML pages and WARC records, with and without coding,
and the peak memory of streaming a large JSON Lines file at two sizes.

The pages are generated at bench time from ../shared/corpus/insightcrime.jsonl (title, outlet
and paragraphs poured into a news-page template with JSON-LD, navigation, a related-links
box and a footer) into a temporary directory; nothing from the corpus is written anywhere
else. "without coding" stores the articles uncoded (code_languages set to none); "with
coding" runs the full pipeline. Each run uses a fresh store in the temporary directory.

    .venv/bin/python bench/ingest_bench.py [--coded N] [--uncoded N] [--no-memory]

Prints a markdown table and os.getloadavg(): the machine may be shared, so compare figures
only with the load noted.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime.jsonl"

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2024-03-{day:02d}T10:00:00Z">
<link rel="canonical" href="https://bench.example/{day}/{id}">
<script type="application/ld+json">{ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/analysis">Analysis</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Bench Writer</p>{body}
<aside class="related"><h3>Related</h3><ul><li><a href="/r1">Another story</a></li></ul></aside></article></main>
<footer><p>Copyright 2024. All rights reserved.</p></footer></body></html>"""


def records(limit: int | None) -> list[dict]:
    out = []
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def page(rec: dict, i: int) -> str:
    text = rec["text"]
    sentences = text.split(". ")
    paras = [". ".join(sentences[j:j + 3]) for j in range(0, len(sentences), 3)]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras if p.strip())
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": rec.get("title"),
                     "datePublished": f"2024-03-{i % 28 + 1:02d}T10:00:00Z",
                     "publisher": {"@type": "Organization", "name": rec.get("outlet")}})
    return PAGE.format(title=html.escape(rec.get("title") or ""), outlet=html.escape(rec.get("outlet") or ""),
                       day=i % 28 + 1, id=rec["id"], ld=ld.replace("</", "<\\/"), body=body)


def write_inputs(recs: list[dict], root: Path) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = root / "pages"
    pages.mkdir(parents=True)
    warc = root / "crawl.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, rec in enumerate(recs):
            data = page(rec, i).encode("utf-8")
            (pages / f"{i:05d}.html").write_bytes(data)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://bench.example/{i}", "response",
                                                          payload=io.BytesIO(data), http_headers=headers))
    return pages, warc


def run(inputs: list[str], store: Path, coded: bool) -> tuple[int, float]:
    from parley import settings as settings_mod
    from parley.runs import ingest
    from parley.store.db import Store

    s = settings_mod.load(None, {"store": str(store), "code_languages": "en" if coded else "none",
                                 "batch_size": 32})
    with Store(str(store)) as st:
        t0 = time.perf_counter()
        summary = ingest(inputs, st, s)
        seconds = time.perf_counter() - t0
    if sum(summary.refused.values()):
        print(f"  (refused: {dict(summary.refused)})", file=sys.stderr)
    return summary.stored, seconds


def memory_probe(path: str) -> None:
    """Child process: stream a file through the readers; print peak RSS in MB."""
    from parley.ingest import read_inputs

    n = sum(1 for _ in read_inputs([path]))
    print(json.dumps({"items": n, "maxrss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss can carry a parent's over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_table(tmp: Path) -> list[str]:
    rows = []
    para = "The delegations met again on Thursday and agreed to continue the talks next week. "
    line = lambda i: json.dumps({"id": f"m{i}", "text": f"{i} " + para * 12_000}).encode() + b"\n"  # noqa: E731
    for count in (50, 400):
        path = tmp / f"big{count}.jsonl"
        with path.open("wb") as f:
            for i in range(count):
                f.write(line(i))
        size = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--probe", str(path)], capture_output=True, text=True,
                             check=True)
        probe = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(f"| JSON Lines, {count} records of 1 MB | {size:,.0f} MB | {probe['items']} | "
                    f"{time.perf_counter() - t0:.1f} | {probe['maxrss_mb']:.0f} MB |")
        path.unlink()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--coded", type=int, default=300, help="documents for the runs with coding (default 300)")
    ap.add_argument("--uncoded", type=int, default=0, help="documents for the runs without coding (0 = all 1,652)")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory probe")
    ap.add_argument("--probe", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.probe:
        memory_probe(args.probe)
        return
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found (../shared is needed)")
    sys.path.insert(0, str(ROOT / "src"))
    from parley.pipeline.resources import get_resources
    from parley.runs import options_from
    from parley.settings import Settings

    get_resources(options_from(Settings()))  # models load once, outside the timings
    from parley.ingest.language import detect

    detect("Load the language model before timing anything at all, please.")
    rows = ["| input | coding | documents | seconds | documents/s |", "|---|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmpdir:
        tmp = Path(tmpdir)
        for coded, limit in ((False, args.uncoded or None), (True, args.coded)):
            sub = tmp / ("coded" if coded else "uncoded")
            pages, warc = write_inputs(records(limit), sub)
            run([str(pages / "00000.html")], sub / "warm-up.duckdb", coded)  # imports and caches, untimed
            for label, inputs in (("HTML pages", [str(pages)]), ("WARC records (.warc.gz)", [str(warc)])):
                n, secs = run(inputs, sub / f"{label[:4]}.duckdb", coded)
                rows.append(f"| {label} | {'with' if coded else 'without'} | {n} | {secs:.1f} | {n / secs:,.1f} |")
                print(rows[-1], file=sys.stderr)
        mem = [] if args.no_memory else ["", "| streamed (read only) | size | items | seconds | peak RSS |",
                                         "|---|---:|---:|---:|---:|", *memory_table(tmp)]
    print("\n".join(rows + mem))
    print(f"\nos.getloadavg() = {tuple(round(x, 2) for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(the machine may be shared: figures vary with load)")


if __name__ == "__main__":
    main()
