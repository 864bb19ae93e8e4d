"""Patterns that real pages of major news sites show, each rebuilt in a small page of our own
(every story, name and site below is invented, apart from the known hosts' names): wire
services credited as publisher, sections and handles as site names, decorated and truncated
headlines, placeholder dates, Java-style dates, month names in URLs, dates in <title>, share
bars, newsletter boxes and hover cards inside the article, article text in a paywall box, and
live blogs whose updates only JSON-LD carries."""
from __future__ import annotations

import io
import json

from parley.ingest import read_stream
from parley.ingest.htmlsite import choose_outlet, clean_outlet, undecorate, usable_site_name
from parley.ingest.published import parse_published, to_utc, utc_offset
from parley.ingest.streams import ReadContext
from parley.schema import Article

PARAS = [
    "The river authority said on Tuesday that the northern dam would stay closed to barge traffic for at least "
    "another week while engineers inspect the damaged spillway gates.",
    "Shipping companies have asked the authority for a temporary channel, saying that grain cargoes worth "
    "several million dollars are waiting downstream of the closure.",
    "An engineer who has worked on the dam for two decades said the inspection could not be rushed because "
    "the gates carry the weight of the entire reservoir.",
    "The authority promised a further statement on Friday, once the divers have finished their survey of the "
    "lower sluices and the concrete apron.",
]


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def page(head: str = "", body: str | None = None, article_extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS) if body is None else body
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>'
            f'<header><nav><a href="/">Home</a></nav></header><main><article>'
            f'<h1>Dam stays closed to barges</h1>{paras}{article_extra}</article></main>'
            f'<footer><p>Copyright notice of the site.</p></footer></body></html>')


def read(html: str, url: str | None = None) -> Article:
    ctx = ReadContext(url=url) if url else ReadContext()
    (item,) = list(read_stream(io.BytesIO(html.encode("utf-8")), "page.html", ctx=ctx))
    assert isinstance(item, Article), item
    return item


# -- outlet ------------------------------------------------------------------------------
def test_known_host_wins_over_a_credited_wire_service():
    head = (ld({"@type": "NewsArticle", "headline": "Dam stays closed to barges",
                "publisher": {"@type": "Organization", "name": "Associated Press"}})
            + '<meta property="og:site_name" content="Houston Chronicle">')
    a = read(page(head), url="https://www.chron.com/news/article/dam-stays-closed-123.php")
    assert a.outlet == "Houston Chronicle" and a.meta["sources"]["outlet"] == "meta:og:site_name"


def test_known_host_wins_over_a_section_given_as_site_name():
    head = '<meta property="og:site_name" content="U.S."><meta property="og:title" content="Dam stays closed">'
    a = read(page(head), url="https://www.reuters.com/article/us-dam-idUSKBN0000")
    assert a.outlet == "Reuters" and a.meta["sources"]["outlet"] == "url"


def test_unknown_host_site_name_beats_a_syndication_credit_and_slugs_or_handles_lose():
    site = [("Metro Wire Service", "json-ld"), ("The Daily Lantern", "meta:og:site_name")]
    assert choose_outlet(site, None) == ("The Daily Lantern", "meta:og:site_name")
    slug = [("The Daily Lantern", "json-ld"), ("dailylantern", "meta:og:site_name")]
    assert choose_outlet(slug, None) == ("The Daily Lantern", "json-ld")
    assert not usable_site_name("@dailylantern") and not usable_site_name("Hosted")
    assert not usable_site_name("World", ["World"]) and usable_site_name("lantern.example")
    assert choose_outlet([("@dailylantern", "meta:og:site_name")], None) is None


def test_outlet_spellings_are_folded_onto_one():
    assert clean_outlet("TheHill") == "The Hill"
    assert clean_outlet("CTVNews") == "CTV News"
    assert clean_outlet("Express.co.uk") == "Daily Express"
    assert clean_outlet("The Daily Lantern | DailyLantern.example") == "The Daily Lantern"
    a = read(page('<meta property="og:site_name" content="usatoday">'
                  + ld({"@type": "NewsArticle", "publisher": {"name": "USA TODAY"}, "headline": "Dam stays closed"})))
    assert a.outlet == "USA Today"


# -- title -------------------------------------------------------------------------------
def test_decorated_and_truncated_headlines_give_way_to_the_bare_version():
    head = (ld({"@type": "NewsArticle", "headline": "Dam stays closed to barges | TheLantern"})
            + '<meta property="og:site_name" content="The Lantern">')
    assert read(page(head)).title == "Dam stays closed to barges"
    head = '<meta property="og:title" content="Dam stays closed to barges | Editorial">'
    assert read(page(head)).title == "Dam stays closed to barges"
    head = ld({"@type": "NewsArticle", "headline": "Dam stays closed to barges while engineers..."})
    body = "<h1>Dam stays closed to barges while engineers inspect the spillway</h1>" + "".join(
        f"<p>{p}</p>" for p in PARAS)
    html = page(head, body=body).replace("<h1>Dam stays closed to barges</h1>", "")
    assert read(html).title == "Dam stays closed to barges while engineers inspect the spillway"
    assert undecorate(["A headline of some length", "A headline of some length | Jane Writer"]) == [0, 0]
    assert undecorate(["Talks: the view from the capital", "Talks"]) == [0, 1]  # no separator: not decoration


def test_site_and_section_suffixes_with_a_date_are_stripped_and_the_date_is_used():
    head = "<title>Dam stays closed to barges - 07.12.2017 - THE LANTERN</title>"
    a = read(page(head).replace("<h1>Dam stays closed to barges</h1>", ""))
    assert a.title == "Dam stays closed to barges"  # a date segment ends the headline, whatever follows
    assert a.published == "2017-12-07" and a.meta["published_from"] == "html:title"


