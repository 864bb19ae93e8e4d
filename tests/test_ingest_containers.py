"""Compressed files and archives, CSV with a column mapping, JSON, JSON Lines, stdin, globs."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import subprocess
import sys
import tarfile
import zipfile

from ingest_fixtures import atom_feed, news_pages, rss_feed, warc_bytes, write

from parley.ingest import read_inputs, read_stream
from parley.ingest.streams import ReadContext
from parley.schema import Article, Refusal

PAGES = news_pages()
TEXT = "Rebel fighters attacked an army checkpoint outside the town on Sunday, officials said."


def jsonl(n: int, start: int = 0) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"{TEXT} Report {i}."}).encode() + b"\n"
                    for i in range(start, start + n))


def split(items) -> tuple[list[Article], list[Refusal]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Refusal)]


def test_gzip_bz2_xz_hold_any_format(tmp_path):
    write(tmp_path / "a.jsonl.gz", gzip.compress(jsonl(3)))
    write(tmp_path / "b.jsonl.bz2", bz2.compress(jsonl(2, 3)))
    write(tmp_path / "c.html.xz", lzma.compress(PAGES[1].html.encode()))
    write(tmp_path / "d.xml.gz", gzip.compress(rss_feed().encode()))
    write(tmp_path / "e.warc.gz", warc_bytes([("https://e.org/1", PAGES[2].html)], gzip=True, extra=False))
    arts, refs = split(read_inputs([str(tmp_path)]))
    assert refs == []
    assert [a.id for a in arts[:5]] == ["r0", "r1", "r2", "r3", "r4"]
    assert arts[5].title == PAGES[1].title and arts[5].meta["format"] == "html"
    assert [a.meta["format"] for a in arts[6:9]] == ["rss"] * 3
    assert arts[9].title == PAGES[2].title and arts[9].url == PAGES[2].url


def test_truncated_gzip_keeps_every_record_before_the_break(tmp_path):
    data = gzip.compress(jsonl(2000))
    arts, refs = split(read_inputs([str(write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2]))]))
    assert 100 < len(arts) < 2000
    assert [a.id for a in arts] == [f"r{i}" for i in range(len(arts))]  # in order, none lost before the break
    assert len(refs) == 1 and refs[0].reason == "truncated"
    bad = bytearray(data)
    bad[len(bad) // 2: len(bad) // 2 + 8] = b"\xff" * 8
    arts, refs = split(read_inputs([str(write(tmp_path / "corrupt.jsonl.gz", bytes(bad)))]))
    assert [r.reason for r in refs][-1] == "bad-archive" and len(arts) > 100


def test_zip_and_tar_members_are_named(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("pages/bbc.html", PAGES[1].html)
        z.writestr("feeds/bulletin.atom", atom_feed())
        z.writestr("nested/more.jsonl.gz", gzip.compress(jsonl(2)))
        z.writestr("pages/", "")
        z.writestr("junk.bin", b"\x00\x01\x02\x03" * 20)
    zpath = write(tmp_path / "bundle.zip", buf.getvalue())
    arts, refs = split(read_inputs([str(zpath)]))
    assert [a.source for a in arts] == [f"{zpath}!pages/bbc.html", f"{zpath}!feeds/bulletin.atom",
                                        f"{zpath}!feeds/bulletin.atom", f"{zpath}!nested/more.jsonl.gz",
                                        f"{zpath}!nested/more.jsonl.gz"]
    assert [(r.source, r.reason) for r in refs] == [(f"{zpath}!junk.bin", "binary")]
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode="w:gz") as t:
        for name, data in (("x/one.html", PAGES[3].html.encode()), ("x/two.jsonl", jsonl(1))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    tpath = write(tmp_path / "bundle.tgz", tbuf.getvalue())
    arts, refs = split(read_inputs([str(tpath)]))
    assert refs == [] and [a.source for a in arts] == [f"{tpath}!x/one.html", f"{tpath}!x/two.jsonl"]


def test_broken_and_hostile_archives(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.html", "<html><body><p>" + "x " * 600_000 + "</p></body></html>")
    bomb = write(tmp_path / "bomb.zip", buf.getvalue())
    cut_zip = write(tmp_path / "cut.zip", buf.getvalue()[:200])
    deep = jsonl(1)
    for _ in range(6):
        deep = gzip.compress(deep)
    deep_path = write(tmp_path / "deep.jsonl.gz", deep)
    items = list(read_inputs([str(bomb), str(cut_zip), str(deep_path)], max_bytes=100_000))
    assert [(type(i).__name__, i.reason) for i in items] == [
        ("Refusal", "too-large"), ("Refusal", "bad-archive"), ("Refusal", "bad-archive")]
    assert "nested" in items[2].detail


def test_csv_with_a_column_mapping(tmp_path, cli, store_path):
    rows = ["headline,body,link,when,site",
            f'"Checkpoint attacked","{TEXT}",https://w.example/1,2024-03-02,Wire One',
            '"Broken row",only two',
            '"Empty body","",https://w.example/3,2024-03-03,Wire One',
            f'"Multi-line","{TEXT}\nSecond paragraph about the attack.",https://w.example/4,03/04/2024,Wire Two']
    path = write(tmp_path / "in" / "export.csv", "\n".join(rows) + "\n")
    mapping = {"text": "body", "title": "headline", "url": "link", "published": "when", "outlet": "site"}
    arts, refs = split(read_stream(open(path, "rb"), str(path), ctx=ReadContext(csv_map=mapping)))
    assert [a.title for a in arts] == ["Checkpoint attacked", "Multi-line"]
    assert arts[0].url == "https://w.example/1" and arts[0].published == "2024-03-02" and arts[0].outlet == "Wire One"
    assert "\nSecond paragraph" in arts[1].text and arts[1].source_record == "line 5"
    assert [(r.record, r.reason) for r in refs] == [("line 3", "bad-csv"), ("line 4", "missing-text")]
    # the same through the CLI option; a malformed mapping is a usage error (exit 2)
    result = cli("ingest", "--csv-map", "text=body,title=headline,published=when", str(path))
    assert result.exit_code == 1 and "2 stored" in result.output
    assert cli("ingest", "--csv-map", "text", str(path)).exit_code == 2
    assert cli("ingest", "--csv-map", "colour=body", str(path)).exit_code == 2
    missing = cli("ingest", "--csv-map", "text=nope", str(path))
    assert missing.exit_code == 1 and "bad-csv" in missing.output and "no column 'nope'" in missing.output


def test_csv_default_columns_tsv_and_encodings(tmp_path):
    tsv = write(tmp_path / "e.tsv", f"title\tcontent\tdate\nA\t{TEXT}\t2024-01-09\n".encode("utf-16"))
    arts, refs = split(read_inputs([str(tsv)]))
    assert refs == [] and arts[0].title == "A" and arts[0].published == "2024-01-09"
    cp = write(tmp_path / "cp.csv", ("text,title\n\"Les négociateurs se sont réunis à Genève.\",Genève\n").encode("cp1252"))
    arts, refs = split(read_inputs([str(cp)]))
    assert refs == [] and arts[0].title == "Genève" and arts[0].meta["encoding"] == "cp1252"
    arts, refs = split(read_inputs([str(write(tmp_path / "x.csv", "a,b\n1,2\n"))]))
    assert arts == [] and refs[0].reason == "bad-csv" and "no text column" in refs[0].detail
    big = write(tmp_path / "big.csv", f"text\n\"{'y' * 5000}\"\n\"{TEXT}\"\n")
    arts, refs = split(read_inputs([str(big)], max_bytes=1000))
    assert [r.reason for r in refs] == ["too-large"] and len(arts) == 1


def test_json_lines_bad_lines_each_get_a_reason(tmp_path):
    lines = [json.dumps({"id": "ok1", "text": TEXT}).encode(), b"[1, 2]", b"{not json",
             json.dumps({"id": "big", "text": "z" * 3000}).encode(),
             json.dumps({"id": "mixed", "text": "Réunion à Genève: " + TEXT}, ensure_ascii=False).encode().replace(
                 "Genève".encode(), "Genève".encode("cp1252")),
             b"\x9c\x00\x01\xfe\x00 binary line",
             json.dumps({"id": "ok2", "text": TEXT + " Second."}).encode(),
             b'{"id": "cut", "text": "Rebels attacked the']
    path = write(tmp_path / "in.jsonl", b"\n".join(lines))
    arts, refs = split(read_inputs([str(path)], max_bytes=2000))
    assert [a.id for a in arts] == ["ok1", "mixed", "ok2"]
    assert arts[1].meta["encoding"] == "utf-8+cp1252" and "Genève" in arts[1].text
    assert [(r.record, r.reason) for r in refs] == [("line 2", "not-object"), ("line 3", "bad-json"),
                                                    ("line 4", "too-large"), ("line 6", "binary"),
                                                    ("line 8", "truncated")]


def test_json_arrays_and_objects(tmp_path):
    arr = write(tmp_path / "a.json", json.dumps([{"id": "j1", "text": TEXT}, 5, {"id": "j3", "text": TEXT + " Again."}]))
    arts, refs = split(read_inputs([str(arr)]))
    assert [a.id for a in arts] == ["j1", "j3"] and [(r.record, r.reason) for r in refs] == [("item 1", "not-object")]
    lines_named_json = write(tmp_path / "b.json", jsonl(2).decode())
    assert [a.id for a in read_inputs([str(lines_named_json)])] == ["r0", "r1"]


def test_stdin_and_globs(tmp_path, store_path):
    write(tmp_path / "g" / "one.html", PAGES[4].html)
    write(tmp_path / "g" / "two.html", PAGES[5].html)
    titles = [a.title for a in read_inputs([str(tmp_path / "g" / "*.html")])]
    assert titles == [PAGES[4].title, PAGES[5].title]
    proc = subprocess.run([sys.executable, "-m", "parley", "--store", store_path, "ingest", "-"],
                          input=gzip.compress(jsonl(3)), capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"3 stored" in proc.stderr


def test_reader_calls_without_a_context_still_work(tmp_path):
    """read_stream(stream, source, size, max_bytes) and READERS[fmt](stream, source), as
    callers outside parley.ingest use them."""
    from parley.ingest import READERS

    data = jsonl(2) + json.dumps({"id": "big", "text": "x" * 5000}).encode() + b"\n"
    items = list(read_stream(io.BytesIO(data), "in.jsonl", len(data), 1000))
    assert [getattr(i, "id", None) or i.reason for i in items] == ["r0", "r1", "too-large"]
    assert items[0].language == "en"
    assert [a.id for a in READERS["jsonl"](io.BytesIO(jsonl(1)), "x.jsonl")] == ["r0"]
    page = READERS["html"](io.BytesIO(PAGES[1].html.encode()), "p.html")
    assert next(iter(page)).title == PAGES[1].title
