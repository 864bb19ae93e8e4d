"""How well parley's HTML reader extracts title, date, outlet and body from saved pages.

The pages and what they should yield live outside the project (real pages of news sites are
not ours to ship): point the script at a directory holding

    expected.jsonl   one object a line: {"file": "pages/x.html" or "x.html", "source": "group name",
                     "url": page URL or null, "titles": [accepted titles] or null,
                     "published": ["YYYY-MM-DD", ...] or null, "outlets": [accepted names] or null,
                     "body": expected article text or null,
                     "with": [snippets the body must contain], "without": [snippets it must not]}
    pages/<file>     the saved page, as fetched (bytes; any encoding)

A null expectation is not scored. Each page is read as parley reads a saved page (bytes ->
parley.ingest.encoding.decode -> parley.ingest.html.page_record). Scores:

  title     the extracted title is one of the accepted ones (exact after whitespace folding) /
            (norm) the same after case, quotes and punctuation are folded
  date      the extracted published date's day is one of the accepted days
  outlet    the extracted outlet is one of the accepted names (case and punctuation folded)
  body R/P  word-level recall and precision of the body against the expected text (bags of words)
  snippets  share of "with" snippets found and "without" snippets absent
  furniture pages whose body has a short line of page furniture (cookie notices, newsletter
            sign-ups, "Related"/"Read more" lists, share prompts) that the expected body lacks

    .venv/bin/python bench/html_extraction.py /tmp/pages [--details] [--json out.json]

Prints a markdown table per source and in total, the CPU time per page, and os.getloadavg().
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.errors import Refused  # noqa: E402
from parley.ingest.encoding import decode  # noqa: E402
from parley.ingest.html import page_record  # noqa: E402

FURNITURE = re.compile(
    r"\b(cookies?|newsletter|sign up|subscribe|related (stories|articles|coverage|content)|^related\b|read more"
    r"|^more (on|from)\b|most (read|popular|viewed)|share (this|on)|follow us|all rights reserved|advertisement"
    r"|click here|recommended for you|you may also like|image caption|getty images|photograph:)", re.I)
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "´": "'", "–": "-", "—": "-",
                        "\u00a0": " "})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", fold(text)).translate(QUOTES).casefold()
    return re.sub(r"[^\w ]+", "", text).replace("  ", " ").strip()


def squash(name: str) -> str:
    """A name without case, spaces or punctuation ('Al-Bawaba' = 'Al Bawaba')."""
    return norm(name).replace(" ", "")


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").casefold()))


def overlap(pred: str, gold: str) -> tuple[float, float]:
    p, g = words(pred), words(gold)
    common = sum((p & g).values())
    return (common / max(1, sum(g.values())), common / max(1, sum(p.values())))


def furniture_lines(body: str, gold: str | None) -> list[str]:
    gold_norm = norm(gold or "")
    return [line for line in body.split("\n") if line.strip() and len(line) < 200 and FURNITURE.search(line)
            and norm(line) not in gold_norm]


def score_page(row: dict[str, Any], base: Path) -> dict[str, Any]:
    path = base / row["file"] if (base / row["file"]).exists() else base / "pages" / row["file"]
    data = path.read_bytes()
    start = time.process_time()
    try:
        text, _ = decode(data, None)
        rec = page_record(text, row.get("url"))
    except Refused as exc:
        rec = {"text": "", "title": None, "published": None, "outlet": None, "refused": exc.code}
    cpu = time.process_time() - start
    out: dict[str, Any] = {"file": row["file"], "source": row.get("source", "?"), "cpu": cpu,
                           "title": rec.get("title"), "published": rec.get("published"), "outlet": rec.get("outlet")}
    body = rec.get("text") or ""
    if row.get("titles"):
        out["title_exact"] = fold(rec.get("title") or "") in {fold(t) for t in row["titles"]}
        out["title_norm"] = norm(rec.get("title") or "") in {norm(t) for t in row["titles"]}
    if row.get("published"):
        out["date_ok"] = (rec.get("published") or "")[:10] in row["published"]
    if row.get("outlets"):
        out["outlet_ok"] = squash(rec.get("outlet") or "") in {squash(o) for o in row["outlets"]}
    if row.get("body"):
        out["recall"], out["precision"] = overlap(body, row["body"])
    snippets = [(s, True) for s in row.get("with") or []] + [(s, False) for s in row.get("without") or []]
    if snippets:
        flat = fold(body)
        out["snippets_ok"] = sum((fold(s) in flat) == want for s, want in snippets) / len(snippets)
    out["furniture"] = furniture_lines(body, row.get("body"))
    return out


def mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "-"


def share(results: list[dict[str, Any]], key: str) -> str:
    scored = [r[key] for r in results if key in r]
    return f"{sum(scored)}/{len(scored)}" if scored else "-"


def table(groups: dict[str, list[dict[str, Any]]]) -> str:
    head = ("| source | pages | title | title (norm) | date | outlet | body R | body P | snippets | furniture "
            "| cpu ms/page |\n|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for name, results in groups.items():
        lines.append(f"| {name} | {len(results)} | {share(results, 'title_exact')} | {share(results, 'title_norm')} "
                     f"| {share(results, 'date_ok')} | {share(results, 'outlet_ok')} "
                     f"| {mean([r['recall'] for r in results if 'recall' in r])} "
                     f"| {mean([r['precision'] for r in results if 'precision' in r])} "
                     f"| {mean([r['snippets_ok'] for r in results if 'snippets_ok' in r])} "
                     f"| {sum(1 for r in results if r['furniture'])} "
                     f"| {1000 * sum(r['cpu'] for r in results) / len(results):.1f} |")
    return "\n".join(lines)


def details(results: list[dict[str, Any]], rows: dict[str, dict[str, Any]]) -> None:
    for r in results:
        exp = rows[r["file"]]
        problems = []
        if r.get("title_norm") is False:
            problems.append(f"title {r['title']!r} not in {exp['titles']}")
        if r.get("date_ok") is False:
            problems.append(f"date {r['published']!r} not in {exp['published']}")
        if r.get("outlet_ok") is False:
            problems.append(f"outlet {r['outlet']!r} not in {exp['outlets']}")
        if r.get("recall", 1) < 0.8 or r.get("precision", 1) < 0.8:
            problems.append(f"body R {r['recall']:.2f} P {r['precision']:.2f}")
        if r.get("snippets_ok", 1) < 1:
            problems.append(f"snippets {r['snippets_ok']:.2f}")
        if r["furniture"]:
            problems.append(f"furniture {[line[:60] for line in r['furniture'][:3]]}")
        if problems:
            print(f"- {r['file']}: " + "; ".join(problems))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("directory", type=Path, help="directory with expected.jsonl and pages/")
    ap.add_argument("--details", action="store_true", help="list every page with a miss")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    args = ap.parse_args(argv)
    rows = {}
    with (args.directory / "expected.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows[row["file"]] = row
    import htmldate  # noqa: F401 - imported before any page is timed
    import trafilatura  # noqa: F401

    results = [score_page(row, args.directory) for row in rows.values()]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        groups[r["source"]].append(r)
    groups["total"] = results
    print(table(dict(groups)))
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.details:
        print()
        details(results, rows)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
