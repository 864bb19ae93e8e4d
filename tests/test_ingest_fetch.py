"""`parley fetch`: a local HTTP server started by the test (127.0.0.1 only), the SSRF guard,
redirect limits, size caps, timeouts, gzip bodies and feeds whose entries link to pages."""
from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ingest_fixtures import news_pages, rss_feed

import parley.ingest.fetch as fetchmod
from parley.errors import Refused
from parley.ingest.fetch import FetchOptions, check_url, fetch, fetch_items, resolve
from parley.schema import Article, Refusal
from parley.store.db import Store

PAGES = news_pages()


class Handler(BaseHTTPRequestHandler):
    hits: list[tuple[str, str]] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        length = headers.pop("length", str(len(body)))
        if length:  # "" = no Content-Length: the body ends when the connection closes
            self.send_header("Content-Length", length)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Handler.hits.append((self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        path = self.path
        if path == "/page":
            self._send(200, PAGES[1].html.encode())
        elif path.startswith("/story/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(200, PAGES[2 + n].html.encode()) if n < 3 else self._send(404, b"gone")
        elif path == "/redirect":
            self._send(302, b"", Location="/page")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/redirect-internal":
            self._send(301, b"", Location=f"http://internal.test:{port}/page")
        elif path == "/big":
            self._send(200, b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>", length="")
        elif path == "/biglen":
            self._send(200, b"", length="999999999")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, PAGES[1].html.encode())
        elif path == "/gz":
            self._send(200, gzip.compress(PAGES[4].html.encode()), Content_Encoding="gzip")
        elif path == "/feed":
            self._send(200, rss_feed(full=False, link_base=f"http://127.0.0.1:{port}").encode(), "application/rss+xml")
        elif path == "/feed-full":
            self._send(200, rss_feed(full=True).encode(), "application/rss+xml")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchOptions(timeout=5, max_redirects=3, max_bytes=200_000, user_agent="parley-test/1", allow_private=True,
                     delay=0)


def test_private_addresses_are_refused_unless_allowed(server, cli):
    Handler.hits.clear()
    with pytest.raises(Refused) as exc:
        fetch(server + "/page", FetchOptions(delay=0))
    assert exc.value.reason == "fetch-blocked" and "loopback" in exc.value.detail
    result = cli("fetch", "--delay", "0", server + "/page")
    assert result.exit_code == 1 and "fetch-blocked" in result.output
    assert Handler.hits == []  # refused before any connection
    for host in ("10.1.2.3", "192.168.0.9", "169.254.169.254", "[::1]", "0.0.0.0", "[fe80::1]", "100.64.0.1"):
        with pytest.raises(Refused) as exc:
            resolve(host.strip("[]"), 80, allow_private=False)
        assert exc.value.reason == "fetch-blocked", host


def test_every_resolved_address_and_every_redirect_hop_is_checked(server, monkeypatch):
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    table = {"public.test": ["127.0.0.1"], "internal.test": ["10.0.0.5"], "mixed.test": ["93.184.216.34", "10.9.9.9"]}

    def fake(host, *args, **kwargs):
        if host in table:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, args[0] if args else port)) for ip in table[host]]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    original = fetchmod._blocked
    monkeypatch.setattr(fetchmod, "_blocked", lambda ip: None if str(ip) == "127.0.0.1" else original(ip))
    guarded = FetchOptions(timeout=5, max_bytes=200_000, allow_private=False, delay=0)
    Handler.hits.clear()
    assert fetch(f"http://public.test:{port}/page", guarded).status == 200  # 127.0.0.1 stands in for a public host
    with pytest.raises(Refused) as exc:
        fetch(f"http://public.test:{port}/redirect-internal", guarded)
    assert exc.value.reason == "fetch-blocked" and "10.0.0.5" in exc.value.detail
    assert [p for p, _ in Handler.hits] == ["/page", "/redirect-internal"]  # the internal hop was never asked
    with pytest.raises(Refused) as exc:
        fetch(f"http://mixed.test:{port}/page", guarded)  # one public and one private address
    assert exc.value.reason == "fetch-blocked" and "10.9.9.9" in exc.value.detail


