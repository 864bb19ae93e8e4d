"""Inputs for the ingest tests, built by the tests themselves (texts written for parley).

Pages imitate the layouts of major news sites (JSON-LD NewsArticle, OpenGraph-only,
bylines and related-links boxes, AMP, paywall teasers, div-paragraph bodies); every story,
name and place in them is invented. Each page comes with what a reader must find in it.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Page:
    name: str
    html: str
    title: str
    published: str
    outlet: str | None
    first: str  # the body starts with this
    last: str  # ... and contains this (its last paragraph)
    absent: list[str] = field(default_factory=list)  # boilerplate that must not be in the body
    author: str | None = None
    published_from: str | None = None
    url: str | None = None


def _ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


NYT_PARAS = [
    "Negotiators for the two governments failed on Thursday to agree on the lists of prisoners each side "
    "would release, stalling a ceasefire plan that mediators had described as close to done only a week ago.",
    "Officials familiar with the talks, who spoke on condition of anonymity to discuss private deliberations, "
    "said the dispute centered on roughly two hundred detainees whom one side describes as soldiers and the "
    "other as civilians.",
    "The foreign minister said on Friday that his government remained ready to sign the plan if the lists "
    "were settled, but warned that it would not accept new conditions added at the last minute.",
    "Mediators plan to reconvene the delegations next week in the same lakeside hotel where the first round "
    "was held in January.",
]


def nyt_like() -> Page:
    url = "https://www.nytimes.com/2024/03/15/world/europe/ceasefire-prisoner-lists.html"
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ceasefire Talks Stall Over Prisoner Lists",
               "description": "A dispute over detainees has held up a plan mediators called nearly finished.",
               "image": [{"@type": "ImageObject", "url": "https://static01.nyt.com/images/2024/03/15/talks-superJumbo.jpg"}],
               "mainEntityOfPage": url, "url": url, "inLanguage": "en",
               "author": [{"@type": "Person", "name": "Anna Kovacs", "url": "https://www.nytimes.com/by/anna-kovacs"},
                          {"@type": "Person", "name": "David Brennan"}],
               "datePublished": "2024-03-15T05:00:12.000Z", "dateModified": "2024-03-16T11:20:40.000Z",
               "publisher": {"@id": "https://www.nytimes.com/#publisher"}, "isAccessibleForFree": False,
               "articleSection": "World"}
    org = {"@context": "https://schema.org", "@type": "NewsMediaOrganization", "name": "The New York Times",
           "@id": "https://www.nytimes.com/#publisher", "url": "https://www.nytimes.com/"}
    p = NYT_PARAS
    html = f"""<!DOCTYPE html><html lang="en" class="story nytapp-vi-article"><head><meta charset="utf-8">
