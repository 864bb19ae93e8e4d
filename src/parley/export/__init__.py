"""Exporters, picked by format name. Each takes the records of one export and a text stream.

All exporters build their rows from `parley.export.records` (one place that turns stored
mentions into contract records), so every format carries the same fields.
"""
from __future__ import annotations

from typing import Callable, Iterable, Protocol, TextIO

from parley.errors import UsageError


class Exporter(Protocol):
    name: str
    binary: bool

    def write(self, records: Iterable[dict], out: TextIO) -> int: ...


EXPORTERS: dict[str, Callable[[], Exporter]] = {}


def register(name: str) -> Callable:
    def wrap(cls: Callable[[], Exporter]) -> Callable[[], Exporter]:
        EXPORTERS[name] = cls
        return cls
    return wrap


def get(name: str) -> Exporter:
    from parley.plugins import import_all

    import_all("parley.export", skip=("records", "query"))  # each format module registers itself

    if name not in EXPORTERS:
        raise UsageError("E060", f"unknown export format {name!r}; known: {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[name]()
