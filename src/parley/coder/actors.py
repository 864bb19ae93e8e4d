"""The actor dictionary: countries, seats of power, nationality adjectives, people with
time-bounded roles, organizations and agent nouns, all read from data/actors/*.json
(plus an optional user file with the same layout, merged over the bundled one).

A surface form may name several entries ("Bush", "Assad", "Sharif"): `resolve` picks the
one the article's date (and a title such as "President") points to, and when it cannot,
keeps only what the candidates share (the country, perhaps the sector) — never a guess.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from parley.coder.actordata import read_user_file, validate
from parley.errors import UsageError

HEAD_OFFICES = ("president", "prime minister", "chancellor", "supreme leader", "king", "emir", "leader",
                "junta leader")
# Titles that name the same office in different countries ("secretary of state" = foreign minister).
OFFICE_CLASS = {
    "premier": "prime minister", "secretary of state": "foreign minister", "foreign secretary": "foreign minister",
    "minister of foreign affairs": "foreign minister", "defense minister": "defence minister",
    "defence secretary": "defence minister", "defense secretary": "defence minister",
    "secretary of defense": "defence minister", "minister of defence": "defence minister",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "queen": "king", "sultan": "king", "monarch": "king",
}
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP"}
BUNDLED = ("countries.json", "organizations.json", "people.json", "agents.json")


def office_class(office: str | None) -> str | None:
    if not office:
        return None
    low = office.lower()
    return OFFICE_CLASS.get(low, low)


def office_matches(role_office: str | None, wanted: str | None) -> bool:
    """Does a role's office answer a title in the text ('leader' answers any head office)?"""
    if wanted is None or role_office is None:
        return False
    have, want = office_class(role_office), office_class(wanted)
    if want == "leader":
        return have in HEAD_OFFICES
    return have == want or (want == "minister" and have.endswith("minister")) or have.endswith(" " + want)


@dataclass(frozen=True)
class Role:
    code: str | None
    sector: str | None
    office: str | None = None
    start: str | None = None
    end: str | None = None

    def active(self, date: str) -> bool:
        return (self.start is None or self.start[:len(date)] <= date) and \
            (self.end is None or date < self.end[:len(date)] or (len(date) < 10 and date == self.end[:len(date)]))

    def ended_before(self, date: str) -> bool:
        return self.end is not None and self.end[:len(date)] <= date and not self.active(date)


@dataclass
class Known:
    """A dictionary entry (what a surface form refers to)."""

    kind: str  # country | seat | adjective | person | org | region
    name: str
    code: str | None
    sector: str | None = None
    office: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    sectors: tuple[str, ...] = ()  # secondary sectors (PRE for partially recognised entities)

    def at(self, date: str | None) -> Role:
        """The role this entry has at `date` (people and organizations change roles)."""
        if not self.roles:
            return Role(self.code, self.sector, self.office)
        if not date:
            return Role(self.code or self.roles[-1].code, self.sector if self.kind == "org" else None, None)
        active = [r for r in self.roles if r.active(date)]
        if active:
            return active[-1]
        past = [r for r in self.roles if r.ended_before(date)]
        if past:
            last = max(past, key=lambda r: r.end or "")
            if self.kind == "person":
                sector = "ELI" if last.sector in STATE_SECTORS else last.sector
                return Role(last.code, sector, f"former {last.office}" if last.office else None)
            return Role(last.code, last.sector)
        first = self.roles[0]
        return Role(first.code, self.sector if self.kind == "org" else None, None)


@dataclass
class Resolution:
    """What a dictionary match means at the article's date."""

    code: str | None
    sector: str | None
    office: str | None = None
    name: str | None = None
    wikidata: str | None = None
    sectors: tuple[str, ...] = ()
    kind: str = ""


