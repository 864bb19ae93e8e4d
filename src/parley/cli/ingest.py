"""`parley ingest` and `parley recode`."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

import click
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from parley.cli import main
from parley.cli.common import errors, interactive, open_store
from parley.errors import REASONS
from parley.runs import RunSummary, ingest as run_ingest, recode as run_recode


@contextmanager
def progress(label: str) -> Iterator[Callable[[dict], None] | None]:
    """A spinner with the run's counts on an interactive terminal (None elsewhere), stopped
    however the run ends."""
    if not interactive():
        yield None
        return
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=errors, transient=True)
    task = bar.add_task(label, total=None)

    def update(c: dict) -> None:
        bar.update(task, description=f"{label}: {c['read']} read, {c['stored']} stored, "
                                     f"{c['mentions']} events, {sum(c['refused'].values())} refused")
    bar.start()
    try:
        yield update
    finally:
        bar.stop()


def _report(s: RunSummary, verb: str) -> None:
    refused = sum(s.refused.values())
    wps = s.words / s.seconds if s.seconds else 0.0
    click.echo(f"{verb}: {s.read} read, {s.stored} stored ({s.coded} coded, {s.not_coded} not coded), "
               f"{s.duplicates} already stored, {refused} refused, {s.mentions} events "
               f"in {s.seconds:.1f}s ({wps:,.0f} words/s)", err=True)
    for reason, n in sorted(s.refused.items()):
        click.echo(f"  refused {n} x {reason}: {REASONS.get(reason, '')}", err=True)
    for r in s.refusals[:10]:
        where = f"{r.source}" + (f", {r.record}" if r.record else "")
        click.echo(f"  - {where}: {r.reason}" + (f" ({r.detail})" if r.detail else ""), err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--fail-fast", is_flag=True, help="Stop at the first coding failure (default: record it and go on).")
@click.option("--csv-map", metavar="FIELD=COLUMN,...",
              help="CSV columns for article fields, e.g. text=body,title=headline (settings.csv_map).")
@click.option("--max-bytes", type=int, metavar="N", help="Cap per document in bytes (settings.max_bytes).")
@click.pass_obj
def ingest(settings, inputs: tuple[str, ...], fail_fast: bool, csv_map: str | None, max_bytes: int | None) -> None:
    """Read, code and store articles from files, directories, globs or stdin (-): HTML pages,
    RSS/Atom feeds, WARC/ARC archives, JSON Lines, JSON, CSV/TSV, text dumps, and gz, bz2, xz,
    zip or tar containers of any of these.

    Exit status: 0 when every input was read, 1 when some were refused, 2 for a usage error.
    """
    if csv_map is not None:
        from parley.ingest.csvin import parse_map

        parse_map(csv_map)  # a malformed mapping is a usage error (exit 2) before anything is read
        settings.csv_map = csv_map
    if max_bytes is not None:
        settings.max_bytes = max_bytes
    with open_store(settings) as store, progress("ingesting") as update:
        summary = run_ingest(list(inputs), store, settings, update,
                             failure_policy="raise" if fail_fast else None)
    _report(summary, "ingest")
    sys.exit(1 if summary.refused else 0)


@main.command()
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE_ID...]")
@click.pass_obj
def recode(settings, article_ids: tuple[str, ...]) -> None:
    """Code stored articles again (all, or the ones named), replacing their events."""
    with open_store(settings) as store, progress("recoding") as update:
        summary = run_recode(store, settings, list(article_ids) or None, update)
    _report(summary, "recode")
