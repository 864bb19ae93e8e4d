"""Query parameters -> validated filter objects.

Every value is checked here, with limits from the settings (page size, value length, number of
timeline actors); a bad value is a 422 `invalid-parameter` naming the parameter and the rule.
Empty strings (what an HTML form sends for an empty field) mean "not set".
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from fastapi import Query, Request

from parley.schema import EVENT_TYPES, MODALITIES
from parley.settings import Settings
from parley.store.db import EventFilter
from parley.web.errors import WebError

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
CODE = re.compile(r"^[A-Za-z]{3}$")
MODE = re.compile(r"^[a-z][a-z_-]{0,30}$")
GRANULARITIES = ("month", "week", "day")
NOT_ASSERTED = ("negated", "hypothetical")


def _bad(name: str, message: str) -> WebError:
    return WebError(422, "invalid-parameter", f"{name}: {message}")


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def clean(name: str, value: str | None, settings: Settings) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > settings.web_max_filter_length:
        raise _bad(name, f"at most {settings.web_max_filter_length} characters (got {len(value)})")
    return value or None


def date_param(name: str, value: str | None, settings: Settings) -> str | None:
    value = clean(name, value, settings)
    if value is not None and not DATE.match(value):
        raise _bad(name, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


@dataclass
class EventQuery:
    """The event list's filters and page."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    mode: str | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    min_independent: int = 0
    page: int = 1
    size: int = 50

    def filter(self) -> EventFilter:
        return EventFilter(actor=self.actor, recipient=self.recipient, event=self.type, mode=self.mode,
                           modality=self.modality, date_from=self.date_from, date_to=self.date_to,
                           outlet=self.outlet)

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query string that gives this query again (with changes), leaving out defaults."""
        values = {**asdict(self), **changes}
        names = {"date_from": "from", "date_to": "to"}
        return {names.get(k, k): v for k, v in values.items()
                if v not in (None, "", 0) and not (k == "page" and v == 1)}

    @property
    def active(self) -> bool:
        return any(v not in (None, "", 0) for k, v in asdict(self).items() if k not in ("page", "size"))


async def event_query(
    request: Request,
    actor: str | None = Query(None, description="actor code or name (substring), e.g. RUS or Putin"),
    recipient: str | None = Query(None, description="recipient code or name (substring)"),
    type: str | None = Query(None, description="PLOVER event type, e.g. AGREE"),
    mode: str | None = Query(None, description="PLOVER mode, e.g. meet"),
    modality: str | None = Query(None, description="asserted, signalled, future, hypothetical or negated"),
    date_from: str | None = Query(None, alias="from", description="events on or after (YYYY[-MM[-DD]])"),
    date_to: str | None = Query(None, alias="to", description="events on or before (YYYY[-MM[-DD]])"),
    outlet: str | None = Query(None, description="publishing outlet (substring)"),
    min_independent: str | None = Query(None, description="at least this many independent reports"),
    page: str | None = Query(None, description="page number, from 1"),
    size: str | None = Query(None, description="events per page (capped by the web_max_page_size setting)"),
) -> EventQuery:
    s = settings_of(request)
    q = EventQuery(actor=clean("actor", actor, s), recipient=clean("recipient", recipient, s),
                   mode=clean("mode", mode, s), outlet=clean("outlet", outlet, s),
                   date_from=date_param("from", date_from, s), date_to=date_param("to", date_to, s),
                   size=s.web_page_size)
    q.type = _choice("type", clean("type", type, s), EVENT_TYPES, upper=True)
    q.modality = _choice("modality", clean("modality", modality, s), MODALITIES)
    if q.mode and not MODE.match(q.mode):
        raise _bad("mode", f"{q.mode!r} is not a PLOVER mode name")
    q.min_independent = _int("min_independent", clean("min_independent", min_independent, s), 0, 0, 1_000_000)
    q.page = _int("page", clean("page", page, s), 1, 1, 1_000_000)
    q.size = _int("size", clean("size", size, s), s.web_page_size, 1, s.web_max_page_size)
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise _bad("from", f"{q.date_from} is after to={q.date_to}")
    return q


def _choice(name: str, value: str | None, allowed: tuple[str, ...], upper: bool = False) -> str | None:
    if value is None:
        return None
    value = value.upper() if upper else value.lower()
    if value not in allowed:
        raise _bad(name, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _int(name: str, value: str | None, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise _bad(name, f"{value!r} is not a whole number")
    if not low <= number <= high:
        raise _bad(name, f"must be between {low} and {high} (got {number})")
    return number


@dataclass
class TimelineQuery:
    """Whose stance to draw: a list of actor codes, or a dyad (both directions between two)."""

    actors: list[str] = field(default_factory=list)
    dyad: tuple[str, str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    granularity: str = "month"
    all_modalities: bool = False

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {"granularity": self.granularity}
        if self.dyad:
            out["dyad"] = "-".join(self.dyad)
        elif self.actors:
            out["actors"] = ",".join(self.actors)
        if self.date_from:
            out["from"] = self.date_from
        if self.date_to:
            out["to"] = self.date_to
        if self.all_modalities:
            out["all_modalities"] = 1
        return out


async def timeline_query(
    request: Request,
    actors: str | None = Query(None, description="comma-separated actor codes, e.g. RUS,UKR"),
    dyad: str | None = Query(None, description="two actor codes, e.g. RUS-UKR: events between them, both ways"),
    date_from: str | None = Query(None, alias="from", description="from date (YYYY[-MM[-DD]])"),
    date_to: str | None = Query(None, alias="to", description="to date (YYYY[-MM[-DD]])"),
    granularity: str | None = Query(None, description="month (default), week or day"),
    all_modalities: str | None = Query(None, description="1 = also count hypothetical and negated events"),
) -> TimelineQuery:
    s = settings_of(request)
    q = TimelineQuery(date_from=date_param("from", date_from, s), date_to=date_param("to", date_to, s))
    q.granularity = _choice("granularity", clean("granularity", granularity, s), GRANULARITIES) or "month"
    q.all_modalities = (clean("all_modalities", all_modalities, s) or "0") in ("1", "true", "on", "yes")
    dyad_value = clean("dyad", dyad, s)
    if dyad_value:
        pair = [c.strip().upper() for c in re.split(r"[-–,/ ]+", dyad_value) if c.strip()]
        if len(pair) != 2 or not all(CODE.match(c) for c in pair) or pair[0] == pair[1]:
            raise _bad("dyad", f"{dyad_value!r} is not two different three-letter codes such as RUS-UKR")
        q.dyad = (pair[0], pair[1])
    codes = [c.strip().upper() for c in (clean("actors", actors, s) or "").split(",") if c.strip()]
    bad = [c for c in codes if not CODE.match(c)]
    if bad:
        raise _bad("actors", f"{', '.join(bad)}: actor codes have three letters (e.g. RUS, UKR, USA, IGO)")
    if len(codes) > s.web_max_timeline_actors:
        raise _bad("actors", f"at most {s.web_max_timeline_actors} actors (got {len(codes)})")
    q.actors = list(dict.fromkeys(codes))
    return q
