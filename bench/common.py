"""Small measurement helpers shared by the benchmarks: corpora, timing, memory, tables.

Corpora are generated at bench time from ../shared/corpus/insightcrime.jsonl and our own
examples/ (never committed): record i is source record i mod n with a new id, URL and
publication date, so every record is a distinct article (its own content hash) that costs
what the real one costs to code.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARLEY_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "insightcrime.jsonl"
OUT = ROOT / "bench" / "out"


RENDERED_FROM: str | None = None  # set when tables are re-rendered from a saved run


def loadavg() -> str:
    if RENDERED_FROM:
        return f"re-rendered from {RENDERED_FROM}: the load average at measurement time is in the raw figures"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> str:
    """A markdown table (with the load average under it: the machine may be shared)."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}" if abs(v) >= 1 else f"{v:.3g}"
        return "" if v is None else str(v)
    lines = [f"### {title}", ""] if title else []
    lines.append("| " + " | ".join(headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    lines += ["", f"_{loadavg()}_", ""]
    return "\n".join(lines)


def source_records() -> list[dict]:
    """The records corpora are made of: the shared corpus and our examples (text and JSONL)."""
    from parley.ingest import read_inputs
    from parley.schema import Article

    records = []
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    for item in read_inputs([str(ROOT / "examples")]):
        if isinstance(item, Article):
            records.append({"outlet": item.outlet, "title": item.title, "text": item.text})
    if not records:
        raise SystemExit("no source records: ../shared/corpus/insightcrime.jsonl and examples/ are missing")
    return records


@dataclass
class Corpus:
    path: Path
    articles: int
    words: int
    bytes: int


def make_corpus(path: Path, n: int, records: list[dict] | None = None, start: int = 0) -> Corpus:
    """n distinct articles as JSON Lines (ids b<start>..), written streaming."""
    records = records or source_records()
    path.parent.mkdir(parents=True, exist_ok=True)
    words = 0
    day0 = date(2015, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(start, start + n):
            rec = records[i % len(records)]
            words += len(rec["text"].split())
            out.write(json.dumps({"id": f"b{i:08d}", "url": f"https://bench.parley.invalid/{i}",
                                  "outlet": rec.get("outlet"), "title": rec.get("title"),
                                  "published": (day0 + timedelta(days=(i * 37) % 3650)).isoformat(),
                                  "text": rec["text"]}, ensure_ascii=False) + "\n")
    return Corpus(path, n, words, path.stat().st_size)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


@contextmanager
def timed(into: dict, key: str) -> Iterator[None]:
    t0 = time.perf_counter()
    yield
    into[key] = time.perf_counter() - t0


@dataclass
class Child:
    """A finished child process: the JSON it printed last and its wall time."""

    result: dict
    seconds: float


def start(args: list[str]) -> tuple[subprocess.Popen, float]:
    proc = subprocess.Popen([sys.executable, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    return proc, time.perf_counter()


def finish(proc: subprocess.Popen, t0: float) -> Child:
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"bench child {proc.args} failed ({proc.returncode}):\n{err[-3000:]}")
    return Child(json.loads(lines[-1]), seconds)


def run_child(args: list[str]) -> Child:
    return finish(*start(args))


def emit(result: dict) -> None:
    """A child's one line of JSON for its parent (with its own peak memory and CPU time)."""
    result.setdefault("peak_rss_mb", peak_rss_mb())
    result.setdefault("cpu_s", cpu_seconds())
    result.setdefault("loadavg", os.getloadavg())
    print(json.dumps(result), flush=True)
