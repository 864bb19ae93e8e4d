"""Getting a Dask client: a local cluster of N worker processes, or an existing scheduler."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Iterator

from parley import __version__
from parley.errors import ParleyError, UsageError
from parley.pipeline.runner import CodeOptions


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ParleyError("E090", "parley run needs Dask distributed: pip install 'parley[dask]'")
    return distributed


@contextmanager
def connect(workers: int | None = None, address: str | None = None,
            timeout: float = 20.0) -> Iterator[Any]:
    """A `distributed.Client`: on `address`, or on a new local cluster of `workers` processes.

    Local workers are single-threaded processes (the coder holds the GIL), so N workers
    code N chunks at once."""
    if workers is not None and address:
        raise UsageError("E091", "give --workers N (a local cluster) or --dask ADDRESS, not both")
    if workers is not None and workers < 1:
        raise UsageError("E092", f"--workers must be 1 or more, got {workers}")
    dd = _distributed()
    if address:
        try:
            client = dd.Client(address, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise ParleyError("E094", f"cannot reach the Dask scheduler at {address}: {exc}")
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    # Two Dask defaults slow the coder down (docs/operations.md says how to set them on remote
    # workers): the statistical profiler samples every task's stack 100 times a second, and
    # MALLOC_TRIM_THRESHOLD_ (set by the nanny) costs spaCy 15-25% more CPU per article.
    with dask.config.set({"distributed.worker.profile.enabled": False,
                          "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        cluster = dd.LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR)
    client = dd.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def prepare(client: Any, options: CodeOptions, timeout: float = 60.0) -> dict[str, dict]:
    """Wait for a worker, check every worker runs this parley, and load models on each once
    (and read and code a warm-up article, so the first chunk does not pay first-call costs).

    The models are loaded by a worker plugin, so a worker that joins later (or is restarted
    after a crash) loads them at start too."""
    from parley.distributed import tasks

    dd = _distributed()
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ParleyError("E095", f"no Dask worker joined within {timeout:.0f}s")
    infos = client.run(tasks.worker_info)
    wrong = {addr: i["parley"] for addr, i in infos.items() if i["parley"] != __version__}
    if wrong:
        raise ParleyError("E096", f"workers run another parley version than this client ({__version__}): "
                          + ", ".join(f"{a} has {v}" for a, v in sorted(wrong.items())))

    class ModelPlugin(dd.WorkerPlugin):
        name = "parley-models"

        def setup(self, worker: Any) -> None:
            tasks.load_models(options)
            tasks.warm_up(options)

    client.register_plugin(ModelPlugin(), name="parley-models")
    return client.run(tasks.worker_info)


def worker_threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))
