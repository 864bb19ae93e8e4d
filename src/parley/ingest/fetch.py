"""Fetching pages and feeds over HTTP(S), guarded against server-side request forgery.

Every hop (the URL and each redirect) is checked: http or https only; the host is resolved
and *every* address it resolves to must be public (not private, loopback, link-local,
multicast, reserved or unspecified) unless private addresses are explicitly allowed; the
connection then goes to an address that was checked (no second lookup that could answer
differently). Timeouts bound each socket operation and the whole response; bodies are
capped (settings.max_bytes); redirects are limited; the User-Agent says what is asking.
Fetched bytes go through the same readers as files (parley.ingest.read_stream).
"""
from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from parley.errors import Refused
from parley.ingest import Item, read_stream, refusal, with_language
from parley.ingest.streams import CHUNK, ReadContext, decompressed
from parley.schema import Article, Refusal

REDIRECTS = {301, 302, 303, 307, 308}
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0
    max_redirects: int = 5
    max_bytes: int | None = 20_000_000
    user_agent: str = "parley/0.1"
    allow_private: bool = False
    delay: float = 1.0

    @classmethod
    def from_settings(cls, settings: Any) -> "FetchOptions":
        return cls(timeout=settings.fetch_timeout, max_redirects=settings.fetch_max_redirects,
                   max_bytes=settings.max_bytes, user_agent=settings.fetch_user_agent,
                   allow_private=settings.fetch_allow_private, delay=settings.fetch_delay)


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of an http(s) URL; Refused `bad-url` otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise Refused("bad-url", f"{url!r}: {exc}")
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused("bad-url", f"{url!r}: only http and https URLs are fetched")
    if not parts.hostname:
        raise Refused("bad-url", f"{url!r}: no host")
    scheme = parts.scheme.lower()
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), target


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "not public"