<title>Ceasefire Talks Stall Over Prisoner Lists - The New York Times</title>
<meta data-rh="true" property="og:url" content="{url}"><meta data-rh="true" property="og:type" content="article">
<meta data-rh="true" property="og:title" content="Ceasefire Talks Stall Over Prisoner Lists">
<meta data-rh="true" property="og:image" content="https://static01.nyt.com/images/2024/03/15/talks-facebookJumbo.jpg">
<meta data-rh="true" name="byl" content="By Anna Kovacs and David Brennan"><meta data-rh="true" name="pdate" content="20240315">
<meta data-rh="true" property="article:published_time" content="2024-03-15T05:00:12.000Z">
<meta data-rh="true" property="article:section" content="World">
<meta data-rh="true" property="article:tag" content="Prisoners of War">
<link data-rh="true" rel="canonical" href="{url}">{_ld(article)}{_ld(org)}
</head><body><div id="app"><header class="css-1cn3fde"><nav><a href="/section/world">World</a> <a href="/section/us">U.S.</a>
<a href="/section/politics">Politics</a> <a href="/section/business">Business</a></nav>
<a href="/subscription">Subscribe for $1 a week</a></header>
<main id="site-content"><article id="story" class="meteredContent css-1ygdjhk">
<header><h1 data-testid="headline">Ceasefire Talks Stall Over Prisoner Lists</h1>
<p id="article-summary">A dispute over detainees has held up a plan mediators called nearly finished.</p>
<figure><img src="/images/talks.jpg" alt=""><figcaption><span>Delegates left the hotel after the session ended without a deal.</span>
<span>Credit...Photographer Name for The New York Times</span></figcaption></figure>
<div class="css-byline"><p itemprop="author"><span>By</span> <a href="/by/anna-kovacs">Anna Kovacs</a> and <a href="/by/david-brennan">David Brennan</a></p>
<time datetime="2024-03-15T01:00:12-04:00">March 15, 2024</time></div></header>
<section name="articleBody" itemprop="articleBody">
<div class="StoryBodyCompanionColumn"><div><p class="css-at9mc1 evys1bk0">{p[0]}</p><p class="css-at9mc1 evys1bk0">{p[1]}</p></div></div>
<div id="story-ad-1-wrapper" class="css-ad"><div><p>Advertisement</p></div><a href="#after-story-ad-1">SKIP ADVERTISEMENT</a></div>
<div class="StoryBodyCompanionColumn"><div><p class="css-at9mc1 evys1bk0">{p[2]}</p><p class="css-at9mc1 evys1bk0">{p[3]}</p></div></div>
</section>
<div class="bottom-of-article"><p>A version of this article appears in print on March 16, 2024, Section A, Page 8 of the New York edition.</p>
<a href="/reprints">Order Reprints</a> | <a href="/paper">Today's Paper</a> | <a href="/subscribe">Subscribe</a></div>
</article><aside class="related"><h2>Related Content</h2><ul><li><a href="/a">Earlier Round of Talks Ended Without Agreement on Detainees</a></li>
<li><a href="/b">Who Are the Mediators Trying to End the War?</a></li></ul></aside></main>
<footer><p>© 2024 The New York Times Company</p><a href="/privacy">Privacy Policy</a></footer></div></body></html>"""
    return Page("nyt", html, "Ceasefire Talks Stall Over Prisoner Lists", "2024-03-15", "The New York Times",
                p[0][:60], p[3], ["SKIP ADVERTISEMENT", "Order Reprints", "Who Are the Mediators", "Credit...",
                                  "Subscribe for $1"], "Anna Kovacs; David Brennan", "json-ld", url)


BBC_PARAS = [
    "Delegations from the government and the main rebel alliance have arrived in Doha for a fresh round of "
    "talks aimed at extending a fragile truce that expires at the end of the week.",
    "Qatari officials said the sessions would begin on Wednesday morning and could last several days, with "
    "humanitarian access to the besieged northern towns at the top of the agenda.",
    "A spokesman for the rebel alliance told the BBC that his side would not discuss disarmament until aid "
    "convoys had been allowed through for at least a month.",
    "The government has previously rejected any link between aid deliveries and the wider negotiations.",
]


def bbc_like() -> Page:
    url = "https://www.bbc.com/news/articles/c4ng2kq7x9zo"
    ld = {"@context": "http://schema.org", "@type": "ReportageNewsArticle", "url": url,
          "publisher": {"@type": "NewsMediaOrganization", "name": "BBC News",
                        "logo": {"@type": "ImageObject", "url": "https://www.bbc.com/logo.png"}},
          "datePublished": "2024-04-02T14:05:31.000Z", "dateModified": "2024-04-02T16:40:00.000Z",
          "headline": "Envoys gather in Doha for new round of truce talks",
          "image": {"@type": "ImageObject", "url": "https://ichef.bbci.co.uk/news/1024/doha-talks.jpg"},
          "author": [{"@type": "Person", "name": "Lina Haddad"}], "mainEntityOfPage": url}
    p = BBC_PARAS
    html = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Envoys gather in Doha for new round of truce talks - BBC News</title>
<meta name="description" content="Talks aim to extend a truce that expires at the end of the week.">
<meta property="og:title" content="Envoys gather in Doha for new round of truce talks"><meta property="og:site_name" content="BBC News">
<meta property="og:url" content="{url}"><meta property="og:image" content="https://ichef.bbci.co.uk/news/1024/doha-talks.jpg">
<meta name="twitter:site" content="@BBCWorld"><link rel="canonical" href="{url}">{_ld(ld)}</head>
<body><header role="banner"><nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a><a href="/weather">Weather</a></nav></header>
<div id="main-wrapper"><main id="main-content" role="main"><article>
<header data-component="headline-block"><h1 id="main-heading">Envoys gather in Doha for new round of truce talks</h1></header>
<div data-component="byline-block"><time datetime="2024-04-02T14:05:31.000Z">2 April 2024</time>
<div><span>Lina Haddad</span><span>BBC News, Doha</span></div></div>
<div data-component="image-block"><figure><img src="/doha.jpg" alt=""><figcaption>Image caption, Delegations arrived at the venue on Tuesday evening</figcaption></figure></div>
<div data-component="text-block"><p><b>{p[0]}</b></p></div>
<div data-component="text-block"><p>{p[1]}</p></div>
<div data-component="links-block"><ul><li><a href="/news/x">Truce holds for a third week despite clashes</a></li></ul></div>
<div data-component="text-block"><p>{p[2]}</p></div>
<div data-component="text-block"><p>{p[3]}</p></div>
<div data-component="tags"><h2>Related topics</h2><ul><li><a href="/t/qatar">Qatar</a></li><li><a href="/t/me">Middle East</a></li></ul></div>
</article><section data-component="related-content"><h2>More on this story</h2><ul><li><a href="/y">Aid convoy reaches northern town after weeks of delay</a></li></ul></section>
</main></div><footer><p>Copyright 2024 BBC. All rights reserved. The BBC is not responsible for the content of external sites.</p></footer></body></html>"""
    return Page("bbc", html, "Envoys gather in Doha for new round of truce talks", "2024-04-02", "BBC News",
                p[0][:60], p[3], ["Image caption", "More on this story", "Copyright 2024 BBC",
                                  "Aid convoy reaches northern town"], "Lina Haddad", "json-ld", url)


