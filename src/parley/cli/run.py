"""`parley run`: ingest on a Dask cluster (local worker processes or an existing scheduler)."""
from __future__ import annotations

import os
import sys

import click

from parley.cli import main
from parley.cli.common import open_store
from parley.cli.ingest import _report, progress


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--workers", type=int, metavar="N",
              help="Start a local Dask cluster of N worker processes (default: one per core).")
@click.option("--dask", "address", metavar="ADDRESS",
              help="Use the Dask scheduler at ADDRESS (e.g. tcp://10.0.0.5:8786) and its workers.")
@click.option("--chunk-size", type=click.IntRange(1), metavar="N",
              help="Documents per chunk (one task, one write transaction); default: batch_size.")
@click.option("--in-flight", type=click.IntRange(1), metavar="N",
              help="Chunks out at once (default: 2 per worker thread + 2); bounds memory.")
@click.option("--store-memory", metavar="SIZE",
              help="Cap on the store's (DuckDB's) memory in this process for the run, e.g. 1GB (default 512MB).")
@click.option("--timeout", type=float, default=20.0, show_default=True, metavar="SECONDS",
              help="How long to wait for the scheduler and a first worker.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first coding failure (default: record it and go on).")
@click.pass_obj
def run(settings, inputs: tuple[str, ...], workers: int | None, address: str | None,
        chunk_size: int | None, in_flight: int | None, store_memory: str | None, timeout: float, fail_fast: bool) -> None:
    """Read, code and store like `ingest`, spread over Dask workers; one writer stores results.

    Stored articles are skipped, so after an interruption the same command resumes the run.
    Exit status: 0 when every input was read, 1 when some were refused, 2 for a usage error.
    """
    from parley import distributed

    if workers is None and not address:
        workers = os.cpu_count() or 1
    with distributed.connect(workers, address, timeout) as client, open_store(settings) as store:
        where = address or f"{workers} local worker process{'es' if workers != 1 else ''}"
        click.echo(f"run: on {where}", err=True)
        with progress("running") as update:
            summary = distributed.run(list(inputs), store, settings, client, chunk_size=chunk_size,
                                      in_flight=in_flight, progress=update, store_memory=store_memory,
                                      failure_policy="raise" if fail_fast else None)
    _report(summary, "run")
    sys.exit(1 if summary.refused else 0)
