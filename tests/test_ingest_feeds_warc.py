"""RSS/Atom feeds and WARC/ARC archives, with their broken variants."""
from __future__ import annotations

import gzip
import io

from ingest_fixtures import BILLION_LAUGHS, XXE, atom_feed, news_pages, rss_feed, warc_bytes, write

from parley.ingest import read_inputs, read_stream
from parley.ingest.streams import ReadContext
from parley.schema import Article, Refusal


def items_of(path) -> tuple[list[Article], list[Refusal]]:
    items = list(read_inputs([str(path)]))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Refusal)])


def test_rss_full_content(tmp_path):
    arts, refs = items_of(write(tmp_path / "wire.xml", rss_feed(full=True)))
    assert refs == [] and len(arts) == 3
    a = arts[0]
    assert a.title == "Talks round 1 ends without deal" and a.url == "https://news.example.org/story/1"
    assert (a.published, a.published_time) == ("2024-10-01", "09:11")
    assert a.meta["content"] == "full" and "needs_fetch" not in a.meta
    assert a.text.startswith("Negotiators met again on Tuesday") and "Item 1." in a.text
    assert a.meta["author"] == "Staff 1" and a.meta["categories"] == ["Diplomacy"]
    assert a.outlet == "Example Wire" and a.meta["sources"]["outlet"] == "feed"
    assert a.meta["format"] == "rss" and a.source_record == "entry 1 https://news.example.org/story/1"
    assert a.language == "en"


def test_rss_summary_only_records_the_link_for_fetching(tmp_path):
    arts, refs = items_of(write(tmp_path / "wire.rss", rss_feed(full=False)))
    assert refs == [] and len(arts) == 3
    assert all(a.meta["content"] == "summary" for a in arts)
    assert arts[1].meta["needs_fetch"] == "https://news.example.org/story/2"
    assert arts[1].text == "Delegations met for round 2 of the prisoner talks; no agreement was reached."


def test_atom_content_and_summary(tmp_path):
    arts, refs = items_of(write(tmp_path / "bulletin.atom", atom_feed()))
    assert refs == [] and [a.meta["content"] for a in arts] == ["full", "summary"]
    assert arts[0].text.startswith("Commanders on both sides") and "\n\n" in arts[0].text
    assert arts[0].published == "2024-11-04" and arts[0].meta["author"] == "Marta Silva"
    assert arts[1].published == "2024-11-05" and arts[1].meta["sources"]["published"] == "feed:updated"
    assert arts[0].meta["format"] == "atom"


def test_feed_entity_bombs_and_external_entities_are_refused_not_expanded(tmp_path):
    for name, data in (("bomb.xml", BILLION_LAUGHS), ("xxe.atom", XXE)):
        arts, refs = items_of(write(tmp_path / name, data))
        assert arts == [] and [r.reason for r in refs] == ["xml-entities"]
    # also when the feed is not UTF-8 on the wire
    arts, refs = items_of(write(tmp_path / "bomb16.xml", BILLION_LAUGHS.encode("utf-16")))
    assert [r.reason for r in refs] == ["xml-entities"]


def test_broken_feeds(tmp_path):
    cases = {
        "unclosed.xml": ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a',
                         None),
        "empty-feed.xml": ('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                           "empty"),
        "sitemap.xml": ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        '<url><loc>https://x.example/</loc></url></urlset>', "unsupported-format"),
        "garbage.xml": ("<?xml version='1.0'?><a><b></a>", "bad-xml"),
        "notxml.rss": ("this is not xml at all", "bad-xml"),
    }
    for name, (data, reason) in cases.items():
        arts, refs = items_of(write(tmp_path / name, data))
        assert refs, name
        if reason:
            assert [r.reason for r in refs] == [reason], (name, refs)
        else:  # feedparser's loose parser may recover the item; either way nothing crashes
            assert all(r.reason in ("bad-xml", "no-content", "empty") for r in refs)
    no_text = rss_feed(full=False).replace("<description>Delegations met for round 2 of the prisoner talks; "
                                           "no agreement was reached.</description>", "")
    arts, refs = items_of(write(tmp_path / "no-text.xml", no_text))
    assert len(arts) == 2 and [(r.reason, r.record) for r in refs] == [
        ("no-content", "entry 2 https://news.example.org/story/2")]
    assert "https://news.example.org/story/2" in refs[0].detail