REUTERS_PARAS = [
    "KYIV, May 20 (Reuters) - Ukraine will not send a delegation to next month's peace summit unless "
    "its allies first agree on written security guarantees, a senior presidential adviser said on Monday.",
    "The adviser, speaking at a briefing in the capital, said previous assurances had proved worthless and "
    "that any new arrangement had to include binding commitments on air defence.",
    "Moscow has said it will not attend the summit and has dismissed it as a gathering designed to produce "
    "an ultimatum rather than a negotiation.",
    "The summit organisers said invitations had been sent to more than ninety governments and that the "
    "agenda would focus on nuclear safety, food security and the return of prisoners.",
]


def reuters_like() -> Page:
    url = "https://www.reuters.com/world/europe/kyiv-says-it-will-not-attend-summit-without-guarantees-2024-05-20/"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Kyiv says it will not attend summit without security guarantees",
          "dateCreated": "2024-05-20T09:41:27Z", "datePublished": "2024-05-20T09:41:27Z",
          "dateModified": "2024-05-20T12:02:11Z",
          "author": [{"@type": "Person", "name": "Pavel Lysenko", "url": "https://www.reuters.com/authors/pavel-lysenko/"}],
          "publisher": {"@type": "Organization", "name": "Reuters"}, "isAccessibleForFree": True,
          "articleSection": "Europe", "keywords": ["Ukraine", "Diplomacy"]}
    paras = "".join(f'<div data-testid="paragraph-{i}" class="text__text article-body__paragraph">{t}</div>'
                    for i, t in enumerate(REUTERS_PARAS[:2]))
    paras2 = "".join(f'<div data-testid="paragraph-{i + 2}" class="text__text article-body__paragraph">{t}</div>'
                     for i, t in enumerate(REUTERS_PARAS[2:]))
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kyiv says it will not attend summit without security guarantees | Reuters</title>
<meta property="og:site_name" content="Reuters"><meta property="og:title" content="Kyiv says it will not attend summit without security guarantees">
<meta name="article:published_time" content="2024-05-20T09:41:27Z"><meta name="article:author" content="Pavel Lysenko">
<meta property="og:article:section" content="Europe"><link rel="canonical" href="{url}">{_ld(ld)}</head>
<body><div id="fusion-app"><header class="site-header"><nav><a href="/world">World</a><a href="/business">Business</a><a href="/markets">Markets</a></nav></header>
<main><article class="article__container"><div class="article-header">
<nav aria-label="Tags"><a href="/world">World</a><a href="/world/europe">Europe</a></nav>
<h1 data-testid="Heading">Kyiv says it will not attend summit without security guarantees</h1>
<div class="article-info"><div data-testid="AuthorByline">By <a href="/authors/pavel-lysenko/">Pavel Lysenko</a></div>
<time datetime="2024-05-20T09:41:27Z"><span>May 20, 2024</span><span>9:41 AM UTC</span><span>Updated 3 hours ago</span></time></div></div>
<div class="article-body__content">{paras}
<div data-testid="promo-box" class="promo"><p>Sign up here.</p></div>{paras2}
<div class="trust-badge"><p>Our Standards: The Thomson Reuters Trust Principles.</p></div></div></article>
<div class="related-coverage"><h2>Read Next</h2><a href="/z">Grain exports rise as shipping corridor holds</a></div></main></div></body></html>"""
    return Page("reuters", html, "Kyiv says it will not attend summit without security guarantees", "2024-05-20",
                "Reuters", "KYIV, May 20 (Reuters) - Ukraine will not send", REUTERS_PARAS[3],
                ["Sign up here", "Grain exports rise", "Read Next"], "Pavel Lysenko", "json-ld", url)


AP_PARAS = [
    "PORT SALIM (AP) — Government forces and rebel fighters agreed Monday to a 72-hour pause in fighting "
    "around the port city so that food and fuel could be delivered, a regional mediator said.",
    "The pause is due to begin at midnight and covers the harbour district and the two main roads leading "
    "inland, where most of the shelling has been concentrated since April.",
    "Rebel commanders said they would respect the pause but accused the army of moving artillery closer to "
    "the city in the hours before the announcement, a charge the military denied.",
    "Aid agencies said the window was too short to reach every neighbourhood but welcomed it as a first step.",
]


def ap_like() -> Page:
    url = "https://apnews.com/article/port-salim-pause-fighting-aid-7a1c2e9b0d"
    ld = [{"@context": "http://schema.org", "@type": "NewsArticle",
           "headline": "Rebels and army agree to 72-hour pause in fighting around port city",
           "author": ["Sam Okoro"], "datePublished": "2024-06-03T16:22:10Z", "dateModified": "2024-06-03T18:00:00Z",
           "publisher": {"@type": "Organization", "name": "AP News"}, "mainEntityOfPage": url}]
    p = AP_PARAS
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Rebels and army agree to 72-hour pause in fighting around port city | AP News</title>
<meta property="og:site_name" content="AP News"><meta property="og:title" content="Rebels and army agree to 72-hour pause in fighting around port city">
<meta property="article:published_time" content="2024-06-03T16:22:10"><meta name="author" content="By Sam Okoro">
<link rel="canonical" href="{url}">{_ld(ld)}</head>
<body><div class="Page-header"><nav><a href="/world-news">World</a><a href="/us-news">U.S.</a><a href="/politics">Politics</a></nav></div>
<main class="Page-main"><div class="Page-lead"><h1 class="Page-headline">Rebels and army agree to 72-hour pause in fighting around port city</h1></div>
<div class="Page-byline"><div class="Page-authors">By <a href="/author/sam-okoro">SAM OKORO</a></div>
<div class="Page-dateModified">Updated 6:00 PM GMT, June 3, 2024</div></div>
<div class="RichTextStoryBody RichTextBody"><p>{p[0]}</p><p>{p[1]}</p>
<div class="Enhancement"><div class="PagePromo"><p>Related: Aid workers describe shortages in besieged districts</p></div></div>
<p>{p[2]}</p><p>{p[3]}</p></div>
<div class="Page-storyFooter"><p>Copyright 2024 The Associated Press. All Rights Reserved.</p></div></main></body></html>"""
    return Page("ap", html, "Rebels and army agree to 72-hour pause in fighting around port city", "2024-06-03",
                "AP News", "PORT SALIM (AP) — Government forces", p[3],
                ["Related: Aid workers", "Copyright 2024 The Associated Press"], "Sam Okoro", "json-ld", url)


