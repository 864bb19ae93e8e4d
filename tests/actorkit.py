"""Helpers for the actor, place, date and attribution tests: run the entity stages on a text
(with or without spaCy's named-entity recogniser) and resolve the noun phrase a word heads."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from parley.ingest.records import make_article
from parley.pipeline import registry
from parley.pipeline.doc import Doc
from parley.pipeline.resources import Resources
from parley.pipeline.runner import run

STAGES = ("parse", "sentences", "actors", "dates", "places", "attribution")


@lru_cache(maxsize=4)
def resources(ner: bool = True, dictionary: str | None = None) -> Resources:
    """Per-process resources with spaCy's named-entity recogniser on or off."""
    try:
        return Resources(dictionary, ner=ner)
    except TypeError:  # a Resources without the option: switch the component off by hand
        res = Resources(dictionary)
        if not ner:
            from parley.stages.parse import build_nlp

            nlp = build_nlp()
            if "ner" in nlp.pipe_names:
                nlp.disable_pipe("ner")
            res.__dict__["nlp"] = nlp
        return res


def analyse(text: str, published: str | None = "2024-03-15", ner: bool = True, outlet: str | None = None,
            dictionary: str | None = None) -> Doc:
    """The document after the entity stages (no event coding)."""
    article = make_article({"text": text, "published": published, "outlet": outlet})
    doc = Doc(article=article, resources=resources(ner, dictionary))
    (done,), failures = run([doc], registry.get(STAGES), policy="raise")
    return done


def token(doc: Doc, word: str, nth: int = 0) -> Any:
    found = [t for t in doc.spacy if t.text == word]
    assert len(found) > nth, f"{word!r} not in {doc.text!r}"
    return found[nth]


def entity(doc: Doc, word: str, nth: int = 0, allow_unknown: bool = True) -> Any:
    """The entity object of the noun phrase headed by `word`."""
    from parley.coder.resolve import Resolver

    return Resolver(doc).entity(token(doc, word, nth), allow_unknown=allow_unknown)
