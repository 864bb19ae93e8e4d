"""Same-story grouping: incremental throughput and pairwise precision/recall.

Feeds ../shared/corpus/insightcrime.jsonl plus generated copies of it (verbatim reposts,
cut copies, reworded and reordered rewrites) through the store hook that `parley ingest`
runs after every batch (annotate + group + merge events), batch by batch, into a DuckDB
store on disk. Prints a markdown report: articles/s overall and per stage of the run (so
a slowdown as the index grows shows), and the pairwise precision/recall/F1 of the grouping
against the generated copies (every corpus article is its own story; each copy belongs to
its source's story). All 1,652 corpus articles are InSight Crime pieces on the same few
topics (Colombian and Mexican crime), so they are a hard test of keeping same-topic
reports apart.

    .venv/bin/python bench/provenance_bench.py [--corpus PATH] [--batch 200] [--copies 1.0]
        [--prefill N]   (first fill the index with N synthetic articles' keys, to time lookups at scale)
        [--steps]       (also time each step of the hook: CPU and wall ms per article)
        [--per-day N]   (date the corpus, N articles a day: a precision stress for date-based rules)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.ingest.language import identify  # noqa: E402
from parley.ingest.records import make_article as _make  # noqa: E402


def make_article(record: dict) -> Article:
    """An article as `parley ingest` hands it to the store hook: read, with its language
    identified by the reader (ingest's cost, outside the timed hook)."""
    return identify(_make(record))
from parley.provenance.hooks import after_write  # noqa: E402
from parley.schema import Article  # noqa: E402
from parley.store.db import Store  # noqa: E402

from provenance_steps import StepTimer  # noqa: E402

SYNONYMS = {
    "said": "stated", "says": "states", "killed": "slain", "group": "organization", "groups": "organizations",
    "government": "authorities", "police": "security forces", "increase": "rise", "increased": "rose",
    "however": "nevertheless", "also": "additionally", "recent": "latest", "country": "nation",
    "important": "significant", "major": "key", "large": "big", "help": "assist", "show": "reveal",
    "shows": "reveals", "according to": "as per", "authorities": "officials", "violence": "bloodshed",
    "control": "dominance", "members": "operatives", "leader": "chief", "leaders": "chiefs",
    "arrested": "detained", "area": "zone", "region": "territory", "began": "started", "many": "numerous",
    "because": "since", "while": "whereas", "about": "around", "several": "various", "people": "individuals",
    "operations": "activities", "trafficking": "smuggling", "criminal": "illicit", "strong": "powerful",
    "has": "possesses", "have": "possess", "was": "had been", "were": "had been", "is": "remains", "are": "remain",
    "which": "that", "could": "might", "would": "will", "may": "might", "more": "additional", "most": "majority of",
    "new": "fresh", "years": "yrs", "year": "yr", "including": "such as", "reported": "disclosed",
    "announced": "declared", "drug": "narcotics", "drugs": "narcotics", "cocaine": "coke", "gang": "crew",
    "gangs": "crews", "security": "safety", "forces": "units", "officials": "functionaries", "city": "town",
    "cities": "towns", "local": "regional", "national": "countrywide", "state": "government", "part": "portion",
    "number": "quantity", "high": "elevated", "low": "reduced", "small": "minor", "made": "produced",
    "make": "produce", "used": "utilized", "use": "utilize", "told": "informed", "found": "discovered",
    "take": "seize", "took": "seized", "held": "kept", "last": "previous", "first": "initial", "after": "following",
    "before": "prior to", "during": "throughout", "between": "among", "against": "versus", "into": "inside",
    "through": "via", "however,": "yet,", "but": "yet", "so": "thus", "likely": "probable", "recently": "lately",
    "currently": "presently", "now": "at present", "said.": "stated.", "case": "instance",
    "cases": "instances", "crime": "offense", "crimes": "offenses", "president": "head of state", "war": "conflict",
    "money": "funds", "prison": "jail", "prisons": "jails", "military": "armed forces", "border": "frontier",
}


def reword(text: str, rng: random.Random) -> str:
    """A spinner's rewrite: synonyms, sentences reordered within blocks, some dropped."""
    sents = re.split(r"(?<=[.!?])\s+", text)
    out = []
    for i in range(0, len(sents), 4):
        block = [s for s in sents[i:i + 4] if rng.random() > 0.12]
        rng.shuffle(block)
        out += block
    spun = " ".join(out)
    for a, b in SYNONYMS.items():
        if rng.random() < 0.9:
            spun = re.sub(rf"\b{re.escape(a)}\b", b, spun)
    return spun


def cut(text: str, rng: random.Random) -> str:
    sents = re.split(r"(?<=[.!?])\s+", text)
    keep = max(3, int(len(sents) * rng.uniform(0.35, 0.7)))
    return " ".join(sents[:keep])


def verbatim(text: str, rng: random.Random) -> str:
    return text.replace(" -- ", " - ") + rng.choice(["", "\n\nRelated", "\n\n(Word Count: %d)" % len(text.split())])


MAKERS = {"verbatim": verbatim, "partial": cut, "rewrite": reword}


def corpus(path: str, share: float, seed: int = 7, spread: int = 1000, per_day: int = 0
           ) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    rng = random.Random(seed)
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if per_day > 0:  # a dated stream: `per_day` corpus articles a day, each copy dated like its source
        first = date(2023, 6, 1).toordinal()
        rows = [{**r, "published": date.fromordinal(first + i // per_day).isoformat()} for i, r in enumerate(rows)]
    originals = [make_article({**r, "url": f"https://insightcrime.example/{r['id']}"}) for r in rows]
    first_of: dict[str, str] = {}
    story = {a.id: first_of.setdefault(a.text, a.id) for a in originals}  # the corpus repeats 49 texts
    kind: dict[str, str] = {}
    copies = []
    kinds = list(MAKERS)
    for n, r in enumerate(rows[:int(len(rows) * share)]):
        k = kinds[n % len(kinds)]
        cid = f"{r['id']}-{k}"
        copies.append(make_article({"id": cid, "text": MAKERS[k](r["text"], rng), "title": r.get("title"),
                                    "published": r.get("published"),
                                    "outlet": f"Copy Site {n % 40}", "url": f"https://copysite{n % 40}.example/{cid}"}))
        story[cid], kind[cid] = story[r["id"]], k
        c = copies[-1]
        c.meta["source"] = r["id"]
    # copies arrive after their sources, within the next `spread` articles of the stream (a news
    # stream repeats a report within days, i.e. within the next few thousand articles)
    stream = originals[:]
    for c in copies:
        src = next(i for i, a in enumerate(stream) if a.id == c.meta["source"])
        stream.insert(rng.randint(src + 1, min(len(stream), src + spread)), c)
    return stream, story, kind


def prefill(store: Store, n: int) -> float:
    """N synthetic articles' worth of rows and postings (random keys), to time lookups at scale."""
    import numpy as np

    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    step = 100_000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        docs = np.arange(lo, hi, dtype=np.int32)
        store.con.execute("INSERT INTO prov_docs (doc, article_id, story_id, copy_kind, words) "
                          "SELECT d, 'synthetic-' || d, 'synthetic-' || d, 'original', 500 FROM range(?, ?) t(d)",
                          [lo, hi])
        per = 80
        data = {"key": rng.integers(-2**63, 2**63 - 1, size=(hi - lo) * per, dtype=np.int64),
                "doc": np.repeat(docs, per), "kind": np.tile(np.array([1] * 16 + [2] * 24 + [3] * 40, dtype=np.int8), hi - lo)}
        store.con.register("synthetic", data)
        store.con.execute("INSERT INTO prov_keys SELECT key, doc, kind FROM synthetic")
        store.con.unregister("synthetic")
    return time.perf_counter() - t0


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.add((a, b))
    return out


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / ".." / "shared" / "corpus" / "insightcrime.jsonl"))
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--copies", type=float, default=1.0, help="share of corpus articles that get a copy")
    ap.add_argument("--prefill", type=int, default=0)
    ap.add_argument("--store", default=None, help="store file (default: a temporary one)")
    ap.add_argument("--steps", action="store_true", help="time each step of the hook (CPU and wall per article)")
    ap.add_argument("--per-day", type=int, default=0,
                    help="date the corpus, this many articles a day (the corpus is undated: no date-based rule fires)")
    args = ap.parse_args()
    timer = StepTimer().install() if args.steps else None
    stream, gold_story, gold_kind = corpus(args.corpus, args.copies, per_day=args.per_day)
    tmp = tempfile.mkdtemp(prefix="parley-bench-")
    path = args.store or os.path.join(tmp, "bench.duckdb")
    load0 = os.getloadavg()
    with Store(path) as store:
        filled = prefill(store, args.prefill) if args.prefill else 0.0
        times = []
        for i in range(0, len(stream), args.batch):
            batch = stream[i:i + args.batch]
            for a in batch:
                a.status = "stored"
            store.write_batch(batch, [], coder="bench")
            t0, c0 = time.perf_counter(), time.process_time()
            after_write(store, batch, [])
            times.append((len(batch), time.perf_counter() - t0, time.process_time() - c0))
        rows = store.con.execute("SELECT article_id, story_id, copy_kind, copy_of FROM prov_docs "
                                 "WHERE article_id NOT LIKE 'synthetic-%'").fetchall()
        keys = store.con.execute("SELECT count(*) FROM prov_keys").fetchall()[0][0]
    if args.store is None:
        shutil.rmtree(tmp, ignore_errors=True)  # the temporary store (a prefilled one is large)
    report(args, stream, gold_story, gold_kind, rows, times, filled, keys, load0)
    if timer is not None:
        timer.uninstall()
        print(f"\n## steps of the hook (CPU time: time.process_time, all threads of this process)\n\n"
              f"{timer.table(sum(t[0] for t in times))}")


def report(args, stream, gold_story, gold_kind, rows, times, filled, keys, load0) -> None:
    pred_story = {a: s for a, s, _, _ in rows}
    pred_kind = {a: k for a, _, k, _ in rows}
    gold_groups: dict[str, list[str]] = {}
    pred_groups: dict[str, list[str]] = {}
    for a in pred_story:
        gold_groups.setdefault(gold_story[a], []).append(a)
        pred_groups.setdefault(pred_story[a], []).append(a)
    gp, pp = pairs(gold_groups), pairs(pred_groups)
    p, r, f = prf(len(gp & pp), len(pp), len(gp))
    total_n = sum(t[0] for t in times)
    total_s = sum(t[1] for t in times)
    total_cpu = sum(t[2] for t in times)
    print(f"# provenance bench\n\nload average at start {tuple(round(x, 2) for x in load0)}, "
          f"at end {tuple(round(x, 2) for x in os.getloadavg())} (2 cores, shared machine)\n")
    print(f"{len(stream)} articles ({len(stream) - len(gold_kind)} corpus + {len(gold_kind)} generated copies: "
          f"{dict(Counter(gold_kind.values()))}), batches of {args.batch}"
          + (f", index prefilled with {args.prefill:,} synthetic articles in {filled:.1f}s" if args.prefill else "")
          + (f", dated {args.per_day} corpus articles a day" if args.per_day else ", undated")
          + f"; {keys:,} postings at the end\n")
    print("| measure | value |\n|---|---|")
    print(f"| incremental grouping throughput, wall clock | {total_n / total_s:,.0f} articles/s "
          f"({total_s:.1f}s for {total_n}) |")
    print(f"| incremental grouping throughput, per CPU second of this process | {total_n / total_cpu:,.0f} articles/s "
          f"({total_cpu:.1f} CPU s; DuckDB may use both cores) |")
    print(f"| time per article: wall / CPU (time.process_time) | {1000 * total_s / total_n:.2f} / "
          f"{1000 * total_cpu / total_n:.2f} ms |")
    third = max(1, len(times) // 3)
    for name, part in (("first third of batches", times[:third]), ("last third of batches", times[-third:])):
        print(f"| {name}: wall / CPU | {sum(t[0] for t in part) / sum(t[1] for t in part):,.0f} / "
              f"{sum(t[0] for t in part) / sum(t[2] for t in part):,.0f} articles/s |")
    print(f"| same-story pairs: gold / predicted / correct | {len(gp)} / {len(pp)} / {len(gp & pp)} |")
    print(f"| pairwise precision / recall / F1 | {p:.4f} / {r:.4f} / {f:.4f} |")
    for k in MAKERS:
        ids = [a for a, g in gold_kind.items() if g == k]
        found = sum(1 for a in ids if pred_story.get(a) == pred_story.get(gold_story[a]))
        right = sum(1 for a in ids if pred_kind.get(a) == k)
        print(f"| {k} copies grouped with their source / labelled {k} | {found}/{len(ids)} / {right}/{len(ids)} |")
    wrong = [(a, b) for a, b in pp - gp if a in gold_story and b in gold_story]
    merged_sources = {(gold_story[a], gold_story[b]) for a, b in wrong if gold_story[a] != gold_story[b]}
    print(f"| distinct corpus reports merged into one story (pairs of sources) | {len(merged_sources)} |")


if __name__ == "__main__":
    main()