GUARDIAN_PARAS = [
    "Mediators have put forward a plan for a phased withdrawal of forces from the capital, as talks between "
    "the warring parties resumed in Jeddah after a six-week break.",
    "Under the proposal, both sides would pull heavy weapons back twenty kilometres within a fortnight, "
    "followed by the withdrawal of fighters from hospitals, schools and water stations.",
    "A member of one delegation said the plan was a reasonable basis for discussion, while the other side "
    "said it would respond only after consulting its field commanders.",
    "Previous agreements reached in the same city collapsed within days amid mutual accusations of violations.",
]


def guardian_like() -> Page:
    url = "https://www.theguardian.com/world/2024/jul/09/mediators-propose-phased-withdrawal-plan"
    ld = [{"@type": "NewsArticle", "@context": "https://schema.org", "@id": url,
           "publisher": {"@type": "Organization", "name": "The Guardian", "sameAs": "https://www.theguardian.com"},
           "isAccessibleForFree": True, "image": ["https://i.guim.co.uk/img/media/withdrawal.jpg"],
           "author": [{"@type": "Person", "name": "Ruth Mbeki", "sameAs": "https://www.theguardian.com/profile/ruth-mbeki"}],
           "datePublished": "2024-07-09T17:30:05.000Z", "headline": "Mediators propose phased withdrawal plan as talks resume",
           "dateModified": "2024-07-09T19:01:00.000Z", "mainEntityOfPage": url},
          {"@type": "WebPage", "@context": "https://schema.org", "@id": url}]
    p = GUARDIAN_PARAS
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Mediators propose phased withdrawal plan as talks resume | Sudan | The Guardian</title>
<meta property="og:site_name" content="the Guardian"><meta property="og:title" content="Mediators propose phased withdrawal plan as talks resume">
<meta property="article:published_time" content="2024-07-09T17:30:05.000Z">
<meta property="article:author" content="https://www.theguardian.com/profile/ruth-mbeki"><meta name="author" content="Ruth Mbeki">
<meta property="article:section" content="World news"><meta property="article:tag" content="Sudan,Africa,World news">
<link rel="canonical" href="{url}">{_ld(ld)}</head>
<body><header><nav><a href="/">News</a><a href="/commentisfree">Opinion</a><a href="/sport">Sport</a><a href="/culture">Culture</a></nav></header>
<main><article><div data-gu-name="headline"><h1>Mediators propose phased withdrawal plan as talks resume</h1></div>
<div data-gu-name="standfirst"><p>Proposal would see heavy weapons pulled back from the capital within two weeks</p></div>
<div data-gu-name="meta"><address aria-label="Contributor info"><a rel="author" href="/profile/ruth-mbeki">Ruth Mbeki</a> in Jeddah</address>
<details><summary>Tue 9 Jul 2024 18.30 BST</summary></details></div>
<div id="maincontent"><div class="article-body-commercial-selector article-body-viewer-selector">
<p>{p[0]}</p><p>{p[1]}</p>
<aside data-gu-name="rich-link"><p>Related: Fighting flares on the outskirts despite promised truce</p></aside>
<p>{p[2]}</p><p>{p[3]}</p></div></div>
<footer><p>© 2024 Guardian News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer></article></main></body></html>"""
    return Page("guardian", html, "Mediators propose phased withdrawal plan as talks resume", "2024-07-09",
                "The Guardian", p[0][:60], p[3], ["Related: Fighting flares", "Guardian News & Media Limited"],
                "Ruth Mbeki", "json-ld", url)


ALJ_PARAS = [
    "Talks on a new prisoner exchange between the two countries will resume next week in Istanbul, "
    "officials from both governments have said, after a month in which contacts were suspended.",
    "The last exchange, in June, saw ninety-five captives returned by each side following mediation by "
    "Turkey and the United Arab Emirates.",
    "Families of those still held have staged weekly protests in the capital demanding faster progress, "
    "and some have accused officials of using detainees as bargaining chips.",
    "Neither government has published a list of the people it is seeking to have released.",
]


def aljazeera_like() -> Page:
    url = "https://www.aljazeera.com/news/2024/8/12/talks-on-prisoner-exchange-to-resume-next-week"
    ld = {"@context": "http://schema.org", "@graph": [
        {"@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage", "@id": url},
         "headline": "Talks on prisoner exchange to resume next week, officials say",
         "datePublished": "2024-08-12T10:15:43Z", "dateModified": "2024-08-12T10:15:43Z",
         "author": [{"@type": "Person", "name": "Al Jazeera Staff"}],
         "publisher": {"@type": "Organization", "name": "Al Jazeera"},
         "image": {"@type": "ImageObject", "url": "https://www.aljazeera.com/wp-content/uploads/2024/08/talks.jpg"}}]}
    p = ALJ_PARAS
    html = f"""<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">
