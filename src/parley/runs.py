"""Runs: read inputs, skip what is stored, code batch by batch, write each batch in one
transaction. Library functions; the CLI and the API are thin layers over these."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from parley import __version__
from parley.ingest import read_inputs
from parley.pipeline.runner import BatchResult, CodeOptions, code_batch
from parley.schema import Article, Refusal
from parley.settings import Settings
from parley.store.db import Store

Progress = Callable[[dict[str, int]], None]
# Called after every batch is written (inside no transaction), e.g. by story grouping:
# hook(store, articles, mentions). Register with `AFTER_WRITE.append(fn)`.
AfterWrite = Callable[[Store, list[Article], list], None]
AFTER_WRITE: list[AfterWrite] = []
# Called when a run starts, before anything is read: finish what an interrupted run left
# undone after its last commit (e.g. story grouping of the last batch). hook(store).
BEFORE_RUN: list[Callable[[Store], None]] = []


def before_run(store: Store) -> None:
    for hook in BEFORE_RUN:
        hook(store)


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    coded: int = 0
    not_coded: int = 0
    mentions: int = 0
    words: int = 0
    refused: Counter = field(default_factory=Counter)
    refusals: list[Refusal] = field(default_factory=list)  # the first few, for the message
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, object]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "coded": self.coded, "not_coded": self.not_coded, "mentions": self.mentions,
                "refused": dict(self.refused), "seconds": round(self.seconds, 3), "words": self.words}

    def note(self, refusal: Refusal) -> None:
        self.refused[refusal.reason] += 1
        if len(self.refusals) < 20:
            self.refusals.append(refusal)


def options_from(settings: Settings, failure_policy: str | None = None) -> CodeOptions:
    langs = tuple(x.strip() for x in settings.code_languages.split(",") if x.strip())
    return CodeOptions(failure_policy=failure_policy or settings.failure_policy, languages=langs,
                       actor_dictionary=settings.actor_dictionary, spacy_ner=settings.spacy_ner,
                       event_scorer=settings.event_scorer, max_chars=settings.max_code_chars)


class Deduper:
    """Decides, per article, whether it is new, already stored, or an id clash."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen_hashes: set[str] = set()
        self.seen_ids: dict[str, str] = {}

    def split(self, batch: list[Article], summary: RunSummary) -> tuple[list[Article], list[Refusal]]:
        # Earlier batches are in the store by now: remembering them too would grow with the input.
        self.seen_hashes.clear()
        self.seen_ids.clear()
        stored, by_id = self.store.known(batch)
        new: list[Article] = []
        refused: list[Refusal] = []
        for a in batch:
            if a.content_hash in stored or a.content_hash in self.seen_hashes:
                summary.duplicates += 1
                continue
            other = by_id.get(a.id) or self.seen_ids.get(a.id)
            if other is not None and other != a.content_hash:
                r = Refusal(a.source or "", a.source_record or a.id, "duplicate-id",
                            f"id {a.id!r} is already used by an article with different content")
                refused.append(r)
                summary.note(r)
                continue
            self.seen_hashes.add(a.content_hash)
            self.seen_ids[a.id] = a.content_hash
            new.append(a)
        return new, refused


def batches(items: Iterable[Article | Refusal], size: int) -> Iterator[tuple[list[Article], list[Refusal]]]:
    arts: list[Article] = []
    refs: list[Refusal] = []
    for item in items:
        (refs if isinstance(item, Refusal) else arts).append(item)  # type: ignore[arg-type]
        if len(arts) >= size or len(refs) >= 1000:
            yield arts, refs
            arts, refs = [], []
    if arts or refs:
        yield arts, refs


def ingest(inputs: list[str], store: Store, settings: Settings, progress: Progress | None = None,
           failure_policy: str | None = None, command: str = "ingest",
           items: Iterable[Article | Refusal] | None = None) -> RunSummary:
    """Read, de-duplicate, code and store; every refusal is recorded with its reason.
    `items`: articles and refusals already read (e.g. fetched pages) instead of `inputs`' files."""
    summary = RunSummary()
    t0 = time.perf_counter()
    run_id = store.start_run(command + " " + " ".join(inputs))
    before_run(store)
    options = options_from(settings, failure_policy)
    dedupe = Deduper(store)
    source = items if items is not None else read_inputs(inputs, settings.max_bytes, settings=settings)
    for arts, refs in batches(source, settings.batch_size):
        summary.read += len(arts) + len(refs)
        for r in refs:
            summary.note(r)
        new, clashes = dedupe.split(arts, summary)
        result = code_batch(new, options)
        for r in result.failures:
            summary.note(r)
        write_result(store, result, refs + clashes, run_id)
        _tally(summary, result)
        if progress:
            progress(summary.counts())  # type: ignore[arg-type]
    summary.seconds = time.perf_counter() - t0
    store.finish_run(run_id, summary.counts())
    return summary


def write_result(store: Store, result: BatchResult, refusals: list[Refusal], run_id: str | None) -> None:
    """The one way a coded batch reaches the store (single process and distributed runs alike)."""
    store.write_batch(result.articles, result.mentions, refusals + result.failures, run_id,
                      coder=f"parley {__version__}")
    for hook in AFTER_WRITE:
        hook(store, result.articles, result.mentions)


def _tally(summary: RunSummary, result: BatchResult) -> None:
    summary.stored += len(result.articles)
    summary.coded += sum(1 for a in result.articles if a.status == "coded")
    summary.not_coded += sum(1 for a in result.articles if a.status != "coded")
    summary.mentions += len(result.mentions)
    summary.words += result.words
    for k, v in result.timings.items():
        summary.timings[k] = summary.timings.get(k, 0.0) + v


def recode(store: Store, settings: Settings, article_ids: list[str] | None = None,
           progress: Progress | None = None) -> RunSummary:
    """Code stored articles again; each batch's events are replaced in one transaction.
    Articles are read a batch at a time, so memory does not grow with the store."""
    summary = RunSummary()
    t0 = time.perf_counter()
    before_run(store)
    options = options_from(settings)
    if article_ids is None:
        article_ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    for i in range(0, len(article_ids), settings.batch_size):
        batch = store.articles("id IN (SELECT unnest(?))", [article_ids[i:i + settings.batch_size]])
        for a in batch:
            a.status = "coded"
        result = code_batch(batch, options)
        write_result(store, result, [], None)
        summary.read += len(batch)
        _tally(summary, result)
        if progress:
            progress(summary.counts())  # type: ignore[arg-type]
    summary.seconds = time.perf_counter() - t0
    return summary
