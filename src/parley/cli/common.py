"""Helpers shared by the commands."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

import click
from rich.console import Console

from parley.settings import Settings
from parley.store.db import Store

console = Console()
errors = Console(stderr=True)


@contextmanager
def open_store(settings: Settings, read_only: bool = False) -> Iterator[Store]:
    store = Store(settings.store, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def settings_of(ctx: click.Context) -> Settings:
    return ctx.obj


def interactive() -> bool:
    return sys.stderr.isatty()
