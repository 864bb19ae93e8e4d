"""The distributed run: chunks go to workers, results come back to one writer (this process).

Per chunk: the worker parses (`read_chunk`), the client de-duplicates the identities it gets
back (same rules and order as a single-process `ingest`), the worker codes what is new
(`code_chunk`), and the client writes the result with `runs.write_result` (one transaction,
AFTER_WRITE hooks). Decisions and writes happen in input order, so the store ends up as a
single-process run leaves it; at most `in_flight` chunks are out at once, so memory does not
grow with the corpus.

A worker that dies mid-chunk loses nothing: the chunk's bytes live in the task, so Dask runs
it again elsewhere, and nothing reaches the store before the client writes it. If a chunk
kills workers again and again (Dask gives up after `distributed.scheduler.allowed-failures`),
the run stops with everything before that chunk stored; the same command resumes it.
"""
from __future__ import annotations

import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import duckdb

from parley.distributed import tasks
from parley.distributed.cluster import worker_threads
from parley.distributed.plan import Chunk, plan
from parley.errors import ParleyError, UsageError
from parley.ingest import context_from
from parley.pipeline.runner import BatchResult, CodeOptions
from parley.runs import AFTER_WRITE, Deduper, before_run, Progress, RunSummary, _tally, options_from, write_result
from parley.schema import Article, Refusal
from parley.settings import Settings
from parley.store.db import Store


STORE_MEMORY = "512MB"  # DuckDB's cache in the writer: without a cap it grows with the store
MAX_WRITE = 1024  # documents written in one transaction at most, when chunks queue up


def _merge(results: list[BatchResult]) -> BatchResult:
    if len(results) == 1:
        return results[0]
    timings: dict[str, float] = {}
    for r in results:
        for k, v in r.timings.items():
            timings[k] = timings.get(k, 0.0) + v
    return BatchResult([a for r in results for a in r.articles], [m for r in results for m in r.mentions],
                       [f for r in results for f in r.failures], timings, sum(r.words for r in results))


@dataclass
class Slot:
    """One chunk in flight."""

    chunk: Chunk
    parsed: Any  # future of tasks.read_chunk
    info: Any  # future of tasks.info_of
    coded: Any = None  # future of tasks.code_chunk, once decided
    refusals: list[Refusal] | None = None
    read: int = 0


class _Kept(set):
    """A set `Deduper.split` cannot clear (it forgets each batch once it is stored)."""

    def clear(self) -> None:
        pass


class _KeptMap(dict):
    def clear(self) -> None:
        pass