def resolve(host: str, port: int, allow_private: bool) -> list[tuple]:
    """Addresses to connect to; Refused `fetch-blocked` if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused("fetch-failed", f"cannot resolve {host}: {exc}")
    if not infos:
        raise Refused("fetch-failed", f"{host} resolves to no address")
    if not allow_private:
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            kind = _blocked(ip)
            if kind:
                raise Refused("fetch-blocked", f"{host} resolves to {ip} ({kind}); "
                                               "allow with --allow-private")
    return infos


def _connect(infos: list[tuple], timeout: float) -> socket.socket:
    last: OSError | None = None
    for family, socktype, proto, _, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address to connect to")


class _Plain(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, infos: list[tuple], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._infos = infos

    def connect(self) -> None:
        self.sock = _connect(self._infos, self.timeout)  # type: ignore[arg-type]


class _TLS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, infos: list[tuple], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._infos = infos

    def connect(self) -> None:
        sock = _connect(self._infos, self.timeout)  # type: ignore[arg-type]
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _read_body(resp: http.client.HTTPResponse, cap: int | None, deadline: float) -> bytes:
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline:
            raise Refused("fetch-failed", "the response took longer than the time allowed")
        chunk = resp.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if cap and total > cap:
            raise Refused("too-large", f"the response is over the cap of {cap} bytes (settings.max_bytes)")
        chunks.append(chunk)


def _decoded(body: bytes, encoding: str | None, cap: int | None) -> bytes:
    kind = {"gzip": "gzip", "x-gzip": "gzip"}.get((encoding or "").strip().lower())
    if not kind:
        return body
    stream, inner = decompressed(io.BytesIO(body), kind)
    data = stream.read(cap + 1) if cap else stream.read()
    if cap and len(data) > cap:
        raise Refused("too-large", f"the decompressed response is over the cap of {cap} bytes")
    if inner.problem:
        raise Refused(inner.problem[0], f"response body: {inner.problem[1]}")
    return data


def _request(url: str, opts: FetchOptions, deadline: float) -> tuple[http.client.HTTPResponse, Any]:
    scheme, host, port, target = check_url(url)
    infos = resolve(host, port, opts.allow_private)
    conn_cls = _TLS if scheme == "https" else _Plain
    conn = conn_cls(host, port, infos, opts.timeout)
    conn.request("GET", target, headers={"User-Agent": opts.user_agent, "Accept": ACCEPT,
                                         "Accept-Encoding": "gzip", "Connection": "close"})
    return conn.getresponse(), conn


def fetch(url: str, opts: FetchOptions) -> Response:
    """GET a URL (following at most opts.max_redirects checked redirects); raises Refused."""
    deadline = time.monotonic() + 4 * opts.timeout
    redirects: list[str] = []
    try:
        for _ in range(opts.max_redirects + 1):
            resp, conn = _request(url, opts, deadline)
            try:
                if resp.status in REDIRECTS:
                    location = resp.getheader("Location")
                    if not location:
                        raise Refused("fetch-failed", f"HTTP {resp.status} without a Location")
                    url = urljoin(url, location.strip())
                    redirects.append(url)
                    continue
                if not 200 <= resp.status < 300:
                    raise Refused("http-status", f"HTTP {resp.status} {resp.reason}")
                headers = {k.lower(): v for k, v in resp.getheaders()}
                length = headers.get("content-length", "")
                if opts.max_bytes and length.isdigit() and int(length) > opts.max_bytes:
                    raise Refused("too-large", f"Content-Length {length} is over the cap of {opts.max_bytes} bytes")
                body = _decoded(_read_body(resp, opts.max_bytes, deadline), headers.get("content-encoding"),
                                opts.max_bytes)
                return Response(url=url, status=resp.status, headers=headers, body=body, redirects=redirects)
            finally:
                conn.close()
        raise Refused("fetch-failed", f"more than {opts.max_redirects} redirects")
    except socket.timeout:
        raise Refused("fetch-failed", f"timed out after {opts.timeout:g}s")
    except ssl.SSLError as exc:
        raise Refused("fetch-failed", f"TLS: {exc.reason or exc}")
    except (http.client.HTTPException, OSError) as exc:
        raise Refused("fetch-failed", f"{type(exc).__name__}: {exc}")


def _content_type(resp: Response) -> tuple[str | None, str | None]:
    value = resp.header("content-type")
    if not value:
        return None, None
    msg = Message()
    msg["content-type"] = value
    return msg.get_content_type(), msg.get_param("charset")  # type: ignore[return-value]


class Fetcher:
    """Fetches with a pause between two requests to the same host (settings.fetch_delay)."""

    def __init__(self, opts: FetchOptions, ctx: ReadContext | None = None) -> None:
        self.opts = opts
        self.ctx = ctx or ReadContext(max_bytes=opts.max_bytes)
        self.last: dict[str, float] = {}

    def get(self, url: str) -> Response:
        host = (urlsplit(url).hostname or "").lower()
        wait = self.last.get(host, -1e9) + self.opts.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return fetch(url, self.opts)
        finally:
            self.last[host] = time.monotonic()

    def page(self, url: str, known: dict[str, Any] | None = None, record: str | None = None) -> Iterator[Item]:
        """A fetched URL read like a file: articles or refusals (source = the URL asked for)."""
        try:
            resp = self.get(url)
        except Refused as r:
            yield refusal(url, record, r)
            return
        mime, charset = _content_type(resp)
        ctx = self.ctx.inner(url=resp.url, content_type=mime, charset=charset, fields=dict(known or {}))
        for item in read_stream(io.BytesIO(resp.body), url, len(resp.body), ctx=ctx):
            if isinstance(item, Article):
                item.meta.update(fetched_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                 http_status=resp.status)
                if resp.redirects:
                    item.meta["redirects"] = resp.redirects
            yield item

    def feed(self, url: str) -> Iterator[Item]:
        """A feed's entries: full content as is; summary-only entries by fetching their links
        (the summary is stored, flagged, when the link cannot be fetched)."""
        from parley.ingest.feeds import _content, entry_article, parse_feed

        try:
            resp = self.get(url)
            parsed = parse_feed(resp.body, resp.url)
        except Refused as r:
            yield refusal(url, None, r)
            return
        fmt = "atom" if (parsed.version or "").startswith("atom") else "rss"
        for i, entry in enumerate(parsed.entries, start=1):
            link = entry.get("link") if isinstance(entry.get("link"), str) else None
            where = f"entry {i}" + (f" {link}" if link else "")
            text, kind = _content(entry)
            if kind == "summary" and link:
                known = {"title": entry.get("title"), "published": entry.get("published") or entry.get("updated"),
                         "feed": url, "known_from": "feed"}
                items = list(self.page(link, known, record=f"{url} {where}"))
                yield from items
                if any(isinstance(x, Article) for x in items) or not text:
                    continue
            try:
                yield entry_article(entry, parsed.feed, url, where, fmt)
            except Refused as r:
                yield refusal(url, where, r)


def fetch_items(urls: list[str], feeds: list[str], opts: FetchOptions,
                ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    """Everything `parley fetch` reads, in order, with languages identified."""
    fetcher = Fetcher(opts, ctx)

    def items() -> Iterator[Item]:
        for url in urls:
            yield from fetcher.page(url)
        for url in feeds:
            yield from fetcher.feed(url)
    return with_language(items())
