"""WARC and ARC archives (warcio): one article per HTML response record.

Records are streamed one at a time (memory is bounded by the per-record cap, whatever the
archive's size). Each article keeps the record's target URL and date (`meta["warc_date"]`,
`meta["warc_record_id"]`); its source record is "record N". Records that are not pages are
accounted for: requests, metadata, warcinfo and revisits are archive bookkeeping (counted in
no refusal); a response that is not HTML, or not a 2xx, is refused with its reason. A record
cut short is refused as `truncated`, keeping every record before it; a record warcio cannot
parse ends the archive with `bad-record` (or `truncated` at the end of the file).
"""
from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from parley.errors import Refused
from parley.ingest import EXTENSIONS, READERS, STREAMING, add_sniffer, refusal
from parley.ingest.html import page_to_article
from parley.ingest.streams import ReadContext
from parley.schema import Article, Refusal

PAGE_TYPES = ("text/html", "application/xhtml+xml")
BOOKKEEPING = {"request", "metadata", "warcinfo", "revisit", "conversion", "continuation", "filedesc"}


def _sniff(name: str, head: bytes) -> str | None:
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    return None


def _mime(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def _charset(value: str | None) -> str | None:
    for part in (value or "").split(";")[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset":
            return val.strip().strip("\"'") or None
    return None


def _read_payload(record: Any, cap: int | None) -> bytes:
    length = record.rec_headers.get_header("Content-Length")
    if cap and length and length.isdigit() and int(length) > cap:
        raise Refused("too-large", f"the record is {length} bytes, over the cap of {cap} (settings.max_bytes)")
    stream = record.content_stream()
    data = stream.read(cap + 1) if cap else stream.read()
    if cap and len(data) > cap:
        raise Refused("too-large", f"the record's page is over the cap of {cap} bytes (settings.max_bytes)")
    if getattr(record.raw_stream, "limit", 0):
        raise Refused("truncated", f"the record ends {record.raw_stream.limit} bytes before its Content-Length")
    return data


def _record_article(record: Any, source: str, where: str, ctx: ReadContext) -> Article | None:
    rtype = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
    if rtype in BOOKKEEPING:
        return None
    http = record.http_headers
    ctype = http.get_header("Content-Type") if http else record.rec_headers.get_header("Content-Type")
    if rtype not in ("response", "resource", "response-arc"):
        raise Refused("unsupported-format", f"a WARC {rtype} record")
    status = http.get_statuscode() if http else None
    if status and not str(status).startswith("2"):
        raise Refused("http-status", f"HTTP {status} for {url}")
    if _mime(ctype) not in PAGE_TYPES:
        raise Refused("unsupported-format", f"{_mime(ctype) or 'no content type'} response for {url}, not a page")
    data = _read_payload(record, ctx.max_bytes)
    date = record.rec_headers.get_header("WARC-Date") or record.rec_headers.get_header("archive-date")
    known = {"warc_date": date, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
             "warc_target_uri": url, "known_from": "warc"}
    sub = ctx.inner(url=url, charset=_charset(ctype), content_type=ctype)
    article = page_to_article(data, source, sub, record=where, known=known)
    if not article.published and date:
        article.meta["published_fallback"] = "warc-date"
    return article


def read_warc(stream: BinaryIO, source: str, ctx: ReadContext) -> Iterator[Article | Refusal]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    iterator = ArchiveIterator(stream, arc2warc=True, check_digests=False)
    try:
        for record in iterator:
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"record {count}" + (f" {url}" if url else "")
            try:
                article = _record_article(record, source, where, ctx)
            except Refused as r:
                yield refusal(source, where, r)
                continue
            if article is not None:
                yield article
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        at_end = not stream.peek(1) if hasattr(stream, "peek") else False  # type: ignore[attr-defined]
        reason = "truncated" if at_end or isinstance(exc, EOFError) else "bad-record"
        yield Refusal(source=source, record=f"record {count + 1}", reason=reason,
                      detail=f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                             "; the records before it are kept")
        return
    if count == 0:
        yield Refusal(source=source, record=None, reason="empty", detail="the archive holds no records")


READERS["warc"] = read_warc
READERS["arc"] = read_warc
STREAMING.update({"warc", "arc"})
EXTENSIONS.update({".warc": "warc", ".arc": "arc"})
add_sniffer(_sniff, priority=20)
