"""Language identification, offline: py3langid (its model ships inside the package).

An article's language is what its text is written in. A record's own `language` field is
kept; otherwise the text is identified (the first 2,000 characters, title included). Too
little text or too low a confidence leaves it to the page's declared language (<html lang>,
JSON-LD inLanguage), else unknown (null). `meta["language_from"]` says which: `record`,
`langid` (with `language_score`), `declared`, or nothing when unknown.
"""
from __future__ import annotations

import threading
from typing import Any

from parley.schema import Article

SAMPLE_CHARS = 2000
MIN_CHARS = 40  # below this, identification is a guess
MIN_SCORE = 0.6  # for a text of SHORT_CHARS or more
SHORT_CHARS, MIN_SCORE_SHORT = 500, 0.9  # short English texts are sometimes taken for a creole
_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def primary(tag: str | None) -> str | None:
    """'en-GB' / 'en_US' / 'EN' -> 'en'; None for anything that is not a language tag."""
    if not tag or not isinstance(tag, str):
        return None
    code = tag.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def detect(text: str) -> tuple[str | None, float]:
    """(language code, probability) of a text; (None, 0.0) when there is too little of it."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample[:10 * MIN_CHARS])) < MIN_CHARS:
        return None, 0.0
    lang, score = _model().classify(sample)
    return lang, float(score)


def _latin(text: str) -> bool:
    """Mostly Latin letters (a short non-Latin text cannot be English, whatever the score)."""
    letters = [ch for ch in text[:500] if ch.isalpha()]
    return sum(ord(ch) < 0x250 for ch in letters) >= 0.5 * len(letters) if letters else True


def identify(article: Article) -> Article:
    """Set `article.language` (and say how) unless the record already carries one."""
    if "language_from" in article.meta:
        return article  # identified already (readers nest)
    if article.language:
        article.language = primary(article.language) or article.language
        article.meta.setdefault("language_from", "record")
        return article
    text = f"{article.title}\n{article.text}" if article.title else article.text
    lang, score = detect(text)
    declared = primary(article.meta.get("language_declared"))
    needed = MIN_SCORE if len(text) >= SHORT_CHARS or not _latin(text) else MIN_SCORE_SHORT
    if lang and score >= needed:
        article.language = lang
        article.meta.update(language_from="langid", language_score=round(score, 3))
    elif declared:
        article.language = declared
        article.meta["language_from"] = "declared"
    return article
