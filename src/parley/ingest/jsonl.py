"""JSON Lines input records: {"id", "url", "outlet", "title", "published", "text" | "html"}."""
from __future__ import annotations

import json
from typing import Any, BinaryIO, Callable, Iterator

from parley.errors import Refused
from parley.ingest.records import make_article
from parley.schema import Article, Refusal

# Turns an HTML record into fields with a "text"; the HTML reader installs itself here.
HtmlToRecord = Callable[[dict[str, Any]], dict[str, Any]]
html_to_record: HtmlToRecord | None = None


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused("bad-encoding", f"not UTF-8 at byte {exc.start}")


def record_to_article(obj: Any, source: str, where: str) -> Article:
    if not isinstance(obj, dict):
        raise Refused("not-object", f"a JSON {type(obj).__name__}, not an object")
    if not isinstance(obj.get("text"), str) and isinstance(obj.get("html"), str):
        if html_to_record is None:
            raise Refused("unsupported-format", "HTML records need the HTML reader")
        obj = html_to_record(obj)
    if "text" not in obj:
        raise Refused("missing-text", "the record has neither 'text' nor 'html'")
    return make_article(obj, source=source, source_record=where)


def read_jsonl(stream: BinaryIO, source: str) -> Iterator[Article | Refusal]:
    """One record a line; a bad line is refused with its line number and the rest go on."""
    for lineno, raw in enumerate(stream, start=1):
        where = f"line {lineno}"
        if not raw.strip():
            continue
        try:
            text = _decode_line(raw)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise Refused("bad-json", f"{exc.msg} at column {exc.colno}")
            yield record_to_article(obj, source, where)
        except Refused as refusal:
            yield Refusal(source=source, record=where, reason=refusal.reason, detail=refusal.detail)
