"""The one document object that every stage reads and writes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parley.schema import Article, Entity, Location, Mention, Sentence, Span


@dataclass
class ActorMention:
    """An entity found in the text: token range [i, j) of the spaCy doc, resolved to PLOVER."""

    i: int
    j: int
    entity: Entity
    source: str  # "dictionary", "ner", "nationality", "backref", ...


@dataclass
class DateMention:
    """A date expression resolved against the publication date."""

    span: Span
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    enddate: str | None = None
    granularity: str | None = None  # year | month | day | range
    sentence: int = -1


@dataclass
class PlaceMention:
    span: Span
    location: Location
    sentence: int = -1


@dataclass
class Candidate:
    """An event found by the coder, before it becomes a `Mention`."""

    sentence: int
    event: str
    trigger: list[int]  # token indices of the trigger words
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    modality: str = "asserted"
    conditions: list[Span] = field(default_factory=list)
    rule: str = ""
    score: float = 0.5
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    article: Article
    spacy: Any = None
    sentences: list[Sentence] = field(default_factory=list)
    sents: list[Any] = field(default_factory=list)  # spaCy spans, aligned with `sentences`
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    attribution: dict[int, list[Any]] = field(default_factory=dict)  # sentence -> [coder.attribution.Link]
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assigned: set[str] = field(default_factory=lambda: {"article"})
    resources: Any = None  # per-process models and dictionaries (pipeline.resources)

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span(text=self.article.text[start:end], start=start, end=end)
