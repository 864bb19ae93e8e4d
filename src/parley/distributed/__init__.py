"""Scale-out on Dask distributed: the same pipeline, with reading and coding on workers and
one writer (the client process) storing results through `runs.write_result`.

    plan.py     client: inputs -> chunks of raw bytes (bounded size, streamed)
    tasks.py    worker: read_chunk -> info_of -> code_chunk (pure functions over a chunk)
    engine.py   client: de-duplicate, keep a bounded window of chunks in flight, write in order
    cluster.py  a local cluster of N processes or an existing scheduler; model loading per worker
"""
from __future__ import annotations

from parley.distributed.cluster import connect, prepare
from parley.distributed.engine import run

__all__ = ["connect", "prepare", "run"]
