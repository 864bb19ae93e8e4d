"""Worker side of a distributed run: pure functions over one chunk (no store, no client).

A chunk goes through three tasks: `read_chunk` parses its bytes into articles (kept on the
worker), `info_of` sends the client only their identities and the refusals, and after the
client has decided what is new, `code_chunk` codes those articles with the same batch core
(`code_batch`) as a single-process run. Models are loaded once per worker process
(`pipeline.resources` caches them per process).
"""
from __future__ import annotations

import io
import os
import re
import resource
import time
from dataclasses import dataclass, field
from typing import Iterator

from parley import __version__
from parley.distributed.plan import Chunk, FilePiece, ItemsPiece, LinesPiece, Piece
from parley.errors import Refused
from parley.ingest import READERS, Item, _escaped, read_stream, refusal, with_language
from parley.ingest.streams import ReadContext
from parley.pipeline.runner import BatchResult, CodeOptions, code_batch
from parley.schema import Article, Refusal

_LINE = re.compile(r"^line (\d+)")


@dataclass
class Key:
    """What the client needs of a parsed article to de-duplicate it."""

    index: int
    id: str
    content_hash: str
    source: str | None
    source_record: str | None


@dataclass
class ChunkInfo:
    keys: list[Key] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    seconds: float = 0.0  # reading (parsing) time on the worker
    worker_pid: int = 0


Parsed = tuple[list[Article], ChunkInfo]


def _shift(where: str | None, offset: int) -> str | None:
    """'line 3' of a piece that starts at line 101 of its file is 'line 103'."""
    m = _LINE.match(where or "")
    if not m or where is None:
        return where
    return f"line {int(m.group(1)) + offset}{where[m.end():]}"


def _read_lines(piece: LinesPiece, ctx: ReadContext) -> Iterator[Item]:
    """The piece's lines with the format's reader, as `read_stream` reads a whole file."""
    offset = piece.first_line - 1
    try:
        for item in with_language(READERS[piece.fmt](io.BytesIO(piece.data), piece.path, ctx)):  # type: ignore[arg-type]
            if offset:
                if isinstance(item, Refusal):
                    item.record = _shift(item.record, offset)
                else:
                    item.source_record = _shift(item.source_record, offset)
            yield item
    except Refused as r:
        yield refusal(piece.path, None, r)
    except Exception as exc:  # noqa: BLE001 - as read_stream: recorded with a reason
        reason, detail = _escaped(exc)
        yield Refusal(source=piece.path, record=None, reason=reason, detail=detail)


def read_piece(piece: Piece, ctx: ReadContext) -> Iterator[Item]:
    if isinstance(piece, LinesPiece):
        yield from _read_lines(piece, ctx)
    elif isinstance(piece, FilePiece):
        yield from read_stream(io.BytesIO(piece.data), piece.path, piece.size, ctx=ctx)
    elif isinstance(piece, ItemsPiece):
        yield from piece.items


def read_chunk(chunk: Chunk, ctx: ReadContext) -> Parsed:
    """Parse a chunk's bytes: the articles stay on the worker, their identities go back."""
    t0 = time.perf_counter()
    articles: list[Article] = []
    info = ChunkInfo(worker_pid=os.getpid())
    for piece in chunk.pieces:
        for item in read_piece(piece, ctx):
            if isinstance(item, Refusal):
                info.refusals.append(item)
            else:
                info.keys.append(Key(len(articles), item.id, item.content_hash, item.source, item.source_record))
                articles.append(item)
    info.seconds = time.perf_counter() - t0
    return articles, info


def info_of(parsed: Parsed) -> ChunkInfo:
    return parsed[1]


def code_chunk(parsed: Parsed, keep: list[int], options: CodeOptions) -> BatchResult:
    """Code the articles the client kept (by index), with the single-process batch core."""
    articles = parsed[0]
    return code_batch([articles[i] for i in keep], options)


# A small article of our own, read and coded once when a worker starts (`warm_up`).
WARM_UP_TEXT = ("GENEVA, March 3 (Wire) - The foreign minister of Norway said on Tuesday that her government "
                "was ready to host talks between the two sides if both agreed to a ceasefire along the "
                "current front line. Officials in Kyiv rejected the offer, saying no negotiations could "
                "begin while troops remained on Ukrainian soil. Russia did not respond to a request for "
                "comment. The United Nations urged both parties to resume the exchange of prisoners.")
WARM_UP = LinesPiece("<parley warm-up>", "jsonl", 1, (
    '{"id": "parley-warm-up", "title": "Norway offers to host talks", "outlet": "Wire", '
    '"published": "2024-03-03", "text": "' + WARM_UP_TEXT + '"}\n').encode())


def load_models(options: CodeOptions) -> float:
    """Load this process's models now (not on the first chunk); returns the seconds it took."""
    from parley.pipeline.resources import get_resources

    t0 = time.perf_counter()
    res = get_resources(options)
    res.nlp, res.actors, res.lexicon  # noqa: B018 - cached properties: loading is the point
    return time.perf_counter() - t0


def warm_up(options: CodeOptions, ctx: ReadContext | None = None) -> float:
    """Read and code one small article of our own, so that what the first real chunk would pay
    once per process (the readers' and language identifier's imports, spaCy's and the coder's
    lazy set-up: ~2 s of CPU) is paid at worker start, beside model loading; returns seconds."""
    t0 = time.perf_counter()
    articles, info = read_chunk(Chunk(-1, [WARM_UP], 1, len(WARM_UP.data)), ctx or ReadContext())
    if info.refusals or len(articles) != 1:
        raise RuntimeError(f"the worker's warm-up article was refused: {info.refusals}")
    code_batch(articles, options)
    return time.perf_counter() - t0


def worker_info() -> dict[str, object]:
    """Version, process id, peak memory and how often models were loaded in this process."""
    from parley.pipeline.resources import _cached

    info = _cached.cache_info()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"parley": __version__, "pid": os.getpid(), "model_loads": info.misses,
            "peak_rss_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime}