<title>Talks on prisoner exchange to resume next week, officials say | Russia-Ukraine war News | Al Jazeera</title>
<meta property="og:site_name" content="Al Jazeera"><meta property="og:title" content="Talks on prisoner exchange to resume next week, officials say">
<meta name="publishedDate" content="2024-08-12T10:15:43"><link rel="canonical" href="{url}">{_ld(ld)}</head>
<body><header class="site-header"><nav><a href="/news/">News</a><a href="/middle-east/">Middle East</a><a href="/explained/">Explained</a></nav></header>
<main id="main-content-area"><header class="article-header"><h1>Talks on prisoner exchange to resume next week, officials say</h1>
<p class="article__subhead"><em>Contacts were suspended for a month after the last swap in June.</em></p></header>
<div class="article-info-block"><div class="article-author-name">By <a href="/author/staff">Al Jazeera Staff</a></div>
<div class="article-dates"><div class="date-simple"><span class="screen-reader-text">Published On 12 Aug 2024</span><span aria-hidden="true">12 Aug 2024</span></div></div></div>
<figure class="article-featured-image"><img src="/talks.jpg"><figcaption>Relatives hold photographs of detained soldiers [File: Reuters]</figcaption></figure>
<div class="wysiwyg wysiwyg--all-content"><p>{p[0]}</p><p>{p[1]}</p>
<div class="more-on"><h2>More on this</h2><ul><li><a href="/q">Prisoner swap brings relief to families</a></li></ul></div>
<p>{p[2]}</p><div class="article-newsletter-slot"><p>Sign up for Al Jazeera Breaking News Alerts</p></div><p>{p[3]}</p></div>
<p class="article-source">Source: Al Jazeera and news agencies</p></main>
<footer><p>© 2024 Al Jazeera Media Network</p></footer></body></html>"""
    return Page("aljazeera", html, "Talks on prisoner exchange to resume next week, officials say", "2024-08-12",
                "Al Jazeera", p[0][:60], p[3], ["Prisoner swap brings relief", "Sign up for Al Jazeera",
                                                "Relatives hold photographs"], "Al Jazeera Staff", "json-ld", url)


def amp_like() -> Page:
    url = "https://www.example-herald.com/world/2024/09/02/border-talks.html"
    paras = ["Border commanders from the two armies met at a crossing point on Monday for the first direct "
             "contact in over a year, according to a statement issued afterwards by the mediators.",
             "The statement said both sides had agreed to restore a telephone hotline between local headquarters "
             "and to notify each other of large exercises near the frontier.",
             "Residents of the frontier villages, many of whom left during the shelling last winter, said they "
             "would wait for a lasting agreement before returning home."]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Border commanders agree to restore hotline",
          "datePublished": "2024-09-02T08:00:00+02:00", "publisher": {"@type": "Organization", "name": "Example Herald"},
          "author": {"@type": "Person", "name": "Marta Silva"}}
    html = f"""<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8"><title>Border commanders agree to restore hotline</title>
