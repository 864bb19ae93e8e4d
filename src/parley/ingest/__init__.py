"""Ingest: turn inputs (files, directories, globs, stdin) into Articles or counted Refusals.

Readers are registered by format name in `READERS`; `sniff` picks one from the file name
and its first bytes. A reader takes a binary stream and the source name and yields
`Article` or `Refusal` items; it never raises for bad data.
"""
from __future__ import annotations

import glob
import io
import os
import sys
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from parley.errors import Refused
from parley.ingest.jsonl import read_jsonl
from parley.ingest.textdump import read_text_dump
from parley.schema import Article, Refusal

Item = Article | Refusal
Reader = Callable[[BinaryIO, str], Iterator[Item]]
SNIFF_BYTES = 8192


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else refused."""
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Refused("binary", "NUL bytes in the first 8 KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused("bad-encoding", f"not UTF-8 at byte {exc.start}")


def _read_dump(stream: BinaryIO, source: str) -> Iterator[Item]:
    try:
        data = stream.read()
        if not data.strip():
            raise Refused("empty", "the file is empty")
        yield read_text_dump(decode_text(data), source=source)
    except Refused as r:
        yield Refusal(source=source, record=None, reason=r.reason, detail=r.detail)


READERS: dict[str, Reader] = {"jsonl": read_jsonl, "text": _read_dump}
STREAMING: set[str] = {"jsonl"}  # formats holding many documents: the size cap is per record
EXTENSIONS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text", ".text": "text"}
Sniffer = Callable[[str, bytes], str | None]
SNIFFERS: list[Sniffer] = []  # more specific formats register here (HTML, feeds, archives)


def sniff(name: str, head: bytes) -> str:
    """The format name of an input from its name and first bytes."""
    for sniffer in SNIFFERS:
        found = sniffer(name, head)
        if found:
            return found
    ext = Path(name).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


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


def read_stream(stream: BinaryIO, source: str, size: int | None = None,
                max_bytes: int | None = None) -> Iterator[Item]:
    """Sniff and read one stream with the matching reader."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    fmt = sniff(source, head)
    reader = READERS.get(fmt)
    if reader is None:
        yield Refusal(source=source, record=None, reason="unsupported-format", detail=fmt)
        return
    if max_bytes and size and size > max_bytes and fmt not in STREAMING:
        yield Refusal(source=source, record=None, reason="too-large", detail=f"{size} bytes > cap {max_bytes}")
        return
    yield from reader(buffered, source)


def read_inputs(inputs: list[str], max_bytes: int | None = None) -> Iterator[Item]:
    """Every article in the inputs, or a refusal saying why not."""
    for path in expand(inputs):
        if isinstance(path, Refusal):
            yield path
            continue
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", None, max_bytes)
            continue
        try:
            with open(path, "rb") as stream:
                yield from read_stream(stream, path, os.path.getsize(path), max_bytes)
        except OSError as exc:
            yield Refusal(source=path, record=None, reason="unreadable", detail=exc.strerror or str(exc))


def _load_formats() -> None:
    """Format modules (HTML, feeds, archives, ...) register their readers and sniffers here."""
    from parley.plugins import import_all

    import_all("parley.ingest", skip=("jsonl", "textdump", "records", "published"))


_load_formats()
