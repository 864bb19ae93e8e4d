"""Actor-code equivalence for evaluation (data/code_equivalence.json).

Gold sets written in older event-data practice code the UN, the EU and international NGOs
as a generic `IGO`, and some countries by withdrawn ISO or CAMEO-era codes (ROM, JAP, ITL),
while parley follows the PLOVER manual (UNO, EUR, NGO) and current ISO 3166. `parley eval`
reports the strict events figure (codes compared as written) and, beside it, the
equivalence-aware figure that compares them through this table. Exports never change.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable


@dataclass(frozen=True)
class Equivalence:
    legacy: dict[str, str]
    generic: dict[str, frozenset[str]]

    def canon(self, code: str) -> str:
        return self.legacy.get(code, code)

    def matches(self, gold: str, pred: str) -> bool:
        """True when a predicted code stands for the gold code."""
        g, p = self.canon(gold), self.canon(pred)
        return g == p or p in self.generic.get(g, frozenset())

    def overlap(self, gold: Iterable[str], pred: Iterable[str]) -> bool:
        pred = list(pred)
        return any(self.matches(g, p) for g in gold for p in pred)


@lru_cache(maxsize=1)
def equivalence() -> Equivalence:
    data = json.loads(resources.files("parley.data").joinpath("code_equivalence.json").read_text(encoding="utf-8"))
    return Equivalence(legacy=dict(data["legacy"]),
                       generic={k: frozenset(v) for k, v in data["generic"].items()})


def equivalent(gold: str, pred: str) -> bool:
    return equivalence().matches(gold, pred)
