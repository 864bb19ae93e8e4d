"""The stage registry: every pipeline stage registers here by name.

A stage is a small callable `(doc) -> doc` that declares which `Doc` attributes it
`requires` and which it `assigns`. A stage may also offer `pipe(docs) -> docs` to work on
a batch at once (the spaCy parse does). `check()` verifies a pipeline's contract before
any document is touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Protocol, runtime_checkable

from parley.errors import ParleyError
from parley.pipeline.doc import Doc


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


@dataclass
class FunctionStage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Doc], Doc | None]
    doc: str = ""

    def __call__(self, doc: Doc) -> Doc:
        result = self.func(doc)
        if result is None:
            result = doc
        if not isinstance(result, Doc):
            raise ParleyError("E020", f"stage {self.name!r} returned {type(result).__name__}, "
                              "not a Doc: did you forget to return the doc?")
        return result


REGISTRY: dict[str, Stage] = {}

# The default pipeline, in order. Stages not listed here are registered but off.
DEFAULT_PIPELINE: list[str] = [
    "parse", "sentences", "actors", "dates", "places", "attribution", "provenance", "events", "finalize",
]


def register(stage: Stage) -> Stage:
    if stage.name in REGISTRY:
        raise ParleyError("E021", f"a stage named {stage.name!r} is already registered")
    REGISTRY[stage.name] = stage
    return stage


def stage(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable:
    """Decorator registering a function `(doc) -> doc` as a stage."""
    def wrap(func: Callable[[Doc], Doc | None]) -> Callable[[Doc], Doc | None]:
        register(FunctionStage(name, tuple(requires), tuple(assigns), func,
                               (func.__doc__ or "").strip().split("\n")[0]))
        return func
    return wrap


def get(names: Iterable[str] | None = None) -> list[Stage]:
    import parley.stages  # noqa: F401  (registers the bundled stages)
    names = list(names) if names is not None else DEFAULT_PIPELINE
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ParleyError("E022", f"unknown stage(s) {', '.join(unknown)}; "
                          f"registered: {', '.join(sorted(REGISTRY))}")
    return [REGISTRY[n] for n in names]


def check(stages: list[Stage], given: Iterable[str] = ("article",)) -> None:
    """Raise if a stage requires something no earlier stage assigns."""
    have = set(given)
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ParleyError("E023", f"stage {st.name!r} requires {', '.join(missing)}, which no "
                              "earlier stage assigns; reorder the pipeline or add the stage that does")
        have.update(st.assigns)