<link rel="canonical" href="{url}"><meta name="viewport" content="width=device-width">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{{visibility:hidden}}</style>{_ld(ld)}</head>
<body><amp-sidebar id="sidebar" layout="nodisplay"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></amp-sidebar>
<header class="amp-header"><a href="/">Example Herald</a></header>
<article><h1>Border commanders agree to restore hotline</h1><amp-img src="/hotline.jpg" width="800" height="450" layout="responsive"></amp-img>
<p class="byline">By Marta Silva</p><div class="amp-article-body"><p>{paras[0]}</p><amp-ad width="300" height="250" type="doubleclick"></amp-ad>
<p>{paras[1]}</p><p>{paras[2]}</p></div></article><amp-analytics type="gtag"></amp-analytics></body></html>"""
    return Page("amp", html, "Border commanders agree to restore hotline", "2024-09-02", "Example Herald",
                paras[0][:60], paras[2], ["Home"], "Marta Silva", "json-ld", url)


def paywall_teaser() -> Page:
    teaser = ("Officials from both governments have held at least three secret meetings in a neutral capital "
              "since the summer, according to four people briefed on the contacts.")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Secret channel opened between rival capitals",
          "datePublished": "2024-10-01T06:00:00Z", "isAccessibleForFree": "False",
          "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".paywall"},
          "publisher": {"@type": "Organization", "name": "The Example Ledger"}}
    html = f"""<html lang="en"><head><title>Secret channel opened between rival capitals | The Example Ledger</title>
