"""The coder's rules as data: triggers, modes, contexts, PLOVER scores (data/*.json)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


def _read(name: str) -> dict[str, Any]:
    return json.loads(resources.files("parley.data").joinpath(name).read_text(encoding="utf-8"))


def _phrase_set(words: list[str]) -> tuple[set[str], list[str]]:
    """Single words (matched on lemma/lower) and multi-word phrases (matched in text)."""
    singles = {w.lower() for w in words if " " not in w}
    phrases = [w.lower() for w in words if " " in w]
    return singles, phrases


@dataclass
class Lexicon:
    verbs: dict[str, dict[str, Any]]
    nouns: dict[str, dict[str, Any]]
    adjectives: dict[str, dict[str, Any]]
    support_verbs: dict[str, str]
    occurrence_verbs: set[str]
    rules: dict[str, Any]
    types: dict[str, dict[str, Any]]
    context_cues: dict[str, tuple[set[str], list[str]]]
    context_by_type: dict[str, list[str]]
    sentence_modes: dict[str, dict[str, tuple[set[str], list[str]]]]
    content_modes: dict[str, set[str]]
    reporting_verbs: set[str]
    intent_nouns: set[str]
    version: str = ""
    condition_re: Any = field(default=None)

    @classmethod
    def load(cls) -> "Lexicon":
        triggers, rules = _read("triggers.json"), _read("coder_rules.json")
        contexts, plover = _read("contexts.json"), _read("plover.json")
        support = {k: v for k, v in triggers["support_verbs"].items() if not k.startswith("_")}
        modes = {t: {m: _phrase_set(ws) for m, ws in ms.items()}
                 for t, ms in rules["sentence_modes"].items()}
        content_modes = {m: set(ws) for m, ws in rules["content_modes"].items() if not m.startswith("_")}
        markers = sorted(rules["conditions"]["markers"], key=len, reverse=True)
        lex = cls(
            verbs=triggers["verbs"], nouns=triggers["nouns"], adjectives=triggers["adjectives"],
            support_verbs=support, occurrence_verbs=set(triggers["occurrence_verbs"]), rules=rules,
            types=plover["types"],
            context_cues={c: _phrase_set(ws) for c, ws in contexts["cues"].items()},
            context_by_type=contexts["by_type"], sentence_modes=modes, content_modes=content_modes,
            reporting_verbs=set(rules["reporting_verbs"]), intent_nouns=set(rules["intent_nouns"]),
            version="+".join(f"{n}-{d.get('version', 0)}" for n, d in (
                ("triggers", triggers), ("rules", rules), ("contexts", contexts), ("plover", plover))),
        )
        lex.condition_re = re.compile(r"\b(" + "|".join(re.escape(m) for m in markers) + r")\b", re.I)
        return lex

    def quad(self, event: str) -> int:
        return int(self.types[event]["quad"])

    def scale(self, event: str, modes: list[str]) -> float:
        spec = self.types[event]
        for mode in modes:
            if mode in spec["modes"]:
                return float(spec["modes"][mode])
        return float(spec["score"])

    def valid_modes(self, event: str, modes: list[str]) -> list[str]:
        allowed = self.types[event]["modes"]
        return [m for m in modes if m in allowed]
