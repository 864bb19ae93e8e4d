"""Reading streams in bounded memory: capped reads, capped lines, and decompressing streams
that report a truncated or corrupt input instead of raising in the middle of a reader."""
from __future__ import annotations

import bz2
import io
import lzma
import zlib
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, Iterator

from parley.errors import Refused

CHUNK = 1 << 16


@dataclass(frozen=True)
class ReadContext:
    """What a reader knows besides its bytes: limits, options, and where the bytes came from."""

    max_bytes: int | None = None  # cap per document (per record for multi-document formats)
    csv_map: dict[str, str] = field(default_factory=dict)  # article field -> CSV column
    depth: int = 0  # container nesting
    name: str | None = None  # the name to sniff by, when it differs from the source (x.jsonl.gz -> x.jsonl)
    url: str | None = None  # the URL the bytes were fetched or archived from
    content_type: str | None = None  # from an HTTP header, when known
    charset: str | None = None  # declared by an HTTP header, when known
    fields: dict[str, Any] = field(default_factory=dict)  # known fields (e.g. a WARC record's date)

    def inner(self, **changes: Any) -> "ReadContext":
        return replace(self, **changes)


def read_capped(stream: BinaryIO, cap: int | None) -> bytes:
    """The whole stream, refused as `too-large` past `cap` bytes (reading at most cap + 1)."""
    if not cap:
        return stream.read()
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise Refused("too-large", f"over the cap of {cap} bytes (settings.max_bytes)")
    return data


def skip_line(stream: BinaryIO) -> int:
    """Read to the end of the current line without keeping it; returns the bytes skipped."""
    skipped = 0
    while True:
        part = stream.readline(CHUNK)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def iter_lines(stream: BinaryIO, cap: int | None) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line bytes or None when over the cap, line length); memory <= cap."""
    lineno = 0
    limit = (cap + 1) if cap else -1
    while True:
        line = stream.readline(limit)
        if not line:
            return
        lineno += 1
        if cap and len(line) > cap and not line.endswith(b"\n"):
            yield lineno, None, len(line) + skip_line(stream)
            continue
        yield lineno, line, len(line)


class Decompressed(io.RawIOBase):
    """A gzip, bzip2 or xz stream decompressed on the fly (concatenated members too).

    A truncated input ends the stream cleanly and sets `problem` to ("truncated", detail);
    corrupt data sets ("bad-archive", detail). Everything decompressed before the break is
    delivered, so readers keep every record read before it."""

    def __init__(self, raw: BinaryIO, kind: str) -> None:
        self.raw, self.kind = raw, kind
        self.problem: tuple[str, str] | None = None
        self.consumed = 0
        self._dec: Any = self._new()
        self._pending = b""
        self._done = False

    def _new(self) -> Any:
        if self.kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.kind == "bz2":
            return bz2.BZ2Decompressor()
        return lzma.LZMADecompressor()

    def readable(self) -> bool:
        return True

    def _input(self) -> bytes | None:
        """The next compressed bytes to feed, or None at the end (setting `problem` if early)."""
        dec = self._dec
        if dec.eof:
            rest = dec.unused_data or self._read()
            if not rest.strip(b"\x00"):  # the end (or NUL padding) after a whole member
                self._done = True
                return None
            self._dec = self._new()
            return rest
        if self.kind == "gzip" and dec.unconsumed_tail:
            return dec.unconsumed_tail
        if self.kind != "gzip" and not dec.needs_input:
            return b""
        chunk = self._read()
        if not chunk:
            self._done = True
            self.problem = ("truncated", f"the {self.kind} stream ends early "
                                         f"(after {self.consumed} compressed bytes)")
            return None
        return chunk

    def _read(self) -> bytes:
        chunk = self.raw.read(CHUNK)
        self.consumed += len(chunk)
        return chunk

    def _fill(self) -> None:
        """Decompress at most CHUNK bytes at a time (a compression bomb stays bounded)."""
        while not self._pending and not self._done:
            data = self._input()
            if data is None:
                return
            try:
                if self.kind == "gzip":
                    self._pending = self._dec.decompress(data, CHUNK)
                else:
                    self._pending = self._dec.decompress(data, max_length=CHUNK)
            except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError) as exc:
                self._done = True
                self.problem = ("bad-archive", f"corrupt {self.kind} data after {self.consumed} "
                                               f"compressed bytes: {exc}")

    def readinto(self, buffer: Any) -> int:
        self._fill()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def decompressed(raw: BinaryIO, kind: str) -> tuple[io.BufferedReader, Decompressed]:
    inner = Decompressed(raw, kind)
    return io.BufferedReader(inner, buffer_size=CHUNK), inner