<meta property="og:site_name" content="The Example Ledger"><meta property="article:published_time" content="2024-10-01T06:00:00Z">
<meta property="article:content_tier" content="locked">{_ld(ld)}</head>
<body><article><h1>Secret channel opened between rival capitals</h1><p class="teaser">{teaser}</p>
<div class="paywall"><p>Subscribe to continue reading</p><p>Already a subscriber? Log in</p><a href="/subscribe">Subscribe now for $1 a week</a></div>
</article></body></html>"""
    return Page("paywall", html, "Secret channel opened between rival capitals", "2024-10-01", "The Example Ledger",
                teaser[:60], teaser, ["Subscribe", "Already a subscriber"], None, "json-ld")


def opengraph_only() -> Page:
    paras = ["The regional parliament voted on Sunday to hold a referendum on the disputed boundary, defying a "
             "warning from the central government that any such vote would be illegal.",
             "The interior ministry said it would ask the constitutional court to annul the decision and "
             "threatened to suspend transfers to the regional budget.",
             "Opposition members walked out before the vote, saying the referendum question had been drafted "
             "without consulting them."]
    html = f"""<html><head><title>Regional parliament calls boundary referendum</title>
<meta property="og:title" content="Regional parliament calls boundary referendum"><meta property="og:site_name" content="Northern Courier">
<meta property="article:published_time" content="2024-02-11T19:45:00+01:00"><meta name="author" content="Erik Lund">
<meta property="og:locale" content="en_GB"><meta property="og:image" content="/img/referendum.jpg">
<meta property="og:url" content="https://northern-courier.example/politics/2024/02/11/referendum"></head>
<body><div class="content"><h1>Regional parliament calls boundary referendum</h1><div class="text">
<p>{paras[0]}</p><p>{paras[1]}</p><p>{paras[2]}</p></div></div></body></html>"""
    return Page("opengraph", html, "Regional parliament calls boundary referendum", "2024-02-11", "Northern Courier",
                paras[0][:60], paras[2], [], "Erik Lund", "meta:article:published_time",
                "https://northern-courier.example/politics/2024/02/11/referendum")


def byline_related() -> Page:
    paras = ["The army said on Friday that its units had repelled a raid by armed men who crossed the border "
             "before dawn and attacked an observation post near the river.",
             "Two soldiers were wounded in the exchange of fire, according to the statement, which did not say "
             "who the attackers were or how many had taken part.",
             "Local officials said the crossing had been used by smugglers for years and called for more patrols "
             "along the riverbank."]
    html = f"""<html><head><title>Army says it repelled cross-border raid - Frontier Times</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/region">Region</a></li></ul></nav>
