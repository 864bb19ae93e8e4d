"""Stage `parse`: spaCy tokens, tags, dependencies and named entities."""
from __future__ import annotations

import re
from typing import Any

from parley.pipeline.resources import load_spacy  # first: it limits native thread pools

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc as SpacyDoc  # noqa: E402

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
# tokens) is parsed as the possessive "Norway’s army" it is: the models read a twin of the
# document with the possessive joined, and the annotations are copied back onto the stored
# text's tokens ("’ s" one token; text and offsets unchanged).
APART_POSSESSIVES = {"’ s": "’s", "' s": "'s"}
COPIED = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


def _apart_at(doc: Any) -> list[int]:
    """Indices of the apostrophes of possessives written apart."""
    return [t.i for t in doc[1:-1]
            if t.text in ("’", "'") and t.whitespace_ == " " and doc[t.i + 1].text == "s"
            and doc[t.i - 1].whitespace_ and doc[t.i - 1].text[-1:].isalnum()
            and (t.i + 2 == len(doc) or doc[t.i + 1].whitespace_ or doc[t.i + 2].is_punct)]


# A name whose accented letter was written apart from the rest of it ("Andr é s", "Pe ñ a",
# "Jos é Ramos", as in text rebuilt from tokens) is read as the one word it is ("Andrés"):
# a capitalised word, one non-ASCII letter, and the lower-case rest of the word if any.
APART_ACCENT = re.compile(r"[A-Za-z] [^\x00-\x7f] ")
NOT_APART = {"à", "è", "ù"}  # words of their own in French and Italian phrases


def _accents_at(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of names written apart around an accented letter."""
    out: list[tuple[int, int]] = []
    k = 1
    while k < len(doc) - 1:
        t, prev = doc[k], doc[k - 1]
        if len(t.text) == 1 and t.text.isalpha() and ord(t.text) > 127 and t.text not in NOT_APART \
                and prev.whitespace_ == " " and t.whitespace_ == " " and prev.is_alpha and prev.text[-1:].isascii() \
                and (prev.text[:1].isupper() or (out and out[-1][1] == k)):
            start = out.pop()[0] if out and out[-1][1] == k else k - 1  # 'Sebasti á n' after 'Jos é'
            nxt = doc[k + 1]
            end = k + 2 if nxt.is_alpha and nxt.text[:1].islower() else k + 1
            out.append((start, end))
            k = end
            continue
        k += 1
    return out


def model_input(nlp: Any, text: str) -> tuple[Any, Any | None]:
    """(what the models read, the stored text's tokens or None when they are the same)."""
    possessive = any(apart in text for apart in APART_POSSESSIVES)
    accent = APART_ACCENT.search(text) is not None
    if not possessive and not accent:
        return text, None
    doc = nlp.make_doc(text)
    spans = [(i, i + 2) for i in (_apart_at(doc) if possessive else [])]
    spans += _accents_at(doc) if accent else []
    if not spans:
        return text, None
    try:
        with doc.retokenize() as retokenizer:
            for i, j in sorted(spans):
                retokenizer.merge(doc[i:j])
    except ValueError:  # overlapping joins: read the text as written rather than fail
        return text, None
    words = [APART_POSSESSIVES.get(t.text, t.text.replace(" ", "")) for t in doc]
    spaces = [bool(t.whitespace_) and not (t.i + 1 < len(doc) and t.nbor().text in APART_POSSESSIVES)
              for t in doc]
    return SpacyDoc(nlp.vocab, words=words, spaces=spaces), doc


def stored_tokens(parsed: Any, stored: Any | None) -> Any:
    """The annotations of the twin, on the stored text's tokens."""
    if stored is None:
        return parsed
    attrs = [a for a in COPIED if a not in ("ENT_IOB", "ENT_TYPE") or parsed.has_annotation("ENT_IOB")]
    stored.from_array(attrs, parsed.to_array(attrs))
    return stored


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
        nlp = doc.resources.nlp
        text, stored = model_input(nlp, doc.text)
        doc.spacy = stored_tokens(nlp(text), stored)
        _repair(doc)
        return doc

    def pipe(self, docs: list[Doc]) -> list[Doc]:
        if not docs:
            return docs
        nlp = docs[0].resources.nlp
        inputs = [model_input(nlp, d.text) for d in docs]
        for doc, (_, stored), parsed in zip(docs, inputs, nlp.pipe((i[0] for i in inputs), batch_size=self.batch_size)):
            doc.spacy = stored_tokens(parsed, stored)
            _repair(doc)
        return docs


def _repair(doc: Doc) -> None:
    """Parse repairs a coder would make (coder/repair.py)."""
    speaker_conjuncts(doc.spacy, set(doc.resources.lexicon.rules["reporting_verbs"]))


register(Parse())
