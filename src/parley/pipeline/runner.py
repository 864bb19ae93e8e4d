"""The batch core: a pure function from a batch of articles to coded articles and mentions.

`code_batch` touches no store and no global state beyond per-process caches of models
and dictionaries (loaded once per process), so a distributed engine can run it unchanged.
"""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from typing import Iterable

from parley.pipeline import registry
from parley.pipeline.doc import Doc
from parley.schema import Article, Mention, Refusal


@dataclass(frozen=True)
class CodeOptions:
    stages: tuple[str, ...] | None = None
    failure_policy: str = "record"  # "record": store the failure and go on; "raise": fail fast
    languages: tuple[str, ...] = ("en",)
    actor_dictionary: str | None = None
    spacy_ner: bool = False
    max_chars: int = 1_000_000  # longer texts are stored, not coded (reason too-long-to-code)
    event_scorer: str = "bundled"  # "bundled", "off" or a weights file
    recipient_ranker: str = "off"  # "off", "bundled" or a weights file


@dataclass
class BatchResult:
    articles: list[Article]
    mentions: list[Mention]
    failures: list[Refusal] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    words: int = 0


def _fail(doc: Doc, stage_name: str, exc: BaseException) -> Refusal:
    doc.article.status = "failed"
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Refusal(source=doc.article.source or doc.article.id, record=doc.article.id,
                   reason="coding-failed", detail=f"stage {stage_name}: {type(exc).__name__}: {exc}{at}")


def _too_long(article: Article, limit: int) -> Refusal:
    article.status = "failed"
    return Refusal(source=article.source or article.id, record=article.id, reason="too-long-to-code",
                   detail=f"{len(article.text):,} characters, over the coder's limit of {limit:,} "
                          "(settings.max_code_chars); the article is stored, not coded")


def _run_stage(stage: registry.Stage, docs: list[Doc], policy: str,
               failures: list[Refusal]) -> list[Doc]:
    pipe = getattr(stage, "pipe", None)
    if pipe is not None:
        try:
            return list(pipe(docs))
        except Exception:
            if policy == "raise":
                raise
            # fall through: run one by one to find the document that fails
    kept: list[Doc] = []
    for doc in docs:
        try:
            kept.append(stage(doc))
        except Exception as exc:  # noqa: BLE001 - recorded with its reason, batch goes on
            if policy == "raise":
                raise
            failures.append(_fail(doc, stage.name, exc))
    return kept


def run(docs: list[Doc], stages: list[registry.Stage], policy: str = "record",
        timings: dict[str, float] | None = None) -> tuple[list[Doc], list[Refusal]]:
    failures: list[Refusal] = []
    timings = timings if timings is not None else {}
    for st in stages:
        t0 = time.perf_counter()
        docs = _run_stage(st, docs, policy, failures)
        for doc in docs:
            doc.assigned.update(st.assigns)
        timings[st.name] = timings.get(st.name, 0.0) + time.perf_counter() - t0
    return docs, failures


def _codable(article: Article, languages: Iterable[str]) -> bool:
    return article.language is None or article.language in set(languages)


def code_batch(articles: list[Article], options: CodeOptions = CodeOptions()) -> BatchResult:
    """Code a batch of articles; returns them (with sentences, cites, status) and their mentions."""
    from parley.pipeline.resources import get_resources

    stages = registry.get(options.stages)
    registry.check(stages)
    resources = get_resources(options)
    docs, failures = [], []
    for article in articles:
        if not _codable(article, options.languages):
            article.status = "stored"
        elif len(article.text) > options.max_chars:
            failures.append(_too_long(article, options.max_chars))
        else:
            docs.append(Doc(article=article, resources=resources))
    if docs and options.max_chars > resources.nlp.max_length:
        resources.nlp.max_length = options.max_chars
    timings: dict[str, float] = {}
    done, stage_failures = run(docs, stages, options.failure_policy, timings)
    failures += stage_failures
    mentions = [m for doc in done for m in doc.mentions]
    words = sum(len(d.article.text.split()) for d in docs)
    return BatchResult(articles=articles, mentions=mentions, failures=failures,
                       timings=timings, words=words)