# -- dates -------------------------------------------------------------------------------
def test_placeholder_json_ld_date_gives_way_to_the_url():
    head = ld({"@type": "NewsArticle", "headline": "Dam stays closed", "datePublished": "0001-01-01T00:00:00Z"})
    a = read(page(head), url="https://lantern.example/story/news/2024/05/20/dam-closed/123/")
    assert a.published == "2024-05-20" and a.meta["published_from"] == "url"


def test_month_names_in_url_paths():
    a = read(page(), url="https://lantern.example/world/2024/may/21/dam-stays-closed")
    assert a.published == "2024-05-21"


def test_java_style_dates_and_utc_offsets_are_kept_beside_the_written_date():
    head = ld({"@type": "NewsArticle", "headline": "Dam stays closed", "datePublished": "Tue Jan 28 15:28:56 CET 2020"})
    a = read(page(head))
    assert a.published == "2020-01-28" and a.published_time == "15:28"
    assert a.meta["published_utc_offset"] == "+01:00" and a.meta["published_utc"] == "2020-01-28T14:28Z"
    head = '<meta property="article:published_time" content="2019-11-19T22:30:00-05:00">'
    a = read(page(head))
    assert (a.published, a.published_time) == ("2019-11-19", "22:30")  # the day as the page wrote it...
    assert a.meta["published_utc"] == "2019-11-20T03:30Z"  # ...and the UTC time, which is the next day
    assert parse_published("Wed Nov 20 2019 08:00:58 GMT+0000")[0] == "2019-11-20"
    assert utc_offset("2019-11-20T11:06:01+05:30") == "+05:30" and utc_offset("2019-11-20") is None
    assert utc_offset("19 Nov 2019 07:09 GMT") == "+00:00" and utc_offset("2016-02-01 01:28:49") is None
    assert to_utc("2019-11-20", "01:00", "+05:30") == "2019-11-19T19:30Z"


# -- body --------------------------------------------------------------------------------
def test_share_bars_newsletter_boxes_and_hover_cards_inside_the_article_are_removed():
    card = ('<span class="rollover-people"><a class="name" href="/p/ana">Ana Riverton</a>'
            '<span class="rollover-people-block"><a href="/x">Senate passes the harbour bill | Ports reopen</a> '
            'MORE</span></span>')
    body = (f"<p>{PARAS[0]}</p>"
            '<ul class="shareBar"><li class="shareTwitter">Share on Twitter</li><li class="shareFacebook">'
            "Share on Facebook</li></ul>"
            f"<p>The authority's chair, {card}, said the closure was regrettable but necessary for safety.</p>"
            f"<p>{PARAS[1]}</p>"
            '<div class="newsletter-form__wrapper"><h2>The Lantern Newsletter</h2><p>Sign up to get the best '
            "stories of the week in your inbox, as picked by our editors.</p></div>"
            f"<p>{PARAS[2]}</p><h2><span>Related</span></h2><p>{PARAS[3]}</p>")
    a = read(page(body=body))
    assert "The authority's chair, Ana Riverton, said the closure" in a.text
    for junk in ("Senate passes", "MORE", "Share on", "Newsletter", "Sign up", "Related"):
        assert junk not in a.text, junk
    assert a.text.rstrip().endswith(PARAS[3])


def test_article_text_served_in_a_paywall_box_is_kept_and_print_notices_dropped():
    body = (f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
            f'<div class="paywall"><p>{PARAS[2]}</p><p>{PARAS[3]}</p></div>'
            "<p>This copy is for your personal, non-commercial use only. To order copies visit the reprints desk.</p>"
            "<p>https://lantern.example/articles/dam-stays-closed-123</p>")
    a = read(page(body=body))
    assert PARAS[3] in a.text and "non-commercial" not in a.text and "https://" not in a.text


def test_live_blog_updates_from_json_ld_make_the_body():
    updates = [{"@type": "BlogPosting", "headline": f"Update {i}", "datePublished": f"2024-05-20T0{i}:00:00Z",
                "articleBody": PARAS[i]} for i in (3, 1, 2)]
    head = ld({"@type": "LiveBlogPosting", "headline": "Dam closure: live updates", "liveBlogUpdate": updates})
    a = read(page(head, body=f"<p>{PARAS[0][:90]}</p>"))
    assert a.meta["extractor"] == "json-ld-body"
    assert a.text.index(PARAS[1]) < a.text.index(PARAS[2]) < a.text.index(PARAS[3])  # in time order
    assert "Update 1" in a.text and a.meta["page_type"] == "liveblogposting"


def test_photo_captions_credits_bylines_and_read_more_lines_stay_out_of_the_body():
    body = (f"<p>{PARAS[0]}</p>"
            '<div class="image-caption"><img src="a.jpg"><p>Divers prepare to survey the lower sluices on Monday. '
            "Photograph: Lantern staff</p></div>"
            f"<p>{PARAS[1]}</p>"
            '<figure><img src="b.jpg"><figcaption>The spillway gates seen from the north bank.</figcaption></figure>'
            f'<p>{PARAS[2]}</p><p class="byline">By Jane Lantern</p>'
            '<p>Read more: Barge operators count the cost of the closure</p>'
            f"<p>{PARAS[3]}</p>")
    a = read(page(body=body))
    for junk in ("Divers prepare", "Photograph:", "seen from the north bank", "By Jane Lantern", "Read more"):
        assert junk not in a.text, junk
    assert a.text.count("\n\n") == 3  # the four paragraphs, apart
