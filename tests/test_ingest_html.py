"""HTML pages: title, date, outlet, author and body from common news layouts, with the source
of every field; the fallback extractor; encodings; language flags."""
from __future__ import annotations

import io
import json

import pytest
from ingest_fixtures import FRENCH, Page, news_pages, write

import parley.ingest.htmltext as htmltext
from parley.ingest import read_inputs, read_stream
from parley.ingest.htmlmeta import clean_title, parse_date, url_date
from parley.ingest.streams import ReadContext
from parley.schema import Article, Refusal

PAGES = news_pages()


def read_page(html: str | bytes, name: str = "page.html", **ctx) -> Article | Refusal:
    data = html.encode("utf-8") if isinstance(html, str) else html
    (item,) = list(read_stream(io.BytesIO(data), name, ctx=ReadContext(**ctx)))
    return item


def check(page: Page, a: Article) -> None:
    assert isinstance(a, Article), a
    assert a.title == page.title
    assert a.published == page.published
    assert a.outlet == page.outlet
    assert a.text.startswith(page.first)
    assert a.text.rstrip().endswith(page.last)
    for furniture in page.absent:
        assert furniture not in a.text, furniture
    assert a.meta.get("author") == page.author
    assert a.meta.get("published_from") == page.published_from
    assert a.language == "en"
    if page.url:
        assert a.url == page.url
    assert "\n\n" in a.text or page.name == "paywall"  # paragraphs kept apart


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_news_layouts(page: Page):
    a = read_page(page.html, page.name + ".html")
    check(page, a)
    assert a.meta["extractor"] == "trafilatura"
    assert a.meta["format"] == "html" and a.meta["encoding"] == "utf-8"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_fallback_extractor_reads_every_layout(page: Page, monkeypatch):
    monkeypatch.setattr(htmltext, "with_trafilatura", lambda tree, url: None)
    a = read_page(page.html, page.name + ".html")
    check(page, a)
    assert a.meta["extractor"] == "lxml-fallback"


def test_metadata_sources_are_recorded():
    nyt = read_page(PAGES[0].html)
    assert nyt.meta["sources"]["title"] == "json-ld"
    assert nyt.meta["sources"]["outlet"] == "json-ld"  # publisher given by @id reference, resolved
    assert nyt.meta["authors"] == ["Anna Kovacs", "David Brennan"]
    assert nyt.meta["categories"] == ["World"] and nyt.meta["tags"] == ["Prisoners of War"]
    assert nyt.meta["image"].endswith("talks-superJumbo.jpg")
    assert nyt.meta["canonical_url"] == nyt.url and nyt.meta["sources"]["canonical"] == "html:link"
    assert nyt.meta["paywalled"] is True and nyt.meta["language_declared"] == "en"
    assert nyt.published_time == "05:00"
    og = read_page(PAGES[8].html)
    assert og.meta["sources"] == {"canonical": "meta:og:url", "outlet": "meta:og:site_name", "title": "meta:og:title",
                                  "author": "meta:author", "published": "meta:article:published_time",
                                  "image": "meta:og:image", "language": "meta:og:locale"}
    assert og.meta["image"] == "https://northern-courier.example/img/referendum.jpg"  # made absolute
    byline = read_page(PAGES[9].html)
    assert byline.meta["sources"]["published"] == "text" and byline.meta["sources"]["author"] == "html:byline"
    assert byline.outlet is None  # unknown is null, not guessed from the <title>


def test_date_from_url_and_outlet_from_domain():
    html = ("<html><head><title>Shelling resumes near the dam</title></head><body><article><h1>Shelling resumes near "
            "the dam</h1><p>Artillery fire resumed overnight near the dam, local officials said, after two quiet "
            "days that had raised hopes of a lasting truce along this part of the front.</p>"
            "<p>Engineers inspecting the structure were forced to leave the site before finishing their work.</p>"
            "</article></body></html>")
    a = read_page(html, url="https://www.reuters.com/world/2024/03/07/shelling-resumes/")
    assert a.published == "2024-03-07" and a.meta["published_from"] == "url"
    assert a.outlet == "Reuters" and a.meta["sources"]["outlet"] == "url"
    assert a.url == "https://www.reuters.com/world/2024/03/07/shelling-resumes/"


def test_dates_titles_and_paywall_flags():
    assert parse_date("20240315") == ("2024-03-15", None)
    assert parse_date("20240315091200") == ("2024-03-15", "09:12")
    assert url_date("https://x.example/news/2024/8/12/slug").value == "2024-08-12"
    assert url_date("https://x.example/2023/13/45/slug") is None
    assert clean_title("Headline here | World news | The Guardian", "The Guardian") == "Headline here"
    assert clean_title("Headline - BBC News", None) == "Headline"
    assert clean_title("Talks - and what comes next", None) == "Talks - and what comes next"
    teaser = read_page(PAGES[7].html)
    assert teaser.meta["paywalled"] is True and "Subscribe" not in teaser.text


