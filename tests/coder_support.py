"""Helpers for the coder tests: the one mention of an event type, and the words of entities."""
from __future__ import annotations


def one(mentions, event):
    """The first mention of `event`; failing that, an assertion that shows what was coded."""
    found = [m for m in mentions if m.event == [event]]
    assert found, [(m.event, m.modality, m.explain.get("rule"), [r.entity_text for r in m.recipient])
                   for m in mentions]
    return found[0]


def texts(ents):
    return [e.entity_text for e in ents]
