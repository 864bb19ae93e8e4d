"""Compressed files and archives (gzip, bzip2, xz, zip, tar) with any readable format inside.

Decompression is streamed: memory stays bounded whatever the size of the archive (a
compression bomb is cut at the per-document cap). A truncated or corrupt compressed stream
keeps every record read before the break and refuses the rest with `truncated` (or
`bad-archive`). A single document inside a broken stream is refused, not stored half.
Members of zip and tar archives are named `archive.zip!member`.
"""
from __future__ import annotations

import io
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO, Iterator

from parley.errors import Refused
from parley.ingest import (MAX_DEPTH, READERS, SNIFF_BYTES, STREAMING, Item, add_sniffer, read_stream,
                           sniff)
from parley.ingest.streams import ReadContext, decompressed, read_capped
from parley.schema import Article, Refusal

SUFFIXES = {"gzip": (".gz", ".gzip", ".tgz"), "bz2": (".bz2", ".tbz2", ".tbz"), "xz": (".xz", ".txz")}
TAR_SHORT = {".tgz", ".tbz2", ".tbz", ".txz"}


def _sniff(name: str, head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh") and (head[4:10] == b"1AY&SY" or head[4:10] == b"\x17rE8P\x90"):
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head[257:262] == b"ustar":
        return "tar"
    return None


def inner_name(name: str, kind: str) -> str:
    """The name of what a compressed file holds: x.jsonl.gz -> x.jsonl, x.tgz -> x.tar."""
    path = PurePosixPath(name.replace("\\", "/").split("?")[0])
    suffix = path.suffix.lower()
    if suffix in TAR_SHORT:
        return str(path.with_suffix(".tar"))
    if suffix in SUFFIXES.get(kind, ()):
        return str(path.with_suffix(""))
    return str(path) + ".decompressed"


def _too_deep(source: str, ctx: ReadContext) -> Refusal | None:
    if ctx.depth >= MAX_DEPTH:
        return Refusal(source=source, record=None, reason="bad-archive",
                       detail=f"containers nested more than {MAX_DEPTH} deep")
    return None


def _read_single(stream: BinaryIO, source: str, name: str, ctx: ReadContext, broken) -> Iterator[Item]:
    """A one-document format inside a compressed stream: read it whole (capped), then parse,
    unless the stream broke before its end."""
    try:
        data = read_capped(stream, ctx.max_bytes)
    except Refused as r:
        yield Refusal(source=source, record=None, reason=r.reason, detail=r.detail)
        return
    if broken():
        return  # the caller refuses it as truncated / bad-archive
    yield from read_stream(io.BytesIO(data), source, ctx=ctx, name=name)


def _compressed(kind: str):
    def read(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Item]:
        ctx = ctx or ReadContext()
        deep = _too_deep(source, ctx)
        if deep:
            yield deep
            return
        inner, dec = decompressed(stream, kind)
        name = inner_name(ctx.name or source, kind)
        sub = ctx.inner(depth=ctx.depth + 1, name=name)
        head = inner.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        fmt = sniff(name, head) if head else None
        last: Item | None = None
        if not head and dec.problem:
            items: Iterator[Item] = iter(())  # nothing decompressed: the problem is the whole story
        elif head and fmt not in STREAMING and fmt in READERS and fmt not in CONTAINERS:
            items = _read_single(inner, source, name, sub, lambda: dec.problem is not None)
        else:
            items = read_stream(inner, source, ctx=sub, name=name)
        for item in items:
            last = item
            yield item
        if dec.problem:
            reason, detail = dec.problem
            if not (isinstance(last, Refusal) and last.reason == reason):
                kept = "" if not isinstance(last, Article) else "; the records before the break are kept"
                yield Refusal(source=source, record=None, reason=reason, detail=detail + kept)
    return read


def _seekable(stream: BinaryIO) -> BinaryIO:
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    spool = tempfile.TemporaryFile()
    shutil.copyfileobj(stream, spool, 1 << 20)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def read_zip(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Item]:
    ctx = ctx or ReadContext()
    deep = _too_deep(source, ctx)
    if deep:
        yield deep
        return
    try:
        archive = zipfile.ZipFile(_seekable(stream))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Refusal(source=source, record=None, reason="bad-archive",
                      detail=f"not a readable zip (truncated or corrupt?): {exc}")
        return
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
        if not members:
            yield Refusal(source=source, record=None, reason="empty", detail="the zip holds no files")
        for info in members:
            yield from _zip_member(archive, info, f"{source}!{info.filename}", ctx)


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, ctx: ReadContext) -> Iterator[Item]:
    if info.flag_bits & 0x1:
        yield Refusal(source=where, record=None, reason="bad-archive", detail="the member is encrypted")
        return
    try:
        with archive.open(info) as member:
            yield from read_stream(member, where, info.file_size, ctx=ctx.inner(depth=ctx.depth + 1, fields={}),
                                   name=info.filename)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
        yield Refusal(source=where, record=None, reason="bad-archive", detail=f"{type(exc).__name__}: {exc}")


def read_tar(stream: BinaryIO, source: str, ctx: ReadContext | None = None) -> Iterator[Item]:
    ctx = ctx or ReadContext()
    deep = _too_deep(source, ctx)
    if deep:
        yield deep
        return
    count = 0
    try:
        with tarfile.open(fileobj=stream, mode="r|") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                count += 1
                where = f"{source}!{member.name}"
                data = archive.extractfile(member)
                if data is None:
                    continue
                yield from read_stream(data, where, member.size, ctx=ctx.inner(depth=ctx.depth + 1, fields={}),
                                       name=member.name)
    except (tarfile.ReadError, EOFError) as exc:
        reason = "truncated" if "unexpected end" in str(exc) or isinstance(exc, EOFError) else "bad-archive"
        yield Refusal(source=source, record=f"after member {count}", reason=reason, detail=f"tar: {exc}")
        return
    if count == 0:
        yield Refusal(source=source, record=None, reason="empty", detail="the tar holds no files")


CONTAINERS = {"gzip", "bz2", "xz", "zip", "tar"}
for _kind in ("gzip", "bz2", "xz"):
    READERS[_kind] = _compressed(_kind)
READERS["zip"] = read_zip
READERS["tar"] = read_tar
STREAMING.update(CONTAINERS)
add_sniffer(_sniff, priority=10)
