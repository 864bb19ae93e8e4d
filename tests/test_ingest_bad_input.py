"""Bad input is routine: a corpus of broken, hostile and odd files is ingested with no crash,
a recorded and counted reason for every refusal, and every good document stored."""
from __future__ import annotations

import gzip
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from ingest_fixtures import BILLION_LAUGHS, news_pages, rss_feed, warc_bytes, write

from parley.errors import REASONS
from parley.store.db import Store

PAGES = news_pages()
SRC = Path(__file__).resolve().parents[1] / "src" / "parley"
TEXT = "Troops shelled the northern districts overnight, the regional governor said on Monday."


def bad_corpus(root: Path) -> tuple[dict[str, list[str]], dict[str, int | tuple[int, int]]]:
    """Writes the corpus; returns {file: reasons expected} and {file: good documents in it}
    ((low, high) for a file broken at a point that is not a record boundary)."""
    rng = random.Random(7)
    expected: dict[str, list[str]] = {}
    good: dict[str, int | tuple[int, int]] = {}

    def add(name: str, data: str | bytes, reasons: list[str], docs: int | tuple[int, int] = 0) -> None:
        write(root / name, data)
        expected[name] = reasons
        good[name] = docs

    add("empty.html", b"", ["empty"])
    add("blank.txt", "  \n\n \t\n", ["empty"])
    add("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000)), ["binary"])
    add("noise.txt", bytes(rng.randrange(256) for _ in range(5000)), ["binary"])
    add("report.txt", b"%PDF-1.7\n" + bytes(200), ["binary"])
    add("undecodable.txt", bytes(range(0x80, 0x100)) * 20, ["bad-encoding"])
    add("legacy.txt", ("Réunion à Genève\n\nLes négociateurs se sont réunis à Genève vendredi. " * 3).encode("cp1252"),
        [], 1)
    cut_at = PAGES[0].html.index("SKIP ADVERTISEMENT")
    add("cut-page.html", PAGES[0].html[:cut_at], [], 1)  # a page cut short still has text
    add("cut-head.html", PAGES[0].html[: PAGES[0].html.index("Negotiators for")], ["no-content"])
    add("tag-soup.html", "<html><body><div><p>" + TEXT + "<p><b>" + TEXT.replace("Monday", "Tuesday")
        + "</i></div></span><table><td>" + TEXT.replace("northern", "southern"), [], 1)
    add("nav-only.html", "<html><body><nav><a href='/'>Home</a></nav><footer>(c)</footer></body></html>",
        ["no-content"])
    add("laughs.xml", BILLION_LAUGHS, ["xml-entities"])
    add("entity-page.xhtml", '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p></body></html>', ["xml-entities"])
    # malformed XML: feedparser's loose parser recovers the entries before the break (flagged in meta)
    add("broken-feed.xml", rss_feed(link_base="https://other.example")[:-200].replace("<channel>", "<channel><<<"),
        [], (1, 3))
    add("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
        ["unsupported-format"])
    add("not-xml.xml", "}}} plainly not xml {{{", ["bad-xml"])
    pages = [(f"https://e.example/{i}", p.html) for i, p in enumerate(PAGES[:3])]
    warc = warc_bytes(pages, extra=True)  # + an image record and a 404 record
    add("crawl.warc", warc, ["unsupported-format", "http-status"], 3)
    cut = warc_bytes([(f"https://f.example/{i}", p.html) for i, p in enumerate(PAGES[3:6])], extra=False)
    add("cut.warc", cut[:-300], ["truncated"], 2)
    lines = b"".join(json.dumps({"id": f"g{i}", "text": f"{TEXT} Report {i}."}).encode() + b"\n" for i in range(40))
    gz = gzip.compress(lines)
    add("cut.jsonl.gz", gz[: len(gz) * 2 // 3], ["truncated"], (5, 39))
    add("corrupt.jsonl.gz", gz[:20] + bytes(rng.randrange(256) for _ in range(len(gz) - 20)), ["bad-archive"])
    jl = [json.dumps({"id": "d1", "text": TEXT}), json.dumps({"id": "d1", "text": TEXT + " Different."}),
          '"just a string"', "{broken", json.dumps({"id": "huge", "text": "w " * 40_000}),
          json.dumps({"id": "d2", "text": 42}), json.dumps({"id": "d3", "title": "no text"}),
          json.dumps({"id": "d4", "text": "   "}), json.dumps({"id": "d5", "text": TEXT + " Fifth."})]
    add("records.jsonl", "\n".join(jl) + "\n",
        ["duplicate-id", "not-object", "bad-json", "too-large", "bad-field", "missing-text", "empty"], 2)
    add("bad.csv", "title,body\nA,\"" + TEXT + "\"\nB\n\"C\",\"unterminated", ["bad-csv", "truncated"], 1)
    add("map.csv", "title,body\nMapped,\"" + TEXT + "\"\n", [], 1)  # default columns: body -> text
    add("huge.html", "<html><body><article>" + ("<p>" + TEXT + "</p>") * 2000 + "</article></body></html>",
        ["too-large"])
    add("feed.rss", rss_feed(), [], 3)
    add("bom.jsonl", b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": TEXT + " A BOM."}).encode() + b"\n", [], 1)
    add("tabs.jsonl", ('{"id": "tab", "text": "' + TEXT.replace(" ", "\t", 2) + ' Tabs."}\n').encode(), [], 1)
    add("nul.jsonl", ('{"id": "nul", "text": "' + TEXT + '\u0000"}\n').encode(), ["binary"])
    add("long.txt", "A very long page\n\n" + (TEXT + " ") * 400, ["too-long-to-code"], 1)  # stored, not coded
    return expected, good


def test_bad_corpus_is_ingested_with_a_reason_for_every_refusal(tmp_path, store_path):
    root = tmp_path / "corpus"
    expected, good = bad_corpus(root)
    missing = str(tmp_path / "no-such-file.html")
    cmd = [sys.executable, "-m", "parley", "--store", store_path, "ingest", "--max-bytes", "60000",
           str(root), missing]
    env = {**os.environ, "PARLEY_MAX_CODE_CHARS": "20000"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "reader-error" not in proc.stderr
    with Store(store_path, read_only=True) as store:
        refusals = store.con.execute("SELECT source, record, reason, detail FROM refusals").fetchall()
        stored = dict(store.con.execute(
            "SELECT regexp_extract(source, '[^/!]+$'), count(*) FROM articles GROUP BY 1").fetchall())
        per_file = Counter(store.con.execute("SELECT source FROM articles").fetchall())
    by_file: dict[str, list[str]] = {}
    for source, record, reason, detail in refusals:
        assert reason in REASONS and detail, (source, reason)
        by_file.setdefault(Path(source.split("!")[0]).name, []).append(reason)
    assert by_file.pop("no-such-file.html") == ["not-found"]
    for name, reasons in expected.items():
        assert sorted(by_file.get(name, [])) == sorted(reasons), name
    assert set(by_file) <= set(expected)
    # every good document is stored (a file cut mid-record keeps the records before the cut)
    for name, docs in good.items():
        if isinstance(docs, tuple):
            assert docs[0] <= stored.get(name, 0) <= docs[1], name
        else:
            assert stored.get(name, 0) == docs, name
    assert set(stored) <= set(good)
    # counted in the run summary and in `parley stats`
    total_refused = len(refusals)
    assert re.search(rf"\b{total_refused} refused\b", proc.stderr), proc.stderr
    stats = json.loads(subprocess.run([sys.executable, "-m", "parley", "--store", store_path, "stats", "--json"],
                                      capture_output=True, text=True, timeout=300).stdout)
    assert stats["refused"] == dict(Counter(r[2] for r in refusals))
    assert stats["refused"]["truncated"] == sum(r.count("truncated") for r in expected.values())
    assert stats["articles"] == sum(per_file.values())
    # running the same command again stores nothing twice and counts no refusal twice
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    with Store(store_path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM refusals").fetchone()[0] == total_refused
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == sum(per_file.values())


def test_exit_status_zero_when_all_read_two_for_usage(cli, tmp_path):
    good = write(tmp_path / "in" / "ok.html", PAGES[1].html)
    assert cli("ingest", str(good)).exit_code == 0
    assert cli("ingest", "--max-bytes", "abc", str(good)).exit_code == 2
    from click.testing import CliRunner

    from parley.cli import main

    assert CliRunner().invoke(main, ["ingest"]).exit_code == 2


def _reasons_in_source() -> set[str]:
    found: set[str] = set()
    for path in [*(SRC / "ingest").glob("*.py"), SRC / "runs.py"]:
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'Refused\(\s*"([a-z-]+)"', text))
        found |= set(re.findall(r'reason="([a-z-]+)"', text))
        found |= set(re.findall(r'return "([a-z-]+)", f?"', text))  # reason, detail pairs
        found |= set(re.findall(r'problem = \("([a-z-]+)"', text))
    return found


def test_every_reason_a_reader_can_produce_is_declared():
    found = _reasons_in_source()
    assert {"xml-entities", "truncated", "bad-csv", "http-status", "fetch-blocked", "too-large"} <= found
    undeclared = found - set(REASONS)
    assert not undeclared, f"declare these in errors.REASONS: {sorted(undeclared)}"
