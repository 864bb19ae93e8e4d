"""Stored mentions -> contract records (shared/design/event-record.md), one place for all exports."""
from __future__ import annotations

from typing import Any

from parley import __version__
from parley.schema import Article, Entity, Location, Mention

ENTITY_KEYS = ("entity_text", "code", "sector", "identifier_text", "identifier_id", "office")
LOCATION_KEYS = ("extracted_place", "resolved_place", "country_code", "province", "province_code",
                 "lat", "lon", "resolution")


def entity_object(e: Entity) -> dict[str, Any]:
    obj = {k: getattr(e, k) for k in ENTITY_KEYS}
    obj["start"], obj["end"] = e.start, e.end
    if e.sectors:
        obj["sectors"] = e.sectors
    return obj


def location_object(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    obj = {k: getattr(loc, k) for k in LOCATION_KEYS}
    obj["start"], obj["end"] = loc.start, loc.end
    return obj


def cite_info(a: Article | None) -> dict[str, Any]:
    if a is None:
        return {"url": None, "title": None, "publication": None, "language": None}
    return {"url": a.url, "title": a.title, "publication": a.outlet, "language": a.language}


def plover_record(m: Mention, article: Article | None, *, event_id: str | None = None,
                  reports: int = 1, independent_reports: int = 1, story_id: str | None = None,
                  mentions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One event record: standard PLOVER fields, then parley's additions."""
    rec: dict[str, Any] = {
        "id": event_id or m.id, "article_id": m.article_id, "date": m.date, "enddate": m.enddate,
        "date_text": m.date_text.text if m.date_text else None,
        "actor": [entity_object(e) for e in m.actor], "recipient": [entity_object(e) for e in m.recipient],
        "event": list(m.event), "mode": list(m.mode), "context": list(m.context),
        "quad_code": m.quad_code, "event_scale": m.event_scale,
        "event_text": [s.text for s in m.event_text], "event_loc": location_object(m.event_loc),
        "text_info": dict(m.text_info), "cite_info": cite_info(article),
        "coder": f"parley {__version__}", "coded_date": m.coded_date,
        "modality": m.modality, "conditions": [c.text for c in m.conditions],
        "attribution": [{"text": a.text, "kind": a.kind, "code": a.code, "start": a.start, "end": a.end}
                        for a in m.attribution],
        "story_id": story_id if story_id is not None else (article.story_id if article else None),
        "reports": reports, "independent_reports": independent_reports, "confidence": m.confidence,
        "offsets": {
            "event_text": [[s.start, s.end] for s in m.event_text],
            "conditions": [[c.start, c.end] for c in m.conditions],
            "date_text": [m.date_text.start, m.date_text.end] if m.date_text else None,
        },
        "mention_id": m.id, "explain": m.explain,
    }
    if mentions is not None:
        rec["mentions"] = mentions
    return rec