<article><h1>Army says it repelled cross-border raid</h1>
<p class="byline">By <a rel="author" href="/staff/nadia">Nadia Petrova</a> | Published 5 January 2024</p>
<p>{paras[0]}</p><div class="related-articles"><h4>Related</h4><ul><li><a href="/r1">Smuggling ring broken up in border town</a></li>
<li><a href="/r2">New watchtowers planned along the river</a></li></ul></div>
<p>{paras[1]}</p><p>{paras[2]}</p>
<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a></div>
<div class="author-bio"><p>Nadia Petrova covers security and the border regions for the paper and has reported from the frontier since 2019.</p></div>
</article><div id="comments"><h3>12 comments</h3><div class="comment"><p>This comment text must never end up in the article body, however long it is.</p></div></div>
</body></html>"""
    return Page("byline", html, "Army says it repelled cross-border raid", "2024-01-05", None, paras[0][:60], paras[2],
                ["Smuggling ring broken up", "Share on Facebook", "covers security", "This comment text"],
                "Nadia Petrova", "text")


def news_pages() -> list[Page]:
    return [nyt_like(), bbc_like(), reuters_like(), ap_like(), guardian_like(), aljazeera_like(), amp_like(),
            paywall_teaser(), opengraph_only(), byline_related()]


FRENCH = ("<html lang=\"fr\"><head><title>Reprise des pourparlers à Genève</title>"
          "<meta property=\"og:site_name\" content=\"Le Courrier Exemple\"></head><body><article>"
          "<h1>Reprise des pourparlers à Genève</h1>"
          "<p>Les négociateurs des deux gouvernements se sont retrouvés vendredi à Genève pour la première fois "
          "depuis quatre mois, selon des responsables des deux camps.</p>"
          "<p>Le ministre des affaires étrangères a déclaré que son gouvernement était prêt à discuter d'un "
          "cessez-le-feu le long de la ligne de front actuelle, à condition que les prisonniers soient échangés.</p>"
          "<p>L'autre partie a rejeté cette condition et exigé le retrait des troupes des districts frontaliers.</p>"
          "</article></body></html>")


# -- feeds ------------------------------------------------------------------------------
ENTRY_TEXT = ("<p>Negotiators met again on Tuesday to discuss the exchange of prisoners, and both delegations "
              "described the session as constructive.</p><p>A further meeting is planned for next month, the "
              "mediators said in a short statement published after the talks ended.</p>")


def rss_feed(full: bool = True, link_base: str = "https://news.example.org") -> str:
    items = []
    for i in range(1, 4):
        content = f"<content:encoded><![CDATA[{ENTRY_TEXT}<p>Item {i}.</p>]]></content:encoded>" if full else ""
        items.append(f"""<item><title>Talks round {i} ends without deal</title><link>{link_base}/story/{i}</link>
<guid>{link_base}/story/{i}</guid><pubDate>Tue, 0{i} Oct 2024 09:1{i}:00 GMT</pubDate><dc:creator>Staff {i}</dc:creator>
<category>Diplomacy</category><description>Delegations met for round {i} of the prisoner talks; no agreement was reached.</description>{content}</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire - World</title><link>{link_base}/</link><description>World news</description><language>en</language>
{''.join(items)}</channel></rss>"""


def atom_feed() -> str:
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Frontier Bulletin</title><link href="https://bulletin.example.net/"/>
<updated>2024-11-05T12:00:00Z</updated><id>urn:example:bulletin</id>
<entry><title>Hotline restored between border commands</title><link href="https://bulletin.example.net/a/1"/>
<id>urn:example:bulletin:1</id><published>2024-11-04T08:30:00Z</published><updated>2024-11-04T09:00:00Z</updated>
<author><name>Marta Silva</name></author>
<content type="html">&lt;p&gt;Commanders on both sides of the frontier agreed on Monday to restore a telephone hotline that was cut last year, according to a joint statement.&lt;/p&gt;&lt;p&gt;The statement said the line would be tested daily and used to warn of exercises near the border.&lt;/p&gt;</content></entry>
<entry><title>Observers to return to the river crossing</title><link href="https://bulletin.example.net/a/2"/>
<id>urn:example:bulletin:2</id><updated>2024-11-05T10:00:00Z</updated>
<summary>International observers will return to the river crossing next week after a three-month absence.</summary></entry>
</feed>"""


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>x</title><description>&lol4;</description></item></channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>&secret;</title><summary>&secret;</summary></entry></feed>"""


# -- WARC ---------------------------------------------------------------------------------
def warc_bytes(pages: list[tuple[str, str]], gzip: bool = False, extra: bool = True) -> bytes:
    """A WARC with a warcinfo record, and for each (url, html) a request and a response record;
    with `extra`, also an image response and a 404 page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "parley-tests"}))

    def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        req = StatusAndHeaders(f"GET {url} HTTP/1.1", [("User-Agent", "test")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

    for url, html in pages:
        response(url, html.encode("utf-8"), "text/html; charset=utf-8")
    if extra:
        response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        response("https://news.example.org/gone", b"<html><body>Not found</body></html>", "text/html", "404 Not Found")
    return buf.getvalue()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
