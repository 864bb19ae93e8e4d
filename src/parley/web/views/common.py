"""Small pieces shared by the views: entity and event summaries, links."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def entity(e: dict[str, Any]) -> dict[str, Any]:
    return {"text": e["entity_text"], "code": e.get("code"), "sector": e.get("sector"),
            "name": e.get("identifier_text")}


def event_row(m: dict[str, Any], event_id: str, reports: int, independent: int, **extra: Any) -> dict[str, Any]:
    """What a list shows of one event, from its lead mention's stored record (parley.serialize form)."""
    date_text = m.get("date_text")
    return {"event_id": event_id, "date": m.get("date"), "date_text": date_text["text"] if date_text else None,
            "event": m["event"][0] if m["event"] else None, "mode": list(m["mode"]), "quad_code": m["quad_code"],
            "event_scale": m["event_scale"], "actor": [entity(e) for e in m["actor"]],
            "recipient": [entity(e) for e in m["recipient"]], "modality": m["modality"],
            "conditions": [c["text"] for c in m.get("conditions", [])],
            "attribution": [{"text": a["text"], "kind": a["kind"]} for a in m.get("attribution", [])],
            "trigger": [s["text"] for s in m.get("event_text", [])], "article_id": m["article_id"],
            "sentence": m["text_info"].get("sequence"), "mention_id": m["id"], "confidence": m.get("confidence"),
            "reports": reports, "independent_reports": independent, **extra}


def link(path: str, params: dict[str, Any] | None = None) -> str:
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")