PAGES = news_pages()


def test_warc_response_records_become_articles_with_url_and_date(tmp_path):
    pages = [(p.url or f"https://example.org/{p.name}", p.html) for p in PAGES[:4]]
    arts, refs = items_of(write(tmp_path / "crawl.warc", warc_bytes(pages)))
    assert [a.title for a in arts] == [p.title for p in PAGES[:4]]
    assert [a.published for a in arts] == [p.published for p in PAGES[:4]]
    a = arts[0]
    assert a.url == PAGES[0].url and a.meta["warc_target_uri"] == PAGES[0].url
    assert a.meta["warc_date"] and a.meta["warc_record_id"].startswith("<urn:uuid:")
    assert a.source_record == f"record 3 {PAGES[0].url}"  # warcinfo, request, response
    # requests and warcinfo are bookkeeping; the image and the 404 are refused with reasons
    assert sorted(r.reason for r in refs) == ["http-status", "unsupported-format"]
    assert any("image/png" in r.detail for r in refs)


def test_warc_gz_and_arc_like_compression(tmp_path):
    pages = [(f"https://example.org/{p.name}", p.html) for p in PAGES[4:7]]
    arts, refs = items_of(write(tmp_path / "crawl.warc.gz", warc_bytes(pages, gzip=True, extra=False)))
    assert refs == [] and [a.title for a in arts] == [p.title for p in PAGES[4:7]]


def test_truncated_warc_keeps_records_before_the_break(tmp_path):
    pages = [(f"https://example.org/{i}", p.html) for i, p in enumerate(PAGES[:5])]
    whole = warc_bytes(pages, extra=False)
    cut = whole[: len(whole) - 500]  # the last response record loses its end
    arts, refs = items_of(write(tmp_path / "cut.warc", cut))
    assert len(arts) == 4 and [r.reason for r in refs] == ["truncated"]
    assert refs[0].record.startswith("record ") and "https://example.org/4" in refs[0].record
    gz = warc_bytes(pages, gzip=True, extra=False)
    arts, refs = items_of(write(tmp_path / "cut.warc.gz", gz[: len(gz) * 3 // 4]))
    assert 2 <= len(arts) <= 4 and [r.reason for r in refs] == ["truncated"]
    assert [a.title for a in arts] == [p.title for p in PAGES[: len(arts)]]


def test_corrupt_warc_record_stops_the_archive_with_a_reason(tmp_path):
    pages = [(f"https://example.org/{i}", p.html) for i, p in enumerate(PAGES[:3])]
    whole = warc_bytes(pages, extra=False)
    second = whole.find(b"WARC/1.", whole.find(b"https://example.org/1"))
    broken = whole[:second] + b"GARBAGE NOT A RECORD\r\n\r\n" + whole[second:]
    arts, refs = items_of(write(tmp_path / "broken.warc", broken))
    assert [a.title for a in arts] == [PAGES[0].title]  # the record before the garbage is kept
    assert [r.reason for r in refs] == ["bad-record"] and refs[0].record == "record 5"  # warcinfo, request, response, request, then garbage


def test_warc_records_over_the_cap_are_refused_one_by_one(tmp_path):
    small = "<html><body><article><p>" + "The delegations met briefly and agreed to meet again. " * 3 + "</p></article></body></html>"
    big = "<html><body><article><p>" + "Long report paragraph about the talks. " * 400 + "</p></article></body></html>"
    data = warc_bytes([("https://e.org/1", small), ("https://e.org/2", big), ("https://e.org/3", small + " ")],
                      extra=False)
    items = list(read_stream(io.BytesIO(data), "mixed.warc", ctx=ReadContext(max_bytes=5000)))
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [("Article", None), ("Refusal", "too-large"), ("Article", None)]


def test_gzip_of_a_single_page_cut_short_is_refused_not_stored_half(tmp_path):
    data = gzip.compress(PAGES[0].html.encode())
    arts, refs = items_of(write(tmp_path / "page.html.gz", data[: len(data) // 2]))
    assert arts == [] and [r.reason for r in refs] == ["truncated"]
    arts, refs = items_of(write(tmp_path / "whole.html.gz", data))
    assert refs == [] and arts[0].title == PAGES[0].title
