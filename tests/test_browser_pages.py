"""A real browser (Debian's chromium driven by Playwright) clicks through every page of a
running `parley serve`, saves a screenshot of each (tests/screenshots/), and checks that
nothing an article carries (script and HTML payloads in titles, bodies, outlets, URLs) runs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_support import STORY, free_port, web_store  # noqa: F401 (fixture)

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "screenshots"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.fixture(scope="module")
def server(web_store, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("browser") / "store.duckdb")
    shutil.copyfile(web_store, path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "parley", "--store", path, "serve", "--port", str(port)],
                            env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/status", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"parley serve did not start: {proc.stderr.read()}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.add_init_script(WATCH)
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def clean(page) -> None:
    """No dialog, no payload ran, no CSP violation (our own pages and plotly need none), no JS error."""
    assert page.dialogs == [], page.dialogs
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__csp") == [], page.evaluate("window.__csp")
    assert page.errors == [], page.errors
    inline = page.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/json\"])').length")
    assert inline == 0
    assert page.evaluate("document.querySelectorAll('[onerror],[onload],iframe,object,embed').length") == 0


def charts_drawn(page, n: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('.chart[data-drawn]').length >= {n}", timeout=20_000)


def hover_a_point(page, chart: str) -> tuple[float, float]:
    """Hover the markers of a chart one by one until plotly shows a hover label (markers that
    overlap a neighbour may give the label to the other one); returns the point hovered."""
    points = page.locator(f"{chart} .point")
    for n in range(points.count()):
        box = points.nth(n).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)  # plotly's drag layer takes the pointer: hover and click by position
        try:
            page.wait_for_selector(f"{chart} .hoverlayer .hovertext", timeout=1_500)
            return x, y
        except Exception:  # noqa: BLE001 - try the next marker
            page.mouse.move(0, 0)
    raise AssertionError(f"no marker of {chart} shows a hover label")


def test_click_through_every_page(server, page):
    page.goto(server + "/")
    charts_drawn(page, 2)
    assert page.locator("h1").first.inner_text() == "Overview"
    assert page.locator(".kpis").inner_text().count("events") >= 1
    shot(page, "01-overview")
    clean(page)

    page.click("nav >> text=Stance timeline")
    charts_drawn(page, 2)
    page.fill("input[name=dyad]", "RUS-UKR")
    page.click("text=Draw")
    charts_drawn(page, 2)
    assert "RUS→UKR" in page.locator("h1").inner_text()
    assert page.locator("table.neg tbody tr").count() >= 1
    x, y = hover_a_point(page, ".chart[data-figure=fig-signals]")
    assert "independent" in page.locator(".chart[data-figure=fig-signals] .hoverlayer").text_content()
    shot(page, "02-timeline")
    clean(page)
    page.mouse.click(x, y)
    page.wait_for_url("**/articles/**")
    assert page.locator(".article-text .seg.sentence").count() >= 1

    page.click("nav >> text=Events")
    page.select_option("select[name=type]", "REJECT")
    page.fill("input[name=mode]", "meet")
    page.click("text=Apply")
    page.wait_for_url("**/events?*type=REJECT*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 2 and all("REJECT" in t for t in rows.locator("td:nth-child(2)").all_inner_texts())
    shot(page, "03-events")
    clean(page)
    with page.expect_download() as dl:
        page.click("a.btn >> text=CSV")
    lines = Path(dl.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,article_id") and len(lines) == rows.count() + 1
    with page.expect_download() as dl:
        page.click("a.btn >> text=JSON Lines")
    assert len(Path(dl.value.path()).read_text(encoding="utf-8").splitlines()) == rows.count()

    rows.first.locator("td.art a").click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".event-card").count() >= 1 and page.locator(".provenance").count() == 1
    page.locator(".article-text a.seg").first.click()
    assert page.evaluate("location.hash").startswith("#m-")
    shot(page, "04-article")
    clean(page)

    page.click("nav >> text=Stories")
    shot(page, "05-stories")
    page.click(f"text={STORY}")
    page.wait_for_url(f"**/stories/{STORY}")
    assert "Verbatim copies" in page.content() and "Rewrites" in page.content()
    shot(page, "06-story")
    clean(page)
    page.click(".origin a.big")
    page.wait_for_url("**/articles/w-origin")
    assert page.locator(".provenance").inner_text().count("verbatim") >= 1
    shot(page, "07-origin-article")

    page.click("nav >> text=API")
    assert page.locator("table.data tbody tr").count() >= 10
    shot(page, "08-api")
    page.click("a.twin")
    assert "openapi" in page.content()
    page.errors.clear()
    response = page.goto(server + "/articles/no-such-article")
    assert response.status == 404 and "not-found" in page.locator("h1").inner_text()
    assert all("404" in e for e in page.errors)  # the console reports the page's own status
    page.errors.clear()
    shot(page, "09-error")
    clean(page)


@pytest.mark.parametrize("path", ["/articles/x-title", "/articles/x-break", "/events?size=500",
                                  "/timeline?actors=RUS,UKR&all_modalities=1", "/", "/stories"])
def test_payloads_in_articles_never_run(server, page, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if page.locator(".chart").count():
        charts_drawn(page, page.locator(".chart").count())
    for link in page.locator(".article-text a, td.art a, .meta a").all()[:20]:
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), href
    clean(page)
    if path == "/articles/x-title":
        assert "<script>window.__pwned='title'" in page.locator("h1").inner_text()  # shown as text
        assert "<img src=x onerror=" in page.locator(".article-text").inner_text()
        assert page.locator(".meta a.ext").count() == 0  # the javascript: URL is not a link
        shot(page, "10-payload-article")


def test_plotly_stylesheet_is_current(browser):
    """static/plotly.css holds the rules plotly.js would inject (it may not: CSP). Check them against
    the bundled plotly.js; PARLEY_WRITE_PLOTLY_CSS=1 rewrites the file from it."""
    from parley.web.app import HERE, plotly_js

    page = browser.new_page()  # about:blank: no CSP, so plotly.js injects its <style> as usual
    try:
        page.set_content('<div id="g"></div>')
        page.add_script_tag(path=str(plotly_js()))
        page.evaluate("Plotly.newPlot('g', [{type: 'bar', x: [1], y: [1]}], {})")
        rules = page.evaluate("Array.from(document.getElementById('plotly.js-style-global').sheet.cssRules)"
                              ".map(r => r.cssText)")
        version = page.evaluate("Plotly.version")
    finally:
        page.close()
    css = HERE / "static" / "plotly.css"
    header, _, body = css.read_text(encoding="utf-8").partition("*/\n")
    if os.environ.get("PARLEY_WRITE_PLOTLY_CSS"):
        header = header.split(" would inject")[0].rsplit(" ", 1)[0] + f" {version} would inject" + \
            header.split(" would inject", 1)[1]
        css.write_text(header + "*/\n" + "\n".join(rules) + "\n", encoding="utf-8")
        body = "\n".join(rules) + "\n"
    assert f"plotly.js {version} " in header, "static/plotly.css was made from another plotly.js version"
    assert body.splitlines() == rules, "regenerate static/plotly.css (PARLEY_WRITE_PLOTLY_CSS=1)"
