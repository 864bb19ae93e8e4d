"""The web app through its HTTP interface: pages and JSON twins, filters, downloads, limits,
the one error shape, security headers, provenance pages and token-gated ingest."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from web_support import STORY, web_store  # noqa: F401 (fixture)

from parley.export.csv import COLUMNS
from parley.settings import Settings
from parley.web import create_app
from parley.web.cache import ResponseCache

PAGES = ["/", "/events", "/timeline", "/stories", f"/stories/{STORY}", "/articles/w-origin"]
ERROR_KEYS = {"status", "code", "message"}


@pytest.fixture(scope="module")
def client(web_store):
    with TestClient(create_app(Settings(store=web_store)), raise_server_exceptions=False) as c:
        yield c


def twin(path: str) -> str:
    return "/.json" if path == "/" else path + ".json"


def assert_error(r, status: int, code: str | None = None) -> dict:
    body = r.json()
    assert r.status_code == status and set(body) == ERROR_KEYS, (r.status_code, body)
    assert body["status"] == status and body["message"]
    if code:
        assert body["code"] == code, body
    return body


@pytest.mark.parametrize("path", PAGES + ["/api"])
def test_every_page_and_its_json_twin(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1" in page.text
    if path != "/api":
        data = client.get(twin(path))
        assert data.status_code == 200 and data.headers["content-type"].startswith("application/json")
        assert not any(k.startswith("_") for k in data.json()), "presentation keys leak into the twin"


def test_twins_carry_the_data_the_pages_show(client):
    overview = client.get("/.json").json()
    assert overview["stats"]["articles"] == 6 and overview["stats"]["events"] > 0
    assert sum(r["events"] for r in overview["events_by_month_and_quad"]) == overview["stats"]["events"]
    events = client.get("/events.json?size=500").json()
    assert events["total"] == overview["stats"]["events"] == len(events["events"])
    html = client.get("/events?size=500").text
    for e in events["events"]:
        assert f'/articles/{e["article_id"]}#m-{e["mention_id"]}' in html
    article = client.get("/articles/w-origin.json").json()
    page = client.get("/articles/w-origin").text
    for e in article["events"]:
        assert f'id="m-{e["mention_id"]}"' in page
        assert e["text_info"]["end"] <= article["text_length"]


def test_event_filters(client):
    rejects = client.get("/events.json?type=reject&mode=meet").json()
    assert rejects["total"] >= 2 and {e["event"] for e in rejects["events"]} == {"REJECT"}
    assert all("meet" in e["mode"] for e in rejects["events"])
    ukr = client.get("/events.json?actor=UKR&modality=asserted").json()["events"]
    assert ukr and all(any(a["code"] == "UKR" for a in e["actor"]) and e["modality"] == "asserted" for e in ukr)
    march = client.get("/events.json?from=2024-03&to=2024-03").json()["events"]
    assert march and all(e["date"].startswith("2024-03") for e in march)
    outlet = client.get("/events.json?outlet=mirror").json()
    assert outlet["total"] >= 1  # the copy's events are the origin's (merged), found by the copy's outlet
    page = client.get("/events.json?size=2&page=2").json()
    assert page["page"] == 2 and len(page["events"]) == 2 and page["prev_url"]


def test_independent_reports_count_copies_once(client):
    merged = [e for e in client.get("/events.json?size=500").json()["events"] if e["reports"] >= 2]
    assert merged, "the copy's mentions were merged into the origin's events"
    assert all(e["independent_reports"] == 1 for e in merged)  # a verbatim copy is not a second source
    assert client.get("/events.json?min_independent=2").json()["total"] == 0
    everything = client.get("/events.json").json()["total"]
    assert client.get("/events.json?min_independent=1").json()["total"] == everything


def test_downloads_hold_the_filtered_set_with_export_fields(client):
    listed = client.get("/events.json?type=REJECT&size=500").json()
    r = client.get("/events.csv?type=REJECT")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == [name for name, _ in COLUMNS]
    assert {x["id"] for x in rows} == {e["event_id"] for e in listed["events"]}
    records = [json.loads(line) for line in client.get("/events.jsonl?type=REJECT").text.splitlines()]
    assert {x["id"] for x in records} == {e["event_id"] for e in listed["events"]}
    by_id = {e["event_id"]: e for e in listed["events"]}
    for rec in records:  # the list's counts are the export's counts (same rule)
        assert (rec["reports"], rec["independent_reports"]) == (by_id[rec["id"]]["reports"],
                                                               by_id[rec["id"]]["independent_reports"])
        assert {"actor", "recipient", "text_info", "cite_info", "attribution", "conditions"} <= set(rec)


def test_timeline_for_a_dyad_and_for_actors(client):
    dyad = client.get("/timeline.json?dyad=RUS-UKR").json()
    assert dyad["series_names"] == ["RUS→UKR", "UKR→RUS"]
    agree = [r for r in dyad["negotiation"] if r["event"] == "AGREE" and r["article_id"] in ("w-origin", "w-copy")]
    assert agree and agree[0]["independent_reports"] == 1 and agree[0]["reports"] == 2
    assert all(s["cooperative"] + s["conflictual"] <= s["events"] for s in dyad["series"])
    actors = client.get("/timeline.json?actors=UKR,USA&granularity=day&all_modalities=1").json()
    assert actors["series_names"] == ["UKR", "USA"]
    rejects = [r for r in actors["negotiation"] if r["label"] == "REJECT meet"]
    assert rejects and any("as long as Russian troops remain" in c for r in rejects for c in r["conditions"])
    assert {s["series"] for s in actors["series"]} <= {"UKR", "USA"}


def test_story_page_shows_origin_copies_and_rewrites(client):
    story = client.get(f"/stories/{STORY}.json").json()
    assert story["origin"]["id"] == "w-origin" and story["articles"] == 3
    assert [a["id"] for a in story["groups"]["verbatim"]] == ["w-copy"]
    assert [a["id"] for a in story["groups"]["rewrite"]] == ["w-rewrite"]
    assert story["independent_reports"] == 1
    texts = {a["id"]: a["characters"] for group in story["groups"].values() for a in group}
    texts[story["origin"]["id"]] = story["origin"]["characters"]
    for article_id, characters in texts.items():
        assert characters == client.get(f"/articles/{article_id}.json").json()["text_length"] > 0
    events = story["events"]  # grouped per story: the copy's mentions are the origin's events
    assert events and {e["article_id"] for e in events} <= {"w-origin", "w-copy", "w-rewrite"}
    merged = [e for e in events if e["reports"] == 2]
    assert merged and all(e["independent_reports"] == 1 for e in merged)
    assert [e["date"] for e in events if e["date"]] == sorted(e["date"] for e in events if e["date"])
    prov = client.get("/articles/w-copy.json").json()["provenance"]
    assert prov["copy_kind"] == "verbatim" and prov["copy_of"] == "w-origin" and prov["story_id"] == STORY
    origin = client.get("/articles/w-origin.json").json()["provenance"]
    assert {c["id"] for c in origin["copies"]} == {"w-copy", "w-rewrite"}


@pytest.mark.parametrize("method,path,status,code", [
    ("GET", "/nothing/here", 404, "not-found"),
    ("GET", "/articles/no-such-article", 404, "not-found"),
    ("GET", "/articles/no-such-article.json", 404, "not-found"),
    ("GET", "/stories/no-such-story.json", 404, "not-found"),
    ("POST", "/events.json", 405, "method-not-allowed"),
    ("DELETE", "/", 405, "method-not-allowed"),
    ("GET", "/events.json?size=100000", 422, "invalid-parameter"),
    ("GET", "/events.json?size=0", 422, "invalid-parameter"),
    ("GET", "/events.json?page=abc", 422, "invalid-parameter"),
    ("GET", "/events.json?type=BOMBARD", 422, "invalid-parameter"),
    ("GET", "/events.json?modality=certain", 422, "invalid-parameter"),
    ("GET", "/events.json?from=2024-13-01", 422, "invalid-parameter"),
    ("GET", "/events.json?from=2024-05&to=2024-01", 422, "invalid-parameter"),
    ("GET", "/events.json?actor=" + "x" * 201, 422, "invalid-parameter"),
    ("GET", "/events.csv?outlet=" + "y" * 5000, 422, "invalid-parameter"),
    ("GET", "/timeline.json?dyad=RUS", 422, "invalid-parameter"),
    ("GET", "/timeline.json?actors=RUS,UKR,USA,FRA,DEU,POL,GBR", 422, "invalid-parameter"),
    ("GET", "/timeline.json?granularity=hour", 422, "invalid-parameter"),
    ("GET", "/articles/" + "a" * 300 + ".json", 422, "invalid-parameter"),
    ("POST", "/api/ingest", 403, "read-only"),
])
def test_one_error_shape(client, method, path, status, code):
    assert_error(client.request(method, path), status, code)


def test_500_has_the_same_shape_and_hides_the_traceback(client, monkeypatch):
    from parley.web.views import overview

    def broken(store):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(overview, "build", broken)
    cache, client.app.state.cache = client.app.state.cache, ResponseCache()  # not the pages cached before
    try:
        body = assert_error(client.get("/.json"), 500, "internal-error")
        assert "secret" not in body["message"]
        assert client.get("/", headers={"accept": "text/html"}).status_code == 500
    finally:
        client.app.state.cache = cache


def test_browsers_get_the_error_as_a_page(client):
    r = client.get("/articles/missing", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "not-found" in r.text and "missing" in r.text


@pytest.mark.parametrize("path", ["/", "/.json", "/events.csv", "/nothing", "/static/style.css",
                                  "/static/vendor/plotly.min.js", "/openapi.json"])
def test_security_headers_everywhere(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'none'"
    assert "http" not in csp and "unsafe" not in csp and "*" not in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


def test_payloads_are_escaped_in_every_page(client):
    for path in ["/articles/x-title", "/articles/x-break", "/events?size=500", "/timeline?actors=RUS,UKR",
                 "/", f"/stories/{STORY}"]:
        html = client.get(path).text
        for raw in ("<script>window.__pwned", "<img src=x onerror", "<svg onload", "<iframe",
                    "</script><script>", 'href="javascript:'):
            assert raw not in html, (path, raw)
    page = client.get("/articles/x-title").text
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;" in page  # shown as text, not run
    assert "&lt;img src=x onerror" in page


def test_openapi_documents_the_twins_and_ingest(client):
    spec = client.get("/openapi.json").json()
    for path in ["/.json", "/events.json", "/timeline.json", "/stories.json", "/stories/{story_id}.json",
                 "/articles/{article_id}.json", "/events.csv", "/events.jsonl", "/api/ingest", "/api/status"]:
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert {"actor", "recipient", "type", "mode", "modality", "from", "to", "outlet", "min_independent"} <= params
    assert client.get("/docs").status_code == 404  # no CDN-hosted Swagger UI


def test_pages_are_cached_per_store_generation(client):
    first = client.get("/events.json?type=AGREE&size=3")
    again = client.get("/events.json?type=AGREE&size=3")
    assert again.headers["x-parley-cache"] == "hit" and again.content == first.content
    assert client.get("/events.json?size=3&type=AGREE").headers["x-parley-cache"] == "hit"  # same query
    assert client.get("/events?type=AGREE&size=3").headers["x-parley-cache"] in ("miss", "hit")
    for path in ("/timeline?dyad=RUS-UKR", "/articles/w-origin.json", "/.json"):  # a hit is the page as made
        made, served = client.get(path), client.get(path)
        assert served.headers["x-parley-cache"] == "hit" and served.content == made.content
        for name in ("content-type", "content-security-policy", "x-frame-options", "server-timing"):
            assert served.headers[name].split(";dur=")[0] == made.headers[name].split(";dur=")[0], name
    cache = ResponseCache(max_entries=2)
    cache.get(1, ("a",))
    for key in ("a", "b", "c"):
        cache.put(1, (key,), b"x", "text/plain")
    assert cache.get(1, ("a",)) is None and cache.get(1, ("c",)) == (b"x", "text/plain")
    assert cache.get(2, ("c",)) is None  # a new generation starts empty


def test_event_pages_slice_one_filtered_list(client):
    whole = client.get("/events.json?min_independent=1&size=500").json()
    paged = []
    for page in range(1, 4):
        part = client.get(f"/events.json?min_independent=1&size=3&page={page}").json()
        assert part["total"] == whole["total"]
        paged += [e["event_id"] for e in part["events"]]
    assert paged == [e["event_id"] for e in whole["events"][:9]]


def test_an_actor_code_listed_twice_counts_its_event_once(web_store, tmp_path):
    import shutil

    import duckdb

    path = str(tmp_path / "twice.duckdb")
    shutil.copy(web_store, path)
    with TestClient(create_app(Settings(store=path))) as c:
        before = c.get("/timeline.json?actors=UKR&all_modalities=1").json()
        top_before = {a["code"]: a["events"] for a in c.get("/.json").json()["top_actors"]}
    con = duckdb.connect(path)  # an event whose actor list names UKR twice (two UKR entities)
    con.execute("UPDATE mentions SET actor_code = 'UKR,UKR' WHERE actor_code = 'UKR'")
    con.close()
    with TestClient(create_app(Settings(store=path))) as c:
        after = c.get("/timeline.json?actors=UKR&all_modalities=1").json()
        top_after = {a["code"]: a["events"] for a in c.get("/.json").json()["top_actors"]}
    assert before["series"] and after["series"] == before["series"]
    assert after["negotiation_total"] == before["negotiation_total"]
    assert top_after["UKR"] == top_before["UKR"]
