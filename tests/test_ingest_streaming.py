"""Streaming: memory does not grow with the size of a multi-document input. The inputs here
are many times larger than any one record; the Python memory traced while reading them
stays near the size of one record (bench/ingest_bench.py measures process RSS on larger files)."""
from __future__ import annotations

import gzip
import json
import tracemalloc

from ingest_fixtures import warc_bytes, write

from parley.ingest import read_inputs
from parley.ingest.language import detect
from parley.schema import Article

PARA = "The delegations met again on Thursday and agreed to continue the talks next week in the capital. "


def _peak_while_reading(path: str, **kw) -> tuple[int, int]:
    """(articles read, peak traced bytes) while reading and dropping each article; the
    per-process models and caches are loaded first (a first read), so only streaming counts."""
    for _ in read_inputs([path], **kw):
        break
    detect("Warm the language model up with one sentence of plain English text, please.")
    tracemalloc.start()
    try:
        n = 0
        for item in read_inputs([path], **kw):
            n += isinstance(item, Article)
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_lines_plain_and_gzip_stream_in_bounded_memory(tmp_path):
    record = PARA * 500  # ~50 KB per record
    lines = b"".join(json.dumps({"id": f"s{i}", "text": f"{i} {record}"}).encode() + b"\n" for i in range(300))
    plain = write(tmp_path / "big.jsonl", lines)
    packed = write(tmp_path / "big.jsonl.gz", gzip.compress(lines))
    assert len(lines) > 14_000_000
    for path in (plain, packed):
        n, peak = _peak_while_reading(str(path))
        assert n == 300
        assert peak < 2_500_000, (path.name, peak)  # < 20 % of the file: a few records, not the file


def test_oversized_line_is_skipped_without_being_held(tmp_path):
    huge = json.dumps({"id": "huge", "text": PARA * 100_000}).encode()  # ~10 MB on one line
    ok = json.dumps({"id": "ok", "text": PARA}).encode()
    path = write(tmp_path / "huge.jsonl", ok + b"\n" + huge + b"\n" + ok.replace(b'"ok"', b'"ok2"') + b"\n")
    _peak_while_reading(str(path), max_bytes=100_000)
    tracemalloc.start()
    try:
        items = list(read_inputs([str(path)], max_bytes=100_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [getattr(i, "id", None) or i.reason for i in items] == ["ok", "too-large", "ok2"]
    assert peak < 1_500_000, peak


def test_warc_records_stream_in_bounded_memory(tmp_path):
    page = "<html><head><title>Talks</title></head><body><article>" + f"<p>{PARA}</p>" * 150 + "</article></body></html>"
    peaks = []
    for n in (30, 120):
        pages = [(f"https://example.org/{i}", page.replace("Talks", f"Talks {i}")) for i in range(n)]
        path = write(tmp_path / f"crawl{n}.warc", warc_bytes(pages, extra=False))
        read, peak = _peak_while_reading(str(path))
        assert read == n
        peaks.append(peak)
    assert peaks[1] < 0.25 * path.stat().st_size, peaks
    assert peaks[1] < 1.5 * peaks[0]  # four times the records, about the same memory
