"""CAMEO / GDELT-like tab-separated rows: PLOVER types mapped back to CAMEO codes.

One header line, then one row per record, with GDELT 1.0 event-table column names where the
meaning carries over, and parley's own columns at the end. What differs from GDELT, on purpose:
  - GLOBALEVENTID is parley's event id (a string), DATEADDED the coding date (YYYYMMDD);
  - SQLDATE is empty unless the event's date is a full day (MonthYear/Year carry what is known:
    unknown is left empty, not guessed);
  - GoldsteinScale holds the PLOVER conflict-cooperation score of the type/mode (event_scale,
    on the same -10..+10 range), not GDELT's Goldstein value; AvgTone is empty (not computed);
  - NumMentions = NumArticles = reports, NumSources = independent reports;
  - Actor*CountryCode and ActionGeo_CountryCode are ISO 3166 alpha-3 (GDELT's geo columns use
    FIPS), ActionGeo_ADM1Code is ISO 3166-2 (e.g. UA-65); ActionGeo_Type: 1 country,
    5 province, 4 city or finer.
The PLOVER -> CAMEO table is data: parley/data/cameo_roots.json.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, TextIO

from parley.export import register

COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
           "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
           "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
           "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
           "NumMentions", "NumSources", "NumArticles", "AvgTone",
           "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
           "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
           "PLOVER_Event", "PLOVER_Mode", "Modality", "ArticleID", "Sentence"]
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return json.loads(resources.files("parley.data").joinpath("cameo_roots.json").read_text("utf-8"))["types"]


def cameo_code(event: str, modes: list[str], contexts: list[str]) -> str | None:
    """The CAMEO code for a PLOVER type with its modes (first mode with a code wins) and contexts."""
    entry = table().get(event)
    if entry is None:
        return None
    for mode in modes:
        if mode in entry.get("modes", {}):
            return entry["modes"][mode]
    for ctx in contexts:
        if ctx in entry.get("contexts", {}):
            return entry["contexts"][ctx]
    return entry["code"]


def _dates(date: str | None) -> tuple[str, str, str, str]:
    """(SQLDATE, MonthYear, Year, FractionDate) from YYYY[-MM[-DD]]; what is unknown stays empty."""
    if not date:
        return "", "", "", ""
    parts = date.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    if day:
        from datetime import date as Date

        d = Date(int(year), int(month), int(day))
        fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
        return f"{year}{month}{day}", f"{year}{month}", year, fraction
    return "", f"{year}{month}" if month else "", year, ""


def _actor(ents: list[dict[str, Any]]) -> tuple[str, str, str, str]:
    if not ents:
        return "", "", "", ""
    e = ents[0]
    code, sector = e.get("code") or "", e.get("sector") or ""
    country = code if code and code not in NON_STATE else ""
    return code + sector, e.get("identifier_text") or e.get("entity_text") or "", country, sector


def _geo(loc: dict[str, Any] | None) -> list[Any]:
    if not loc:
        return ["", "", "", "", "", ""]
    res = loc.get("resolution")
    kind = "" if res is None else (1 if res <= 1 else 5 if res == 2 else 4)
    return [kind, loc.get("resolved_place") or loc.get("extracted_place") or "", loc.get("country_code") or "",
            loc.get("province_code") or "", loc.get("lat"), loc.get("lon")]


def row(r: dict[str, Any]) -> list[Any]:
    event = r["event"][0] if r["event"] else ""
    code = cameo_code(event, r["mode"], r["context"]) or ""
    sqldate, month, year, fraction = _dates(r["date"])
    added = (r.get("coded_date") or "").replace("-", "")
    cells = [r["id"], sqldate, month, year, fraction, *_actor(r["actor"]), *_actor(r["recipient"]),
             1, code, code[:3], code[:2], r["quad_code"], r["event_scale"],
             r["reports"], r["independent_reports"], r["reports"], "", *_geo(r.get("event_loc")),
             added, r["cite_info"].get("url") or "", event, ",".join(r["mode"]), r["modality"],
             r["article_id"], r["text_info"].get("sequence")]
    return ["" if c is None else str(c).replace("\t", " ").replace("\n", " ") for c in cells]


@register("cameo")
class Cameo:
    name = "cameo"
    binary = False

    def write(self, records: Iterable[dict], out: TextIO) -> int:
        out.write("\t".join(COLUMNS) + "\n")
        n = 0
        for rec in records:
            out.write("\t".join(row(rec)) + "\n")
            n += 1
        return n
