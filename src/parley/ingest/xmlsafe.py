"""XML safety: documents that declare entities are refused, never expanded.

An entity declared in a DOCTYPE's internal subset is how "billion laughs" bombs and external
entity (XXE) reads work; news feeds and pages have no use for them. The check reads only the
prolog (before the root element), so it costs nothing on ordinary documents.
"""
from __future__ import annotations

import re

from parley.errors import Refused

_ENTITY = re.compile(rb"<!ENTITY", re.I)
_SUBSET_END = re.compile(rb"\]\s*>")
_ROOT = re.compile(rb"<[A-Za-z_]")


def _prolog_end(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    """Where the root element starts, and the spans of DOCTYPE declarations before it."""
    doctypes: list[tuple[int, int]] = []
    i = 0
    while True:
        j = data.find(b"<", i)
        if j < 0:
            return len(data), doctypes
        if data.startswith(b"<?", j):
            k = data.find(b"?>", j)
        elif data.startswith(b"<!--", j):
            k = data.find(b"-->", j)
        elif data[j:j + 9].upper() == b"<!DOCTYPE":
            bracket, close = data.find(b"[", j), data.find(b">", j)
            if bracket != -1 and (close == -1 or bracket < close):
                m = _SUBSET_END.search(data, bracket)
                k = m.end() if m else len(data)
            else:
                k = close
            doctypes.append((j, len(data) if k == -1 else k))
        elif _ROOT.match(data, j):
            return j, doctypes
        else:
            k = data.find(b">", j)
        if k == -1:
            return len(data), doctypes
        i = k + 1


def check_entities(data: bytes | str) -> None:
    """Refuse (`xml-entities`) a document whose DOCTYPE declares entities."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if b"\x00" in raw[:100]:  # UTF-16/32: look at the characters, not the bytes
        for enc in ("utf-16", "utf-32"):
            try:
                raw = raw.decode(enc).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
    if b"<!" not in raw[:1 << 20]:
        return
    _, doctypes = _prolog_end(raw)
    for start, end in doctypes:
        if _ENTITY.search(raw, start, end):
            raise Refused("xml-entities", "the DOCTYPE declares entities; they are never expanded")


def root_name(head: bytes) -> str | None:
    """The local name of the root element, from the first bytes of an XML document."""
    start, _ = _prolog_end(head)
    m = re.match(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)", head[start:start + 200])
    return m.group(2).decode("ascii").lower() if m else None
