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
from parley.ingest.streams import CHUNK, ReadContext
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


def _drain(record: Any) -> bool:
    """Read what is left of a record; True when it ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(CHUNK):
        pass
    return bool(getattr(raw, "limit", 0))


def _outcome(record: Any, source: str, where: str, ctx: ReadContext) -> Article | Refusal | None:
    if record.rec_headers.get_header("Content-Length") is None:
        return Refusal(source=source, record=where, reason="bad-record", detail="the record has no Content-Length")
    try:
        outcome: Article | Refusal | None = _record_article(record, source, where, ctx)
    except Refused as r:
        outcome = refusal(source, where, r)
    if _drain(record) and not (isinstance(outcome, Refusal) and outcome.reason == "truncated"):
        outcome = Refusal(source=source, record=where, reason="truncated",
                          detail="the record ends before its Content-Length")
    return outcome


def _failure(exc: Exception, stream: BinaryIO) -> str:
    """truncated (the file ends inside a record's headers) or bad-record (garbage in the archive)."""
    first = str(exc).split("first line:", 1)[1].strip() if "first line:" in str(exc) else None
    if first is not None:
        return "truncated" if "WARC/1.1".startswith(first) or "WARC/1.0".startswith(first) else "bad-record"
    at_end = not stream.peek(1) if hasattr(stream, "peek") else True  # type: ignore[attr-defined]
    return "truncated" if at_end else "bad-record"


class _Counting:
    """The stream warcio reads, counting bytes (to see a record header cut off at the end)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.count = raw, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.raw.readline(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


def read_warc(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    ctx = ctx or ReadContext()
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    pending: Article | Refusal | None = None
    counting = _Counting(stream)
    iterator = ArchiveIterator(counting, arc2warc=True, check_digests=False)
    try:
        for record in iterator:
            if pending is not None:
                yield pending
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            pending = _outcome(record, source, f"record {count}" + (f" {url}" if url else ""), ctx)
    except Exception as exc:  # noqa: BLE001 - warcio's errors on broken archives are varied
        if isinstance(pending, Refusal) and pending.detail == "the record has no Content-Length":
            pending.reason = "truncated"
        if pending is not None:
            yield pending
        detail = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}; the records before it are kept"
        yield Refusal(source=source, record=f"record {count + 1}", reason=_failure(exc, stream), detail=detail)
        return
    if isinstance(pending, Refusal) and pending.detail == "the record has no Content-Length":
        pending.reason = "truncated"  # the last record's headers are cut off: the file ends early
    if pending is not None:
        yield pending
    unparsed = counting.count - getattr(iterator, "offset", counting.count)
    if unparsed > 8:  # warcio stops quietly at a header block cut off by the end of the file
        yield Refusal(source=source, record=f"record {count + 1}", reason="truncated",
                      detail=f"the file ends inside a record's headers ({unparsed} bytes unread)")
    if count == 0:
        yield Refusal(source=source, record=None, reason="empty", detail="the archive holds no records")


READERS["warc"] = read_warc
READERS["arc"] = read_warc
STREAMING.update({"warc", "arc"})
EXTENSIONS.update({".warc": "warc", ".arc": "arc"})
add_sniffer(_sniff, priority=20)