@dataclass
class ActorDictionary:
    surface: dict[str, list[Known]] = field(default_factory=dict)  # exact surface form -> entries
    agents: dict[str, dict[str, str]] = field(default_factory=dict)  # lemma -> sector/office
    former: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    office_words: set[str] = field(default_factory=set)  # last words of agent nouns with an office
    collective: set[str] = field(default_factory=set)
    people: list[Known] = field(default_factory=list)
    dependencies: dict[str, str] = field(default_factory=dict)
    version: str = ""
    _matcher: Any = None

    @classmethod
    def load(cls, extra: str | None = None) -> "ActorDictionary":
        d = cls()
        base = resources.files("parley.data").joinpath("actors")
        versions = []
        bundled = [json.loads(base.joinpath(n).read_text(encoding="utf-8")) for n in BUNDLED]
        d.dependencies = dict(bundled[0].get("dependencies", {}))
        for name, data in zip(BUNDLED, bundled):
            versions.append(f"{name.split('.')[0]}-{data.get('version', 0)}")
            d.merge(data)
        d._add_iso_countries()  # ISO names our table does not write otherwise
        if extra:
            data = read_user_file(extra)
            validate(data, extra)
            d.merge(data, override=True)
            versions.append(f"user:{Path(extra).name}")
        d.version = "+".join(versions)
        return d

    # -- building ---------------------------------------------------------------
    def _add(self, form: str, known: Known, override: bool = False, first: bool = False) -> None:
        """Register a surface form. A later entry of the same kind adds a candidate (shared
        surnames); `override` (user file) replaces what the form meant; `first` keeps an
        existing meaning (adjectives never displace a name)."""
        form = form.strip()
        if not form:
            return
        have = self.surface.get(form)
        if have is None or override or (have[0].kind == "region" and known.kind != "region"):
            self.surface[form] = [known]
        elif first:
            return
        elif known.kind in ("person",) and all(k.kind == "person" for k in have):
            if all(k.name != known.name for k in have):
                have.append(known)
        elif known.kind in ("person", "org") or have[0].kind in ("adjective", "region"):
            self.surface[form] = [known]

    def _add_iso_countries(self) -> None:
        import pycountry

        for c in pycountry.countries:
            code = self.dependencies.get(c.alpha_3, c.alpha_3)
            for form in {c.name, getattr(c, "common_name", c.name)}:
                if "(" not in form and not form.endswith(" of"):  # not 'Korea, Republic of'
                    self._add(form, Known("country", form, code, "GOV"), first=True)
                short = form.split(",")[0].split(" (")[0]  # 'Virgin Islands, British', 'Cocos (Keeling) Islands'
                inverted = "," in form and (" of" in form.split(",", 1)[1] or "Republic" in form)
                if short != form and not inverted:
                    have = self.surface.get(short)
                    if have and have[0].code != code and have[0].name == short:
                        del self.surface[short]  # two territories share the short name: neither
                    else:
                        self._add(short, Known("country", short, code, "GOV"), first=True)

    def merge(self, data: dict[str, Any], override: bool = False) -> None:
        for code, entry in data.get("countries", {}).items():
            self._add_country(code, entry, override)
        for name, code in data.get("dependency_names", {}).items():
            self._add(name, Known("country", name, code, "GOV"), override)
        for entry in data.get("partially_recognized", []):
            self._add_pre(entry, override)
        for form in data.get("regions", []):
            self._add(form, Known("region", form, None), override, first=not override)
        for entry in data.get("organizations", []):
            self._add_named("org", entry, override)
        for entry in data.get("people", []):
            self.people.append(self._add_named("person", entry, override))
        self.agents.update({k.lower(): v for k, v in data.get("agents", {}).items()})
        self.office_words = {k.split()[-1] for k, v in self.agents.items() if v.get("office")}
        self.former.update(x.lower() for x in data.get("former", []))
        self.titles.update(x.lower() for x in data.get("titles", []))
        self.collective.update(x.lower() for x in data.get("collective", []))

    def _add_country(self, code: str, entry: dict[str, Any], override: bool) -> None:
        names = entry.get("names", [])
        canonical = names[0] if names else code
        qid = entry.get("wikidata")
        for form in names:
            self._add(form, Known("country", canonical, code, "GOV", wikidata=qid), override)
        for form in entry.get("seats", []):
            self._add(form, Known("seat", canonical, code, "GOV", wikidata=qid), override)
        for form in entry.get("adjectives", []) + entry.get("regional_adjectives", []):
            self._add(form, Known("adjective", canonical, code, None, wikidata=qid), override, first=not override)

    def _add_pre(self, entry: dict[str, Any], override: bool) -> None:
        names = entry.get("names", [])
        code = entry["code"]
        for form in names:
            self._add(form, Known("country", names[0], code, "GOV", sectors=("PRE",)), override)
        for form in entry.get("adjectives", []):
            self._add(form, Known("adjective", names[0], code, None, sectors=("PRE",)), override)

    def _add_named(self, kind: str, entry: dict[str, Any], override: bool) -> Known:
        roles = tuple(Role(r.get("code", entry.get("code")), r.get("sector"), r.get("office"),
                           r.get("start"), r.get("end")) for r in entry.get("roles", []))
        if kind == "person" and not roles and entry.get("code"):
            roles = (Role(entry["code"], entry.get("sector"), entry.get("office")),)
        known = Known(kind, entry["name"], entry.get("code"), entry.get("sector"),
                      entry.get("office"), entry.get("wikidata"), roles, tuple(entry.get("sectors", [])))
        for form in [entry["name"], *entry.get("aliases", [])]:
            self._add(form, known, override)
        return known

    # -- matching ---------------------------------------------------------------
    def matcher(self, vocab: Any) -> Any:
        """A spaCy PhraseMatcher over every surface form (built once per process)."""
        if self._matcher is None or self._matcher.vocab is not vocab:
            from spacy.matcher import PhraseMatcher
            from spacy.tokens import Doc as SpacyDoc

            matcher = PhraseMatcher(vocab, attr="ORTH")
            tokenizer = _tokenizer(vocab)
            for form in self.surface:
                matcher.add(form, [SpacyDoc(vocab, words=tokenizer(form))])
            self._matcher = matcher
        return self._matcher

    # -- resolution -------------------------------------------------------------
    def resolve(self, cands: list[Known], date: str | None, office: str | None = None,
                former: bool = False) -> Resolution:
        """What the candidates of one surface form mean at `date`, given an optional title."""
        if not cands:
            return Resolution(None, None)
        if len(cands) == 1 and cands[0].kind != "person":
            k = cands[0]
            role = k.at(date)
            return Resolution(role.code, role.sector, role.office if k.kind == "org" else None,
                              k.name if k.kind != "region" else None, k.wikidata, k.sectors, k.kind)
        if date:
            return self._resolve_dated(cands, date, office, former)
        return self._resolve_undated(cands, office, former)

    def _person(self, k: Known, role: Role, former: bool) -> Resolution:
        sector, office = role.sector, role.office
        if former and sector in STATE_SECTORS:
            sector = "ELI"
            office = office if office is None or office.startswith("former") else f"former {office}"
        return Resolution(role.code, sector, office, k.name, k.wikidata, k.sectors, "person")

    def _resolve_dated(self, cands: list[Known], date: str, office: str | None, former: bool) -> Resolution:
        active = [(k, r) for k in cands for r in k.roles if r.active(date)]
        if office:
            titled = [(k, r) for k, r in active if office_matches(r.office, office)]
            active = titled or active
        people = {k.name for k, _ in active}
        if len(people) == 1:
            k, r = active[-1]
            return self._person(k, r, former)
        if len(people) > 1:
            return _shared([r for _, r in active], "person")
        past = [(k, r) for k in cands for r in k.roles if r.ended_before(date)]
        if office:
            past = [(k, r) for k, r in past if office_matches(r.office, office)] or past
        if past:
            k, _ = max(past, key=lambda kr: kr[1].end or "")
            return self._person(k, k.at(date), former)
        if len(cands) == 1:
            k = cands[0]
            return Resolution(k.roles[0].code if k.roles else k.code, None, None, k.name, k.wikidata, k.sectors, "person")
        return _shared([k.roles[0] for k in cands if k.roles], "person", sector=False)

    def _resolve_undated(self, cands: list[Known], office: str | None, former: bool) -> Resolution:
        pairs = [(k, r) for k in cands for r in k.roles]
        if office:
            pairs = [(k, r) for k, r in pairs if office_matches(r.office, office)] or pairs
        names = {k.name for k, _ in pairs}
        res = _shared([r for _, r in pairs], "person")
        if len(names) == 1:
            k = pairs[0][0]
            res.name, res.wikidata = k.name, k.wikidata
        if former and res.sector in STATE_SECTORS:
            res.sector = "ELI"
        return res

    def office_holder(self, code: str, office: str, date: str | None) -> Known | None:
        """Who held `office` (e.g. 'president', or 'leader' = head of state/government) at `date`."""
        if not date:
            return None
        wanted = HEAD_OFFICES if office == "leader" else (office,)
        for want in wanted:
            for person in self.people:
                for r in person.roles:
                    if r.code == code and r.active(date) and office_matches(r.office, want):
                        return person
        return None

    def lookup(self, form: str) -> list[Known]:
        return self.surface.get(form, [])


def _shared(roles: list[Role], kind: str, sector: bool = True) -> Resolution:
    """Only what every candidate role agrees on."""
    codes = {r.code for r in roles}
    sectors = {r.sector for r in roles}
    offices = {r.office for r in roles}
    return Resolution(codes.pop() if len(codes) == 1 else None,
                      sectors.pop() if sector and len(sectors) == 1 else None,
                      offices.pop() if len(offices) == 1 else None, kind=kind)


def _tokenizer(vocab: Any):
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    return lambda text: [t.text for t in nlp.tokenizer(text)]


def longest_matches(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Greedy longest-first, non-overlapping matches, in text order."""
    taken: set[int] = set()
    out = []
    for match_id, i, j in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if not taken.intersection(range(i, j)):
            taken.update(range(i, j))
            out.append((match_id, i, j))
    return sorted(out, key=lambda m: m[1])


__all__ = ["ActorDictionary", "Known", "Role", "Resolution", "HEAD_OFFICES", "UsageError", "longest_matches",
           "office_class", "office_matches"]
