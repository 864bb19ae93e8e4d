"""The coder's rules as data: triggers, modes, contexts, PLOVER scores (data/*.json)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


def _read(name: str) -> dict[str, Any]:
    return json.loads(resources.files("parley.data").joinpath(name).read_text(encoding="utf-8"))


TABLE_KEYS = ("objects", "content_objects", "oprd", "subjects")


def expand_classes(entry: Any, classes: dict[str, list[str]]) -> Any:
    """Replace '@class' keys of object tables by the class's words (explicit words win),
    at any depth of an entry (particles and prepositions refine entries too)."""
    if isinstance(entry, list):
        return [expand_classes(e, classes) for e in entry]
    if not isinstance(entry, dict):
        return entry
    out: dict[str, Any] = {}
    for key, value in entry.items():
        value = expand_classes(value, classes)
        if key in TABLE_KEYS and isinstance(value, dict):
            table: dict[str, Any] = {}
            for k, v in value.items():
                if k.startswith("@"):
                    for word in classes[k[1:]]:
                        table.setdefault(word, v)
            table.update({k: v for k, v in value.items() if not k.startswith("@")})
            value = table
        out[key] = value
    return out


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
    motion_verbs: set[str]
    classes: dict[str, set[str]]
    rules: dict[str, Any]
    types: dict[str, dict[str, Any]]
    context_cues: dict[str, tuple[set[str], list[str]]]
    context_by_type: dict[str, list[str]]
    sentence_modes: dict[str, dict[str, tuple[set[str], list[str]]]]
    content_modes: dict[str, dict[str, set[str]]]
    reporting_verbs: set[str]
    intent_nouns: set[str]
    person_nouns: set[str]
    lemma_fixes: dict[str, str]
    not_agents: set[str]
    version: str = ""
    condition_re: Any = field(default=None)
    cue_words: frozenset = field(default=frozenset())

    @classmethod
    def load(cls) -> "Lexicon":
        triggers, rules = _read("triggers.json"), _read("coder_rules.json")
        classes = triggers["classes"]
        triggers = {k: expand_classes(v, classes) if k in ("verbs", "nouns", "adjectives") else v
                    for k, v in triggers.items()}
        contexts, plover = _read("contexts.json"), _read("plover.json")
        support = {k: v for k, v in triggers["support_verbs"].items() if not k.startswith("_")}
        modes = {t: {m: _phrase_set(ws) for m, ws in ms.items()}
                 for t, ms in rules["sentence_modes"].items()}
        content_modes = {e: {m: set(ws) for m, ws in ms.items()}
                         for e, ms in rules["content_modes"].items() if not e.startswith("_")}
        markers = sorted(rules["conditions"]["markers"], key=len, reverse=True)
        lex = cls(
            verbs=triggers["verbs"], nouns=triggers["nouns"], adjectives=triggers["adjectives"],
            support_verbs=support, occurrence_verbs=set(triggers["occurrence_verbs"]), rules=rules,
            motion_verbs=set(triggers["motion_verbs"]), classes={k: set(v) for k, v in classes.items()},
            types=plover["types"],
            context_cues={c: _phrase_set(ws) for c, ws in contexts["cues"].items()},
            context_by_type=contexts["by_type"], sentence_modes=modes, content_modes=content_modes,
            reporting_verbs=set(rules["reporting_verbs"]), intent_nouns=set(rules["intent_nouns"]),
            person_nouns=set(rules["person_nouns"]),
            lemma_fixes={k: v for k, v in triggers["lemma_fixes"].items() if not k.startswith("_")}, not_agents=set(rules["not_agents"]["words"]),
            version="+".join(f"{n}-{d.get('version', 0)}" for n, d in (
                ("triggers", triggers), ("rules", rules), ("contexts", contexts), ("plover", plover))),
        )
        lex.cue_words = frozenset(set(lex.verbs) | set(lex.adjectives) | set(lex.lemma_fixes)
                                  | {k.split()[-1] for k in lex.nouns} | {k.split()[0] for k in lex.nouns}
                                  | set(rules["obligation_verbs"]) | {"claim", "responsible", "guilty", "culpable"})
        lex.condition_re = re.compile(r"\b(" + "|".join(re.escape(m) for m in markers) + r")\b", re.I)
        return lex

    def lemma(self, tok: Any) -> str:
        """A token's lemma, with the model's known lemmatizer slips repaired."""
        low = tok.lemma_.lower()
        return self.lemma_fixes.get(low, low)

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
