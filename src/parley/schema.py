"""The one record schema: every stage, the store, the exporters and the API use these.

Offsets (`start`, `end`) are character offsets into `Article.text` unless a field says
otherwise (trailer markers point into `Article.raw`, the page as it was read).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "signalled", "future", "hypothetical", "negated")
ATTRIBUTION_KINDS = ("outlet", "official", "anonymous", "document", "other")
COPY_KINDS = ("original", "verbatim", "partial", "rewrite", "independent")


@dataclass
class Span:
    """A piece of the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A PLOVER entity object, plus the offsets of the words it was read from."""

    entity_text: str
    code: str | None
    sector: str | None = None
    identifier_text: str | None = None
    identifier_id: str | None = None
    office: str | None = None
    start: int | None = None
    end: int | None = None
    sectors: list[str] = field(default_factory=list)  # secondary sectors (e.g. PRE)


@dataclass
class Location:
    """A PLOVER location object."""

    extracted_place: str
    resolved_place: str | None = None
    country_code: str | None = None
    province: str | None = None
    province_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    resolution: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Attribution:
    """One link of a reporting chain: who says so."""

    text: str
    kind: str
    code: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Marker:
    """A tell of machine-made or scraped copy (e.g. a leftover "(Word Count: 398)")."""

    kind: str
    text: str
    start: int | None = None
    end: int | None = None
    where: str = "raw"  # "raw" (offsets into Article.raw) or "text"


@dataclass
class Sentence:
    seq: int
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD (or YYYY-MM / YYYY when that is all we know)
    published_time: str | None = None  # HH:MM
    language: str | None = None
    content_hash: str = ""
    source: str | None = None  # file the article was read from
    source_record: str | None = None  # record within the file (line number, member, URL)
    raw: str | None = None  # the page as read, when it is text (trailer offsets point here)
    meta: dict[str, Any] = field(default_factory=dict)
    markers: list[Marker] = field(default_factory=list)
    cites: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    story_id: str | None = None
    copy_kind: str | None = None
    copy_of: str | None = None
    status: str = "coded"  # coded | stored (not coded, e.g. non-English) | failed


@dataclass
class Mention:
    """One event as coded from one sentence of one article (the `--mentions` form)."""

    id: str
    article_id: str
    event: list[str]
    mode: list[str]
    context: list[str]
    quad_code: int
    event_scale: float
    actor: list[Entity]
    recipient: list[Entity]
    modality: str
    text_info: dict[str, int]  # {"sequence", "start", "end"}
    event_text: list[Span] = field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    date_text: Span | None = None
    event_loc: Location | None = None
    conditions: list[Span] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    confidence: float = 0.5
    coded_date: str | None = None
    explain: dict[str, Any] = field(default_factory=dict)  # trigger, rule, score


@dataclass
class Event:
    """A de-duplicated event: one or more mentions of the same happening."""

    id: str
    mentions: list[Mention]
    reports: int = 1
    independent_reports: int = 1
    story_id: str | None = None

    @property
    def lead(self) -> Mention:
        return self.mentions[0]


@dataclass
class Story:
    id: str
    origin: str | None
    article_ids: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Refusal:
    """An input refused on purpose, with a reason code (see errors.REASONS)."""

    source: str
    record: str | None
    reason: str
    detail: str = ""
