"""Stage `parse`: spaCy tokens, tags, dependencies and named entities."""
from __future__ import annotations

from typing import Any

from parley.pipeline.resources import load_spacy  # first: it limits native thread pools

from spacy.language import Language  # noqa: E402

from parley.pipeline.doc import Doc  # noqa: E402
from parley.pipeline.registry import register  # noqa: E402
from parley.coder.repair import speaker_conjuncts  # noqa: E402


@Language.component("parley_paragraphs")
def paragraph_breaks(doc: Any) -> Any:
    """A blank line always starts a sentence (the parser keeps preset boundaries)."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text_with_ws and (prev.is_space or prev.text_with_ws.endswith("\n")):
            token.is_sent_start = True
    return doc


def build_nlp(ner: bool = False) -> Any:
    nlp = load_spacy(ner)
    if "parley_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", before="parser")
    return nlp


class Parse:
    """Tokens, tags, dependencies and named entities (spaCy, batched)."""

    name = "parse"
    requires = ("article",)
    assigns = ("spacy",)
    batch_size = 32

    def __call__(self, doc: Doc) -> Doc:
        doc.spacy = doc.resources.nlp(doc.text)
        _repair(doc)
        return doc

    def pipe(self, docs: list[Doc]) -> list[Doc]:
        if not docs:
            return docs
        nlp = docs[0].resources.nlp
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=self.batch_size)):
            doc.spacy = parsed
            _repair(doc)
        return docs


def _repair(doc: Doc) -> None:
    """Parse repairs a coder would make (coder/repair.py)."""
    speaker_conjuncts(doc.spacy, set(doc.resources.lexicon.rules["reporting_verbs"]))


register(Parse())
