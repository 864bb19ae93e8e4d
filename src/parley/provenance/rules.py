"""The provenance rules (data/provenance.json), loaded once and compiled."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Rules:
    credit_before: tuple[str, ...]
    credit_after: tuple[str, ...]
    ambiguous: frozenset[str]
    dateline: re.Pattern
    chatbot: tuple[re.Pattern, ...]
    machine_disclaimers: tuple[re.Pattern, ...]
    word_count: re.Pattern
    months: dict[str, str]  # month word -> "MM"
    stopwords: dict[str, frozenset[str]]
    all_stopwords: frozenset[str]
    cyrillic: dict[str, str]
    name_stop: frozenset[str]


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data: dict[str, Any] = json.loads(resources.files("parley.data").joinpath("provenance.json").read_text("utf-8"))
    months = {w: mm for mm, words in data["months"].items() for w in words}
    stop = {lang: frozenset(ws) for lang, ws in data["stopwords"].items()}
    return Rules(
        credit_before=tuple(sorted(data["credit_before"], key=len, reverse=True)),
        credit_after=tuple(sorted(data["credit_after"], key=len, reverse=True)),
        ambiguous=frozenset(data["ambiguous_outlets"]),
        dateline=re.compile(data["dateline"]),
        chatbot=(_any(data["chatbot"]),),  # one pass over the text per kind
        machine_disclaimers=(_any(data["machine_disclaimers"]),),
        word_count=re.compile(data["word_count"], re.I),
        months=months, stopwords=stop, all_stopwords=frozenset().union(*stop.values()),
        cyrillic=data["cyrillic"], name_stop=frozenset(data["name_stop"]))
