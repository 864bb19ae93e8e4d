"""Per-step timing of the provenance store hook, for bench/provenance_bench.py --steps.

Wraps the named steps of the incremental path (annotation, features, store round trips,
pair tests, site markers, event merging) with timers that add up wall-clock and CPU time
(time.process_time: robust on a shared machine) per step. Steps nest (a store round trip
inside grouping), so the table shows each step's own time and the time of its parent; the
wrappers cost about a microsecond a call, far below the steps they time.
"""
from __future__ import annotations

import functools
import time
from typing import Any, Callable

# (label, parent label or None, module path, attribute path)
STEPS: list[tuple[str, str | None, str, str]] = [
    ("hook total", None, "parley.provenance.hooks", "_after_write"),
    ("annotate: cites", "hook total", "parley.provenance.article", "credited"),
    ("annotate: markers", "hook total", "parley.provenance.article", "text_markers"),
    ("grouping", "hook total", "parley.provenance.group", "Grouper.add"),
    ("language guess", "grouping", "parley.provenance.group", "guess_language"),
    ("features", "grouping", "parley.provenance.group", "features"),
    ("features: shingles", "features", "parley.provenance.features", "_shingles"),
    ("features: minhash", "features", "parley.provenance.features", "minhash"),
    ("features: sentences", "features", "parley.provenance.features", "_sentence_features"),
    ("features: anchors", "features", "parley.provenance.features", "anchors"),
    ("index keys (bands, sentences, anchors)", "grouping", "parley.provenance.group", "Grouper._keys"),
    ("store: write rows and postings", "grouping", "parley.provenance.index", "Index.add"),
    ("store: candidate lookup", "grouping", "parley.provenance.index", "Index.candidates"),
    ("lookup: load the postings mirror", "store: candidate lookup", "parley.provenance.postings", "Postings.load"),
    ("lookup: pair counts (mirror)", "store: candidate lookup", "parley.provenance.postings", "_join"),
    ("store: candidate rows", "grouping", "parley.provenance.index", "Index.docs"),
    ("store: candidate features", "grouping", "parley.provenance.group", "Grouper._features_of"),
    ("store: anchor frequencies", "grouping", "parley.provenance.index", "Index.df"),
    ("store: story members (merges)", "grouping", "parley.provenance.index", "Index.story_docs"),
    ("store: write grouping", "grouping", "parley.provenance.index", "Index.update"),
    ("pair tests", "grouping", "parley.provenance.group", "relate"),
    ("pair: shingle Jaccard", "pair tests", "parley.provenance.relate", "jaccard_containment"),
    ("pair: anchor overlap", "pair tests", "parley.provenance.relate", "anchor_overlap"),
    ("pair: vocabulary screen", "pair tests", "parley.provenance.relate", "vocabulary_overlap"),
    ("pair: sentence alignment", "pair tests", "parley.provenance.relate", "_alignment"),
    ("pair: sentence alignment", "pair tests", "parley.provenance.relate", "alignment"),  # before _alignment
    ("site markers", "hook total", "parley.provenance.hooks", "_site_markers"),
    ("store: save cites and markers", "hook total", "parley.provenance.hooks", "_save_article_fields"),
    ("event merging", "hook total", "parley.provenance.events", "dedupe"),
]


class StepTimer:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._undo: list[tuple[Any, str, Any]] = []

    def install(self) -> "StepTimer":
        import importlib

        for label, _, module, attr in STEPS:
            owner: Any = importlib.import_module(module)
            *path, name = attr.split(".")
            for p in path:
                owner = getattr(owner, p)
            if not hasattr(owner, name):
                continue  # a step this version of the code does not have
            original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
            self._undo.append((owner, name, original))
            if isinstance(original, staticmethod):
                setattr(owner, name, staticmethod(self._wrap(label, original.__func__)))
            elif isinstance(original, classmethod):
                setattr(owner, name, classmethod(self._wrap(label, original.__func__)))
            else:
                setattr(owner, name, self._wrap(label, original))
        return self

    def uninstall(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()

    def _wrap(self, label: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[label] = self.wall.get(label, 0.0) + time.perf_counter() - w
                self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - c
                self.calls[label] = self.calls.get(label, 0) + 1
        return timed

    def table(self, articles: int) -> str:
        lines = ["| step | part of | calls | CPU ms/article | wall ms/article | share of hook CPU |",
                 "|---|---|---|---|---|---|"]
        total = self.cpu.get("hook total", 0.0) or 1.0
        shown: set[str] = set()
        for label, parent, _, _ in STEPS:
            if label not in self.calls or label in shown:
                continue
            shown.add(label)
            cpu, wall = self.cpu[label], self.wall[label]
            lines.append(f"| {label} | {parent or ''} | {self.calls[label]:,} | {1000 * cpu / articles:.3f} | "
                         f"{1000 * wall / articles:.3f} | {100 * cpu / total:.1f}% |")
        return "\n".join(lines)
