"""CSV: one row per record, flat columns (lists joined with " | "), for spreadsheets and R/pandas.

Columns are declared once (COLUMNS) from the contract record of parley.export.records. Text
cells that a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) get a
leading apostrophe: titles and quotes come from pages in the wild.
"""
from __future__ import annotations

import csv
import re
from typing import Any, Callable, Iterable, TextIO

from parley.export import register

SEP = " | "
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _ents(key: str, field: str) -> Callable[[dict], str]:
    return lambda r: SEP.join("" if e.get(field) is None else str(e[field]) for e in r[key])


def _loc(field: str) -> Callable[[dict], Any]:
    return lambda r: (r.get("event_loc") or {}).get(field)


COLUMNS: list[tuple[str, Callable[[dict], Any]]] = [
    ("id", lambda r: r["id"]), ("article_id", lambda r: r["article_id"]),
    ("mention_id", lambda r: r.get("mention_id")),
    ("date", lambda r: r["date"]), ("enddate", lambda r: r["enddate"]), ("date_text", lambda r: r["date_text"]),
    ("event", lambda r: SEP.join(r["event"])), ("mode", lambda r: SEP.join(r["mode"])),
    ("context", lambda r: SEP.join(r["context"])), ("quad_code", lambda r: r["quad_code"]),
    ("event_scale", lambda r: r["event_scale"]),
    ("actor_code", _ents("actor", "code")), ("actor_sector", _ents("actor", "sector")),
    ("actor_text", _ents("actor", "entity_text")), ("actor_name", _ents("actor", "identifier_text")),
    ("actor_wikidata", _ents("actor", "identifier_id")),
    ("recipient_code", _ents("recipient", "code")), ("recipient_sector", _ents("recipient", "sector")),
    ("recipient_text", _ents("recipient", "entity_text")), ("recipient_name", _ents("recipient", "identifier_text")),
    ("recipient_wikidata", _ents("recipient", "identifier_id")),
    ("event_text", lambda r: SEP.join(r["event_text"])), ("modality", lambda r: r["modality"]),
    ("conditions", lambda r: SEP.join(r["conditions"])),
    ("attribution", lambda r: SEP.join(f"{a['text']} ({a['kind']})" for a in r["attribution"])),
    ("place", _loc("resolved_place")), ("place_text", _loc("extracted_place")),
    ("place_country", _loc("country_code")), ("place_province_code", _loc("province_code")),
    ("place_lat", _loc("lat")), ("place_lon", _loc("lon")),
    ("story_id", lambda r: r["story_id"]), ("reports", lambda r: r["reports"]),
    ("independent_reports", lambda r: r["independent_reports"]), ("confidence", lambda r: r["confidence"]),
    ("sentence", lambda r: r["text_info"].get("sequence")), ("sentence_start", lambda r: r["text_info"].get("start")),
    ("sentence_end", lambda r: r["text_info"].get("end")),
    ("url", lambda r: r["cite_info"]["url"]), ("title", lambda r: r["cite_info"]["title"]),
    ("publication", lambda r: r["cite_info"]["publication"]), ("language", lambda r: r["cite_info"]["language"]),
    ("coder", lambda r: r["coder"]), ("coded_date", lambda r: r["coded_date"]),
]


def defuse(value: Any) -> Any:
    """A text cell that a spreadsheet would evaluate gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(value):
        return "'" + value
    return value


def row(record: dict[str, Any]) -> list[Any]:
    return ["" if (v := get(record)) is None else defuse(v) for _, get in COLUMNS]


@register("csv")
class Csv:
    name = "csv"
    binary = False

    def write(self, records: Iterable[dict], out: TextIO) -> int:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in COLUMNS])
        n = 0
        for rec in records:
            writer.writerow(row(rec))
            n += 1
        return n
