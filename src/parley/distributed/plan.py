"""Client side of a distributed run: cut the inputs into chunks of bounded size, streaming.

The client reads bytes, never parses: a chunk carries raw bytes (whole small files, or a run
of lines of a JSON Lines file with the number of its first line) and a worker parses and
codes them. So workers need no shared file system, and the client's memory holds at most
the chunks in flight. Formats that hold many documents but cannot be cut by lines (archives,
feeds registered in `STREAMING`) and stdin are read here with their reader and shipped as
parsed items, still chunk by chunk.

A *block* is `chunk_size` documents: one write transaction (story grouping follows write
batches, so a block holds what a single-process batch holds). Usually a chunk is a block. In
the run's *tail* (the last `tail_docs` documents, estimated from the last input's size), blocks
are cut into smaller chunks, so that the last chunk does not run alone on one worker while the
others wait for it: the writer still writes whole blocks.
"""
from __future__ import annotations

import math
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
    block_end: bool = True  # the last chunk of its block: the writer may write up to here

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
    """Packs pieces into blocks of at most `size` documents and about `max_bytes` bytes, each
    one chunk, or (in the tail, `split` > 1) cut into chunks of about size / split documents."""

    def __init__(self, size: int, max_bytes: int) -> None:
        self.size = max(1, size)
        self.max_bytes = max_bytes
        self.seq = 0
        self.current = Chunk(0)
        self.block_docs = 0  # documents of the current block in chunks already made
        self.limit = self.size  # documents per chunk: the block size, smaller in the tail
        self.held: Chunk | None = None

    def split(self, parts: int) -> None:
        """From now on, cut blocks into `parts` chunks (the tail of the run)."""
        self.limit = max(1, math.ceil(self.size / max(1, parts)))

    def room(self) -> int:
        return min(self.limit - self.current.docs, self.size - self.block_docs - self.current.docs)

    def full(self) -> bool:
        return self.room() <= 0 or self.current.nbytes >= self.max_bytes

    def add(self, piece: Piece, docs: int, nbytes: int) -> Iterator[Chunk]:
        self.current.pieces.append(piece)
        self.current.docs += docs
        self.current.nbytes += nbytes
        if self.full():
            yield from self._emit(self.flush())

    def _emit(self, chunk: Chunk) -> Iterator[Chunk]:
        """Chunks leave one step late: the last one must end its block, known only at the end."""
        if self.held is not None:
            yield self.held
        self.held = chunk

    def flush(self) -> Chunk:
        done = self.current
        self.block_docs += done.docs
        done.block_end = self.block_docs >= self.size or done.nbytes >= self.max_bytes
        if done.block_end:
            self.block_docs = 0
        self.seq += 1
        self.current = Chunk(self.seq)
        return done

    def rest(self) -> Iterator[Chunk]:
        if self.current.pieces:
            yield from self._emit(self.flush())
        if self.held is not None:
            self.held.block_end = True
            self.block_docs = 0
            yield self.held
            self.held = None


def _ahead(paths: Iterator[str | Refusal], n: int) -> Iterator[tuple[str | Refusal, int | None]]:
    """Each path with how many paths follow it, when fewer than `n` do (else None): a lookahead
    of at most `n` paths, so memory stays bounded."""
    window: list[str | Refusal] = []
    for p in paths:
        window.append(p)
        if len(window) > n:
            yield window.pop(0), None
    while window:
        yield window.pop(0), len(window)


def plan(inputs: list[str], ctx: ReadContext, chunk_size: int,
         chunk_bytes: int = 8_000_000, tail_docs: int = 0, tail_split: int = 4) -> Iterator[Chunk]:
    """The inputs as chunks, in input order; reads each file once, a bounded piece at a time.
    The last `tail_docs` documents (0: none) go in chunks of chunk_size / tail_split."""
    chunker = Chunker(chunk_size, chunk_bytes)
    for path, after in _ahead(expand(inputs), max(1, tail_docs)):
        tail = (tail_docs, tail_split, after) if tail_docs and after is not None else None
        if isinstance(path, Refusal):
            yield from chunker.add(ItemsPiece([path]), 1, 0)
        elif path == "-":
            yield from _client_read(chunker, sys.stdin.buffer, "<stdin>", None, ctx)
        else:
            yield from _plan_file(chunker, path, ctx, tail)
    yield from chunker.rest()


def _plan_file(chunker: Chunker, path: str, ctx: ReadContext,
               tail: tuple[int, int, int] | None = None) -> Iterator[Chunk]:
    """`tail`: (tail documents, parts, paths after this one) when few paths follow."""
    try:
        with open(path, "rb") as stream:
            size = os.path.getsize(path)
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            fmt = sniff(path, head)
            if tail and fmt not in LINE_FORMATS and tail[2] < tail[0]:
                chunker.split(tail[1])  # one document a file: the last files are the tail
            if fmt in LINE_FORMATS:
                last = tail[:2] if tail and tail[2] == 0 else None
                yield from _plan_lines(chunker, stream, path, fmt, size, last)
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


def _plan_lines(chunker: Chunker, stream: BinaryIO, path: str, fmt: str, size: int = 0,
                tail: tuple[int, int] | None = None) -> Iterator[Chunk]:
    """Runs of lines; blank lines travel along (they count for line numbers, not as documents).
    `tail` (the last input): (documents, parts): cut the blocks of its last documents (estimated
    from the bytes left and the mean line so far) into parts."""
    lines: list[bytes] = []
    first, lineno, docs, nbytes, seen = 1, 0, 0, 0, 0
    for line in stream:
        lineno += 1
        lines.append(line)
        nbytes += len(line)
        seen += len(line)
        docs += 1 if line.strip() else 0
        if tail and (size - seen) * lineno < tail[0] * seen:
            chunker.split(tail[1])
            tail = None
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