class WindowDeduper(Deduper):
    """`Deduper` for chunks decided before earlier ones are written: it remembers the
    articles in flight (not yet in the store) and forgets them once written, so its memory is
    bounded by the window, not the input."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.seen_hashes = _Kept()
        self.seen_ids = _KeptMap()

    def forget(self, written: list[Article]) -> None:
        for a in written:
            set.discard(self.seen_hashes, a.content_hash)
            if self.seen_ids.get(a.id) == a.content_hash:
                dict.__delitem__(self.seen_ids, a.id)


class Engine:
    def __init__(self, client: Any, store: Store, settings: Settings, options: CodeOptions,
                 summary: RunSummary, run_id: str, in_flight: int | None, progress: Progress | None) -> None:
        self.client, self.store, self.settings, self.options = client, store, settings, options
        self.summary, self.run_id, self.progress = summary, run_id, progress
        self.in_flight = in_flight or 2 * worker_threads(client) + 2
        self.dedupe = WindowDeduper(store)
        self.ctx = context_from(settings)
        # after-write hooks (story grouping) see one write batch at a time and their result can
        # depend on where batches end: with hooks, write chunk by chunk, as `ingest` writes
        # batch by batch (chunk size = batch_size gives the same store); without, group commit
        self.max_write = 0 if AFTER_WRITE else MAX_WRITE
        self.code_task = tasks.code_chunk  # the bench swaps in a stand-in to measure the client alone
        self.slots: deque[Slot] = deque()

    def submit(self, chunk: Chunk) -> Slot:
        parsed = self.client.submit(tasks.read_chunk, chunk, self.ctx, pure=False)
        info = self.client.submit(tasks.info_of, parsed, pure=False)
        return Slot(chunk, parsed, info)

    def decide(self, slot: Slot) -> None:
        """De-duplicate the chunk's articles (in input order) and send the new ones to coding."""
        info: tasks.ChunkInfo = slot.info.result()
        self.summary.timings["read"] = self.summary.timings.get("read", 0.0) + info.seconds
        slot.read = len(info.keys) + len(info.refusals)
        t0 = time.perf_counter()
        light = [Article(id=k.id, text="", content_hash=k.content_hash, source=k.source,
                         source_record=k.source_record) for k in info.keys]
        index = {id(a): k.index for a, k in zip(light, info.keys)}
        new, clashes = self.dedupe.split(light, self.summary)
        for r in info.refusals:
            self.summary.note(r)
        slot.refusals = info.refusals + clashes
        keep = [index[id(a)] for a in new]
        slot.coded = self.client.submit(self.code_task, slot.parsed, keep, self.options, pure=False)
        self.summary.timings["dedupe"] = self.summary.timings.get("dedupe", 0.0) + time.perf_counter() - t0

    def write(self, n: int) -> None:
        """Store the `n` oldest chunks (coded) in one transaction (n > 1 when the writer is behind)."""
        slots = [self.slots[i] for i in range(n)]
        results: list[BatchResult] = [slot.coded.result() for slot in slots]
        t0 = time.perf_counter()
        batch = _merge(results)
        self.summary.read += sum(slot.read for slot in slots)
        for r in batch.failures:
            self.summary.note(r)
        write_result(self.store, batch, [r for slot in slots for r in slot.refusals or []], self.run_id)
        self.dedupe.forget(batch.articles)
        self.summary.timings["write"] = self.summary.timings.get("write", 0.0) + time.perf_counter() - t0
        _tally(self.summary, batch)
        for slot in slots:
            self.slots.popleft()
            for f in (slot.parsed, slot.info, slot.coded):
                f.release()
        if self.progress:
            self.progress(self.summary.counts())  # type: ignore[arg-type]

    def ready(self) -> int:
        """How many of the oldest chunks are coded, in order: written together (group commit)."""
        n = docs = 0
        for slot in self.slots:
            if slot.coded is None or not slot.coded.done() or (n and docs + slot.chunk.docs > self.max_write):
                break
            n, docs = n + 1, docs + slot.chunk.docs
        return n

    def step(self, wait: Any) -> None:
        """Decide every chunk whose identities are back (in order), then write the oldest when coded."""
        for slot in self.slots:
            if slot.coded is not None:
                continue
            if not slot.info.done() and slot is not self.slots[0]:
                break
            self.decide(slot)
        head = self.slots[0]
        if head.coded.done():
            self.write(self.ready())
            return
        waiting = [head.coded] + [s.info for s in self.slots if s.coded is None][:1]
        wait(waiting, return_when="FIRST_COMPLETED")

    def run(self, chunks: Iterator[Chunk]) -> None:
        from distributed import wait

        more = True
        while more or self.slots:
            while more and len(self.slots) < self.in_flight:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                else:
                    self.slots.append(self.submit(chunk))
            if self.slots:
                self.step(wait)


@contextmanager
def memory_limit(store: Store, limit: str | None) -> Iterator[None]:
    """Cap DuckDB's memory in the writer for the run (its index cache would grow with the store)."""
    old = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    try:
        store.con.execute("SET memory_limit = '" + (limit or STORE_MEMORY).replace("'", "''") + "'")
    except duckdb.Error as exc:
        raise UsageError("E097", f"--store-memory {limit!r}: {str(exc).splitlines()[0]}") from None
    try:
        yield
    finally:
        store.con.execute(f"SET memory_limit = '{old}'")


def run(inputs: list[str], store: Store, settings: Settings, client: Any, *,
        chunk_size: int | None = None, in_flight: int | None = None, progress: Progress | None = None,
        failure_policy: str | None = None, command: str = "run", store_memory: str | None = None) -> RunSummary:
    """Like `runs.ingest`, with reading and coding on the workers of `client`."""
    from distributed import KilledWorker

    from parley.distributed.cluster import prepare

    summary = RunSummary()
    t0 = time.perf_counter()
    options = options_from(settings, failure_policy)
    prepare(client, options)
    with memory_limit(store, store_memory):
        run_id = store.start_run(command + " " + " ".join(inputs))
        before_run(store)
        engine = Engine(client, store, settings, options, summary, run_id, in_flight, progress)
        try:
            engine.run(plan(inputs, engine.ctx, chunk_size or settings.batch_size))
        except KilledWorker as exc:
            where = engine.slots[0].chunk.where() if engine.slots else "?"
            raise ParleyError("E093", f"workers kept dying on a chunk ({where}): {exc}. Everything before it "
                              "is stored; run the same command again to resume") from None
        summary.seconds = time.perf_counter() - t0
        store.finish_run(run_id, summary.counts())
    return summary
