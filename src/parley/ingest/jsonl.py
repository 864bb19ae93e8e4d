"""JSON Lines input records: {"id", "url", "outlet", "title", "published", "language",
"text" | "html"}; also a JSON file holding one record or an array of records.

Lines are read one at a time (memory stays bounded by the per-record cap, whatever the
file's size); a bad line is refused with its line number and the rest go on.
"""
from __future__ import annotations

import codecs
import io
import json
from typing import Any, BinaryIO, Callable, Iterator

from parley.errors import Refused
from parley.ingest.language import identify
from parley.ingest.records import make_article
from parley.ingest.streams import ReadContext, iter_lines, read_capped
from parley.schema import Article, Refusal

# Turns an HTML record into fields with a "text"; the HTML reader installs itself here.
HtmlToRecord = Callable[[dict[str, Any]], dict[str, Any]]
html_to_record: HtmlToRecord | None = None


def _decode_line(raw: bytes) -> tuple[str, str]:
    from parley.ingest.encoding import decode

    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode(raw)  # mixed or legacy encodings: detected, recorded; else refused


def record_to_article(obj: Any, source: str, where: str, encoding: str | None = None) -> Article:
    if not isinstance(obj, dict):
        raise Refused("not-object", f"a JSON {type(obj).__name__}, not an object")
    meta: dict[str, Any] = {}
    if not isinstance(obj.get("text"), str) and isinstance(obj.get("html"), str):
        if html_to_record is None:
            raise Refused("unsupported-format", "HTML records need the HTML reader")
        obj = html_to_record(obj)
        meta = obj.pop("_meta", {})
    if "text" not in obj:
        raise Refused("missing-text", "the record has neither 'text' nor 'html'")
    if encoding:
        meta.setdefault("encoding", encoding)
    meta.setdefault("format", "jsonl")
    for key in ("author", "image", "description"):
        if isinstance(obj.get(key), str):
            meta.setdefault(key, obj[key])
    return make_article(obj, source=source, source_record=where, meta=meta)


def _truncated(text: str, exc: json.JSONDecodeError, last: bool) -> bool:
    """A last line with no newline that breaks off mid-value: the file was cut short."""
    return last and (exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"))


def _line(raw: bytes, source: str, where: str, last: bool) -> Article | Refusal:
    try:
        text, encoding = _decode_line(raw)
        text = text.lstrip("\ufeff")  # a byte-order mark opening the file (or a concatenated one)
        try:
            obj = json.loads(text, strict=False)  # raw tabs and control characters inside strings
        except json.JSONDecodeError as exc:
            if _truncated(text, exc, last):
                raise Refused("truncated", f"the last line breaks off ({exc.msg})")
            raise Refused("bad-json", f"{exc.msg} at column {exc.colno}")
        except RecursionError:
            raise Refused("bad-json", "nested too deeply")
        return record_to_article(obj, source, where, encoding)
    except Refused as refusal:
        return Refusal(source=source, record=where, reason=refusal.reason, detail=refusal.detail)


def _as_utf8(stream: BinaryIO) -> BinaryIO:
    """UTF-16/32 files (with a byte-order mark) recoded to UTF-8 on the fly, line by line."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""  # type: ignore[attr-defined]
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return codecs.EncodedFile(stream, "utf-8", enc, errors="replace")  # type: ignore[return-value]
    return stream


def read_jsonl(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    """One record a line (per-line cap: settings.max_bytes)."""
    cap = ctx.max_bytes if ctx else None
    stream = _as_utf8(stream)
    for lineno, raw, size in iter_lines(stream, cap):
        where = f"line {lineno}"
        if raw is None:
            yield Refusal(source=source, record=where, reason="too-large",
                          detail=f"the line is {size} bytes, over the cap of {cap} (settings.max_bytes)")
            continue
        if not raw.strip():
            continue
        item = _line(raw, source, where, last=not raw.endswith(b"\n"))
        yield identify(item) if isinstance(item, Article) else item  # also when called directly


def read_json(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    """A .json file: one record, or an array of records (capped as one document)."""
    try:
        data = read_capped(stream, ctx.max_bytes if ctx else None)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_line(data)[0]
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines named .json
                yield from read_jsonl(io.BytesIO(data), source, ctx)
                return
            raise Refused("bad-json", f"{exc.msg} at line {exc.lineno} column {exc.colno}")
        except RecursionError:
            raise Refused("bad-json", "nested too deeply")
    except Refused as r:
        yield Refusal(source=source, record=None, reason=r.reason, detail=r.detail)
        return
    if not isinstance(obj, list):
        obj = [obj]
    if not obj:
        yield Refusal(source=source, record=None, reason="empty", detail="an empty JSON array")
    for i, rec in enumerate(obj):
        where = f"item {i}"
        try:
            yield record_to_article(rec, source, where)
        except Refused as r:
            yield Refusal(source=source, record=where, reason=r.reason, detail=r.detail)
