"""A scaling projection for `parley run` from measured rates (see `project`).

The model: W = cores - 1 worker processes (one core is left to the client, which is the
single writer, and the scheduler). Throughput is the smallest of four ceilings:

  compute    W x per-core coding rate x worker busy fraction (measured: time in tasks / wall)
  client     1 / client CPU seconds per article (de-duplication, receiving results, writing,
             and with a local cluster the scheduler too): the single writer's ceiling
  scheduler  chunk size / scheduler time per chunk (3 tasks a chunk, measured with no-ops)
  network    link bandwidth / bytes moved per article (chunk in, coded result out)

Time for N articles = startup (cluster + model load, measured) + N / throughput.
Rates are per dedicated core (from CPU time): the development machine is shared, so its
wall-clock rates are lower and noisier than a dedicated core's.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Measured:
    core_articles_per_s: float  # one worker process, articles per CPU second of coding
    busy_fraction: float  # share of a worker's wall time spent in tasks (gaps = overhead)
    client_cpu_s_per_article: float  # marginal client CPU per article
    scheduler_s_per_chunk: float  # 3 no-op tasks, throughput mode
    chunk_size: int
    bytes_per_article: float  # to and from a worker
    startup_s: float
    link_bytes_per_s: float = 125e6  # assumed: 1 Gbit/s at the client


def ceilings(m: Measured, cores: int) -> dict[str, float]:
    workers = max(1, cores - 1)
    return {"compute": workers * m.core_articles_per_s * m.busy_fraction,
            "client (single writer)": 1.0 / m.client_cpu_s_per_article if m.client_cpu_s_per_article > 0 else float("inf"),
            "scheduler": m.chunk_size / m.scheduler_s_per_chunk if m.scheduler_s_per_chunk > 0 else float("inf"),
            "network": m.link_bytes_per_s / m.bytes_per_article if m.bytes_per_article > 0 else float("inf")}


def project(m: Measured, cores: int, articles: int = 1_000_000) -> dict[str, object]:
    c = ceilings(m, cores)
    bound = min(c, key=c.get)  # type: ignore[arg-type]
    rate = c[bound]
    return {"cores": cores, "workers": max(1, cores - 1), **{k: round(v) for k, v in c.items()},
            "articles/s": round(rate), "bound by": bound, "hours": (m.startup_s + articles / rate) / 3600}


def crossover(m: Measured) -> int:
    """The core count from which the client (single writer) and not compute sets the pace."""
    c = ceilings(m, 2)
    per_worker = m.core_articles_per_s * m.busy_fraction
    return int(c["client (single writer)"] / per_worker) + 1
