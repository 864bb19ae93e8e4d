"""The actor dictionary: countries, seats of power, nationality adjectives, people with
time-bounded roles, organizations and agent nouns, all read from data/actors/*.json
(plus an optional user file with the same layout, merged over the bundled one).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from parley.errors import UsageError

HEAD_OFFICES = ("president", "prime minister", "chancellor", "supreme leader", "king", "leader")


@dataclass(frozen=True)
class Role:
    code: str | None
    sector: str | None
    office: str | None = None
    start: str | None = None
    end: str | None = None

    def active(self, date: str | None) -> bool:
        if not date:
            return self.end is None
        return (self.start is None or self.start[:len(date)] <= date) and \
            (self.end is None or date <= self.end[:len(date)])


@dataclass
class Known:
    """A dictionary entry (what a surface form refers to)."""

    kind: str  # country | seat | adjective | person | org
    name: str
    code: str | None
    sector: str | None = None
    office: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()

    def at(self, date: str | None) -> Role:
        """The role this entry has at `date` (people and organizations change roles)."""
        if not self.roles:
            return Role(self.code, self.sector, self.office)
        active = [r for r in self.roles if r.active(date)]
        if active:
            return active[-1]
        past = [r for r in self.roles if r.end and date and r.end[:len(date)] < date]
        if past and self.kind == "person":
            last = past[-1]
            sector = "ELI" if last.sector in ("GOV", "MIL") else last.sector
            return Role(last.code, sector, f"former {last.office}" if last.office else None)
        first = self.roles[0]
        return Role(first.code, first.sector if self.kind == "org" else None, None)


@dataclass
class ActorDictionary:
    surface: dict[str, Known] = field(default_factory=dict)  # exact surface form -> entry
    agents: dict[str, dict[str, str]] = field(default_factory=dict)  # lemma -> sector/office
    former: set[str] = field(default_factory=set)
    people: list[Known] = field(default_factory=list)
    version: str = ""
    _matcher: Any = None

    @classmethod
    def load(cls, extra: str | None = None) -> "ActorDictionary":
        d = cls()
        d._add_iso_countries()
        base = resources.files("parley.data").joinpath("actors")
        versions = []
        for name in ("countries.json", "organizations.json", "people.json", "agents.json"):
            data = json.loads(base.joinpath(name).read_text(encoding="utf-8"))
            versions.append(f"{name.split('.')[0]}-{data.get('version', 0)}")
            d.merge(data)
        if extra:
            d.merge(_read_user_file(extra))
            versions.append(f"user:{Path(extra).name}")
        d.version = "+".join(versions)
        return d

    def _add_iso_countries(self) -> None:
        import pycountry

        for c in pycountry.countries:
            for form in {c.name, getattr(c, "common_name", c.name)}:
                if "," not in form:
                    self.surface.setdefault(form, Known("country", form, c.alpha_3, "GOV"))

    def merge(self, data: dict[str, Any]) -> None:
        for code, entry in data.get("countries", {}).items():
            self._add_country(code, entry)
        for entry in data.get("organizations", []):
            self._add_named("org", entry)
        for entry in data.get("people", []):
            self.people.append(self._add_named("person", entry))
        self.agents.update({k.lower(): v for k, v in data.get("agents", {}).items()})
        self.former.update(x.lower() for x in data.get("former", []))

    def _add_country(self, code: str, entry: dict[str, Any]) -> None:
        names = entry.get("names", [])
        canonical = names[0] if names else code
        qid = entry.get("wikidata")
        for form in names:
            self.surface[form] = Known("country", canonical, code, "GOV", wikidata=qid)
        for form in entry.get("seats", []):
            self.surface[form] = Known("seat", canonical, code, "GOV", wikidata=qid)
        for form in entry.get("adjectives", []):
            self.surface.setdefault(form, Known("adjective", canonical, code, None, wikidata=qid))

    def _add_named(self, kind: str, entry: dict[str, Any]) -> Known:
        roles = tuple(Role(r.get("code", entry.get("code")), r.get("sector"), r.get("office"),
                           r.get("start"), r.get("end")) for r in entry.get("roles", []))
        known = Known(kind, entry["name"], entry.get("code"), entry.get("sector"),
                      entry.get("office"), entry.get("wikidata"), roles)
        for form in [entry["name"], *entry.get("aliases", [])]:
            self.surface[form] = known
        return known

    def matcher(self, vocab: Any) -> Any:
        """A spaCy PhraseMatcher over every surface form (built once per process)."""
        if self._matcher is None:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc as SpacyDoc

            matcher = PhraseMatcher(vocab, attr="ORTH")
            tokenizer = _tokenizer(vocab)
            for form, known in self.surface.items():
                matcher.add(form, [SpacyDoc(vocab, words=tokenizer(form))])
            self._matcher = matcher
        return self._matcher

    def office_holder(self, code: str, office: str, date: str | None) -> Known | None:
        """Who held `office` (e.g. 'president', or 'leader' = head of state/government)."""
        wanted = HEAD_OFFICES if office == "leader" else (office,)
        for want in wanted:
            for person in self.people:
                role = person.at(date)
                if role.code == code and role.office == want:
                    return person
        return None

    def countries_by_code(self) -> dict[str, Known]:
        return {k.code: k for k in self.surface.values() if k.kind == "country" and k.code}


def _tokenizer(vocab: Any):
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    return lambda text: [t.text for t in nlp.tokenizer(text)]


def _read_user_file(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("E040", f"actor dictionary {path} does not exist")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError("E041", f"actor dictionary {path} is not valid JSON: {exc}")
    if not isinstance(data, dict):
        raise UsageError("E042", f"actor dictionary {path} must be a JSON object")
    return data


def longest_matches(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Greedy longest-first, non-overlapping matches, in text order."""
    taken: set[int] = set()
    out = []
    for match_id, i, j in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if not taken.intersection(range(i, j)):
            taken.update(range(i, j))
            out.append((match_id, i, j))
    return sorted(out, key=lambda m: m[1])
