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


# A possessive written apart from its noun ("Norway ’ s army", as in text rebuilt from
# tokens): one token that the tagger and parser see exactly as the possessive "’s".
APART_POSSESSIVES = {"’ s": "’s", "' s": "'s"}


@Language.component("parley_possessives")
def joined_possessives(doc: Any) -> Any:
    """'Norway ’ s army' is 'Norway’s army': the apostrophe and the s become one possessive
    token (its text, offsets and whitespace unchanged)."""
    if not any(apart in doc.text for apart in APART_POSSESSIVES):
        return doc
    spans = [doc[t.i:t.i + 2] for t in doc[1:-1]
             if t.text in ("’", "'") and t.whitespace_ == " " and doc[t.i + 1].text == "s"
             and doc[t.i - 1].whitespace_ and doc[t.i - 1].text[-1:].isalnum()
             and (t.i + 2 == len(doc) or doc[t.i + 1].whitespace_ or doc[t.i + 2].is_punct)]
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


def _possessive_lexemes(vocab: Any) -> None:
    """The joined token reads to the models like the possessive it is (norm, affixes, shape)."""
    for apart, joined in APART_POSSESSIVES.items():
        lex, real = vocab[apart], vocab[joined]
        lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = real.norm_, real.prefix_, real.suffix_, real.shape_


def build_nlp(ner: bool = False) -> Any:
    nlp = load_spacy(ner)
    if "parley_possessives" not in nlp.pipe_names:
        _possessive_lexemes(nlp.vocab)
        nlp.add_pipe("parley_possessives", first=True)
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
