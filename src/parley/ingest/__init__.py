"""Ingest: turn inputs (files, directories, globs, stdin, fetched pages) into Articles or
counted Refusals.

Readers are registered by format name in `READERS`; `sniff` picks one from the name and the
first bytes (registered `SNIFFERS` first). A reader takes a binary stream, the source name and
a `ReadContext` (caps, options, what is known about the bytes) and yields `Article` or
`Refusal` items. Readers refuse bad data with a declared reason; `read_stream` also turns any
exception a reader lets escape into a refusal, so bad data never stops a run.
"""
from __future__ import annotations

import glob
import io
import lzma
import os
import sys
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from parley.errors import Refused
from parley.ingest.encoding import decode, signature
from parley.ingest.jsonl import read_json, read_jsonl
from parley.ingest.streams import ReadContext, read_capped
from parley.ingest.textdump import read_text_dump
from parley.schema import Article, Refusal

Item = Article | Refusal
Reader = Callable[[BinaryIO, str, ReadContext], Iterator[Item]]
SNIFF_BYTES = 8192
MAX_DEPTH = 4  # containers inside containers


def decode_text(data: bytes, hint: str | None = None) -> str:
    """Bytes of a text file as str (see parley.ingest.encoding); raises Refused."""
    return decode(data, hint)[0]


def refusal(source: str, record: str | None, exc: Refused) -> Refusal:
    return Refusal(source=source, record=record, reason=exc.reason, detail=exc.detail)


def _read_dump(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Item]:
    ctx = ctx or ReadContext()
    try:
        data = read_capped(stream, ctx.max_bytes)
        if not data.strip():
            raise Refused("empty", "the file is empty")
        text, encoding = decode(data, ctx.charset)
        article = read_text_dump(text, source=source)
        article.meta.update(encoding=encoding, format="text")
        yield article
    except Refused as r:
        yield refusal(source, None, r)


def _read_binary(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Item]:
    ctx = ctx or ReadContext()
    what = signature(stream.peek(64)[:64]) if hasattr(stream, "peek") else None  # type: ignore[attr-defined]
    yield Refusal(source=source, record=None, reason="binary", detail=f"the bytes are {what or 'binary data'}")


READERS: dict[str, Reader] = {"jsonl": read_jsonl, "json": read_json, "text": _read_dump, "binary": _read_binary}
# Formats holding many documents: the size cap applies to each record, not to the file.
STREAMING: set[str] = {"jsonl"}
EXTENSIONS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".txt": "text", ".text": "text"}
Sniffer = Callable[[str, bytes], str | None]
SNIFFERS: list[Sniffer] = []  # more specific formats register here (HTML, feeds, archives)
CONTENT_TYPES: dict[str, str] = {}  # HTTP content type -> format, for fetched bytes


def add_sniffer(sniffer: Sniffer, priority: int = 50) -> None:
    """Register a sniffer; lower priority runs first (containers 10, archives 20, XML/HTML 30)."""
    sniffer.priority = priority  # type: ignore[attr-defined]
    SNIFFERS.append(sniffer)
    SNIFFERS.sort(key=lambda s: getattr(s, "priority", 50))


def sniff(name: str, head: bytes, content_type: str | None = None) -> str:
    """The format name of an input from its name and first bytes (and HTTP type, if known)."""
    for sniffer in SNIFFERS:
        found = sniffer(name, head)
        if found:
            return found
    if signature(head):
        return "binary"
    ext = Path(name.split("?")[0]).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if content_type:
        found = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
        if found:
            return found
    return "text"


