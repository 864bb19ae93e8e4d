"""Client side of a distributed run: cut the inputs into chunks of bounded size, streaming.

The client reads bytes, never parses: a chunk carries raw bytes (whole small files, or a run
of lines of a JSON Lines file with the number of its first line) and a worker parses and
codes them. So workers need no shared file system, and the client's memory holds at most
the chunks in flight. Formats that hold many documents but cannot be cut by lines (archives,
feeds registered in `STREAMING`) and stdin are read here with their reader and shipped as
parsed items, still chunk by chunk.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

from parley.ingest import SNIFF_BYTES, STREAMING, Item, expand, read_stream, sniff
from parley.ingest.streams import ReadContext
from parley.schema import Refusal

LINE_FORMATS = {"jsonl"}  # formats with one document a line: cut into line ranges


@dataclass
class FilePiece:
    """One file holding one document, read by the worker with `read_stream`."""

    path: str
    size: int
    data: bytes  # the whole file, or only its head when it is over the size cap


@dataclass
class LinesPiece:
    """Lines `first_line ...` of a one-document-a-line file, read with the format's reader."""

    path: str
    fmt: str
    first_line: int
    data: bytes


@dataclass
class ItemsPiece:
    """Items already read on the client (stdin, archives, refusals of paths)."""

    items: list[Item]


Piece = FilePiece | LinesPiece | ItemsPiece


@dataclass
class Chunk:
    seq: int
    pieces: list[Piece] = field(default_factory=list)
    docs: int = 0
    nbytes: int = 0

    def where(self) -> str:
        """Where the chunk's documents come from, for messages."""
        parts = []
        for p in self.pieces[:3]:
            if isinstance(p, LinesPiece):
                parts.append(f"{p.path} from line {p.first_line}")
            elif isinstance(p, FilePiece):
                parts.append(p.path)
            else:
                parts.append(f"{len(p.items)} items read by the client")
        return ", ".join(parts) + (" ..." if len(self.pieces) > 3 else "")


class Chunker:
    """Packs pieces into chunks of at most `size` documents and about `max_bytes` bytes."""

    def __init__(self, size: int, max_bytes: int) -> None:
        self.size = max(1, size)
        self.max_bytes = max_bytes
        self.seq = 0
        self.current = Chunk(0)

    def room(self) -> int:
        return self.size - self.current.docs

    def full(self) -> bool:
        return self.current.docs >= self.size or self.current.nbytes >= self.max_bytes

    def add(self, piece: Piece, docs: int, nbytes: int) -> Iterator[Chunk]:
        self.current.pieces.append(piece)
        self.current.docs += docs
        self.current.nbytes += nbytes
        if self.full():
            yield self.flush()

    def flush(self) -> Chunk:
        done = self.current
        self.seq += 1
        self.current = Chunk(self.seq)
        return done

    def rest(self) -> Iterator[Chunk]:
        if self.current.pieces:
            yield self.flush()


def plan(inputs: list[str], ctx: ReadContext, chunk_size: int,
         chunk_bytes: int = 8_000_000) -> Iterator[Chunk]:
    """The inputs as chunks, in input order; reads each file once, a bounded piece at a time."""
    chunker = Chunker(chunk_size, chunk_bytes)
    for path in expand(inputs):
        if isinstance(path, Refusal):
            yield from chunker.add(ItemsPiece([path]), 1, 0)
        elif path == "-":
            yield from _client_read(chunker, sys.stdin.buffer, "<stdin>", None, ctx)
        else:
            yield from _plan_file(chunker, path, ctx)
    yield from chunker.rest()


def _plan_file(chunker: Chunker, path: str, ctx: ReadContext) -> Iterator[Chunk]:
    try:
        with open(path, "rb") as stream:
            size = os.path.getsize(path)
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            fmt = sniff(path, head)
            if fmt in LINE_FORMATS:
                yield from _plan_lines(chunker, stream, path, fmt)
            elif fmt in STREAMING:
                yield from _client_read(chunker, stream, path, size, ctx)
            elif ctx.max_bytes and size > ctx.max_bytes:
                yield from chunker.add(FilePiece(path, size, head), 1, len(head))  # refused by the worker
            else:
                data = stream.read()
                yield from chunker.add(FilePiece(path, size, data), 1, len(data))
    except OSError as exc:
        refusal = Refusal(source=path, record=None, reason="unreadable", detail=exc.strerror or str(exc))
        yield from chunker.add(ItemsPiece([refusal]), 1, 0)


def _plan_lines(chunker: Chunker, stream: BinaryIO, path: str, fmt: str) -> Iterator[Chunk]:
    """Runs of lines; blank lines travel along (they count for line numbers, not as documents)."""
    lines: list[bytes] = []
    first, lineno, docs, nbytes = 1, 0, 0, 0
    for line in stream:
        lineno += 1
        lines.append(line)
        nbytes += len(line)
        docs += 1 if line.strip() else 0
        if docs >= chunker.room() or chunker.current.nbytes + nbytes >= chunker.max_bytes:
            yield from chunker.add(LinesPiece(path, fmt, first, b"".join(lines)), docs, nbytes)
            lines, first, docs, nbytes = [], lineno + 1, 0, 0
    if lines:
        yield from chunker.add(LinesPiece(path, fmt, first, b"".join(lines)), docs, nbytes)


def _client_read(chunker: Chunker, stream: BinaryIO, source: str, size: int | None,
                 ctx: ReadContext) -> Iterator[Chunk]:
    """Formats the client reads itself, shipped as parsed items in chunks."""
    items: list[Item] = []
    nbytes = 0
    for item in read_stream(stream, source, size, ctx=ctx):
        items.append(item)
        nbytes += len(getattr(item, "text", "") or "")
        if len(items) >= chunker.room() or chunker.current.nbytes + nbytes >= chunker.max_bytes:
            yield from chunker.add(ItemsPiece(items), len(items), nbytes)
            items, nbytes = [], 0
    if items:
        yield from chunker.add(ItemsPiece(items), len(items), nbytes)