def test_non_english_page_is_stored_flagged_and_not_coded(cli, tmp_path, store_path):
    write(tmp_path / "in" / "fr.html", FRENCH)
    write(tmp_path / "in" / "en.html", PAGES[1].html)
    result = cli("ingest", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    from parley.store.db import Store

    with Store(store_path, read_only=True) as store:
        rows = dict(store.con.execute("SELECT language, status FROM articles").fetchall())
        fr_mentions = store.con.execute("SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                                        "WHERE a.language = 'fr'").fetchone()[0]
    assert rows == {"fr": "stored", "en": "coded"}
    assert fr_mentions == 0
    stats = json.loads(cli("stats", "--json").output)
    assert stats["languages"] == {"fr": 1, "en": 1} or stats["languages"] == {"en": 1, "fr": 1}
    text = cli("stats").output
    assert "fr 1" in text and "other languages are stored, not coded" in text


def test_encodings_are_detected_and_recorded():
    body = ("<p>Les négociateurs se sont réunis à Genève vendredi, selon des responsables des deux camps, "
            "pour discuter d’un cessez-le-feu.</p>")
    page = f"<html><head><title>Réunion à Genève</title></head><body><article>{body}{body}</article></body></html>"
    cp = read_page(page.encode("cp1252"))
    assert cp.meta["encoding"] == "cp1252" and "négociateurs" in cp.text and "d’un" in cp.text
    lying = read_page(page.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8"))
    assert lying.meta["encoding"] == "utf-8" and "Genève" in lying.text  # the bytes win over a wrong label
    utf8 = page.encode("utf-8")
    legacy = "<p>Le ministre a déclaré à Genève qu’il était prêt à reprendre les négociations.</p>".encode("cp1252")
    mixed = read_page(utf8.replace(b"</article>", legacy + b"</article>"))
    assert mixed.meta["encoding"] == "utf-8+cp1252" and mixed.text.count("Genève") == 2
    assert "déclaré à Genève qu’il était prêt" in mixed.text
    ru = "<html><body><p>" + "Переговорщики двух правительств встретились в пятницу в Женеве. " * 3 + "</p></body></html>"
    cyr = read_page(('<meta charset="windows-1251">' + ru).encode("cp1251"))
    assert cyr.meta["encoding"] == "cp1251" and "Женеве" in cyr.text and cyr.language == "ru"
    utf16 = read_page(page.encode("utf-16"))
    assert utf16.meta["encoding"] == "utf-16" and "Genève" in utf16.text


def test_html_records_in_json_lines_keep_their_own_fields(tmp_path):
    path = write(tmp_path / "pages.jsonl", json.dumps({"id": "p1", "html": PAGES[2].html, "outlet": "Wire copy"}) + "\n")
    (a,) = list(read_inputs([str(path)]))
    assert a.id == "p1" and a.outlet == "Wire copy" and a.title == PAGES[2].title
    assert a.meta["sources"]["outlet"] == "record" and a.published == "2024-05-20"
    assert a.text.startswith("KYIV, May 20 (Reuters)")


def test_pages_without_article_text_are_refused(tmp_path):
    nav_only = "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><footer>©</footer></body></html>"
    r = read_page(nav_only)
    assert isinstance(r, Refusal) and r.reason == "no-content"
    assert read_page("<html><body>   </body></html>").reason == "no-content"
    assert read_page("   \n").reason == "empty"


def test_real_world_quirks_cms_titles_entities_repeated_authors_labelled_dates():
    body = ("<p>The ceasefire commission met in the border town on Wednesday and agreed a timetable for "
            "the exchange of detainees, according to the chairman.</p><p>Both delegations said they would "
            "report back to their governments before the next session at the end of the month.</p>")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "escenic",
          "author": [{"@type": "Person", "name": "Rosa Lind"}, {"@type": "Organization", "name": "Daily Wire Example"},
                     {"@type": "Person", "name": "Rosa Lind"}, {"@type": "Person", "name": "17 April 2012"}],
          "publisher": {"@type": "Organization", "name": "Daily Wire Example"}}
    html = (f'<html><head><meta property="og:title" content="Commission agrees detainee timetable | DWE | 10.06.2013">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
            f'<h1>Commission agrees detainee timetable</h1>{body}<ul><li><strong>Date</strong> 10.06.2013</li>'
            f'<li><strong>Author</strong> Rosa Lind</li></ul></article></body></html>')
    a = read_page(html.replace("Commission agrees detainee timetable | DWE",
                               "Commission agrees detainee&#39;s timetable | Daily Wire Example"))
    assert a.title == "Commission agrees detainee's timetable"  # not 'escenic', entity decoded, suffixes gone
    assert a.meta["sources"]["title"] == "meta:og:title"
    assert a.meta["authors"] == ["Rosa Lind"]
    assert (a.published, a.meta["published_from"]) == ("2013-06-10", "text")
    assert a.text.startswith("The ceasefire commission met")
