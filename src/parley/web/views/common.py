"""Small pieces shared by the views: entity and event summaries, links."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from parley.schema import Entity, Mention

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def entity(e: Entity) -> dict[str, Any]:
    return {"text": e.entity_text, "code": e.code, "sector": e.sector, "name": e.identifier_text}


def event_row(m: Mention, event_id: str, reports: int, independent: int, **extra: Any) -> dict[str, Any]:
    """What a list shows of one event (its lead mention)."""
    return {"event_id": event_id, "date": m.date, "date_text": m.date_text.text if m.date_text else None,
            "event": m.event[0] if m.event else None, "mode": list(m.mode), "quad_code": m.quad_code,
            "event_scale": m.event_scale, "actor": [entity(e) for e in m.actor],
            "recipient": [entity(e) for e in m.recipient], "modality": m.modality,
            "conditions": [c.text for c in m.conditions],
            "attribution": [{"text": a.text, "kind": a.kind} for a in m.attribution],
            "trigger": [s.text for s in m.event_text], "article_id": m.article_id,
            "sentence": m.text_info.get("sequence"), "mention_id": m.id, "confidence": m.confidence,
            "reports": reports, "independent_reports": independent, **extra}


def link(path: str, params: dict[str, Any] | None = None) -> str:
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