def test_urls_redirects_caps_timeouts(server):
    for bad in ("ftp://x.example/", "file:///etc/passwd", "http://", "javascript:alert(1)", "http://x:99999/"):
        with pytest.raises(Refused) as exc:
            check_url(bad)
        assert exc.value.reason == "bad-url", bad
    resp = fetch(server + "/redirect", LOCAL)
    assert resp.url == server + "/page" and resp.redirects == [server + "/page"] and resp.status == 200
    cases = {"/loop": ("fetch-failed", "redirects"), "/big": ("too-large", "cap"), "/biglen": ("too-large", "999999999"),
             "/nothing": ("http-status", "404")}
    for path, (reason, words) in cases.items():
        with pytest.raises(Refused) as exc:
            fetch(server + path, LOCAL)
        assert exc.value.reason == reason and words in exc.value.detail, path
    t0 = time.monotonic()
    with pytest.raises(Refused) as exc:
        fetch(server + "/slow", FetchOptions(timeout=0.5, allow_private=True, delay=0))
    assert exc.value.reason == "fetch-failed" and "timed out" in exc.value.detail
    assert time.monotonic() - t0 < 1.9
    assert fetch(server + "/gz", LOCAL).body == PAGES[4].html.encode()  # gzip content-encoding undone
    assert Handler.hits[-1][1] == "parley-test/1"


def test_fetched_pages_go_through_the_readers(server):
    items = list(fetch_items([server + "/redirect", server + "/gz", server + "/image"], [], LOCAL))
    a, b, img = items
    assert isinstance(a, Article) and a.title == PAGES[1].title and a.outlet == "BBC News"
    assert a.meta["redirects"] == [server + "/page"] and a.meta["fetched_url"] == server + "/page"
    assert a.url == PAGES[1].url  # the page's canonical URL
    assert a.source == server + "/redirect" and a.language == "en" and a.meta["http_status"] == 200
    assert isinstance(b, Article) and b.title == PAGES[4].title
    assert isinstance(img, Refusal) and img.reason == "binary"


def test_feed_entries_fetch_their_pages(server):
    items = list(fetch_items([], [server + "/feed"], LOCAL))
    arts = [i for i in items if isinstance(i, Article)]
    refs = [i for i in items if isinstance(i, Refusal)]
    # entries 1 and 2 link to pages; entry 3's page is a 404: refused, and its summary is kept
    assert [a.title for a in arts] == [PAGES[3].title, PAGES[4].title, "Talks round 3 ends without deal"]
    assert arts[0].meta["extractor"] == "trafilatura" and arts[2].meta["content"] == "summary"
    assert [(r.reason, r.source) for r in refs] == [("http-status", server + "/story/3")]
    full = [i for i in fetch_items([], [server + "/feed-full"], LOCAL) if isinstance(i, Article)]
    assert len(full) == 3 and all(a.meta["content"] == "full" for a in full)


def test_fetch_command_stores_like_ingest(server, cli, store_path):
    result = cli("fetch", "--allow-private", "--delay", "0", server + "/page", server + "/nothing")
    assert result.exit_code == 1 and "1 stored" in result.output and "http-status" in result.output
    again = cli("fetch", "--allow-private", "--delay", "0", server + "/page")
    assert again.exit_code == 0 and "1 already stored" in again.output
    feed = cli("fetch", "--allow-private", "--delay", "0", "--feed", server + "/feed-full")
    assert feed.exit_code == 0 and "3 stored" in feed.output
    with Store(store_path, read_only=True) as store:
        stats = store.stats()
        refused = store.con.execute("SELECT source, reason FROM refusals").fetchall()
        mentions = store.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert stats["articles"] == 4 and mentions > 0
    assert (server + "/nothing", "http-status") in refused
    assert json.loads(cli("stats", "--json").output)["refused"]["http-status"] == 1
    assert cli("fetch").exit_code == 2
    assert cli("fetch", "gopher://x.example/").exit_code == 2