def _sniff_json(name: str, head: bytes) -> str | None:
    """JSON by its content: an object a line (JSON Lines) or an array of objects."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"[") and stripped[1:].lstrip()[:1] in (b"{", b"]"):
        return "json"
    return None


def expand(inputs: list[str]) -> Iterator[str | Refusal]:
    """Files from paths, directories (recursive, sorted), globs and '-' (stdin)."""
    for item in inputs:
        if item == "-":
            yield item
        elif os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (os.path.abspath(os.path.join(root, f)) for f in sorted(files) if not f.startswith("."))
        elif os.path.exists(item):
            yield os.path.abspath(item)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Refusal(source=item, record=None, reason="not-found", detail="the glob matched nothing")
            yield from (os.path.abspath(m) for m in matches if os.path.isfile(m))
        else:
            yield Refusal(source=item, record=None, reason="not-found", detail="no such file or directory")


def _buffered(stream: BinaryIO) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream, buffer_size=SNIFF_BYTES * 2)  # type: ignore[arg-type]


def _escaped(exc: BaseException) -> tuple[str, str]:
    """A reason for an exception that escaped a reader (bad data must never stop a run)."""
    if isinstance(exc, EOFError):
        return "truncated", f"the input ends early: {exc}"
    if isinstance(exc, MemoryError):
        return "too-large", "the input needs more memory than is available"
    if isinstance(exc, RecursionError):
        return "bad-html", "the document is nested too deeply to parse"
    if isinstance(exc, UnicodeError):
        return "bad-encoding", str(exc)[:300]
    if isinstance(exc, (zlib.error, lzma.LZMAError, zipfile.BadZipFile, tarfile.TarError)):
        return "bad-archive", f"{type(exc).__name__}: {exc}"[:300]
    if isinstance(exc, OSError):
        return "unreadable", f"{type(exc).__name__}: {exc}"[:300]
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else ""
    return "reader-error", f"{type(exc).__name__}: {exc}{where}"[:500]


def read_stream(stream: BinaryIO, source: str, size: int | None = None, max_bytes: int | None = None,
                ctx: ReadContext | None = None, name: str | None = None) -> Iterator[Item]:
    """Sniff and read one stream with the matching reader; never raises for bad data.
    Articles read at the top level (not inside a container) get their language identified."""
    ctx = ctx or ReadContext(max_bytes=max_bytes)
    if name:
        ctx = ctx.inner(name=name)
    items = _read_stream(stream, source, size, ctx)
    yield from (with_language(items) if ctx.depth == 0 else items)


def _read_stream(stream: BinaryIO, source: str, size: int | None, ctx: ReadContext) -> Iterator[Item]:
    try:
        buffered = _buffered(stream)
        head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    except OSError as exc:
        yield Refusal(source=source, record=None, reason="unreadable", detail=str(exc))
        return
    if not head:
        yield Refusal(source=source, record=None, reason="empty", detail="the input has no bytes")
        return
    fmt = sniff(ctx.name or source, head, ctx.content_type)
    reader = READERS.get(fmt)
    if reader is None:
        yield Refusal(source=source, record=None, reason="unsupported-format", detail=fmt)
        return
    if ctx.max_bytes and size and size > ctx.max_bytes and fmt not in STREAMING:
        yield Refusal(source=source, record=None, reason="too-large",
                      detail=f"{size} bytes > cap {ctx.max_bytes} (settings.max_bytes)")
        return
    try:
        yield from reader(buffered, source, ctx)
    except Refused as r:
        yield refusal(source, None, r)
    except Exception as exc:  # noqa: BLE001 - recorded with a reason; the batch goes on
        reason, detail = _escaped(exc)
        yield Refusal(source=source, record=None, reason=reason, detail=detail)


def read_file(path: str, ctx: ReadContext) -> Iterator[Item]:
    if path == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", ctx=ctx)
        return
    try:
        with open(path, "rb") as stream:
            yield from read_stream(stream, path, os.path.getsize(path), ctx=ctx)
    except OSError as exc:
        yield Refusal(source=path, record=None, reason="unreadable", detail=exc.strerror or str(exc))


def with_language(items: Iterable[Item]) -> Iterator[Item]:
    """Identify the language of every article that does not carry one (parley.ingest.language)."""
    from parley.ingest.language import identify

    for item in items:
        if isinstance(item, Article):
            identify(item)
        yield item


def read_inputs(inputs: list[str], max_bytes: int | None = None, settings: object | None = None,
                ctx: ReadContext | None = None) -> Iterator[Item]:
    """Every article in the inputs, or a refusal saying why not (settings give caps and options)."""
    ctx = ctx or context_from(settings, max_bytes)
    for path in expand(inputs):
        if isinstance(path, Refusal):
            yield path
        else:
            yield from read_file(path, ctx)


def context_from(settings: object | None, max_bytes: int | None = None) -> ReadContext:
    """A ReadContext from Settings (max_bytes, csv_map)."""
    from parley.ingest.csvin import parse_map

    cap = max_bytes if max_bytes is not None else getattr(settings, "max_bytes", None)
    return ReadContext(max_bytes=cap, csv_map=parse_map(getattr(settings, "csv_map", "") or ""))


add_sniffer(_sniff_json, priority=35)


def _load_formats() -> None:
    """Format modules (HTML, feeds, archives, ...) register their readers and sniffers here."""
    from parley.plugins import import_all

    import_all("parley.ingest", skip=("jsonl", "textdump", "records", "published", "encoding", "streams"))


_load_formats()
