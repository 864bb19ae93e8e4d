"""An article's text cut into segments, each marked with the evidence it carries.

The page renders each segment as an escaped <span> with classes (evidence sentence, trigger,
actor, recipient, condition, source) and the events it belongs to, so highlighting never
builds HTML from the text itself.
"""
from __future__ import annotations

from typing import Any

from parley.schema import Article, Mention

KINDS = ("sentence", "trigger", "actor", "recipient", "condition", "source")


def spans_of(index: int, m: Mention, text_len: int) -> list[tuple[int, int, str, int]]:
    """(start, end, kind, event index) for every located piece of one mention."""
    out = [(m.text_info["start"], m.text_info["end"], "sentence", index)]
    out += [(s.start, s.end, "trigger", index) for s in m.event_text]
    out += [(e.start, e.end, "actor", index) for e in m.actor if e.start is not None]
    out += [(e.start, e.end, "recipient", index) for e in m.recipient if e.start is not None]
    out += [(c.start, c.end, "condition", index) for c in m.conditions]
    out += [(a.start, a.end, "source", index) for a in m.attribution if a.start is not None and a.end is not None]
    return [(max(0, s), min(text_len, e), k, i) for s, e, k, i in out if e is not None and s < e]


def segments(article: Article, mentions: list[Mention]) -> list[dict[str, Any]]:
    """[{"text", "kinds": [...], "events": [indexes]}] covering the whole text in order."""
    text = article.text or ""
    spans = [sp for i, m in enumerate(mentions) for sp in spans_of(i, m, len(text))]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[dict[str, Any]] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(k, i) for s, e, k, i in spans if s <= start and end <= e]
        kinds = sorted({k for k, _ in covering}, key=KINDS.index)
        events = sorted({i for _, i in covering})
        if out and out[-1]["kinds"] == kinds and out[-1]["events"] == events:
            out[-1]["text"] += text[start:end]
        else:
            out.append({"text": text[start:end], "kinds": kinds, "events": events})
    return out
