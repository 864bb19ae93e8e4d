"""CSV and TSV exports: one article per row, columns mapped to article fields.

The mapping comes from `settings.csv_map` / `parley ingest --csv-map text=body,title=headline`
(field=column, comma-separated); without one, columns named like the fields are used
(text/body/content/article, title/headline, url/link, outlet/source/publisher,
published/date, id, language, html). Rows are streamed (memory is bounded by the per-row cap,
settings.max_bytes); a bad row is refused with its line number and the rest go on.
"""
from __future__ import annotations

import csv
import io
from typing import BinaryIO, Iterator

from parley.errors import Refused, UsageError
from parley.ingest import EXTENSIONS, READERS, STREAMING, add_sniffer
from parley.ingest.encoding import detect_head
from parley.ingest.jsonl import record_to_article
from parley.ingest.streams import ReadContext
from parley.schema import Article, Refusal

FIELDS = ("id", "text", "html", "title", "url", "outlet", "published", "language", "author")
SYNONYMS = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "story"),
    "html": ("html", "raw_html", "page_html"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "article_url"),
    "outlet": ("outlet", "source", "publisher", "site", "source_name", "publication"),
    "published": ("published", "date", "pubdate", "published_at", "publish_date", "datetime", "seendate"),
    "id": ("id", "article_id", "doc_id", "guid"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
}


def parse_map(spec: str) -> dict[str, str]:
    """'text=body,title=headline' -> {"text": "body", "title": "headline"}; UsageError if malformed."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        field, sep, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise UsageError("E020", f"--csv-map: {part!r} is not FIELD=COLUMN (e.g. text=body,title=headline)")
        if field not in FIELDS:
            raise UsageError("E021", f"--csv-map: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        out[field] = column
    return out


def _sniff(name: str, head: bytes) -> str | None:
    lower = name.lower().split("?")[0]
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    return None


def _columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """field -> column index; Refused when a mapped column is missing or no text column exists."""
    index = {h.strip().lower(): i for i, h in enumerate(header)}
    cols: dict[str, int] = {}
    for field, column in mapping.items():
        if column.strip().lower() not in index:
            raise Refused("bad-csv", f"no column {column!r} for field {field!r} (columns: {', '.join(header)[:300]})")
        cols[field] = index[column.strip().lower()]
    for field, names in SYNONYMS.items():
        if field not in cols:
            hit = next((index[n] for n in names if n in index and index[n] not in cols.values()), None)
            if hit is not None:
                cols[field] = hit
    if "text" not in cols and "html" not in cols:
        raise Refused("bad-csv", f"no text column (columns: {', '.join(header)[:300]}); name it with "
                                 "--csv-map text=COLUMN")
    return cols


def _text_stream(stream: BinaryIO) -> tuple[io.TextIOWrapper, str]:
    """A text stream over the bytes, in the encoding the start of the file shows."""
    head = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""  # type: ignore[attr-defined]
    encoding = detect_head(head)
    codec, errors = encoding, "strict"
    if encoding in ("utf-8", "utf-8+cp1252"):
        codec, errors = "utf-8-sig", "parley-cp1252"  # stray Windows-1252 bytes later are read too
    return io.TextIOWrapper(stream, encoding=codec, errors=errors, newline=""), encoding  # type: ignore[arg-type]


def read_csv(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Article | Refusal]:
    ctx = ctx or ReadContext()
    try:
        text, encoding = _text_stream(stream)
    except Refused as r:
        yield Refusal(source=source, record=None, reason=r.reason, detail=r.detail)
        return
    dialect = "excel-tab" if (ctx.name or source).lower().endswith(".tsv") else "excel"
    csv.field_size_limit(ctx.max_bytes or 2**31 - 1)
    reader = csv.reader(text, dialect=dialect, strict=True)
    try:
        header = next(reader)
        cols = _columns(header, ctx.csv_map)
    except StopIteration:
        yield Refusal(source=source, record=None, reason="empty", detail="the CSV has no header row")
        return
    except (Refused, csv.Error, UnicodeDecodeError) as exc:
        r = exc if isinstance(exc, Refused) else Refused("bad-csv", f"header: {exc}")
        yield Refusal(source=source, record="line 1", reason=r.reason, detail=r.detail)
        return
    yield from _rows(reader, cols, len(header), source, encoding, ctx)


def _rows(reader, cols: dict[str, int], width: int, source: str, encoding: str,
          ctx: ReadContext) -> Iterator[Article | Refusal]:
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "too-large" if "field larger" in str(exc) else (
                "truncated" if "unexpected end of data" in str(exc) else "bad-csv")
            yield Refusal(source=source, record=f"line {line}", reason=reason, detail=str(exc))
            continue
        except UnicodeDecodeError as exc:
            yield Refusal(source=source, record=f"line {line}", reason="bad-encoding",
                          detail=f"not {encoding}: {exc.reason}; the rest of the file is not read")
            return
        if not any(cell.strip() for cell in row):
            continue
        where = f"line {line}"
        if len(row) != width:
            yield Refusal(source=source, record=where, reason="bad-csv",
                          detail=f"{len(row)} fields where the header has {width}")
            continue
        record = {field: row[i] for field, i in cols.items() if row[i].strip()}
        try:
            yield record_to_article(record, source, where, encoding)
        except Refused as r:
            yield Refusal(source=source, record=where, reason=r.reason, detail=r.detail)


READERS["csv"] = read_csv
STREAMING.add("csv")
EXTENSIONS.update({".csv": "csv", ".tsv": "csv"})
add_sniffer(_sniff, priority=40)
